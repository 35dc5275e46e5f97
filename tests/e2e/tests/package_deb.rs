//! The shipped package, not the debug build (issue #14): the `.deb` that `scripts/package.sh` made is unpacked with
//! `dpkg-deb -x`, its control fields, menu entry and icon are checked, and the packaged binary (the release build
//! with the custom protocol) is started through tauri-driver: the navigation appears and 关于 names the release, the
//! data folder, the contest file and the licences. The `.deb` is looked for in `$SAIWU_DEB`, or
//! `<target>/release/bundle/deb/` (`$CARGO_TARGET_DIR` or `target/`); a missing one fails the test. It is ignored in
//! the default run (it needs the release build) and run by `bash scripts/package.sh --test`, which builds the .deb
//! first.

use std::path::PathBuf;
use std::process::Command;

use saiwu_e2e::*;

fn deb_path() -> PathBuf {
    if let Some(p) = std::env::var_os("SAIWU_DEB").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").filter(|v| !v.is_empty()).map(PathBuf::from).unwrap_or_else(|| root().join("target"));
    let target = if target.is_absolute() { target } else { root().join(target) };
    let dir = target.join("release/bundle/deb");
    let found = std::fs::read_dir(&dir).ok().and_then(|rd| rd.flatten().map(|e| e.path()).find(|p| p.extension().is_some_and(|x| x == "deb")));
    found.unwrap_or_else(|| panic!("E2E SETUP FAILED: no .deb in {}: run `bash scripts/package.sh` first (or set SAIWU_DEB)", dir.display()))
}

/// `dpkg-deb ARGS…` (the archive among them); its standard output.
fn dpkg_deb(args: &[&std::ffi::OsStr]) -> String {
    let out =
        Command::new("dpkg-deb").args(args).output().unwrap_or_else(|e| panic!("E2E SETUP FAILED: dpkg-deb is needed to read the package: {e}"));
    assert!(out.status.success(), "dpkg-deb {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the .deb of scripts/package.sh (a release build): run by `bash scripts/package.sh --test`"]
async fn the_packaged_app_starts_and_names_its_release() {
    let deb = deb_path();
    assert!(deb.is_file(), "{} is missing", deb.display());

    // The control fields dpkg and apt read: an ASCII package name, the runtime libraries, the release.
    let control = |field: &str| dpkg_deb(&["-f".as_ref(), deb.as_os_str(), field.as_ref()]);
    assert_eq!(control("Package"), "saiwu-desk");
    assert_eq!(control("Version"), env!("CARGO_PKG_VERSION"));
    assert!(control("Depends").contains("libwebkit2gtk-4.1-0"), "Depends: {}", control("Depends"));

    // Unpacked as dpkg would install it.
    let tmp = tempfile::Builder::new().prefix("saiwu-deb-").tempdir().unwrap();
    dpkg_deb(&["-x".as_ref(), deb.as_os_str(), tmp.path().as_os_str()]);
    let bin = tmp.path().join("usr/bin/saiwu-desk");
    assert!(bin.is_file(), "no usr/bin/saiwu-desk in the package");

    // The menu entry: the Chinese name, the binary and the product's own icon (the committed one, not Tauri's).
    let desktop = std::fs::read_to_string(tmp.path().join("usr/share/applications/saiwu-desk.desktop")).expect("the menu entry");
    for line in ["Name=创客大赛秘书处", "Exec=saiwu-desk", "Icon=saiwu-desk", "Type=Application"] {
        assert!(desktop.lines().any(|l| l == line), "the menu entry lacks {line:?}:\n{desktop}");
    }
    let icon = std::fs::read(tmp.path().join("usr/share/icons/hicolor/128x128/apps/saiwu-desk.png")).expect("the 128 px icon");
    assert_eq!(icon, std::fs::read(repo_file("src-tauri/icons/128x128.png")).unwrap(), "the packaged icon is the product's");

    // The packaged binary in the window (the e2e library starts `$SAIWU_APP`); it waits for the navigation.
    // Set before the app starts; this binary holds this one test.
    std::env::set_var("SAIWU_APP", &bin);
    let mut app = App::launch("package_deb").await;
    app.step("打包的程序：导航出现");
    let items = app.count(&format!("{} li", tid("nav"))).await;
    app.check(items >= 5, format!("the navigation has {items} items")).await;

    app.step("关于：版本、数据文件夹、赛事文件、许可证");
    app.click_testid("about-open").await;
    app.wait_testid("about-dialog").await;
    app.wait_text("about-version", env!("CARGO_PKG_VERSION")).await;
    let db = app.db.to_string_lossy().to_string();
    app.wait_text("about-contest-path", &db).await;
    let data = app.text(&tid("about-data-dir")).await;
    app.check(data.ends_with("data") && data.contains("saiwu-e2e-"), format!("the data folder is the test's --data-dir, not {data:?}")).await;
    app.wait_text_where(&tid("about-licence-summary-crates"), "a tally of the Rust crates", |t| t.starts_with("共 ") && t.contains("MIT")).await;
    let rows = app.count(&format!("{} .el-table__body tr", tid("about-licence-table"))).await;
    app.check(rows > 50, format!("the licence table shows {rows} rows")).await;
    // Element Plus puts the test id on the native <input> itself.
    app.type_into(&format!("input{t}, {t} input", t = tid("about-licence-filter")), "tauri-runtime-wry").await;
    app.wait_content_where(&format!("{} .el-table__body", tid("about-licence-table")), "the filtered row", |t| {
        t.contains("tauri-runtime-wry") && t.contains("Apache-2.0")
    })
    .await;
    app.shot("about").await;
    app.close().await;
}
