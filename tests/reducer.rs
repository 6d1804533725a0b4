//! The reducer and the page, natively: the reducer delegates to the engine, and the page
//! renders the transcript as an accessible log (Yew SSR).

use std::rc::Rc;

use smtplab_web::state::{Action, Lab, Origin};
use smtplab_web::App;
use yew::Reducible;

fn send(lab: Rc<Lab>, line: &str) -> Rc<Lab> {
    lab.reduce(Action::Send {
        line: line.into(),
        now: 1_000,
    })
}

#[test]
fn a_new_lab_shows_the_greeting() {
    let lab = Lab::connected(0, 1);
    assert_eq!(lab.transcript.len(), 1);
    assert_eq!(lab.transcript[0].origin, Origin::Server);
    assert_eq!(lab.transcript[0].text, "220 mail.example.com ESMTP Postfix");
}

#[test]
fn ehlo_appends_the_client_line_and_the_multiline_reply() {
    let lab = send(Rc::new(Lab::connected(0, 1)), "EHLO client.example.org");
    let rows: Vec<_> = lab
        .transcript
        .iter()
        .map(|r| (r.origin, r.text.as_str()))
        .collect();
    assert_eq!(rows[1], (Origin::Client, "EHLO client.example.org"));
    assert_eq!(rows[2], (Origin::Server, "250-mail.example.com"));
    assert_eq!(rows.last(), Some(&(Origin::Server, "250 CHUNKING")));
    assert_eq!(rows.len(), 13);
}

#[test]
fn starttls_is_simulated_and_auth_is_offered_after_it() {
    let mut lab = Rc::new(Lab::connected(0, 1));
    for line in ["EHLO a", "STARTTLS", "EHLO a"] {
        lab = send(lab, line);
    }
    assert!(lab
        .transcript
        .iter()
        .any(|r| r.origin == Origin::Event && r.text.contains("TLS handshake")));
    assert!(lab
        .transcript
        .iter()
        .any(|r| r.text == "250-AUTH PLAIN LOGIN CRAM-MD5"));
}

#[test]
fn input_after_quit_is_refused_with_a_note_not_a_panic() {
    let lab = send(send(Rc::new(Lab::connected(0, 1)), "QUIT"), "NOOP");
    let last = lab.transcript.last().unwrap();
    assert_eq!(last.origin, Origin::Event);
    assert!(
        last.text.starts_with("Not sent: the connection is closed"),
        "{}",
        last.text
    );
}

#[tokio::test]
async fn the_page_renders_a_named_log_and_a_named_input() {
    let html = yew::LocalServerRenderer::<App>::new().render().await;
    assert!(
        html.contains(r#"role="log""#) && html.contains(r#"aria-label="Transcript""#),
        "{html}"
    );
    assert!(html.contains(r#"aria-label="SMTP command""#), "{html}");
    assert!(html.contains(r#"data-from="server""#) && html.contains("220 mail.example.com ESMTP Postfix"));
}
