//! `smtplab`: the engine behind a real TCP port, and transcript replay.
//!
//! `smtplab serve` is a thin driver in the shape of mailin-embedded's loop: read bytes,
//! `handle_input`, drain `poll_output`, write. A read timeout turns into `Input::Tick`,
//! so the engine's idle timeout works. No protocol logic lives here.
//!
//! Not yet here (issue 4): TLS. Until it is, this server does not offer STARTTLS, and so,
//! with the reference world's "AUTH only after TLS" policy, not AUTH either.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use smtplab_engine::transcript::replay;
use smtplab_engine::{Input, Output, Peer, Phase, Session, World};

/// The live transcript on stdout. A closed stdout must not take the server down.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

const USAGE: &str = "usage:
  smtplab serve [--listen ADDR] [--public] [--world FILE.json] [--seed N]
                [--mailbox-dir DIR] [--max-connections N] [--hide-secrets]
  smtplab replay FILE.smtp [--world FILE.json] [--seed N]";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => Options::parse(&args[1..]).and_then(serve),
        Some("replay") => Options::parse(&args[1..]).and_then(replay_file),
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
    public: bool,
    world: World,
    seed: u64,
    mailbox_dir: Option<PathBuf>,
    max_connections: usize,
    hide_secrets: bool,
    file: Option<PathBuf>,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            listen: "127.0.0.1:2525".parse().expect("a literal address"),
            public: false,
            world: World::reference(),
            seed: 1,
            mailbox_dir: None,
            max_connections: 100,
            hide_secrets: false,
            file: None,
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = || it.next().ok_or(format!("{arg} needs a value\n{USAGE}"));
            match arg.as_str() {
                "--listen" => options.listen = value()?.parse().map_err(|e| format!("--listen: {e}"))?,
                "--public" => options.public = true,
                "--world" => {
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
                "--hide-secrets" => options.hide_secrets = true,
                other if !other.starts_with('-') && options.file.is_none() => {
                    options.file = Some(other.into())
                }
                other => return Err(format!("unknown option {other}\n{USAGE}")),
            }
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
        replay(&text, Session::new(options.world, options.seed), now_ms())
    );
    Ok(())
}

fn serve(mut options: Options) -> Result<(), String> {
    if !options.listen.ip().is_loopback() && !options.public {
        return Err(format!(
            "{} is not a loopback address; add --public to listen there",
            options.listen
        ));
    }
    // No TLS in this driver yet: do not advertise what we cannot do.
    options.world.policy.starttls = false;
    let listener = TcpListener::bind(options.listen).map_err(|e| format!("{}: {e}", options.listen))?;
    say!(
        "=== smtplab listening on {} ({} profile)",
        listener.local_addr().map_err(|e| e.to_string())?,
        "postfix"
    );
    let active = Arc::new(AtomicUsize::new(0));
    for (id, stream) in listener.incoming().enumerate() {
        let Ok(stream) = stream else { continue };
        if active.load(Ordering::SeqCst) >= options.max_connections {
            let _ = (&stream).write_all(b"421 4.7.0 Error: too many connections\r\n");
            continue;
        }
        active.fetch_add(1, Ordering::SeqCst);
        let (options, active) = (options.clone(), active.clone());
        std::thread::spawn(move || {
            if let Err(e) = drive(stream, id + 1, &options) {
                say!("#{} === connection error: {e}", id + 1);
            }
            active.fetch_sub(1, Ordering::SeqCst);
        });
    }
    Ok(())
}

/// One connection: the whole driver loop.
fn drive(mut stream: TcpStream, id: usize, options: &Options) -> std::io::Result<()> {
    let peer = stream.peer_addr()?;
    say!("#{id} === connection from {peer}");
    let mut session = Session::new(options.world.clone(), options.seed.wrapping_add(id as u64));
    let peer = Peer {
        name: "localhost".into(),
        address: peer.ip().to_string(),
    };
    let _ = session.handle_input(Input::Connected { now: now_ms(), peer });
    stream.set_read_timeout(Some(Duration::from_secs(1)))?;
    let mut buf = vec![0u8; 64 * 1024];
    while flush(&mut session, &mut stream, id, options)? {
        let input = match stream.read(&mut buf) {
            Ok(0) => Input::PeerClosed { now: now_ms() },
            Ok(n) => {
                show_client(&session, &buf[..n], id, options.hide_secrets);
                Input::Bytes {
                    now: now_ms(),
                    data: buf[..n].to_vec(),
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                Input::Tick { now: now_ms() }
            }
            Err(e) => return Err(e),
        };
        if session.handle_input(input).is_err() {
            break;
        }
    }
    say!("#{id} === connection closed");
    Ok(())
}

/// Carries out the engine's outputs. False once the connection should end.
fn flush(
    session: &mut Session,
    stream: &mut TcpStream,
    id: usize,
    options: &Options,
) -> std::io::Result<bool> {
    while let Some(output) = session.poll_output() {
        match output {
            Output::Reply { reply, due } => {
                let wait = due.saturating_sub(now_ms());
                std::thread::sleep(Duration::from_millis(wait)); // Postfix's tarpit
                for line in reply.text_lines() {
                    say!("#{id} <-  {line}");
                }
                stream.write_all(&reply.to_bytes())?;
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
            Output::StartTls => say!("#{id} === STARTTLS is not available in this driver"),
            Output::Close => return Ok(false),
            _ => {}
        }
    }
    Ok(session.phase() != Phase::Closed)
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
fn show_client(session: &Session, data: &[u8], id: usize, hide_secrets: bool) {
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
        say!("#{id}  -> {shown}");
        in_auth = in_auth || secret;
    }
}
