//! The Web Worker that does the heavy, rarely needed work off the main thread and out of the
//! first-load bundle: parsing imported files (all importers: YAML, TOML, CSV, zip, prose) and
//! rendering postmortem Markdown to safe HTML.
//!
//! The page sends one file per request, so progress is reported per file and a cancelled
//! import stops at the next file (the bridge is dropped and the worker closes). Messages cross
//! the worker boundary with gloo-worker's bincode codec, so results travel as JSON text (the
//! model's optional fields are not bincode-friendly).

use crate::domain::import::{import_file, ImportOptions};
use crate::render::markdown;
use chrono::NaiveDate;
use futures_channel::oneshot;
use gloo_worker::{HandlerId, Spawnable, Worker, WorkerBridge, WorkerScope};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// What the page asks.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Request {
    /// Parse one file; `reference_date` (`YYYY-MM-DD`) is "today" for year inference.
    Import {
        name: String,
        bytes: Vec<u8>,
        reference_date: String,
    },
    /// Render a postmortem body.
    Markdown(String),
}

/// What the worker answers, one response per request, in order.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Response {
    /// The JSON of an `ImportResult`.
    Imported(String),
    /// Safe HTML (see [`markdown::to_safe_html`]).
    Html(String),
}

/// The worker.
pub struct ImportWorker;

impl Worker for ImportWorker {
    type Message = ();
    type Input = Request;
    type Output = Response;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        ImportWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: Self::Input, id: HandlerId) {
        let response = match request {
            Request::Import {
                name,
                bytes,
                reference_date,
            } => {
                let reference =
                    NaiveDate::parse_from_str(&reference_date, "%Y-%m-%d").unwrap_or_default();
                let result = import_file(&name, &bytes, &ImportOptions::new(reference));
                Response::Imported(
                    serde_json::to_string(&result)
                        .unwrap_or_else(|_| "{\"files\":[],\"incidents\":[]}".into()),
                )
            }
            Request::Markdown(text) => Response::Html(markdown::to_safe_html(&text)),
        };
        scope.respond(id, response);
    }
}

type Pending = Rc<RefCell<VecDeque<oneshot::Sender<Response>>>>;

/// A connection to one worker; requests are answered in order. Dropping the last clone
/// closes the worker once it finishes the request in hand.
#[derive(Clone)]
pub struct Client {
    bridge: Rc<WorkerBridge<ImportWorker>>,
    pending: Pending,
}

impl Client {
    /// Starts a worker (`worker.js` under the site's base path).
    pub fn spawn() -> Client {
        let pending: Pending = Rc::default();
        let answers = pending.clone();
        let bridge = ImportWorker::spawner()
            .callback(move |response| {
                if let Some(tx) = answers.borrow_mut().pop_front() {
                    let _ = tx.send(response);
                }
            })
            .spawn(&format!("{}/worker.js", super::base_path()));
        Client {
            bridge: Rc::new(bridge),
            pending,
        }
    }

    /// Sends a request and waits for its answer.
    pub async fn ask(&self, request: Request) -> Result<Response, String> {
        let (tx, rx) = oneshot::channel();
        self.pending.borrow_mut().push_back(tx);
        self.bridge.send(request);
        rx.await
            .map_err(|_| "the background worker stopped before answering".to_string())
    }
}

thread_local! {
    /// The worker used for Markdown (kept: rendering is on demand, page after page).
    static RENDERER: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// Renders Markdown in the worker.
pub async fn render_markdown(text: String) -> Result<String, String> {
    let client = RENDERER.with(|r| r.borrow_mut().get_or_insert_with(Client::spawn).clone());
    match client.ask(Request::Markdown(text)).await? {
        Response::Html(html) => Ok(html),
        Response::Imported(_) => Err("the worker answered another question".into()),
    }
}
