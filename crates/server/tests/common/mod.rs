//! Starting `smtplab serve` for a test, and stopping it however the test ends.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

pub struct Server {
    child: Child,
    /// The live transcript the server printed so far.
    pub log: std::sync::Arc<std::sync::Mutex<String>>,
    pub port: u16,
    pub tls_port: Option<u16>,
    pub mailboxes: PathBuf,
}

impl Server {
    /// Stops the server with SIGINT, as Ctrl-C does, and returns its exit status.
    pub fn interrupt(&mut self) -> std::process::ExitStatus {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        self.child.wait().unwrap()
    }

    /// The live transcript once it holds `needle`: the thread that reads the server's
    /// output may still be behind it (a loaded machine), so it is waited for, up to 20 s.
    pub fn log_with(&self, needle: &str) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let log = self.log.lock().unwrap().clone();
            if log.contains(needle) || std::time::Instant::now() > deadline {
                return log;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
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
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            let mut log = sink.lock().unwrap();
            log.push_str(&line);
            log.push('\n');
        }
    });
    let ports: Vec<u16> = first
        .split_whitespace()
        .filter_map(|w| w.rsplit_once(':').and_then(|(_, p)| p.parse().ok()))
        .collect();
    assert!(!ports.is_empty(), "no port in {first:?}");
    Server {
        child,
        log,
        port: ports[0],
        tls_port: ports.get(1).copied(),
        mailboxes,
    }
}
