#!/usr/bin/env bash
# Installs whatever Aftermath's build and tests need and is missing; skips what is present.
#
#   scripts/setup.sh serve   # what `scripts/serve.sh` needs: wasm target, trunk, wasm-bindgen, wasm-opt
#   scripts/setup.sh test    # all of the above plus Debian chromium + chromedriver and npm test tools
#
# Nothing here downloads a prebuilt browser or tool from outside the package registries: trunk and
# wasm-bindgen-cli are built from crates.io, wasm-opt comes from the npm `binaryen` package, and
# Chromium from Debian. Cargo-installed tools go to $AFTERMATH_TOOLS (default ~/.cache/aftermath/tools)
# so that every clone on this machine shares them.
set -euo pipefail

want="${1:-test}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${AFTERMATH_TOOLS:-$HOME/.cache/aftermath/tools}"
trunk_req="0.21"
say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }

export PATH="$tools/bin:$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Cargo builds go to one directory shared by all clones on this machine.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aftermath/target}"

# 1. The wasm32 target for rustc.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target (rustup): the web app compiles to WebAssembly"
  rustup target add wasm32-unknown-unknown
fi

# 1b. The standard library's source, and its own crates in cargo's cache: the web bundles are
# built with std rebuilt for size (scripts/trunk.sh says how), and trunk builds offline.
if ! rustup component list --installed 2>/dev/null | grep -qx rust-src; then
  say "adding the rust-src component (rustup): the web bundles rebuild std for size"
  rustup component add rust-src
fi
std_lib="$(rustc --print sysroot)/lib/rustlib/src/rust/library"
if ! RUSTC_BOOTSTRAP=1 cargo fetch --locked --offline --manifest-path "$std_lib/Cargo.toml" >/dev/null 2>&1; then
  say "fetching the standard library's own crates (crates.io) for the offline web builds"
  RUSTC_BOOTSTRAP=1 cargo fetch --locked --manifest-path "$std_lib/Cargo.toml"
fi

# 2. trunk 0.21.x (0.22 needs a newer rustc than these machines have).
if ! trunk --version 2>/dev/null | grep -q "^trunk ${trunk_req}\."; then
  say "building trunk ${trunk_req}.x from crates.io into $tools: it bundles the web app."
  say "this takes about 10 minutes on 2 cores, once per machine."
  cargo install trunk --version "~${trunk_req}" --locked --root "$tools"
fi

# 3. wasm-bindgen-cli at exactly the version in Cargo.lock (Trunk.toml pins the same; trunk is offline).
wb_version="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' "$root/Cargo.lock")"
if [ -z "$wb_version" ]; then
  echo "setup: cannot read the wasm-bindgen version from Cargo.lock" >&2; exit 1
fi
if ! grep -q "wasm_bindgen = \"$wb_version\"" "$root/Trunk.toml"; then
  echo "setup: Trunk.toml [tools] wasm_bindgen must be \"$wb_version\" (the version in Cargo.lock)" >&2; exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb_version\$"; then
  say "building wasm-bindgen-cli $wb_version (must match Cargo.lock exactly), about 3 minutes"
  # Not --locked: the published lock file of some versions does not build.
  cargo install wasm-bindgen-cli --version "$wb_version" --root "$tools"
fi

# 4. Debian Chromium + ChromeDriver for the browser tests (never a browser download by a test tool).
if [ "$want" = "test" ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  say "installing Debian chromium and chromium-driver (apt): headless browser for wasm and e2e tests"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 4b. Python 3 for the benchmarks' data generators and reference script (Debian's).
if [ "$want" = "test" ] && ! command -v python3 >/dev/null; then
  say "installing Debian python3 (apt): benchmark data generators and the Python reference"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq python3 >/dev/null
fi

# 5. npm tools, project-local: binaryen (wasm-opt), playwright-core, axe-core.
stamp="$root/node_modules/.aftermath-stamp"
if [ ! -f "$stamp" ] || [ "$root/package-lock.json" -nt "$stamp" ] || [ "$root/package.json" -nt "$stamp" ]; then
  say "installing npm dev tools into node_modules/ (wasm-opt, playwright-core, axe-core)"
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  if [ -f "$root/package-lock.json" ]; then
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  else
    (cd "$root" && npm install --no-audit --no-fund --loglevel=error)
  fi
  touch "$stamp"
fi
wo_version="$(wasm-opt --version 2>/dev/null | sed -n 's/.*(\(version_[0-9]*\)).*/\1/p')"
if [ -z "$wo_version" ] || ! grep -q "wasm_opt = \"$wo_version\"" "$root/Trunk.toml"; then
  echo "setup: Trunk.toml [tools] wasm_opt must match node_modules' wasm-opt ($wo_version)" >&2; exit 1
fi

say "tools ready: $(trunk --version), wasm-bindgen $wb_version, wasm-opt $wo_version"
