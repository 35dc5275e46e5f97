#!/usr/bin/env bash
# Runs every test: Rust core/CLI/app (cargo test), UI logic (Vitest), and the end-to-end tests that
# drive the real window through tauri-driver + WebKitWebDriver under Xvfb. Installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
. scripts/env.sh
export CARGO_TERM_COLOR=never

echo "==> 界面：类型检查、构建、Vitest"
npm --prefix ui run build --silent
npm --prefix ui test --silent

echo "==> Rust：cargo test（核心、命令行、桌面命令）"
cargo test --workspace --exclude saiwu-e2e

echo "==> 端到端：真实窗口（Xvfb + tauri-driver + WebKitWebDriver）"
cargo build -p saiwu-desk -p saiwu-cli
xvfb-run -a --server-args="-screen 0 1400x900x24" cargo test -p saiwu-e2e -- --test-threads=1
echo "==> 全部测试通过"
