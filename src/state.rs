//! The lab's state and its reducer. `reduce` delegates to the engine: it feeds inputs and
//! turns the engine's outputs into transcript entries. Side effects (storage, clipboard,
//! downloads) live in components, never here.

use std::rc::Rc;

use smtplab_engine::reply::Fact;
use smtplab_engine::sasl::Exchange;
use smtplab_engine::{Event, Input, Output, Peer, Phase, Reply, Session, State, Verb, World};

/// How many [`Happened`] items a lab keeps for observers that have not seen them yet.
const HAPPENED_KEPT: usize = 64;
/// A lab keeps a copy of itself every this many steps ([`Checkpoints`]): rebuilding a
/// past step replays at most this many less one, from the copy at or before it.
pub const CHECKPOINT_EVERY: usize = 25;
use yew::Reducible;

use crate::entries::Entries;
use crate::i18n::Note;
use crate::note;

/// One item of the transcript.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A line the learner sent (without CRLF).
    Client { text: String, at: u64, tls: bool },
    /// A whole reply, multi-line replies grouped.
    Server { reply: Reply, at: u64, tls: bool },
    /// Something that happened to the connection: TLS, a delivery, a close, a note.
    Event { note: Note, at: u64 },
    /// What the engine says happened (not drawn in the console; the diagrams read it).
    Session { event: Event, at: u64 },
}

impl Entry {
    /// When it happened, on the lab's clock.
    pub fn at(&self) -> u64 {
        match self {
            Entry::Client { at, .. }
            | Entry::Server { at, .. }
            | Entry::Event { at, .. }
            | Entry::Session { at, .. } => *at,
        }
    }
}

/// Something that happened in the session, typed, for observers such as the embedding
/// API. Built from the engine's outputs and its phase, never from a reply's text.
#[derive(Clone, Debug, PartialEq)]
pub enum Happened {
    /// A reply, and the line whose input produced it (`None` for the greeting, a
    /// pipelined chunk, or a handshake).
    Reply { reply: Reply, command: Option<String> },
    /// What the engine says happened.
    Session(Event),
    Delivered {
        queue_id: String,
        /// The local user; `None` when relayed.
        mailbox: Option<String>,
        from: String,
        recipients: Vec<String>,
        bytes: usize,
    },
}

/// The side panels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Panel {
    #[default]
    Explain,
    Commands,
    Codes,
    Auth,
    Mailboxes,
    Settings,
    Lessons,
}

/// Everything the learner sees. What is kept across reloads is where it started and the
/// steps (`crate::storage`): replaying them rebuilds the rest.
#[derive(Clone, Debug)]
pub struct Lab {
    pub session: Session,
    pub seed: u64,
    pub entries: Entries,
    /// Lines sent, oldest first, for Up/Down (shared: copying a lab copies pointers).
    pub history: Vec<Rc<str>>,
    /// The selected server entry, whose explanation is shown.
    pub selected: Option<usize>,
    pub panel: Panel,
    /// The last phase change, for the state diagram's highlight.
    pub last_transition: Option<(Phase, Phase)>,
    /// Where the recording starts: the world and seed of the first session, and when.
    pub origin: (World, u64, u64),
    /// Everything the learner did, in order: replaying it from `origin` rebuilds the lab
    /// at any step (the engine is deterministic).
    pub steps: Vec<Step>,
    /// While stepping back: the step shown and the lab as it was then.
    pub view: Option<(usize, Box<Lab>)>,
    /// How far the lab's clock runs ahead of the wall clock: the time the learner let
    /// pass ([`Step::Wait`]). Derived from the steps.
    pub ahead_ms: u64,
    /// A message for the learner that is not part of the session (e.g. storage recovered).
    pub notice: Option<Note>,
    /// What happened lately, for observers (the embedding API); not saved.
    pub happened: Happenings,
    /// The lesson being followed, graded from every engine output (`crate::lessons`).
    pub grading: Option<Box<crate::lessons::Grading>>,
    /// Copies of this lab along its steps, for [`Lab::replayed`]; derived from the
    /// steps, so never compared or saved.
    pub checkpoints: Checkpoints,
    /// Right after a step branched from a past one: the lab before it, later steps and
    /// all, for [`Action::Undo`]. Gone at the next step; never compared or saved.
    pub undo: Option<Rc<Lab>>,
}

/// Copies of a lab after every [`CHECKPOINT_EVERY`] steps, oldest first: the `i`th is the
/// lab after `(i + 1) * CHECKPOINT_EVERY` steps, exactly as replaying them from the
/// origin would make it (no steps, view, selection or notice of its own). Consecutive
/// labs share the list; a new copy clones only the list of pointers.
#[derive(Clone, Default)]
pub struct Checkpoints(Rc<Vec<Rc<Lab>>>);

impl std::fmt::Debug for Checkpoints {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Checkpoints({})", self.0.len())
    }
}

impl Checkpoints {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first `count` copies.
    fn first(&self, count: usize) -> Checkpoints {
        match count >= self.0.len() {
            true => self.clone(),
            false => Checkpoints(Rc::new(self.0[..count].to_vec())),
        }
    }
}

/// Equal labs hold the same session, transcript, steps and view. Yew compares the lab
/// before every render of every component that takes it, so the fields that tell two
/// consecutive labs apart come first: comparing two sessions' mailboxes is slow.
impl PartialEq for Lab {
    fn eq(&self, other: &Lab) -> bool {
        if std::ptr::eq(self, other) {
            return true;
        }
        let cheap = |lab: &Lab| {
            (
                lab.entries.len(),
                lab.steps.len(),
                lab.selected,
                lab.panel,
                lab.seed,
                lab.last_transition,
                lab.history.len(),
            )
        };
        cheap(self) == cheap(other)
            && self.notice == other.notice
            && self.grading == other.grading
            && self.view == other.view
            && self.origin == other.origin
            && self.history == other.history
            && self.steps == other.steps
            && self.entries == other.entries
            && self.session == other.session
    }
}

/// The latest [`Happened`] items (at most `HAPPENED_KEPT`, newest last) and how many
/// there have been, so that an observer who remembers the count sees each one once.
///
/// A log for observers, not part of the lab: two labs that differ only here are equal.
#[derive(Clone, Debug, Default)]
pub struct Happenings {
    kept: Vec<Happened>,
    total: u64,
}

impl PartialEq for Happenings {
    fn eq(&self, _: &Happenings) -> bool {
        true
    }
}

impl Happenings {
    /// How many things have happened so far: the sequence number of the next.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Those after the first `seen`, oldest first (as far as they are still kept).
    pub fn since(&self, seen: u64) -> &[Happened] {
        let first = self.total - self.kept.len() as u64;
        let skip = seen.saturating_sub(first).min(self.kept.len() as u64);
        &self.kept[skip as usize..]
    }

    pub fn last(&self) -> Option<&Happened> {
        self.kept.last()
    }

    fn push(&mut self, what: Happened) {
        if self.kept.len() == HAPPENED_KEPT {
            self.kept.remove(0);
        }
        self.kept.push(what);
        self.total += 1;
    }

    /// Forgets what is kept but goes on counting from `total` (a replay is not news).
    fn restart_at(&mut self, total: u64) {
        self.kept.clear();
        self.total = total;
    }
}

/// What the page asks of the lab: a step of the session ([`Step`], recorded and replayed),
/// or a change of view.
pub enum Action {
    /// Something the learner did to the session (times on the wall clock: the reducer
    /// moves them to the lab's clock).
    Do(Step),
    Select(Option<usize>),
    Open(Panel),
    DismissNotice,
    /// Shows a message that is not part of the session.
    Notify(Note),
    /// The current world's users, spoken to by another server (its preset world, see
    /// `World::switch_profile`): a new session starts.
    SetProfile {
        profile: smtplab_engine::world::Profile,
        now: u64,
    },
    /// Replaces the whole lab (a lab file opened, or the learner's own lab brought back).
    Replace(Box<Lab>),
    /// Takes back the step that branched from a past one: the later steps come back.
    Undo,
    /// Shows the lab as it was after this many steps; `None` returns to the live end.
    View(Option<usize>),
    /// Time passes with nothing sent (the app dispatches it on a timer): whatever the
    /// server does on its own by `now` happens, at the time it was due (Postfix's 421
    /// after the error limit, the idle timeout). Replays tick the same way before each
    /// step, so nothing needs recording.
    Tick {
        now: u64,
    },
}

/// One recorded thing the learner did: what changes the session. Replaying the steps
/// from the lab's origin rebuilds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// One line, CRLF appended.
    Send { line: String, now: u64 },
    /// Several lines pasted at once: one pipelined chunk, CRLF after each. Shared: every
    /// lab after this step holds it, and copying a lab copies its steps.
    Pipelined { lines: Rc<[String]>, now: u64 },
    /// A DATA body from the composer: dot-stuffed with CRLF and the final dot, or raw.
    Message { text: String, raw: bool, now: u64 },
    /// The client side of the TLS handshake, after a 220 to STARTTLS (simulated).
    Handshake { now: u64 },
    /// A new session with the same world (Connect / Reconnect).
    Connect { now: u64 },
    /// The client hangs up.
    Disconnect { now: u64 },
    /// Empties the transcript (the session goes on).
    Clear,
    /// A new world (and seed): a new session starts.
    World { world: Box<World>, seed: u64, now: u64 },
    /// The learner lets `ms` pass on the lab's clock at once from `now`, sending nothing:
    /// the greylisting delay, the idle timeout.
    Wait { ms: u64, now: u64 },
}

impl Step {
    /// When it happened (simulated ms); `Clear` has no time.
    pub fn time(&self) -> Option<u64> {
        match self {
            Step::Send { now, .. }
            | Step::Pipelined { now, .. }
            | Step::Message { now, .. }
            | Step::Handshake { now }
            | Step::Connect { now }
            | Step::Disconnect { now }
            | Step::World { now, .. }
            | Step::Wait { now, .. } => Some(*now),
            Step::Clear => None,
        }
    }

    /// The step with its time moved by `clock` (from the wall clock to the lab's).
    fn on_clock(mut self, clock: impl Fn(u64) -> u64) -> Step {
        match &mut self {
            Step::Send { now, .. }
            | Step::Pipelined { now, .. }
            | Step::Message { now, .. }
            | Step::Handshake { now }
            | Step::Connect { now }
            | Step::Disconnect { now }
            | Step::World { now, .. }
            | Step::Wait { now, .. } => *now = clock(*now),
            Step::Clear => {}
        }
        self
    }
}

impl Lab {
    /// A lab connected to a fresh session of the reference world.
    pub fn connected(now: u64, seed: u64) -> Lab {
        Lab::with_world(World::reference(), seed, now)
    }

    pub fn with_world(world: World, seed: u64, now: u64) -> Lab {
        Lab::graded(world, seed, now, None)
    }

    /// A lab whose session a lesson grades from its first output (the greeting) on.
    pub fn graded(world: World, seed: u64, now: u64, grading: Option<Box<crate::lessons::Grading>>) -> Lab {
        let mut lab = Lab {
            session: Session::new(world.clone(), seed),
            seed,
            entries: Entries::default(),
            history: Vec::new(),
            selected: None,
            panel: Panel::Explain,
            last_transition: None,
            origin: (world.clone(), seed, now),
            steps: Vec::new(),
            view: None,
            ahead_ms: 0,
            notice: None,
            happened: Happenings::default(),
            grading,
            checkpoints: Checkpoints::default(),
            undo: None,
        };
        lab.connect(now);
        lab
    }

    /// The lab to show: the live one, or the one at the step being viewed.
    pub fn shown(&self) -> &Lab {
        self.view.as_ref().map_or(self, |(_, lab)| lab)
    }

    /// The lab as it was after the first `count` steps, rebuilt by replaying them from
    /// the last checkpoint at or before `count` (or from the origin). The steps replayed
    /// leave checkpoints too, so a lab rebuilt from its origin has them all.
    pub fn replayed(&self, count: usize) -> Lab {
        let count = count.min(self.steps.len());
        let kept = (count / CHECKPOINT_EVERY).min(self.checkpoints.len());
        let Some(copy) = kept.checked_sub(1).map(|i| &self.checkpoints.0[i]) else {
            return self.replayed_from_origin(count);
        };
        let mut lab = Lab::clone(copy);
        lab.checkpoints = self.checkpoints.first(kept);
        lab.steps = self.steps[..kept * CHECKPOINT_EVERY].to_vec();
        self.replay_onto(lab, count)
    }

    /// [`Lab::replayed`] without checkpoints: every step replayed from the origin.
    pub fn replayed_from_origin(&self, count: usize) -> Lab {
        let (world, seed, now) = self.origin.clone();
        let grading = self.grading.as_ref().map(|g| Box::new(g.restarted()));
        self.replay_onto(
            Lab::graded(world, seed, now, grading),
            count.min(self.steps.len()),
        )
    }

    /// Replays this lab's steps after `lab`'s own, up to `count`.
    fn replay_onto(&self, mut lab: Lab, count: usize) -> Lab {
        for step in &self.steps[lab.steps.len()..count] {
            lab.steps.push(step.clone());
            lab.apply(step.clone());
            lab.checkpoint();
        }
        lab.origin = self.origin.clone();
        lab.panel = self.panel;
        // What the replay did has happened before: observers must not see it again.
        lab.happened.restart_at(self.happened.total());
        lab
    }

    /// Keeps a copy of the lab when its steps reach the next multiple of
    /// [`CHECKPOINT_EVERY`]: called right after a step, before any tick, when the lab is
    /// what a replay would make it.
    fn checkpoint(&mut self) {
        let count = self.steps.len();
        if count == 0
            || count % CHECKPOINT_EVERY != 0
            || self.checkpoints.len() + 1 != count / CHECKPOINT_EVERY
        {
            return;
        }
        let steps = std::mem::take(&mut self.steps); // not copied: the lab's own are used
        let copy = Lab {
            view: None,
            selected: None,
            notice: None,
            happened: Happenings::default(),
            checkpoints: Checkpoints::default(),
            undo: None,
            ..self.clone()
        };
        self.steps = steps;
        Rc::make_mut(&mut self.checkpoints.0).push(Rc::new(copy));
    }

    pub fn phase(&self) -> Phase {
        self.session.phase()
    }

    /// The verbs the server accepts now (the command table's "valid now").
    pub fn accepted(&self) -> Vec<Verb> {
        self.session.accepted_verbs()
    }

    /// The reply shown in the explanation panel: the selected one, else the latest.
    pub fn explained(&self) -> Option<(usize, &Reply)> {
        let pick = |i: usize| match self.entries.get(i) {
            Some(Entry::Server { reply, .. }) => Some((i, reply)),
            _ => None,
        };
        match self.selected {
            Some(i) => pick(i),
            None => (0..self.entries.len()).rev().find_map(pick),
        }
    }

    /// The CRAM-MD5 challenge the server waits for an answer to, if it does.
    pub fn cram_challenge(&self) -> Option<&str> {
        match self.session.state() {
            State::Auth(Exchange::CramResponse { challenge }) => Some(challenge),
            _ => None,
        }
    }

    /// The server accepted STARTTLS and waits for the handshake: its button is live.
    pub fn tls_pending(&self) -> bool {
        self.phase() == Phase::TlsHandshake
    }

    fn connect(&mut self, now: u64) {
        self.session = Session::new(self.session.world().clone(), self.seed);
        let world = self.session.world();
        let (host, port) = (world.hostname.clone(), world.profile.port());
        self.note(
            note!("event-connected", host = host, port = port.to_string()),
            now,
        );
        self.feed(
            Input::Connected {
                now,
                peer: Peer::default(),
            },
            now,
            None,
        );
    }

    /// Sends bytes shown as `shown` lines; `command` is the one line they are, if so.
    fn send(&mut self, bytes: Vec<u8>, shown: Vec<String>, now: u64, command: Option<&str>) {
        let tls = self.session.tls_active();
        for text in shown {
            self.entries.push(Entry::Client { text, at: now, tls });
        }
        self.feed(Input::Bytes { now, data: bytes }, now, command);
    }

    fn feed(&mut self, input: Input, now: u64, command: Option<&str>) {
        let result = self.session.handle_input(input);
        if let Err(error) = result {
            self.note(note!("event-not-sent", error = error.to_string()), now);
            return;
        }
        while let Some(output) = self.session.poll_output() {
            self.show(output, now, command);
        }
    }

    fn show(&mut self, output: Output, now: u64, command: Option<&str>) {
        if let Some(grading) = &mut self.grading {
            grading.observe(&output);
        }
        // What follows a reply happens after it was written, at its due time or later (a
        // tarpitted 421, then the close): the transcript's times never go backwards.
        let now = self.entries.last().map_or(now, |last| now.max(last.at()));
        match output {
            Output::Reply { reply, due } => {
                let tls = self.session.tls_active();
                self.happened.push(Happened::Reply {
                    reply: reply.clone(),
                    command: command.map(str::to_string),
                });
                let junk = reply.facts.iter().find_map(|fact| match fact {
                    Fact::JunkCommand { limit, first: true } => Some(*limit),
                    _ => None,
                });
                self.entries.push(Entry::Server { reply, at: due, tls });
                if let Some(limit) = junk {
                    // Said where it starts, not only in that reply's explanation.
                    self.note(note!("event-junk-limit", limit = limit), due);
                }
            }
            Output::StartTls => {
                self.note(note!("event-ready-for-tls"), now);
            }
            Output::Delivered { user, message } => {
                self.happened.push(Happened::Delivered {
                    queue_id: message.queue_id.clone(),
                    mailbox: user.clone(),
                    from: message.mail_from.clone(),
                    recipients: message.rcpt_to.clone(),
                    bytes: message.source.len(),
                });
                let id = message.queue_id.clone();
                self.note(
                    match user {
                        Some(user) => note!("event-delivered", id = id, user = user),
                        None => note!("event-relayed", id = id),
                    },
                    now,
                );
            }
            Output::Close => self.note(note!("event-server-closed"), now),
            Output::Event(event) => {
                if let Event::PhaseChanged { from, to, .. } = event {
                    self.last_transition = Some((from, to));
                }
                self.happened.push(Happened::Session(event.clone()));
                self.entries.push(Entry::Session { event, at: now });
            }
            _ => {}
        }
    }

    /// Lets the session act on its own up to `now`, each time exactly when it was due.
    fn tick_until(&mut self, now: u64) {
        while let Some(due) = self.session.next_deadline().filter(|&due| due <= now) {
            self.feed(Input::Tick { now: due }, due, None);
            if self.session.next_deadline() == Some(due) {
                break;
            }
        }
    }

    /// Carries out one step: the reducer's work, also used to replay.
    fn apply(&mut self, step: Step) {
        if let Some(now) = step.time() {
            self.tick_until(now);
        }
        match step {
            Step::Send { line, now } => {
                self.remember(&line);
                let bytes = format!("{line}\r\n").into_bytes();
                self.send(bytes, vec![line.clone()], now, Some(&line));
            }
            Step::Pipelined { lines, now } => {
                lines.iter().for_each(|l| self.remember(l));
                let bytes: String = lines.iter().map(|l| format!("{l}\r\n")).collect();
                self.note(note!("event-pipelined", count = lines.len()), now);
                self.send(bytes.into_bytes(), lines.to_vec(), now, None);
            }
            Step::Message { text, raw, now } => {
                let bytes = if raw { text } else { dot_stuff(&text) };
                let shown = bytes
                    .trim_end_matches(['\r', '\n'])
                    .split('\n')
                    .map(|l| l.trim_end_matches('\r').to_string());
                let shown = shown.collect();
                self.send(bytes.into_bytes(), shown, now, None);
            }
            Step::Handshake { now } => {
                self.note(note!("event-handshake"), now);
                self.feed(Input::TlsEstablished { now }, now, None);
            }
            Step::Connect { now } => self.connect(now),
            Step::Disconnect { now } => {
                self.note(note!("event-client-closed"), now);
                self.feed(Input::PeerClosed { now }, now, None);
            }
            Step::Clear => {
                self.entries.clear();
                self.selected = None;
            }
            Step::World { world, seed, now } => {
                self.seed = seed;
                self.session = Session::new(*world, seed);
                self.note(note!("event-settings-applied"), now);
                self.connect(now);
            }
            Step::Wait { ms, now } => {
                self.ahead_ms = self.ahead_ms.saturating_add(ms);
                self.note(note!("event-waited", duration = duration(ms)), now);
                self.tick_until(now.saturating_add(ms));
            }
        }
    }

    /// The lab's clock at wall-clock time `real`: ahead by the time the learner let pass,
    /// and never before the last step (a branch from an earlier step has let less pass).
    fn clock(&self, real: u64) -> u64 {
        let last = self.steps.iter().rev().find_map(Step::time).unwrap_or(0);
        real.saturating_add(self.ahead_ms).max(last)
    }

    /// An action that changes only what is shown.
    fn change_view(&mut self, action: Action) {
        match action {
            Action::Select(i) => self.selected = i,
            Action::Open(panel) => self.panel = panel,
            Action::DismissNotice => {
                self.notice = None;
                self.undo = None;
            }
            Action::Notify(text) => self.notice = Some(text),
            Action::View(count) => {
                self.view = count
                    .filter(|&c| c < self.steps.len())
                    .map(|c| (c, Box::new(self.replayed(c))));
                self.selected = None;
            }
            _ => {}
        }
    }

    fn note(&mut self, note: Note, at: u64) {
        self.entries.push(Entry::Event { note, at });
    }

    fn remember(&mut self, line: &str) {
        if !line.is_empty() && self.history.last().map(|l| &**l) != Some(line) {
            self.history.push(line.into());
            let excess = self.history.len().saturating_sub(500);
            self.history.drain(..excess);
        }
    }
}

/// A span of time for the learner: whole hours, minutes or seconds.
pub fn duration(ms: u64) -> Note {
    let seconds = ms / 1000;
    match seconds {
        s if s >= 3600 && s % 3600 == 0 => note!("duration-hours", n = s / 3600),
        s if s >= 60 && s % 60 == 0 => note!("duration-minutes", n = s / 60),
        s => note!("duration-seconds", n = s),
    }
}

/// Dot-stuffs a message typed with any line ends and appends the end-of-data line.
pub fn dot_stuff(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.lines() {
        if line.starts_with('.') {
            out.push('.');
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str(".\r\n");
    out
}

impl Reducible for Lab {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let clock = |real| self.clock(real);
        let step = match action {
            Action::Do(step) => step.on_clock(clock),
            Action::Tick { now } => {
                let now = clock(now);
                if self.session.next_deadline().is_none_or(|due| due > now) {
                    return self; // nothing due: no new lab, no render
                }
                let mut lab = (*self).clone();
                lab.tick_until(now);
                return Rc::new(lab);
            }
            Action::SetProfile { profile, now } => Step::World {
                world: Box::new(self.session.world().switch_profile(profile)),
                seed: self.seed,
                now: clock(now),
            },
            Action::Replace(mut lab) => {
                // Observers go on counting from where they were.
                lab.happened.restart_at(self.happened.total());
                return Rc::new(*lab);
            }
            Action::Undo => {
                let Some(before) = &self.undo else { return self };
                let mut lab = (**before).clone();
                lab.happened.restart_at(self.happened.total());
                return Rc::new(lab);
            }
            view => {
                let mut lab = (*self).clone();
                lab.change_view(view);
                return Rc::new(lab);
            }
        };
        let mut lab = (*self).clone();
        lab.undo = None;
        if let Some((count, _)) = lab.view.take() {
            // Acting on a past step branches from it: later steps are dropped, and kept
            // for one undo.
            let mut past = lab.replayed(count);
            past.notice = Some(note!("notice-branched", count = count));
            lab.notice = None;
            past.undo = Some(Rc::new(lab));
            lab = past;
        }
        lab.steps.push(step.clone());
        lab.apply(step);
        lab.checkpoint();
        Rc::new(lab)
    }
}
