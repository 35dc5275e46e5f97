#!/usr/bin/env bash
# Builds the release app (Tauri's custom protocol: the UI served from the binary, as shipped) and its .deb with the
# npm Tauri CLI. The .deb ends in <target>/release/bundle/deb/ (<target> = $CARGO_TARGET_DIR or ./target).
#
# The release build goes to its own folder — $SAIWU_RELEASE_DIR, or a temporary one that is removed afterwards
# (about 2 GB) — so the debug build of the tests and the release build never share, nor together fill, target/.
# Set SAIWU_RELEASE_DIR to a kept folder to make the next run incremental. `--test` then runs the window test of
# the packaged app (tests/e2e/tests/package_deb.rs).
#
# Windows (NSIS, .exe) cannot be built here: see README「安装包」for the command on a Windows machine.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
case $target in /*) ;; *) target=$root/$target ;; esac
[ -x ui/node_modules/.bin/tauri ] || npm --prefix ui ci --silent

if [ -n "${SAIWU_RELEASE_DIR:-}" ]; then
  rel=$SAIWU_RELEASE_DIR
  keep=1
else
  rel=$(mktemp -d "${TMPDIR:-/tmp}/saiwu-release.XXXXXX")
  keep=0
fi
cleanup() { [ "$keep" = 1 ] || rm -rf "$rel"; }
trap cleanup EXIT

echo "==> 打包：发行版构建与 .deb（构建目录 $rel）"
start=$(date +%s)
npm --prefix ui run build --silent
# tauri.deb.conf.json gives the package an ASCII name (saiwu-desk): dpkg refuses a Chinese `Package:`; the menu
# entry keeps 创客大赛秘书处 (src-tauri/deb/saiwu-desk.desktop). The UI is built just above (the CLI's own
# beforeBuildCommand runs from a folder that depends on how it is called, so it is switched off there).
CARGO_TARGET_DIR=$rel ui/node_modules/.bin/tauri build --bundles deb --config "$root/src-tauri/tauri.deb.conf.json" --ci
secs=$(( $(date +%s) - start ))

deb=$(ls "$rel"/release/bundle/deb/*.deb | head -n1)
mkdir -p "$target/release/bundle/deb"
rm -f "$target"/release/bundle/deb/*.deb
cp "$deb" "$target/release/bundle/deb/"
out="$target/release/bundle/deb/$(basename "$deb")"

# The package must install: an ASCII name, the runtime libraries (Tauri adds libwebkit2gtk-4.1-0 and libgtk-3-0
# itself), the binary, the menu entry and its icon.
[ "$(dpkg-deb -f "$out" Package)" = saiwu-desk ] || { echo "包名不是 saiwu-desk" >&2; exit 1; }
dpkg-deb -f "$out" Depends | grep -q libwebkit2gtk-4.1-0 || { echo "Depends 缺少 libwebkit2gtk-4.1-0" >&2; exit 1; }
files=$(dpkg-deb -c "$out")
for f in ./usr/bin/saiwu-desk ./usr/share/applications/saiwu-desk.desktop ./usr/share/icons/hicolor/128x128/apps/saiwu-desk.png; do
  # dpkg-deb -c lists the paths with or without the leading ./ (depending on who built the archive).
  grep -qE " (\./)?${f#./}\$" <<<"$files" || { echo ".deb 中缺少 $f" >&2; exit 1; }
done

echo "==> 打包完成：$out（$(du -h "$out" | cut -f1)，用时 ${secs} 秒）"
echo "    发行版构建目录 $(du -sh "$rel" | cut -f1)；target/ $(du -sh "$target" 2>/dev/null | cut -f1)；磁盘剩余 $(df -h "$target" | awk 'NR==2 {print $4}')"

# --test: start the packaged binary in a real window (tests/e2e/tests/package_deb.rs, ignored in the default run
# because it needs this script's release build).
if [ "${1:-}" = "--test" ]; then
  export CI=${CI:-true}
  xvfb-run -a --server-args="-screen 0 1400x900x24" cargo test -p saiwu-e2e --test package_deb -- --ignored --test-threads=1
fi
