#!/usr/bin/env bash
# Builds what a publisher needs, once, for a release: the prebuilt app (one folder that works
# under any path) and the `aftermath` command-line tool for this machine.
#   target/package/aftermath-app.tar.gz   the app: unpack it and pass the folder to --app
#   target/package/aftermath              the CLI
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash scripts/setup.sh serve
out="$PWD/target/package"
mkdir -p "$out"
bash scripts/trunk.sh build --release
cargo build --locked --profile cli --bin aftermath
rm -rf "$out/aftermath-app" && cp -r dist "$out/aftermath-app"
tar -C "$out" -czf "$out/aftermath-app.tar.gz" aftermath-app
cp "$CARGO_TARGET_DIR/cli/aftermath" "$out/aftermath"
echo "wrote $out/aftermath-app.tar.gz and $out/aftermath"
