//! Property test over random sequences of client actions: commands (good and bad), raw
//! bytes, pipelined groups split at random points, time passing, TLS handshakes and
//! hang-ups. Invariants, checked on every case:
//! - no panic; every reply code is 2xx–5xx and every reply ends in CRLF;
//! - exactly one reply per command line, in order, under pipelining: a pipelined group,
//!   split anywhere, gets the same replies as its lines sent one by one;
//! - nothing but events after `Close`, and nothing at all once closed;
//! - a refused command leaves the phase unchanged;
//! - a queued reply means exactly one new message per accepted recipient (duplicates and
//!   aliases of one mailbox are delivered once, as Postfix's cleanup does);
//! - the phase after each reply is one that reply allows: every reply kind has its own
//!   expectation, and a kind without one fails the test.
//!
//! CI runs 20,000 cases. For a long run:
//! `SMTPLAB_PROPERTY_CASES=1000000 cargo test --release -p smtplab-engine --test property -- --nocapture`

use std::collections::BTreeSet;

use smtplab_engine::world::Profile;
use smtplab_engine::{Input, Output, Peer, Phase, ReplyKind, Session, State, World};

const DEFAULT_CASES: u64 = 20_000;

/// Lines that are commands wherever they are sent in a command phase: none of them changes
/// the framing (no DATA, BDAT, AUTH or STARTTLS), so a group of them is all commands.
const COMMANDS: &[&[u8]] = &[
    b"EHLO client.example.org",
    b"HELO x",
    b"EHLO",
    b"MAIL FROM:<a@example.org>",
    b"MAIL FROM:<>",
    b"MAIL FROM:<a@example.org> SIZE=99999999",
    b"MAIL FROM:<a",
    b"RCPT TO:<alice@example.com>",
    b"RCPT TO:<bob@example.com> NOTIFY=NEVER",
    b"RCPT TO:<postmaster@example.com>",
    b"RCPT TO:<ghost@example.com>",
    b"RCPT TO:<x@other.example>",
    b"RSET",
    b"NOOP",
    b"VRFY alice",
    b"EXPN x",
    b"HELP",
    b"ETRN example.org",
    b"FOO",
    b"",
    b"\x00NOOP",
    b"NOOP\x00junk",
    b"NOOP \xff\xfe",
    b"MAIL FROM:<j\xc3\xb6rg@example.org> SMTPUTF8",
    b"QUIT",
    b"GET / HTTP/1.0",
];

/// Everything else a client may send: framing changes and body lines.
const OTHERS: &[&[u8]] = &[
    b"DATA",
    b"BDAT 5",
    b"BDAT 3 LAST",
    b"BDAT 0 LAST",
    b"BDAT x",
    b"STARTTLS",
    b"AUTH PLAIN",
    b"AUTH PLAIN AGFsaWNlAHMzY3JldA==",
    b"AUTH LOGIN",
    b"YWxpY2U=",
    b"czNjcmV0",
    b"*",
    b"AUTH CRAM-MD5",
    b"=",
    b"Subject: hi",
    b".",
    b"..x",
    b"hello body",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn line(&mut self, from: &[&[u8]]) -> Vec<u8> {
        let mut line = from[self.below(from.len())].to_vec();
        line.extend_from_slice(if self.below(4) == 0 { b"\n" } else { b"\r\n" });
        line
    }
}

/// What the checks saw across all cases, so that none of them can silently stop running.
#[derive(Default)]
struct Seen {
    pipelined_groups: u64,
    refusals: u64,
    queued: u64,
    closes: u64,
}

/// One random session; panics (failing the test) when an invariant breaks.
fn run_case(seed: u64, seen: &mut Seen) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    // The property holds under every profile: the seed picks one.
    let profile = Profile::ALL[seed as usize % Profile::ALL.len()];
    let mut world = World::preset(profile);
    if (seed / Profile::ALL.len() as u64).is_multiple_of(3) {
        // A third of the sessions meet a server without PIPELINING, CHUNKING and SMTPUTF8.
        let policy = &mut world.policy;
        (policy.pipelining, policy.chunking, policy.smtputf8) = (false, false, false);
    }
    let mut session = Session::new(world, seed);
    let mut now = 1_000_000;
    session
        .handle_input(Input::Connected {
            now,
            peer: Peer::default(),
        })
        .unwrap();
    let mut last = drain(&mut session, seed, seen).last().cloned();
    for _ in 0..rng.below(40) + 1 {
        if session.phase() == Phase::Closed {
            let again = session.handle_input(Input::Bytes {
                now,
                data: b"NOOP\r\n".to_vec(),
            });
            assert!(again.is_err(), "seed {seed}: input accepted after the close");
            assert_eq!(session.poll_output(), None, "seed {seed}: output after the close");
            assert_eq!(session.next_deadline(), None, "seed {seed}");
            return;
        }
        now += 1;
        let before = session.phase();
        let targets = delivery_targets(&session);
        let input = match rng.below(20) {
            0 => {
                now = match session.next_deadline() {
                    Some(due) if rng.below(2) == 0 => due.max(now),
                    _ => now + rng.below(400_000) as u64,
                };
                Input::Tick { now }
            }
            // A driver performs the handshake only when the engine asked for it.
            1 if before == Phase::TlsHandshake => Input::TlsEstablished { now },
            2 if rng.below(10) == 0 => Input::PeerClosed { now },
            3 => Input::Bytes {
                now,
                data: (0..rng.below(64)).map(|_| rng.next() as u8).collect(),
            },
            4..=7 if is_command_phase(before) => {
                pipelined_group(&mut session, &mut rng, now, seed, seen);
                last = None;
                continue;
            }
            8..=11 if is_command_phase(before) => {
                let line = rng.line(COMMANDS);
                Input::Bytes { now, data: line }
            }
            _ => {
                let pool = if rng.below(2) == 0 { COMMANDS } else { OTHERS };
                let data = rng.line(pool);
                Input::Bytes { now, data }
            }
        };
        let single_command = matches!(&input, Input::Bytes { data, .. } if is_command_phase(before) && COMMANDS.iter().any(|c| data.starts_with(c) && data.len() <= c.len() + 2 && data.ends_with(b"\n")));
        if let Err(error) = session.handle_input(input) {
            assert_eq!(session.phase(), Phase::Closed, "seed {seed}: {error}");
            continue;
        }
        let outputs = drain_outputs(&mut session, seed, seen);
        check_deliveries(&session, &outputs, targets, seed, seen);
        let replies = reply_kinds(&outputs);
        if single_command {
            if let [kind] = &replies[..] {
                if is_refusal(&session, kind) {
                    seen.refusals += 1;
                    assert_eq!(
                        session.phase(),
                        before,
                        "seed {seed}: the refused command ({kind:?}) changed the phase"
                    );
                }
            }
        }
        if let Some(kind) = replies.last() {
            last = Some(kind.clone());
        }
        if !replies.is_empty() {
            if let Some(kind) = &last {
                assert_agrees(&session, kind, seed);
            }
        }
    }
}

/// A group of command lines in one piece of input, split at random points, against the
/// same lines sent one at a time to a copy of the session.
fn pipelined_group(session: &mut Session, rng: &mut Rng, now: u64, seed: u64, seen: &mut Seen) {
    let lines: Vec<Vec<u8>> = (0..rng.below(6) + 2).map(|_| rng.line(COMMANDS)).collect();
    let mut one_by_one = session.clone();
    let mut expected = Vec::new();
    // Random bytes before may have left half a line, or a refused BDAT chunk still to
    // skip: the first lines may only finish that. Once a line got its reply, every later
    // line is a whole command and gets exactly one.
    let mut started = false;
    for line in &lines {
        if one_by_one.phase() == Phase::Closed {
            break;
        }
        one_by_one
            .handle_input(Input::Bytes {
                now,
                data: line.clone(),
            })
            .unwrap();
        let kinds = reply_kinds(&drain_outputs(&mut one_by_one, seed, &mut Seen::default()));
        let allowed = if started { 1..=1 } else { 0..=1 };
        assert!(
            allowed.contains(&kinds.len()),
            "seed {seed}: {:?} got {kinds:?}, not exactly one reply",
            String::from_utf8_lossy(line)
        );
        started |= !kinds.is_empty();
        expected.extend(kinds);
    }
    let mut bytes = lines.concat();
    let mut got = Vec::new();
    while !bytes.is_empty() && session.phase() != Phase::Closed {
        let cut = rng.below(bytes.len()) + 1;
        let rest = bytes.split_off(cut);
        session.handle_input(Input::Bytes { now, data: bytes }).unwrap();
        got.extend(reply_kinds(&drain_outputs(session, seed, seen)));
        bytes = rest;
    }
    // Exim refuses input sent too early: the same replies, up to its 554 (which closes).
    let refused_early = session.world().profile.behaviour().enforces_sync
        && got.last() == Some(&ReplyKind::SyncError)
        && expected.starts_with(&got[..got.len() - 1]);
    assert!(
        got == expected || refused_early,
        "seed {seed}: the pipelined group got other replies than its lines one by one:\n{got:?}\n{expected:?}"
    );
    if got.len() == lines.len() {
        seen.pipelined_groups += 1; // the common case: a whole group, one reply per line
    }
}

fn is_command_phase(phase: Phase) -> bool {
    matches!(
        phase,
        Phase::Connected | Phase::Greeted | Phase::Mail | Phase::Rcpt
    )
}

/// A command turned down without ending the session.
fn is_refusal(session: &Session, kind: &ReplyKind) -> bool {
    let profile = session.world().profile;
    session.word(kind.clone()).code >= 400 && !profile.closes(kind)
}

/// Where the message of the open transaction would go: one target per local mailbox
/// (each once) and one per relayed recipient. `None` outside a transaction.
fn delivery_targets(session: &Session) -> Option<usize> {
    let envelope = match session.state() {
        State::Command(Some(envelope)) => envelope,
        State::Data(ready, _) | State::BdatWait(ready, _) | State::BdatChunk { ready, .. } => {
            ready.envelope()
        }
        _ => return None,
    };
    let mut mailboxes = BTreeSet::new();
    let mut relayed = 0;
    for recipient in &envelope.recipients {
        if recipient.mailboxes.is_empty() {
            relayed += 1;
        }
        mailboxes.extend(recipient.mailboxes.iter().cloned());
    }
    Some(mailboxes.len() + relayed)
}

/// A queued reply delivers exactly one message per accepted recipient, into mailboxes that
/// grow by as much; nothing is delivered without a queued reply.
fn check_deliveries(
    session: &Session,
    outputs: &[Output],
    targets: Option<usize>,
    seed: u64,
    seen: &mut Seen,
) {
    let delivered: Vec<&Option<String>> = outputs
        .iter()
        .filter_map(|o| match o {
            Output::Delivered { user, .. } => Some(user),
            _ => None,
        })
        .collect();
    let queued = reply_kinds(outputs)
        .iter()
        .filter(|k| matches!(k, ReplyKind::Queued { .. } | ReplyKind::BdatQueued { .. }))
        .count();
    match queued {
        0 => assert!(
            delivered.is_empty(),
            "seed {seed}: delivered without a queued reply"
        ),
        1 => {
            let targets = targets.expect("a queued reply comes from an open transaction");
            assert_eq!(
                delivered.len(),
                targets,
                "seed {seed}: one message per accepted recipient"
            );
            for user in delivered.iter().filter_map(|u| u.as_deref()) {
                let mailbox = session.world().user(user).map(|u| u.mailbox.len());
                assert!(mailbox.unwrap_or(0) >= 1, "seed {seed}: {user}'s mailbox");
            }
            seen.queued += 1;
        }
        _ => {} // two messages in one piece of input: counted message by message elsewhere
    }
}

/// Drains outputs, checks each reply and that only events follow a `Close`.
fn drain_outputs(session: &mut Session, seed: u64, seen: &mut Seen) -> Vec<Output> {
    let outputs: Vec<Output> = std::iter::from_fn(|| session.poll_output()).collect();
    if let Some(at) = outputs.iter().position(|o| *o == Output::Close) {
        seen.closes += 1;
        assert!(
            outputs[at + 1..].iter().all(|o| matches!(o, Output::Event(_))),
            "seed {seed}: output after Close: {:?}",
            &outputs[at + 1..]
        );
        assert_eq!(session.phase(), Phase::Closed, "seed {seed}");
    }
    for output in &outputs {
        if let Output::Reply { reply, .. } = output {
            assert!(
                (200..600).contains(&reply.code),
                "seed {seed}: code {}",
                reply.code
            );
            assert!(
                !reply.text().is_empty() && reply.to_bytes().ends_with(b"\r\n"),
                "seed {seed}"
            );
        }
    }
    outputs
}

fn drain(session: &mut Session, seed: u64, seen: &mut Seen) -> Vec<ReplyKind> {
    reply_kinds(&drain_outputs(session, seed, seen))
}

fn reply_kinds(outputs: &[Output]) -> Vec<ReplyKind> {
    outputs
        .iter()
        .filter_map(|o| match o {
            Output::Reply { reply, .. } => Some(reply.kind.clone()),
            _ => None,
        })
        .collect()
}

/// The phases each reply allows afterwards. Every kind is listed: a new one fails here
/// until it says where the session stands after it.
fn assert_agrees(session: &Session, kind: &ReplyKind, seed: u64) {
    use Phase::*;
    use ReplyKind as K;
    const COMMAND: &[Phase] = &[Connected, Greeted, Mail, Rcpt, Bdat];
    const IDLE: &[Phase] = &[Connected, Greeted];
    let allowed: &[Phase] = match kind {
        _ if session.world().profile.closes(kind) => &[Closed],
        K::Bye
        | K::TooManyErrors
        | K::TooManySyntaxErrors { .. }
        | K::TooManyNonmail
        | K::ConnectionLost { .. }
        | K::Timeout { .. }
        | K::TooManyConnections { .. } => &[Closed],
        // Postfix hangs up on these; a server that does not stays where it was.
        K::BreakRules { .. } | K::BdatSyntax | K::ChunkingNotOffered => COMMAND,
        K::Greeting => &[Connected],
        K::Helo | K::Ehlo { .. } => &[Greeted],
        K::MailOk => &[Mail],
        K::RcptOk => &[Rcpt],
        K::StartData => &[Data],
        K::BdatChunkOk { .. } => &[Bdat],
        K::Queued { .. } | K::BdatQueued { .. } | K::MessageTooBig | K::HeaderNotCrlf => IDLE,
        K::ReadyForTls => &[TlsHandshake],
        K::AuthChallenge { .. } => &[Auth],
        K::AuthOk
        | K::AuthFailed { .. }
        | K::AuthAborted
        | K::SaslResponseTooLong
        | K::BasicAuthDisabled
        | K::InitialDataNotExpected => IDLE,
        // The last chunk ends the transaction; another one leaves it failed.
        K::ChunkTooBig => &[Connected, Greeted, Bdat],
        // NOOP, RSET, VRFY's 252, ETRN's 459 and every refusal: a command phase.
        K::Ok
        | K::Help
        | K::AddressError { .. }
        | K::UnknownMechanism { .. }
        | K::LineTooLong { .. }
        | K::NotAdvertised { .. }
        | K::ExpnRefused
        | K::NulInCommand
        | K::Reset
        | K::MustStartTls
        | K::AuthRequired { .. }
        | K::CannotVerify { .. }
        | K::EtrnUnavailable { .. }
        | K::HeloSyntax { .. }
        | K::SendHeloFirst
        | K::NestedMail
        | K::NeedMail
        | K::NeedRcpt
        | K::NoValidRecipients { .. }
        | K::RcptAfterBdat
        | K::DataAfterBdat
        | K::MailSyntax
        | K::RcptSyntax
        | K::BadSender
        | K::BadRecipient
        | K::NoArguments { .. }
        | K::BadSizeSyntax
        | K::SizeOverflow
        | K::SizeExceeded
        | K::BadRet
        | K::BadEnvid
        | K::BadNotify
        | K::BadOrcpt
        | K::UnsupportedOption { .. }
        | K::TooManyRecipients
        | K::TooManyBadRecipients
        | K::UserUnknown { .. }
        | K::RelayDenied { .. }
        | K::VrfySyntax
        | K::VrfyDisabled
        | K::EtrnSyntax
        | K::EtrnInTransaction
        | K::Unrecognized { .. }
        | K::BadSyntax
        | K::BadUtf8
        | K::TlsActive
        | K::NotImplemented
        | K::AuthNotEnabled
        | K::AuthInTransaction
        | K::AlreadyAuthenticated
        | K::AuthSyntax
        | K::Greylisted { .. }
        | K::Injected { .. } => COMMAND,
        other => panic!("seed {seed}: no phase expectation for {other:?}: add one"),
    };
    let phase = session.phase();
    assert!(
        allowed.contains(&phase),
        "seed {seed}: phase {phase:?} after {kind:?}"
    );
    if *kind == K::AuthOk {
        assert!(session.authenticated_as().is_some(), "seed {seed}");
    }
}

fn cases() -> u64 {
    match std::env::var("SMTPLAB_PROPERTY_CASES") {
        Err(_) => DEFAULT_CASES,
        Ok(text) => text
            .trim()
            .replace('_', "")
            .parse()
            .unwrap_or_else(|_| panic!("SMTPLAB_PROPERTY_CASES={text:?} is not a number of cases")),
    }
}

#[test]
fn random_client_actions_keep_the_invariants() {
    let cases = cases();
    let mut seen = Seen::default();
    for seed in 0..cases {
        run_case(seed, &mut seen);
    }
    println!(
        "property: {cases} cases, no invariant broken ({} pipelined groups, {} refusals, {} queued messages, {} closes checked)",
        seen.pipelined_groups, seen.refusals, seen.queued, seen.closes
    );
    if cases >= 1000 {
        assert!(
            seen.pipelined_groups > 0 && seen.refusals > 0 && seen.queued > 0 && seen.closes > 0,
            "a check never ran"
        );
    }
}
