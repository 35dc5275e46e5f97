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
# One build for the tests and the app the window tests drive: --all-targets has the same features as `cargo test`
# (dev-dependencies on) and also puts saiwu-desk and saiwu into target/debug, so nothing is compiled twice.
cargo build --workspace --exclude saiwu-e2e --all-targets
cargo test --workspace --exclude saiwu-e2e

echo "==> 端到端：真实窗口（Xvfb + tauri-driver + WebKitWebDriver）"
xvfb-run -a --server-args="-screen 0 1400x900x24" cargo test -p saiwu-e2e -- --test-threads=1
echo "==> 全部测试通过"
