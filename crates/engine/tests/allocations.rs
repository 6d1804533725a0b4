//! How many heap allocations a typical session costs: the session of the commands-per-second
//! benchmark (`benches/engine.rs`), where allocating was a third of the time. This file is
//! a test binary of its own, with one test, so that the global counter sees no other
//! test's allocations.

mod common;
use common::TYPICAL_SESSION;
use smtplab_engine::{Input, Output, Peer, Session, World};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// The benchmark's session, on the driver's own buffer: greeting, EHLO, MAIL, two RCPTs,
/// DATA, the message and QUIT. Returns the bytes the server wrote.
fn session(world: &World) -> Vec<u8> {
    let mut wire = Vec::with_capacity(1024);
    let mut session = Session::new(world.clone(), 1);
    let peer = Peer::default();
    session.handle_input(Input::Connected { now: 0, peer }).unwrap();
    for (i, bytes) in TYPICAL_SESSION.iter().enumerate() {
        session.handle_bytes(i as u64, bytes).unwrap();
        while let Some(output) = session.poll_output() {
            if let Output::Reply { reply, .. } = output {
                reply.write_to(&mut wire);
            }
        }
    }
    wire
}

#[test]
fn a_typical_session_allocates_little() {
    let world = World::reference();
    let wire = session(&world); // warm up: first-use statics
    let region = Region::new(GLOBAL);
    let again = session(&world);
    let stats = region.change();
    assert_eq!(wire, again);
    let text = String::from_utf8_lossy(&wire);
    assert!(
        text.starts_with("220 mail.example.com ESMTP Postfix\r\n"),
        "{text}"
    );
    assert!(text.ends_with("221 2.0.0 Bye\r\n"), "{text}");
    println!(
        "allocations per session: {}",
        stats.allocations + stats.reallocations
    );
    // 133 when each reply line was a String; 88 since a reply is one buffer. What is left
    // is mostly data the outputs own: the world's copy, addresses, the two delivered
    // messages and their envelopes, the events' strings.
    assert!(
        stats.allocations + stats.reallocations <= 90,
        "{} allocations and {} reallocations per session",
        stats.allocations,
        stats.reallocations
    );
}
