//! Draws the duration distribution ([`StripPlot`]) on any plotters backend: a `<canvas>`
//! (plotters-canvas, scaled by `devicePixelRatio`) in the page, SVG ([`strip_svg`]) for the
//! export and the native tests. Only backend primitives are used: the layout comes from
//! [`crate::domain::charts`], so the picture and its tests share one set of numbers.

use crate::domain::charts::{level_label, StripPlot};
use crate::render::export::xml_escape;
use crate::render::format::decimal;
use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontFamily,
};
use std::fmt::Write as _;

/// Colours for one theme. Impact is carried by darkness (light theme) or brightness (dark
/// theme) along one hue ramp, never by hue alone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub ink: (u8, u8, u8),
    pub muted: (u8, u8, u8),
    pub grid: (u8, u8, u8),
    pub median: (u8, u8, u8),
    /// Dot colour per level: index 0 = unknown, 1..=4.
    pub levels: [(u8, u8, u8); 5],
}

impl Palette {
    pub const LIGHT: Palette = Palette {
        ink: (28, 32, 40),
        muted: (92, 99, 112),
        grid: (214, 218, 226),
        median: (196, 84, 0),
        levels: [
            (120, 126, 138),
            (58, 30, 96),
            (107, 63, 160),
            (150, 118, 196),
            (196, 182, 224),
        ],
    };
    pub const DARK: Palette = Palette {
        ink: (230, 233, 238),
        muted: (160, 168, 180),
        grid: (58, 64, 76),
        median: (255, 170, 90),
        levels: [
            (150, 156, 168),
            (236, 224, 255),
            (199, 166, 242),
            (150, 118, 196),
            (104, 82, 140),
        ],
    };
}

fn color(rgb: (u8, u8, u8), alpha: f64) -> BackendColor {
    BackendColor { alpha, rgb }
}

/// A plain sans-serif label style (backends draw text natively).
struct Label {
    size: f64,
    color: BackendColor,
    anchor: Pos,
}

impl BackendTextStyle for Label {
    type FontError = std::fmt::Error;
    fn color(&self) -> BackendColor {
        self.color
    }
    fn size(&self) -> f64 {
        self.size
    }
    fn anchor(&self) -> Pos {
        self.anchor
    }
    fn family(&self) -> FontFamily<'_> {
        FontFamily::SansSerif
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        let w = (text.chars().count() as f64 * self.size * 0.55) as i32;
        Ok(((0, 0), (w, self.size as i32)))
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: (i32, i32),
        _draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        Ok(Ok(()))
    }
}

struct Stroke(BackendColor, u32);

impl BackendStyle for Stroke {
    fn color(&self) -> BackendColor {
        self.0
    }
    fn stroke_width(&self) -> u32 {
        self.1
    }
}

/// Draws the plot, every coordinate multiplied by `scale` (the device pixel ratio).
pub fn draw_strip<B: DrawingBackend>(
    backend: &mut B,
    plot: &StripPlot,
    palette: &Palette,
    scale: f64,
) -> Result<(), DrawingErrorKind<B::ErrorType>> {
    let s = |v: i64| (v as f64 * scale).round() as i32;
    let px = |v: f64| (v * scale).round().max(1.0) as u32;
    let axis_y = plot.height - 22;
    let text = |size: f64, rgb, h: HPos| Label {
        size: size * scale,
        color: color(rgb, 1.0),
        anchor: Pos::new(h, VPos::Center),
    };
    for (x, label) in &plot.ticks {
        backend.draw_line(
            (s(*x), s(4)),
            (s(*x), s(axis_y)),
            &Stroke(color(palette.grid, 1.0), px(1.0)),
        )?;
        backend.draw_text(
            label,
            &text(11.0, palette.muted, HPos::Center),
            (s(*x), s(axis_y + 12)),
        )?;
    }
    // Labels of one size together: a canvas parses each font it is given.
    for row in &plot.rows {
        backend.draw_text(
            level_label(row.level),
            &text(12.0, palette.ink, HPos::Right),
            (s(plot.left - 10), s(row.y - 6)),
        )?;
    }
    for row in &plot.rows {
        backend.draw_text(
            &format!("n = {}", row.summary.n),
            &text(10.0, palette.muted, HPos::Right),
            (s(plot.left - 10), s(row.y + 8)),
        )?;
    }
    for row in &plot.rows {
        let dot = palette
            .levels
            .get(usize::from(row.level))
            .copied()
            .unwrap_or(palette.ink);
        // More incidents on one spot: more opaque. Drawn lightest first, so a backend can
        // batch the dots of one opacity (and heavier spots stay on top).
        let mut dots: Vec<(u32, i64, i64)> = row
            .dots
            .iter()
            .map(|(x, y, weight)| ((*weight).clamp(1, 4), *x, *y))
            .collect();
        crate::domain::order::sort_by_key(&mut dots, |d| d.0);
        for (weight, x, y) in dots {
            let alpha = 0.45 + 0.15 * f64::from(weight - 1);
            backend.draw_circle((s(x), s(y)), px(3.0), &color(dot, alpha), true)?;
        }
        for (mark, width) in [(row.median_x, 3.0), (row.p90_x, 1.0)] {
            if let Some(x) = mark {
                backend.draw_line(
                    (s(x), s(row.y - 14)),
                    (s(x), s(row.y + 14)),
                    &Stroke(color(palette.median, 1.0), px(width)),
                )?;
            }
        }
    }
    Ok(())
}

/// The plot as a standalone SVG document (the chart export).
pub fn strip_svg(plot: &StripPlot, palette: &Palette) -> String {
    let size = (
        u32::try_from(plot.width.max(1)).unwrap_or(1),
        u32::try_from(plot.height.max(1)).unwrap_or(1),
    );
    let (w, h) = size;
    let mut svg = SvgOut {
        out: format!(
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        ),
        size,
    };
    // Writing into a String cannot fail.
    let _ = draw_strip(&mut svg, plot, palette, 1.0);
    svg.out.push_str("</svg>\n");
    svg.out
}

/// The SVG backend of [`strip_svg`]: the markup plotters-svg writes for the primitives
/// [`draw_strip`] uses (lines, circles, upright text), with its numbers written by [`decimal`]
/// (integer arithmetic: no float formatting in the page's bundle). Text sizes are divided by
/// 1.24, as plotters-svg does (points to pixels). Rectangles and paths fall back on plotters'
/// defaults (pixels and lines), and font style and rotation are not written: draw_strip uses
/// neither.
struct SvgOut {
    out: String,
    size: (u32, u32),
}

/// `#RRGGBB`.
fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02X}{g:02X}{b:02X}")
}

impl DrawingBackend for SvgOut {
    type ErrorType = std::convert::Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        (x, y): BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if color.alpha == 0.0 {
            return Ok(());
        }
        let _ = writeln!(
            self.out,
            r#"<rect x="{x}" y="{y}" width="1" height="1" opacity="{}" fill="{}"/>"#,
            decimal(color.alpha),
            hex(color.rgb)
        );
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        (x1, y1): BackendCoord,
        (x2, y2): BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let _ = writeln!(
            self.out,
            r#"<line opacity="{}" stroke="{}" stroke-width="{}" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>"#,
            decimal(c.alpha),
            hex(c.rgb),
            style.stroke_width()
        );
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (cx, cy): BackendCoord,
        r: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let (fill, stroke) = if fill {
            (hex(c.rgb), "none".to_string())
        } else {
            ("none".to_string(), hex(c.rgb))
        };
        let _ = writeln!(
            self.out,
            r#"<circle cx="{cx}" cy="{cy}" r="{r}" opacity="{}" fill="{fill}" stroke="{stroke}" stroke-width="{}"/>"#,
            decimal(c.alpha),
            style.stroke_width()
        );
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let anchor = style.anchor();
        let align = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "middle",
        };
        let dy = match anchor.v_pos {
            VPos::Top => "0.76em",
            VPos::Center => "0.5ex",
            VPos::Bottom => "-0.5ex",
        };
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let _ = write!(
            self.out,
            "<text x=\"{x}\" y=\"{y}\" dy=\"{dy}\" text-anchor=\"{align}\" font-family=\"{}\" font-size=\"{}\" opacity=\"{}\" fill=\"{}\">\n{}\n</text>\n",
            xml_escape(style.family().as_str()),
            decimal(style.size() / 1.24),
            decimal(c.alpha),
            hex(c.rgb),
            xml_escape(text)
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::charts::strip_plot;

    #[test]
    fn svg_has_one_circle_per_duration_and_a_median_per_row() {
        let mut values: [Vec<i64>; 5] = Default::default();
        values[1] = vec![120, 3600, 7200];
        values[2] = vec![900];
        values[3] = (1..=10).map(|m| m * 60).collect();
        let plot = strip_plot(&values, 500);
        let svg = strip_svg(&plot, &Palette::LIGHT);
        assert!(svg.starts_with("<svg"), "{svg}");
        assert_eq!(svg.matches("<circle").count(), 14);
        // Grid (7 ticks) + a median per row (3 rows) + a p90 only where ten incidents carry it.
        assert_eq!(svg.matches("<line").count(), 7 + 3 + 1);
        for label in ["critical", "major", "n = 3", "n = 1", "1 h", "30 d"] {
            assert!(
                svg.contains(&format!(">{label}<"))
                    || svg.contains(&format!(">\n{label}"))
                    || svg.contains(label),
                "{label}"
            );
        }
        // The critical row's median (3600 s) at its x.
        let x = plot.rows[0].median_x.unwrap();
        assert!(svg.contains(&format!("x1=\"{x}\"")), "median line at {x}");
    }
}
