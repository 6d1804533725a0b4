//! yew-minimal's page, answered by smtplab's engine: type a command, press Enter, and the
//! command and the server's reply lines are appended to a log that draws its last rows.
//! `?entries=N` starts with N lines (drawn, not sent); `?profile=exim` (or gmail,
//! microsoft365) picks the server. This is the smallest page that holds what smtplab's
//! first download cannot do without: the framework and the engine with every profile.

use std::cell::RefCell;
use std::rc::Rc;

use smtplab_engine::world::Profile;
use smtplab_engine::{Input, Output, Peer, Session, World};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Rows drawn: about what smtplab's transcript draws at desktop size.
const DRAWN: usize = 60;

#[derive(Clone, PartialEq)]
struct Line {
    from_server: bool,
    text: Rc<str>,
}

fn query(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| value.to_string())
    })
}

/// A session of the profile the address names, connected; its greeting is in `lines`.
fn connect(lines: &mut Vec<Line>) -> Session {
    let profile = query("profile")
        .and_then(|name| Profile::from_name(&name))
        .unwrap_or_default();
    let mut session = Session::new(World::preset(profile), 1);
    let connected = Input::Connected {
        now: 0,
        peer: Peer::default(),
    };
    // A fresh session always takes a connection; a refusal would be the engine's bug.
    if session.handle_input(connected).is_ok() {
        drain(&mut session, lines);
    }
    session
}

/// Appends every reply line the session has written.
fn drain(session: &mut Session, lines: &mut Vec<Line>) {
    while let Some(output) = session.poll_output() {
        if let Output::Reply { reply, .. } = output {
            lines.extend(reply.text_lines().into_iter().map(|text| Line {
                from_server: true,
                text: text.into(),
            }));
        }
    }
}

struct Lab {
    session: Session,
    lines: Vec<Line>,
    now: u64,
}

fn start() -> Lab {
    let count: usize = query("entries").and_then(|n| n.parse().ok()).unwrap_or(0);
    let mut lines = Vec::with_capacity(count + 2);
    let session = connect(&mut lines);
    for n in 0..count / 2 {
        lines.push(Line {
            from_server: false,
            text: format!("NOOP {n}").into(),
        });
        lines.push(Line {
            from_server: true,
            text: "250 2.0.0 Ok".into(),
        });
    }
    Lab {
        session,
        lines,
        now: 0,
    }
}

#[function_component(App)]
fn app() -> Html {
    let lab = use_mut_ref(start);
    let redraw = use_force_update();
    let draft = use_state(String::new);
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onkeydown = {
        let (lab, draft) = (Rc::clone(&lab), draft.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Enter" {
                return;
            }
            e.prevent_default();
            let line = e.target_unchecked_into::<HtmlInputElement>().value();
            send(&lab, &line);
            draft.set(String::new());
            redraw.force_update();
        })
    };
    let lab = lab.borrow();
    let first = lab.lines.len().saturating_sub(DRAWN);
    html! {
        <main>
            <div role="log" aria-label="Transcript" data-entries={lab.lines.len().to_string()}>
                <ol>
                    { for lab.lines.iter().enumerate().skip(first).map(|(i, line)| html! {
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

/// Sends one command line; the replies it gets are appended after it.
fn send(lab: &RefCell<Lab>, line: &str) {
    let mut lab = lab.borrow_mut();
    let lab = &mut *lab;
    lab.now += 1;
    lab.lines.push(Line {
        from_server: false,
        text: line.into(),
    });
    let mut bytes = line.as_bytes().to_vec();
    bytes.extend_from_slice(b"\r\n");
    if lab.session.handle_bytes(lab.now, &bytes).is_ok() {
        drain(&mut lab.session, &mut lab.lines);
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
