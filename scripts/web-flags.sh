# Sourced by scripts/trunk.sh and scripts/bundle-weights.sh: the web bundles are compiled with
# the standard library rebuilt for size. Plain `trunk build --release` works too, only its
# bundles are larger (about 35 KB gzip on the first load).
#
#   -Zbuild-std=std,panic_abort   the standard library compiled with the app's size settings
#                                 (opt-level "z", one LTO unit) instead of the prebuilt one
#   -Cpanic=immediate-abort       a panic stops the module at once: no panic message
#                                 formatting in the bundles. Release builds already aborted on
#                                 a panic, and users see the same thing (the page's bundles
#                                 had no panic hook; the import worker's hook no longer prints
#                                 to the console: a build without these flags does, to debug)
#   optimize_for_size             std's smaller variants (heapsort and a plain merge sort,
#                                 still n log n; simpler formatting)
#   linker scripts/wasm-ld        rust-lld without the exports of wasm-streams' unused stream
#                                 adapters, which Leptos brings (see that script)
#
# These are unstable options of the machine's own stable toolchain, enabled for these builds
# only by RUSTC_BOOTSTRAP=1 (native builds and tests do not set it). They need the `rust-src`
# component and std's own crates in cargo's cache: scripts/setup.sh installs both. (Build
# scripts see RUSTC_BOOTSTRAP too: proc-macro2's then uses an unstable API, and switching
# between this and a plain `trunk build` rebuilds the proc macros.)
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
# Repeats .cargo/config.toml's wasm32 flags, so that they hold whether cargo merges or replaces.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/wasm-ld"
