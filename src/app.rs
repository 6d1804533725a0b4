//! The page: a console with the transcript and the command input.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{Action, Lab, Origin, Row};

/// Simulated time starts from the wall clock; the engine never reads it itself.
fn now_ms() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as u64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64)
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let lab = use_reducer(|| Lab::connected(now_ms(), now_ms()));
    let input = use_node_ref();
    let onkeydown = {
        let (lab, input) = (lab.clone(), input.clone());
        Callback::from(move |event: KeyboardEvent| {
            if event.key() != "Enter" {
                return;
            }
            event.prevent_default();
            let Some(field) = input.cast::<HtmlInputElement>() else {
                return;
            };
            lab.dispatch(Action::Send {
                line: field.value(),
                now: now_ms(),
            });
            field.set_value("");
        })
    };
    html! {
        <main class="lab">
            <header class="lab-header">
                <h1>{ "smtplab" }</h1>
                <p class="tagline">{ "An SMTP server in your browser tab. It answers like Postfix 3.7." }</p>
            </header>
            <section class="console" aria-label="Console">
                <Transcript rows={lab.transcript.clone()} />
                <label class="prompt">
                    <span class="prompt-sign" aria-hidden="true">{ "C:" }</span>
                    <input ref={input} type="text" aria-label="SMTP command" autocomplete="off"
                        spellcheck="false" placeholder="e.g. EHLO client.example.org, then Enter" autofocus=true
                        {onkeydown} />
                </label>
                <p class="phase">{ format!("Session phase: {:?}", lab.phase()) }</p>
            </section>
        </main>
    }
}

#[derive(Properties, PartialEq)]
pub struct TranscriptProps {
    pub rows: Vec<Row>,
}

/// The conversation, swaks style: `->` the client, `<-` the server.
#[function_component(Transcript)]
pub fn transcript(props: &TranscriptProps) -> Html {
    html! {
        <ol class="transcript" role="log" aria-label="Transcript" aria-live="polite">
            { for props.rows.iter().map(row) }
        </ol>
    }
}

fn row(row: &Row) -> Html {
    let (class, arrow, who) = match row.origin {
        Origin::Client => ("row client", "->", "client"),
        Origin::Server => ("row server", "<-", "server"),
        Origin::Event => ("row event", "==", "event"),
    };
    let class = match row.code {
        Some(code) => format!("{class} class-{}xx", code / 100),
        None => class.to_string(),
    };
    html! {
        <li class={class} data-from={who}>
            <span class="arrow" aria-hidden="true">{ arrow }</span>
            <span class="visually-hidden">{ format!("{who}: ") }</span>
            <span class="text">{ &row.text }</span>
        </li>
    }
}
