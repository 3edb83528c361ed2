//! Rendering that does not need a browser: duration text and safe Markdown. Pure functions,
//! tested natively; charts are laid out in `domain::charts` and drawn as SVG by the UI.

pub mod calendar;
pub mod export;
pub mod format;
pub mod heatmap;
pub mod html;
pub mod markdown;
pub mod site;
pub mod strip;
pub mod trend;
