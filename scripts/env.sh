# Sourced by the other scripts: where tools live and the shared build directory.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${AFTERMATH_TOOLS:-$HOME/.cache/aftermath/tools}"
export PATH="$tools/bin:$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# One target dir shared by every clone on this machine: a fresh clone does not rebuild the
# dependencies (cargo keys the project's own crate by its path, so clones do not clash).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/aftermath/target}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
cd "$root"
