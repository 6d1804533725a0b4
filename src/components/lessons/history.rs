//! The browser's Back button leaves a lesson, as it leaves a page: entering a lesson adds
//! an entry to the tab's history, Back pops it and the lesson is left (its progress kept),
//! and leaving by the button takes the entry away again. An embedded lab leaves history
//! alone: in a frame, it is the course page's Back button.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::Lessons;

/// The history entry a lesson adds.
const MARK: &str = "smtplab-lesson";

#[hook]
pub fn use_back_leaves_lesson(lessons: &Lessons, embedded: bool) {
    // The popstate listener is added once and acts on the lessons of the latest render.
    let latest: Rc<RefCell<Lessons>> = use_mut_ref(|| lessons.clone());
    *latest.borrow_mut() = lessons.clone();
    let in_lesson = lessons.lab.grading.is_some();
    use_effect_with(in_lesson, move |&in_lesson| {
        if !embedded {
            match (in_lesson, marked()) {
                (true, false) => push_mark(),
                (false, true) => go_back(),
                _ => {}
            }
        }
    });
    use_effect_with((), move |_| {
        let listener = if embedded { None } else { listen(latest) };
        move || drop(listener)
    });
}

fn listen(latest: Rc<RefCell<Lessons>>) -> Option<gloo::events::EventListener> {
    let window = web_sys::window()?;
    Some(gloo::events::EventListener::new(&window, "popstate", move |_| {
        let lessons = latest.borrow().clone();
        if !marked() && lessons.lab.grading.is_some() {
            lessons.leave();
        }
    }))
}

/// Whether the tab's current history entry is a lesson's.
fn marked() -> bool {
    let state = web_sys::window().and_then(|w| w.history().ok()?.state().ok());
    state.and_then(|s| s.as_string()).as_deref() == Some(MARK)
}

fn push_mark() {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.push_state(&wasm_bindgen::JsValue::from_str(MARK), "");
    }
}

fn go_back() {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.back();
    }
}
