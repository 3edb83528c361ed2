#!/usr/bin/env bash
# Installs what is missing, then runs every test layer and ends with one summary line:
#   formatting, clippy (native and wasm32), native tests (domain, importers, CLI),
#   browser tests (wasm-bindgen-test in headless Chromium), the CLI import benchmark, release
#   build, end-to-end tests (Playwright driving Chromium against the release build, import
#   benchmarks included), and the bundle size report.
# Every layer runs even when an earlier one fails (unless the build it needs failed); the exit
# status is non-zero when anything failed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash scripts/setup.sh test || { echo "summary: setup failed, no test ran"; exit 1; }

logs="$(mktemp -d)"
failed_layers=()
passed=0; failed=0
count_cargo() { # sums "test result: ... N passed; M failed" lines
  local p f
  p=$(grep -hoE '[0-9]+ passed' "$1" | awk '{s+=$1} END {print s+0}')
  f=$(grep -hoE '[0-9]+ failed' "$1" | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}
layer() { # layer NAME COMMAND...
  local name="$1"; shift
  printf '\n\033[1m== %s\033[0m\n' "$name"
  if "$@" 2>&1 | tee "$logs/$name.log"; then return 0; fi
  failed_layers+=("$name"); return 1
}

layer fmt cargo fmt --check
layer clippy-native cargo clippy --all-targets --locked -- -D warnings
layer clippy-wasm cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings
layer native-tests cargo test --locked -- --skip accuracy_; count_cargo "$logs/native-tests.log"
# Reading accuracy per source (hand-labelled facts), printed as `accuracy:` lines.
layer accuracy cargo test --locked --test accuracy -- --nocapture; count_cargo "$logs/accuracy.log"
layer browser-tests cargo test --locked --target wasm32-unknown-unknown --test browser_components; count_cargo "$logs/browser-tests.log"
# The CLI built for speed against a Python reference on generated exports: `bench:` lines.
bench_import() {
  cargo build --locked --profile cli --bin aftermath &&
    python3 tests/bench/cli_vs_python.py "$CARGO_TARGET_DIR/cli/aftermath"
}
layer bench-import bench_import
publish_site() { # the fixture folder published with the CLI over the prebuilt app, as a publisher would
  local cli="$CARGO_TARGET_DIR/debug/aftermath"
  rm -rf dist-pub
  "$cli" publish tests/fixtures/publish/postmortems -o dist-pub --app dist --title "Example postmortems" \
    --site-url http://127.0.0.1/postmortems/
}
if layer release-build bash scripts/trunk.sh build --release; then
  layer publish-build publish_site
  export AFTERMATH_CLI="$CARGO_TARGET_DIR/debug/aftermath"
  layer e2e node --test tests/e2e/
  p=$(grep -oE '^# pass [0-9]+' "$logs/e2e.log" | awk '{print $3}'); f=$(grep -oE '^# fail [0-9]+' "$logs/e2e.log" | awk '{print $3}')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  [ -z "${p:-}" ] && failed=$((failed + 1))
  layer size-report bash scripts/size-report.sh dist
  echo "screenshots: tests/e2e/screenshots/"
else
  echo "release build failed: e2e tests and size report skipped"
fi

echo
if [ ${#failed_layers[@]} -gt 0 ]; then
  echo "failed layers: ${failed_layers[*]}"
  [ "$failed" -eq 0 ] && failed=${#failed_layers[@]}
fi
echo "summary: ${passed} passed, ${failed} failed"
[ ${#failed_layers[@]} -eq 0 ] && [ "$failed" -eq 0 ]
