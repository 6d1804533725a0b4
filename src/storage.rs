//! Saving the lab in localStorage and getting it back. The decoding is pure (tested
//! natively); only [`read`] and [`write`] touch the browser.
//!
//! Stored data carries a version. Data that does not decode — corrupt, or from an old
//! format — never blanks the page: the lab starts fresh, says so, and offers the broken
//! text for download.

use serde::{Deserialize, Serialize};

use crate::state::Lab;

pub const KEY: &str = "smtplab.lab";
pub const DRAFT_KEY: &str = "smtplab.draft";
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    lab: Lab,
}

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

pub fn encode(lab: &Lab) -> String {
    #[derive(Serialize)]
    struct Borrowed<'a> {
        version: u32,
        lab: &'a Lab,
    }
    serde_json::to_string(&Borrowed {
        version: VERSION,
        lab,
    })
    .expect("the lab always serialises")
}

pub fn decode(raw: Option<String>) -> Loaded {
    let Some(raw) = raw else {
        return Loaded::Nothing;
    };
    match serde_json::from_str::<Stored>(&raw) {
        Ok(stored) if stored.version == VERSION => Loaded::Restored(Box::new(stored.lab)),
        Ok(stored) => Loaded::Broken {
            why: format!("it is in format version {}", stored.version),
            raw,
        },
        Err(e) => Loaded::Broken {
            why: e.to_string(),
            raw,
        },
    }
}

/// Reads a key; `None` outside a browser or when storage is unavailable.
pub fn read(key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()?.local_storage().ok()??.get_item(key).ok()?
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
        let storage = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .ok_or("no localStorage")?;
        storage
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

/// Reads a file the learner picked, as text; `done` gets it or why not.
#[cfg(target_arch = "wasm32")]
pub fn read_file(file: web_sys::File, done: impl FnOnce(Result<String, String>) + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        done(
            text.ok()
                .and_then(|t| t.as_string())
                .ok_or_else(|| "the browser could not read it as text".to_string()),
        );
    });
}

/// Fetches a same-origin URL as text; `done` gets it or why not.
#[cfg(target_arch = "wasm32")]
pub fn fetch_text(url: String, done: impl FnOnce(Result<String, String>) + 'static) {
    use wasm_bindgen::JsCast;
    wasm_bindgen_futures::spawn_local(async move {
        let result = async {
            let window = web_sys::window().ok_or("no window")?;
            let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&url))
                .await
                .map_err(|_| "the request failed (offline, or blocked)".to_string())?;
            let response: web_sys::Response = response.dyn_into().map_err(|_| "no response")?;
            if !response.ok() {
                return Err(format!("the server answered {}", response.status()));
            }
            let text = response.text().map_err(|_| "no body")?;
            wasm_bindgen_futures::JsFuture::from(text)
                .await
                .ok()
                .and_then(|t| t.as_string())
                .ok_or_else(|| "the body is not text".to_string())
        };
        done(result.await);
    });
}

#[cfg(not(target_arch = "wasm32"))]
pub fn read_file(_: web_sys::File, done: impl FnOnce(Result<String, String>) + 'static) {
    done(Err("files are read only in the browser".into()));
}

#[cfg(not(target_arch = "wasm32"))]
pub fn fetch_text(_: String, done: impl FnOnce(Result<String, String>) + 'static) {
    done(Err("URLs are fetched only in the browser".into()));
}
