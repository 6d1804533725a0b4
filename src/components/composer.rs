//! After 354: the message composer, which shows the CRLFs and the dot-stuffing of what
//! will be sent.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::LabProps;
use crate::state::{dot_stuff, Action};
use crate::time::now_ms;

/// After 354: a multi-line composer that shows CRLFs and dot-stuffing before sending.
#[function_component(Composer)]
pub fn composer(props: &LabProps) -> Html {
    let lab = props.lab.clone();
    let text = use_state(String::new);
    let raw = use_state(|| false);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let toggle = {
        let raw = raw.clone();
        Callback::from(move |_: Event| raw.set(!*raw))
    };
    let send = {
        let (lab, text, raw) = (lab.clone(), text.clone(), raw.clone());
        Callback::from(move |_: MouseEvent| {
            lab.dispatch(Action::SendMessage {
                text: (*text).clone(),
                raw: *raw,
                now: now_ms(),
            });
            text.set(String::new());
        })
    };
    let wire = if *raw { (*text).clone() } else { dot_stuff(&text) };
    html! {
        <div class="composer">
            <label for="message">{ "Message (headers, a blank line, the body)" }</label>
            <textarea id="message" aria-label="Message" rows="8" spellcheck="false" value={(*text).clone()} {oninput}
                placeholder={"Subject: Hello\nFrom: you@example.org\n\nThe body. A line with a single dot ends the message."} />
            { for warnings(&text).into_iter().map(|w| html! { <p class="warning" role="note">{ w }</p> }) }
            <details open=true>
                <summary>{ "What goes on the wire" }</summary>
                <pre class="wire" aria-label="Wire preview">{ show_wire(&wire) }</pre>
            </details>
            <div class="composer-actions">
                <label><input type="checkbox" checked={*raw} onchange={toggle} />
                    { " Raw: send exactly what I typed (bare LF, no dot-stuffing, no final dot)" }</label>
                <button class="primary" onclick={send}>{ if *raw { "Send raw bytes" } else { "Send message" } }</button>
            </div>
        </div>
    }
}

/// The bytes with CR and LF written out as `\r\n`.
fn show_wire(wire: &str) -> String {
    wire.replace('\r', "\\r").replace('\n', "\\n\n")
}

fn warnings(text: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let header_like = |l: &str| {
        l.split_once(':')
            .is_some_and(|(n, _)| !n.is_empty() && !n.contains(' '))
    };
    if lines.first().is_some_and(|l| header_like(l)) && !lines.iter().any(|l| l.trim().is_empty()) {
        out.push("No blank line: everything will be read as headers. Leave an empty line before the body.");
    }
    if lines.iter().any(|l| l.starts_with('.')) {
        out.push(
            "Lines starting with a dot get a second dot on the wire (dot-stuffing); the server removes it.",
        );
    }
    out
}
