//! TLS for the driver: a connection that starts plain and may be upgraded (STARTTLS), or
//! starts encrypted (implicit TLS), with rustls. Certificates come from PEM files, or are
//! generated at start (self-signed, for the world's host name) with rcgen.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};

pub enum Conn {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ServerConnection, TcpStream>>),
}

impl Conn {
    pub fn is_tls(&self) -> bool {
        matches!(self, Conn::Tls(_))
    }

    /// How long a read may wait before it gives up with a timeout (a tick for the engine).
    pub fn set_read_timeout(&self, wait: Duration) -> io::Result<()> {
        match self {
            Conn::Plain(s) => s.set_read_timeout(Some(wait)),
            Conn::Tls(s) => s.sock.set_read_timeout(Some(wait)),
        }
    }

    /// Performs the server side of the handshake on a plain connection, within `limit`.
    pub fn upgrade(self, config: &Arc<ServerConfig>, limit: Duration) -> io::Result<Conn> {
        let mut tcp = match self {
            Conn::Plain(tcp) => tcp,
            Conn::Tls(_) => return Err(io::Error::other("TLS is already active")),
        };
        let mut tls = ServerConnection::new(config.clone()).map_err(io::Error::other)?;
        let deadline = Instant::now() + limit;
        while tls.is_handshaking() {
            match tls.complete_io(&mut tcp) {
                Ok(_) => {}
                Err(e) if is_timeout(&e) && Instant::now() < deadline => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Conn::Tls(Box::new(StreamOwned::new(tls, tcp))))
    }
}

pub fn is_timeout(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut)
}

impl Read for Conn {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.read(buf),
            Conn::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Conn {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.write(buf),
            Conn::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Conn::Plain(s) => s.flush(),
            Conn::Tls(s) => s.flush(),
        }
    }
}

/// The server's TLS settings: the given certificate and key, or a fresh self-signed pair.
pub fn config(hostname: &str, cert: Option<&Path>, key: Option<&Path>) -> Result<Arc<ServerConfig>, String> {
    let (chain, key) = match (cert, key) {
        (Some(cert), Some(key)) => {
            let chain = CertificateDer::pem_file_iter(cert)
                .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
                .map_err(|e| format!("{}: {e}", cert.display()))?;
            let key = PrivateKeyDer::from_pem_file(key).map_err(|e| format!("{}: {e}", key.display()))?;
            (chain, key)
        }
        (None, None) => {
            self_signed(hostname).map_err(|e| format!("cannot make a self-signed certificate: {e}"))?
        }
        _ => return Err("--tls-cert and --tls-key go together".into()),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| format!("bad certificate or key: {e}"))?;
    Ok(Arc::new(config))
}

/// A fresh certificate for `hostname`, as its subject's CN and its one SAN (rcgen's default
/// subject is "rcgen self signed cert"), like Debian's snakeoil certificate names the host.
fn self_signed(
    hostname: &str,
) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), rcgen::Error> {
    let mut params = rcgen::CertificateParams::new(vec![hostname.to_string()])?;
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, hostname);
    let key_pair = rcgen::KeyPair::generate()?;
    let cert = params.self_signed(&key_pair)?;
    let key = PrivatePkcs8KeyDer::from(key_pair.serialize_der());
    Ok((vec![cert.der().clone()], key.into()))
}
