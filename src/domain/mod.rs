//! The pure domain core: model, importers, metrics and heatmap layout.
//!
//! No Leptos, no web-sys, no clock: everything here is a function of its inputs, so it runs
//! the same natively (CLI, tests, benchmarks) and in the browser. "Now" arrives as a parameter.

pub mod availability;
pub mod case;
pub mod charts;
pub mod codec;
pub mod dashboard;
pub mod dates;
pub mod demo;
pub mod edits;
pub mod export;
pub mod feed;
pub mod heatmap;
pub mod import;
pub mod lexicon;
pub mod metrics;
pub mod model;
pub mod order;
pub mod review;
pub mod route;
pub mod scan;
pub mod sorted_map;
pub mod stamp;
pub mod view;
