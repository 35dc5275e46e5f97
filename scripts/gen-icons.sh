#!/usr/bin/env bash
# Renders the app icon (assets/icon/icon.svg) into the PNG sizes Tauri bundles and a Windows .ico (PNG entries,
# 16–256 px) in src-tauri/icons/. The outputs are committed; run this only after changing the SVG.
# Needs rsvg-convert (Debian: apt-get install -y librsvg2-bin) and python3 (no extra modules).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rsvg-convert >/dev/null || { echo "需要 rsvg-convert：sudo apt-get install -y librsvg2-bin" >&2; exit 1; }
src=assets/icon/icon.svg
out=src-tauri/icons
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
png() { rsvg-convert -w "$1" -h "$1" "$src" -o "$2"; }
png 32 "$out/32x32.png"
png 128 "$out/128x128.png"
png 256 "$out/128x128@2x.png"
png 512 "$out/icon.png"
for s in 16 24 32 48 64 128 256; do png "$s" "$tmp/$s.png"; done
# ICO = ICONDIR + one ICONDIRENTRY per size + the PNG bytes (PNG-compressed entries: Windows Vista and later).
python3 - "$tmp" "$out/icon.ico" <<'PY'
import struct, sys, os
tmp, target = sys.argv[1], sys.argv[2]
sizes = [16, 24, 32, 48, 64, 128, 256]
blobs = [open(os.path.join(tmp, f"{s}.png"), "rb").read() for s in sizes]
head = struct.pack("<HHH", 0, 1, len(sizes))
offset = 6 + 16 * len(sizes)
entries = b""
for s, b in zip(sizes, blobs):
    d = 0 if s == 256 else s  # 0 means 256
    entries += struct.pack("<BBBBHHII", d, d, 0, 0, 1, 32, len(b), offset)
    offset += len(b)
open(target, "wb").write(head + entries + b"".join(blobs))
PY
ls -l "$out"
