//! What the learner is writing and has not sent: the command line's draft and the
//! composer's message. Each is kept in localStorage apart from the lab, so that it
//! outlives what replaces the lab or the input (a reload, stepping back, a lesson).
//!
//! A draft is written once typing pauses (a write per keystroke costs a synchronous
//! localStorage call each), and at once when the page is hidden or closed.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::storage::{self, MessageDraft, Unreadable};

/// How long typing must pause before the draft is written.
const SAVE_AFTER_MS: u32 = 400;

/// The command line's draft, stored as it is under `key`.
#[hook]
pub fn use_command_draft(key: String) -> UseStateHandle<String> {
    use_saved(key, Option::unwrap_or_default, String::clone)
}

/// The composer's message under `key`, and what was stored there if it could not be read
/// (the composer then starts empty).
#[hook]
pub fn use_message_draft(key: String) -> (UseStateHandle<MessageDraft>, UseStateHandle<Option<Unreadable>>) {
    let unreadable = use_state(|| None);
    let read = {
        let unreadable = unreadable.clone();
        move |raw| {
            storage::decode_message(raw).unwrap_or_else(|broken| {
                unreadable.set(Some(broken));
                MessageDraft::default()
            })
        }
    };
    (use_saved(key, read, storage::encode_message), unreadable)
}

/// A value read from `key` with `read` once, and written back with `write` as it changes.
#[hook]
fn use_saved<T, R>(key: String, read: R, write: fn(&T) -> String) -> UseStateHandle<T>
where
    T: Clone + PartialEq + 'static,
    R: FnOnce(Option<String>) -> T,
{
    let value = {
        let key = key.clone();
        use_state(move || read(storage::read(&key)))
    };
    let unsaved = use_mut_ref(|| None::<String>);
    let pending = use_mut_ref(|| None::<Timeout>);
    // What was read is not written back: an unreadable draft stays as it was, to download.
    let read_back = use_mut_ref(|| true);
    {
        let (unsaved, key) = (unsaved.clone(), key.clone());
        use_effect_with((*value).clone(), move |value| {
            if std::mem::replace(&mut *read_back.borrow_mut(), false) {
                return;
            }
            *unsaved.borrow_mut() = Some(write(value));
            let timer = Timeout::new(SAVE_AFTER_MS, move || flush(&key, &unsaved));
            *pending.borrow_mut() = Some(timer);
        });
    }
    use_effect_with(key, move |key| {
        let listeners = web_sys::window().map(|window| {
            ["pagehide", "visibilitychange"].map(|name| {
                let (key, unsaved) = (key.clone(), unsaved.clone());
                gloo::events::EventListener::new(&window, name, move |_| flush(&key, &unsaved))
            })
        });
        move || drop(listeners)
    });
    value
}

/// Writes what changed since the last write, if anything did.
fn flush(key: &str, unsaved: &Rc<RefCell<Option<String>>>) {
    if let Some(text) = unsaved.borrow_mut().take() {
        let _ = storage::write(key, &text);
    }
}
