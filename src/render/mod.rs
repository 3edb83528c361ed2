//! Rendering that does not need a browser: chart drawing generic over plotters'
//! `DrawingBackend` (canvas in the browser, SVG in tests and exports) and plain SVG markup.

pub mod format;
