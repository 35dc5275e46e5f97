#!/usr/bin/env bash
# Refreshes the 操作手册's screenshots (docs/manual/img) from the window tests, so the manual shows the app as it
# is: `layouts` screenshots every page and tab of a scored, awarded contest at 1366×768 (the common office
# screen), `first_run` the welcome page. The chosen ones are copied under the names the Markdown uses; then the UI
# is rebuilt (the 帮助 page bundles them) and the PDF is written with the project's own PDF code.
#   bash scripts/manual-screenshots.sh            # needs xvfb-run, tauri-driver, WebKitWebDriver (tests/e2e/README.md)
# Commit docs/manual/img afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

echo "==> 构建界面和程序"
npm --prefix ui run build --silent
cargo build -p saiwu-desk -p saiwu-cli
echo "==> 运行窗口测试（layouts、first_run），生成截图"
CI=true xvfb-run -a --server-args="-screen 0 1400x900x24" \
  cargo test -p saiwu-e2e --test layouts --test first_run -- --test-threads=1

shots=tests/e2e/screenshots
img=docs/manual/img
mkdir -p "$img"
copy() {
  if [ ! -f "$shots/$1" ]; then
    echo "错误：窗口测试没有生成截图 $shots/$1" >&2
    exit 1
  fi
  cp "$shots/$1" "$img/$2"
}
copy first-run-01-welcome.png welcome.png
for page in dashboard settings import entries screening judging-panels judging-scores judging-ranking judging-draw \
  awards-list awards-units certificates season-objections season-followup backups; do
  copy "layout-1366x768-$page.png" "$page.png"
done
# Every picture the Markdown names must now exist.
missing=0
for src in $(grep -ho '](img/[^)]*)' docs/manual/*.md | sed 's/^](//; s/)$//' | sort -u); do
  [ -f "docs/manual/$src" ] || { echo "错误：手册引用的截图 docs/manual/$src 不存在" >&2; missing=1; }
done
[ "$missing" = 0 ] || exit 1
echo "==> 已更新 $img（$(ls "$img" | wc -l) 张），重新构建界面（帮助页打包截图）"
npm --prefix ui run build --silent
mkdir -p target
"${CARGO_TARGET_DIR:-target}/debug/saiwu" manual --dir docs/manual --out target/操作手册.pdf
