//! Type a line, press Enter, and the line and a reply are appended to a log that draws
//! its last rows (as smtplab's virtual transcript does). `?entries=N` starts with N lines.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Rows drawn: about what smtplab's transcript draws at desktop size.
const DRAWN: usize = 60;

#[derive(Clone, PartialEq)]
struct Line {
    from_server: bool,
    text: Rc<str>,
}

fn reply(line: &str) -> Line {
    let verb = line.split_whitespace().next().unwrap_or_default();
    Line {
        from_server: true,
        text: format!("250 2.0.0 Ok: {verb}").into(),
    }
}

fn prefilled() -> Vec<Line> {
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let count: usize = query
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("entries="))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let mut lines = vec![Line {
        from_server: true,
        text: "220 peer.example.com ESMTP".into(),
    }];
    for n in 0..count / 2 {
        let text = format!("NOOP {n}");
        lines.push(reply(&text));
        lines.push(Line {
            from_server: false,
            text: text.into(),
        });
    }
    lines
}

#[function_component(App)]
fn app() -> Html {
    let lines = use_state(prefilled);
    let draft = use_state(String::new);
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onkeydown = {
        let (lines, draft) = (lines.clone(), draft.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Enter" {
                return;
            }
            e.prevent_default();
            let line = e.target_unchecked_into::<HtmlInputElement>().value();
            let mut next = (*lines).clone();
            next.push(Line {
                from_server: false,
                text: line.as_str().into(),
            });
            next.push(reply(&line));
            lines.set(next);
            draft.set(String::new());
        })
    };
    let first = lines.len().saturating_sub(DRAWN);
    html! {
        <main>
            <div role="log" aria-label="Transcript" data-entries={lines.len().to_string()}>
                <ol>
                    { for lines.iter().enumerate().skip(first).map(|(i, line)| html! {
                        <li key={i} data-from={if line.from_server { "server" } else { "client" }}>
                            <span class="text">{ line.text.clone() }</span>
                        </li>
                    }) }
                    <li key="below" aria-hidden="true"></li>
                </ol>
            </div>
            <input aria-label="SMTP command" value={(*draft).clone()} {oninput} {onkeydown} />
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
