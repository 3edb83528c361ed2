//! Persistence in IndexedDB, in the binary form of `domain::codec`: one record per import
//! batch (written by the import worker), `edits` (written on every correction, small) and
//! `removals` — so an edit never rewrites thousands of incidents. Records an earlier version
//! wrote as JSON (`imports`, and `edits` and `removals` as text) are converted once by the
//! worker (`domain::export::saved_json_to_codec`) and saved back in the binary form.
//!
//! The database version (`DB_VERSION`) only changes when object stores change; the records'
//! forms carry their own versions. Every failure (quota, private mode, a blocked upgrade) comes
//! back as a sentence for the user: storage is never silently lost.

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

const DB_NAME: &str = "aftermath";
const DB_VERSION: u32 = 1;
const STORE: &str = "state";
/// The record names.
/// The imports as an earlier version saved them (one JSON document), read as the first batch;
/// saved back in the binary form once converted.
pub const IMPORTS: &str = "imports";
/// The user's edits (`domain::codec::encode_edits`; JSON before).
pub const EDITS: &str = "edits";
/// Files removed from earlier imports (`domain::codec::encode_removals`; JSON before).
pub const REMOVALS: &str = "removals";

fn describe(e: &JsValue) -> String {
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        return match ex.name().as_str() {
            "QuotaExceededError" => {
                "the browser's storage quota is full (free space or export an archive)".into()
            }
            "InvalidStateError" | "SecurityError" => {
                "this browser does not allow storage here (private mode?)".into()
            }
            "VersionError" => "the saved data was written by a newer version of Aftermath (reload the page to get it)".into(),
            "UnknownError" | "DataError" => format!("the browser could not read or write its storage ({})", ex.message()),
            name => format!("{name}: {}", ex.message()),
        };
    }
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    e.as_string()
        .unwrap_or_else(|| "an unknown storage error".into())
}

/// A promise settled by a request's success or error event. The handlers may fire more than
/// once (a failed transaction sends `error` then `abort`): settling twice is harmless.
fn settle(set_ok: impl FnOnce(&Function), set_err: impl FnOnce(&Function)) -> Promise {
    let mut set_ok = Some(set_ok);
    let mut set_err = Some(set_err);
    Promise::new(&mut |resolve, reject| {
        let ok = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
            let _ = resolve.call0(&JsValue::NULL);
        })
        .into_js_value();
        let err = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
            let _ = reject.call1(&JsValue::NULL, &ev);
        })
        .into_js_value();
        if let Some(f) = set_ok.take() {
            f(ok.unchecked_ref());
        }
        if let Some(f) = set_err.take() {
            f(err.unchecked_ref());
        }
    })
}

async fn finish_request(req: &IdbRequest) -> Result<JsValue, String> {
    let promise = settle(|f| req.set_onsuccess(Some(f)), |f| req.set_onerror(Some(f)));
    JsFuture::from(promise).await.map_err(|_| {
        req.error()
            .ok()
            .flatten()
            .map_or_else(|| "request failed".into(), |e| describe(&e))
    })?;
    req.result().map_err(|e| describe(&e))
}

async fn finish_transaction(tx: &IdbTransaction) -> Result<(), String> {
    let promise = settle(
        |f| tx.set_oncomplete(Some(f)),
        |f| {
            tx.set_onerror(Some(f));
            tx.set_onabort(Some(f));
        },
    );
    JsFuture::from(promise).await.map(|_| ()).map_err(|_| {
        tx.error()
            .map_or_else(|| "the save was aborted".into(), |e| describe(&e))
    })
}

async fn open() -> Result<IdbDatabase, String> {
    // The page and the import worker both save: IndexedDB from whichever global this is.
    let global = js_sys::global();
    let factory = if let Some(w) = global.dyn_ref::<web_sys::Window>() {
        w.indexed_db()
    } else if let Some(w) = global.dyn_ref::<web_sys::WorkerGlobalScope>() {
        w.indexed_db()
    } else {
        return Err("no IndexedDB here".into());
    }
    .map_err(|e| describe(&e))?
    .ok_or("this browser offers no IndexedDB (private mode?)")?;
    let req: IdbOpenDbRequest = factory
        .open_with_u32(DB_NAME, DB_VERSION)
        .map_err(|e| describe(&e))?;
    // Version 1 creates the one object store; later versions add their steps here.
    let upgrade = Closure::once_into_js(move |ev: web_sys::Event| {
        let db = ev
            .target()
            .and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db = finish_request(&req).await?;
    db.dyn_into::<IdbDatabase>()
        .map_err(|_| "IndexedDB returned no database".into())
}

/// A saved record: bytes (what this version writes: `domain::codec`), or the JSON text an
/// earlier version wrote.
pub enum Stored {
    Bytes(Vec<u8>),
    Text(String),
}

/// A record, or `None` when nothing was saved under `key` yet.
pub async fn load(key: &str) -> Result<Option<Stored>, String> {
    let db = open().await?;
    let tx = db.transaction_with_str(STORE).map_err(|e| describe(&e))?;
    let store = tx.object_store(STORE).map_err(|e| describe(&e))?;
    let req = store
        .get(&JsValue::from_str(key))
        .map_err(|e| describe(&e))?;
    let value = finish_request(&req).await?;
    db.close();
    Ok(if let Some(text) = value.as_string() {
        Some(Stored::Text(text))
    } else if value.is_undefined() || value.is_null() {
        None
    } else {
        Some(Stored::Bytes(js_sys::Uint8Array::new(&value).to_vec()))
    })
}

/// Replaces one record with `bytes`.
pub async fn save(key: &str, bytes: &[u8]) -> Result<(), String> {
    put(key, &js_sys::Uint8Array::from(bytes)).await
}

/// Writes `value` under `key`, in a transaction of its own.
async fn put(key: &str, value: &JsValue) -> Result<(), String> {
    let db = open().await?;
    let tx = db
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
        .map_err(|e| describe(&e))?;
    let store = tx.object_store(STORE).map_err(|e| describe(&e))?;
    store
        .put_with_key(value, &JsValue::from_str(key))
        .map_err(|e| describe(&e))?;
    let done = finish_transaction(&tx).await;
    db.close();
    done
}

/// The key of import batch `seq`: zero-padded, so that keys sort in import order.
fn batch_key(seq: f64) -> String {
    format!("batch-{:012}", seq.max(0.0) as u64)
}

/// Saves one import batch (its encoded result, as written by the worker).
pub async fn save_batch(seq: f64, bytes: &js_sys::Uint8Array) -> Result<(), String> {
    put(&batch_key(seq), bytes).await
}

/// A saved import batch: its sequence number and its bytes, or why they could not be read.
pub type StoredBatch = (u64, Result<Vec<u8>, String>);

/// Every saved import batch, in import order: its sequence number and encoded result, or why
/// that one could not be read (each is read alone, so one unreadable value fails only itself).
pub async fn load_batches() -> Result<Vec<StoredBatch>, String> {
    let db = open().await?;
    let tx = db.transaction_with_str(STORE).map_err(|e| describe(&e))?;
    let store = tx.object_store(STORE).map_err(|e| describe(&e))?;
    let range = web_sys::IdbKeyRange::bound(
        &JsValue::from_str("batch-"),
        &JsValue::from_str("batch-\u{ffff}"),
    )
    .map_err(|e| describe(&e))?;
    let keys = finish_request(
        &store
            .get_all_keys_with_key(&range)
            .map_err(|e| describe(&e))?,
    )
    .await?;
    let keys: js_sys::Array = keys.unchecked_into();
    // Every request is made before any is awaited (one transaction).
    let pending: Vec<(u64, Result<web_sys::IdbRequest, String>)> = keys
        .iter()
        .filter_map(|k| {
            let seq = k.as_string()?.strip_prefix("batch-")?.parse().ok()?;
            Some((seq, store.get(&k).map_err(|e| describe(&e))))
        })
        .collect();
    let mut out = Vec::with_capacity(pending.len());
    for (seq, request) in pending {
        let value = match request {
            Ok(r) => finish_request(&r)
                .await
                .map(|v| js_sys::Uint8Array::new(&v).to_vec()),
            Err(e) => Err(e),
        };
        out.push((seq, value));
    }
    db.close();
    Ok(out)
}

/// Deletes everything saved.
pub async fn clear() -> Result<(), String> {
    let db = open().await?;
    let tx = db
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
        .map_err(|e| describe(&e))?;
    let store = tx.object_store(STORE).map_err(|e| describe(&e))?;
    store.clear().map_err(|e| describe(&e))?;
    let done = finish_transaction(&tx).await;
    db.close();
    done
}
