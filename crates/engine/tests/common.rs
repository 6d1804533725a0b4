//! Fixtures shared by the engine's tests: sessions already in a given state.
#![allow(dead_code)]

use smtplab_engine::{Input, Output, Peer, Session, World};

pub const T0: u64 = 1_795_918_096_000;

/// A typical session's client side, a write each: the benchmark's (`benches/engine.rs`)
/// and the allocation count's (`tests/allocations.rs`).
pub const TYPICAL_SESSION: [&[u8]; 7] = [
    b"EHLO client.example.org\r\n",
    b"MAIL FROM:<sender@example.org>\r\n",
    b"RCPT TO:<alice@example.com>\r\n",
    b"RCPT TO:<bob@example.com>\r\n",
    b"DATA\r\n",
    b"Subject: bench\r\n\r\nHello.\r\n.\r\n",
    b"QUIT\r\n",
];

/// A session of `world` that has just greeted (for the benchmark, counted in the
/// measurement, as for a real client).
pub fn connected_session(world: World, seed: u64) -> Session {
    let mut session = Session::new(world, seed);
    session
        .handle_input(Input::Connected {
            now: 0,
            peer: Peer::default(),
        })
        .unwrap();
    session
}

pub struct Lab {
    pub session: Session,
    pub now: u64,
}

impl Lab {
    pub fn connected() -> Lab {
        let mut lab = Lab {
            session: Session::new(World::reference(), 7),
            now: T0,
        };
        lab.session
            .handle_input(Input::Connected {
                now: T0,
                peer: Peer::default(),
            })
            .unwrap();
        lab.drain();
        lab
    }

    /// Sends bytes as they are; returns the reply lines.
    pub fn raw(&mut self, bytes: &[u8]) -> Vec<String> {
        self.now += 10;
        self.session
            .handle_input(Input::Bytes {
                now: self.now,
                data: bytes.to_vec(),
            })
            .unwrap();
        self.replies()
    }

    /// Sends one line with CRLF; returns the reply lines.
    pub fn send(&mut self, line: &str) -> Vec<String> {
        self.raw(format!("{line}\r\n").as_bytes())
    }

    /// Sends and returns the last line of the reply.
    pub fn last(&mut self, line: &str) -> String {
        self.send(line).pop().unwrap_or_default()
    }

    pub fn replies(&mut self) -> Vec<String> {
        self.drain()
            .into_iter()
            .filter_map(reply_lines)
            .flatten()
            .collect()
    }

    pub fn drain(&mut self) -> Vec<Output> {
        std::iter::from_fn(|| self.session.poll_output()).collect()
    }

    pub fn handshake(&mut self) {
        self.now += 10;
        self.session
            .handle_input(Input::TlsEstablished { now: self.now })
            .unwrap();
    }
}

pub fn reply_lines(output: Output) -> Option<Vec<String>> {
    match output {
        Output::Reply { reply, .. } => Some(reply.text_lines()),
        _ => None,
    }
}

pub fn greeted() -> Lab {
    let mut lab = Lab::connected();
    lab.send("EHLO client.example.org");
    lab
}

pub fn in_mail() -> Lab {
    let mut lab = greeted();
    assert_eq!(lab.last("MAIL FROM:<sender@example.org>"), "250 2.1.0 Ok");
    lab
}

pub fn in_rcpt() -> Lab {
    let mut lab = in_mail();
    assert_eq!(lab.last("RCPT TO:<alice@example.com>"), "250 2.1.5 Ok");
    lab
}

pub fn in_data() -> Lab {
    let mut lab = in_rcpt();
    assert_eq!(lab.last("DATA"), "354 End data with <CR><LF>.<CR><LF>");
    lab
}

pub fn in_tls() -> Lab {
    let mut lab = greeted();
    assert_eq!(lab.last("STARTTLS"), "220 2.0.0 Ready to start TLS");
    lab.handshake();
    lab.send("EHLO client.example.org");
    lab
}

pub fn authenticated() -> Lab {
    let mut lab = in_tls();
    assert_eq!(
        lab.last("AUTH PLAIN AGFsaWNlAHMzY3JldA=="),
        "235 2.7.0 Authentication successful"
    );
    lab
}

/// The `.smtp` transcripts in `dir`, sorted.
pub fn transcripts(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "smtp"))
        .collect();
    files.sort();
    files
}
