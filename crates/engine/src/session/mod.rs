//! The SMTP server session: a sans-IO state machine (RFC 5321, with RFC 3207 STARTTLS,
//! RFC 4954 AUTH, RFC 3030 CHUNKING and RFC 2920 PIPELINING).
//!
//! Drivers feed [`Input`]s — connection, bytes in any chunking, clock ticks, TLS done,
//! peer closed — each with the simulated time, and drain [`Output`]s: replies to write,
//! a TLS handshake to perform, delivered messages, a close. Nothing here does I/O, reads
//! a clock or asks the OS for randomness: the same world, seed and inputs give the same
//! outputs, byte for byte.
//!
//! Framing depends on [`State`] (`framing.rs`): command lines, the dot-stuffed DATA body, BDAT octets,
//! or SASL response lines. Every reply goes through [`Session::reply`], which also keeps
//! Postfix's error counter, its tarpit delay and its hang-ups.

use std::collections::VecDeque;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::command::{self, Address, Command, MailParams, Parsed, RcptParams, ReversePath};
use crate::delivery::{self, Message};
use crate::events::{self, Details, Event, Snapshot};
use crate::profiles::{ErrorLimits, Voice};
use crate::reply::{AuthFailure, Fact, Octets, Reply, ReplyKind, SequenceContext};
use crate::rng::{self, Rng};
use crate::rules::{self, Effect};
use crate::sasl::{Exchange, Mechanism, SaslServer, Step};
use crate::table::{Phase, Trigger, Verb, COMMANDS};
use crate::world::World;

mod framing;
mod queue;

/// Something that happened to the connection, at simulated time `now` (Unix milliseconds).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Input {
    Connected { now: u64, peer: Peer },
    Bytes { now: u64, data: Vec<u8> },
    Tick { now: u64 },
    TlsEstablished { now: u64 },
    PeerClosed { now: u64 },
}

/// Who connected: Postfix writes it into the Received header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Peer {
    pub name: String,
    pub address: String,
    /// The connection is TLS from the first byte (port 465, "implicit TLS", RFC 8314).
    #[serde(default)]
    pub tls: bool,
    /// How many connections this address has open, this one included (Postfix's anvil
    /// count, for `Limits::client_connections`); 0 when the driver does not count.
    #[serde(default)]
    pub connections: u32,
}

impl Default for Peer {
    fn default() -> Self {
        Peer {
            name: "localhost".into(),
            address: "127.0.0.1".into(),
            tls: false,
            connections: 1,
        }
    }
}

/// What the driver must do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Output {
    /// Write this reply at simulated time `due` (later than now when tarpitting).
    Reply { reply: Reply, due: u64 },
    /// Perform the server side of a TLS handshake, then feed `Input::TlsEstablished`.
    StartTls,
    /// A message was delivered into `user`'s mailbox (`None`: relayed to another domain).
    /// The mailbox holds the same message: delivering copies no message.
    Delivered {
        user: Option<String>,
        message: Arc<Message>,
    },
    /// Close the connection after writing what came before.
    Close,
    /// Something happened (after the replies it concerns); see [`crate::events`].
    Event(Event),
}

/// Misuse of the API (not a client's protocol mistake, which is a reply). It sticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum EngineError {
    NotConnected,
    AlreadyConnected,
    Closed,
    NoTlsPending,
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            EngineError::NotConnected => "input before Connected",
            EngineError::AlreadyConnected => "Connected twice",
            EngineError::Closed => "the connection is closed",
            EngineError::NoTlsPending => "TlsEstablished without an accepted STARTTLS",
        })
    }
}

impl std::error::Error for EngineError {}

/// The session state. Each variant carries exactly the data valid in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    Disconnected,
    /// Reading commands; `Some` while a mail transaction is open.
    Command(Option<Envelope>),
    /// Reading the DATA body of a transaction that has recipients.
    Data(Ready, Body),
    /// Reading `remaining` octets of a BDAT chunk.
    BdatChunk {
        ready: Ready,
        body: Body,
        remaining: u64,
        last: bool,
        /// Over `message_size_limit` with what came before: read, thrown away, refused.
        #[serde(default)]
        oversized: bool,
    },
    /// Between BDAT chunks: reading commands, with the message so far.
    BdatWait(Ready, Body),
    /// Reading one SASL response line.
    Auth(Exchange),
    /// STARTTLS accepted; waiting for the driver's handshake.
    TlsHandshake,
    Closed,
}

/// A mail transaction: the sender and the recipients accepted so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub sender: ReversePath,
    pub params: MailParams,
    pub recipients: Vec<Recipient>,
    /// Header lines a policy service asked to prepend to the message (postgrey's
    /// `X-Greylist`).
    #[serde(default)]
    pub prepend: Vec<String>,
}

/// A transaction with at least one recipient: only these can carry a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ready(Envelope);

impl Ready {
    /// Hands the envelope back, unchanged, when it has no recipients.
    #[allow(clippy::result_large_err)]
    fn new(envelope: Envelope) -> Result<Ready, Envelope> {
        if envelope.recipients.is_empty() {
            Err(envelope)
        } else {
            Ok(Ready(envelope))
        }
    }

    pub fn envelope(&self) -> &Envelope {
        &self.0
    }
}

/// An accepted recipient and where its mail goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub address: Address,
    pub params: RcptParams,
    /// Local mailboxes; empty when relayed elsewhere.
    pub mailboxes: Vec<String>,
}

/// A message body on its way in, normalised to CRLF line ends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    pub content: Vec<u8>,
    /// Octets received (after CRLF normalisation), whether kept or not.
    pub size: u64,
    /// The last octet was a CR (a CRLF may straddle two BDAT chunks).
    last_cr: bool,
    /// Inside a line that was too long to buffer whole.
    mid_line: bool,
    /// `size` when the current BDAT chunk began.
    chunk_from: u64,
    /// What the first line of a BDAT message turned out to be, once it ended.
    #[serde(default)]
    first_line: Option<FirstLine>,
    /// A DATA body counts its lines' queue-file records as it reads them
    /// (`queue::line_records`), so that the queue file's size needs no second pass.
    #[serde(default)]
    records: Option<Records>,
    /// A DATA body's lines so far (each ended by LF; the lone dot not counted).
    #[serde(default)]
    lines: u64,
}

/// The first line of a message as Exim's header reader sees it (receive.c).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FirstLine {
    /// An empty line: the message has no header.
    Blank,
    /// A header field (`Name:`), and whether it ended in CRLF rather than a bare LF.
    Header { crlf: bool },
    /// Anything else: the body starts here.
    Text,
}

impl FirstLine {
    /// receive.c: a header name is printable characters up to a colon, spaces allowed
    /// before the colon; a line that starts with white space is no header.
    pub fn of(line: &[u8], crlf: bool) -> FirstLine {
        if line.is_empty() {
            return FirstLine::Blank;
        }
        let name = line
            .iter()
            .take_while(|&&b| b.is_ascii_graphic() && b != b':')
            .count();
        let rest = &line[name..];
        let colon = rest.iter().find(|&&b| !b.is_ascii_whitespace());
        match (line[0].is_ascii_whitespace(), colon) {
            (false, Some(b':')) => FirstLine::Header { crlf },
            _ => FirstLine::Text,
        }
    }
}

/// The queue-file records of a DATA body's whole lines so far, with lines cut at `piece`
/// octets, and the length of the line being read in pieces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Records {
    piece: usize,
    octets: u64,
    line: u64,
}

/// How the client greeted us.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Helo {
    pub name: String,
    pub extended: bool,
}

/// The session: owns its world (with the mailboxes) and everything it has been told.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    world: World,
    rng: Rng,
    state: State,
    helo: Option<Helo>,
    tls: bool,
    user: Option<String>,
    errors: u32,
    /// HELO/EHLO/RSET/NOOP/VRFY/ETRN seen so far (Postfix's "junk" commands).
    junk: u32,
    /// The reply being made is for a junk command past the limit: it counts as an error.
    junk_excess: bool,
    peer: Peer,
    now: u64,
    last_activity: u64,
    /// When the last reply leaves: Postfix sleeps before each reply once the client has
    /// made `soft_errors` errors, so tarpitted replies queue up one after the other.
    #[serde(default)]
    busy_until: u64,
    /// Replies of this input still in Postfix's output buffer: a delayed reply flushes
    /// them, so they leave with it.
    #[serde(skip)]
    unflushed: usize,
    /// The `hard_errors`-th error was answered: the 421 that ends the session is due then.
    #[serde(default)]
    hangup_at: Option<u64>,
    input: Vec<u8>,
    /// A command line longer than the limit: its kept prefix, while the rest is skipped.
    overlong: Option<Vec<u8>>,
    /// Octets of a rejected BDAT chunk still to throw away.
    skip: u64,
    /// The verb being answered, for bad-sequence explanations.
    verb: Option<Verb>,
    outputs: VecDeque<Output>,
    failure: Option<EngineError>,
    /// The mechanism of the AUTH exchange in progress, or of the one that succeeded.
    #[serde(default)]
    mechanism: Option<Mechanism>,
    /// What events were last computed from (`None` in a session saved before events).
    #[serde(default)]
    observed: Option<Snapshot>,
    /// Outputs up to here have been looked at for events.
    #[serde(skip)]
    reported: usize,
    /// Where [`events::between`] puts a unit's events (empty between units).
    #[serde(skip)]
    found: Vec<Event>,
    /// The lines of the DATA body the unit being read ended (for [`Event::DataEnded`]).
    #[serde(skip)]
    data_ended: Option<u64>,
    /// How many commands each of the world's failure rules has matched.
    #[serde(default)]
    rule_hits: Vec<u32>,
    /// A failure rule's delay for the reply being made.
    #[serde(default)]
    injected_delay: u64,
    /// The id the server prints for this session (Gmail, Microsoft 365; none for Postfix).
    #[serde(default)]
    id: String,
    /// The reply being made is the refusal rule's: it carries the bad-sequence context.
    #[serde(skip)]
    refusing: bool,
    /// Exim's counts: unknown commands, and syntax or protocol errors.
    #[serde(default)]
    unknown: u32,
    #[serde(default)]
    synprot: u32,
    /// The verb of the command line before this one.
    #[serde(default)]
    previous_verb: Option<Verb>,
    /// Exim: commands that sent no mail, and the ones still free in this message
    /// (bits: HELO/EHLO, RSET, STARTTLS, AUTH).
    #[serde(default)]
    nonmail: u32,
    #[serde(default)]
    nonmail_used: u8,
    /// Exim: the reply to the last refused RCPT since the transaction was reset, which it
    /// repeats when DATA comes without recipients.
    #[serde(default)]
    rcpt_refused: Option<Octets>,
    /// Exim: DATA or BDAT has come, so input sent too early is checked for from now on.
    #[serde(default)]
    checks_sync: bool,
    /// More input came behind the command line being read.
    #[serde(skip)]
    input_behind: bool,
    /// Exim: a command between BDAT chunks was refused; now only RSET or QUIT will do.
    #[serde(default)]
    chunk_refused: bool,
    /// RCPT commands since the transaction was reset, accepted or not (Exim's `$rcpt_count`).
    #[serde(default)]
    rcpts_tried: u32,
    /// The octets of the BDAT chunk being read or thrown away, until the line after it.
    #[serde(default)]
    after_chunk: Option<u64>,
    /// Facts for the reply being made ([`Reply::facts`]).
    #[serde(skip)]
    facts: Vec<Fact>,
}

impl Session {
    pub fn new(world: World, seed: u64) -> Session {
        let id = rng::session_id(world.profile, seed);
        let mut session = Session {
            world,
            rng: Rng(seed),
            state: State::Disconnected,
            helo: None,
            tls: false,
            user: None,
            errors: 0,
            junk: 0,
            junk_excess: false,
            // Who connected comes with `Input::Connected`.
            peer: Peer {
                name: String::new(),
                address: String::new(),
                tls: false,
                connections: 0,
            },
            now: 0,
            last_activity: 0,
            busy_until: 0,
            unflushed: 0,
            hangup_at: None,
            input: Vec::new(),
            overlong: None,
            skip: 0,
            verb: None,
            // Room for what one input usually brings: replies, deliveries and events.
            outputs: VecDeque::with_capacity(8),
            failure: None,
            mechanism: None,
            observed: None,
            reported: 0,
            found: Vec::new(),
            data_ended: None,
            rule_hits: Vec::new(),
            injected_delay: 0,
            id,
            refusing: false,
            unknown: 0,
            synprot: 0,
            rcpt_refused: None,
            nonmail: 0,
            nonmail_used: 0,
            previous_verb: None,
            checks_sync: false,
            input_behind: false,
            chunk_refused: false,
            rcpts_tried: 0,
            after_chunk: None,
            facts: Vec::new(),
        };
        session.observed = Some(session.snapshot());
        session
    }

    // ---- getters ----

    pub fn world(&self) -> &World {
        &self.world
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn helo(&self) -> Option<&Helo> {
        self.helo.as_ref()
    }

    pub fn tls_active(&self) -> bool {
        self.tls
    }

    /// The user logged in with AUTH.
    pub fn authenticated_as(&self) -> Option<&str> {
        self.user.as_deref()
    }

    pub fn error_count(&self) -> u32 {
        self.errors
    }

    /// The phase a learner sees, derived from the state.
    pub fn phase(&self) -> Phase {
        match &self.state {
            State::Disconnected => Phase::Disconnected,
            State::Command(None) if self.helo.is_some() => Phase::Greeted,
            State::Command(None) => Phase::Connected,
            State::Command(Some(env)) if env.recipients.is_empty() => Phase::Mail,
            State::Command(Some(_)) => Phase::Rcpt,
            State::Data(..) => Phase::Data,
            State::BdatChunk { .. } | State::BdatWait(..) => Phase::Bdat,
            State::Auth(_) => Phase::Auth,
            State::TlsHandshake => Phase::TlsHandshake,
            State::Closed => Phase::Closed,
        }
    }

    /// The commands the server accepts now: those [`Session::refusal`] lets through, in
    /// table order. Outside the command phases (DATA, AUTH, TLS, closed) there are none.
    pub fn accepted_verbs(&self) -> Vec<Verb> {
        if !matches!(self.state, State::Command(_) | State::BdatWait(..)) {
            return Vec::new();
        }
        COMMANDS
            .iter()
            .map(|c| c.verb)
            .filter(|&verb| self.refusal(verb).is_none())
            .collect()
    }

    /// The one refusal rule: why the server would refuse `verb` now, before it looks at the
    /// command's arguments, or `None` when it accepts it. The replies, the commands listed
    /// as valid now and the 503's context all come from here.
    pub fn refusal(&self, verb: Verb) -> Option<ReplyKind> {
        let envelope = match &self.state {
            State::Command(envelope) => envelope.as_ref(),
            _ => None,
        };
        let in_bdat = matches!(self.state, State::BdatWait(..));
        let in_transaction = envelope.is_some() || in_bdat;
        let has_recipients = in_bdat || envelope.is_some_and(|e| !e.recipients.is_empty());
        let policy = self.world.policy;
        let profile = self.world.profile;
        let advertised =
            !profile.behaviour().extensions_need_ehlo || self.helo.as_ref().is_some_and(|h| h.extended);
        let auth_offered = policy.auth_enabled && (self.tls || !policy.auth_only_after_tls) && advertised;
        match verb {
            _ if in_bdat && profile.behaviour().strict_between_chunks => self.between_chunks(Some(verb)),
            // RFC 5321 §4.2.4: known, not implemented (Postfix 3.7: EXPN, HELP).
            _ if profile.unimplemented(verb) => Some(ReplyKind::Unrecognized {
                command: verb.name().to_string(),
            }),
            // Recorded from Postfix with smtpd_tls_security_level=encrypt: these (RSET too)
            // wait for TLS before any sequence check.
            Verb::Mail
            | Verb::Rcpt
            | Verb::Data
            | Verb::Bdat
            | Verb::Auth
            | Verb::Vrfy
            | Verb::Etrn
            | Verb::Rset
                if policy.tls_required && !self.tls =>
            {
                Some(ReplyKind::MustStartTls)
            }
            // RFC 3030 §2: BDAT only where CHUNKING is offered, checked before anything else
            // about it (recorded from smtpd_discard_ehlo_keywords=chunking).
            Verb::Bdat if !policy.chunking => Some(ReplyKind::ChunkingNotOffered),
            // RFC 5321 §4.1.4: no nested transactions; HELO first only if the policy says so.
            Verb::Mail if policy.helo_required && self.helo.is_none() => Some(ReplyKind::SendHeloFirst),
            Verb::Mail if in_transaction => Some(ReplyKind::NestedMail),
            // RFC 5321 §3.3: RCPT needs MAIL; RFC 3030 §3: recipients precede BDAT.
            Verb::Rcpt if !in_transaction => Some(ReplyKind::NeedMail),
            Verb::Rcpt if in_bdat => Some(ReplyKind::RcptAfterBdat),
            // Exim (smtp_in.c) repeats the last refused RCPT's reply, whether a transaction
            // is open or not, and words the rest by whether a pipelined RCPT came just before.
            Verb::Data | Verb::Bdat if !has_recipients && profile.behaviour().repeats_rcpt_refusal => {
                let pipelined = self.previous_verb == Some(Verb::Rcpt)
                    && self.helo.as_ref().is_some_and(|h| h.extended)
                    && policy.pipelining;
                Some(ReplyKind::NoValidRecipients {
                    last: self.rcpt_refused.clone(),
                    pipelined,
                })
            }
            Verb::Data | Verb::Bdat if !in_transaction => Some(ReplyKind::NeedRcpt),
            Verb::Data | Verb::Bdat if !has_recipients => Some(ReplyKind::NoValidRecipients {
                last: None,
                pipelined: false,
            }),
            Verb::Data if in_bdat => Some(ReplyKind::DataAfterBdat),
            // RFC 4954 §4.
            Verb::Auth if !auth_offered => Some(ReplyKind::AuthNotEnabled),
            Verb::Auth if in_transaction => Some(ReplyKind::AuthInTransaction),
            Verb::Auth if self.user.is_some() => Some(ReplyKind::AlreadyAuthenticated),
            // RFC 3207 §4: offered only by policy, and only once.
            Verb::StartTls if !policy.starttls => Some(ReplyKind::NotImplemented),
            // Exim: not advertised before EHLO.
            Verb::StartTls if !advertised => Some(ReplyKind::NotImplemented),
            Verb::StartTls if self.tls => Some(ReplyKind::TlsActive),
            Verb::Etrn if in_transaction => Some(ReplyKind::EtrnInTransaction),
            Verb::Vrfy if !policy.vrfy_enabled => Some(ReplyKind::VrfyDisabled),
            _ => None,
        }
    }

    /// How the server refuses `verb` in every phase of this session, whatever came
    /// before: a command it does not implement, or one its policy switched off. Such a
    /// refusal is no sequence error.
    fn refused_everywhere(&self, verb: Verb) -> Option<ReplyKind> {
        let policy = self.world.policy;
        match verb {
            _ if self.world.profile.unimplemented(verb) => Some(ReplyKind::Unrecognized {
                command: verb.name().to_string(),
            }),
            Verb::Bdat if !policy.chunking => Some(ReplyKind::ChunkingNotOffered),
            Verb::StartTls if !policy.starttls => Some(ReplyKind::NotImplemented),
            Verb::Auth if !policy.auth_enabled => Some(ReplyKind::AuthNotEnabled),
            Verb::Vrfy if !policy.vrfy_enabled => Some(ReplyKind::VrfyDisabled),
            _ => None,
        }
    }

    /// Exim between BDAT chunks (bdat_getc): BDAT, NOOP, RSET and QUIT; anything else
    /// (`None`: an unknown command) is refused, and after that all but RSET and QUIT.
    fn between_chunks(&self, verb: Option<Verb>) -> Option<ReplyKind> {
        match (verb, self.chunk_refused) {
            (Some(Verb::Rset | Verb::Quit), _) | (Some(Verb::Bdat | Verb::Noop), false) => None,
            (_, false) => Some(ReplyKind::DataAfterBdat),
            (_, true) => Some(ReplyKind::RcptAfterBdat),
        }
    }

    /// When the driver must feed [`Input::Tick`], because the server will act on its own
    /// then: the 421 after the hard error limit, or the idle timeout (Postfix
    /// `smtpd_timeout`, counted from the last input or the last reply, whichever is later).
    pub fn next_deadline(&self) -> Option<u64> {
        match self.state {
            State::Disconnected | State::Closed | State::TlsHandshake => None,
            _ => Some(self.hangup_at.unwrap_or_else(|| self.idle_deadline())),
        }
    }

    fn idle_deadline(&self) -> u64 {
        let timeout = self.world.limits.idle_timeout_secs.saturating_mul(1000);
        self.last_activity.max(self.busy_until).saturating_add(timeout)
    }

    /// Who the server is when it speaks: what its replies may show.
    fn voice(&self) -> Voice<'_> {
        Voice {
            host: &self.world.hostname,
            now_ms: self.now,
            client: &self.peer.address,
            helo: self.helo.as_ref().map_or("", |h| h.name.as_str()),
            verb: self.verb,
            session: &self.id,
            notice: &self.world.greeting_notice,
        }
    }

    /// `kind` in the words this session's server would use now.
    pub fn word(&self, kind: ReplyKind) -> Reply {
        Reply::new(kind, self.world.profile, &self.voice())
    }

    // ---- settings ----

    /// Changes the limits mid-session. The server driver uses it for Postfix's stress
    /// mode: [`crate::world::Limits::under_stress`] while every connection slot is busy.
    pub fn set_limits(&mut self, limits: crate::world::Limits) {
        self.world.limits = limits;
    }

    /// RFC 5321 §3.1: the greeting; or, past Postfix's per-client connection limit, the
    /// 421 that smtpd_proto() says instead (anvil's count, `smtpd.c`).
    fn greeting(&self) -> ReplyKind {
        let limit = self.world.limits.client_connections;
        if limit > 0 && self.peer.connections > limit {
            return ReplyKind::TooManyConnections {
                address: self.peer.address.clone(),
            };
        }
        ReplyKind::Greeting
    }

    // ---- inputs ----

    pub fn handle_input(&mut self, input: Input) -> Result<(), EngineError> {
        let trigger = match &input {
            Input::Connected { .. } => Some(Trigger::Connect),
            Input::TlsEstablished { .. } => Some(Trigger::Handshake),
            Input::PeerClosed { .. } => Some(Trigger::ClientClosed),
            _ => None, // bytes are reported unit by unit; a tick can only time out
        };
        self.handle(trigger, |session| session.dispatch(input))
    }

    /// [`Input::Bytes`] from a buffer the driver keeps (its read buffer): the session
    /// reads them where they lie and copies only a line they leave unfinished.
    pub fn handle_bytes(&mut self, now: u64, data: &[u8]) -> Result<(), EngineError> {
        self.handle(None, |session| session.on_bytes(now, data))
    }

    fn handle(
        &mut self,
        trigger: Option<Trigger>,
        input: impl FnOnce(&mut Session) -> Result<(), EngineError>,
    ) -> Result<(), EngineError> {
        if let Some(error) = self.failure {
            return Err(error);
        }
        self.reported = self.outputs.len();
        let result = input(self);
        self.unflushed = 0; // Postfix flushes its output whenever it waits for input
        self.report(trigger);
        if let Err(error) = result {
            self.failure = Some(error);
        }
        result
    }

    fn dispatch(&mut self, input: Input) -> Result<(), EngineError> {
        match (&self.state, input) {
            (_, Input::Bytes { now, data }) => self.on_bytes(now, &data),
            (State::Disconnected, Input::Connected { now, peer }) => {
                self.tick_clock(now);
                self.tls = peer.tls;
                self.peer = peer;
                self.state = State::Command(None);
                self.reply(self.greeting());
                Ok(())
            }
            (State::Disconnected, _) => Err(EngineError::NotConnected),
            (State::Closed, _) => Err(EngineError::Closed),
            (_, Input::Connected { .. }) => Err(EngineError::AlreadyConnected),
            (_, Input::PeerClosed { now }) => {
                self.tick_clock(now);
                if self.world.profile.behaviour().says_connection_lost && self.state != State::TlsHandshake {
                    let in_message = matches!(self.state, State::Data(..) | State::BdatChunk { .. });
                    self.verb = None;
                    self.reply(ReplyKind::ConnectionLost { in_message });
                }
                self.hang_up(); // Postfix says 421 before it reads the EOF
                self.state = State::Closed;
                Ok(())
            }
            (State::TlsHandshake, Input::TlsEstablished { now }) => {
                self.tick_clock(now);
                self.on_tls_established();
                Ok(())
            }
            (_, Input::TlsEstablished { .. }) => Err(EngineError::NoTlsPending),
            (_, Input::Tick { now }) => {
                self.on_tick(now);
                Ok(())
            }
        }
    }

    fn on_bytes(&mut self, now: u64, data: &[u8]) -> Result<(), EngineError> {
        match self.state {
            State::Disconnected => return Err(EngineError::NotConnected),
            State::Closed => return Err(EngineError::Closed),
            // Not a TLS ClientHello: a real handshake would fail. Nothing to answer.
            State::TlsHandshake => self.tick_clock(now),
            // Postfix never reads another command after the hard error limit.
            _ if self.hangup_at.is_some() => {
                self.tick_clock(now);
                self.hang_up();
            }
            _ => {
                self.tick_clock(now);
                self.take_bytes(data);
            }
        }
        Ok(())
    }

    /// The facts events are computed from.
    fn snapshot(&self) -> Snapshot {
        let (transaction, recipients) = match &self.state {
            State::Command(Some(envelope)) => (true, envelope.recipients.len()),
            State::Data(ready, _) | State::BdatWait(ready, _) | State::BdatChunk { ready, .. } => {
                (true, ready.0.recipients.len())
            }
            _ => (false, 0),
        };
        Snapshot {
            phase: self.phase(),
            tls: self.tls,
            authenticated: self.user.is_some(),
            transaction,
            recipients,
            errors: self.errors,
        }
    }

    /// The one place events come from: what changed since the last report, with the
    /// replies made since, goes out after them (see [`crate::events`]).
    fn report(&mut self, trigger: Option<Trigger>) {
        let now = self.snapshot();
        let before = self.observed.replace(now).unwrap_or(now);
        let outputs = self.outputs.range(self.reported..);
        if before == now && !outputs.clone().any(|o| matches!(o, Output::Reply { .. })) {
            return;
        }
        let envelope = match &self.state {
            State::Command(Some(envelope)) => Some(envelope),
            _ => None,
        };
        let details = Details {
            trigger,
            user: self.user.as_deref().zip(self.mechanism),
            sender: envelope.map(|e| e.sender.as_ref().map_or("", |a| a.text.as_str())),
            last_recipient: envelope
                .and_then(|e| e.recipients.last())
                .map(|r| r.address.text.as_str()),
            data_lines: self.data_ended.take(),
            outputs,
        };
        let mut found = std::mem::take(&mut self.found);
        events::between(&before, &now, &details, &mut found);
        self.outputs.extend(found.drain(..).map(Output::Event));
        self.found = found;
        self.reported = self.outputs.len();
    }

    /// The next thing the driver must do, in order.
    pub fn poll_output(&mut self) -> Option<Output> {
        let output = self.outputs.pop_front()?;
        self.reported = self.reported.saturating_sub(1); // it indexes `outputs`
        Some(output)
    }

    fn tick_clock(&mut self, now: u64) {
        self.now = self.now.max(now);
        self.last_activity = self.now;
    }

    /// RFC 5321 §4.5.3.2.7: the server times out an idle client (Postfix `smtpd_timeout`).
    /// Postfix's hang-up after the hard error limit is also due on its own.
    fn on_tick(&mut self, now: u64) {
        self.now = self.now.max(now);
        if let Some(due) = self.hangup_at {
            if self.now >= due {
                self.hang_up();
            }
            return;
        }
        if self.state != State::TlsHandshake && self.now >= self.idle_deadline() {
            if let (State::Auth(exchange), SaslServer::Exim) =
                (&self.state, self.world.profile.behaviour().sasl)
            {
                // Exim's auth_get_data: the timed-out read ends the line, an empty one.
                return self.on_sasl_response(exchange.clone(), "");
            }
            self.verb = None;
            let in_message = matches!(self.state, State::Data(..) | State::BdatChunk { .. });
            self.reply(ReplyKind::Timeout { in_message });
        }
    }

    /// Postfix `smtpd_hard_error_limit`: the 421, at the time it was scheduled for.
    fn hang_up(&mut self) {
        let Some(due) = self.hangup_at.take() else {
            return;
        };
        self.verb = None;
        self.emit(ReplyKind::TooManyErrors, due.max(self.busy_until), true);
    }

    // ---- commands ----

    /// A command line: `raw` is its octets as they came, `line` them read as text.
    fn on_line(&mut self, line: &str, raw: &[u8]) {
        if self.errors >= self.world.limits.hard_errors {
            self.verb = None;
            return self.reply(ReplyKind::TooManyErrors); // Postfix smtpd_hard_error_limit
        }
        self.previous_verb = self.verb;
        let after_chunk = self.after_chunk.take();
        let mut parsed = command::parse_offered(line, self.world.policy.offered());
        if self.world.profile.behaviour().verb_needs_space
            && matches!(parsed, Parsed::Command(_) | Parsed::Invalid(..))
            && !crate::profiles::exim::verb_stands_alone(line)
        {
            parsed = Parsed::Unknown; // Exim: `NOOP\rQUIT` is no NOOP
        }
        if parsed == Parsed::Command(Command::Quit)
            && !self.world.profile.behaviour().quit_takes_arguments
            && line.split_ascii_whitespace().nth(1).is_some()
        {
            parsed = Parsed::Invalid(Verb::Quit, ReplyKind::NoArguments { verb: Verb::Quit });
            // Exim
        }
        if parsed == Parsed::Invalid(Verb::Bdat, ReplyKind::BdatSyntax)
            && self.world.profile.behaviour().exim_names_and_addresses
        {
            // Exim reads BDAT with sscanf("%u"): a leading size is enough; only LAST ends.
            let mut words = line.split_ascii_whitespace().skip(1);
            if let Some(size) = words.next().and_then(|w| w.parse::<u64>().ok()) {
                let last = words.next().is_some_and(|w| w.eq_ignore_ascii_case("LAST"));
                parsed = Parsed::Command(Command::Bdat { size, last });
            }
        }
        if parsed == Parsed::Invalid(Verb::Auth, ReplyKind::AuthSyntax)
            && self.world.profile.behaviour().exim_names_and_addresses
        {
            // Exim: the initial response is the rest of the line after the mechanism.
            let rest = line.get(4..).unwrap_or("").trim_start();
            if let Some((mechanism, initial)) = rest.split_once(|c: char| c.is_ascii_whitespace()) {
                parsed = Parsed::Command(Command::Auth {
                    mechanism: mechanism.to_string(),
                    initial: Some(initial.trim_start().to_string()),
                });
            }
        }
        self.verb = match &parsed {
            Parsed::Command(_) | Parsed::Invalid(..) => verb_of(&parsed),
            _ => None,
        };
        if let (Some(octets), None) = (after_chunk, self.verb) {
            // RFC 3030 §2: the chunk ended after exactly its octets; what came next (the
            // line end typed after them) was read as a command line.
            let empty = parsed == Parsed::Empty;
            self.facts.push(Fact::AfterChunk { octets, empty });
        }
        if self.sent_too_early() {
            return self.reply(ReplyKind::SyncError);
        }
        if self.too_many_nonmail() {
            return self.reply(ReplyKind::TooManyNonmail);
        }
        if self.verb == Some(Verb::Rcpt) {
            self.rcpts_tried += 1;
        }
        if self.verb.is_some_and(|verb| verb.spec().limit) {
            // Postfix smtpd_junk_command_limit: a client that only idles or probes runs
            // into the error limits too.
            self.junk += 1;
            self.junk_excess = self.junk > self.world.limits.junk_commands.saturating_add(1);
        }
        let behaviour = self.world.profile.behaviour();
        let checked_later = |verb: Verb| {
            behaviour.syntax_first && verb.spec().syntax_first && matches!(parsed, Parsed::Invalid(..))
        };
        let refused = self.verb.filter(|&verb| !checked_later(verb));
        if let Some((verb, kind)) = refused.and_then(|verb| self.refusal(verb).map(|kind| (verb, kind))) {
            if let Parsed::Command(Command::Bdat { size, .. }) = parsed {
                self.skip_chunk(size); // the refused chunk still comes: throw it away
            }
            // A command refused in every phase is no sequence error: no phase to explain.
            self.refusing = self.refused_everywhere(verb).as_ref() != Some(&kind);
            self.reply(kind);
            self.refusing = false;
            return;
        }
        let between_chunks =
            matches!(self.state, State::BdatWait(..)) && self.world.profile.behaviour().strict_between_chunks;
        if let (true, None) = (between_chunks, self.verb) {
            if let Some(kind) = self.between_chunks(None) {
                return self.reply(kind);
            }
        }
        let parsed = match self.exim_arguments(line, raw, parsed) {
            Ok(parsed) => parsed,
            Err(kind) => return self.reply(kind),
        };
        let unknown = || ReplyKind::Unrecognized {
            command: line.split_ascii_whitespace().next().unwrap_or("").to_string(),
        };
        match parsed {
            Parsed::Command(command) => self.on_command_or_rule(command),
            Parsed::Invalid(_, kind) => self.reply(kind),
            Parsed::Empty => self.reply(ReplyKind::BadSyntax),
            Parsed::Unknown => self.reply(unknown()),
            Parsed::Forbidden(line) if self.world.profile.hangs_up_on_headers() => {
                self.reply(ReplyKind::BreakRules { line })
            }
            Parsed::Forbidden(_) => self.reply(unknown()),
        }
    }

    /// A world's failure rule may answer instead of the command ([`crate::rules`]).
    fn on_command_or_rule(&mut self, command: Command) {
        let Some(verb) = self.verb.filter(|_| !self.world.rules.is_empty()) else {
            return self.on_command(command);
        };
        let address = match &command {
            Command::Mail(sender, _) => Some(sender.as_ref().map_or("", |a| a.text.as_str())),
            Command::Rcpt(address, _) => Some(address.text.as_str()),
            Command::Vrfy { address, .. } => Some(address.as_str()),
            _ => None,
        };
        let rng = &mut self.rng;
        let effect = rules::fire(&self.world.rules, &mut self.rule_hits, verb, address, || {
            rng.next()
        })
        .cloned();
        match effect {
            Some(Effect::Reply { code, enhanced, text }) => {
                if let Command::Bdat { size, .. } = command {
                    self.skip_chunk(size); // the chunk still comes: throw it away
                }
                self.reply(ReplyKind::Injected { code, enhanced, text })
            }
            Some(Effect::Disconnect) => {
                self.state = State::Closed;
                self.outputs.push_back(Output::Close);
            }
            Some(Effect::Delay { ms }) => {
                self.injected_delay = ms;
                self.on_command(command);
                self.injected_delay = 0;
            }
            None => self.on_command(command),
        }
    }

    /// The transition function: one arm per command, each citing its rule.
    fn on_command(&mut self, command: Command) {
        match command {
            Command::Helo(name) => self.on_helo(name, false), // RFC 5321 §4.1.1.1
            Command::Ehlo(name) => self.on_helo(name, true),  // RFC 5321 §4.1.1.1
            Command::Mail(sender, params) => self.on_mail(sender, params), // RFC 5321 §4.1.1.2
            Command::Rcpt(address, params) => self.on_rcpt(address, params), // RFC 5321 §4.1.1.3
            Command::Data => self.on_data(),                  // RFC 5321 §4.1.1.4
            Command::Bdat { size, last } => self.on_bdat(size, last), // RFC 3030 §2
            Command::Rset => self.on_rset(),                  // RFC 5321 §4.1.1.5
            Command::Noop => self.reply(ReplyKind::Ok),       // RFC 5321 §4.1.1.9
            Command::Quit => self.on_quit(),                  // RFC 5321 §4.1.1.10
            Command::Vrfy { argument, address } => self.on_vrfy(argument, &address), // RFC 5321 §3.5
            Command::Etrn(domain) => self.reply(ReplyKind::EtrnUnavailable { domain }), // RFC 1985
            Command::StartTls => self.on_starttls(),          // RFC 3207 §4
            Command::Auth { mechanism, initial } => self.on_auth(&mechanism, initial.as_deref()), // RFC 4954 §4
            // Known but not carried out by Postfix (refused before this); Exim answers them.
            Command::Unimplemented(Verb::Help) => self.reply(ReplyKind::Help),
            Command::Unimplemented(Verb::Expn) => self.reply(ReplyKind::ExpnRefused),
            Command::Unimplemented(verb) => self.reply(ReplyKind::Unrecognized {
                command: verb.name().into(),
            }), // RFC 5321 §4.2.4
        }
    }

    /// HELO/EHLO start the session over (RFC 5321 §4.1.4).
    fn on_helo(&mut self, name: String, extended: bool) {
        if self.world.profile.behaviour().exim_names_and_addresses && !crate::profiles::exim::helo_ok(&name) {
            return self.reply(ReplyKind::HeloSyntax { ehlo: extended }); // Exim's check_helo
        }
        self.state = State::Command(None);
        self.rcpt_refused = None;
        self.rcpts_tried = 0;
        self.helo = Some(Helo { name, extended });
        if !extended {
            return self.reply(ReplyKind::Helo);
        }
        let extensions = self.extensions();
        self.reply(ReplyKind::Ehlo { extensions })
    }

    /// Postfix's EHLO keywords, in its order.
    fn extensions(&self) -> Vec<std::borrow::Cow<'static, str>> {
        let world = &self.world;
        world
            .profile
            .ehlo_keywords(&world.policy, self.tls, world.limits.message_size)
    }

    fn on_mail(&mut self, sender: ReversePath, params: MailParams) {
        self.rcpts_tried = 0; // Exim resets the message before it reads MAIL's arguments
        if params
            .size
            .is_some_and(|size| size > self.world.limits.message_size)
        {
            return self.reply(ReplyKind::SizeExceeded); // RFC 1870 §6.1
        }
        let ehlo = self.helo.as_ref().is_some_and(|h| h.extended);
        if params.smtputf8
            && self.world.profile.behaviour().extensions_need_ehlo
            && !(ehlo && self.extensions().iter().any(|e| e == "SMTPUTF8"))
        {
            return self.reply(ReplyKind::NotAdvertised {
                extension: "SMTPUTF8".into(),
            }); // Exim
        }
        if self.world.policy.auth_required && self.user.is_none() {
            // RFC 6409 §4.3: a submission server sends only for users who logged in.
            let sender = sender.as_ref().map_or(String::new(), |a| a.text.clone());
            return self.reply(ReplyKind::AuthRequired { sender });
        }
        self.state = State::Command(Some(Envelope {
            sender,
            params,
            recipients: Vec::new(),
            prepend: Vec::new(),
        }));
        self.reply(ReplyKind::MailOk)
    }

    fn on_rcpt(&mut self, address: Address, params: RcptParams) {
        let State::Command(Some(envelope)) = &self.state else {
            return self.reply(ReplyKind::NeedMail);
        };
        let accepted = envelope.recipients.len();
        let limit = self.world.profile.behaviour().bad_rcpt_limit;
        if limit.is_some_and(|limit| self.rcpts_tried > limit && (accepted as u32) < self.rcpts_tried / 2) {
            return self.reply(ReplyKind::TooManyBadRecipients); // Debian's acl_check_rcpt
        }
        if envelope.recipients.len() >= self.world.limits.recipients {
            return self.reply(ReplyKind::TooManyRecipients); // RFC 5321 §4.5.3.1.10
        }
        // Postfix: relay restrictions first, then the policy service, then unknown users.
        let routed = self.route(&address.local, address.domain.as_deref());
        if let Err(kind @ ReplyKind::RelayDenied { .. }) = routed {
            return self.reply(kind);
        }
        if let Some(delay) = self.world.policy.greylisting {
            if let Err(kind) = self.greylist(&address, delay) {
                return self.reply(kind);
            }
        }
        let mailboxes = match routed {
            Ok(mailboxes) => mailboxes,
            Err(kind) => return self.reply(kind),
        };
        if let State::Command(Some(envelope)) = &mut self.state {
            envelope.recipients.push(Recipient {
                address,
                params,
                mailboxes,
            });
        }
        self.reply(ReplyKind::RcptOk)
    }

    /// postgrey as Postfix's policy service: defers a first attempt, and marks the message
    /// that gets through after the delay with its `X-Greylist` header.
    fn greylist(&mut self, address: &Address, delay: u64) -> Result<(), ReplyKind> {
        let State::Command(Some(envelope)) = &mut self.state else {
            return Ok(());
        };
        let sender = envelope.sender.as_ref().map_or("", |a| a.text.as_str());
        match rules::greylist(&mut self.world.greylist, sender, &address.text, self.now, delay) {
            Err(()) => Err(ReplyKind::Greylisted {
                address: address.text.clone(),
                domain: address
                    .domain
                    .clone()
                    .unwrap_or_else(|| self.world.origin.clone()),
            }),
            Ok(Some(secs)) => {
                envelope.prepend.push(format!(
                    "X-Greylist: delayed {secs} seconds by postgrey-1.37 at {}; {}",
                    self.world.hostname,
                    delivery::postgrey_date(self.now)
                ));
                Ok(())
            }
            Ok(None) => Ok(()),
        }
    }

    /// Where mail for `local@domain` goes: local mailboxes, relay (empty), or a rejection.
    fn route(&self, local: &str, domain: Option<&str>) -> Result<Vec<String>, ReplyKind> {
        let text = || match domain {
            Some(domain) => format!("{local}@{domain}"),
            None => local.to_string(),
        };
        if domain.is_none_or(|d| self.world.is_local_domain(d)) {
            let name = local.trim_matches('"');
            // Postfix's recipient_delimiter: alice+news is alice. Debian's Exim has none.
            let name = match self.world.profile.behaviour().exim_names_and_addresses {
                true => name,
                false => name.split('+').next().unwrap_or(name),
            };
            return self
                .world
                .resolve_local(name)
                .ok_or_else(|| ReplyKind::UserUnknown { address: text() });
        }
        if self.user.is_some() && self.world.policy.relay_when_authenticated {
            return Ok(Vec::new()); // permit_sasl_authenticated
        }
        Err(ReplyKind::RelayDenied { address: text() }) // defer_unauth_destination
    }

    fn on_data(&mut self) {
        let State::Command(Some(envelope)) = std::mem::replace(&mut self.state, State::Closed) else {
            unreachable!("sequence_error lets DATA through only inside a transaction");
        };
        match Ready::new(envelope) {
            Ok(ready) => {
                let records = Records::new(self.world.limits.line_length);
                let body = Body {
                    records: Some(records),
                    ..Body::default()
                };
                self.state = State::Data(ready, body);
                self.reply(ReplyKind::StartData)
            }
            Err(envelope) => {
                self.state = State::Command(Some(envelope));
                self.reply(ReplyKind::NoValidRecipients {
                    last: None,
                    pipelined: false,
                })
            }
        }
    }

    fn end_of_data(&mut self) {
        let State::Data(ready, body) = std::mem::replace(&mut self.state, State::Command(None)) else {
            return;
        };
        self.data_ended = Some(body.lines);
        self.finish_message(ready, body, |bytes, queue_id| ReplyKind::Queued {
            queue_id,
            bytes,
        });
    }

    fn on_bdat(&mut self, size: u64, last: bool) {
        // `refusal` lets BDAT through only with recipients; the other arms answer as it
        // would, so that a mistake here costs a reply, not a panic.
        let (ready, body) = match std::mem::replace(&mut self.state, State::Command(None)) {
            State::BdatWait(ready, body) => (ready, body),
            State::Command(Some(envelope)) => match Ready::new(envelope) {
                Ok(ready) => (ready, Body::default()),
                Err(envelope) => {
                    self.state = State::Command(Some(envelope));
                    self.skip_chunk(size);
                    return self.reply(ReplyKind::NoValidRecipients {
                        last: None,
                        pipelined: false,
                    });
                }
            },
            state => {
                self.state = state;
                self.skip_chunk(size);
                return self.reply(ReplyKind::NeedRcpt);
            }
        };
        let body = Body {
            chunk_from: body.size,
            ..body
        };
        let oversized = body.size.saturating_add(size) > self.world.limits.message_size;
        self.after_chunk = (size > 0).then_some(size);
        self.state = State::BdatChunk {
            ready,
            body,
            remaining: size,
            last,
            oversized,
        };
        if size == 0 {
            self.end_of_chunk();
        }
    }

    fn end_of_chunk(&mut self) {
        let State::BdatChunk {
            ready,
            body,
            last,
            oversized,
            ..
        } = std::mem::replace(&mut self.state, State::Command(None))
        else {
            return;
        };
        if oversized {
            // Postfix's skip_bdat: the last chunk ends the transaction. (After another one,
            // Postfix would throw away every chunk up to BDAT LAST: not modelled.)
            if !last {
                self.state = State::BdatWait(ready, body);
            }
            return self.reply(ReplyKind::ChunkTooBig);
        }
        let exim_header = self.world.profile.behaviour().bdat_reads_header;
        if exim_header && body.first_line == Some(FirstLine::Header { crlf: false }) {
            // receive.c: the message is abandoned; the transaction with it.
            return self.reply(ReplyKind::HeaderNotCrlf);
        }
        let chunk = body.size - body.chunk_from;
        // Exim's total is `message_size + message_linecount`: a first line that is no
        // header is counted as a header line, then again as the body's first line.
        let recounted = u64::from(exim_header && body.first_line == Some(FirstLine::Text));
        if last {
            return self.finish_message(ready, body, |bytes, queue_id| ReplyKind::BdatQueued {
                bytes: bytes + recounted,
                queue_id,
                chunk,
            });
        }
        let bytes = chunk;
        self.state = State::BdatWait(ready, body);
        self.chunk_refused = false;
        self.reply(ReplyKind::BdatChunkOk { bytes })
    }

    fn on_quit(&mut self) {
        let lost =
            matches!(self.state, State::BdatWait(..)) && self.world.profile.behaviour().strict_between_chunks;
        self.reply(ReplyKind::Bye);
        if lost && self.outputs.back() == Some(&Output::Close) {
            // Exim: the message reader, waiting for the next chunk, finds the input gone.
            self.outputs.pop_back();
            if let Some(Output::Reply { reply, .. }) = self.outputs.back_mut() {
                reply.closes = false; // the 421 that follows closes
            }
            self.verb = None;
            self.reply(ReplyKind::ConnectionLost { in_message: true });
        }
    }

    fn on_rset(&mut self) {
        self.state = State::Command(None);
        self.rcpt_refused = None;
        self.rcpts_tried = 0;
        self.reply(ReplyKind::Reset)
    }

    fn on_vrfy(&mut self, argument: String, address: &str) {
        if self.world.profile.behaviour().exim_names_and_addresses {
            // Exim read the address already (`exim_arguments`); its VRFY ACL says no.
            return self.reply(ReplyKind::CannotVerify { argument });
        }
        let (local, domain) = match address.rsplit_once('@') {
            Some((local, domain)) => (local, Some(domain)),
            None => (address, None),
        };
        match self.route(local, domain) {
            Ok(_) => self.reply(ReplyKind::CannotVerify { argument }),
            Err(kind) => self.reply(kind),
        }
    }

    fn on_starttls(&mut self) {
        self.reply(ReplyKind::ReadyForTls);
        self.state = State::TlsHandshake;
        self.outputs.push_back(Output::StartTls);
    }

    /// RFC 3207 §4.2: after the handshake the session starts over, without a greeting.
    fn on_tls_established(&mut self) {
        self.tls = true;
        self.helo = None;
        self.state = State::Command(None);
        self.input.clear();
    }

    fn on_auth(&mut self, mechanism: &str, initial: Option<&str>) {
        let offered = |m: &Mechanism| self.world.profile.mechanisms().contains(&m.name());
        let Some(mechanism) = Mechanism::parse(mechanism).filter(offered) else {
            let name = mechanism.to_string();
            return self.reply(ReplyKind::UnknownMechanism { name });
        };
        let challenge = format!(
            "<{}.{}@{}>",
            self.rng.next() % 10_000_000_000,
            self.now / 1000 % 1_000_000,
            self.world.hostname
        );
        self.mechanism = Some(mechanism);
        let step = mechanism.start(initial, &self.world, challenge);
        self.on_sasl_step(step);
    }

    /// RFC 4954 §4: the client's answer to a 334.
    fn on_sasl_response(&mut self, exchange: Exchange, line: &str) {
        self.state = State::Command(None);
        self.verb = Some(Verb::Auth);
        let step = exchange.respond(line, &self.world);
        self.on_sasl_step(step);
    }

    fn on_sasl_step(&mut self, step: Step) {
        let passwords = self
            .mechanism
            .is_none_or(|m| self.world.profile.accepts_password(m));
        match step {
            // Microsoft 365: the whole exchange runs, then no password is good.
            Step::Success(_) | Step::Failure(AuthFailure::Credentials) if !passwords => {
                self.reply(ReplyKind::BasicAuthDisabled)
            }
            Step::Challenge(challenge, exchange) => {
                self.state = State::Auth(exchange);
                self.reply(ReplyKind::AuthChallenge { challenge })
            }
            Step::Success(user) => {
                self.user = Some(user);
                self.reply(ReplyKind::AuthOk)
            }
            Step::Failure(reason) => self.reply(ReplyKind::AuthFailed { reason }),
            Step::Aborted => self.reply(ReplyKind::AuthAborted),
            Step::Unexpected => self.reply(ReplyKind::InitialDataNotExpected),
        }
    }

    // ---- replies ----

    /// The one way out for replies: counts errors, tarpits, hangs up (Postfix
    /// `smtpd_chat_reply`), and attaches bad-sequence context.
    fn reply(&mut self, kind: ReplyKind) {
        let kind = self.past_the_limits(kind);
        let delay = self.tarpit_delay().saturating_add(self.injected_delay);
        let due = self.now.max(self.busy_until).saturating_add(delay);
        self.emit(kind, due, delay > 0)
    }

    /// Postfix `smtpd_error_sleep_time`: the delay before every reply once the client has
    /// made `smtpd_soft_error_limit` errors.
    fn tarpit_delay(&self) -> u64 {
        if self.errors >= self.world.limits.soft_errors {
            self.world.limits.error_delay_ms
        } else {
            0
        }
    }

    /// A refused BDAT's chunk still comes: its octets are read and thrown away.
    fn skip_chunk(&mut self, size: u64) {
        self.skip = size;
        self.after_chunk = (size > 0).then_some(size);
    }

    /// What the engine knows about the reply being made besides its kind: the limits that
    /// counted it or that it reports, and its delay (Postfix `smtpd_chat_reply`).
    fn facts(&mut self, kind: &ReplyKind, junk_excess: bool) -> Vec<Fact> {
        let mut facts = std::mem::take(&mut self.facts);
        let limits = self.world.limits;
        let error_limits = self.world.profile.behaviour().error_limits;
        if junk_excess && error_limits == ErrorLimits::Postfix {
            let limit = limits.junk_commands;
            // `on_line` counts from the junk command after the one past the limit, as
            // Postfix's `junk_cmds++ > limit` does.
            let first = self.junk == limit.saturating_add(2);
            facts.push(Fact::JunkCommand { limit, first });
        }
        let delay_ms = self.tarpit_delay();
        if delay_ms > 0 {
            let (errors, soft) = (self.errors, limits.soft_errors);
            facts.push(Fact::Tarpit {
                errors,
                soft,
                delay_ms,
            });
        }
        if *kind == ReplyKind::TooManyErrors {
            facts.push(match error_limits {
                ErrorLimits::Postfix => Fact::HardErrorLimit {
                    errors: self.errors,
                    limit: limits.hard_errors,
                },
                ErrorLimits::Exim { unknown, .. } => Fact::UnknownCommandLimit { limit: unknown },
            });
        }
        facts
    }

    /// Exim reads the arguments of MAIL, RCPT and VRFY with its own rules
    /// (`exim::read_envelope`, `exim::address_error`): the command as it takes it, or its
    /// refusal. Other lines and profiles pass through.
    fn exim_arguments(&self, line: &str, raw: &[u8], parsed: Parsed) -> Result<Parsed, ReplyKind> {
        use crate::profiles::exim;
        if !self.world.profile.behaviour().exim_names_and_addresses {
            return Ok(parsed);
        }
        if self.verb == Some(Verb::Vrfy) {
            // smtp_in.c: `501 ERROR`, naming the argument only when it lacks a domain, in
            // the octets the client sent.
            let argument = line.get(4..).unwrap_or("").trim().to_string();
            return match exim::address_error(&argument, true) {
                Ok(address) => Ok(Parsed::Command(Command::Vrfy { argument, address })),
                Err(error) if error.ends_with("must contain a domain") => {
                    let sent = raw.get(4..).unwrap_or_default().trim_ascii();
                    let text = [sent, b": ", error.as_bytes()].concat().into();
                    Err(ReplyKind::AddressError { text })
                }
                Err(text) => Err(ReplyKind::AddressError { text: text.into() }),
            };
        }
        if !matches!(self.verb, Some(Verb::Mail | Verb::Rcpt)) {
            return Ok(parsed);
        }
        let esmtp = self.helo.as_ref().is_some_and(|h| h.extended);
        let Some((text, params)) = exim::read_envelope(line, esmtp).transpose()? else {
            return Ok(parsed);
        };
        let address = (!text.is_empty()).then(|| {
            command::parse_address(&text).unwrap_or_else(|| {
                let (local, domain) = text
                    .rsplit_once('@')
                    .map_or((text.as_str(), None), |(l, d)| (l, Some(d)));
                Address {
                    text: text.clone(),
                    local: local.trim_matches('"').to_string(),
                    domain: domain.map(str::to_string),
                }
            })
        });
        Ok(match (parsed, address) {
            (parsed @ Parsed::Command(Command::Rcpt(..)), _) => parsed,
            (_, Some(address)) if self.verb == Some(Verb::Rcpt) => {
                Parsed::Command(Command::Rcpt(address, RcptParams::default()))
            }
            (_, address) => Parsed::Command(Command::Mail(address, params)),
        })
    }

    /// Exim's synchronization check (smtp_read_command): once DATA or BDAT has come (no
    /// more PIPECONNECT), a command that must be answered before the next one, or an
    /// unknown one, with more input already behind it, was sent too early.
    fn sent_too_early(&mut self) -> bool {
        if !self.world.profile.behaviour().enforces_sync || matches!(self.state, State::BdatWait(..)) {
            return false;
        }
        let early = self.checks_sync && self.input_behind && {
            let pipelining = self.world.policy.pipelining && self.helo.as_ref().is_some_and(|h| h.extended);
            crate::profiles::exim::synchronizes(self.verb, pipelining)
        };
        self.checks_sync |= matches!(self.verb, Some(Verb::Data | Verb::Bdat));
        early
    }

    /// Exim's `smtp_accept_max_nonmail`, counted as it reads each known command (smtp_in.c:
    /// the first HELO or EHLO, RSET, STARTTLS and AUTH of each message are free).
    fn too_many_nonmail(&mut self) -> bool {
        let ErrorLimits::Exim { nonmail, .. } = self.world.profile.behaviour().error_limits else {
            return false;
        };
        let free = match self.verb {
            None | Some(Verb::Mail | Verb::Rcpt | Verb::Data | Verb::Bdat | Verb::Quit) => return false,
            Some(Verb::Helo | Verb::Ehlo) => 1,
            Some(Verb::Rset) => 2,
            Some(Verb::StartTls) => 4,
            Some(Verb::Auth) => 8,
            Some(_) => 0,
        };
        if free != 0 && self.nonmail_used & free == 0 {
            self.nonmail_used |= free;
            return false;
        }
        self.nonmail += 1;
        self.nonmail > nonmail
    }

    /// Exim's limits (`ErrorLimits::Exim`): an unknown command past the limit is answered
    /// with the goodbye; a syntax or protocol error past its limit gets the goodbye added.
    fn past_the_limits(&mut self, kind: ReplyKind) -> ReplyKind {
        let ErrorLimits::Exim { unknown, synprot, .. } = self.world.profile.behaviour().error_limits else {
            return kind;
        };
        if matches!(
            kind,
            ReplyKind::Unrecognized { .. }
                | ReplyKind::BadSyntax
                | ReplyKind::BadUtf8
                | ReplyKind::BreakRules { .. }
                | ReplyKind::MailSyntax
                | ReplyKind::RcptSyntax
        ) {
            self.unknown += 1;
            if self.unknown > unknown {
                return ReplyKind::TooManyErrors;
            }
        }
        if matches!(self.word(kind.clone()).code, 500 | 501 | 503) {
            self.synprot += 1;
            if self.synprot > synprot {
                return ReplyKind::TooManySyntaxErrors { last: Box::new(kind) };
            }
        }
        kind
    }

    /// Queues a reply written at `due`; a delayed one (`flushes`) takes the replies still
    /// in the output buffer with it. Schedules the hang-up at the hard error limit.
    fn emit(&mut self, kind: ReplyKind, due: u64, flushes: bool) {
        let junk_excess = std::mem::take(&mut self.junk_excess);
        let facts = self.facts(&kind, junk_excess);
        let mut reply = Reply::new(kind, self.world.profile, &self.voice());
        reply.answers = self.verb;
        reply.facts = facts;
        if self.refusing {
            if let Some(got) = self.verb {
                reply.sequence = Some(SequenceContext {
                    phase: self.phase(),
                    got,
                    accepted: self.accepted_verbs(),
                });
            }
        }
        self.errors += u32::from(reply.is_error()) + u32::from(junk_excess);
        if self.verb == Some(Verb::Rcpt)
            && reply.is_error()
            && self.world.profile.behaviour().repeats_rcpt_refusal
        {
            // Exim keeps an ACL's message, and a protocol error with its code.
            let code = reply.code.to_string();
            let code = matches!(reply.code, 500 | 501 | 503).then_some(code.as_bytes());
            let lines: Vec<&[u8]> = code.into_iter().chain(reply.text().raw_lines()).collect();
            self.rcpt_refused = Some(lines.join(&b' ').into());
        }
        if matches!(self.state, State::BdatWait(..)) {
            self.chunk_refused |= reply.kind == ReplyKind::DataAfterBdat;
        }
        let closes = reply.closes;
        if flushes {
            let buffered = self.outputs.iter_mut().rev().filter_map(|o| match o {
                Output::Reply { due, .. } => Some(due),
                _ => None,
            });
            buffered.take(self.unflushed).for_each(|d| *d = due);
            self.unflushed = 0;
        } else {
            self.unflushed += 1;
        }
        self.busy_until = due;
        self.outputs.push_back(Output::Reply { reply, due });
        if closes {
            self.state = State::Closed;
            self.hangup_at = None;
            self.outputs.push_back(Output::Close);
        } else if self.errors >= self.world.limits.hard_errors && self.hangup_at.is_none() {
            let delay = if self.errors >= self.world.limits.soft_errors {
                self.world.limits.error_delay_ms
            } else {
                0
            };
            self.hangup_at = Some(due.saturating_add(delay));
        }
    }
}

fn verb_of(parsed: &Parsed) -> Option<Verb> {
    match parsed {
        Parsed::Invalid(verb, _) => Some(*verb),
        Parsed::Command(command) => Some(match command {
            Command::Helo(_) => Verb::Helo,
            Command::Ehlo(_) => Verb::Ehlo,
            Command::Mail(..) => Verb::Mail,
            Command::Rcpt(..) => Verb::Rcpt,
            Command::Data => Verb::Data,
            Command::Bdat { .. } => Verb::Bdat,
            Command::Rset => Verb::Rset,
            Command::Noop => Verb::Noop,
            Command::Quit => Verb::Quit,
            Command::Vrfy { .. } => Verb::Vrfy,
            Command::Etrn(_) => Verb::Etrn,
            Command::StartTls => Verb::StartTls,
            Command::Auth { .. } => Verb::Auth,
            Command::Unimplemented(verb) => *verb,
        }),
        _ => None,
    }
}
