//! The browser's Back button leaves a lesson, as it leaves a page: entering a lesson adds
//! an entry to the tab's history, Back pops it and the lesson is left (its progress kept),
//! and leaving by the button takes the entry away again. An embedded lab leaves history
//! alone: in a frame, it is the course page's Back button.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::Lessons;

/// The history entries a lesson's Back works with: the lab's entry, marked as a lesson is
/// entered, and the lesson's own, pushed after it. Going back to the lab's entry leaves
/// the lesson; an entry a fragment adds (a pasted link) is neither, and leaves nothing.
const LAB: &str = "smtplab-lab";
const LESSON: &str = "smtplab-lesson";

#[hook]
pub fn use_back_leaves_lesson(lessons: &Lessons, embedded: bool) {
    // The popstate listener is added once and acts on the lessons of the latest render.
    let latest: Rc<RefCell<Lessons>> = use_mut_ref(|| lessons.clone());
    *latest.borrow_mut() = lessons.clone();
    // Whether this page has shown a lesson: a reload starts without one until it is
    // restored, and must not take the lesson's entry away meanwhile.
    let shown = use_mut_ref(|| false);
    let in_lesson = lessons.lab.grading.is_some();
    use_effect_with(in_lesson, move |&in_lesson| {
        let was = std::mem::replace(&mut *shown.borrow_mut(), in_lesson);
        if embedded {
            return;
        }
        match (in_lesson, entry().as_deref()) {
            (true, Some(LESSON)) => {}
            (true, _) => {
                replace_entry(LAB);
                push_entry(LESSON);
            }
            // Left by the button: the lesson's entry goes too.
            (false, Some(LESSON)) if was => go_back(),
            _ => {}
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
        if entry().as_deref() == Some(LAB) && lessons.lab.grading.is_some() {
            lessons.leave();
        }
    }))
}

fn history() -> Option<web_sys::History> {
    web_sys::window()?.history().ok()
}

/// The mark on the tab's current history entry, if any.
fn entry() -> Option<String> {
    history()?.state().ok()?.as_string()
}

fn push_entry(mark: &str) {
    if let Some(history) = history() {
        let _ = history.push_state(&wasm_bindgen::JsValue::from_str(mark), "");
    }
}

fn replace_entry(mark: &str) {
    if let Some(history) = history() {
        let _ = history.replace_state(&wasm_bindgen::JsValue::from_str(mark), "");
    }
}

fn go_back() {
    if let Some(history) = history() {
        let _ = history.back();
    }
}
