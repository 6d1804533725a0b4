//! The embedding API: the lab in an `<iframe>` talks to its course page by `postMessage`.
//!
//! Every message is an envelope `{source: "smtplab", v: 1, type, payload}`
//! (`docs/embedding.md`). Out: `ready`, then `reply`, `phase-changed`,
//! `message-delivered` and `session-event` (each of the engine's typed events) as they
//! happen (from the lab's [`Happened`] log, never from reply text), `lesson-step` and
//! `lesson-completed` as a lesson's steps pass, `error` for a request that cannot be carried out, and Canvas's
//! `{subject: "lti.frameResize", height}` whenever the page's height changes. In:
//! `send-command`, `reset`, `load-lesson`, `set-profile`, accepted only from the origins
//! that `allow-origin` lists (and the lab's own); others are ignored and counted.
//!
//! Building and checking messages is pure and tested natively; [`use_bridge`] wires them
//! to the window.

use serde_json::Value;
use smtplab_engine::json::Writer;
use smtplab_engine::world::Profile;
use smtplab_engine::Event;

use crate::state::{Happened, Lab};

pub const SOURCE: &str = "smtplab";
pub const VERSION: u64 = 1;
/// Longest command a parent may send in one `send-command`.
const MAX_COMMAND: usize = 4096;

/// A request from the parent page, checked.
#[derive(Debug, PartialEq)]
pub enum Request {
    SendCommand(String),
    Reset,
    LoadLesson(String),
    SetProfile(Profile),
    /// Lets this many ms pass on the lab's clock.
    Wait(u64),
}

/// Every message out, as JSON text: `{source, v, type, payload}`, `payload` being JSON
/// text already.
pub fn envelope(kind: &str, payload: &str) -> String {
    let mut out = Writer::new();
    out.open_object()
        .string_field("source", SOURCE)
        .u64_field("v", VERSION);
    out.string_field("type", kind)
        .key("payload")
        .raw(payload)
        .close_object();
    out.finish()
}

/// An object's JSON text, its fields written by `fields`.
fn object(fields: impl FnOnce(&mut Writer)) -> String {
    let mut out = Writer::new();
    out.open_object();
    fields(&mut out);
    out.close_object();
    out.finish()
}

pub fn ready(lab: &Lab, lang: &str) -> String {
    let ready = object(|out| {
        out.string_field("version", env!("CARGO_PKG_VERSION"));
        out.string_field("profile", lab.session.world().profile.name());
        out.string_field("lang", lang);
    });
    envelope("ready", &ready)
}

pub fn error(message: &str) -> String {
    envelope(
        "error",
        &object(|out| {
            out.string_field("message", message);
        }),
    )
}

/// Canvas's resize request (not enveloped: Canvas reads `subject`).
pub fn frame_resize(height: u32) -> String {
    object(|out| {
        out.string_field("subject", "lti.frameResize");
        out.u64_field("height", height.into());
    })
}

/// The messages for something that happened: `reply`, `message-delivered`, and for each
/// of the engine's events a `session-event` (its typed form), preceded by `phase-changed`
/// for a phase change.
pub fn events(what: &Happened) -> Vec<String> {
    match what {
        Happened::Reply { reply, command } => {
            let wire = String::from_utf8_lossy(&reply.to_bytes()).into_owned();
            let payload = object(|out| {
                out.u64_field("code", reply.code.into()).key("lines").open_array();
                for line in wire.split_terminator("\r\n") {
                    out.string(line);
                }
                out.close_array();
                out.optional_string_field("command", command.as_deref());
            });
            vec![envelope("reply", &payload)]
        }
        Happened::Session(event) => {
            let mut out = Vec::new();
            if let Event::PhaseChanged { from, to, .. } = event {
                // A phase is written as its event writes it: `"Greeted"`.
                let name = |phase| serde_json::to_string(phase).unwrap_or_default();
                let payload = object(|out| {
                    out.key("from").raw(&name(from)).key("to").raw(&name(to));
                });
                out.push(envelope("phase-changed", &payload));
            }
            let payload = tagged(&serde_json::to_string(event).expect("events serialise"));
            out.push(envelope("session-event", &payload));
            out
        }
        Happened::Delivered {
            queue_id,
            mailbox,
            from,
            recipients,
            bytes,
        } => {
            let payload = object(|out| {
                out.string_field("queue_id", queue_id);
                out.optional_string_field("mailbox", mailbox.as_deref());
                out.string_field("from", from)
                    .key("recipients")
                    .strings(recipients);
                out.u64_field("bytes", *bytes as u64);
            });
            vec![envelope("message-delivered", &payload)]
        }
    }
}

/// Where a lesson was when events were last posted: its id and the steps passed.
pub type LessonMark = Option<(String, usize)>;

/// The messages for the steps that passed since `before`: `lesson-step` for each, then
/// `lesson-completed` when the last one did; and the new mark. A lesson just entered (or
/// restored after a reload) is not news: it only sets the mark.
pub fn lesson_events(
    before: &LessonMark,
    grading: Option<&crate::lessons::Grading>,
) -> (Vec<String>, LessonMark) {
    let Some(grading) = grading else {
        return (Vec::new(), None);
    };
    let (id, passed) = (&grading.lesson.id, grading.progress.current());
    let steps = grading.lesson.steps.len();
    let mark = Some((id.clone(), passed));
    let from = match before {
        Some((was, from)) if was == id && *from <= passed => *from,
        _ => return (Vec::new(), mark),
    };
    let mut out: Vec<String> = (from..passed)
        .map(|i| {
            let step = object(|out| {
                out.string_field("lesson", id).u64_field("step", i as u64 + 1);
                out.u64_field("steps", steps as u64);
            });
            envelope("lesson-step", &step)
        })
        .collect();
    if from < passed && passed == steps {
        let completed = object(|out| {
            out.string_field("lesson", id).u64_field("steps", steps as u64);
            out.u64_field("commands", grading.progress.commands().into())
                .key("budget");
            match grading.lesson.budget {
                Some(budget) => out.u64(budget.into()),
                None => out.null(),
            };
            out.u64_field("errors", grading.progress.errors().into());
        });
        out.push(envelope("lesson-completed", &completed));
    }
    (out, mark)
}

/// An event's JSON as `{"event":name,…fields}`: the engine writes `{"name":{…fields}}`
/// or `"name"`.
fn tagged(json: &str) -> String {
    if json.starts_with('"') {
        return format!("{{\"event\":{json}}}");
    }
    let Some((name, fields)) = json
        .strip_prefix('{')
        .and_then(|rest| rest.strip_suffix('}'))
        .and_then(|inner| inner.split_once(':'))
    else {
        return "null".into();
    };
    match fields.strip_prefix('{').map(|f| f.trim_end_matches('}')) {
        Some("") | None => format!("{{\"event\":{name}}}"),
        Some(_) => format!("{{\"event\":{name},{}", &fields[1..]),
    }
}

/// Reads a message from the parent. `Ok(None)`: not an smtplab message (pages and
/// extensions post their own; those are left alone). `Err`: an smtplab message that is
/// wrong, with the reason to send back.
pub fn request(data: &Value) -> Result<Option<Request>, String> {
    let Some(object) = data.as_object() else {
        return Ok(None);
    };
    if object.get("source").and_then(Value::as_str) != Some(SOURCE) {
        return Ok(None);
    }
    match object.get("v").and_then(Value::as_u64) {
        Some(VERSION) => {}
        other => {
            return Err(format!(
                "unsupported message version {other:?}; this lab speaks v1"
            ))
        }
    }
    let kind = object.get("type").and_then(Value::as_str).unwrap_or("");
    let payload = object.get("payload").unwrap_or(&Value::Null);
    let text = |field: &str| -> Result<String, String> {
        payload
            .get(field)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("{kind}: payload.{field} must be a string"))
    };
    Ok(Some(match kind {
        "send-command" => {
            let command = text("command")?;
            if command.len() > MAX_COMMAND {
                return Err(format!("send-command: longer than {MAX_COMMAND} bytes"));
            }
            if command.contains(['\r', '\n']) {
                return Err("send-command: one line per message, without CR or LF".into());
            }
            Request::SendCommand(command)
        }
        "reset" => Request::Reset,
        "load-lesson" => Request::LoadLesson(text("id")?),
        "set-profile" => {
            let name = text("profile")?;
            let profile = Profile::from_name(&name).ok_or_else(|| {
                format!(
                    "set-profile: unknown profile '{name}'; available: {}",
                    Profile::names()
                )
            })?;
            Request::SetProfile(profile)
        }
        "wait" => match payload.get("ms").and_then(Value::as_u64) {
            Some(ms @ 1..=crate::share::MAX_WAIT_MS) => Request::Wait(ms),
            _ => {
                return Err(format!(
                    "wait: payload.ms must be a whole number of milliseconds from 1 to {}",
                    crate::share::MAX_WAIT_MS
                ))
            }
        },
        other => return Err(format!("unknown message type '{other}'")),
    }))
}

/// Where events go: the allowed origins; with none, the embedding page's origin when the
/// referrer tells it; only when nothing is known, `*`.
pub fn targets(allowed: &[String], referrer: &str) -> Vec<String> {
    if !allowed.is_empty() {
        return allowed.to_vec();
    }
    match origin_of(referrer) {
        Some(origin) => vec![origin],
        None => vec!["*".into()],
    }
}

/// `scheme://host[:port]` of an absolute http(s) URL.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

#[cfg(target_arch = "wasm32")]
pub use wiring::use_bridge;

#[cfg(not(target_arch = "wasm32"))]
#[yew::hook]
pub fn use_bridge(
    _lab: &yew::UseReducerHandle<Lab>,
    _start: std::rc::Rc<crate::embed::Start>,
    _load_lesson: yew::Callback<(String, yew::Callback<String>)>,
) -> u32 {
    0
}

#[cfg(target_arch = "wasm32")]
mod wiring {
    use std::cell::Cell;
    use std::rc::Rc;

    use serde_json::Value;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use yew::prelude::*;

    use super::{error, events, frame_resize, lesson_events, ready, request, targets, LessonMark, Request};
    use crate::embed::Start;
    use crate::state::{Action, Lab, Step};
    use crate::time::now_ms;

    fn post(to: &[String], message: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Ok(Some(parent)) = window.parent() else {
            return;
        };
        let Ok(data) = js_sys::JSON::parse(message) else {
            return;
        };
        for origin in to {
            let _ = parent.post_message(&data, origin);
        }
    }

    /// Is this page inside a frame (someone to talk to)?
    fn in_frame(window: &web_sys::Window) -> bool {
        window
            .parent()
            .ok()
            .flatten()
            .is_some_and(|parent| JsValue::from(parent) != JsValue::from(window.clone()))
    }

    /// Connects the lab to its parent page; returns how many messages were ignored.
    #[hook]
    pub fn use_bridge(
        lab: &UseReducerHandle<Lab>,
        start: Rc<Start>,
        load_lesson: Callback<(String, Callback<String>)>,
    ) -> u32 {
        let lang = crate::i18n::use_texts().lang.code();
        let ignored = use_state(|| 0u32);
        let posted = use_mut_ref(|| 0u64);
        let lesson_mark = use_mut_ref(|| None as LessonMark);
        let to = use_memo((), |_| {
            let referrer = web_sys::window()
                .and_then(|w| w.document())
                .map(|d| d.referrer())
                .unwrap_or_default();
            targets(&start.allow_origins, &referrer)
        });
        {
            let (lab, to, ignored, start) = (lab.clone(), to.clone(), ignored.clone(), start.clone());
            use_effect_with((), move |_| {
                let window = web_sys::window().expect("a browser window");
                let wired = in_frame(&window).then(|| {
                    post(&to, &ready(&lab, lang));
                    let listener = listen(&window, lab, start, to.clone(), ignored, load_lesson);
                    (listener, HeightWatch::new(&window, to))
                });
                move || drop(wired)
            });
        }
        {
            let to = to.clone();
            use_effect_with(lab.clone(), move |lab| {
                let seen = *posted.borrow();
                if lab.happened.total() >= seen {
                    let in_frame = web_sys::window().is_some_and(|w| in_frame(&w));
                    for what in lab.happened.since(seen).iter().filter(|_| in_frame) {
                        events(what).iter().for_each(|message| post(&to, message));
                    }
                }
                *posted.borrow_mut() = lab.happened.total();
                let (messages, mark) = lesson_events(&lesson_mark.borrow(), lab.grading.as_deref());
                if web_sys::window().is_some_and(|w| in_frame(&w)) {
                    messages.iter().for_each(|message| post(&to, message));
                }
                *lesson_mark.borrow_mut() = mark;
            });
        }
        *ignored
    }

    /// Takes requests from allowed origins, counts the others.
    fn listen(
        window: &web_sys::Window,
        lab: UseReducerHandle<Lab>,
        start: Rc<Start>,
        to: Rc<Vec<String>>,
        ignored: UseStateHandle<u32>,
        load_lesson: Callback<(String, Callback<String>)>,
    ) -> gloo::events::EventListener {
        let own = window.location().origin().unwrap_or_default();
        let count = Cell::new(0u32);
        gloo::events::EventListener::new(window, "message", move |e| {
            let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
                return;
            };
            let origin = e.origin();
            if origin != own && !start.allow_origins.contains(&origin) {
                count.set(count.get() + 1);
                ignored.set(count.get());
                return;
            }
            let data = js_sys::JSON::stringify(&e.data())
                .ok()
                .and_then(|s| s.as_string())
                .and_then(|s| serde_json::from_str::<Value>(&s).ok())
                .unwrap_or(Value::Null);
            match request(&data) {
                Ok(Some(request)) => carry_out(&lab, request, &to, &load_lesson),
                Ok(None) => {}
                Err(why) => post(&to, &error(&why)),
            }
        })
    }

    /// Posts Canvas's `lti.frameResize` whenever the page's height changes.
    struct HeightWatch {
        observer: Option<web_sys::ResizeObserver>,
        _changed: Closure<dyn FnMut()>,
    }

    impl HeightWatch {
        fn new(window: &web_sys::Window, to: Rc<Vec<String>>) -> HeightWatch {
            let last = Cell::new(0u32);
            // The lab's own height (`<main>`), not the document's: that is never less than
            // the frame, so a frame could grow but never shrink.
            let main = window
                .document()
                .and_then(|d| d.query_selector("main").ok().flatten())
                .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok());
            let measured = main.clone();
            let changed = Closure::<dyn FnMut()>::new(move || {
                let height = measured
                    .as_ref()
                    .map_or(0, |m| (m.offset_top() + m.offset_height()).max(0) as u32);
                if height != last.replace(height) {
                    post(&to, &frame_resize(height));
                }
            });
            let observer = web_sys::ResizeObserver::new(changed.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(main)) = (&observer, &main) {
                observer.observe(main);
            }
            HeightWatch {
                observer,
                _changed: changed,
            }
        }
    }

    impl Drop for HeightWatch {
        fn drop(&mut self) {
            if let Some(observer) = &self.observer {
                observer.disconnect();
            }
        }
    }

    fn carry_out(
        lab: &UseReducerHandle<Lab>,
        request: Request,
        to: &Rc<Vec<String>>,
        load_lesson: &Callback<(String, Callback<String>)>,
    ) {
        let now = now_ms();
        match request {
            Request::SendCommand(line) => lab.dispatch(Action::Do(Step::Send { line, now })),
            Request::Reset => {
                lab.dispatch(Action::Do(Step::Clear));
                lab.dispatch(Action::Do(Step::Connect { now }));
            }
            Request::LoadLesson(id) => {
                let to = to.clone();
                let report = Callback::from(move |why: String| post(&to, &error(&why)));
                load_lesson.emit((id, report));
            }
            // The reducer reads the current world (this handle's may be old).
            Request::SetProfile(profile) => lab.dispatch(Action::SetProfile { profile, now }),
            Request::Wait(ms) => lab.dispatch(Action::Do(Step::Wait { ms, now })),
        }
    }
}
