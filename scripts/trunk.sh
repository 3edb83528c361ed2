#!/usr/bin/env bash
# Runs trunk (build or serve) the way every script here does: with the flags of
# scripts/web-flags.sh (the standard library rebuilt for size).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source scripts/web-flags.sh
exec trunk "$@"
