//! One refusal rule: in every phase, with and without TLS, HELO and AUTH, under every
//! policy, a verb the engine lists as valid now never gets a refusal, and a verb it does
//! not list gets exactly the refusal `Session::refusal` names.

use smtplab_engine::world::{Policy, Profile};
use smtplab_engine::{Input, Output, Peer, Phase, ReplyKind, Session, Verb, World, COMMANDS};

struct Probe {
    session: Session,
    now: u64,
}

impl Probe {
    fn start(profile: Profile, policy: Policy) -> Probe {
        let mut world = World::preset(profile);
        world.policy = policy;
        let mut probe = Probe {
            session: Session::new(world, 7),
            now: 1_000,
        };
        probe.input(Input::Connected {
            now: 1_000,
            peer: Peer::default(),
        });
        probe
    }

    fn input(&mut self, input: Input) -> Vec<ReplyKind> {
        self.session.handle_input(input).unwrap();
        std::iter::from_fn(|| self.session.poll_output())
            .filter_map(|o| match o {
                Output::Reply { reply, .. } => Some(reply.kind),
                _ => None,
            })
            .collect()
    }

    fn send(&mut self, line: &str) -> Vec<ReplyKind> {
        self.now += 10;
        let now = self.now;
        self.input(Input::Bytes {
            now,
            data: format!("{line}\r\n").into_bytes(),
        })
    }
}

/// Every policy the world can have (the seven switches that decide acceptance).
fn policies() -> Vec<Policy> {
    (0..128)
        .map(|bits: u32| Policy {
            helo_required: bits & 1 != 0,
            vrfy_enabled: bits & 2 != 0,
            starttls: bits & 4 != 0,
            auth_only_after_tls: bits & 8 != 0,
            auth_enabled: bits & 16 != 0,
            tls_required: bits & 32 != 0,
            chunking: bits & 64 != 0,
            ..Policy::default()
        })
        .collect()
}

/// The sessions to probe under `policy`: every command phase, after TLS or not, greeted
/// or not, logged in or not (where the policy makes each possible).
fn sessions(profile: Profile, policy: Policy) -> Vec<(String, Probe)> {
    let mut out = Vec::new();
    for tls in [false, true] {
        for greeted in [false, true] {
            for login in [false, true] {
                for depth in 0..4 {
                    let mut probe = Probe::start(profile, policy);
                    let mut steps = Vec::new();
                    let mut run = |probe: &mut Probe, line: &str| {
                        steps.push(line.to_string());
                        probe.send(line)
                    };
                    if tls {
                        if run(&mut probe, "STARTTLS") != [ReplyKind::ReadyForTls] {
                            continue;
                        }
                        probe.now += 10;
                        let now = probe.now;
                        probe.input(Input::TlsEstablished { now });
                    }
                    if greeted {
                        run(&mut probe, "EHLO probe.example");
                    }
                    if login && run(&mut probe, "AUTH PLAIN AGFsaWNlAHMzY3JldA==") != [ReplyKind::AuthOk] {
                        continue;
                    }
                    let script = [
                        "MAIL FROM:<a@example.org>",
                        "RCPT TO:<alice@example.com>",
                        "BDAT 2",
                    ];
                    for line in &script[..depth.min(3)] {
                        run(&mut probe, line);
                    }
                    if probe.session.phase() == Phase::Closed {
                        continue; // BDAT refused by a server that then hangs up
                    }
                    if depth == 3 {
                        probe.now += 10;
                        let now = probe.now;
                        probe.input(Input::Bytes {
                            now,
                            data: b"hi".to_vec(),
                        });
                    }
                    let expected = [
                        if greeted { Phase::Greeted } else { Phase::Connected },
                        Phase::Mail,
                        Phase::Rcpt,
                        Phase::Bdat,
                    ][depth];
                    if probe.session.phase() != expected {
                        continue; // the policy refused a step of the set-up
                    }
                    out.push((steps.join(" / "), probe));
                }
            }
        }
    }
    out
}

#[test]
fn a_verb_listed_as_valid_is_never_refused_and_a_refused_verb_is_never_listed() {
    let mut probes = 0;
    let mut refusals = Vec::new();
    let mut listed_replies = Vec::new();
    for (profile, policy) in Profile::ALL
        .iter()
        .flat_map(|p| policies().into_iter().map(move |q| (*p, q)))
    {
        for (setup, base) in sessions(profile, policy) {
            for spec in COMMANDS {
                // A fresh copy for each verb: the probe changes it.
                let mut probe = Probe {
                    session: base.session.clone(),
                    now: base.now,
                };
                let phase = probe.session.phase();
                assert!(matches!(
                    phase,
                    Phase::Connected | Phase::Greeted | Phase::Mail | Phase::Rcpt | Phase::Bdat
                ));
                let listed = probe.session.accepted_verbs().contains(&spec.verb);
                let refusal = probe.session.refusal(spec.verb);
                assert_eq!(
                    listed,
                    refusal.is_none(),
                    "{profile:?} {policy:?} {setup}: {} listed={listed} refusal={refusal:?}",
                    spec.name
                );
                let example = if spec.verb == Verb::Bdat {
                    "BDAT 0 LAST"
                } else {
                    spec.example
                };
                let first = probe.send(example).into_iter().next().expect("a reply");
                match refusal {
                    Some(kind) => {
                        assert_eq!(
                            first, kind,
                            "{profile:?} {policy:?} {setup}: {example} is refused as the rule says"
                        );
                        refusals.push(kind);
                    }
                    None => {
                        listed_replies.push((format!("{profile:?} {policy:?} {setup}: {example}"), first))
                    }
                }
                probes += 1;
            }
        }
    }
    // Every way a command can be refused for the session's state, written out here (not
    // taken from the engine), so that a handler refusing on its own is caught.
    let refusing = |kind: &ReplyKind| {
        matches!(
            kind,
            ReplyKind::SendHeloFirst
                | ReplyKind::NestedMail
                | ReplyKind::NeedMail
                | ReplyKind::RcptAfterBdat
                | ReplyKind::NeedRcpt
                | ReplyKind::NoValidRecipients { .. }
                | ReplyKind::DataAfterBdat
                | ReplyKind::AuthNotEnabled
                | ReplyKind::AuthInTransaction
                | ReplyKind::AlreadyAuthenticated
                | ReplyKind::NotImplemented
                | ReplyKind::TlsActive
                | ReplyKind::EtrnInTransaction
                | ReplyKind::VrfyDisabled
                | ReplyKind::Unrecognized { .. }
                | ReplyKind::MustStartTls
                | ReplyKind::ChunkingNotOffered
        )
    };
    for (place, reply) in &listed_replies {
        assert!(
            !refusing(reply),
            "{place}: listed as valid, but refused with {reply:?}"
        );
    }
    assert!(
        refusals.iter().all(refusing),
        "the rule refuses only with refusals"
    );
    assert!(probes > 3_000, "{probes} probes");
    for kind in [
        ReplyKind::NestedMail,
        ReplyKind::AuthInTransaction,
        ReplyKind::TlsActive,
        ReplyKind::VrfyDisabled,
        ReplyKind::SendHeloFirst,
        ReplyKind::DataAfterBdat,
        ReplyKind::MustStartTls,
        ReplyKind::ChunkingNotOffered,
    ] {
        assert!(refusals.contains(&kind), "the probe reaches {kind:?}");
    }
}

#[test]
fn outside_the_command_phases_nothing_is_listed() {
    let mut probe = Probe::start(Profile::Postfix, Policy::default());
    probe.send("EHLO x");
    probe.send("STARTTLS");
    assert_eq!(probe.session.phase(), Phase::TlsHandshake);
    assert_eq!(probe.session.accepted_verbs(), []);
    let mut probe = Probe::start(Profile::Postfix, Policy::default());
    for line in [
        "EHLO x",
        "MAIL FROM:<a@example.org>",
        "RCPT TO:<bob@example.com>",
        "DATA",
    ] {
        probe.send(line);
    }
    assert_eq!(probe.session.phase(), Phase::Data);
    assert_eq!(probe.session.accepted_verbs(), []);
}
