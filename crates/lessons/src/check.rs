//! Checks: a small predicate language over what the engine reported (its typed events,
//! the replies' codes and the commands they answer, the delivered messages) and the
//! session state those imply. A check never reads the text the learner typed, nor a
//! reply's text: those depend on the learner's spelling and on the server profile.
//!
//! A check holds, or not, over a *window* of observations (for a step: everything since
//! the step began). Atoms hold when one observation in the window matches:
//! `{"event": …}`, `{"reply": …}`, `{"delivered": …}`; `{"state": …}` holds when the
//! session was in that state at some point of the window; `{"count": atom, "at_least":
//! n}` wants n matches. They combine with `all`, `any`, `not`, `in_order` (each item
//! after the previous one first held; the last item over the rest of the window),
//! `one_session` (within one connection: no reconnect in between) and `one_transaction`
//! (from one accepted MAIL to the next). `docs/lessons.md`
//! documents every field.

use serde_json::{Map, Value};
use smtplab_engine::events::{Abort, Event, Side, Via};
use smtplab_engine::rules::glob;
use smtplab_engine::sasl::Mechanism;
use smtplab_engine::table::Trigger;
use smtplab_engine::{EnhancedCode, Phase, Verb};

use crate::json::{self, fail, index, join, Result};
use crate::progress::Observation;

/// A check, as read from a lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Check {
    All(Vec<Check>),
    Any(Vec<Check>),
    Not(Box<Check>),
    InOrder(Vec<Check>),
    OneSession(Box<Check>),
    OneTransaction(Box<Check>),
    Count { of: Box<Check>, at_least: u32 },
    Event(EventPattern),
    Reply(ReplyPattern),
    Delivered(MessagePattern),
    State(StatePattern),
}

/// One of the engine's events, with the fields that must match.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventPattern {
    PhaseChanged {
        from: Option<Phase>,
        to: Option<Phase>,
        trigger: Option<Trigger>,
    },
    TlsEstablished,
    Authenticated {
        mechanism: Option<Mechanism>,
        user: Option<String>,
    },
    TransactionStarted {
        sender: Option<String>,
    },
    TransactionAborted {
        why: Option<AbortKind>,
        by: Option<Verb>,
    },
    RecipientAccepted {
        address: Option<String>,
    },
    RecipientRejected {
        code: Option<u16>,
    },
    MessageAccepted {
        via: Option<Via>,
    },
    Pipelined {
        includes: Vec<Verb>,
    },
    ErrorCounted {
        at_least: Option<u32>,
    },
    Disconnected {
        by: Option<Side>,
    },
}

/// Why a transaction ended without a message ([`Abort`] without its data).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbortKind {
    Reset,
    MessageRefused,
    Disconnected,
}

/// A reply, by the command it answers and its code; never by its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyPattern {
    pub to: Answers,
    pub code: Option<u16>,
    pub class: Option<u8>,
    pub enhanced: Option<EnhancedCode>,
}

/// Which replies a [`ReplyPattern`] looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answers {
    Any,
    /// The greeting, a line that is no command, what the server says on its own.
    NoCommand,
    Command(Verb),
}

/// A delivered message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessagePattern {
    /// The mailbox it landed in (`*`: any, relayed mail included).
    pub mailbox: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub hidden_recipient: Option<bool>,
    pub body_line: Option<String>,
    pub header: Option<(String, String)>,
}

/// The session's state, as the events tell it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatePattern {
    pub phase: Option<Phase>,
    pub tls: Option<bool>,
    pub authenticated: Option<bool>,
    pub user: Option<String>,
    pub greeted_with: Option<Verb>,
    pub transaction: Option<bool>,
}

const OPERATORS: &[&str] = &[
    "all",
    "any",
    "not",
    "in_order",
    "one_session",
    "one_transaction",
    "count",
    "event",
    "reply",
    "delivered",
    "state",
];
const EVENTS: &[&str] = &[
    "phase-changed",
    "tls-established",
    "authenticated",
    "transaction-started",
    "transaction-aborted",
    "recipient-accepted",
    "recipient-rejected",
    "message-accepted",
    "pipelined",
    "error-counted",
    "disconnected",
];
const PHASES: &[(&str, Phase)] = &[
    ("disconnected", Phase::Disconnected),
    ("connected", Phase::Connected),
    ("greeted", Phase::Greeted),
    ("mail", Phase::Mail),
    ("rcpt", Phase::Rcpt),
    ("data", Phase::Data),
    ("bdat", Phase::Bdat),
    ("auth", Phase::Auth),
    ("tls-handshake", Phase::TlsHandshake),
    ("closed", Phase::Closed),
];
const TRIGGERS: &[(&str, Trigger)] = &[
    ("connect", Trigger::Connect),
    ("end-of-message", Trigger::EndOfMessage),
    ("handshake", Trigger::Handshake),
    ("sasl-answer", Trigger::SaslAnswer),
    ("client-closed", Trigger::ClientClosed),
    ("server-closed", Trigger::ServerClosed),
];
const MAX_ITEMS: usize = 50;
const MAX_NODES: usize = 500;

impl Check {
    /// Reads a check; errors name the path (`steps[2].check.all[0]`) and the problem.
    pub fn read(value: &Value, path: &str) -> Result<Check> {
        let mut nodes = 0;
        read(value, path, &mut nodes)
    }

    /// Does the check hold over `seen[start..end]`?
    pub fn holds(&self, seen: &[Observation], start: usize, end: usize) -> bool {
        let window = &seen[start..end];
        match self {
            Check::All(items) => items.iter().all(|c| c.holds(seen, start, end)),
            Check::Any(items) => items.iter().any(|c| c.holds(seen, start, end)),
            Check::Not(inner) => !inner.holds(seen, start, end),
            Check::InOrder(items) => {
                let mut from = start;
                for (i, item) in items.iter().enumerate() {
                    if i + 1 == items.len() {
                        return item.holds(seen, from, end);
                    }
                    match item.earliest(seen, from, end) {
                        Some(at) => from = at,
                        None => return false,
                    }
                }
                true
            }
            Check::OneSession(inner) => {
                segments(seen, start, end, starts_session).any(|(a, b)| inner.holds(seen, a, b))
            }
            Check::OneTransaction(inner) => {
                segments(seen, start, end, starts_transaction).any(|(a, b)| inner.holds(seen, a, b))
            }
            Check::Count { of, at_least } => {
                window.iter().filter(|o| of.matches(o)).count() >= *at_least as usize
            }
            Check::State(pattern) => {
                let mut state = Derived::default();
                seen[..start].iter().for_each(|o| state.apply(o));
                if pattern.matches(&state) {
                    return true;
                }
                window.iter().any(|o| {
                    state.apply(o);
                    pattern.matches(&state)
                })
            }
            atom => window.iter().any(|o| atom.matches(o)),
        }
    }

    /// The shortest window from `start` over which the check holds: its end.
    fn earliest(&self, seen: &[Observation], start: usize, end: usize) -> Option<usize> {
        match self {
            Check::Event(_) | Check::Reply(_) | Check::Delivered(_) => {
                let at = seen[start..end].iter().position(|o| self.matches(o))?;
                Some(start + at + 1)
            }
            Check::Count { of, at_least } => {
                let at = seen[start..end]
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| of.matches(o))
                    .nth(*at_least as usize - 1)?
                    .0;
                Some(start + at + 1)
            }
            _ => (start..=end).find(|&p| self.holds(seen, start, p)),
        }
    }

    /// Does one observation match this atom?
    fn matches(&self, seen: &Observation) -> bool {
        match (self, seen) {
            (Check::Event(pattern), Observation::Event(event)) => pattern.matches(event),
            (
                Check::Reply(pattern),
                Observation::Reply {
                    answers,
                    code,
                    enhanced,
                },
            ) => pattern.matches(*answers, *code, *enhanced),
            (Check::Delivered(pattern), Observation::Delivered { mailbox, message }) => {
                pattern.matches(mailbox.as_deref(), message)
            }
            _ => false,
        }
    }

    fn is_atom(&self) -> bool {
        matches!(self, Check::Event(_) | Check::Reply(_) | Check::Delivered(_))
    }
}

/// `start..end` cut before every observation that `starts` a new part.
fn segments(
    seen: &[Observation],
    start: usize,
    end: usize,
    starts: fn(&Observation) -> bool,
) -> impl Iterator<Item = (usize, usize)> {
    let mut bounds = vec![start];
    bounds.extend((start + 1..end).filter(|&i| starts(&seen[i])));
    bounds.push(end);
    (0..bounds.len() - 1).map(move |i| (bounds[i], bounds[i + 1]))
}

/// A (re)connection: the server's greeting.
fn starts_session(seen: &Observation) -> bool {
    matches!(
        seen,
        Observation::Event(Event::PhaseChanged {
            trigger: Trigger::Connect,
            ..
        })
    )
}

/// An accepted MAIL (its 250 comes before its event), or a new connection.
fn starts_transaction(seen: &Observation) -> bool {
    matches!(
        seen,
        Observation::Reply {
            answers: Some(Verb::Mail),
            code: 250,
            ..
        }
    ) || starts_session(seen)
}

fn read(value: &Value, path: &str, nodes: &mut usize) -> Result<Check> {
    *nodes += 1;
    if *nodes > MAX_NODES {
        return fail(path, format!("a check has at most {MAX_NODES} parts"));
    }
    let Value::Object(map) = value else {
        return fail(
            path,
            format!("expected a check (an object), found {}", json::kind(value)),
        );
    };
    let mut ops = map.keys().filter(|k| OPERATORS.contains(&k.as_str()));
    let Some(op) = ops.next() else {
        return fail(path, format!("a check needs one of: {}", OPERATORS.join(", ")));
    };
    if let Some(other) = ops.next() {
        return fail(
            path,
            format!("one operator per check, found '{op}' and '{other}'"),
        );
    }
    let at = join(path, op);
    let list = |nodes: &mut usize| -> Result<Vec<Check>> {
        json::object(value, path, &[op.as_str()])?;
        let items = json::array(&map[op], &at, MAX_ITEMS)?;
        if items.is_empty() {
            return fail(&at, "an empty list");
        }
        let read_item = |(i, item): (usize, &Value)| read(item, &index(&at, i), nodes);
        items.iter().enumerate().map(read_item).collect()
    };
    Ok(match op.as_str() {
        "all" => Check::All(list(nodes)?),
        "any" => Check::Any(list(nodes)?),
        "in_order" => Check::InOrder(list(nodes)?),
        "not" | "one_session" | "one_transaction" => {
            json::object(value, path, &[op.as_str()])?;
            let inner = Box::new(read(&map[op], &at, nodes)?);
            match op.as_str() {
                "not" => Check::Not(inner),
                "one_session" => Check::OneSession(inner),
                _ => Check::OneTransaction(inner),
            }
        }
        "count" => {
            json::object(value, path, &["count", "at_least"])?;
            let of = read(&map["count"], &at, nodes)?;
            if !of.is_atom() {
                return fail(
                    &at,
                    "count counts an event, a reply or a delivery, not a combination",
                );
            }
            let at_least = json::number(
                json::required(map, path, "at_least")?,
                &join(path, "at_least"),
                1,
                1000,
            )?;
            Check::Count {
                of: Box::new(of),
                at_least: at_least as u32,
            }
        }
        "event" => Check::Event(EventPattern::read(map, path)?),
        "reply" => Check::Reply(ReplyPattern::read(value, map, path)?),
        "delivered" => Check::Delivered(MessagePattern::read(value, map, path)?),
        _ => {
            json::object(value, path, &["state"])?;
            Check::State(StatePattern::read(&map["state"], &at)?)
        }
    })
}

impl EventPattern {
    fn read(map: &Map<String, Value>, path: &str) -> Result<EventPattern> {
        let name = json::string(&map["event"], &join(path, "event"))?;
        let fields: &[&str] = match name {
            "phase-changed" => &["from", "to", "trigger"],
            "authenticated" => &["mechanism", "user"],
            "transaction-started" => &["sender"],
            "transaction-aborted" => &["why", "by"],
            "recipient-accepted" => &["address"],
            "recipient-rejected" => &["code"],
            "message-accepted" => &["via"],
            "pipelined" => &["includes"],
            "error-counted" => &["at_least"],
            "disconnected" => &["by"],
            "tls-established" => &[],
            _ => {
                return fail(
                    path,
                    format!("unknown event '{name}' (expected one of: {})", EVENTS.join(", ")),
                )
            }
        };
        if let Some(key) = map
            .keys()
            .find(|k| *k != "event" && !fields.contains(&k.as_str()))
        {
            let has = if fields.is_empty() {
                "no fields".to_string()
            } else {
                fields.join(", ")
            };
            return fail(
                path,
                format!("event '{name}' has no field '{key}' (it has: {has})"),
            );
        }
        let field = |key: &str| map.get(key).map(|v| (v, join(path, key)));
        let phase = |key: &str| field(key).map(|(v, p)| named(v, &p, "phase", PHASES)).transpose();
        let verb = |key: &str| field(key).map(|(v, p)| verb(v, &p)).transpose();
        let pattern = |key: &str| field(key).map(|(v, p)| pattern(v, &p)).transpose();
        Ok(match name {
            "phase-changed" => EventPattern::PhaseChanged {
                from: phase("from")?,
                to: phase("to")?,
                trigger: field("trigger").map(|(v, p)| trigger(v, &p)).transpose()?,
            },
            "tls-established" => EventPattern::TlsEstablished,
            "authenticated" => EventPattern::Authenticated {
                mechanism: field("mechanism").map(|(v, p)| mechanism(v, &p)).transpose()?,
                user: pattern("user")?,
            },
            "transaction-started" => EventPattern::TransactionStarted {
                sender: pattern("sender")?,
            },
            "transaction-aborted" => {
                let kinds = &[
                    ("reset", AbortKind::Reset),
                    ("message-refused", AbortKind::MessageRefused),
                    ("disconnected", AbortKind::Disconnected),
                ];
                let why = field("why")
                    .map(|(v, p)| named(v, &p, "reason", kinds))
                    .transpose()?;
                let by = verb("by")?;
                if by.is_some() && why.is_some_and(|w| w != AbortKind::Reset) {
                    return fail(&join(path, "by"), "only a reset is by a command");
                }
                EventPattern::TransactionAborted { why, by }
            }
            "recipient-accepted" => EventPattern::RecipientAccepted {
                address: pattern("address")?,
            },
            "recipient-rejected" => EventPattern::RecipientRejected {
                code: field("code")
                    .map(|(v, p)| json::number(v, &p, 400, 599))
                    .transpose()?
                    .map(|c| c as u16),
            },
            "message-accepted" => EventPattern::MessageAccepted {
                via: field("via")
                    .map(|(v, p)| named(v, &p, "way", &[("data", Via::Data), ("bdat", Via::Bdat)]))
                    .transpose()?,
            },
            "pipelined" => {
                let includes = match field("includes") {
                    Some((v, p)) => json::array(v, &p, 20)?
                        .iter()
                        .enumerate()
                        .map(|(i, v)| self::verb(v, &index(&p, i)))
                        .collect::<Result<Vec<_>>>()?,
                    None => Vec::new(),
                };
                EventPattern::Pipelined { includes }
            }
            "error-counted" => EventPattern::ErrorCounted {
                at_least: field("at_least")
                    .map(|(v, p)| json::number(v, &p, 1, 1000))
                    .transpose()?
                    .map(|n| n as u32),
            },
            _ => EventPattern::Disconnected {
                by: field("by")
                    .map(|(v, p)| {
                        named(
                            v,
                            &p,
                            "side",
                            &[("client", Side::Client), ("server", Side::Server)],
                        )
                    })
                    .transpose()?,
            },
        })
    }

    pub fn matches(&self, event: &Event) -> bool {
        let some = |want: Option<&String>, got: &str| want.is_none_or(|p| glob(p, got));
        match (self, event) {
            (
                EventPattern::PhaseChanged { from, to, trigger },
                Event::PhaseChanged {
                    from: f,
                    to: t,
                    trigger: g,
                },
            ) => {
                from.is_none_or(|x| x == *f) && to.is_none_or(|x| x == *t) && trigger.is_none_or(|x| x == *g)
            }
            (EventPattern::TlsEstablished, Event::TlsEstablished) => true,
            (
                EventPattern::Authenticated { mechanism, user },
                Event::Authenticated {
                    mechanism: m,
                    user: u,
                },
            ) => mechanism.is_none_or(|x| x == *m) && some(user.as_ref(), u),
            (EventPattern::TransactionStarted { sender }, Event::TransactionStarted { sender: s }) => {
                some(sender.as_ref(), s)
            }
            (EventPattern::TransactionAborted { why, by }, Event::TransactionAborted { why: w }) => {
                let (kind, verb) = match w {
                    Abort::Reset(verb) => (AbortKind::Reset, Some(*verb)),
                    Abort::MessageRefused => (AbortKind::MessageRefused, None),
                    Abort::Disconnected => (AbortKind::Disconnected, None),
                    #[allow(unreachable_patterns)]
                    _ => return false,
                };
                why.is_none_or(|x| x == kind) && by.is_none_or(|x| Some(x) == verb)
            }
            (EventPattern::RecipientAccepted { address }, Event::RecipientAccepted { address: a }) => {
                some(address.as_ref(), a)
            }
            (EventPattern::RecipientRejected { code }, Event::RecipientRejected { code: c }) => {
                code.is_none_or(|x| x == *c)
            }
            (EventPattern::MessageAccepted { via }, Event::MessageAccepted { via: v, .. }) => {
                via.is_none_or(|x| x == *v)
            }
            (EventPattern::Pipelined { includes }, Event::Pipelined { commands }) => {
                includes.iter().all(|v| commands.contains(v))
            }
            (EventPattern::ErrorCounted { at_least }, Event::ErrorCounted { errors }) => {
                at_least.is_none_or(|n| *errors >= n)
            }
            (EventPattern::Disconnected { by }, Event::Disconnected { by: b, .. }) => {
                by.is_none_or(|x| x == *b)
            }
            _ => false,
        }
    }
}

impl ReplyPattern {
    fn read(value: &Value, map: &Map<String, Value>, path: &str) -> Result<ReplyPattern> {
        json::object(value, path, &["reply", "code", "class", "enhanced"])?;
        let at = join(path, "reply");
        let to = match json::string(&map["reply"], &at)? {
            "any" => Answers::Any,
            "none" => Answers::NoCommand,
            _ => Answers::Command(verb(&map["reply"], &at)?),
        };
        let code = map
            .get("code")
            .map(|v| json::number(v, &join(path, "code"), 200, 599))
            .transpose()?
            .map(|c| c as u16);
        let class = map
            .get("class")
            .map(|v| json::number(v, &join(path, "class"), 2, 5))
            .transpose()?
            .map(|c| c as u8);
        if let (Some(code), Some(class)) = (code, class) {
            if code / 100 != u16::from(class) {
                return fail(
                    &join(path, "class"),
                    format!("class {class} does not fit code {code}"),
                );
            }
        }
        let enhanced = map
            .get("enhanced")
            .map(|v| enhanced(v, &join(path, "enhanced")))
            .transpose()?;
        Ok(ReplyPattern {
            to,
            code,
            class,
            enhanced,
        })
    }

    pub fn matches(&self, answers: Option<Verb>, code: u16, enhanced: Option<EnhancedCode>) -> bool {
        let to = match self.to {
            Answers::Any => true,
            Answers::NoCommand => answers.is_none(),
            Answers::Command(verb) => answers == Some(verb),
        };
        to && self.code.is_none_or(|c| c == code)
            && self.class.is_none_or(|c| u16::from(c) == code / 100)
            && self.enhanced.is_none_or(|e| Some(e) == enhanced)
    }
}

impl MessagePattern {
    fn read(value: &Value, map: &Map<String, Value>, path: &str) -> Result<MessagePattern> {
        let fields = [
            "delivered",
            "from",
            "to",
            "hidden_recipient",
            "body_line",
            "header",
        ];
        json::object(value, path, &fields)?;
        let text = |key: &str| map.get(key).map(|v| pattern(v, &join(path, key))).transpose();
        let header = match text("header")? {
            Some(header) => match header.split_once(':') {
                Some((name, value)) if !name.trim().is_empty() && !name.contains(' ') => {
                    Some((name.trim().to_string(), value.trim().to_string()))
                }
                _ => {
                    return fail(
                        &join(path, "header"),
                        "expected 'Name: pattern', e.g. 'Subject: *hello*'",
                    )
                }
            },
            None => None,
        };
        Ok(MessagePattern {
            mailbox: pattern(&map["delivered"], &join(path, "delivered"))?,
            from: text("from")?,
            to: text("to")?,
            hidden_recipient: map
                .get("hidden_recipient")
                .map(|v| json::boolean(v, &join(path, "hidden_recipient")))
                .transpose()?,
            body_line: text("body_line")?,
            header,
        })
    }

    pub fn matches(&self, mailbox: Option<&str>, message: &smtplab_engine::Message) -> bool {
        let in_mailbox = match mailbox {
            Some(name) => glob(&self.mailbox, name),
            None => self.mailbox == "*",
        };
        let headers = || message.headers();
        in_mailbox
            && self.from.as_ref().is_none_or(|p| glob(p, &message.mail_from))
            && self
                .to
                .as_ref()
                .is_none_or(|p| message.rcpt_to.iter().any(|r| glob(p, r)))
            && self
                .body_line
                .as_ref()
                .is_none_or(|p| message.body().split("\r\n").any(|l| glob(p, l)))
            && self.header.as_ref().is_none_or(|(name, p)| {
                headers()
                    .iter()
                    .any(|(n, v)| n.eq_ignore_ascii_case(name) && glob(p, v))
            })
            && self
                .hidden_recipient
                .is_none_or(|want| hidden_recipient(message) == want)
    }
}

/// An envelope recipient that no To: or Cc: header names (a Bcc).
fn hidden_recipient(message: &smtplab_engine::Message) -> bool {
    let visible: String = message
        .headers()
        .into_iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("to") || name.eq_ignore_ascii_case("cc"))
        .map(|(_, value)| value.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(",");
    message
        .rcpt_to
        .iter()
        .any(|r| !visible.contains(&r.trim_matches(['<', '>']).to_ascii_lowercase()))
}

impl StatePattern {
    fn read(value: &Value, path: &str) -> Result<StatePattern> {
        let fields = [
            "phase",
            "tls",
            "authenticated",
            "user",
            "greeted_with",
            "transaction",
        ];
        let map = json::object(value, path, &fields)?;
        if map.is_empty() {
            return fail(path, format!("name at least one of: {}", fields.join(", ")));
        }
        let flag = |key: &str| {
            map.get(key)
                .map(|v| json::boolean(v, &join(path, key)))
                .transpose()
        };
        let greeted_with = match map.get("greeted_with") {
            Some(v) => match verb(v, &join(path, "greeted_with"))? {
                verb @ (Verb::Helo | Verb::Ehlo) => Some(verb),
                _ => return fail(&join(path, "greeted_with"), "HELO or EHLO"),
            },
            None => None,
        };
        Ok(StatePattern {
            phase: map
                .get("phase")
                .map(|v| named(v, &join(path, "phase"), "phase", PHASES))
                .transpose()?,
            tls: flag("tls")?,
            authenticated: flag("authenticated")?,
            user: map
                .get("user")
                .map(|v| pattern(v, &join(path, "user")))
                .transpose()?,
            greeted_with,
            transaction: flag("transaction")?,
        })
    }

    fn matches(&self, state: &Derived) -> bool {
        let open = matches!(state.phase, Phase::Mail | Phase::Rcpt | Phase::Data | Phase::Bdat);
        self.phase.is_none_or(|p| p == state.phase)
            && self.tls.is_none_or(|t| t == state.tls)
            && self.authenticated.is_none_or(|a| a == state.user.is_some())
            && self
                .user
                .as_ref()
                .is_none_or(|p| state.user.as_ref().is_some_and(|u| glob(p, u)))
            && self.greeted_with.is_none_or(|v| Some(v) == state.greeted_with)
            && self.transaction.is_none_or(|t| t == open)
    }
}

/// The session's state as the observations tell it, from the start of the lesson.
#[derive(Clone, Debug)]
struct Derived {
    phase: Phase,
    tls: bool,
    user: Option<String>,
    greeted_with: Option<Verb>,
}

impl Default for Derived {
    fn default() -> Self {
        Derived {
            phase: Phase::Disconnected,
            tls: false,
            user: None,
            greeted_with: None,
        }
    }
}

impl Derived {
    fn apply(&mut self, seen: &Observation) {
        match seen {
            Observation::Event(Event::PhaseChanged { to, trigger, .. }) => {
                if *trigger == Trigger::Connect {
                    *self = Derived::default();
                }
                if *trigger == Trigger::Handshake {
                    self.greeted_with = None; // RFC 3207 §4.2: the session starts over
                }
                self.phase = *to;
            }
            Observation::Event(Event::TlsEstablished) => self.tls = true,
            Observation::Event(Event::Authenticated { user, .. }) => self.user = Some(user.clone()),
            Observation::Reply {
                answers: Some(verb @ (Verb::Helo | Verb::Ehlo)),
                code: 250,
                ..
            } => self.greeted_with = Some(*verb),
            _ => {}
        }
    }
}

fn verb(value: &Value, path: &str) -> Result<Verb> {
    let name = json::string(value, path)?;
    Verb::parse(name).map_or_else(
        || {
            let names: Vec<&str> = smtplab_engine::COMMANDS.iter().map(|c| c.name).collect();
            fail(
                path,
                format!("unknown command '{name}' (expected one of: {})", names.join(", ")),
            )
        },
        Ok,
    )
}

fn trigger(value: &Value, path: &str) -> Result<Trigger> {
    let name = json::string(value, path)?;
    if let Some(verb) = Verb::parse(name) {
        return Ok(Trigger::Command(verb));
    }
    named(value, path, "trigger (a command, or)", TRIGGERS)
}

fn mechanism(value: &Value, path: &str) -> Result<Mechanism> {
    let name = json::string(value, path)?;
    Mechanism::parse(name).map_or_else(
        || {
            fail(
                path,
                format!("unknown mechanism '{name}' (expected one of: PLAIN, LOGIN, CRAM-MD5)"),
            )
        },
        Ok,
    )
}

/// A name from a fixed list, without case.
fn named<T: Copy>(value: &Value, path: &str, what: &str, names: &[(&str, T)]) -> Result<T> {
    let name = json::string(value, path)?;
    names
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, t)| *t)
        .map_or_else(
            || {
                let list: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
                fail(
                    path,
                    format!("unknown {what} '{name}' (expected one of: {})", list.join(", ")),
                )
            },
            Ok,
        )
}

/// A pattern: `*` matches any run of characters, case does not matter. `<>` is the null
/// sender, written as the empty pattern.
fn pattern(value: &Value, path: &str) -> Result<String> {
    let text = json::string(value, path)?;
    if text.len() > 254 {
        return fail(path, "a pattern has at most 254 characters");
    }
    Ok(if text == "<>" {
        String::new()
    } else {
        text.to_string()
    })
}

/// `5.1.1`: RFC 3463 class, subject and detail.
fn enhanced(value: &Value, path: &str) -> Result<EnhancedCode> {
    let text = json::string(value, path)?;
    let parts: Vec<Option<u16>> = text.split('.').map(|p| p.parse().ok()).collect();
    match parts[..] {
        [Some(class @ (2 | 4 | 5)), Some(subject), Some(detail)] if subject < 1000 && detail < 1000 => {
            Ok(EnhancedCode(class as u8, subject, detail))
        }
        _ => fail(
            path,
            format!("'{text}' is not an enhanced status code such as 5.1.1"),
        ),
    }
}
