//! The built-in lessons and scenarios are translated (issue #14), and their translations
//! keep what must not change: every learner-facing text of every file `index.json` lists
//! has a non-empty text in each language of [`LANGUAGES`], with the same backtick code
//! spans in the same order as the English (so no command, reply or address got
//! translated), the same Markdown blocks (paragraphs, headings, list items) and as many
//! `**strong**` and `*emphasis*` spans. `show_me` is what the learner would type: it is
//! never translated. `index.json` carries each title in every language the lesson has.
//! The terms and the style are in `locales/GLOSSARY.md`.

use std::path::{Path, PathBuf};

use serde_json::Value;
use smtplab_lessons::{Lesson, Text};

/// The languages every built-in text is translated into, besides English.
const LANGUAGES: &[&str] = &["it"];

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/lessons")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn index() -> Value {
    serde_json::from_str(&read(&assets().join("index.json"))).unwrap()
}

/// Every entry of `index.json` (lessons and scenarios), with its lesson loaded.
fn built_in() -> Vec<(Value, Lesson)> {
    let index = index();
    ["lessons", "scenarios"]
        .iter()
        .flat_map(|key| index[key].as_array().unwrap().clone())
        .map(|entry| {
            let file = entry["file"].as_str().unwrap();
            let lesson =
                Lesson::from_json(&read(&assets().join(file))).unwrap_or_else(|e| panic!("{file}: {e}"));
            (entry, lesson)
        })
        .collect()
}

/// The learner-facing texts of a lesson, each with its field path; `show_me` is not one.
fn texts(lesson: &Lesson) -> Vec<(String, &Text)> {
    let mut out = vec![
        ("title".to_string(), &lesson.title),
        ("intro".to_string(), &lesson.intro),
    ];
    if let Some(advice) = &lesson.advice {
        out.push(("advice".to_string(), advice));
    }
    for (i, step) in lesson.steps.iter().enumerate() {
        out.push((format!("steps[{i}].goal"), &step.goal));
        for (j, hint) in step.hints.iter().enumerate() {
            out.push((format!("steps[{i}].hints[{j}]"), hint));
        }
        if let Some(learned) = &step.learned {
            out.push((format!("steps[{i}].learned"), learned));
        }
    }
    out
}

/// The text in `language` itself, not English in its place.
fn own<'a>(text: &'a Text, language: &str) -> Option<&'a str> {
    text.languages()
        .any(|l| l == language)
        .then(|| text.get(language))
}

/// The backtick code spans, in order; `None` when a backtick is left open.
fn code_spans(text: &str) -> Option<Vec<&str>> {
    let pieces: Vec<&str> = text.split('`').collect();
    (pieces.len() % 2 == 1).then(|| pieces.iter().skip(1).step_by(2).copied().collect())
}

/// The text outside its code spans.
fn prose(text: &str) -> String {
    text.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

#[derive(Debug, PartialEq)]
enum Shape {
    Heading(usize),
    Paragraph,
    List(usize),
}

/// The Markdown blocks as the app reads them (`src/markdown.rs`): `#` headings, `-` or
/// `*` list items (an indented line continues the item), paragraphs between blank lines.
fn blocks(text: &str) -> Vec<Shape> {
    let mut out = Vec::new();
    let mut in_paragraph = false;
    let mut items = 0;
    let flush = |in_paragraph: &mut bool, items: &mut usize, out: &mut Vec<Shape>| {
        if std::mem::take(in_paragraph) {
            out.push(Shape::Paragraph);
        }
        if *items > 0 {
            out.push(Shape::List(std::mem::take(items)));
        }
    };
    for line in text.lines().map(str::trim_end) {
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        let heading = (1..=3).contains(&hashes)
            && line[hashes..]
                .strip_prefix(' ')
                .is_some_and(|title| !title.trim().is_empty());
        if line.trim().is_empty() {
            flush(&mut in_paragraph, &mut items, &mut out);
        } else if heading {
            flush(&mut in_paragraph, &mut items, &mut out);
            out.push(Shape::Heading(hashes));
        } else if line.starts_with("- ") || line.starts_with("* ") {
            if in_paragraph {
                flush(&mut in_paragraph, &mut items, &mut out);
            }
            items += 1;
        } else if items > 0 && line.starts_with("  ") {
            // continues the list item above
        } else {
            if items > 0 {
                flush(&mut in_paragraph, &mut items, &mut out);
            }
            in_paragraph = true;
        }
    }
    flush(&mut in_paragraph, &mut items, &mut out);
    out
}

/// How many `**strong**` and `*emphasis*` markers the prose has (list bullets aside).
fn emphasis(text: &str) -> (usize, usize) {
    let prose = prose(text);
    let prose: String = prose
        .lines()
        .map(|line| line.strip_prefix("* ").unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n");
    let strong = prose.matches("**").count();
    let single = prose.replace("**", "").matches('*').count();
    (strong, single)
}

/// What is wrong with `translated` as a translation of `english`, if anything.
fn problems(english: &str, translated: &str) -> Vec<String> {
    let mut out = Vec::new();
    if translated.trim().is_empty() {
        out.push("empty".to_string());
        return out;
    }
    match (code_spans(english), code_spans(translated)) {
        (Some(en), Some(it)) if en != it => {
            out.push(format!("code spans differ: English {en:?}, translation {it:?}"))
        }
        (Some(_), None) => out.push("a backtick is left open".to_string()),
        _ => {}
    }
    let (en, it) = (blocks(english), blocks(translated));
    if en != it {
        out.push(format!(
            "Markdown blocks differ: English {en:?}, translation {it:?}"
        ));
    }
    let (en, it) = (emphasis(english), emphasis(translated));
    if en != it {
        out.push(format!(
            "emphasis differs: English has {} ** and {} * markers, the translation {} and {}",
            en.0, en.1, it.0, it.1
        ));
    }
    out
}

#[test]
fn every_built_in_text_is_translated_and_keeps_the_code_and_the_markdown() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (entry, lesson) in built_in() {
        let file = entry["file"].as_str().unwrap();
        for (path, text) in texts(&lesson) {
            for &language in LANGUAGES {
                let Some(translated) = own(text, language) else {
                    failures.push(format!("{file}: {path}: no '{language}'"));
                    continue;
                };
                checked += 1;
                for problem in problems(text.get("en"), translated) {
                    failures.push(format!("{file}: {path}.{language}: {problem}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked >= 240, "only {checked} texts checked");
}

#[test]
fn show_me_is_what_the_learner_types_and_is_never_translated() {
    for (entry, lesson) in built_in() {
        let file = entry["file"].as_str().unwrap();
        for (i, step) in lesson.steps.iter().enumerate() {
            let Some(show_me) = &step.show_me else { continue };
            for &language in LANGUAGES {
                assert_eq!(
                    show_me.get(language),
                    show_me.get("en"),
                    "{file}: steps[{i}].show_me.{language}: the wire is not translated"
                );
            }
        }
    }
}

#[test]
fn the_index_has_each_title_in_every_language_of_the_lesson() {
    for (entry, lesson) in built_in() {
        let file = entry["file"].as_str().unwrap();
        let title = entry["title"].as_object().unwrap();
        for language in lesson.title.languages() {
            assert_eq!(
                title.get(language).and_then(Value::as_str),
                Some(lesson.title.get(language)),
                "{file}: index.json's title.{language}"
            );
        }
        for language in title.keys() {
            assert!(
                lesson.title.languages().any(|l| l == language),
                "{file}: index.json has title.{language}, the lesson does not"
            );
        }
    }
}

#[test]
fn the_checks_catch_a_translated_command_and_a_lost_list_item() {
    let english = "Type `EHLO` then:\n\n- **one**;\n- *two*.";
    assert!(problems(english, "Scrivi `EHLO` poi:\n\n- **uno**;\n- *due*.").is_empty());
    let translated = problems(english, "Scrivi `SALUTA` poi:\n\n- **uno**;\n- *due*.");
    assert!(translated[0].starts_with("code spans differ"), "{translated:?}");
    let merged = problems(english, "Scrivi `EHLO` poi:\n\n- **uno**; *due*.");
    assert!(merged[0].starts_with("Markdown blocks differ"), "{merged:?}");
    let joined = problems(english, "Scrivi `EHLO` poi: - **uno**;\n- *due*.");
    assert!(joined[0].starts_with("Markdown blocks differ"), "{joined:?}");
    let plain = problems(english, "Scrivi `EHLO` poi:\n\n- uno;\n- *due*.");
    assert!(plain[0].starts_with("emphasis differs"), "{plain:?}");
    assert_eq!(
        problems(english, "Scrivi `EHLO poi"),
        [
            "a backtick is left open",
            "Markdown blocks differ: English [Paragraph, List(2)], translation [Paragraph]",
            "emphasis differs: English has 2 ** and 2 * markers, the translation 0 and 0",
        ]
    );
    assert_eq!(
        blocks("# T\n\nA\nb\n\n- x\n  y\n- z\nafter"),
        [
            Shape::Heading(1),
            Shape::Paragraph,
            Shape::List(2),
            Shape::Paragraph
        ]
    );
}
