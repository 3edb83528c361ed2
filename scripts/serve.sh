#!/usr/bin/env bash
# Installs what is missing, then serves the app with its demo archive at http://127.0.0.1:8080.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash scripts/setup.sh serve
echo "[serve] building and serving at http://127.0.0.1:8080 (first build takes a few minutes; Ctrl-C stops)" >&2
exec bash scripts/trunk.sh serve --release --address 127.0.0.1 --port 8080 "$@"
