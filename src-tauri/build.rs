//! Builds the window's command list from `src/commands/` (see `build/commands.rs`):
//! the router that `src/main.rs` includes, the permission set the capability
//! grants, Tauri's own permission files, and the TypeScript client, which a test
//! compares with `ui/src/lib/commands.ts`.

use std::path::{Path, PathBuf};

#[path = "build/commands.rs"]
mod commands;

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src/commands");
    println!("cargo:rerun-if-changed=build/commands.rs");
    let list = commands::read(Path::new("src/commands")).unwrap_or_else(|e| panic!("{e}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    write_if_changed(&out.join("handler.rs"), &commands::handler(&list));
    let quoted: Vec<String> = list.iter().map(|c| format!("{:?}", c.name)).collect();
    write_if_changed(&out.join("names.rs"), &format!("&[{}]", quoted.join(", ")));
    let (client, types) = commands::client(&list).unwrap_or_else(|e| panic!("{e}"));
    write_if_changed(&out.join("client.ts"), &client);
    let types: Vec<String> = types.into_iter().collect();
    write_if_changed(&out.join("client-types.txt"), &types.join("\n"));
    write_if_changed(
        Path::new("permissions/app-commands.toml"),
        &commands::permission_set(&list),
    );
    // Tauri keeps the names for the life of the build script, which is this run.
    let names: &'static [&'static str] = Box::leak(
        list.iter()
            .map(|c| &*Box::leak(c.name.clone().into_boxed_str()))
            .collect::<Vec<&'static str>>()
            .into_boxed_slice(),
    );
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(names));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
