//! Property test over random sequences of client actions: commands (good and bad), raw
//! bytes, arbitrary chunk splits, time passing, TLS handshakes and hang-ups.
//! Invariants: no panic; every reply code is 2xx–5xx; the state agrees with the last reply.
//! `SMTPLAB_PROPERTY_CASES=1000000 cargo test --release -p smtplab-engine --test property`
//! runs a million cases; CI runs a few thousand.

use smtplab_engine::{Input, Output, Peer, Phase, ReplyKind, Session, World};

const WORDS: &[&str] = &[
    "EHLO client.example.org",
    "HELO x",
    "EHLO",
    "MAIL FROM:<a@example.org>",
    "MAIL FROM:<>",
    "MAIL FROM:<a@example.org> SIZE=99999999",
    "MAIL FROM:<a",
    "RCPT TO:<alice@example.com>",
    "RCPT TO:<bob@example.com> NOTIFY=NEVER",
    "RCPT TO:<ghost@example.com>",
    "RCPT TO:<x@other.example>",
    "DATA",
    "BDAT 5",
    "BDAT 3 LAST",
    "BDAT 0 LAST",
    "BDAT x",
    "RSET",
    "NOOP",
    "QUIT",
    "VRFY alice",
    "EXPN x",
    "HELP",
    "ETRN example.org",
    "STARTTLS",
    "AUTH PLAIN",
    "AUTH PLAIN AGFsaWNlAHMzY3JldA==",
    "AUTH LOGIN",
    "YWxpY2U=",
    "czNjcmV0",
    "*",
    "AUTH CRAM-MD5",
    "=",
    "Subject: hi",
    "",
    ".",
    "..x",
    "hello body",
    "GET / HTTP/1.0",
    "\u{0}\u{ff}",
    "MAIL FROM:<jörg@example.org> SMTPUTF8",
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
}

/// One random session; panics (failing the test) when an invariant breaks.
fn run_case(seed: u64) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut session = Session::new(World::reference(), seed);
    let mut now = 1_000_000;
    session
        .handle_input(Input::Connected {
            now,
            peer: Peer::default(),
        })
        .unwrap();
    let mut last = check(&mut session, None, seed);
    for _ in 0..rng.below(40) + 1 {
        let input = match rng.below(20) {
            0 => {
                now += rng.below(400_000) as u64;
                Input::Tick { now }
            }
            // A driver performs the handshake only when the engine asked for it.
            1 if session.phase() == Phase::TlsHandshake => Input::TlsEstablished { now },
            2 if rng.below(10) == 0 => Input::PeerClosed { now },
            3 => Input::Bytes {
                now,
                data: (0..rng.below(64)).map(|_| rng.next() as u8).collect(),
            },
            _ => {
                let mut data = Vec::new();
                for _ in 0..rng.below(4) + 1 {
                    data.extend_from_slice(WORDS[rng.below(WORDS.len())].as_bytes());
                    data.extend_from_slice(if rng.below(4) == 0 { b"\n" } else { b"\r\n" });
                }
                let cut = rng.below(data.len() + 1);
                let rest = data.split_off(cut);
                if session.handle_input(Input::Bytes { now, data }).is_ok() {
                    last = check(&mut session, last, seed);
                }
                Input::Bytes { now, data: rest }
            }
        };
        now += 1;
        if let Err(error) = session.handle_input(input) {
            assert_eq!(session.phase(), Phase::Closed, "seed {seed}: {error}");
            continue;
        }
        last = check(&mut session, last, seed);
    }
}

/// Drains outputs, checks each reply, and checks the phase against the last reply.
fn check(session: &mut Session, mut last: Option<ReplyKind>, seed: u64) -> Option<ReplyKind> {
    let mut saw_reply = false;
    while let Some(output) = session.poll_output() {
        if let Output::Reply { reply, .. } = output {
            assert!(
                (200..600).contains(&reply.code),
                "seed {seed}: code {}",
                reply.code
            );
            assert!(
                !reply.lines.is_empty() && reply.to_bytes().ends_with(b"\r\n"),
                "seed {seed}"
            );
            last = Some(reply.kind);
            saw_reply = true;
        }
    }
    if saw_reply {
        if let Some(kind) = &last {
            assert_agrees(session, kind, seed);
        }
    }
    last
}

fn assert_agrees(session: &Session, kind: &ReplyKind, seed: u64) {
    let phase = session.phase();
    let ok = match kind {
        k if k.closes() => phase == Phase::Closed,
        ReplyKind::MailOk => phase == Phase::Mail,
        ReplyKind::RcptOk => matches!(phase, Phase::Rcpt | Phase::Bdat),
        ReplyKind::StartData => phase == Phase::Data,
        ReplyKind::ReadyForTls => phase == Phase::TlsHandshake,
        ReplyKind::AuthChallenge { .. } => phase == Phase::Auth,
        ReplyKind::BdatChunkOk { .. } => phase == Phase::Bdat,
        ReplyKind::Helo | ReplyKind::Ehlo { .. } => phase == Phase::Greeted,
        ReplyKind::AuthOk => session.authenticated_as().is_some(),
        ReplyKind::Queued { .. } | ReplyKind::BdatQueued { .. } => {
            matches!(phase, Phase::Connected | Phase::Greeted)
        }
        _ => true,
    };
    assert!(ok, "seed {seed}: phase {phase:?} after {kind:?}");
}

#[test]
fn random_client_actions_keep_the_invariants() {
    let cases: u64 = std::env::var("SMTPLAB_PROPERTY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    for seed in 0..cases {
        run_case(seed);
    }
    println!("property: {cases} cases, no invariant broken");
}
