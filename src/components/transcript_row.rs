//! One row of the transcript: a line the learner sent, a whole reply (a button that
//! selects it for the explanation), or a note of what happened to the connection.

use yew::prelude::*;

use super::clock;
use crate::entries::SharedEntry;
use crate::i18n::use_texts;
use crate::rows::drawn_lines;
use crate::state::Entry;
use crate::t;
use crate::wrap;

#[derive(Properties, PartialEq)]
pub struct RowProps {
    pub index: usize,
    pub entry: SharedEntry,
    /// The line the row starts at, in the whole transcript.
    pub line: u32,
    /// Characters a line holds before it wraps.
    pub cols: usize,
    pub selected: bool,
    pub found: bool,
    /// Selects the reply at an index (the same callback for every row).
    pub select: Callback<usize>,
}

/// One row: a component of its own, so that a new reply renders only the rows that
/// changed (their props compare in constant time, see [`SharedEntry`]).
#[function_component(Row)]
pub fn row_component(props: &RowProps) -> Html {
    let texts = use_texts();
    let entry: &Entry = &props.entry;
    let index = props.index;
    let found = if props.found { " found" } else { "" };
    let line = props.line.to_string();
    // What the row shows is what the transcript counted its lines from.
    let lines = drawn_lines(entry, &texts);
    let text = |at: usize| lines.get(at).map(|l| wrapped(l, props.cols));
    match entry {
        Entry::Session { .. } => html! {},
        Entry::Client { at, tls, .. } => html! {
            <li class={format!("row client{found}")} data-from="client" data-line={line} key={index}>
                <span class="time">{ clock(*at) }</span>
                <span class="arrow" aria-hidden="true">{ if *tls { "~>" } else { "->" } }</span>
                <span class="visually-hidden">{ t!(texts, "transcript-client") }{ " " }</span>
                { text(0) }
            </li>
        },
        Entry::Event { at, .. } => html! {
            <li class={format!("row event{found}")} data-from="event" data-line={line} key={index}>
                <span class="time">{ clock(*at) }</span>
                <span class="arrow" aria-hidden="true">{ "==" }</span>
                { text(0) }
            </li>
        },
        Entry::Server { reply, at, tls } => {
            let selected = props.selected;
            let onclick = {
                let select = props.select.clone();
                Callback::from(move |_: MouseEvent| select.emit(index))
            };
            let class = format!(
                "reply class-{}xx{}{found}",
                reply.class().digit(),
                if selected { " selected" } else { "" }
            );
            let arrow = if *tls { "<~" } else { "<-" };
            html! {
                <li {class} data-from="server" data-line={line} key={index}>
                    <span class="time">{ clock(*at) }</span>
                    <button class="reply-lines" {onclick} aria-pressed={selected.to_string()}
                        title={t!(texts, "transcript-explain-reply")}>
                        { for (0..lines.len()).map(|at| html! {
                            <span class="line">
                                <span class="arrow" aria-hidden="true">{ arrow }</span>
                                { text(at) }
                            </span>
                        }) }
                    </button>
                    <span class="badge">{ texts.get(&format!("{}.label", reply.class_message()), &[]) }</span>
                </li>
            }
        }
    }
}

/// One line of text, cut at `cols` columns into pieces: inline, so that the text itself is
/// whole (copying, finding, screen readers); the stylesheet breaks the line between them.
fn wrapped(text: &str, cols: usize) -> Html {
    if wrap::fits(text, cols) {
        return html! { <span class="text">{ text }</span> };
    }
    html! {
        <span class="text">
            { for wrap::wrap(text, cols).map(|piece| html! { <span class="wrap">{ piece }</span> }) }
        </span>
    }
}
