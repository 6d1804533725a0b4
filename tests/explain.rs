//! The explanation panel and the transcript's badge say what the engine knows about a
//! reply, in the learner's language (Yew SSR): each test is named after the defect a
//! learner met.

use std::rc::Rc;

use smtplab_web::components::explain::Explain;
use smtplab_web::components::transcript_row::Row;
use smtplab_web::entries::Entries;
use smtplab_web::i18n::{Lang, Texts};
use smtplab_web::state::{Action, Entry, Lab, Step};
use yew::prelude::*;
use yew::Reducible;

fn texts(lang: Lang) -> Rc<Texts> {
    match lang {
        Lang::En => Texts::english(),
        _ => Rc::new(Texts::from_checkout(lang)),
    }
}

/// The lab after sending `lines`, one step each.
fn lab_after(lines: &[&str]) -> Rc<Lab> {
    let mut lab = Rc::new(Lab::connected(0, 1));
    for (i, line) in lines.iter().enumerate() {
        lab = lab.reduce(Action::Do(Step::Send {
            line: (*line).into(),
            now: 1_000 * (i as u64 + 1),
        }));
    }
    lab
}

#[derive(Properties, PartialEq)]
struct Shown {
    texts: Rc<Texts>,
    lines: Vec<String>,
}

#[function_component(ExplainLast)]
fn explain_last(props: &Shown) -> Html {
    let lines = props.lines.clone();
    let lab = use_reducer(move || {
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        (*lab_after(&lines)).clone()
    });
    html! {
        <ContextProvider<Rc<Texts>> context={props.texts.clone()}>
            <Explain {lab} />
        </ContextProvider<Rc<Texts>>>
    }
}

/// The explanation of the last reply after `lines`, as HTML.
async fn explained(lang: Lang, lines: &[&str]) -> String {
    let lines = lines.iter().map(|l| l.to_string()).collect();
    yew::LocalServerRenderer::<ExplainLast>::with_props(Shown {
        texts: texts(lang),
        lines,
    })
    .render()
    .await
}

#[derive(Properties, PartialEq)]
struct RowShown {
    texts: Rc<Texts>,
    lines: Vec<String>,
}

#[function_component(LastRow)]
fn last_row(props: &RowShown) -> Html {
    let lines: Vec<&str> = props.lines.iter().map(String::as_str).collect();
    let lab = lab_after(&lines);
    let entries: Entries = lab.entries.iter().cloned().collect();
    let last = (0..entries.len())
        .rev()
        .find(|&i| matches!(entries.get(i), Some(Entry::Server { .. })))
        .expect("a reply");
    let (index, entry) = entries.shared_from(last).next().unwrap();
    html! {
        <ContextProvider<Rc<Texts>> context={props.texts.clone()}>
            <Row {index} {entry} line={0} cols={80} selected={false} found={false} select={Callback::from(|_| ())} />
        </ContextProvider<Rc<Texts>>>
    }
}

/// The transcript row of the last reply after `lines`, as HTML.
async fn last_row_html(lang: Lang, lines: &[&str]) -> String {
    let lines = lines.iter().map(|l| l.to_string()).collect();
    yew::LocalServerRenderer::<LastRow>::with_props(RowShown {
        texts: texts(lang),
        lines,
    })
    .render()
    .await
}

#[tokio::test]
async fn break_rules_221_is_not_called_a_success_nor_a_header_for_a_digit() {
    let html = explained(Lang::En, &["EHLO client.example.org", "1abc"]).await;
    assert!(html.contains("I can break rules, too."), "{html}");
    assert!(!html.contains("2xx: success"), "a hang-up is no success: {html}");
    assert!(html.contains("yet nothing was accepted"), "{html}");
    assert!(!html.contains("mail header"), "1abc is no header: {html}");
    assert!(html.contains("does not start with a letter"), "{html}");
    assert!(html.contains("closes the connection"), "{html}");
    let html = explained(Lang::En, &["Subject: hello"]).await;
    assert!(html.contains("shaped like a mail header"), "{html}");
    let html = explained(Lang::It, &["GET / HTTP/1.1"]).await;
    assert!(
        html.contains("browser") && !html.contains("2xx: successo"),
        "{html}"
    );

    let row = last_row_html(Lang::En, &["1abc"]).await;
    assert!(row.contains(">hangs up<") && !row.contains(">success<"), "{row}");
    let row = last_row_html(Lang::It, &["1abc"]).await;
    assert!(row.contains(">chiude<") && !row.contains(">successo<"), "{row}");
    let row = last_row_html(Lang::En, &["QUIT"]).await;
    assert!(row.contains(">success<"), "QUIT's 221 is a success: {row}");
}

#[tokio::test]
async fn junk_commands_past_the_limit_are_announced_and_explained() {
    let noops = vec!["NOOP"; 102];
    let lab = lab_after(&noops);
    let notes: Vec<_> = lab
        .entries
        .iter()
        .filter_map(|e| match e {
            Entry::Event { note, .. } if note.id == "event-junk-limit" => Some(note.english()),
            _ => None,
        })
        .collect();
    assert_eq!(notes.len(), 1, "said once, where it starts");
    assert!(notes[0].contains("more than 100"), "{notes:?}");
    let at = (0..lab.entries.len())
        .find(|&i| matches!(lab.entries.get(i), Some(Entry::Event { note, .. }) if note.id == "event-junk-limit"))
        .unwrap();
    assert!(
        matches!(lab.entries.get(at - 1), Some(Entry::Server { .. })),
        "right after the reply it concerns"
    );
    let html = explained(Lang::En, &noops).await;
    assert!(html.contains("250 2.0.0 Ok"), "{html}");
    assert!(
        html.contains("counts every junk command") && html.contains("smtpd_junk_command_limit"),
        "{html}"
    );
    let html = explained(Lang::It, &noops).await;
    assert!(
        html.contains("comando di servizio") && html.contains("(100, il valore predefinito)"),
        "{html}"
    );
    // A world with its own limit says both.
    let said = Texts::english().get(
        "fact-hard-error-limit",
        &[("errors", 5.into()), ("limit", 5.into())],
    );
    assert!(said.contains("(5 here; the default is 20)"), "{said}");
    let said = Texts::english().get(
        "fact-hard-error-limit",
        &[("errors", 1.into()), ("limit", 1.into())],
    );
    assert!(said.starts_with("The session made 1 error and"), "{said}");
    let html = explained(Lang::En, &vec!["NOOP"; 121]).await;
    assert!(
        html.contains("ms late") && html.contains("smtpd_soft_error_limit"),
        "{html}"
    );
}

#[tokio::test]
async fn bdat_leftover_line_end_is_not_called_just_an_empty_line() {
    let lines = [
        "EHLO client.example.org",
        "MAIL FROM:<sender@example.org>",
        "RCPT TO:<alice@example.com>",
        "BDAT 3",
        "abc",
    ];
    let html = explained(Lang::En, &lines).await;
    assert!(html.contains("500 5.5.2 Error: bad syntax"), "{html}");
    assert!(
        html.contains("took exactly 3 octets") && html.contains("CR LF"),
        "{html}"
    );
    let html = explained(Lang::It, &lines).await;
    assert!(html.contains("esattamente 3 ottetti"), "{html}");
}

#[tokio::test]
async fn expn_and_help_get_no_out_of_sequence_section() {
    let lines = [
        "EHLO client.example.org",
        "MAIL FROM:<sender@example.org>",
        "RCPT TO:<alice@example.com>",
    ];
    for last in ["EXPN staff", "HELP"] {
        let all = [&lines[..], &[last]].concat();
        let html = explained(Lang::En, &all).await;
        assert!(html.contains("command not recognized"), "{html}");
        assert!(
            !html.contains("Out of sequence") && !html.contains("in phase"),
            "{last}: {html}"
        );
    }
    let html = explained(Lang::En, &["RCPT TO:<alice@example.com>"]).await;
    assert!(html.contains("Out of sequence"), "a 503 keeps it: {html}");
}

#[derive(Properties, PartialEq)]
struct CodesShown {
    texts: Rc<Texts>,
}

#[function_component(CodesPanel)]
fn codes_panel(props: &CodesShown) -> Html {
    html! {
        <ContextProvider<Rc<Texts>> context={props.texts.clone()}>
            <smtplab_web::components::codes::Codes />
        </ContextProvider<Rc<Texts>>>
    }
}

#[tokio::test]
async fn the_codes_panel_shows_no_valid_recipients_once() {
    let html = yew::LocalServerRenderer::<CodesPanel>::with_props(CodesShown {
        texts: Texts::english(),
    })
    .render()
    .await;
    assert_eq!(html.matches("Error: no valid recipients").count(), 1, "{html}");
    assert_eq!(html.matches("Error: timeout exceeded").count(), 1, "{html}");
}

#[tokio::test]
async fn the_rule_column_speaks_italian_around_its_references() {
    let mut lines = vec!["EHLO client.example.org"];
    lines.extend(vec!["FOO"; 21]);
    let html = explained(Lang::It, &lines).await;
    assert!(
        html.contains("421 4.7.0 mail.example.com Error: too many errors"),
        "{html}"
    );
    assert!(
        html.contains("RFC 5321 §4.2.2 (un 421 chiude la connessione)"),
        "{html}"
    );
    assert!(!html.contains("closes"), "no English left: {html}");
    let html = explained(Lang::En, &lines).await;
    assert!(
        html.contains("RFC 5321 §4.2.2 (a 421 closes the connection)"),
        "{html}"
    );
    assert!(
        html.contains("smtpd_hard_error_limit"),
        "the limit it reached: {html}"
    );
}
