//! `smtplab`: the engine behind a real TCP port, transcript replay, and lessons checked
//! and run from the command line.
//!
//! `smtplab serve` is a thin driver in the shape of mailin-embedded's loop: read bytes,
//! `handle_input`, drain `poll_output`, write. A read timeout turns into `Input::Tick`,
//! so the engine's idle timeout works. No protocol logic lives here.
//!
//! STARTTLS is real (rustls): when the engine says `Output::StartTls`, the driver performs
//! the handshake and feeds `Input::TlsEstablished`. `--listen-tls` accepts implicit TLS.
//!
//! Each port is a Postfix service ([`service`]): past `--max-connections`, clients wait in
//! the listen queue, and while every slot is busy the sessions run in stress mode.

mod lesson;
mod service;
mod tls;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rustls::ServerConfig;
use service::{Service, Slot};
use smtplab_engine::transcript::{replay, world_for};
use smtplab_engine::world::{Limits, Profile};
use smtplab_engine::{Input, Output, Peer, Phase, Session, World};
use tls::Conn;

/// The live transcript on stdout. A closed stdout must not take the server down.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

const USAGE: &str = "usage:
  smtplab serve [--listen ADDR] [--listen-tls ADDR] [--public] [--profile NAME]
                [--world FILE.json] [--seed N] [--mailbox-dir DIR]
                [--tls-cert FILE --tls-key FILE] [--max-connections N]
                [--stress-timeout SECS] [--hide-secrets]
  smtplab replay FILE.smtp [--profile NAME] [--world FILE.json] [--seed N]
  smtplab lesson check FILE.json...
  smtplab lesson run FILE.json --script FILE.smtp [--transcript]
NAME: the server that answers (postfix, exim, gmail, microsoft365); alone it brings that
server's preset world, with --world it words the given world.";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => Options::parse(&args[1..]).and_then(serve),
        Some("replay") => Options::parse(&args[1..]).and_then(replay_file),
        Some("lesson") => match lesson::main(&args[1..]) {
            Ok(true) => Ok(()),
            Ok(false) => std::process::exit(1),
            Err(usage) => Err(format!("{usage}\n{USAGE}")),
        },
        _ => Err(USAGE.to_string()),
    };
    if let Err(message) = result {
        eprintln!("smtplab: {message}");
        std::process::exit(2);
    }
}

#[derive(Clone)]
struct Options {
    listen: SocketAddr,
    listen_tls: Option<SocketAddr>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
    public: bool,
    world: World,
    seed: u64,
    mailbox_dir: Option<PathBuf>,
    max_connections: usize,
    /// `smtpd_timeout` in stress mode (Postfix: 10 s).
    stress_timeout: u64,
    hide_secrets: bool,
    file: Option<PathBuf>,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            listen: "127.0.0.1:2525".parse().expect("a literal address"),
            listen_tls: None,
            tls_cert: None,
            tls_key: None,
            public: false,
            world: World::reference(),
            seed: 1,
            mailbox_dir: None,
            max_connections: 100,
            stress_timeout: 10,
            hide_secrets: false,
            file: None,
        };
        let (mut profile, mut world_file) = (None, false);
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = || it.next().ok_or(format!("{arg} needs a value\n{USAGE}"));
            match arg.as_str() {
                "--listen" => options.listen = value()?.parse().map_err(|e| format!("--listen: {e}"))?,
                "--listen-tls" => {
                    options.listen_tls = Some(value()?.parse().map_err(|e| format!("--listen-tls: {e}"))?)
                }
                "--tls-cert" => options.tls_cert = Some(PathBuf::from(value()?)),
                "--tls-key" => options.tls_key = Some(PathBuf::from(value()?)),
                "--public" => options.public = true,
                "--profile" => {
                    let name = value()?;
                    profile = Some(Profile::from_name(name).ok_or(format!(
                        "--profile: no profile {name:?}; the profiles are {}",
                        Profile::names()
                    ))?);
                }
                "--world" => {
                    world_file = true;
                    let path = value()?;
                    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
                    options.world = World::from_json(&text).map_err(|e| format!("{path}: {e}"))?;
                }
                "--seed" => options.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
                "--mailbox-dir" => options.mailbox_dir = Some(PathBuf::from(value()?)),
                "--max-connections" => {
                    options.max_connections =
                        value()?.parse().map_err(|e| format!("--max-connections: {e}"))?
                }
                "--stress-timeout" => {
                    options.stress_timeout = value()?.parse().map_err(|e| format!("--stress-timeout: {e}"))?
                }
                "--hide-secrets" => options.hide_secrets = true,
                other if !other.starts_with('-') && options.file.is_none() => {
                    options.file = Some(other.into())
                }
                other => return Err(format!("unknown option {other}\n{USAGE}")),
            }
        }
        match profile {
            Some(profile) if world_file => options.world.profile = profile,
            Some(profile) => options.world = World::preset(profile),
            None => {}
        }
        Ok(options)
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

fn replay_file(options: Options) -> Result<(), String> {
    let path = options.file.ok_or(format!("replay needs a file\n{USAGE}"))?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    print!(
        "{}",
        replay(
            &text,
            Session::new(world_for(&text, options.world), options.seed),
            now_ms()
        )
    );
    Ok(())
}

fn serve(options: Options) -> Result<(), String> {
    for addr in std::iter::once(options.listen).chain(options.listen_tls) {
        if !addr.ip().is_loopback() && !options.public {
            return Err(format!(
                "{addr} is not a loopback address; add --public to listen there"
            ));
        }
    }
    let tls = tls::config(
        &options.world.hostname,
        options.tls_cert.as_deref(),
        options.tls_key.as_deref(),
    )?;
    let listener = TcpListener::bind(options.listen).map_err(|e| format!("{}: {e}", options.listen))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    let implicit = match options.listen_tls {
        Some(addr) => Some(TcpListener::bind(addr).map_err(|e| format!("{addr}: {e}"))?),
        None => None,
    };
    match &implicit {
        Some(l) => say!(
            "=== smtplab listening on {local} and {} (implicit TLS)",
            l.local_addr().map_err(|e| e.to_string())?
        ),
        None => say!("=== smtplab listening on {local}"),
    }
    let profile = options.world.profile;
    say!(
        "=== {} answers (profile {}), as {}",
        profile.title(),
        profile.name(),
        options.world.hostname
    );
    let shared = Arc::new(Shared {
        options,
        tls,
        active: AtomicUsize::new(0),
        ids: AtomicUsize::new(0),
    });
    let on_stop = shared.clone();
    // Every accepted message is on disk before its 250 is sent, so stopping loses nothing.
    ctrlc::set_handler(move || {
        let (served, open) = (
            on_stop.ids.load(Ordering::SeqCst),
            on_stop.active.load(Ordering::SeqCst),
        );
        say!("=== smtplab stopping: {served} connections served, {open} open ones closed");
        std::process::exit(0);
    })
    .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;
    // Two ports are two master.cf services (smtp, smtps), each with its own limit.
    if let Some(listener) = implicit {
        let shared = shared.clone();
        let service = Service::new(shared.options.max_connections);
        std::thread::spawn(move || accept(listener, true, &shared, &service));
    }
    let service = Service::new(shared.options.max_connections);
    accept(listener, false, &shared, &service);
    Ok(())
}

/// What every connection thread shares.
struct Shared {
    options: Options,
    tls: Arc<ServerConfig>,
    active: AtomicUsize,
    ids: AtomicUsize,
}

/// Accepts a connection only when a slot is free; until then clients wait in the listen
/// queue, as they do when Postfix's master stops watching a busy service's socket.
fn accept(listener: TcpListener, implicit_tls: bool, shared: &Arc<Shared>, service: &Arc<Service>) {
    loop {
        service.wait_for_free_slot();
        let Ok((stream, address)) = listener.accept() else {
            continue;
        };
        let slot = service.take(address.ip(), now_ms());
        if slot.began_stress {
            // master_avail_listen()'s warning, and the stress mode that master_avail_event() starts.
            say!(
                "=== all {} connection slots are busy: new clients wait in the listen queue; stress mode, smtpd_timeout {} s",
                service.max(),
                shared.options.stress_timeout
            );
        }
        shared.active.fetch_add(1, Ordering::SeqCst);
        let id = shared.ids.fetch_add(1, Ordering::SeqCst) + 1;
        let shared = shared.clone();
        std::thread::spawn(move || {
            if let Err(e) = drive(stream, id, implicit_tls, &shared, &slot) {
                say!("#{id} === connection ended: {e}");
            }
            shared.active.fetch_sub(1, Ordering::SeqCst);
            drop(slot);
        });
    }
}

/// The session's limits: the world's, or their stress values while the service is stressed.
fn limits(options: &Options, stressed: bool) -> Limits {
    let calm = options.world.limits;
    if !stressed {
        return calm;
    }
    Limits {
        idle_timeout_secs: calm.idle_timeout_secs.min(options.stress_timeout),
        ..calm.under_stress()
    }
}

/// Postfix's `smtpd_starttls_timeout`, whose defaults are `smtpd_timeout`'s:
/// `${stress?{10}:{300}}s`. It also bounds the implicit-TLS handshake.
fn handshake_limit(options: &Options, stressed: bool) -> Duration {
    Duration::from_secs(limits(options, stressed).idle_timeout_secs)
}

/// One connection: the whole driver loop.
fn drive(
    stream: TcpStream,
    id: usize,
    implicit_tls: bool,
    shared: &Shared,
    slot: &Slot,
) -> std::io::Result<()> {
    let options = &shared.options;
    let address = stream.peer_addr()?;
    say!("#{id} === connection from {address}");
    stream.set_read_timeout(Some(Duration::from_secs(1)))?;
    stream.set_nodelay(true)?;
    let mut conn = Conn::Plain(stream);
    let mut stressed = slot.service().stressed(now_ms());
    if implicit_tls {
        conn = conn.upgrade(&shared.tls, handshake_limit(options, stressed))?;
        say!("#{id} === TLS started (implicit)");
    }
    let mut session = Session::new(options.world.clone(), options.seed.wrapping_add(id as u64));
    session.set_limits(limits(options, stressed));
    let peer = Peer {
        name: "localhost".into(),
        address: address.ip().to_string(),
        tls: implicit_tls,
        connections: slot.connections,
    };
    let _ = session.handle_input(Input::Connected { now: now_ms(), peer });
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match flush(&mut session, &mut conn, id, options)? {
            Next::Read => {}
            Next::Close => break,
            Next::StartTls => {
                conn = conn.upgrade(&shared.tls, handshake_limit(options, stressed))?;
                say!("#{id} === TLS started");
                if session
                    .handle_input(Input::TlsEstablished { now: now_ms() })
                    .is_err()
                {
                    break;
                }
                continue;
            }
        }
        // Stress mode starts and ends while sessions run, so no read may block for much
        // longer than the one-second tick, or a session would miss the change.
        if slot.service().stressed(now_ms()) != stressed {
            stressed = !stressed;
            session.set_limits(limits(options, stressed));
        }
        // Wake up when the engine has something due on its own (a hang-up, a timeout).
        let wait = session
            .next_deadline()
            .map_or(1000, |due| due.saturating_sub(now_ms()).clamp(1, 1000));
        conn.set_read_timeout(Duration::from_millis(wait))?;
        let input = match conn.read(&mut buf) {
            Ok(0) => Input::PeerClosed { now: now_ms() },
            Ok(n) => {
                show_client(&session, &buf[..n], id, conn.is_tls(), options.hide_secrets);
                Input::Bytes {
                    now: now_ms(),
                    data: buf[..n].to_vec(),
                }
            }
            Err(e) if tls::is_timeout(&e) => Input::Tick { now: now_ms() },
            Err(e) => return Err(e),
        };
        if session.handle_input(input).is_err() {
            break;
        }
    }
    say!("#{id} === connection closed");
    Ok(())
}

/// What the loop does after the outputs are carried out.
enum Next {
    Read,
    StartTls,
    Close,
}

/// Carries out the engine's outputs.
fn flush(session: &mut Session, conn: &mut Conn, id: usize, options: &Options) -> std::io::Result<Next> {
    let mut next = Next::Read;
    let server = if conn.is_tls() { "<~ " } else { "<- " };
    // Replies to pipelined commands leave in one write, as Postfix's smtpd_chat_flush does.
    let mut pending = Vec::new();
    while let Some(output) = session.poll_output() {
        match output {
            Output::Reply { reply, due } => {
                let wait = due.saturating_sub(now_ms());
                if wait > 0 {
                    send(conn, &mut pending)?;
                    std::thread::sleep(Duration::from_millis(wait)); // Postfix's tarpit
                }
                for line in reply.text_lines() {
                    say!("#{id} {server} {line}");
                }
                reply.write_to(&mut pending);
            }
            Output::Delivered { user, message } => {
                let saved = options
                    .mailbox_dir
                    .as_deref()
                    .map(|dir| save(dir, user.as_deref(), &message));
                let place = match saved {
                    Some(Ok(path)) => format!(" ({})", path.display()),
                    Some(Err(e)) => format!(" (NOT SAVED: {e})"),
                    None => String::new(),
                };
                let to = user.unwrap_or_else(|| "relay".into());
                say!("#{id} === delivered {} to {to}{place}", message.queue_id);
            }
            Output::StartTls => next = Next::StartTls,
            Output::Close => next = Next::Close,
            _ => {}
        }
    }
    send(conn, &mut pending)?;
    if session.phase() == Phase::Closed {
        next = Next::Close;
    }
    Ok(next)
}

fn send(conn: &mut Conn, pending: &mut Vec<u8>) -> std::io::Result<()> {
    if !pending.is_empty() {
        conn.write_all(pending)?;
        conn.flush()?;
        pending.clear();
    }
    Ok(())
}

/// Writes `DIR/USER/QUEUEID.eml`; relayed mail goes under `DIR/relay/`.
fn save(dir: &Path, user: Option<&str>, message: &smtplab_engine::Message) -> std::io::Result<PathBuf> {
    let folder = dir.join(user.unwrap_or("relay"));
    std::fs::create_dir_all(&folder)?;
    let mut path = folder.join(format!("{}.eml", message.queue_id));
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = folder.join(format!("{}-{n}.eml", message.queue_id));
    }
    std::fs::write(&path, &message.source)?;
    Ok(path)
}

/// Prints client bytes swaks-style, masking SASL secrets when asked.
fn show_client(session: &Session, data: &[u8], id: usize, tls: bool, hide_secrets: bool) {
    let arrow = if tls { "~>" } else { "->" };
    let mut in_auth = session.phase() == Phase::Auth;
    for line in String::from_utf8_lossy(data).lines() {
        let secret = in_auth || line.get(..5).is_some_and(|v| v.eq_ignore_ascii_case("AUTH "));
        let shown = match (hide_secrets && secret, line.split_once(' ')) {
            (true, Some((verb, rest))) if verb.eq_ignore_ascii_case("AUTH") => {
                let mech = rest.split(' ').next().unwrap_or_default();
                format!("{verb} {mech} ***")
            }
            (true, _) => "***".to_string(),
            _ => line.to_string(),
        };
        say!("#{id}  {arrow} {shown}");
        in_auth = in_auth || secret;
    }
}
