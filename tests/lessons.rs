//! Lessons in the app, natively: the Markdown subset (never HTML), the catalog, the
//! grading of a lab's session from its outputs, "Show me"'s pieces, and saved progress
//! (a round trip, and recovery from a record that does not decode).

use std::rc::Rc;

use smtplab_lessons::Lesson;
use smtplab_web::i18n::{Lang, Texts};
use smtplab_web::lessons::{self, Catalog, Keys, Record, Shown};
use smtplab_web::markdown::{blocks, inlines, Block, Inline};
use smtplab_web::state::{Action, Lab, Panel, Step};
use yew::Reducible;

fn asset(name: &str) -> String {
    std::fs::read_to_string(format!("{}/assets/lessons/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn first_message() -> Rc<Lesson> {
    Rc::new(Lesson::from_json(&asset("first-message.json")).unwrap())
}

fn send(lab: Rc<Lab>, line: &str, now: u64) -> Rc<Lab> {
    lab.reduce(Action::Do(Step::Send {
        line: line.into(),
        now,
    }))
}

/// The lab after the learner typed the first `lines` of lesson 1's solution.
fn typed(lines: &[&str]) -> Rc<Lab> {
    let mut lab = Rc::new(lessons::fresh(first_message(), 1_000));
    for (i, line) in lines.iter().enumerate() {
        lab = send(lab, line, 2_000 + i as u64 * 1000);
    }
    lab
}

#[test]
fn the_markdown_subset_is_read_and_nothing_else() {
    let text = "# Title\n\nA *first* `EHLO` and **strong** words\ngo on here.\n\n- one\n- two `x`\n\n## Sub";
    assert_eq!(
        blocks(text),
        vec![
            Block::Heading(1, vec![Inline::Text("Title".into())]),
            Block::Paragraph(vec![
                Inline::Text("A ".into()),
                Inline::Emphasis("first".into()),
                Inline::Text(" ".into()),
                Inline::Code("EHLO".into()),
                Inline::Text(" and ".into()),
                Inline::Strong("strong".into()),
                Inline::Text(" words go on here.".into()),
            ]),
            Block::List(vec![
                vec![Inline::Text("one".into())],
                vec![Inline::Text("two ".into()), Inline::Code("x".into())],
            ]),
            Block::Heading(2, vec![Inline::Text("Sub".into())]),
        ]
    );
    // Unclosed marks and markup stay text.
    assert_eq!(inlines("a * b `c"), vec![Inline::Text("a * b `c".into())]);
    assert_eq!(
        inlines("`<b>**x**</b>`"),
        vec![Inline::Code("<b>**x**</b>".into())],
        "nothing inside code is read"
    );
    assert_eq!(
        blocks("#not a heading"),
        vec![Block::Paragraph(vec![Inline::Text("#not a heading".into())])]
    );
}

#[derive(yew::Properties, PartialEq)]
struct TextProps {
    text: String,
}

#[yew::function_component(Rendered)]
fn rendered(props: &TextProps) -> yew::Html {
    smtplab_web::markdown::render(&props.text)
}

#[yew::function_component(RenderedInline)]
fn rendered_inline(props: &TextProps) -> yew::Html {
    smtplab_web::markdown::render_inline(&props.text)
}

/// Goals, hints and what a step taught quote replies in backticks: code, not backticks.
#[tokio::test]
async fn a_steps_texts_show_their_code_and_never_html() {
    let exim = Lesson::from_json(&asset("through-exim.json")).unwrap();
    let learned = lessons::said(exim.steps[0].learned.as_ref().unwrap(), Lang::It).to_string();
    assert!(learned.contains("`503 HELO or EHLO required`"), "{learned}");
    let html = yew::ServerRenderer::<RenderedInline>::with_props(move || TextProps { text: learned })
        .render()
        .await;
    assert!(html.contains("<code>503 HELO or EHLO required</code>"), "{html}");
    assert!(!html.contains('`') && !html.contains("<p>"), "{html}");
    let text = "**<b>x</b>** `<i>` <script>";
    let html = yew::ServerRenderer::<RenderedInline>::with_props(move || TextProps { text: text.into() })
        .hydratable(false)
        .render()
        .await;
    assert_eq!(
        html,
        "<strong>&lt;b&gt;x&lt;/b&gt;</strong> <code>&lt;i&gt;</code> &lt;script&gt;"
    );
}

#[tokio::test]
async fn lesson_texts_cannot_inject_html() {
    let text = "<script>alert(1)</script>\n\n- <img src=x onerror=alert(1)>\n\n**<b>bold</b>** `<i>` [link](javascript:alert(1))";
    let html = yew::ServerRenderer::<Rendered>::with_props(move || TextProps { text: text.into() })
        .render()
        .await;
    for raw in ["<script", "<img", "<b>", "<i>", "<a"] {
        assert!(!html.contains(raw), "{raw} came through: {html}");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
    assert!(
        html.contains("<strong>&lt;b&gt;bold&lt;/b&gt;</strong>"),
        "{html}"
    );
    assert!(html.contains("<code>&lt;i&gt;</code>"), "{html}");
    assert!(
        html.contains("<li>&lt;img src=x onerror=alert(1)&gt;</li>"),
        "{html}"
    );
}

#[test]
fn the_catalog_lists_every_lesson_file_and_refuses_paths() {
    let catalog = Catalog::parse(&asset("index.json")).unwrap();
    assert!(
        catalog.lessons.len() >= 17,
        "14 topics and one per non-Postfix profile"
    );
    assert!(catalog.scenarios.len() >= 13);
    for entry in catalog.lessons.iter().chain(&catalog.scenarios) {
        let lesson = Lesson::from_json(&asset(&entry.file)).unwrap();
        assert_eq!(lesson.id, entry.id);
        assert_eq!(lesson.steps.len(), entry.steps, "{}", entry.id);
        assert_eq!(entry.url(), format!("lessons/{}", entry.file));
    }
    assert_eq!(
        catalog.find("first-message").unwrap().title(Lang::En),
        "Your first message"
    );
    assert_eq!(
        catalog.find("first-message").unwrap().title(Lang::It),
        "Il tuo primo messaggio"
    );
    for file in [
        "../secret.json",
        "a/b.json",
        "x.js",
        ".json",
        "https://evil.example/x.json",
    ] {
        let index = format!(
            r#"{{"lessons": [{{"id": "x", "file": "{file}", "title": {{"en": "X"}}}}], "scenarios": []}}"#
        );
        assert!(Catalog::parse(&index).is_err(), "{file}");
    }
}

#[test]
fn a_lesson_is_graded_from_the_labs_outputs_as_the_learner_types() {
    let lab = typed(&[]);
    let grading = lab.grading.as_ref().unwrap();
    assert_eq!(grading.progress.current(), 0, "the greeting passes nothing");
    assert_eq!(lab.panel, Panel::Lessons);
    let lab = typed(&["HELO pc", "MAIL FROM:<alice@example.com>"]);
    assert_eq!(
        lab.grading.as_ref().unwrap().progress.current(),
        2,
        "HELO passes step 1 too"
    );
    let mut lab = typed(&[
        "EHLO pc",
        "MAIL FROM:<alice@example.com>",
        "RCPT TO:<bob@example.com>",
        "DATA",
    ]);
    lab = lab.reduce(Action::Do(Step::Message {
        text: "Subject: Hello\n\nHi Bob.".into(),
        raw: false,
        now: 9_000,
    }));
    lab = send(lab, "QUIT", 10_000);
    let grading = lab.grading.as_ref().unwrap();
    assert!(grading.is_complete());
    assert_eq!(
        grading.progress.commands(),
        5,
        "the message's lines are not commands"
    );
    assert_eq!(grading.progress.errors(), 0);
    assert_eq!(grading.hints_used(&[]), 0);
}

#[test]
fn hints_count_what_was_asked_and_what_failures_revealed() {
    let lab = typed(&[
        "NOOP x",
        "EHLO pc",
        "RCPT TO:<bob@example.com>",
        "FOO",
        "MAIL FROM:<a@example.com>",
    ]);
    let grading = lab.grading.as_ref().unwrap();
    assert_eq!(grading.progress.current(), 2);
    // Step 2 (MAIL) saw two errors with reveal_after 2: one hint showed by itself.
    assert_eq!(grading.progress.failures_in(1), 2);
    assert_eq!(grading.hints_used(&[1, 0, 0]), 2);
    assert_eq!(grading.hints_used(&[0, 2, 0]), 2);
}

#[test]
fn stepping_back_and_branching_regrades_from_the_start() {
    let lab = typed(&["EHLO pc", "MAIL FROM:<alice@example.com>"]);
    assert_eq!(lab.grading.as_ref().unwrap().progress.current(), 2);
    let past = lab.replayed(1);
    assert_eq!(past.grading.as_ref().unwrap().progress.current(), 1);
}

#[test]
fn progress_is_saved_and_continues_after_a_reload() {
    let lab = typed(&["EHLO pc", "MAIL FROM:<alice@example.com>"]);
    let record = Record::of(&lab, &[1], None, None).unwrap();
    assert_eq!((record.passed, record.steps), (2, 5));
    let raw = record.encode();
    let back = Record::decode(&raw).unwrap();
    assert_eq!(back, record);
    let restored = lessons::restore(first_message(), &back).unwrap();
    assert_eq!(
        restored.grading, lab.grading,
        "the replay grades exactly as the session did"
    );
    assert_eq!(restored.steps, lab.steps);
    let restored = send(Rc::new(restored), "RCPT TO:<bob@example.com>", 50_000);
    assert_eq!(restored.grading.as_ref().unwrap().progress.current(), 3);
}

#[test]
fn a_record_that_does_not_decode_is_refused_with_a_reason() {
    for raw in [
        "",
        "{",
        "null",
        "[]",
        r#"{"v": 1}"#,
        r#"{"v": 9, "lab": "", "passed": 0, "steps": 0}"#,
    ] {
        assert!(Record::decode(raw).is_err(), "{raw}");
    }
    assert_eq!(
        Record::decode(r#"{"v": 9, "lab": "", "passed": 0, "steps": 0}"#).unwrap_err(),
        "it is in format version 9"
    );
    // A record whose lab is damaged: restoring says why, and the app starts the lesson again.
    let record = Record {
        v: 1,
        lab: r#"{"version": 2, "session": {"v": 1, "s": "x"}}"#.into(),
        ..Record::default()
    };
    assert!(lessons::restore(first_message(), &record).is_err());
    let record = Record {
        v: 1,
        lab: "not json".into(),
        ..Record::default()
    };
    assert!(lessons::restore(first_message(), &record).is_err());
}

#[test]
fn lesson_keys_live_under_the_labs_key() {
    let keys = Keys::new("smtplab.lab");
    assert_eq!(keys.record("bdat"), "smtplab.lab.lesson.bdat");
    assert_eq!(keys.record_id("smtplab.lab.lesson.bdat"), Some("bdat"));
    assert_eq!(keys.record_id("smtplab.lab.lesson-active"), None);
    assert_eq!(keys.record_id("smtplab.embed.1.lesson.bdat"), None);
}

#[test]
fn show_me_splits_a_solution_into_lines_and_the_message() {
    assert_eq!(lessons::solution("QUIT"), vec![Shown::Line("QUIT".into())]);
    assert_eq!(
        lessons::solution("MAIL FROM:<a@b>\r\nDATA\r\nSubject: Hi\r\n\r\nHi Bob.\r\n."),
        vec![
            Shown::Line("MAIL FROM:<a@b>".into()),
            Shown::Line("DATA".into()),
            Shown::Message("Subject: Hi\n\nHi Bob.".into()),
        ]
    );
    assert_eq!(
        lessons::solution("Subject: fast\r\n\r\nOne round trip.\r\n."),
        vec![Shown::Message("Subject: fast\n\nOne round trip.".into())],
        "a message alone"
    );
    assert_eq!(
        lessons::solution("DATA\r\nSubject: a lone dot\r\n\r\n..\r\n."),
        vec![
            Shown::Line("DATA".into()),
            Shown::Message("Subject: a lone dot\n\n.".into())
        ],
        "the wire's dot-stuffing is undone: the composer stuffs"
    );
}

#[test]
fn durations_read_as_words() {
    let english = Texts::english();
    assert_eq!(lessons::duration(&english, 59_999), "59 s");
    assert_eq!(lessons::duration(&english, 125_000), "2 min 5 s");
    assert_eq!(lessons::duration(&english, 3_725_000), "1 h 2 min");
    assert_eq!(lessons::duration(&italian(), 3_725_000), "1 h 2 min");
}

fn italian() -> Texts {
    Texts::from_checkout(Lang::It)
}

fn message_ids(lang: &str) -> Vec<String> {
    let path = format!("{}/locales/{lang}/lessons.ftl", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let ids = text.lines().filter_map(|line| {
        let (id, _) = line.split_once(" =")?;
        let plain = !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
        plain.then(|| id.to_string())
    });
    ids.collect()
}

#[test]
fn the_lessons_interface_speaks_italian_with_the_same_message_ids() {
    let english = message_ids("en");
    assert!(english.len() > 50, "{english:?}");
    assert_eq!(message_ids("it"), english);
    let italian = italian();
    for id in &english {
        assert!(italian.has(id), "{id}");
    }
    assert_eq!(
        italian.get("lesson-step", &[("step", 2.into()), ("count", 5.into())]),
        "Passo 2 di 5"
    );
    let steps = |texts: &Texts, passed: usize, count: usize| {
        texts.get(
            "lessons-passed",
            &[("passed", passed.into()), ("count", count.into())],
        )
    };
    assert_eq!(steps(&Texts::english(), 0, 1), "0 of 1 step");
    assert_eq!(steps(&Texts::english(), 2, 5), "2 of 5 steps");
    assert_eq!(steps(&italian, 1, 5), "1 passo su 5");
    assert_eq!(steps(&italian, 0, 5), "0 passi su 5");
}

#[test]
fn a_lesson_is_read_in_the_learners_language_and_english_when_it_has_none() {
    let lesson = first_message();
    assert_eq!(lessons::said(&lesson.title, Lang::En), "Your first message");
    assert_eq!(lessons::said(&lesson.title, Lang::It), "Il tuo primo messaggio");
    assert_eq!(
        lessons::said(&lesson.steps[0].goal, Lang::It),
        "Presentati al server."
    );
    assert_eq!(
        lessons::where_in(&italian(), &lesson, 0),
        "Passo 1 di 5: Presentati al server."
    );
    assert_eq!(
        lessons::where_in(&Texts::english(), &lesson, 0),
        "Step 1 of 5: Introduce yourself to the server."
    );
    assert_eq!(lessons::where_in(&italian(), &lesson, 5), "Lezione completata");
    // A teacher's lesson in English only is read in English in an Italian interface.
    let only_english = Lesson::from_json(
        r#"{"id": "x", "title": {"en": "Say NOOP"}, "intro": {"en": "Say it."},
            "steps": [{"goal": {"en": "Send NOOP."}, "check": {"reply": "NOOP", "class": 2}}]}"#,
    )
    .unwrap();
    assert_eq!(lessons::said(&only_english.title, Lang::It), "Say NOOP");
    assert_eq!(
        lessons::where_in(&italian(), &only_english, 0),
        "Passo 1 di 1: Send NOOP."
    );
}

#[test]
fn course_pages_hear_each_step_once_and_the_completion() {
    use smtplab_web::bridge::lesson_events;
    let (sent, mark) = lesson_events(&None, typed(&["EHLO pc"]).grading.as_deref());
    assert!(sent.is_empty(), "a lesson just entered or restored is not news");
    assert_eq!(mark, Some(("first-message".into(), 1)));
    let lab = typed(&[
        "EHLO pc",
        "MAIL FROM:<a@example.com>",
        "RCPT TO:<bob@example.com>",
    ]);
    let (sent, mark) = lesson_events(&mark, lab.grading.as_deref());
    assert_eq!(
        sent,
        [
            r#"{"source":"smtplab","v":1,"type":"lesson-step","payload":{"lesson":"first-message","step":2,"steps":5}}"#,
            r#"{"source":"smtplab","v":1,"type":"lesson-step","payload":{"lesson":"first-message","step":3,"steps":5}}"#,
        ]
    );
    let mut lab = send(lab, "DATA", 20_000);
    lab = lab.reduce(Action::Do(Step::Message {
        text: "Hi".into(),
        raw: false,
        now: 21_000,
    }));
    lab = send(lab, "QUIT", 22_000);
    let (sent, mark) = lesson_events(&mark, lab.grading.as_deref());
    assert_eq!(sent.len(), 3);
    assert_eq!(
        sent[2],
        r#"{"source":"smtplab","v":1,"type":"lesson-completed","payload":{"lesson":"first-message","steps":5,"commands":5,"budget":8,"errors":0}}"#
    );
    assert!(
        lesson_events(&mark, lab.grading.as_deref()).0.is_empty(),
        "said once"
    );
    assert_eq!(lesson_events(&mark, None), (vec![], None), "left the lesson");
}
