//! Saving the lab in localStorage and getting it back. The decoding is pure (tested
//! natively); only [`read`] and [`write`] touch the browser.
//!
//! What is saved is what a share link holds (`crate::share`): the world, seed and start of
//! the first session and every step, plus the open panel. Loading replays the steps (the
//! engine is deterministic), so the transcript, the session and the mailboxes are never
//! stored, and no code to read them back is shipped. Lab files are the same text.
//!
//! Stored data carries a version. Version 1 held the whole lab; its origin and steps are
//! read from it and replayed. Data that does not decode (corrupt, or from an unknown
//! format) never blanks the page: the lab starts fresh, says so, and offers the broken
//! text for download.
//!
//! What the learner has written and not sent is kept too, outside the lab (stepping back,
//! a lesson or a share link replace the lab, not the drafts): the command line's draft as
//! it is, and the composer's message ([`MessageDraft`]) versioned like the lab, and
//! recovered the same way.

use serde_json::Value;
use smtplab_engine::json::{self, Writer};

use crate::i18n::Note;
use crate::note;
use crate::share::{self, Packed};
use crate::state::{Lab, Panel};

pub const KEY: &str = "smtplab.lab";
pub const DRAFT_KEY: &str = "smtplab.draft";
pub const MESSAGE_KEY: &str = "smtplab.message";
const VERSION: u32 = 2;
const MESSAGE_VERSION: u32 = 1;
/// Most steps a saved lab replays (a long class; a share link holds fewer).
pub const MAX_SAVED_STEPS: usize = 100_000;

/// The panels by their names in a save (their variants' names).
const PANELS: &[(Panel, &str)] = &[
    (Panel::Explain, "Explain"),
    (Panel::Commands, "Commands"),
    (Panel::Codes, "Codes"),
    (Panel::Auth, "Auth"),
    (Panel::Mailboxes, "Mailboxes"),
    (Panel::Settings, "Settings"),
    (Panel::Lessons, "Lessons"),
];

/// What was found in storage.
#[derive(Debug)]
pub enum Loaded {
    Nothing,
    Restored(Box<Lab>),
    /// Unreadable: the raw text (for download) and why.
    Broken {
        raw: String,
        why: String,
    },
}

/// `{"version":2,"panel":"Explain","session":{…a link's JSON…}}`.
pub fn encode(lab: &Lab) -> String {
    let mut out = Writer::new();
    out.open_object().u64_field("version", VERSION.into());
    out.string_field("panel", json::name_of(&lab.panel, PANELS));
    out.key("session");
    share::pack(lab).write_json(&mut out);
    out.close_object();
    out.finish()
}

pub fn decode(raw: Option<String>) -> Loaded {
    let Some(raw) = raw else {
        return Loaded::Nothing;
    };
    match restore(&raw) {
        Ok(lab) => Loaded::Restored(Box::new(lab)),
        Err(why) => Loaded::Broken { why, raw },
    }
}

fn restore(raw: &str) -> Result<Lab, String> {
    let value = json::parse(raw)?;
    let map = json::object(&value, "", &[], false)?;
    let version = json::optional(map, "", "version", |v, p| json::unsigned::<u32>(v, p, "u32"))?;
    let (panel, packed) = match version {
        Some(VERSION) => {
            let panel = match map.get("panel") {
                Some(name) => json::named(name, "panel", PANELS)?,
                None => Panel::default(),
            };
            let session = json::required(map, "", "session")?;
            (panel, Packed::from_value(session, "session")?)
        }
        Some(1) => from_version_1(&value)?,
        Some(other) => return Err(format!("it is in format version {other}")),
        None => return Err("it has no format version".into()),
    };
    let mut lab = share::replay(packed, MAX_SAVED_STEPS).map_err(|e| e.to_string())?;
    lab.panel = panel;
    Ok(lab)
}

/// A version 1 save (the whole lab) as what replays it: its origin and steps, rewritten
/// as a link's JSON. Imported transcripts (a view, not a step) are dropped.
fn from_version_1(value: &Value) -> Result<(Panel, Packed), String> {
    let lab = &value["lab"];
    let origin = lab["origin"]
        .as_array()
        .filter(|o| o.len() == 3)
        .ok_or("it has no origin")?;
    let start = origin[2].as_u64().ok_or("its start is not a time")?;
    let mut last = start;
    let steps = lab["steps"].as_array().ok_or("it has no steps")?;
    let steps: Vec<Value> = steps
        .iter()
        .filter_map(|step| old_step(step, &mut last))
        .collect();
    let link = serde_json::json!({
        "v": 1, "w": origin[0], "s": origin[1], "t": start, "p": steps,
    });
    let link = serde_json::to_string(&link).unwrap_or_default();
    let packed = share::parse(link.as_bytes()).map_err(|e| e.to_string())?;
    let panel = match lab["panel"].as_str() {
        Some(name) => json::named(&Value::String(name.into()), "", PANELS).unwrap_or_default(),
        None => Panel::default(),
    };
    Ok((panel, packed))
}

/// One version 1 step (`{"Send": {"line", "now"}}`, `"Clear"`, …) as a link's step.
fn old_step(step: &Value, last: &mut u64) -> Option<Value> {
    use serde_json::json;
    if step.as_str() == Some("Clear") {
        return Some(Value::String("k".into()));
    }
    let (kind, fields) = step.as_object()?.iter().next()?;
    if kind == "Import" {
        return None;
    }
    let now = fields["now"].as_u64()?;
    let delta = now as i64 - *last as i64;
    *last = now;
    Some(match kind.as_str() {
        "Send" => json!({ "c": [delta, fields["line"]] }),
        "Pipelined" => json!({ "p": [delta, fields["lines"]] }),
        "Message" => json!({ "m": [delta, fields["text"], fields["raw"]] }),
        "Handshake" => json!({ "h": delta }),
        "Connect" => json!({ "o": delta }),
        "Disconnect" => json!({ "x": delta }),
        "World" => json!({ "w": [delta, fields["world"], fields["seed"]] }),
        _ => return None,
    })
}

/// The message being written in the composer (after 354), not sent yet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageDraft {
    pub text: String,
    /// Sent as typed: no dot-stuffing, no final dot.
    pub raw: bool,
}

/// Stored data that does not decode: the raw text (for download) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub raw: String,
    pub why: String,
}

/// `{"version":1,"text":"Subject: Hi\n\nHello.","raw":false}`.
pub fn encode_message(draft: &MessageDraft) -> String {
    let mut out = Writer::new();
    out.open_object()
        .u64_field("version", MESSAGE_VERSION.into())
        .string_field("text", &draft.text)
        .bool_field("raw", draft.raw)
        .close_object();
    out.finish()
}

/// The stored message draft; nothing stored is an empty one.
pub fn decode_message(raw: Option<String>) -> Result<MessageDraft, Unreadable> {
    let Some(raw) = raw else {
        return Ok(MessageDraft::default());
    };
    restore_message(&raw).map_err(|why| Unreadable { raw, why })
}

fn restore_message(raw: &str) -> Result<MessageDraft, String> {
    let value = json::parse(raw)?;
    let map = json::object(&value, "", &[], false)?;
    match json::optional(map, "", "version", |v, p| json::unsigned::<u32>(v, p, "u32"))? {
        Some(MESSAGE_VERSION) => {}
        Some(other) => return Err(format!("it is in format version {other}")),
        None => return Err("it has no format version".into()),
    }
    Ok(MessageDraft {
        text: json::string(json::required(map, "", "text")?, "text")?,
        raw: json::optional(map, "", "raw", json::boolean)?.unwrap_or(false),
    })
}

/// The browser's localStorage through gloo-storage, or `None` where there is none or it
/// is blocked (a sandboxed frame, storage turned off): gloo's accessor throws there, so
/// it is reached only after the browser said it has one. Reads and writes are of raw
/// text: the saved lab is JSON already ([`encode`]), and an unreadable save must come
/// back as it is, for download ([`Loaded::Broken`]), not as gloo's parse error.
#[cfg(target_arch = "wasm32")]
fn local_storage() -> Option<web_sys::Storage> {
    use gloo::storage::{LocalStorage, Storage};
    web_sys::window()?.local_storage().ok()??;
    Some(LocalStorage::raw())
}

/// Reads a key; `None` outside a browser or when storage is unavailable.
pub fn read(key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        local_storage()?.get_item(key).ok()?
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = key;
        None
    }
}

/// Writes a key; a full or missing storage is reported, never fatal.
pub fn write(key: &str, value: &str) -> Result<(), String> {
    #[cfg(target_arch = "wasm32")]
    {
        local_storage()
            .ok_or("no localStorage")?
            .set_item(key, value)
            .map_err(|_| "localStorage is full or blocked".to_string())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (key, value);
        Ok(())
    }
}

/// A `data:` URL for downloading text.
pub fn data_url(mime: &str, text: &str) -> String {
    let mut out = format!("data:{mime};charset=utf-8,");
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.reserve(text.len() * 2);
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => {
                out.push('%');
                out.push(HEX[usize::from(byte >> 4)] as char);
                out.push(HEX[usize::from(byte & 15)] as char);
            }
        }
    }
    out
}

/// What [`read_file`] and [`fetch_text`] hand the text to. Boxed, so that one copy of
/// each async body serves every caller (a generic one is a few KB of wasm per caller).
#[cfg(target_arch = "wasm32")]
type TextDone = Box<dyn FnOnce(Result<String, Note>)>;

/// Reads a file the learner picked, as text; `done` gets it or why not.
#[cfg(target_arch = "wasm32")]
pub fn read_file(file: web_sys::File, done: impl FnOnce(Result<String, Note>) + 'static) {
    read_file_boxed(file, Box::new(done));
}

#[cfg(target_arch = "wasm32")]
fn read_file_boxed(file: web_sys::File, done: TextDone) {
    wasm_bindgen_futures::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        done(
            text.ok()
                .and_then(|t| t.as_string())
                .ok_or_else(|| note!("file-not-text")),
        );
    });
}

/// Fetches a same-origin URL as text; `done` gets it or why not.
#[cfg(target_arch = "wasm32")]
pub fn fetch_text(url: String, done: impl FnOnce(Result<String, Note>) + 'static) {
    fetch_text_boxed(url, Box::new(done));
}

#[cfg(target_arch = "wasm32")]
fn fetch_text_boxed(url: String, done: TextDone) {
    use wasm_bindgen::JsCast;
    wasm_bindgen_futures::spawn_local(async move {
        let result = async {
            // No window or no response object: the browser did not fetch it.
            let failed = || note!("fetch-failed");
            let window = web_sys::window().ok_or_else(failed)?;
            let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&url))
                .await
                .map_err(|_| failed())?;
            let response: web_sys::Response = response.dyn_into().map_err(|_| failed())?;
            if !response.ok() {
                return Err(note!("fetch-status", status = response.status()));
            }
            let text = response.text().map_err(|_| failed())?;
            wasm_bindgen_futures::JsFuture::from(text)
                .await
                .ok()
                .and_then(|t| t.as_string())
                .ok_or_else(|| note!("file-not-text"))
        };
        done(result.await);
    });
}

#[cfg(not(target_arch = "wasm32"))]
pub fn read_file(_: web_sys::File, done: impl FnOnce(Result<String, Note>) + 'static) {
    done(Err(note!("fetch-failed")));
}

#[cfg(not(target_arch = "wasm32"))]
pub fn fetch_text(_: String, done: impl FnOnce(Result<String, Note>) + 'static) {
    done(Err(note!("fetch-failed")));
}
