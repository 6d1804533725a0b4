//! One component per file; each takes the lab (the reducer handle) or plain data.

pub mod auth;
pub mod codes;
pub mod command_line;
pub mod commands;
pub mod composer;
pub mod console;
pub mod diagrams;
pub mod explain;
pub mod export;
pub mod find;
pub mod language;
pub mod lessons;
pub mod mailboxes;
pub mod pills;
pub mod rules;
pub mod server_choice;
pub mod settings;
pub mod share;
pub mod tabs;
pub mod timeline;
pub mod transcript;
pub mod transcript_row;
pub mod update;
pub mod wait;
pub mod world_form;

use yew::prelude::*;

use crate::state::Lab;

/// The props of every component that shows or changes the lab.
#[derive(Properties, PartialEq)]
pub struct LabProps {
    pub lab: UseReducerHandle<Lab>,
}

/// The lab, and a way to put text into the command input.
#[derive(Properties, PartialEq)]
pub struct InsertProps {
    pub lab: UseReducerHandle<Lab>,
    pub insert: Callback<String>,
}

/// Scrolls `scroller` to its end whenever `deps` change while `enabled`, at the next
/// animation frame: the frame lays the page out anyway, while reading the height at once,
/// right after a render, would force a layout of its own on every reply.
#[hook]
pub fn use_scroll_to_end<D: PartialEq + Clone + 'static>(scroller: &NodeRef, deps: D, enabled: bool) {
    let frame = use_mut_ref(|| None::<gloo::render::AnimationFrame>);
    let scroller = scroller.clone();
    use_effect_with((deps, enabled), move |(_, enabled)| {
        if *enabled {
            *frame.borrow_mut() = Some(gloo::render::request_animation_frame(move |_| {
                if let Some(div) = scroller.cast::<web_sys::Element>() {
                    div.set_scroll_top(div.scroll_height());
                }
            }));
        }
    });
}

/// Moves the keyboard focus to `node` when the component appears, if `enabled` and the
/// focus is free to move: this document has it (not a course page around an embedded
/// lab), and it is on nothing in particular (the element that had it was just replaced)
/// or inside the console.
#[hook]
pub fn use_take_focus(node: &NodeRef, enabled: bool) {
    let node = node.clone();
    use_effect_with((), move |_| {
        if enabled && focus_is_free() {
            if let Some(element) = node.cast::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        }
    });
}

fn focus_is_free() -> bool {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    if !document.has_focus().unwrap_or(false) {
        return false;
    }
    let body = document.body();
    document.active_element().is_none_or(|active| {
        body.is_some_and(|body| body.unchecked_ref::<web_sys::Element>() == &active)
            || active.closest(".console").ok().flatten().is_some()
    })
}

/// `HH:MM:SS` of a simulated time (UTC).
pub fn clock(ms: u64) -> String {
    let secs = ms / 1000;
    format!("{:02}:{:02}:{:02}", secs / 3600 % 24, secs / 60 % 60, secs % 60)
}

/// A `<details>` menu: whether it is open (menus build their contents, downloads as big
/// as the lab, only while open), and what [`menu`] draws it with.
#[derive(Clone, PartialEq)]
pub struct Menu {
    pub open: bool,
    ontoggle: Callback<Event>,
    node: NodeRef,
}

impl Menu {
    /// Closes the menu (after a choice in it, so that what it covered shows).
    pub fn close(&self) {
        if let Some(details) = self.node.cast::<web_sys::HtmlDetailsElement>() {
            details.set_open(false);
        }
    }
}

/// Follows a `<details>` menu and closes it, when open, as a popover closes: on
/// Escape, with the focus back on its summary, and when a press or the keyboard focus
/// lands outside it. An open menu covers what is under it and would catch its clicks.
#[hook]
pub fn use_menu() -> Menu {
    let open = use_state(|| false);
    let node = use_node_ref();
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open())
        })
    };
    let menu = Menu {
        open: *open,
        ontoggle,
        node,
    };
    {
        let menu = menu.clone();
        use_effect_with((), move |_| {
            let listeners = dismissers(&menu);
            move || drop(listeners)
        });
    }
    menu
}

/// Listeners on the document that close `menu` when it is open: Escape anywhere, a press
/// or the focus outside it. They listen all along, not from when the menu's state says
/// it opened (a render later: a click that quick would be missed), and capture, so that
/// nothing below can hide the event from them.
fn dismissers(menu: &Menu) -> Option<[gloo::events::EventListener; 3]> {
    use gloo::events::{EventListener, EventListenerOptions};
    let document = web_sys::window()?.document()?;
    let listen = |name: &'static str, close: fn(&web_sys::HtmlDetailsElement, &Event)| {
        let node = menu.node.clone();
        let options = EventListenerOptions::run_in_capture_phase();
        EventListener::new_with_options(&document, name, options, move |e| {
            let details = node.cast::<web_sys::HtmlDetailsElement>();
            if let Some(details) = details.filter(|d| d.open()) {
                close(&details, e);
            }
        })
    };
    Some([
        listen("keydown", close_on_escape),
        listen("pointerdown", close_if_outside),
        listen("focusin", close_if_outside),
    ])
}

fn close_on_escape(details: &web_sys::HtmlDetailsElement, e: &Event) {
    use wasm_bindgen::JsCast;
    if e.dyn_ref::<KeyboardEvent>().is_none_or(|k| k.key() != "Escape") {
        return;
    }
    details.set_open(false);
    let summary = details.query_selector("summary").ok().flatten();
    if let Some(summary) = summary.and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = summary.focus();
    }
}

fn close_if_outside(details: &web_sys::HtmlDetailsElement, e: &Event) {
    use wasm_bindgen::JsCast;
    let target = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    if !details.contains(target.as_ref()) {
        details.set_open(false);
    }
}

/// A `<details>` menu with `contents` (built by the caller only while `menu` is open).
pub fn menu(class: &'static str, summary: String, menu: &Menu, contents: Html) -> Html {
    html! {
        <details {class} ontoggle={menu.ontoggle.clone()} ref={menu.node.clone()}>
            <summary>{ summary }</summary>
            { contents }
        </details>
    }
}

/// A problem with what the learner did, read out by screen readers.
pub fn error_line(message: &Option<String>) -> Html {
    match message {
        Some(message) => html! { <p class="error" role="alert">{ message }</p> },
        None => html! {},
    }
}
