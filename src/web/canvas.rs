//! The duration distribution on a `<canvas>`, at the screen's pixel density, through
//! plotters-canvas's backend (its canvas and size) with the drawing done here: filled circles
//! of one colour are gathered into one path and filled once,
//! so a plot of 10k incidents costs a few fills instead of thousands (each fill is rasterised
//! on the spot when the browser draws canvases in software), and labels set their font only
//! when it changes. Colours and sizes are written by `render::format::decimal` (integer
//! arithmetic: no float formatting in the page's bundle).

use crate::domain::charts::StripPlot;
use crate::render::format::decimal;
use crate::render::strip::{self, Palette};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Draws `plot` on `canvas`, resizing its bitmap to the CSS size times `devicePixelRatio`.
pub fn draw_strip(canvas: &HtmlCanvasElement, plot: &StripPlot, palette: &Palette) {
    let dpr = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let (w, h) = (
        (plot.width as f64 * dpr).round() as u32,
        (plot.height as f64 * dpr).round() as u32,
    );
    let Some(mut backend) = Batched::new(canvas.clone()) else {
        return;
    };
    if canvas.width() != w || canvas.height() != h {
        // Resizing reallocates (and clears) the bitmap: only when the size changes.
        canvas.set_width(w);
        canvas.set_height(h);
    } else {
        backend.ctx.clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
    }
    // A failed canvas call only loses the picture; the table beside it has the numbers.
    let _ = strip::draw_strip(&mut backend, plot, palette, dpr);
    let _ = backend.present();
}

/// A canvas backend that batches filled circles of one colour.
struct Batched {
    inner: CanvasBackend,
    ctx: CanvasRenderingContext2d,
    /// The colour of the circles in the open path.
    open: Option<((u8, u8, u8), f64)>,
    /// The font last set: setting one makes the browser parse it, so labels of one size share it.
    font: String,
}

/// A drawing error, as text.
#[derive(Debug)]
pub struct CanvasFailure(String);

impl std::fmt::Display for CanvasFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CanvasFailure {}

type Result<T = ()> = std::result::Result<T, DrawingErrorKind<CanvasFailure>>;

fn lift<E: std::error::Error + Send + Sync>(
    e: DrawingErrorKind<E>,
) -> DrawingErrorKind<CanvasFailure> {
    match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(CanvasFailure(e.to_string()))
        }
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// A failed canvas call.
fn js_error(e: wasm_bindgen::JsValue) -> DrawingErrorKind<CanvasFailure> {
    DrawingErrorKind::DrawingError(CanvasFailure(super::js_text(&e)))
}

impl Batched {
    fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Batched {
            inner: CanvasBackend::with_canvas_object(canvas)?,
            ctx,
            open: None,
            font: String::new(),
        })
    }

    /// Fills the open path, if any.
    fn flush(&mut self) {
        if self.open.take().is_some() {
            self.ctx.fill();
        }
    }

    /// Ends the open batch of circles before another shape; false when `color` is transparent
    /// (nothing to draw).
    fn start(&mut self, color: BackendColor) -> bool {
        self.flush();
        color.alpha != 0.0
    }

    /// The stroke colour and width of `style`.
    fn stroke_style(&self, style: &impl BackendStyle) {
        self.ctx.set_stroke_style_str(&css_colour(style.color()));
        self.ctx.set_line_width(f64::from(style.stroke_width()));
    }

    /// A new path through `points`, closed when `close`.
    fn trace(&self, points: impl IntoIterator<Item = BackendCoord>, close: bool) {
        self.ctx.begin_path();
        let mut points = points.into_iter();
        if let Some(first) = points.next() {
            self.ctx.move_to(f64::from(first.0), f64::from(first.1));
            for p in points {
                self.ctx.line_to(f64::from(p.0), f64::from(p.1));
            }
            if close {
                self.ctx.close_path();
            }
        }
    }

    /// A circle added to the current path, as a sub-path of its own (no joining line).
    fn circle(&self, center: BackendCoord, radius: u32) -> Result {
        let (x, y, r) = (f64::from(center.0), f64::from(center.1), f64::from(radius));
        self.ctx.move_to(x + r, y);
        self.ctx
            .arc(x, y, r, 0.0, std::f64::consts::TAU)
            .map_err(js_error)
    }
}

impl DrawingBackend for Batched {
    type ErrorType = CanvasFailure;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result {
        self.inner.ensure_prepared().map_err(lift)
    }

    fn present(&mut self) -> Result {
        self.flush();
        self.inner.present().map_err(lift)
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        if !self.start(color) {
            return Ok(());
        }
        self.ctx.set_fill_style_str(&css_colour(color));
        self.ctx
            .fill_rect(f64::from(point.0), f64::from(point.1), 1.0, 1.0);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result {
        if !self.start(style.color()) {
            return Ok(());
        }
        // A vertical or horizontal line on the half pixel, so that it stays sharp.
        let (mut a, mut b) = (
            (f64::from(from.0), f64::from(from.1)),
            (f64::from(to.0), f64::from(to.1)),
        );
        if from.0 == to.0 {
            a.0 -= 0.5;
            b.0 -= 0.5;
        }
        if from.1 == to.1 {
            a.1 -= 0.5;
            b.1 -= 0.5;
        }
        self.stroke_style(style);
        self.ctx.begin_path();
        self.ctx.move_to(a.0, a.1);
        self.ctx.line_to(b.0, b.1);
        self.ctx.stroke();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        if !self.start(style.color()) {
            return Ok(());
        }
        let (x, y) = (f64::from(upper_left.0), f64::from(upper_left.1));
        let (w, h) = (
            f64::from(bottom_right.0 - upper_left.0),
            f64::from(bottom_right.1 - upper_left.1),
        );
        if fill {
            self.ctx.set_fill_style_str(&css_colour(style.color()));
            self.ctx.fill_rect(x, y, w, h);
        } else {
            self.stroke_style(style);
            self.ctx.stroke_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        if !self.start(style.color()) {
            return Ok(());
        }
        self.stroke_style(style);
        self.trace(path, false);
        self.ctx.stroke();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        if !fill {
            self.flush();
            self.stroke_style(style);
            self.ctx.begin_path();
            self.circle(center, radius)?;
            self.ctx.stroke();
            return Ok(());
        }
        // Filled circles of one colour go into one path, filled at the next other shape.
        let key = (color.rgb, color.alpha);
        if self.open != Some(key) {
            self.flush();
            self.ctx.set_fill_style_str(&css_colour(color));
            self.ctx.begin_path();
            self.open = Some(key);
        }
        self.circle(center, radius)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result {
        if !self.start(style.color()) {
            return Ok(());
        }
        self.ctx.set_fill_style_str(&css_colour(style.color()));
        self.trace(vert, true);
        self.ctx.fill();
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result {
        let color = style.color();
        if !self.start(color) {
            return Ok(());
        }
        let turn = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 0.5,
            FontTransform::Rotate180 => 1.0,
            FontTransform::Rotate270 => 1.5,
        } * std::f64::consts::PI;
        let (mut x, mut y) = (f64::from(pos.0), f64::from(pos.1));
        if turn != 0.0 {
            self.ctx.save();
            if let Err(e) = self
                .ctx
                .translate(x, y)
                .and_then(|()| self.ctx.rotate(turn))
            {
                self.ctx.restore();
                return Err(js_error(e));
            }
            (x, y) = (0.0, 0.0);
        }
        let anchor = style.anchor();
        self.ctx.set_text_baseline(match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        });
        self.ctx.set_text_align(match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        });
        self.ctx.set_fill_style_str(&css_colour(color));
        let font = format!(
            "{} {}px {}",
            style.style().as_str(),
            decimal(style.size()),
            style.family().as_str()
        );
        if font != self.font {
            self.ctx.set_font(&font);
            self.font = font;
        }
        let drawn = self.ctx.fill_text(text, x, y).map_err(js_error);
        if turn != 0.0 {
            // The font set after `save` is undone too.
            self.ctx.restore();
            self.font.clear();
        }
        drawn
    }
}

/// `rgba(r,g,b,a)`.
fn css_colour(color: BackendColor) -> String {
    let (r, g, b) = color.rgb;
    format!("rgba({r},{g},{b},{})", decimal(color.alpha))
}
