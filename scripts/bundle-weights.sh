#!/usr/bin/env bash
# Where the first load's bytes go: builds the page's wasm with its names (before wasm-bindgen
# and wasm-opt), measures it with twiggy (installed if missing) and prints the code and data
# by crate, largest first. docs/ARCHITECTURE.md keeps the table.
#   scripts/bundle-weights.sh [ROWS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source scripts/web-flags.sh  # the same build as the shipped bundle
rows="${1:-20}"
command -v twiggy >/dev/null || cargo install twiggy --locked
cargo build --locked --release --target wasm32-unknown-unknown --bin aftermath-web
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/aftermath-web.wasm"
twiggy top -n 1000000 --format csv "$wasm" | python3 -c '
import csv, re, sys, collections
rows = int(sys.argv[1])
agg, total = collections.Counter(), 0
for r in csv.DictReader(sys.stdin):
    name, size = r["Name"], int(r["ShallowSize"])
    if ("subsection" in name or "custom section" in name or name.startswith("export ")
            or "wbindgen_describe" in name):
        continue  # names and wasm-bindgen metadata: removed from the shipped bundle
    total += size
    if name.startswith("data segment"):
        key = "(data: strings, tables)"
    else:
        m = re.match(r"[<&*_ ]*(?:mut |dyn )?([a-z_][a-z0-9_]*)", name)
        key = m.group(1) if m else "(unnamed)"
        if key in ("core", "alloc", "std"):
            key = "std (formatting, collections)"
    agg[key] += size
print(f"code and data before wasm-opt: {total / 1024:.0f} KB")
for key, size in agg.most_common(rows):
    print(f"{size / 1024:8.0f} KB {100 * size / total:5.1f} %  {key}")
' "$rows"
