//! Aftermath: incident analytics that run entirely in the browser.
//!
//! Layers (see `docs/ARCHITECTURE.md`):
//! - [`domain`]: the pure core — incident model, importers, metrics, heatmap layout. No UI,
//!   no browser, no clock; tested natively and shared by the web app and the CLI.
//! - [`render`]: drawing over any plotters `DrawingBackend` and SVG strings (pure, testable).
//! - `ui` (wasm32 only): Leptos components that wire signals and memos to core functions.
//! - `web` (wasm32 only): browser glue — files, storage, canvas, fetch, the clock.

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod domain;
/// What each fuzz target runs, shared with the regression test that replays kept inputs.
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod fuzzing;
pub mod render;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
