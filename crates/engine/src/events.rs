//! What happened in a session, typed: the engine's own account, for drivers, lessons,
//! diagrams and course pages, so that none of them has to read a reply's text or code.
//!
//! Events come from one place. After each unit of input the session consumes (a command
//! or SASL line, the end of a DATA body, a BDAT chunk) and after every other input, it
//! compares a [`Snapshot`] of what matters with the one taken before and reports the
//! differences ([`between`]), in a fixed order, after the unit's replies. Handlers never
//! emit events themselves.

use serde::{Deserialize, Serialize};

use crate::reply::{Reply, ReplyKind};
use crate::sasl::Mechanism;
use crate::session::Output;
use crate::table::{Phase, Trigger, Verb};

/// Something that happened in the session.
///
/// Serialised externally tagged (`{"phase-changed": {…}}`, `"tls-established"`): internally
/// tagged enums cost 50 KB of wasm to deserialise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Event {
    /// The phase changed, and why: the transitions of [`crate::table::TRANSITIONS`], and
    /// hang-ups.
    PhaseChanged {
        from: Phase,
        to: Phase,
        trigger: Trigger,
    },
    /// The TLS handshake completed: from here on the session is encrypted.
    TlsEstablished,
    Authenticated {
        mechanism: Mechanism,
        user: String,
    },
    /// MAIL FROM was accepted (`sender` empty for the null sender).
    TransactionStarted {
        sender: String,
    },
    /// The transaction ended without a message.
    TransactionAborted {
        why: Abort,
    },
    RecipientAccepted {
        address: String,
    },
    /// RCPT TO was refused, with this reply.
    RecipientRejected {
        code: u16,
    },
    /// A DATA body ended at its lone dot after this many lines (the dot not counted),
    /// whether or not the message is then accepted: the lines the server read as the
    /// message, however they were sent (typed after 354, or pipelined behind DATA).
    DataEnded {
        lines: u64,
    },
    MessageAccepted {
        queue_id: String,
        /// The message's size as received (after CRLF normalisation, before headers are added).
        bytes: u64,
        via: Via,
    },
    /// More than one command arrived in one piece of input (RFC 2920).
    Pipelined {
        commands: Vec<Verb>,
    },
    /// A reply counted as an error; `errors` is the new total.
    ErrorCounted {
        errors: u32,
    },
    Disconnected {
        by: Side,
        /// The reply the server closed with (`None` when the client hung up).
        why: Option<ReplyKind>,
    },
}

/// How a message came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    Data,
    Bdat,
}

/// Who ended the connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Client,
    Server,
}

/// Why a transaction ended without a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Abort {
    /// RSET, a new HELO/EHLO, or STARTTLS reset it (RFC 5321 §4.1.1.5, §4.1.4; RFC 3207 §4.2).
    Reset(Verb),
    /// The server refused the message itself (too big, no valid recipients).
    MessageRefused,
    /// The connection ended.
    Disconnected,
}

/// What the events are computed from: a few facts about the session, cheap to copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub phase: Phase,
    pub tls: bool,
    pub authenticated: bool,
    /// A mail transaction is open (MAIL accepted, no message yet).
    pub transaction: bool,
    pub recipients: usize,
    pub errors: u32,
}

/// What the session is like after a unit, beyond its snapshot: the details events carry.
pub struct Details<'a> {
    /// What the unit was: a command (with its verb), a SASL answer, the end of a message,
    /// a handshake, a connect or a hang-up.
    pub trigger: Option<Trigger>,
    pub user: Option<(&'a str, Mechanism)>,
    pub sender: Option<&'a str>,
    pub last_recipient: Option<&'a str>,
    /// When the unit was the lone dot that ended a DATA body: the body's lines.
    pub data_lines: Option<u64>,
    /// The unit's outputs, in order: its replies among them.
    pub outputs: std::collections::vec_deque::Iter<'a, Output>,
}

impl<'a> Details<'a> {
    /// The unit's replies, in order.
    pub fn replies(&self) -> impl DoubleEndedIterator<Item = &'a Reply> + 'a {
        self.outputs.clone().filter_map(|output| match output {
            Output::Reply { reply, .. } => Some(reply),
            _ => None,
        })
    }
}

/// The events between two snapshots, in a fixed order, added to `events` (a buffer the
/// session keeps, so that a unit costs no allocation for them).
pub fn between(before: &Snapshot, after: &Snapshot, details: &Details, events: &mut Vec<Event>) {
    let client_closed = details.trigger == Some(Trigger::ClientClosed);
    let verb = match details.trigger {
        Some(Trigger::Command(verb)) => Some(verb),
        _ => None,
    };
    let accepted = details.replies().find_map(|reply| match &reply.kind {
        ReplyKind::Queued { queue_id, bytes } => Some((queue_id, *bytes, Via::Data)),
        ReplyKind::BdatQueued { queue_id, bytes, .. } => Some((queue_id, *bytes, Via::Bdat)),
        _ => None,
    });
    if let Some(lines) = details.data_lines {
        events.push(Event::DataEnded { lines });
    }
    if after.phase != before.phase {
        let mut from = before.phase;
        if accepted.is_some() && from != Phase::Bdat && from != Phase::Data {
            // `BDAT 0 LAST` opens and ends a message in one command: two steps.
            events.push(Event::PhaseChanged {
                from,
                to: Phase::Bdat,
                trigger: Trigger::Command(Verb::Bdat),
            });
            from = Phase::Bdat;
        }
        let trigger = match details.trigger {
            _ if accepted.is_some() => Trigger::EndOfMessage,
            // Closing is QUIT's transition; any other close is the server hanging up.
            _ if after.phase == Phase::Closed && !client_closed && verb != Some(Verb::Quit) => {
                Trigger::ServerClosed
            }
            Some(trigger) => trigger,
            None => Trigger::ServerClosed,
        };
        events.push(Event::PhaseChanged {
            from,
            to: after.phase,
            trigger,
        });
    }
    if after.tls && !before.tls {
        events.push(Event::TlsEstablished);
    }
    if let (false, true, Some((user, mechanism))) = (before.authenticated, after.authenticated, details.user)
    {
        events.push(Event::Authenticated {
            mechanism,
            user: user.to_string(),
        });
    }
    if after.transaction && !before.transaction {
        events.push(Event::TransactionStarted {
            sender: details.sender.unwrap_or_default().to_string(),
        });
    }
    if after.recipients > before.recipients && after.transaction {
        if let Some(address) = details.last_recipient {
            events.push(Event::RecipientAccepted {
                address: address.to_string(),
            });
        }
    } else if verb == Some(Verb::Rcpt) {
        if let Some(code) = details.replies().map(|r| r.code).find(|&c| c >= 400) {
            events.push(Event::RecipientRejected { code });
        }
    }
    if let Some((queue_id, bytes, via)) = accepted {
        events.push(Event::MessageAccepted {
            queue_id: queue_id.clone(),
            bytes,
            via,
        });
    } else if before.transaction && !after.transaction {
        let why = match verb {
            _ if after.phase == Phase::Closed => Abort::Disconnected,
            Some(verb @ (Verb::Rset | Verb::Helo | Verb::Ehlo | Verb::StartTls)) => Abort::Reset(verb),
            _ => Abort::MessageRefused,
        };
        events.push(Event::TransactionAborted { why });
    }
    if after.errors > before.errors {
        events.push(Event::ErrorCounted { errors: after.errors });
    }
    if after.phase == Phase::Closed && before.phase != Phase::Closed {
        events.push(Event::Disconnected {
            by: if client_closed { Side::Client } else { Side::Server },
            why: (!client_closed)
                .then(|| details.replies().next_back().map(|r| r.kind.clone()))
                .flatten(),
        });
    }
}
