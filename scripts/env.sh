# Sourced by the other scripts: where tools live and the shared build directory.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${AFTERMATH_TOOLS:-$HOME/.cache/aftermath/tools}"
export PATH="$tools/bin:$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# One target dir shared by every clone on this machine: a fresh clone does not rebuild the
# dependencies. Cargo keys the project's own crate by its path *inside* the checkout, so two
# checkouts share its artifacts too: a fresh clone rebuilds it (its files are newer), but a
# checkout whose edits are older than the other's last build is then taken as up to date.
# After running .ci/run in a clone, rebuild your working tree's crate with
#   cargo clean -p aftermath [--release --target wasm32-unknown-unknown | --profile worker ...]
# (or give the clone its own CARGO_TARGET_DIR).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aftermath/target}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
cd "$root"
