//! On Windows, gives `assent.exe` the Assent icon and version information,
//! so Explorer, Task Manager and security tools show what it is rather than
//! an anonymous file. Other targets need nothing.

fn main() {
    println!("cargo:rerun-if-changed=../../../assets/icons/icon.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets the version");
    let mut numbers = version
        .split(['.', '-', '+'])
        .map(|n| n.parse::<u64>().unwrap_or(0));
    let packed = (0..4).fold(0_u64, |acc, _| (acc << 16) | numbers.next().unwrap_or(0));
    let mut res = tauri_winres::WindowsResource::new();
    res.set_icon("../../../assets/icons/icon.ico")
        .set("ProductName", "Assent")
        .set("FileDescription", "Assent command line")
        .set("CompanyName", "Assent")
        .set("LegalCopyright", "Assent contributors, AGPL-3.0-or-later")
        .set("OriginalFilename", "assent.exe")
        .set("FileVersion", &version)
        .set("ProductVersion", &version)
        .set_version_info(tauri_winres::VersionInfo::FILEVERSION, packed)
        .set_version_info(tauri_winres::VersionInfo::PRODUCTVERSION, packed);
    res.compile()
        .expect("the Windows resource for assent.exe could not be compiled");
}
