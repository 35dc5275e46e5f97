#!/usr/bin/env bash
# End-to-end tests of the desktop window: checks the driver chain, builds the app and the CLI, runs the suite
# under Xvfb. Extra arguments go to the test harness (e.g. a test name to run only that test).
# Exit code: the test run's (non-zero when a tool is missing or a build fails).
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1

missing=0
need() {
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/$1" ]; then
    echo "run.sh: $1 not found — $2" >&2
    missing=1
  fi
}
need tauri-driver "install: cargo install tauri-driver --locked"
need WebKitWebDriver "install: apt-get install -y webkit2gtk-driver"
need xvfb-run "install: apt-get install -y xvfb"
[ "$missing" -eq 0 ] || exit 2
export PATH="$PATH:${CARGO_HOME:-$HOME/.cargo}/bin"

if [ ! -f ui/dist/index.html ]; then
  echo "run.sh: ui/dist missing, building the window front end" >&2
  npm --prefix ui run build || exit $?
fi
cargo build -p saiwu-desk -p saiwu-cli || exit $?

start=$(date +%s)
xvfb-run -a cargo test -p saiwu-e2e -- --test-threads=1 "$@"
rc=$?
echo "run.sh: e2e suite finished in $(( $(date +%s) - start )) s with exit code $rc (screenshots: tests/e2e/screenshots/)" >&2
exit $rc
