//! `smtplab lesson check` and `smtplab lesson run`, end to end: the exit status and what
//! a teacher reads.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn smtplab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_smtplab"))
        .args(args)
        .output()
        .unwrap()
}

fn assets(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/lessons")
        .join(file);
    path.to_string_lossy().into_owned()
}

fn near_miss(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../lessons/tests/near-miss")
        .join(file);
    path.to_string_lossy().into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn temp(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("smtplab-lesson-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn check_accepts_the_built_in_lessons_and_scenarios() {
    let out = smtplab(&[
        "lesson",
        "check",
        &assets("first-message.json"),
        &assets("scenario-greylisting.json"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("first-message.json: ok, lesson 'first-message' with 5 steps"),
        "{text}"
    );
    assert!(
        text.contains("scenario-greylisting.json: ok, scenario 'scenario-greylisting'"),
        "{text}"
    );
}

#[test]
fn check_names_the_field_of_a_broken_lesson_and_fails() {
    let broken = temp(
        "broken.json",
        r#"{"id": "x", "title": {"en": "X"}, "intro": {"en": "X"},
            "steps": [{"goal": {"en": "a"}, "check": {"event": "tls-established"}},
                      {"goal": {"en": "b"}, "check": {"event": "tls-established"}},
                      {"goal": {"en": "c"}, "check": {"all": [{"event": "Authed"}]}}]}"#,
    );
    let path = broken.to_string_lossy().into_owned();
    let out = smtplab(&["lesson", "check", &assets("bdat.json"), &path]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("bdat.json: ok"),
        "the good file is still checked: {text}"
    );
    assert!(
        text.contains(&format!("{path}: steps[2].check.all[0]: unknown event 'Authed'")),
        "{text}"
    );
    let missing = smtplab(&["lesson", "check", "/nonexistent/lesson.json"]);
    assert_eq!(missing.status.code(), Some(1));
    std::fs::remove_file(broken).unwrap();
}

#[test]
fn run_passes_every_step_of_a_solution() {
    let out = smtplab(&[
        "lesson",
        "run",
        &assets("first-message.json"),
        "--script",
        &assets("solutions/first-message.smtp"),
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    for step in 1..=5 {
        assert!(text.contains(&format!("step {step}: pass")), "{text}");
    }
    assert!(
        text.contains("first-message: 5 of 5 steps passed; 5 commands of 8, 0 errors"),
        "{text}"
    );
}

#[test]
fn run_shows_the_step_a_near_miss_fails_and_exits_1() {
    let out = smtplab(&[
        "lesson",
        "run",
        &assets("first-message.json"),
        "--script",
        &near_miss("first-message.1.smtp"),
        "--transcript",
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("step 2: pass") && text.contains("step 3: FAIL"),
        "{text}"
    );
    assert!(
        text.contains("S: 250 2.1.5 Ok"),
        "--transcript prints the session: {text}"
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["lesson"][..],
        &["lesson", "run", "x.json"],
        &["lesson", "frobnicate"],
    ] {
        let out = smtplab(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("usage:"),
            "{args:?}"
        );
    }
}
