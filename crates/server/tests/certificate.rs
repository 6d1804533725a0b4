//! The self-signed certificate `smtplab serve` makes at start, as a TLS client receives it:
//! it names the world's host, `mail.example.com`, as its subject's CN and as its SAN.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    ClientConfig, ClientConnection, DigitallySignedStruct, RootCertStore, SignatureScheme, StreamOwned,
};

mod common;
use common::start;

const HOST: &str = "mail.example.com";

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Accepts any certificate and keeps the one it was shown.
#[derive(Debug, Default)]
struct Keep(Mutex<Option<CertificateDer<'static>>>);

impl ServerCertVerifier for Keep {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        *self.0.lock().unwrap() = Some(end_entity.clone().into_owned());
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &provider().signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &provider().signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        provider().signature_verification_algorithms.supported_schemes()
    }
}

/// Connects to the implicit-TLS port, handshakes, and returns the greeting.
fn greeting_over_tls(port: u16, config: ClientConfig, host: &'static str) -> Result<String, std::io::Error> {
    let tcp = TcpStream::connect(("127.0.0.1", port))?;
    tcp.set_read_timeout(Some(Duration::from_secs(10)))?;
    let name = ServerName::try_from(host).unwrap();
    let conn = ClientConnection::new(Arc::new(config), name).map_err(std::io::Error::other)?;
    let mut tls = BufReader::new(StreamOwned::new(conn, tcp));
    let mut line = String::new();
    tls.read_line(&mut line)?;
    tls.get_mut().write_all(b"QUIT\r\n")?;
    let _ = tls.read_to_end(&mut Vec::new());
    Ok(line)
}

fn client(provider: Arc<CryptoProvider>) -> rustls::ConfigBuilder<ClientConfig, rustls::WantsVerifier> {
    ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
}

/// Does `der` hold the attribute CN (2.5.4.3) with the value `host`, as a UTF8String or
/// a PrintableString?
fn has_common_name(der: &[u8], host: &str) -> bool {
    let mut wanted = vec![0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, host.len() as u8];
    wanted.extend_from_slice(host.as_bytes());
    let printable: Vec<u8> = wanted
        .iter()
        .enumerate()
        .map(|(i, &b)| if i == 5 { 0x13 } else { b })
        .collect();
    der.windows(wanted.len())
        .any(|w| w == wanted.as_slice() || w == printable.as_slice())
}

#[test]
fn the_self_signed_certificate_names_the_worlds_host_as_cn_and_san() {
    let server = start(&["--listen-tls", "127.0.0.1:0"]);
    let port = server.tls_port.expect("an implicit-TLS port");

    let keep = Arc::new(Keep::default());
    let config = client(provider())
        .dangerous()
        .with_custom_certificate_verifier(keep.clone())
        .with_no_client_auth();
    let greeting = greeting_over_tls(port, config, HOST).unwrap();
    assert_eq!(greeting, "220 mail.example.com ESMTP Postfix\r\n");
    let cert = keep
        .0
        .lock()
        .unwrap()
        .clone()
        .expect("the server sent a certificate");

    assert!(has_common_name(&cert, HOST), "the subject's CN is {HOST}");
    let rcgen_default = b"rcgen self signed cert";
    assert!(!cert.windows(rcgen_default.len()).any(|w| w == rcgen_default));

    // The SAN: webpki checks server names against it alone, so trusting this certificate
    // and asking for mail.example.com succeeds only if the SAN names that host.
    let mut roots = RootCertStore::empty();
    roots.add(cert).unwrap();
    let config = client(provider())
        .with_root_certificates(roots)
        .with_no_client_auth();
    let greeting =
        greeting_over_tls(port, config.clone(), HOST).expect("a certificate valid for mail.example.com");
    assert_eq!(greeting, "220 mail.example.com ESMTP Postfix\r\n");
    assert!(
        greeting_over_tls(port, config, "other.example.org").is_err(),
        "and for no other host"
    );
}

#[test]
fn serve_profile_answers_as_that_server_and_names_it() {
    use std::io::{BufRead, BufReader, Write};
    let server = start(&["--profile", "gmail"]);
    let stream = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(
        line.starts_with("220 smtp.gmail.com ESMTP ") && line.ends_with(" - gsmtp\r\n"),
        "{line:?}"
    );
    (&stream).write_all(b"MAIL FROM:<alice@gmail.com>\r\n").unwrap();
    line.clear();
    reader.read_line(&mut line).unwrap();
    assert!(
        line.starts_with("530 5.7.0 Must issue a STARTTLS command first. "),
        "{line:?}"
    );
    let log = server.log_with("answers (profile gmail)");
    assert!(
        log.contains("Gmail (smtp.gmail.com:587) answers (profile gmail)"),
        "{log}"
    );

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_smtplab"))
        .args(["serve", "--profile", "exchange"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("no profile \"exchange\"; the profiles are postfix, exim, gmail, microsoft365"));
}
