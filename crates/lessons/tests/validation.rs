//! Validation: a table of broken lessons, each with the message it must get; and the
//! check language's semantics on small scripted sessions.

use serde_json::{json, Value};
use smtplab_lessons::{run_script, Lesson};

/// A valid lesson to break one field at a time.
fn base() -> Value {
    json!({
        "id": "base",
        "title": {"en": "Base", "it": "Base"},
        "intro": {"en": "A lesson."},
        "steps": [
            {"goal": {"en": "Greet"}, "hints": [{"en": "EHLO"}], "reveal_after": 2,
             "show_me": {"en": "EHLO x"}, "learned": {"en": "Hello."},
             "check": {"reply": "EHLO", "code": 250}},
            {"goal": {"en": "Quit"}, "check": {"event": "disconnected"}},
            {"goal": {"en": "Log in"}, "check": {"all": [{"event": "authenticated", "mechanism": "LOGIN"}]}}
        ]
    })
}

fn with(mut lesson: Value, pointer: &str, value: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match lesson.pointer_mut(parent).unwrap_or_else(|| panic!("{pointer}")) {
        Value::Object(map) => drop(map.insert(key.to_string(), value)),
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
        _ => panic!("{pointer}"),
    }
    lesson
}

fn without(mut lesson: Value, pointer: &str) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    lesson
        .pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(key);
    lesson
}

#[test]
fn the_base_lesson_is_valid_and_keeps_italian() {
    let lesson = Lesson::from_json(&base().to_string()).unwrap();
    assert_eq!(lesson.title.get("it"), "Base");
    assert_eq!(
        lesson.intro.get("it"),
        "A lesson.",
        "a missing language falls back to English"
    );
    assert_eq!(lesson.steps[0].hints_shown(0, 0), 0);
    assert_eq!(
        lesson.steps[0].hints_shown(2, 0),
        1,
        "revealed after two failures"
    );
    assert_eq!(lesson.steps[0].hints_shown(0, 5), 1, "never more than there are");
}

#[test]
fn broken_lessons_say_where_and_what() {
    let cases: Vec<(Value, &str)> = vec![
        (with(base(), "/steps/2/check/all/0/event", json!("Authed")),
         "steps[2].check.all[0]: unknown event 'Authed' (expected one of: phase-changed, tls-established, authenticated, transaction-started, transaction-aborted, recipient-accepted, recipient-rejected, message-accepted, pipelined, error-counted, disconnected)"),
        (json!("a string"), "expected an object, found a string"),
        (without(base(), "/id"), "missing field 'id'"),
        (with(base(), "/id", json!("Bad Id")), "id: 'Bad Id' is not an id: 1 to 64 lower-case letters, digits and dashes"),
        (with(base(), "/title", json!("Base")), "title: expected a map from language to text, e.g. {\"en\": \"…\"}"),
        (with(base(), "/title", json!({"it": "Base"})), "title: missing 'en': every text needs English"),
        (with(base(), "/title/en", json!("  ")), "title.en: empty text"),
        (with(base(), "/title", json!({"en": "x", "Italian": "y"})), "title.Italian: 'Italian' is not a language tag such as en or it"),
        (with(base(), "/steps/0/goal/en", json!(3)), "steps[0].goal.en: expected a string, found a number"),
        (with(base(), "/steps", json!([])), "advice: a scenario (a lesson without steps) needs advice: what a real client does"),
        (with(base(), "/steps/0/reveal_after", json!(0)), "steps[0].reveal_after: 0 is out of range (1 to 1000)"),
        (without(base(), "/steps/1/check"), "steps[1]: missing field 'check'"),
        (with(base(), "/steps/1/chek", json!({})), "steps[1]: unknown field 'chek' (expected one of: goal, hints, reveal_after, show_me, learned, check)"),
        (with(base(), "/steps/1/check", json!({})), "steps[1].check: a check needs one of: all, any, not, in_order, one_session, one_transaction, count, event, reply, delivered, state"),
        (with(base(), "/steps/1/check", json!({"all": [], "any": []})), "steps[1].check: one operator per check, found 'all' and 'any'"),
        (with(base(), "/steps/1/check", json!({"all": []})), "steps[1].check.all: an empty list"),
        (with(base(), "/steps/1/check", json!({"event": "disconnected", "by": "nobody"})), "steps[1].check.by: unknown side 'nobody' (expected one of: client, server)"),
        (with(base(), "/steps/1/check", json!({"event": "tls-established", "user": "a"})), "steps[1].check: event 'tls-established' has no field 'user' (it has: no fields)"),
        (with(base(), "/steps/2/check/all/0/mechanism", json!("XOAUTH2")), "steps[2].check.all[0].mechanism: unknown mechanism 'XOAUTH2' (expected one of: PLAIN, LOGIN, CRAM-MD5)"),
        (with(base(), "/steps/0/check/reply", json!("SEND")), "steps[0].check.reply: unknown command 'SEND' (expected one of: EHLO, HELO, STARTTLS, AUTH, MAIL, RCPT, DATA, BDAT, RSET, VRFY, EXPN, HELP, NOOP, ETRN, QUIT)"),
        (with(base(), "/steps/0/check/code", json!(700)), "steps[0].check.code: 700 is out of range (200 to 599)"),
        (with(base(), "/steps/0/check", json!({"reply": "any", "code": 550, "class": 4})), "steps[0].check.class: class 4 does not fit code 550"),
        (with(base(), "/steps/0/check", json!({"reply": "any", "enhanced": "5.1"})), "steps[0].check.enhanced: '5.1' is not an enhanced status code such as 5.1.1"),
        (with(base(), "/steps/0/check", json!({"count": {"not": {"event": "pipelined"}}, "at_least": 2})), "steps[0].check.count: count counts an event, a reply or a delivery, not a combination"),
        (with(base(), "/steps/0/check", json!({"count": {"event": "pipelined"}})), "steps[0].check: missing field 'at_least'"),
        (with(base(), "/steps/0/check", json!({"delivered": "bob", "header": "Subject"})), "steps[0].check.header: expected 'Name: pattern', e.g. 'Subject: *hello*'"),
        (with(base(), "/steps/0/check", json!({"state": {"phase": "sleeping"}})), "steps[0].check.state.phase: unknown phase 'sleeping' (expected one of: disconnected, connected, greeted, mail, rcpt, data, bdat, auth, tls-handshake, closed)"),
        (with(base(), "/steps/0/check", json!({"state": {}})), "steps[0].check.state: name at least one of: phase, tls, authenticated, user, greeted_with, transaction"),
        (with(base(), "/steps/0/check", json!({"state": {"greeted_with": "MAIL"}})), "steps[0].check.state.greeted_with: HELO or EHLO"),
        (with(base(), "/steps/0/check", json!({"event": "transaction-aborted", "why": "message-refused", "by": "RSET"})), "steps[0].check.by: only a reset is by a command"),
        (with(base(), "/steps/0/check", json!([1])), "steps[0].check: expected a check (an object), found an array"),
        (with(base(), "/world", json!({"hostname": " "})), "world.hostname: \" \" is not a host name"),
        (with(base(), "/world", json!({"colour": "red"})), "world: unknown field `colour`"),
        (with(base(), "/profile", json!("sendmail")), "profile: unknown profile 'sendmail' (expected one of: "),
        (with(base(), "/rules", json!([{"verb": "Data", "then": {"reply": {"code": 354, "text": "go"}}}])), "rules[0].then.code: 354 asks for more input; a rule may answer 2xx, 4xx or 5xx"),
        (with(base(), "/rules", json!([{"verb": "Data"}])), "rules[0]: missing field `then`"),
        (with(base(), "/budget", json!(0)), "budget: 0 is out of range (1 to 10000)"),
        (with(base(), "/seed", json!(-1)), "seed: expected a whole number from 0 to 18446744073709551615, found -1"),
        (with(base(), "/steps/0/hints", json!("EHLO")), "steps[0].hints: expected an array, found a string"),
    ];
    let mut wrong = Vec::new();
    for (lesson, expected) in &cases {
        match Lesson::from_json(&lesson.to_string()) {
            Ok(_) => wrong.push(format!("accepted, expected: {expected}")),
            Err(e) if !e.to_string().starts_with(expected) => {
                wrong.push(format!("got:      {e}\nexpected: {expected}"))
            }
            Err(_) => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(Lesson::from_json("{")
        .unwrap_err()
        .to_string()
        .starts_with("not JSON: "));
    let nested = "{\"not\":".repeat(200) + "{}" + &"}".repeat(200);
    let deep = base()
        .to_string()
        .replace("{\"event\":\"disconnected\"}", &nested);
    assert!(
        Lesson::from_json(&deep).is_err(),
        "deep nesting is an error, not a stack overflow"
    );
}

/// A one-step lesson with this check, graded on a script.
fn passes(check: Value, script: &str) -> bool {
    let lesson = json!({"id": "t", "title": {"en": "t"}, "intro": {"en": "t"},
                        "world": {"policy": {"greylisting": null}},
                        "steps": [{"goal": {"en": "t"}, "check": check}]});
    let lesson = Lesson::from_json(&lesson.to_string()).unwrap();
    run_script(&lesson, script).progress.is_complete(&lesson)
}

const TLS: &str = "C: EHLO x\nC: STARTTLS\nT: handshake\nC: EHLO x\n";

#[test]
fn checks_grade_what_the_engine_reported() {
    let login = format!("{TLS}C: AUTH LOGIN\nC: Ym9i\nC: aHVudGVyMg==\n");
    let tls_then_auth = json!({"in_order": [{"event": "tls-established"}, {"event": "authenticated"}]});
    assert!(passes(tls_then_auth.clone(), &login));
    assert!(passes(
        json!({"event": "authenticated", "mechanism": "login", "user": "b*"}),
        &login
    ));
    assert!(!passes(
        json!({"event": "authenticated", "mechanism": "PLAIN"}),
        &login
    ));
    assert!(passes(
        json!({"state": {"tls": true, "authenticated": true, "user": "bob"}}),
        &login
    ));
    assert!(!passes(
        json!({"state": {"authenticated": true, "tls": false}}),
        &login
    ));
    // AUTH before TLS fails; the order matters.
    assert!(!passes(
        json!({"in_order": [{"event": "authenticated"}, {"event": "tls-established"}]}),
        &login
    ));
    // HELO where EHLO is not the point still passes a check on the message.
    let helo =
        "C: HELO x\nC: MAIL FROM:<a@example.org>\nC: RCPT TO:<bob@example.com>\nC: DATA\nC: hi\nC: .\n";
    assert!(passes(
        json!({"delivered": "bob", "from": "*@example.org", "body_line": "hi"}),
        helo
    ));
    assert!(!passes(json!({"delivered": "alice"}), helo));
    assert!(!passes(json!({"state": {"greeted_with": "EHLO"}}), helo));
    assert!(passes(json!({"state": {"greeted_with": "HELO"}}), helo));
}

#[test]
fn not_and_in_order_and_count() {
    let two = "C: EHLO x\nC: MAIL FROM:<a@example.org>\nC: RCPT TO:<bob@example.com>\nC: RCPT TO:<alice@example.com>\nC: RSET\n";
    assert!(passes(
        json!({"count": {"event": "recipient-accepted"}, "at_least": 2}),
        two
    ));
    assert!(!passes(
        json!({"count": {"event": "recipient-accepted"}, "at_least": 3}),
        two
    ));
    assert!(passes(json!({"not": {"event": "message-accepted"}}), two));
    // A step passes the moment its check holds, so `not` needs a later positive item:
    // "after the reset, no new transaction before QUIT".
    let after = json!({"in_order": [{"event": "transaction-aborted", "why": "reset", "by": "RSET"},
                                    {"all": [{"not": {"event": "transaction-started"}},
                                             {"reply": "QUIT"}]}]});
    assert!(passes(after.clone(), &format!("{two}C: QUIT\n")));
    assert!(!passes(
        after,
        &format!("{two}C: MAIL FROM:<a@example.org>\nC: QUIT\n")
    ));
    assert!(passes(
        json!({"any": [{"event": "tls-established"}, {"reply": "RSET", "code": 250}]}),
        two
    ));
    assert!(!passes(
        json!({"all": [{"event": "tls-established"}, {"reply": "RSET", "code": 250}]}),
        two
    ));
}

#[test]
fn a_503_then_a_message_in_one_session_and_one_transaction() {
    let check =
        json!({"one_session": {"in_order": [{"reply": "any", "code": 503}, {"event": "message-accepted"}]}});
    let recovered = "C: EHLO x\nC: MAIL FROM:<a@example.org>\nC: MAIL FROM:<a@example.org>\nC: RCPT TO:<bob@example.com>\nC: DATA\nC: hi\nC: .\n";
    assert!(passes(check.clone(), recovered));
    let no_error =
        "C: EHLO x\nC: MAIL FROM:<a@example.org>\nC: RCPT TO:<bob@example.com>\nC: DATA\nC: hi\nC: .\n";
    assert!(!passes(check.clone(), no_error));
    let wrong_order = format!("{no_error}C: RCPT TO:<bob@example.com>\n");
    assert!(!passes(check, &wrong_order), "the 503 came after the message");
    let chunks = json!({"one_transaction": {"count": {"reply": "BDAT", "code": 250}, "at_least": 2}});
    let two_messages = "C: EHLO x\nC: MAIL FROM:<a@example.org>\nC: RCPT TO:<bob@example.com>\nC: BDAT 2 LAST\nR: hi\nC: MAIL FROM:<a@example.org>\nC: RCPT TO:<bob@example.com>\nC: BDAT 2 LAST\nR: hi\n";
    assert!(!passes(chunks.clone(), two_messages));
    let two_chunks = "C: EHLO x\nC: MAIL FROM:<a@example.org>\nC: RCPT TO:<bob@example.com>\nC: BDAT 1\nR: h\nC: BDAT 1 LAST\nR: i\n";
    assert!(passes(chunks, two_chunks));
}

#[test]
fn pipelining_and_hidden_recipients() {
    let pipelined = "C: EHLO x\nR: MAIL FROM:<a@example.org>\\r\\nRCPT TO:<bob@example.com>\\r\\nDATA\\r\\n\nC: hi\nC: .\n";
    let check = json!({"event": "pipelined", "includes": ["MAIL", "RCPT", "DATA"]});
    assert!(passes(check.clone(), pipelined));
    assert!(!passes(
        check,
        "C: EHLO x\nC: MAIL FROM:<a@example.org>\nC: RCPT TO:<bob@example.com>\nC: DATA\n"
    ));
    let bcc = json!({"delivered": "*", "hidden_recipient": true});
    let send = |to: &str| {
        format!("C: EHLO x\nC: MAIL FROM:<a@example.org>\nC: RCPT TO:<alice@example.com>\nC: RCPT TO:<bob@example.com>\nC: DATA\n{to}C:\nC: hi\nC: .\n")
    };
    assert!(passes(bcc.clone(), &send("C: To: alice@example.com\n")));
    assert!(!passes(
        bcc.clone(),
        &send("C: To: alice@example.com, bob@example.com\n")
    ));
    assert!(!passes(
        bcc,
        &send("C: To: alice@example.com\nC: Cc: Bob <bob@example.com>\n")
    ));
}

#[test]
fn replies_are_graded_by_command_and_code_never_by_text() {
    let script = "C: EHLO x\nC: EXPN postmaster\nC: FOO\nC: VRFY bob\n";
    assert!(passes(
        json!({"reply": "EXPN", "code": 500, "enhanced": "5.5.2"}),
        script
    ));
    assert!(
        passes(json!({"reply": "none", "class": 5}), script),
        "FOO is no command"
    );
    assert!(!passes(json!({"reply": "HELP"}), script));
    assert!(passes(json!({"reply": "VRFY", "code": 252}), script));
}

/// The complete example in `docs/lessons.md` is valid, and solvable.
#[test]
fn the_documented_example_is_a_valid_lesson() {
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/lessons.md")).unwrap();
    let start = docs.find("```json\n").unwrap() + 8;
    let end = start + docs[start..].find("```").unwrap();
    let lesson = Lesson::from_json(&docs[start..end]).unwrap();
    assert_eq!(lesson.title.get("it"), "Accedere in sicurezza");
    let script = format!("{TLS}C: AUTH LOGIN\nC: Ym9i\nC: aHVudGVyMg==\n");
    assert!(run_script(&lesson, &script).progress.is_complete(&lesson));
}

/// A lesson that names a profile starts from its preset world; `world` replaces fields of
/// it one by one, and an unknown field is still an error.
#[test]
fn a_profile_starts_from_its_preset_world_and_world_fields_go_on_top() {
    use smtplab_engine::world::Profile;
    use smtplab_engine::World;
    let gmail = Lesson::from_json(&with(base(), "/profile", json!("gmail")).to_string()).unwrap();
    assert_eq!(gmail.world, World::preset(Profile::Gmail));
    assert!(gmail.world.policy.tls_required && gmail.world.policy.auth_required);
    let lesson = with(base(), "/profile", json!("gmail"));
    let lesson = with(
        lesson,
        "/world",
        json!({"policy": {"vrfy_enabled": false}, "limits": {"recipients": 5}}),
    );
    let world = Lesson::from_json(&lesson.to_string()).unwrap().world;
    assert!(world.policy.tls_required && !world.policy.vrfy_enabled);
    assert_eq!(
        (world.limits.recipients, world.limits.message_size),
        (5, 35_882_577)
    );
    let reference =
        Lesson::from_json(&with(base(), "/world", json!({"limits": {"recipients": 5}})).to_string()).unwrap();
    assert_eq!(reference.world.hostname, "mail.example.com");
    let bad = with(base(), "/world", json!({"policy": {"pipelinig": false}}));
    let error = Lesson::from_json(&bad.to_string()).unwrap_err().to_string();
    assert!(
        error.starts_with("world.policy: unknown field `pipelinig`"),
        "{error}"
    );
    let notice = with(base(), "/world", json!({"greeting_notice": ["hello"]}));
    let error = Lesson::from_json(&notice.to_string()).unwrap_err().to_string();
    assert!(error.starts_with("world.greeting_notice: Postfix"), "{error}");
}
