//! Italian that reads as Italian where the audit found calques: a phase's name follows
//! "Fase:" (feminine) and so is a noun, "reale" does not dangle after a version's
//! parenthesis, and a whole sentence does not follow a colon with its capital.

use smtplab_engine::Phase;
use smtplab_web::i18n::{Lang, Texts};
use smtplab_web::t;

const PHASES: [Phase; 10] = [
    Phase::Disconnected,
    Phase::Connected,
    Phase::Greeted,
    Phase::Mail,
    Phase::Rcpt,
    Phase::Data,
    Phase::Bdat,
    Phase::Auth,
    Phase::TlsHandshake,
    Phase::Closed,
];

#[test]
fn phase_names_after_fase_are_nouns_not_masculine_participles() {
    let it = Texts::from_checkout(Lang::It);
    for phase in PHASES {
        let name = it.get(phase.message(), &[]);
        let pill = t!(it, "pill-phase", phase = name.as_str());
        for participle in ["Disconnesso", "Connesso", "Salutato", "Chiuso"] {
            assert!(!pill.ends_with(participle), "{pill:?}: \"fase\" is feminine");
        }
    }
    assert_eq!(
        t!(it, "pill-phase", phase = it.get(Phase::Greeted.message(), &[])),
        "Fase: Saluto ricevuto"
    );
    let sequence = t!(
        it,
        "explain-sequence-text",
        phase = it.get(Phase::Greeted.message(), &[]),
        got = "RCPT",
        waiting = it.get("phase-greeted.waiting", &[])
    );
    assert!(
        sequence.starts_with("Fase della sessione: Saluto ricevuto. È arrivato RCPT"),
        "{sequence}"
    );
}

#[test]
fn recorded_from_the_real_server_puts_vero_before_its_name() {
    let it = Texts::from_checkout(Lang::It);
    let said = t!(it, "explain-source-recorded", server = "Postfix 3.7 (Debian 12)");
    assert_eq!(said, "Registrato dal vero Postfix 3.7 (Debian 12).");
}

#[test]
fn step_passed_puts_no_capital_after_a_colon() {
    let it = Texts::from_checkout(Lang::It);
    let learned = "Il server ha risposto 250: sa chi sei e, con EHLO, ha elencato cosa sa fare.";
    let said = t!(it, "lesson-step-passed", step = 1, learned = learned);
    assert_eq!(said, format!("Passo 1 superato. {learned}"));
    let colon_capital = said
        .match_indices(": ")
        .any(|(at, _)| said[at + 2..].starts_with(|c: char| c.is_uppercase()));
    assert!(!colon_capital, "{said}");
}
