//! The transcript: what the client sent and the server answered, grouped by reply, with
//! the events between them. Long sessions draw their newest entries only.

use yew::prelude::*;

use super::{clock, LabProps};
use crate::state::{Action, Entry, Lab};

/// How many entries are drawn before "Show earlier" (keeps a long session fast).
const VISIBLE: usize = 300;

/// The conversation, swaks style: `->`/`<-`, and `~>`/`<~` once TLS is active.
#[function_component(Transcript)]
pub fn transcript(props: &LabProps) -> Html {
    let handle = &props.lab;
    let lab = handle.shown();
    let show_all = use_state(|| false);
    let list = use_node_ref();
    {
        // Keep the newest line in view.
        let list = list.clone();
        use_effect_with(lab.entries.len(), move |_| {
            if let Some(list) = list.cast::<web_sys::Element>() {
                list.set_scroll_top(list.scroll_height());
            }
        });
    }
    let total = lab.entries.len();
    let first = if *show_all {
        0
    } else {
        total.saturating_sub(VISIBLE)
    };
    let earlier = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(true))
    };
    html! {
        <>
            if first > 0 {
                <button class="earlier" onclick={earlier}>{ format!("Show {first} earlier entries") }</button>
            }
            <ol class="transcript" role="log" aria-label="Transcript" aria-live="polite" ref={list}>
                { for lab.entries[first..].iter().enumerate().map(|(i, entry)| row(handle, first + i, entry)) }
            </ol>
        </>
    }
}

fn row(lab: &UseReducerHandle<Lab>, index: usize, entry: &Entry) -> Html {
    match entry {
        Entry::Session { .. } => html! {},
        Entry::Client { text, at, tls } => html! {
            <li class="row client" data-from="client" key={index}>
                <span class="time">{ clock(*at) }</span>
                <span class="arrow" aria-hidden="true">{ if *tls { "~>" } else { "->" } }</span>
                <span class="visually-hidden">{ "client: " }</span>
                <span class="text">{ visible_controls(text) }</span>
            </li>
        },
        Entry::Event { text, at } => html! {
            <li class="row event" data-from="event" key={index}>
                <span class="time">{ clock(*at) }</span>
                <span class="arrow" aria-hidden="true">{ "==" }</span>
                <span class="text">{ text }</span>
            </li>
        },
        Entry::Server { reply, at, tls } => {
            let selected = lab.shown().explained().is_some_and(|(i, _)| i == index);
            let onclick = {
                let lab = lab.clone();
                Callback::from(move |_: MouseEvent| lab.dispatch(Action::Select(Some(index))))
            };
            let class = format!(
                "reply class-{}xx{}",
                reply.class().digit(),
                if selected { " selected" } else { "" }
            );
            let label = format!("Explain reply {} ({})", reply.code, reply.class().label());
            html! {
                <li class={class} data-from="server" key={index}>
                    <span class="time">{ clock(*at) }</span>
                    <button class="reply-lines" {onclick} aria-pressed={selected.to_string()} aria-label={label}>
                        { for reply.text_lines().into_iter().map(|line| html! {
                            <span class="line">
                                <span class="arrow" aria-hidden="true">{ if *tls { "<~" } else { "<-" } }</span>
                                <span class="text">{ line }</span>
                            </span>
                        }) }
                    </button>
                    <span class="badge">{ reply.class().label() }</span>
                </li>
            }
        }
    }
}

/// Control characters a learner typed, made visible as escapes (`\0`, `\t`, `\x1b`).
fn visible_controls(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\0' => "\\0".to_string(),
            '\t' => "\\t".to_string(),
            c if (c as u32) < 32 || c == '\u{7f}' => format!("\\x{:02x}", c as u32),
            c => c.to_string(),
        })
        .collect()
}
