//! Reads the window's commands from `src/commands/*.rs`, where each is written
//! once as a `#[tauri::command]` function, and derives from them everything
//! else that names a command: the router, the permission set the capability
//! grants, and the typed TypeScript client. Nothing else lists them.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use syn::{FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

/// One command, as its function declares it.
pub struct Command {
    /// The module under `src/commands/`.
    pub module: String,
    /// The function's name, which is the command's name.
    pub name: String,
    /// The function's doc comment, line by line.
    pub docs: Vec<String>,
    /// The arguments the window sends, in order.
    pub params: Vec<(String, Type)>,
    /// What it answers with, `Result` unwrapped.
    pub returns: Option<Type>,
}

/// Words JavaScript does not allow as a parameter's name.
const RESERVED: [&str; 12] = [
    "class", "new", "delete", "default", "function", "var", "let", "const", "enum", "export",
    "import", "in",
];

/// Arguments Tauri fills in itself rather than taking from the window.
const INJECTED: [&str; 4] = ["State", "AppHandle", "Window", "WebviewWindow"];

/// Every command in the files of `dir`, by module then in file order.
pub fn read(dir: &Path) -> Result<Vec<Command>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs") && !p.ends_with("mod.rs"))
        .collect();
    files.sort();
    let mut commands = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let parsed = syn::parse_file(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        let module = file.file_stem().unwrap().to_string_lossy().into_owned();
        for item in parsed.items {
            let Item::Fn(f) = item else { continue };
            if !f.attrs.iter().any(|a| {
                let segs: Vec<String> = a
                    .path()
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                segs == ["tauri", "command"]
            }) {
                continue;
            }
            let docs = f
                .attrs
                .iter()
                .filter_map(|a| match &a.meta {
                    syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }) => Some(s.value().trim().to_owned()),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            let mut params = Vec::new();
            for input in &f.sig.inputs {
                let FnArg::Typed(t) = input else { continue };
                if last_ident(&t.ty).is_some_and(|i| INJECTED.contains(&i.as_str())) {
                    continue;
                }
                let Pat::Ident(name) = &*t.pat else {
                    return Err(format!(
                        "{}: {} takes an argument that is not a plain name",
                        file.display(),
                        f.sig.ident
                    ));
                };
                params.push((name.ident.to_string(), (*t.ty).clone()));
            }
            let returns = match &f.sig.output {
                ReturnType::Default => None,
                ReturnType::Type(_, ty) => Some(unwrap_result(ty)),
            };
            commands.push(Command {
                module: module.clone(),
                name: f.sig.ident.to_string(),
                docs,
                params,
                returns,
            });
        }
    }
    Ok(commands)
}

fn last_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Reference(r) => last_ident(&r.elem),
        _ => None,
    }
}

/// The first type argument of a generic type (`T` of `Vec<T>`).
fn first_arg(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let PathArguments::AngleBracketed(args) = &p.path.segments.last()?.arguments else {
        return None;
    };
    args.args.iter().find_map(|a| match a {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

fn unwrap_result(ty: &Type) -> Type {
    if last_ident(ty).as_deref() == Some("Result") {
        if let Some(inner) = first_arg(ty) {
            return inner.clone();
        }
    }
    ty.clone()
}

/// The TypeScript for a Rust type as serde sends it; named types are recorded in `names`.
fn ts(ty: &Type, names: &mut BTreeSet<String>) -> Result<String, String> {
    match ty {
        Type::Reference(r) => ts(&r.elem, names),
        Type::Tuple(t) if t.elems.is_empty() => Ok("null".to_owned()),
        Type::Path(_) => {
            let ident = last_ident(ty).unwrap_or_default();
            Ok(match ident.as_str() {
                "String" | "str" | "PathBuf" | "Path" => "string".to_owned(),
                "bool" => "boolean".to_owned(),
                "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
                | "f32" | "f64" => "number".to_owned(),
                "Vec" => {
                    let inner = ts(first_arg(ty).ok_or("Vec without a type")?, names)?;
                    if inner.contains(' ') {
                        format!("({inner})[]")
                    } else {
                        format!("{inner}[]")
                    }
                }
                "Option" => format!(
                    "{} | null",
                    ts(first_arg(ty).ok_or("Option without a type")?, names)?
                ),
                "Box" => ts(first_arg(ty).ok_or("Box without a type")?, names)?,
                _ if first_arg(ty).is_some() => {
                    return Err(format!("{ident}<…> has no TypeScript form here"));
                }
                _ => {
                    names.insert(ident.clone());
                    ident
                }
            })
        }
        _ => Err("a type with no TypeScript form here".to_owned()),
    }
}

/// `import_preview` → `importPreview`, as Tauri names arguments and as the client names functions.
pub fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The client: one function per command. Returns the code and the named types it uses.
pub fn client(commands: &[Command]) -> Result<(String, BTreeSet<String>), String> {
    let mut names = BTreeSet::new();
    let mut out = String::new();
    for c in commands {
        let why = |e: String| format!("command {}: {e}", c.name);
        let returns = match &c.returns {
            Some(t) => ts(t, &mut names).map_err(why)?,
            None => "null".to_owned(),
        };
        let mut params = Vec::new();
        let mut channels = Vec::new();
        let mut keys = Vec::new();
        for (name, ty) in &c.params {
            let key = camel(name);
            // A key such as `class` is a word JavaScript keeps for itself as a name.
            let js = if RESERVED.contains(&key.as_str()) {
                format!("{key}_")
            } else {
                key.clone()
            };
            if last_ident(ty).as_deref() == Some("Channel") {
                let message =
                    ts(first_arg(ty).ok_or("Channel without a type")?, &mut names).map_err(why)?;
                params.push(format!("{js}: (message: {message}) => void"));
                channels.push((js.clone(), message));
                keys.push(format!("{key}: {js}Channel"));
            } else {
                params.push(format!("{js}: {}", ts(ty, &mut names).map_err(why)?));
                keys.push(if js == key {
                    js
                } else {
                    format!("{key}: {js}")
                });
            }
        }
        out.push('\n');
        if !c.docs.is_empty() {
            out.push_str("/**\n");
            for line in &c.docs {
                if line.is_empty() {
                    out.push_str(" *\n");
                } else {
                    let _ = writeln!(out, " * {}", line.replace("*/", "*\\/"));
                }
            }
            out.push_str(" */\n");
        }
        let _ = writeln!(
            out,
            "export function {}({}): Promise<{returns}> {{",
            camel(&c.name),
            params.join(", ")
        );
        for (js, message) in &channels {
            let _ = writeln!(out, "  const {js}Channel = new Channel<{message}>();");
            let _ = writeln!(out, "  {js}Channel.onmessage = {js};");
        }
        if keys.is_empty() {
            let _ = writeln!(out, "  return invoke<{returns}>(\"{}\");", c.name);
        } else {
            let _ = writeln!(
                out,
                "  return invoke<{returns}>(\"{}\", {{ {} }});",
                c.name,
                keys.join(", ")
            );
        }
        out.push_str("}\n");
    }
    Ok((out, names))
}

/// The router: `tauri::generate_handler!` over every command.
pub fn handler(commands: &[Command]) -> String {
    let paths: Vec<String> = commands
        .iter()
        .map(|c| format!("commands::{}::{}", c.module, c.name))
        .collect();
    format!(
        "tauri::generate_handler![\n    {}\n]\n",
        paths.join(",\n    ")
    )
}

/// The permission set the main window's capability grants: every command, and nothing else.
pub fn permission_set(commands: &[Command]) -> String {
    let mut out = String::from(
        "# Generated by build.rs from src/commands/: every command the window may call.\n\n[[set]]\nidentifier = \"app-commands\"\ndescription = \"Every command of the Assent window.\"\npermissions = [\n",
    );
    for c in commands {
        let _ = writeln!(out, "  \"allow-{}\",", c.name.replace('_', "-"));
    }
    out.push_str("]\n");
    out
}
