//! `smtplab serve` past its limits, as Postfix behaves past them: clients beyond
//! `--max-connections` wait in the listen queue and are all served; while every slot is
//! busy, stress mode drops idle clients after the stress timeout; and one address past
//! `smtpd_client_connection_count_limit` gets the engine's 421 instead of a greeting.

use std::io::{BufRead, BufReader, ErrorKind, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::{Arc, Barrier, Condvar, Mutex};
use std::time::{Duration, Instant};

use smtplab_engine::World;

mod common;
use common::{start, Server};

/// A world file like the reference world, with another per-client connection limit.
fn world_with_client_limit(server_name: &str, limit: u32) -> PathBuf {
    let mut world = World::reference();
    world.limits.client_connections = limit;
    let path = std::env::temp_dir().join(format!(
        "smtplab-{server_name}-{}-{limit}.json",
        std::process::id()
    ));
    std::fs::write(&path, world.to_json()).unwrap();
    path
}

struct Client {
    reader: BufReader<TcpStream>,
}

impl Client {
    /// Connects; the greeting is read separately, because it may be a while coming.
    fn connect(port: u16) -> Client {
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        Client {
            reader: BufReader::new(stream),
        }
    }

    fn greeted(port: u16) -> Client {
        let mut client = Client::connect(port);
        assert_eq!(client.reply(), "220 mail.example.com ESMTP Postfix\r\n");
        client
    }

    /// The last line of the next reply, or "" at end of stream.
    fn reply(&mut self) -> String {
        let mut line = String::new();
        loop {
            line.clear();
            self.reader.read_line(&mut line).expect("a reply in time");
            if line.as_bytes().get(3) != Some(&b'-') {
                return line;
            }
        }
    }

    fn send(&mut self, text: &str) -> String {
        self.reader.get_mut().write_all(text.as_bytes()).unwrap();
        self.reply()
    }

    /// Nothing arrives within `wait`.
    fn silent_for(&mut self, wait: Duration) -> bool {
        self.reader.get_ref().set_read_timeout(Some(wait)).unwrap();
        let mut line = String::new();
        let silent = matches!(
            self.reader.read_line(&mut line),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)
        );
        self.reader
            .get_ref()
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        silent
    }
}

/// Lets clients through in groups of `size`, like a reusable barrier, but gives up after
/// a minute, so that one failed client fails the test instead of hanging it.
struct Groups {
    size: usize,
    arrived: Mutex<usize>,
    all_here: Condvar,
}

impl Groups {
    fn new(size: usize) -> Arc<Groups> {
        Arc::new(Groups {
            size,
            arrived: Mutex::new(0),
            all_here: Condvar::new(),
        })
    }

    fn wait(&self) {
        let mut arrived = self.arrived.lock().unwrap();
        let group_full = (*arrived / self.size + 1) * self.size;
        *arrived += 1;
        self.all_here.notify_all();
        let (arrived, timeout) = self
            .all_here
            .wait_timeout_while(arrived, Duration::from_secs(60), |n| *n < group_full)
            .unwrap();
        assert!(!timeout.timed_out(), "only {} clients arrived", *arrived);
    }
}

fn log(server: &Server) -> String {
    server.log.lock().unwrap().clone()
}

#[test]
fn three_hundred_clients_against_a_limit_of_a_hundred_are_all_served() {
    // From one address, Postfix's anvil would refuse the 51st at once (the lab's
    // mynetworks is empty); this test is about the process limit, so lift that one.
    let world = world_with_client_limit("three-hundred", 0);
    let server = start(&["--max-connections", "100", "--world", world.to_str().unwrap()]);
    let port = server.port;
    let start_together = Arc::new(Barrier::new(300));
    // Each hundred greeted clients wait for each other, so every slot is taken three times.
    let fill_the_slots = Groups::new(100);
    let clients: Vec<_> = (0..300)
        .map(|c| {
            let (start_together, fill_the_slots) = (start_together.clone(), fill_the_slots.clone());
            std::thread::spawn(move || {
                start_together.wait();
                let mut client = Client::greeted(port);
                fill_the_slots.wait();
                assert!(client.send("EHLO many.example.org\r\n").starts_with("250 "));
                assert!(client.send("MAIL FROM:<many@example.org>\r\n").starts_with("250"));
                assert!(client.send("RCPT TO:<bob@example.com>\r\n").starts_with("250"));
                assert!(client.send("DATA\r\n").starts_with("354"));
                let body = format!("Subject: client {c}\r\n\r\nfrom client {c}\r\n.\r\n");
                assert!(client.send(&body).starts_with("250 2.0.0 Ok: queued as"));
                assert!(client.send("QUIT\r\n").starts_with("221"));
            })
        })
        .collect();
    for client in clients {
        client.join().expect("every client is served");
    }
    let delivered = std::fs::read_dir(server.mailboxes.join("bob")).unwrap().count();
    assert_eq!(delivered, 300);
    let log = server.log_with("=== all 100 connection slots are busy");
    assert!(log.contains("=== all 100 connection slots are busy"), "{log}");
    assert!(!log.contains("<-  421"), "nobody is refused: {log}");
    let _ = std::fs::remove_file(world);
}

#[test]
fn with_every_slot_held_by_an_idle_client_stress_mode_drops_idle_clients() {
    let server = start(&["--max-connections", "3", "--stress-timeout", "1"]);
    let port = server.port;
    let mut first = Client::greeted(port);
    let mut second = Client::greeted(port);
    // With a slot free there is no stress: the world's 300 s timeout holds, not the 1 s one.
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(first.send("NOOP\r\n"), "250 2.0.0 Ok\r\n");
    assert_eq!(second.send("NOOP\r\n"), "250 2.0.0 Ok\r\n");
    assert!(!log(&server).contains("slots are busy"));

    let filled = Instant::now();
    let _third = Client::greeted(port);
    let mut waiting = Client::connect(port);
    assert!(
        waiting.silent_for(Duration::from_millis(300)),
        "the fourth client waits in the listen queue, not refused"
    );
    assert_eq!(
        first.reply(),
        "421 4.4.2 mail.example.com Error: timeout exceeded\r\n"
    );
    let dropped = filled.elapsed();
    assert!(
        dropped < Duration::from_secs(5),
        "idle for {dropped:?} under stress"
    );
    // A freed slot goes to the client that waited.
    assert_eq!(waiting.reply(), "220 mail.example.com ESMTP Postfix\r\n");
    assert!(filled.elapsed() < Duration::from_secs(6));
    let log = server.log_with("=== all 3 connection slots are busy");
    assert!(
        log.contains("=== all 3 connection slots are busy: new clients wait in the listen queue; stress mode, smtpd_timeout 1 s"),
        "{log}"
    );
}

#[test]
fn under_stress_a_silent_implicit_tls_client_loses_its_slot_after_the_stress_timeout() {
    let server = start(&[
        "--listen-tls",
        "127.0.0.1:0",
        "--max-connections",
        "2",
        "--stress-timeout",
        "1",
    ]);
    let started = Instant::now();
    // They take both of the port's slots, so stress begins; they never send a ClientHello.
    let _first = Client::connect(server.tls_port.unwrap());
    let mut silent = Client::connect(server.tls_port.unwrap());
    assert_eq!(silent.reply(), "", "the server hangs up");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    let deadline = Instant::now() + Duration::from_secs(2);
    while !log(&server).contains("=== connection ended") {
        assert!(Instant::now() < deadline, "{}", log(&server));
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn past_the_per_client_limit_the_engine_says_421_instead_of_its_greeting() {
    let world = world_with_client_limit("per-client", 2);
    let server = start(&["--world", world.to_str().unwrap()]);
    let port = server.port;
    let first = Client::greeted(port);
    let _second = Client::greeted(port);
    let mut third = Client::connect(port);
    assert_eq!(
        third.reply(),
        "421 4.7.0 mail.example.com Error: too many connections from 127.0.0.1\r\n"
    );
    assert_eq!(third.reply(), "", "the server hangs up after the 421");
    // Once a connection closes, the address is under the limit again.
    drop(first);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let mut next = Client::connect(port);
        let reply = next.reply();
        if reply.starts_with("220 ") {
            break;
        }
        assert!(reply.starts_with("421 4.7.0"), "{reply}");
        assert!(Instant::now() < deadline, "the count never went down");
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = std::fs::remove_file(world);
}
