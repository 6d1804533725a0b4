//! Framing reads input where it lies (`Session::handle_bytes`) and copies only an
//! unfinished line. These check that how the bytes arrive changes nothing it should:
//! borrowed or owned input give the same session, and a message's every chunking gives the
//! same delivered message.

mod common;

use smtplab_engine::{Input, Output, Session, World};

/// Sessions whose bodies exercise the one-pass DATA reader: stuffed dots, bare LF, a CR
/// alone, a lone dot that is not alone, lines longer than the buffered-line limit, a
/// body ending on a bare LF, and pipelined commands around them.
fn scripts() -> Vec<Vec<u8>> {
    let long = "x".repeat(70_000);
    let stuffed_long = format!("..{}", "y".repeat(66_000));
    vec![
        b"EHLO a\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n\
          Subject: s\r\n\r\n..dot\r\nbare\nlf\r\n.\r.\r\n. \r\nend\n.\r\nQUIT\r\n"
            .to_vec(),
        format!(
            "HELO a\r\nMAIL FROM:<>\r\nRCPT TO:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\n\
             DATA\r\nFrom: x\r\n\r\n{long}\r\n{stuffed_long}\n.\n\r\n.\r\nRSET\r\nQUIT\r\n"
        )
        .into_bytes(),
        b"EHLO a\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<postmaster>\r\nBDAT 12\r\n\
          Subject: b\r\nBDAT 7 LAST\r\n\r\nbody\n\r\nNOOP\r\n"
            .to_vec(),
        b"EHLO a\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n\
          x\r\n"
            .to_vec(),
    ]
}

fn connected() -> Session {
    let mut world = World::reference();
    world.limits.message_size = 1_000_000;
    common::connected_session(world, 3)
}

/// Feeds `pieces`, owned or borrowed; returns the session and everything it output.
fn feed(pieces: &[&[u8]], borrowed: bool) -> (Session, Vec<Output>) {
    let mut session = connected();
    let mut outputs = Vec::new();
    for piece in pieces {
        let now = 1;
        let result = if borrowed {
            session.handle_bytes(now, piece)
        } else {
            session.handle_input(Input::Bytes {
                now,
                data: piece.to_vec(),
            })
        };
        if result.is_err() {
            break;
        }
        outputs.extend(std::iter::from_fn(|| session.poll_output()));
    }
    (session, outputs)
}

fn delivered(outputs: &[Output]) -> Vec<String> {
    outputs
        .iter()
        .filter_map(|o| match o {
            Output::Delivered { message, .. } => Some(message.source.clone()),
            _ => None,
        })
        .collect()
}

/// Cuts in many ways: into equal pieces of a few sizes (octet by octet where that is
/// quick), and in two at many places.
fn chunkings(script: &[u8]) -> Vec<Vec<&[u8]>> {
    let sizes: &[usize] = match script.len() {
        ..2000 => &[1, 2, 3, 7, 64],
        _ => &[997, 4096, 65_536],
    };
    let mut out = vec![vec![script]];
    out.extend(sizes.iter().map(|&n| script.chunks(n).collect::<Vec<_>>()));
    for cut in (1..script.len()).step_by(script.len() / 40 + 1) {
        let (a, b) = script.split_at(cut);
        out.push(vec![a, b]);
    }
    out
}

#[test]
fn borrowed_and_owned_input_give_the_same_session() {
    for script in scripts() {
        for pieces in chunkings(&script) {
            let (owned, owned_out) = feed(&pieces, false);
            let (borrowed, borrowed_out) = feed(&pieces, true);
            assert_eq!(owned_out, borrowed_out);
            assert_eq!(owned, borrowed);
        }
    }
}

#[test]
fn every_chunking_delivers_the_same_message() {
    for script in scripts() {
        let (_, whole) = feed(&[&script], true);
        let expected = delivered(&whole);
        for pieces in chunkings(&script) {
            let (_, outputs) = feed(&pieces, true);
            assert_eq!(delivered(&outputs), expected, "{} pieces", pieces.len());
        }
    }
}
