#!/usr/bin/env bash
# Runs every test: Rust core/CLI/app (cargo test), UI logic (Vitest), and the end-to-end tests that
# drive the real window through tauri-driver + WebKitWebDriver under Xvfb. Installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
. scripts/env.sh
export CARGO_TERM_COLOR=never
run_start=$(date +%s)

# Disk in use on the checkout's and the temporary folder's file systems (each counted once), sampled every
# 5 s from here on: CI's disk is small (an earlier run died of a full one), so the peak is reported at the end.
disk_used() { df -P -B1M . "${TMPDIR:-/tmp}" | awk 'NR > 1 && !seen[$1]++ { s += $3 } END { print s }'; }
disk_start=$(disk_used)
peak_file=$(mktemp)
echo "$disk_start" >"$peak_file"
( peak=$disk_start; while sleep 5; do u=$(disk_used); if [ "$u" -gt "$peak" ]; then peak=$u; echo "$peak" >"$peak_file"; fi; done ) &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true; rm -f "$peak_file"' EXIT

echo "==> 界面：类型检查、构建、Vitest"
npm --prefix ui run build --silent
npm --prefix ui test --silent

echo "==> 安装包：发行版构建、.deb，并在窗口中启动打包的程序（tests/e2e/tests/package_deb.rs）"
# First, while target/ is still small: the release build goes to a temporary folder that package.sh removes when it
# ends (about 2 GB), so it never adds to the debug build below — the disk's peak is the larger of the two, not both.
package_start=$(date +%s)
bash scripts/package.sh --test
package_secs=$(( $(date +%s) - package_start ))

echo "==> Rust：cargo test（核心、命令行、桌面命令）"
# saiwu-desk's main.rs (tauri::generate_context!, which embeds ui/dist) is compiled once per cargo invocation:
# its bin and lib have no test or bench targets (src-tauri/Cargo.toml). Two parallel compiles of it share an OUT_DIR
# and one can embed the other's half-written asset, a blank window.
cargo build --workspace --exclude saiwu-e2e --all-targets
cargo test --workspace --exclude saiwu-e2e

echo "==> 绑定：ui/src/api/gen 是否与 Rust 类型一致（ts-rs，重新生成后比较）"
bash scripts/gen-bindings.sh --check

echo "==> 许可证清单：assets/licenses.json 是否与 Cargo / npm 依赖一致"
python3 scripts/gen-licenses.py --check

echo "==> 端到端：真实窗口（Xvfb + tauri-driver + WebKitWebDriver）"
# The window tests drive target/debug/saiwu-desk and saiwu from the build above: main.rs is compiled once there
# (no second compile to race with), and building them again with other features would compile the whole
# Tauri/GTK stack a second time (twice the time and disk on CI).
xvfb-run -a --server-args="-screen 0 1400x900x24" cargo test -p saiwu-e2e -- --test-threads=1
kill "$sampler" 2>/dev/null || true
peak=$(cat "$peak_file")
echo "==> 全部测试通过：用时 $(( ($(date +%s) - run_start) / 60 )) 分钟（其中安装包 $(( package_secs / 60 )) 分钟）；" \
  "磁盘峰值比开始时多用 $(( (peak - disk_start) / 1024 )).$(( (peak - disk_start) % 1024 * 10 / 1024 )) GB；" \
  "target/ 结束时 $(du -sh "${CARGO_TARGET_DIR:-target}" | cut -f1)"
