//! After 354: the message composer, which shows the CRLFs and the dot-stuffing of what
//! will be sent.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::LabProps;
use crate::i18n::use_texts;
use crate::state::{dot_stuff, Action, Step};
use crate::t;
use crate::time::now_ms;

/// After 354: a multi-line composer that shows CRLFs and dot-stuffing before sending.
#[function_component(Composer)]
pub fn composer(props: &LabProps) -> Html {
    let texts = use_texts();
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
            lab.dispatch(Action::Do(Step::Message {
                text: (*text).clone(),
                raw: *raw,
                now: now_ms(),
            }));
            text.set(String::new());
        })
    };
    let wire = if *raw { (*text).clone() } else { dot_stuff(&text) };
    let placeholder = format!(
        "Subject: Hello\nFrom: you@example.org\n\n{}",
        t!(texts, "composer-placeholder-body")
    );
    html! {
        <div class="composer">
            <label for="message">{ t!(texts, "composer-label") }</label>
            <textarea id="message" aria-label={t!(texts, "composer-message")} rows="8" spellcheck="false" value={(*text).clone()} {oninput}
                {placeholder} />
            { for warnings(&text).into_iter().map(|w| html! { <p class="warning" role="note">{ texts.get(w, &[]) }</p> }) }
            <details open=true>
                <summary>{ t!(texts, "composer-wire") }</summary>
                <pre class="wire" aria-label={t!(texts, "composer-wire-preview")}>{ show_wire(&wire) }</pre>
            </details>
            <div class="composer-actions">
                <label><input type="checkbox" checked={*raw} onchange={toggle} />
                    { " " }{ t!(texts, "composer-raw") }</label>
                <button class="primary" onclick={send}>{ if *raw { t!(texts, "composer-send-raw") } else { t!(texts, "composer-send") } }</button>
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
        out.push("composer-warning-no-blank-line");
    }
    if lines.iter().any(|l| l.starts_with('.')) {
        out.push("composer-warning-dot-stuffing");
    }
    out
}
