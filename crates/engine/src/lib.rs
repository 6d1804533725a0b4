//! smtplab's SMTP server engine: a sans-IO state machine that answers like Postfix 3.7,
//! or in the words of another server profile ([`profiles`]).
//!
//! ```
//! use smtplab_engine::{Input, Output, Peer, Session, World};
//!
//! let mut session = Session::new(World::reference(), 42);
//! session.handle_input(Input::Connected { now: 0, peer: Peer::default() }).unwrap();
//! session.handle_input(Input::Bytes { now: 1, data: b"EHLO client.example.org\r\n".to_vec() }).unwrap();
//! let mut wire = Vec::new();
//! while let Some(output) = session.poll_output() {
//!     if let Output::Reply { reply, .. } = output {
//!         reply.write_to(&mut wire);
//!     }
//! }
//! assert!(wire.starts_with(b"220 mail.example.com ESMTP Postfix\r\n250-mail.example.com\r\n"));
//! ```
//!
//! Modules, from the outside in: [`session`] (inputs, outputs, the state machine),
//! [`command`] (the line parser), [`table`] (the command table), [`reply`] (the reply
//! catalog and its explanations), [`sasl`], [`delivery`] and [`world`].

pub mod command;
pub mod delivery;
pub mod events;
pub mod json;
mod pretty;
pub mod profiles;
pub mod reply;
mod rng;
pub mod rules;
pub mod sasl;
pub mod session;
pub mod table;
pub mod transcript;
pub mod world;

pub use command::{parse, Address, Command, Parsed};
pub use delivery::Message;
pub use events::Event;
pub use pretty::pretty_json;
pub use profiles::{Behaviour, ErrorLimits, Source, Voice};
pub use reply::{EnhancedCode, Explanation, Reply, ReplyClass, ReplyKind};
pub use session::{EngineError, Input, Output, Peer, Session, State};
pub use table::{CommandSpec, Phase, Verb, COMMANDS};
pub use world::{World, WorldError, WorldProblem};
