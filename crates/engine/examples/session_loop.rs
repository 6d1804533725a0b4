//! Runs a typical session N times; for counting instructions with `perf stat` or callgrind.
use smtplab_engine::{Input, Peer, Session, World};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let script: [&[u8]; 7] = [
        b"EHLO client.example.org\r\n",
        b"MAIL FROM:<sender@example.org>\r\n",
        b"RCPT TO:<alice@example.com>\r\n",
        b"RCPT TO:<bob@example.com>\r\n",
        b"DATA\r\n",
        b"Subject: bench\r\n\r\nHello.\r\n.\r\n",
        b"QUIT\r\n",
    ];
    let world = World::reference();
    let mut replies = 0;
    for _ in 0..n {
        let mut session = Session::new(world.clone(), 1);
        session
            .handle_input(Input::Connected {
                now: 0,
                peer: Peer::default(),
            })
            .unwrap();
        for (i, bytes) in script.iter().enumerate() {
            session
                .handle_input(Input::Bytes {
                    now: i as u64,
                    data: bytes.to_vec(),
                })
                .unwrap();
            while session.poll_output().is_some() {
                replies += 1;
            }
        }
    }
    println!("{n} sessions, {replies} outputs");
}
