//! Starting `smtplab serve` for a test, and stopping it however the test ends.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

pub struct Server {
    child: Child,
    pub port: u16,
    pub tls_port: Option<u16>,
    pub mailboxes: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.mailboxes);
    }
}

/// Starts a server on free loopback ports with its own mailbox directory.
pub fn start(extra: &[&str]) -> Server {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let mailboxes = std::env::temp_dir().join(format!("smtplab-test-{}-{nanos}", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_smtplab"))
        .args(["serve", "--listen", "127.0.0.1:0", "--mailbox-dir"])
        .arg(&mailboxes)
        .args(extra)
        .stdout(Stdio::piped())
        .spawn()
        .expect("smtplab starts");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    // Keep reading the live transcript so that the server never blocks on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let ports: Vec<u16> = first
        .split_whitespace()
        .filter_map(|w| w.rsplit_once(':').and_then(|(_, p)| p.parse().ok()))
        .collect();
    assert!(!ports.is_empty(), "no port in {first:?}");
    Server {
        child,
        port: ports[0],
        tls_port: ports.get(1).copied(),
        mailboxes,
    }
}
