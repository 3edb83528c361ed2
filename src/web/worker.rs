//! The Web Worker that does the heavy, rarely needed work off the main thread and out of the
//! first-load bundle — reading and parsing imported files, saving them, rendering postmortem
//! Markdown — and the page's side of it.
//!
//! A small protocol of plain objects over `postMessage`, no framework (gloo-worker cannot
//! carry `File` handles or transfer buffers):
//!
//! | page → worker | |
//! |---|---|
//! | `{kind: "import", job, seq, reference, items: [{name, file} \| {name, bytes}]}` | `File` handles are cloned (no bytes on the main thread); byte buffers are transferred |
//! | `{kind: "markdown", job, text}` | |
//!
//! | worker → page | |
//! |---|---|
//! | `{kind: "ready"}` | sent once; the page queues requests until then |
//! | `{kind: "progress", job, index, name, done}` | bytes read of the whole batch, at most every 50 ms |
//! | `{kind: "imported", job, data}` | the batch's [`ImportResult`] as [`codec`] bytes, in a transferred `ArrayBuffer` |
//! | `{kind: "saved", job, error?}` | the batch written to IndexedDB (record `batch-<seq>`; nothing written for seq 0), or why not |
//! | `{kind: "html", job, html}` | |
//!
//! The worker reads each file itself (`FileReaderSync`, in slices so progress moves on a
//! large file), refuses one over the size limit before reading it, and writes the batch to
//! IndexedDB after answering. Cancelling an import terminates the worker at once.

use crate::domain::codec;
use crate::domain::export::{saved_json_to_codec, SavedPart};
use crate::domain::import::{
    import_file, rejected, Format, ImportOptions, ImportResult, Rejection,
};
use crate::render::markdown;
use chrono::NaiveDate;
use futures_channel::oneshot;
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

// ---------------------------------------------------------------------------------------
// The worker side.

/// Reading slice: progress moves at least this often on a large file.
const SLICE: f64 = 8.0 * 1024.0 * 1024.0;

/// Starts answering the page: called once by the worker binary.
pub fn run() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post_scope = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let msg = ev.data();
            let job = get(&msg, "job");
            match get(&msg, "kind").as_string().as_deref() {
                Some("import") => {
                    // The files come in chunks (cloning a thousand `File` handles at once would
                    // hold the page up): the batch starts when the last chunk is in.
                    let complete = PENDING.with(|p| {
                        let mut p = p.borrow_mut();
                        let key = job.as_f64().unwrap_or(0.0) as u32;
                        let items = p.entry(key).or_insert_with(Array::new);
                        let chunk: Array = get(&msg, "items").unchecked_into();
                        for item in chunk.iter() {
                            items.push(&item);
                        }
                        let expected = get(&msg, "count").as_f64().unwrap_or(0.0) as u32;
                        (items.length() >= expected)
                            .then(|| p.remove(&key))
                            .flatten()
                    });
                    if let Some(items) = complete {
                        import_batch(&post_scope, &msg, job, items);
                    }
                }
                Some("warm-up") => warm_up(),
                Some("saved-json") => {
                    let text = get(&msg, "text").as_string().unwrap_or_default();
                    let part = get(&msg, "part").as_string();
                    let answer = match part.as_deref().and_then(SavedPart::from_key) {
                        Some(part) => saved_json_to_codec(part, &text),
                        None => Err("an unknown saved record".into()),
                    };
                    let (key, value): (&str, JsValue) = match answer {
                        Ok(bytes) => ("bytes", Uint8Array::from(bytes.as_slice()).into()),
                        Err(e) => ("error", e.into()),
                    };
                    let _ = post_scope.post_message(&object(&[
                        ("kind", "saved".into()),
                        ("job", job),
                        (key, value),
                    ]));
                }
                Some("markdown") => {
                    let text = get(&msg, "text").as_string().unwrap_or_default();
                    let html = markdown::to_safe_html(&text);
                    let _ = post_scope.post_message(&object(&[
                        ("kind", "html".into()),
                        ("job", job),
                        ("html", html.into()),
                    ]));
                }
                _ => {}
            }
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&object(&[("kind", "ready".into())]));
}

/// Runs the importers on small samples, discarding what they read. The browser compiles
/// WebAssembly quickly first and optimises what runs often later: a worker warmed while the
/// user picks files reads a large export about twice as fast.
fn warm_up() {
    const POSTMORTEM: &str = "# Checkout errors on 12 March 2025\n\nAll times UTC.\n\n## Timeline\n\n- 17:25 - Error rates rise on the checkout API\n- 17:31 - On-call engineer acknowledges the page\n- 17:48 - Rollback deployed; errors back to normal\n- 18:15 - Incident resolved\n\n## Impact\n\nAbout 4% of payments failed for 50 minutes.\n";
    const CSTATE: &str = "---\ntitle: Queue stalled\ndate: 2024-03-05T10:20:00+01:00\nresolvedWhen: 2024-03-05T11:40:00+01:00\nresolved: true\nseverity: disrupted\naffected:\n  - Builds\nsection: issue\n---\nJobs waited in the queue.\n";
    let opts = ImportOptions::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default());
    let sample = crate::domain::demo::statuspage_json(300);
    for _ in 0..3 {
        let _ = import_file("warm-up.json", sample.as_bytes(), &opts);
        let _ = import_file("warm-up.md", POSTMORTEM.as_bytes(), &opts);
        let _ = import_file("warm-up-cstate.md", CSTATE.as_bytes(), &opts);
    }
}

/// Reads one `File` in slices, reporting the bytes read so far.
fn read_file(file: &web_sys::File, mut progress: impl FnMut(f64)) -> Result<Vec<u8>, String> {
    let reader = web_sys::FileReaderSync::new().map_err(|e| super::js_text(&e))?;
    let size = file.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut start = 0.0;
    while start < size {
        let end = (start + SLICE).min(size);
        let blob = file
            .slice_with_f64_and_f64(start, end)
            .map_err(|e| super::js_text(&e))?;
        let buffer = reader
            .read_as_array_buffer(&blob)
            .map_err(|e| super::js_text(&e))?;
        let view = Uint8Array::new(&buffer);
        let at = bytes.len();
        bytes.resize(at + view.length() as usize, 0);
        if let Some(dest) = bytes.get_mut(at..) {
            view.copy_to(dest);
        }
        start = end;
        progress(end);
    }
    Ok(bytes)
}

thread_local! {
    /// Items of imports still arriving, by job.
    static PENDING: RefCell<HashMap<u32, Array>> = RefCell::new(HashMap::default());
}

fn import_batch(
    scope: &web_sys::DedicatedWorkerGlobalScope,
    msg: &JsValue,
    job: JsValue,
    items: Array,
) {
    let reference = get(msg, "reference")
        .as_string()
        .and_then(|d| crate::domain::dates::parse_day(&d))
        .unwrap_or_default();
    let seq = get(msg, "seq").as_f64().unwrap_or(0.0);
    let opts = ImportOptions::new(reference);
    // Sizes are asked here, not on the page: for files of a picked folder each one may be a
    // round trip to the disk.
    let total: f64 = items
        .iter()
        .map(|item| {
            let file = get(&item, "file");
            match file.dyn_ref::<web_sys::File>() {
                Some(f) => f.size(),
                None => f64::from(ArrayBuffer::from(get(&item, "bytes")).byte_length()),
            }
        })
        .sum();
    let mut result = ImportResult::default();
    let mut done_before = 0.0;
    let mut last_post = 0.0;
    for (index, item) in items.iter().enumerate() {
        let name = get(&item, "name").as_string().unwrap_or_default();
        let mut post_progress = |done: f64, force: bool| {
            let now = js_sys::Date::now();
            if force || now - last_post >= 50.0 {
                last_post = now;
                let _ = scope.post_message(&object(&[
                    ("kind", "progress".into()),
                    ("job", job.clone()),
                    ("index", (index as f64).into()),
                    ("name", name.as_str().into()),
                    ("done", done.into()),
                    ("total", total.into()),
                ]));
            }
        };
        post_progress(done_before, index == 0);
        let file = get(&item, "file");
        let one = if let Some(file) = file.dyn_ref::<web_sys::File>() {
            match opts.limits.refuse(file.size() as u64) {
                Some(too_large) => rejected(&name, Format::Unknown, too_large),
                None => match read_file(file, |d| post_progress(done_before + d, false)) {
                    Ok(bytes) => import_file(&name, &bytes, &opts),
                    Err(e) => rejected(&name, Format::Unknown, Rejection::CannotRead(e)),
                },
            }
        } else {
            let bytes = Uint8Array::new(&get(&item, "bytes")).to_vec();
            import_file(&name, &bytes, &opts)
        };
        done_before += match file.dyn_ref::<web_sys::File>() {
            Some(f) => f.size(),
            None => f64::from(ArrayBuffer::from(get(&item, "bytes")).byte_length()),
        };
        result.extend(one);
    }
    let encoded = codec::encode(&result);
    drop(result);
    // Two copies out of wasm memory: one transferred to the page, one kept for storage.
    let for_page = Uint8Array::from(encoded.as_slice());
    let for_store = Uint8Array::from(encoded.as_slice());
    drop(encoded);
    let buffer: ArrayBuffer = for_page.buffer();
    let transfer = Array::of1(&buffer);
    let _ = scope.post_message_with_transfer(
        &object(&[
            ("kind", "imported".into()),
            ("job", job.clone()),
            ("data", buffer.into()),
        ]),
        &transfer,
    );
    let scope = scope.clone();
    wasm_bindgen_futures::spawn_local(async move {
        // Batch 0: the page saves nothing in this tab (its saved data could not be read).
        let saved = if seq < 1.0 {
            Ok(())
        } else {
            super::store::save_batch(seq, &for_store).await
        };
        let mut pairs = vec![("kind", JsValue::from("saved")), ("job", job)];
        if let Err(e) = saved {
            pairs.push(("error", e.into()));
        }
        let _ = scope.post_message(&object(&pairs));
    });
}

// ---------------------------------------------------------------------------------------
// The page side.

/// Where an import stands, as the worker reports it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    /// The file being read (0-based) and its name.
    pub index: usize,
    pub name: String,
    /// Bytes read of the whole batch, and its size.
    pub done: f64,
    pub total: f64,
}

/// One thing to import: a browser file (read by the worker) or bytes already in hand.
pub enum Item {
    File(web_sys::File),
    Bytes(Vec<u8>),
}

/// Hears a job's messages; returns whether more are expected.
type Handler = Box<dyn FnMut(&JsValue) -> bool>;

/// Files handed to the worker per message.
const CHUNK: usize = 100;

/// Resolves after the next frame is painted.
pub async fn next_frame() {
    let (tx, rx) = oneshot::channel::<()>();
    super::after_paint(move || {
        let _ = tx.send(());
    });
    let _ = rx.await;
}

struct Inner {
    ready: bool,
    queue: Vec<(JsValue, Array)>,
    handlers: HashMap<u32, Handler>,
    next_job: u32,
}

/// A connection to one worker. Dropping the last clone does not stop it; [`Client::terminate`]
/// does, at once.
#[derive(Clone)]
pub struct Client {
    worker: web_sys::Worker,
    inner: Rc<RefCell<Inner>>,
}

impl Client {
    /// Starts a worker (`worker_loader.js` under the site's base path).
    pub fn spawn() -> Result<Client, String> {
        let url = format!("{}/worker_loader.js", super::base_path());
        let worker = web_sys::Worker::new(&url).map_err(|e| super::js_text(&e))?;
        let inner = Rc::new(RefCell::new(Inner {
            ready: false,
            queue: Vec::new(),
            handlers: HashMap::default(),
            next_job: 1,
        }));
        let weak = Rc::downgrade(&inner);
        let sender = worker.clone();
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let Some(inner) = weak.upgrade() else { return };
                let msg = ev.data();
                if get(&msg, "kind").as_string().as_deref() == Some("ready") {
                    let queued = {
                        let mut i = inner.borrow_mut();
                        i.ready = true;
                        std::mem::take(&mut i.queue)
                    };
                    for (m, t) in queued {
                        let _ = sender.post_message_with_transfer(&m, &t);
                    }
                    return;
                }
                let job = get(&msg, "job").as_f64().unwrap_or(0.0) as u32;
                // The handler runs outside the borrow: it may post again.
                let handler = inner.borrow_mut().handlers.remove(&job);
                if let Some(mut h) = handler {
                    if h(&msg) {
                        inner.borrow_mut().handlers.entry(job).or_insert(h);
                    }
                }
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        // A worker that fails (its script or code did not load, it trapped, it ran out of
        // memory) answers nothing: every waiting request ends with an error instead of
        // waiting forever (dropping a handler drops its answer's sender).
        let weak = Rc::downgrade(&inner);
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            if let Some(inner) = weak.upgrade() {
                let (handlers, queue) = {
                    let mut i = inner.borrow_mut();
                    (
                        std::mem::take(&mut i.handlers),
                        std::mem::take(&mut i.queue),
                    )
                };
                drop((handlers, queue));
            }
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        Ok(Client { worker, inner })
    }

    fn send(&self, msg: JsValue, transfer: Array) {
        let mut i = self.inner.borrow_mut();
        if i.ready {
            drop(i);
            let _ = self.worker.post_message_with_transfer(&msg, &transfer);
        } else {
            i.queue.push((msg, transfer));
        }
    }

    fn job(&self, handler: Handler) -> u32 {
        let mut i = self.inner.borrow_mut();
        let job = i.next_job;
        i.next_job = i.next_job.wrapping_add(1);
        i.handlers.insert(job, handler);
        job
    }

    fn forget(&self, job: u32) {
        self.inner.borrow_mut().handlers.remove(&job);
    }

    /// Stops the worker at once (a running import is dropped).
    pub fn terminate(&self) {
        self.worker.terminate();
        self.inner.borrow_mut().handlers.clear();
    }

    /// Imports `items` as batch `seq`: `progress` hears how far the worker got; the answer is
    /// the encoded result, and `saved` hears whether the batch reached storage.
    pub async fn import(
        &self,
        items: Vec<(String, Item)>,
        seq: u64,
        reference: NaiveDate,
        mut progress: impl FnMut(Progress) + 'static,
        saved: impl FnOnce(Result<(), String>) + 'static,
    ) -> Result<Vec<u8>, String> {
        let (tx, rx) = oneshot::channel::<Vec<u8>>();
        let mut tx = Some(tx);
        let mut saved = Some(saved);
        let job = self.job(Box::new(move |msg: &JsValue| {
            match get(msg, "kind").as_string().as_deref() {
                Some("progress") => progress(Progress {
                    index: get(msg, "index").as_f64().unwrap_or(0.0) as usize,
                    name: get(msg, "name").as_string().unwrap_or_default(),
                    done: get(msg, "done").as_f64().unwrap_or(0.0),
                    total: get(msg, "total").as_f64().unwrap_or(0.0),
                }),
                Some("imported") => {
                    let bytes = Uint8Array::new(&get(msg, "data")).to_vec();
                    if let Some(tx) = tx.take() {
                        let _ = tx.send(bytes);
                    }
                }
                Some("saved") => {
                    let error = get(msg, "error").as_string();
                    if let Some(f) = saved.take() {
                        f(error.map_or(Ok(()), Err));
                    }
                    // Nothing more comes for this job.
                    return false;
                }
                _ => {}
            }
            true
        }));
        // Sent in chunks a frame apart: cloning a `File` handle for the worker costs the page
        // about a tenth of a millisecond, so a thousand files at once would freeze a frame.
        let count = items.len();
        let mut items = items.into_iter().peekable();
        while items.peek().is_some() {
            let list = Array::new();
            let transfer = Array::new();
            for (name, item) in items.by_ref().take(CHUNK) {
                let entry = match item {
                    Item::File(f) => object(&[("name", name.into()), ("file", f.into())]),
                    Item::Bytes(b) => {
                        let buffer = Uint8Array::from(b.as_slice()).buffer();
                        transfer.push(&buffer);
                        object(&[("name", name.into()), ("bytes", buffer.into())])
                    }
                };
                list.push(&entry);
            }
            self.send(
                object(&[
                    ("kind", "import".into()),
                    ("job", f64::from(job).into()),
                    ("seq", (seq as f64).into()),
                    ("reference", reference.to_string().into()),
                    ("count", (count as f64).into()),
                    ("items", list.into()),
                ]),
                transfer,
            );
            if items.peek().is_some() {
                next_frame().await;
            }
        }
        rx.await
            .map_err(|_| "the background worker stopped before answering".to_string())
    }

    /// Sends one request (`kind` and `text`, with `extra`) and waits for its one answer.
    async fn ask(
        &self,
        kind: &str,
        text: String,
        extra: Option<(&str, JsValue)>,
    ) -> Result<JsValue, String> {
        let (tx, rx) = oneshot::channel::<JsValue>();
        let mut tx = Some(tx);
        let job = self.job(Box::new(move |msg: &JsValue| {
            if let Some(tx) = tx.take() {
                let _ = tx.send(msg.clone());
            }
            false
        }));
        let mut pairs = vec![
            ("kind", kind.into()),
            ("job", f64::from(job).into()),
            ("text", text.into()),
        ];
        pairs.extend(extra);
        self.send(object(&pairs), Array::new());
        let answer = rx
            .await
            .map_err(|_| "the background worker stopped before answering".to_string());
        self.forget(job);
        answer
    }

    /// Renders Markdown to safe HTML in the worker.
    pub async fn markdown(&self, text: String) -> Result<String, String> {
        let msg = self.ask("markdown", text, None).await?;
        Ok(get(&msg, "html").as_string().unwrap_or_default())
    }

    /// Converts a record an earlier version saved as JSON into the binary form
    /// ([`saved_json_to_codec`]), or says why it cannot be read.
    pub async fn saved_json(&self, part: SavedPart, text: String) -> Result<Vec<u8>, String> {
        let msg = self
            .ask("saved-json", text, Some(("part", part.key().into())))
            .await?;
        match get(&msg, "error").as_string() {
            Some(e) => Err(e),
            None => Ok(Uint8Array::new(&get(&msg, "bytes")).to_vec()),
        }
    }
}

/// Converts what an earlier version saved as JSON, in a worker started for it and stopped
/// after: the page reads no JSON (see `domain::codec`). Only a visitor whose browser still
/// holds such a record waits for it, once (the page then saves the binary form).
pub async fn convert_saved_json(part: SavedPart, text: String) -> Result<Vec<u8>, String> {
    let client = Client::spawn()?;
    let answer = client.saved_json(part, text).await;
    client.terminate();
    answer
}

thread_local! {
    /// The worker used for Markdown (kept: rendering is on demand, page after page).
    static RENDERER: RefCell<Option<Client>> = const { RefCell::new(None) };
    /// A worker started ahead of an import (on the import page), so that its code is compiled
    /// by the time a file is dropped.
    static SPARE: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// Renders Markdown in the worker.
pub async fn render_markdown(text: String) -> Result<String, String> {
    let client = RENDERER.with(|r| -> Result<Client, String> {
        let mut r = r.borrow_mut();
        if let Some(c) = r.as_ref() {
            return Ok(c.clone());
        }
        let c = Client::spawn()?;
        *r = Some(c.clone());
        Ok(c)
    })?;
    client.markdown(text).await
}

/// Starts (and warms) a worker for the next import, if none is waiting.
pub fn prepare_import_worker() {
    SPARE.with(|s| {
        let mut s = s.borrow_mut();
        if s.is_none() {
            *s = Client::spawn().ok().inspect(|c| {
                c.send(object(&[("kind", "warm-up".into())]), Array::new());
            });
        }
    });
}

/// The worker for an import: the one started ahead, or a new one.
pub fn import_worker() -> Result<Client, String> {
    match SPARE.with(|s| s.borrow_mut().take()) {
        Some(c) => Ok(c),
        None => Client::spawn(),
    }
}
