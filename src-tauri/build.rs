fn main() {
    // The window's assets are embedded at compile time: fail early with a clear message when the UI
    // has not been built yet (a fresh clone has no ui/dist).
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/dist/index.html");
    if !dist.is_file() {
        panic!("ui/dist 不存在：请先构建界面：npm --prefix ui ci && npm --prefix ui run build");
    }
    println!("cargo:rerun-if-changed=../ui/dist");
    tauri_build::build()
}
