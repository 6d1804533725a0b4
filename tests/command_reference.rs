//! The Commands tab teaches what the lab's server does: each claim of a command's text is
//! checked against the engine here, in both languages.

use std::rc::Rc;

use smtplab_engine::{Phase, ReplyKind};
use smtplab_web::i18n::{Lang, Texts};
use smtplab_web::state::{Action, Entry, Lab, Step};
use yew::Reducible;

fn send(lab: Rc<Lab>, line: &str) -> Rc<Lab> {
    lab.reduce(Action::Do(Step::Send {
        line: line.into(),
        now: 1_000,
    }))
}

fn last_kind(lab: &Lab) -> ReplyKind {
    lab.entries
        .iter()
        .rev()
        .find_map(|e| match e {
            Entry::Server { reply, .. } => Some(reply.kind.clone()),
            _ => None,
        })
        .unwrap()
}

#[test]
fn vrfy_tells_who_does_not_exist_and_the_reference_says_so() {
    let lab = send(Rc::new(Lab::connected(0, 1)), "VRFY alice");
    assert!(matches!(last_kind(&lab), ReplyKind::CannotVerify { .. }), "252");
    let lab = send(lab, "VRFY nobody");
    assert!(matches!(last_kind(&lab), ReplyKind::UserUnknown { .. }), "550");
    let (en, it) = (Texts::english(), Rc::new(Texts::from_checkout(Lang::It)));
    let said = en.get("command-vrfy", &[]);
    assert!(!said.contains("never confirms"), "{said}");
    assert!(
        said.contains("252") && said.contains("550") && said.contains("who does not exist"),
        "{said}"
    );
    let said = it.get("command-vrfy", &[]);
    assert!(
        said.contains("252") && said.contains("550") && said.contains("chi non esiste"),
        "{said}"
    );
    for texts in [&en, &it] {
        let said = texts.get("reply-cannot-verify", &[]);
        assert!(said.contains("550"), "a 252 is read against the 550: {said}");
    }
}

#[test]
fn ehlo_ends_the_transaction_but_keeps_login_and_tls_and_the_reference_says_so() {
    let lab = send(Rc::new(Lab::connected(0, 1)), "EHLO client.example.org");
    let lab = send(lab, "STARTTLS");
    let lab = lab.reduce(Action::Do(Step::Handshake { now: 1_000 }));
    let lab = send(lab, "EHLO client.example.org");
    let lab = send(lab, "AUTH PLAIN AGFsaWNlAHMzY3JldA==");
    let lab = send(lab, "MAIL FROM:<alice@example.com>");
    assert_eq!(lab.phase(), Phase::Mail);
    let lab = send(lab, "EHLO client.example.org");
    assert_eq!(lab.phase(), Phase::Greeted, "the transaction is gone");
    assert!(lab.session.tls_active(), "TLS stays");
    assert_eq!(lab.session.authenticated_as(), Some("alice"), "the login stays");
    let (en, it) = (Texts::english(), Rc::new(Texts::from_checkout(Lang::It)));
    for (id, texts, transaction) in [
        ("command-ehlo", &en, "mail transaction"),
        ("command-helo", &en, "mail transaction"),
        ("command-ehlo", &it, "transazione di posta"),
        ("command-helo", &it, "transazione di posta"),
    ] {
        let said = texts.get(id, &[]);
        assert!(said.contains(transaction) && said.contains("RSET"), "{said}");
        assert!(!said.contains("session") && !said.contains("sessione"), "{said}");
    }
}
