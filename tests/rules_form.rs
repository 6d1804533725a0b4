//! The failure-rule form: fields become a rule the engine checks, wrong fields are named,
//! and rules read back as sentences.

use smtplab_engine::rules::Effect;
use smtplab_engine::{EnhancedCode, Verb};
use smtplab_web::components::rules::{describe, rule_from};
use smtplab_web::i18n::Texts;

#[test]
fn the_form_builds_the_rule_it_shows() {
    let rule = rule_from(
        "RCPT",
        "bob@*",
        "2",
        "50",
        "reply",
        "451",
        "4.3.0",
        "Error: queue file write error",
        "",
    )
    .unwrap();
    assert_eq!(rule.verb, Some(Verb::Rcpt));
    assert_eq!(
        rule.then,
        Effect::Reply {
            code: 451,
            enhanced: Some(EnhancedCode(4, 3, 0)),
            text: "Error: queue file write error".into()
        }
    );
    let texts = Texts::english();
    assert_eq!(describe(&texts, &rule), "RCPT for bob@* (only match number 2, 50% of the time): answer 451 4.3.0 Error: queue file write error");
    // In Italian, with the reply it answers untouched (the wire).
    let italian = Texts::from_checkout(smtplab_web::i18n::Lang::It);
    assert_eq!(
        describe(&italian, &rule),
        "RCPT per bob@* (solo l'occorrenza numero 2, con probabilità 50%): risponde 451 4.3.0 Error: queue file write error"
    );
    let error = rule_from("RCPT", "", "two", "", "reply", "451", "", "x", "").unwrap_err();
    assert_eq!(error.say(&italian), "nth: \"two\" non è un numero intero");
    let drop = rule_from("", "", "", "", "disconnect", "", "", "", "").unwrap();
    assert_eq!(
        describe(&texts, &drop),
        "any command: drop the connection without a word"
    );
    let late = rule_from("DATA", "", "", "", "delay", "", "", "", "2500").unwrap();
    assert_eq!(describe(&texts, &late), "DATA: answer normally, 2500 ms later");
}

#[test]
fn wrong_fields_are_named() {
    let cases = [
        (
            ["RCPT", "", "", "", "reply", "700", "", "x", ""],
            "then.code: 700 is not an SMTP reply code",
        ),
        (
            ["RCPT", "", "", "", "reply", "451", "4.x", "x", ""],
            "then.enhanced: \"4.x\" is not class.subject.detail",
        ),
        (
            ["RCPT", "", "", "", "reply", "451", "5.7.1", "x", ""],
            "then.enhanced: the enhanced code's class 5 does not fit code 451",
        ),
        (
            ["RCPT", "", "", "", "reply", "451", "", " ", ""],
            "then.text: one line",
        ),
        (
            ["RCPT", "", "0", "", "reply", "451", "", "x", ""],
            "nth: counts from 1",
        ),
        (
            ["RCPT", "", "", "300", "reply", "451", "", "x", ""],
            "percent: at most 100",
        ),
        (
            ["RCPT", "", "two", "", "reply", "451", "", "x", ""],
            "nth: \"two\" is not a whole number",
        ),
        (
            ["", "", "", "", "delay", "", "", "", "99999999"],
            "then.ms: at most",
        ),
    ];
    for ([verb, address, nth, percent, effect, code, enhanced, text, ms], expected) in cases {
        let error = rule_from(verb, address, nth, percent, effect, code, enhanced, text, ms)
            .unwrap_err()
            .english();
        assert!(error.starts_with(expected), "{error}");
    }
}
