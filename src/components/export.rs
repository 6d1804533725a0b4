//! Export and import of the transcript: swaks style, C:/S: (the engine's `.smtp` format),
//! and JSON; a C:/S: transcript imported is replayed: its client side is sent again to
//! this lab's server, as steps of the session.

use smtplab_engine::events::{Event, Side};
use smtplab_engine::json::Writer;
use smtplab_engine::transcript::{self, client_events, Event as ClientEvent, Line};
use smtplab_engine::world::Profile;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::{error_line, menu, use_menu, LabProps};
use crate::entries::Entries;
use crate::i18n::{use_texts, Note};
use crate::state::{Action, Entry, Step};
use crate::storage;
use crate::time::now_ms;
use crate::{note, t};

/// Downloads of the transcript: swaks style, C:/S:, and JSON; and importing a C:/S:
/// transcript. The downloads are built only while the menu is open (they are as big as
/// the transcript).
#[function_component(Export)]
pub fn export(props: &LabProps) -> Html {
    let texts = use_texts();
    let handle = use_menu();
    let open = handle.open;
    let import = use_state(String::new);
    let error = use_state(|| None::<Note>);
    let oninput = {
        let import = import.clone();
        Callback::from(move |e: InputEvent| {
            import.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let load = {
        let (lab, import, error) = (props.lab.clone(), import.clone(), error.clone());
        Callback::from(move |_: MouseEvent| match replay_actions(&import, now_ms()) {
            Ok(actions) => {
                error.set(None);
                import.set(String::new());
                actions.into_iter().for_each(|action| lab.dispatch(action));
            }
            Err(why) => error.set(Some(why)),
        })
    };
    let links = if open {
        let entries = &props.lab.shown().entries;
        let profile = props.lab.shown().session.world().profile;
        let swaks = storage::data_url(
            "text/plain",
            &with_profile(profile, "===", transcript_text(entries, true)),
        );
        let cs = storage::data_url(
            "text/plain",
            &with_profile(profile, "#", transcript_text(entries, false)),
        );
        let json = storage::data_url("application/json", &transcript_json(profile, entries));
        html! {
            <div class="export-menu">
                <a download="smtplab-transcript.txt" href={swaks}>{ t!(texts, "export-swaks") }</a>
                <a download="smtplab-transcript.smtp" href={cs}>{ t!(texts, "export-cs") }</a>
                <a download="smtplab-transcript.json" href={json}>{ t!(texts, "export-json") }</a>
                <label for="import">{ t!(texts, "export-import") }</label>
                <textarea id="import" rows="3" value={(*import).clone()} {oninput} placeholder={t!(texts, "export-import.placeholder")} />
                <button onclick={load}>{ t!(texts, "export-replay") }</button>
                { error_line(&error.as_ref().map(|why| why.say(&texts))) }
            </div>
        }
    } else {
        html! {}
    };
    menu("export", t!(texts, "export-menu"), &handle, links)
}

/// The actions that send a transcript's client side again on a new connection: `C:` and
/// `R:` lines, TLS handshakes, waits (`W:`) and hang-ups. Err (what to tell) when it has none.
pub fn replay_actions(text: &str, now: u64) -> Result<Vec<Action>, Note> {
    let mut actions = vec![Action::Do(Step::Connect { now })];
    for (_, event) in client_events(text) {
        actions.push(match event {
            ClientEvent::Line(line) => Action::Do(Step::Send { line, now }),
            ClientEvent::Raw(bytes) => Action::Do(Step::Message {
                text: String::from_utf8_lossy(&bytes).into_owned(),
                raw: true,
                now,
            }),
            ClientEvent::Handshake => Action::Do(Step::Handshake { now }),
            ClientEvent::Close => Action::Do(Step::Disconnect { now }),
            ClientEvent::Wait(seconds) => Action::Do(Step::Wait {
                ms: seconds.saturating_mul(1000).min(crate::share::MAX_WAIT_MS),
                now,
            }),
            _ => continue,
        });
    }
    if actions.len() == 1 {
        return Err(note!(
            "export-no-client-lines",
            example = "C: EHLO client.example.org"
        ));
    }
    Ok(actions)
}

/// A transcript's first line says which server answered (`# profile: gmail`, which
/// `smtplab replay` and the golden runner read back).
pub fn with_profile(profile: Profile, mark: &str, transcript: String) -> String {
    format!(
        "{mark} profile: {} ({})\n{transcript}",
        profile.name(),
        profile.title()
    )
}

/// The transcript as JSON: one object per entry, `from` saying whose (`profile`, `client`,
/// `server`, `event`, `session`) and first; the first entry says which server answered.
pub fn transcript_json(profile: Profile, entries: &Entries) -> String {
    let mut out = Writer::new();
    out.open_array().open_object().string_field("from", "profile");
    out.string_field("name", profile.name())
        .string_field("title", profile.title());
    out.close_object();
    for entry in entries.iter() {
        out.open_object();
        match entry {
            Entry::Client { text, at, tls } => {
                out.string_field("from", "client").u64_field("at", *at);
                out.bool_field("tls", *tls).string_field("text", text);
            }
            Entry::Server { reply, at, tls } => {
                out.string_field("from", "server").u64_field("at", *at);
                out.bool_field("tls", *tls).u64_field("code", reply.code.into());
                out.key("lines").strings(&reply.text_lines());
            }
            Entry::Event { note, at } => {
                out.string_field("from", "event").u64_field("at", *at);
                out.string_field("text", &note.english());
            }
            Entry::Session { event, at } => {
                out.string_field("from", "session").u64_field("at", *at);
                out.key("event")
                    .raw(&serde_json::to_string(event).unwrap_or_default());
            }
        }
        out.close_object();
    }
    out.close_array();
    smtplab_engine::pretty_json(&out.finish())
}

/// The transcript as text: swaks arrows, or the `.smtp` format (`C:`/`S:`, as in RFC
/// examples), which `smtplab replay` and the lab's own replay read back.
pub fn transcript_text(entries: &Entries, swaks: bool) -> String {
    if !swaks {
        // Notes are said in English: exports stay in the wire's language.
        let notes: Vec<String> = entries
            .iter()
            .filter_map(|e| match e {
                Entry::Event { note, .. } => Some(note.english()),
                _ => None,
            })
            .collect();
        let mut notes = notes.iter();
        return transcript::write(entries.iter().filter_map(|entry| match entry {
            Entry::Client { text, .. } => Some(Line::Client(text)),
            Entry::Server { reply, .. } => Some(Line::Server(reply)),
            Entry::Event { .. } => notes.next().map(|text| Line::Note(text)),
            Entry::Session {
                event: Event::Disconnected { by: Side::Server, .. },
                ..
            } => Some(Line::Closed),
            Entry::Session { .. } => None,
        }));
    }
    let mut out = String::new();
    for entry in entries {
        match entry {
            Entry::Client { text, tls, .. } => {
                out.push_str(&format!("{} {text}\n", if *tls { " ~>" } else { " ->" }));
            }
            Entry::Server { reply, tls, .. } => {
                // As swaks prints them: code, separator and text (`250-PIPELINING`).
                for line in reply.text_lines() {
                    out.push_str(&format!("{} {line}\n", if *tls { "<~ " } else { "<- " }));
                }
            }
            Entry::Event { note, .. } => out.push_str(&format!("=== {}\n", note.english())),
            Entry::Session { .. } => {}
        }
    }
    out
}
