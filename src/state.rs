//! The lab's state and its reducer. `reduce` delegates to the engine: it feeds inputs and
//! turns the engine's outputs into transcript rows. Side effects live in components.

use std::rc::Rc;

use smtplab_engine::{Input, Output, Peer, Phase, Session, World};
use yew::Reducible;

/// Who a transcript row came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Client,
    Server,
    /// Something that happened to the connection: TLS, a delivery, a close.
    Event,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub origin: Origin,
    pub text: String,
    /// For server rows: the reply code.
    pub code: Option<u16>,
    /// Simulated time, Unix milliseconds.
    pub at: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lab {
    pub session: Session,
    pub transcript: Vec<Row>,
}

pub enum Action {
    /// Sends one line, CRLF appended.
    Send { line: String, now: u64 },
}

impl Lab {
    /// A lab connected to a fresh session of the reference world.
    pub fn connected(now: u64, seed: u64) -> Lab {
        let mut lab = Lab {
            session: Session::new(World::reference(), seed),
            transcript: Vec::new(),
        };
        lab.feed(
            Input::Connected {
                now,
                peer: Peer::default(),
            },
            now,
        );
        lab
    }

    pub fn phase(&self) -> Phase {
        self.session.phase()
    }

    fn feed(&mut self, input: Input, now: u64) {
        if let Err(error) = self.session.handle_input(input) {
            self.note(
                format!("Not sent: {error}. Reconnect to start a new session."),
                now,
            );
            return;
        }
        while let Some(output) = self.session.poll_output() {
            self.show(output, now);
        }
    }

    fn show(&mut self, output: Output, now: u64) {
        match output {
            Output::Reply { reply, due } => {
                for text in reply.text_lines() {
                    self.transcript.push(Row {
                        origin: Origin::Server,
                        text,
                        code: Some(reply.code),
                        at: due,
                    });
                }
            }
            Output::StartTls => {
                self.note(
                    "TLS handshake (simulated): the connection is now encrypted.".into(),
                    now,
                );
                self.feed(Input::TlsEstablished { now }, now);
            }
            Output::Delivered { user, message } => {
                let to = user.unwrap_or_else(|| "a remote server (relayed)".into());
                self.note(format!("Message {} delivered to {to}.", message.queue_id), now);
            }
            Output::Close => self.note("The server closed the connection.".into(), now),
            _ => {}
        }
    }

    fn note(&mut self, text: String, at: u64) {
        self.transcript.push(Row {
            origin: Origin::Event,
            text,
            code: None,
            at,
        });
    }
}

impl Reducible for Lab {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut lab = (*self).clone();
        match action {
            Action::Send { line, now } => {
                lab.transcript.push(Row {
                    origin: Origin::Client,
                    text: line.clone(),
                    code: None,
                    at: now,
                });
                lab.feed(
                    Input::Bytes {
                        now,
                        data: format!("{line}\r\n").into_bytes(),
                    },
                    now,
                );
            }
        }
        Rc::new(lab)
    }
}
