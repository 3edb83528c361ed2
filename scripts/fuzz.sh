#!/usr/bin/env bash
# Fuzzes the importers with cargo-fuzz (libFuzzer) on the nightly toolchain for a while each:
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
# Installs cargo-fuzz from crates.io if missing. Not part of scripts/test.sh (it needs nightly).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
secs="${1:-60}"
rustup toolchain list | grep -q '^nightly' || { echo "fuzz: needs the nightly toolchain (rustup toolchain install nightly)"; exit 1; }
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# Seeds: our own fixtures.
mkdir -p fuzz/corpus/import_any fuzz/corpus/prose
find tests/fixtures -type f -size -64k -exec cp {} fuzz/corpus/import_any/ \;
cp tests/fixtures/freetext/* tests/fixtures/bulletin/* fuzz/corpus/prose/
for target in import_any prose; do
  echo "== fuzzing $target for ${secs}s"
  (cd fuzz && cargo +nightly fuzz run "$target" -- -max_total_time="$secs" -max_len=65536 2>&1 | tail -n 4)
done
