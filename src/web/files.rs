//! Files in and out of the browser: what a drop delivers (files and whole folders), downloads,
//! chart images, printing and confirmations.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DataTransfer, File, FileSystemDirectoryEntry, FileSystemDirectoryReader, FileSystemEntry,
    FileSystemFileEntry,
};

/// Most files read from one drop (a folder of a whole repository would otherwise stall).
pub const MAX_DROPPED_FILES: usize = 20_000;

/// What a drop carried, taken synchronously (a drop's items are only readable during the event).
#[derive(Default)]
pub struct Dropped {
    entries: Vec<FileSystemEntry>,
    files: Vec<File>,
}

impl Dropped {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.files.is_empty()
    }
}

/// Takes the drop's entries (files and folders) or, where the browser offers no entry, its files.
pub fn take_dropped(dt: &DataTransfer) -> Dropped {
    let mut out = Dropped::default();
    let items = dt.items();
    for i in 0..items.length() {
        let Some(item) = items.get(i) else { continue };
        if item.kind() != "file" {
            continue;
        }
        match item.webkit_get_as_entry() {
            Ok(Some(entry)) => out.entries.push(entry),
            _ => {
                if let Ok(Some(file)) = item.get_as_file() {
                    out.files.push(file);
                }
            }
        }
    }
    if out.is_empty() {
        if let Some(list) = dt.files() {
            out.files = (0..list.length()).filter_map(|i| list.get(i)).collect();
        }
    }
    out
}

fn callback_promise(call: impl FnOnce(&js_sys::Function, &js_sys::Function)) -> Promise {
    let mut call = Some(call);
    Promise::new(&mut |resolve, reject| {
        if let Some(call) = call.take() {
            call(&resolve, &reject);
        }
    })
}

async fn entry_file(entry: &FileSystemFileEntry) -> Result<File, String> {
    let promise = callback_promise(|ok, err| entry.file_with_callback_and_callback(ok, err));
    JsFuture::from(promise)
        .await
        .map_err(|_| format!("{}: could not be read", entry.full_path()))?
        .dyn_into::<File>()
        .map_err(|_| format!("{}: not a file", entry.full_path()))
}

async fn read_batch(reader: &FileSystemDirectoryReader) -> Result<Array, String> {
    let promise = callback_promise(|ok, err| {
        let _ = reader.read_entries_with_callback_and_callback(ok, err);
    });
    JsFuture::from(promise)
        .await
        .map_err(|_| "a folder could not be listed".to_string())?
        .dyn_into::<Array>()
        .map_err(|_| "a folder listing was not a list".to_string())
}

/// Every file of the drop with its path (`folder/sub/file.md` for files inside dropped
/// folders), sorted by path; hidden files (`.DS_Store`, `.git/…`) are skipped. Problems are
/// returned as sentences beside the files that could be read.
pub async fn dropped_files(dropped: Dropped) -> (Vec<(String, File)>, Vec<String>) {
    let mut out: Vec<(String, File)> = dropped.files.into_iter().map(|f| (f.name(), f)).collect();
    let mut problems = Vec::new();
    let mut stack = dropped.entries;
    while let Some(entry) = stack.pop() {
        if entry.name().starts_with('.') {
            continue;
        }
        if out.len() >= MAX_DROPPED_FILES {
            problems.push(format!(
                "only the first {MAX_DROPPED_FILES} files were read; drop fewer at a time"
            ));
            break;
        }
        let path = entry.full_path().trim_start_matches('/').to_string();
        if entry.is_file() {
            match entry_file(entry.unchecked_ref()).await {
                Ok(file) => out.push((path, file)),
                Err(e) => problems.push(e),
            }
        } else if entry.is_directory() {
            let reader = entry
                .unchecked_ref::<FileSystemDirectoryEntry>()
                .create_reader();
            // A folder lists its entries in batches; an empty batch ends it.
            loop {
                match read_batch(&reader).await {
                    Ok(batch) if batch.length() > 0 => {
                        stack.extend(batch.iter().map(JsCast::unchecked_into::<FileSystemEntry>))
                    }
                    Ok(_) => break,
                    Err(e) => {
                        problems.push(format!("{path}: {e}"));
                        break;
                    }
                }
            }
        }
    }
    crate::domain::order::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    (out, problems)
}

/// Offers `text` as a file download named `name`.
pub fn download_text(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not make the file".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not make a download link".to_string())?;
    click_link(name, &url)?;
    // Revoke after the click has started the download.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    Ok(())
}

/// Offers the resource at `href` (e.g. a `data:` URL) as a download named `name`.
pub fn download_url(name: &str, href: &str) -> Result<(), String> {
    click_link(name, href)
}

fn click_link(name: &str, href: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no link element")?
        .unchecked_into();
    a.set_href(href);
    a.set_download(name);
    a.click();
    Ok(())
}

/// Computed styles copied onto an exported chart, so it looks the same outside the page.
const STYLE_PROPS: [&str; 9] = [
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "opacity",
    "font-size",
    "font-family",
    "font-weight",
    "text-anchor",
];

/// A standalone SVG document of the chart element `selector` (styles inlined, theme
/// background added).
pub fn chart_svg(selector: &str) -> Result<(String, f64, f64), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let svg = document
        .query_selector(selector)
        .ok()
        .flatten()
        .ok_or("the chart is not on the page")?;
    let copy: web_sys::Element = svg
        .clone_node_with_deep(true)
        .map_err(|_| "the chart could not be copied")?
        .unchecked_into();
    let originals = svg.query_selector_all("*").map_err(|_| "no chart parts")?;
    let copies = copy.query_selector_all("*").map_err(|_| "no chart parts")?;
    for i in 0..originals.length() {
        let (Some(src), Some(dst)) = (originals.get(i), copies.get(i)) else {
            continue;
        };
        let (Ok(src), Ok(dst)) = (
            src.dyn_into::<web_sys::Element>(),
            dst.dyn_into::<web_sys::Element>(),
        ) else {
            continue;
        };
        if let Ok(Some(style)) = window.get_computed_style(&src) {
            let inline: Vec<String> = STYLE_PROPS
                .iter()
                .filter_map(|p| {
                    let v = style.get_property_value(p).ok()?;
                    (!v.is_empty()).then(|| format!("{p}:{v}"))
                })
                .collect();
            let _ = dst.set_attribute("style", &inline.join(";"));
        }
    }
    let rect = svg.get_bounding_client_rect();
    let background = document
        .body()
        .and_then(|b| window.get_computed_style(&b).ok().flatten())
        .and_then(|s| s.get_property_value("background-color").ok())
        .unwrap_or_else(|| "white".into());
    let _ = copy.set_attribute("xmlns", "http://www.w3.org/2000/svg");
    // Whole pixels, formatted as integers (no float formatting in the bundle).
    let _ = copy.set_attribute("width", &(rect.width().round() as i64).to_string());
    let _ = copy.set_attribute("height", &(rect.height().round() as i64).to_string());
    let _ = copy.set_attribute("style", &format!("background:{background}"));
    let text = web_sys::XmlSerializer::new()
        .and_then(|s| s.serialize_to_string(&copy))
        .map_err(|_| "the chart could not be written")?;
    Ok((text, rect.width(), rect.height()))
}

/// The page's colours and font, for a chart exported on its own.
pub fn theme() -> crate::render::export::Theme {
    let style = |selector: &str, prop: &str| -> Option<String> {
        let window = web_sys::window()?;
        let el = window.document()?.query_selector(selector).ok()??;
        let v = window
            .get_computed_style(&el)
            .ok()??
            .get_property_value(prop)
            .ok()?;
        (!v.is_empty()).then_some(v)
    };
    crate::render::export::Theme {
        background: style("body", "background-color").unwrap_or_else(|| "white".into()),
        text: style("body", "color").unwrap_or_else(|| "black".into()),
        muted: style(".legend, .sub, .muted", "color").unwrap_or_else(|| "gray".into()),
        font: style("body", "font-family").unwrap_or_else(|| "sans-serif".into()),
    }
}

/// The colour the page draws severity level `level` (0 unknown) in, from its legend swatch.
pub fn level_colour(level: u8) -> String {
    swatch_colour(&format!(".sev-legend .sw.lv{level}"))
}

/// The page's colour for a calendar shade (0–4), as its legend shows it.
pub fn calendar_colour(shade: u8) -> String {
    swatch_colour(&format!(".sev-legend .sw.cal{shade}"))
}

fn swatch_colour(selector: &str) -> String {
    web_sys::window()
        .and_then(|w| {
            let el = w.document()?.query_selector(selector).ok()??;
            w.get_computed_style(&el)
                .ok()??
                .get_property_value("background-color")
                .ok()
        })
        .unwrap_or_default()
}

/// A chart as a file that says what it shows: `svg` framed with its caption.
fn framed(
    svg: &str,
    width: f64,
    height: f64,
    caption: &crate::render::export::Caption,
) -> (String, f64, f64) {
    let w = width.round() as i64;
    let h = height.round() as i64;
    let text = crate::render::export::framed_svg(svg, w, h, caption, &theme());
    // The frame's own size: read back from its first tag (width="…" height="…").
    let size = |attr: &str| -> f64 {
        text.split_once(&format!("{attr}=\""))
            .and_then(|(_, rest)| rest.split('"').next())
            // Whole pixels (`framed_svg` writes integers): no float parser in the bundle.
            .and_then(|v| v.parse::<i64>().ok())
            .map(|v| v as f64)
            .unwrap_or(0.0)
    };
    let (fw, fh) = (size("width"), size("height"));
    (text, fw, fh)
}

/// Downloads the chart as SVG, with its title, view and legend.
pub fn download_chart_svg(
    selector: &str,
    name: &str,
    caption: &crate::render::export::Caption,
) -> Result<(), String> {
    let (svg, w, h) = chart_svg(selector)?;
    download_svg_text(&svg, w, h, name, caption)
}

/// Downloads an SVG text (a chart drawn off the page) as SVG, with its caption.
pub fn download_svg_text(
    svg: &str,
    width: f64,
    height: f64,
    name: &str,
    caption: &crate::render::export::Caption,
) -> Result<(), String> {
    let (text, _, _) = framed(svg, width, height, caption);
    download_text(name, "image/svg+xml", &text)
}

/// Downloads the chart as PNG, with its title, view and legend.
pub async fn download_chart_png(
    selector: &str,
    name: &str,
    caption: &crate::render::export::Caption,
) -> Result<(), String> {
    let (svg, w, h) = chart_svg(selector)?;
    download_svg_text_png(&svg, w, h, name, caption).await
}

/// Downloads an SVG text as PNG, with its caption.
pub async fn download_svg_text_png(
    svg: &str,
    width: f64,
    height: f64,
    name: &str,
    caption: &crate::render::export::Caption,
) -> Result<(), String> {
    let (text, fw, fh) = framed(svg, width, height, caption);
    download_png(&text, fw, fh, name).await
}

/// Draws an SVG document on a canvas at the screen's pixel density (at least 2×, so it stays
/// crisp on slides) and downloads it as PNG.
async fn download_png(svg: &str, width: f64, height: f64, name: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let scale = window.device_pixel_ratio().max(2.0);
    let image = web_sys::HtmlImageElement::new().map_err(|_| "no image element")?;
    let url = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(svg))
    );
    let loaded = callback_promise(|ok, err| {
        image.set_onload(Some(ok));
        image.set_onerror(Some(err));
    });
    image.set_src(&url);
    JsFuture::from(loaded)
        .await
        .map_err(|_| "the chart image could not be drawn")?;
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(|_| "no canvas")?
        .unchecked_into();
    canvas.set_width((width * scale).round() as u32);
    canvas.set_height((height * scale).round() as u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or("no 2D canvas")?
        .unchecked_into();
    ctx.scale(scale, scale).map_err(|_| "canvas scale failed")?;
    ctx.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, width, height)
        .map_err(|_| "the chart could not be drawn on the canvas")?;
    let data = canvas
        .to_data_url_with_type("image/png")
        .map_err(|_| "the PNG could not be made")?;
    click_link(name, &data)
}

/// Opens the browser's print dialog (the report page has print styles).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Asks the user to confirm a destructive action.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}
