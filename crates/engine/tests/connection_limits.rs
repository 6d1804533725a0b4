//! The limits a server driver reports facts for: Postfix's per-client connection limit
//! (the 421 said instead of the greeting) and stress mode (shorter limits mid-session).

use smtplab_engine::events::Event;
use smtplab_engine::world::Limits;
use smtplab_engine::{Input, Output, Peer, Phase, Reply, ReplyKind, Session, World};

fn connect(connections: u32) -> (Session, Vec<Output>) {
    let mut session = Session::new(World::reference(), 1);
    let peer = Peer {
        address: "192.0.2.7".into(),
        connections,
        ..Peer::default()
    };
    session
        .handle_input(Input::Connected { now: 1_000, peer })
        .unwrap();
    let outputs = std::iter::from_fn(|| session.poll_output()).collect();
    (session, outputs)
}

fn replies(outputs: &[Output]) -> Vec<&Reply> {
    outputs
        .iter()
        .filter_map(|o| match o {
            Output::Reply { reply, .. } => Some(reply),
            _ => None,
        })
        .collect()
}

#[test]
fn the_fiftieth_connection_from_an_address_is_greeted() {
    let (session, outputs) = connect(50);
    assert_eq!(replies(&outputs)[0].kind, ReplyKind::Greeting);
    assert_eq!(session.phase(), Phase::Connected);
}

#[test]
fn the_fifty_first_gets_421_instead_of_the_greeting_and_is_closed() {
    let (session, outputs) = connect(51);
    let replies = replies(&outputs);
    assert_eq!(replies.len(), 1);
    assert_eq!(
        replies[0].text_lines(),
        ["421 4.7.0 mail.example.com Error: too many connections from 192.0.2.7"]
    );
    let explained = replies[0].explain();
    assert_eq!(explained.summary, "reply-too-many-connections");
    assert!(outputs.contains(&Output::Close));
    assert!(outputs
        .iter()
        .any(|o| matches!(o, Output::Event(Event::Disconnected { .. }))));
    assert_eq!(session.phase(), Phase::Closed);
}

#[test]
fn a_driver_that_does_not_count_is_never_refused() {
    let (_, outputs) = connect(0);
    assert_eq!(replies(&outputs)[0].kind, ReplyKind::Greeting);
}

#[test]
fn stress_mode_uses_postfixs_stress_values_and_keeps_stricter_ones() {
    let calm = Limits::default();
    let stressed = calm.under_stress();
    assert_eq!(
        (
            stressed.idle_timeout_secs,
            stressed.hard_errors,
            stressed.junk_commands
        ),
        (10, 1, 1)
    );
    assert_eq!(stressed.message_size, calm.message_size);
    let strict = Limits {
        idle_timeout_secs: 5,
        ..calm
    };
    assert_eq!(strict.under_stress().idle_timeout_secs, 5);
}

#[test]
fn under_stress_an_idle_client_times_out_after_ten_seconds_not_three_hundred() {
    let (mut session, _) = connect(1);
    let tick = |session: &mut Session, now| {
        session.handle_input(Input::Tick { now }).unwrap();
        std::iter::from_fn(|| session.poll_output()).collect::<Vec<_>>()
    };
    assert!(
        replies(&tick(&mut session, 10_500)).is_empty(),
        "300 s while calm"
    );
    session.set_limits(World::reference().limits.under_stress());
    assert!(replies(&tick(&mut session, 10_999)).is_empty());
    let outputs = tick(&mut session, 11_000);
    assert_eq!(
        replies(&outputs)[0].text_lines(),
        ["421 4.4.2 mail.example.com Error: timeout exceeded"]
    );
}
