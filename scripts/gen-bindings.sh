#!/usr/bin/env bash
# Regenerates the TypeScript bindings in ui/src/api/gen from the Rust types that cross IPC (ts-rs): saiwu-core's
# `export_bindings_*` tests write the core's types, src-tauri/tests/ipc.rs `export_bindings_of_the_shell_types`
# the shapes the shell builds itself. Run it after changing such a type, and commit ui/src/api/gen.
#   --check   fail (exit 1) when the committed files differ from the regenerated ones (CI, scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
check=false
[ "${1:-}" = "--check" ] && check=true

gen=ui/src/api/gen
# The same settings as .cargo/config.toml [env]: i64/u64 cross IPC as JSON numbers, not bigint.
export TS_RS_EXPORT_DIR="$(pwd)/$gen" TS_RS_LARGE_INT=number
# From scratch, so a type that no longer crosses IPC leaves no stale file behind.
rm -f "$gen"/*.ts
# The same cargo invocation as scripts/test.sh (whole workspace, no window tests): it reuses that build instead of
# compiling the Tauri stack a second time with other features; the filter runs only the export tests.
cargo test --workspace --exclude saiwu-e2e --quiet export_bindings >/dev/null
count=$(ls "$gen"/*.ts | wc -l)
echo "ui/src/api/gen：已生成 $count 个类型文件"

if $check; then
  if ! git diff --quiet -- "$gen" || [ -n "$(git status --porcelain -- "$gen")" ]; then
    git status --short -- "$gen"
    git --no-pager diff --stat -- "$gen"
    echo "错误：ui/src/api/gen 与 Rust 类型不一致。请运行 bash scripts/gen-bindings.sh 并提交 ui/src/api/gen。" >&2
    exit 1
  fi
  echo "ui/src/api/gen 与 Rust 类型一致"
fi
