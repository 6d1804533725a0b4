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

/// `HH:MM:SS` of a simulated time (UTC).
pub fn clock(ms: u64) -> String {
    let secs = ms / 1000;
    format!("{:02}:{:02}:{:02}", secs / 3600 % 24, secs / 60 % 60, secs % 60)
}

/// Whether a `<details>` menu is open, and the handler that follows it: menus build
/// their contents (downloads as big as the lab) only while open.
#[hook]
pub fn use_menu_open() -> (bool, Callback<Event>) {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open())
        })
    };
    (*open, ontoggle)
}

/// A `<details>` menu with `contents` (built by the caller only while open).
pub fn menu(class: &'static str, summary: String, ontoggle: Callback<Event>, contents: Html) -> Html {
    html! {
        <details {class} {ontoggle}>
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
