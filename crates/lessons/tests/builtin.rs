//! The built-in lessons and scenarios in `assets/lessons/`: each is valid and listed in
//! `index.json`, each lesson starts unsolved, its scripted solution passes every step,
//! and each near miss (`tests/near-miss/ID.N.smtp`, first line `# fails step: N`) passes
//! the steps before N and fails step N. Every scenario has an engine-written golden
//! transcript in `tests/golden/scenarios/`; `BLESS=1` rewrites them (never under CI).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use smtplab_engine::transcript::mask;
use smtplab_engine::Verb;
use smtplab_lessons::{run_script, Lesson, Observation};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn assets() -> PathBuf {
    root().join("assets/lessons")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn index() -> Value {
    serde_json::from_str(&read(&assets().join("index.json"))).unwrap()
}

/// The files `index.json` lists under `key`, loaded.
fn listed(key: &str) -> Vec<Lesson> {
    index()[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let file = entry["file"].as_str().unwrap();
            let lesson =
                Lesson::from_json(&read(&assets().join(file))).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(
                format!("{}.json", lesson.id),
                file,
                "a lesson's file is named by its id"
            );
            assert_eq!(entry["id"], lesson.id.as_str());
            assert_eq!(
                entry["title"]["en"],
                lesson.title.get("en"),
                "{file}: the index has its title"
            );
            lesson
        })
        .collect()
}

fn lessons() -> Vec<Lesson> {
    listed("lessons")
}

fn scenarios() -> Vec<Lesson> {
    listed("scenarios")
}

#[test]
fn the_index_lists_every_lesson_file_and_nothing_else() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(assets())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json") && name != "index.json")
        .collect();
    let index = index();
    let in_index: BTreeSet<String> = ["lessons", "scenarios"]
        .iter()
        .flat_map(|key| index[key].as_array().unwrap().clone())
        .map(|e| e["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(on_disk, in_index);
    let lessons = lessons();
    assert!(lessons.len() >= 14, "{} lessons", lessons.len());
    assert!(lessons.iter().all(|l| !l.is_scenario()));
    for entry in index["lessons"].as_array().unwrap() {
        let lesson = lessons.iter().find(|l| entry["id"] == l.id.as_str()).unwrap();
        assert_eq!(
            entry["steps"],
            lesson.steps.len(),
            "{}: the index counts its steps",
            lesson.id
        );
    }
    assert!(scenarios().iter().all(Lesson::is_scenario));
}

#[test]
fn every_lesson_starts_unsolved() {
    for lesson in lessons() {
        // Connecting, and idling until the server has said all it says on its own.
        let run = run_script(&lesson, "# nothing typed\n");
        assert_eq!(
            run.progress.current(),
            0,
            "{}: step 1 passes before anything was typed",
            lesson.id
        );
    }
}

#[test]
fn every_solution_passes_every_step() {
    for lesson in lessons() {
        let path = assets().join(format!("solutions/{}.smtp", lesson.id));
        let run = run_script(&lesson, &read(&path));
        assert!(
            run.progress.is_complete(&lesson),
            "{}: the solution passes {} of {} steps\n{}",
            lesson.id,
            run.progress.current(),
            lesson.steps.len(),
            run.transcript
        );
        if let Some(budget) = lesson.budget {
            assert!(
                run.progress.commands() <= budget,
                "{}: the solution is over budget",
                lesson.id
            );
        }
    }
}

#[test]
fn every_near_miss_fails_the_step_it_targets() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/near-miss");
    let lessons = lessons();
    let mut covered = BTreeSet::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let id = name.split('.').next().unwrap();
        let lesson = lessons
            .iter()
            .find(|l| l.id == id)
            .unwrap_or_else(|| panic!("{name}: no lesson '{id}'"));
        let text = read(&path);
        let step: usize = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# fails step: "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("{name}: the first line must be `# fails step: N`"));
        assert!((1..=lesson.steps.len()).contains(&step), "{name}: no step {step}");
        let run = run_script(lesson, &text);
        assert_eq!(
            run.progress.current() + 1,
            step,
            "{name}: should pass the steps before {step} and fail step {step}\n{}",
            run.transcript
        );
        covered.insert(id.to_string());
    }
    let missing: Vec<&str> = lessons
        .iter()
        .map(|l| l.id.as_str())
        .filter(|id| !covered.contains(*id))
        .collect();
    assert!(missing.is_empty(), "lessons without a near miss: {missing:?}");
}

/// The project began with an Italian reference page on HELO/EHLO, MAIL FROM, RCPT TO,
/// DATA, QUIT, RSET, VRFY, EXPN, NOOP, HELP, STARTTLS and AUTH: the lessons use them all.
#[test]
fn the_lessons_cover_every_command_of_the_reference_page() {
    let mut answered = BTreeSet::new();
    for lesson in lessons() {
        let run = run_script(
            &lesson,
            &read(&assets().join(format!("solutions/{}.smtp", lesson.id))),
        );
        for seen in run.progress.seen() {
            if let Observation::Reply {
                answers: Some(verb), ..
            } = seen
            {
                answered.insert(*verb);
            }
        }
    }
    use Verb::*;
    for verb in [
        Helo, Ehlo, Mail, Rcpt, Data, Quit, Rset, Vrfy, Expn, Noop, Help, StartTls, Auth, Bdat,
    ] {
        assert!(answered.contains(&verb), "no lesson uses {}", verb.name());
    }
}

fn bless_requested() -> bool {
    let bless = std::env::var("BLESS").is_ok_and(|v| v == "1");
    assert!(
        !(bless && std::env::var("CI").is_ok_and(|v| v == "true")),
        "BLESS=1 is refused under CI=true"
    );
    bless
}

#[test]
fn every_scenario_replays_its_golden_transcript() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/scenarios");
    let bless = bless_requested();
    let scenarios = scenarios();
    assert!(scenarios.len() >= 9, "{} scenarios", scenarios.len());
    let mut failures = Vec::new();
    for scenario in &scenarios {
        let path = dir.join(format!("{}.smtp", scenario.id));
        let expected = read(&path);
        assert!(
            expected.lines().any(|l| l == "# written by: smtplab engine")
                && expected
                    .lines()
                    .any(|l| l == format!("# scenario: {}", scenario.id)),
            "{}: a scenario's golden says `# written by: smtplab engine` and `# scenario: ID`",
            path.display()
        );
        let actual = run_script(scenario, &expected).transcript;
        if bless {
            std::fs::write(&path, &actual).unwrap();
        } else if mask(&expected) != mask(&actual) {
            failures.push(format!("--- {}\n{actual}", path.display()));
        }
        assert!(
            actual.lines().filter(|l| l.starts_with("S: ")).count() > 1,
            "{}: the server says something",
            scenario.id
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A teacher's file comes from the web: no change to a valid lesson may panic the loader.
#[test]
fn damaged_lessons_never_panic() {
    let text = read(&assets().join("sequence-rset.json"));
    let bytes = text.as_bytes();
    for cut in (0..bytes.len()).step_by(7) {
        let _ = Lesson::from_json(&String::from_utf8_lossy(&bytes[..cut]));
    }
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..3000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut damaged = bytes.to_vec();
        let at = (seed % damaged.len() as u64) as usize;
        let junk = b"{}[]\",:0-9aZ \\tn";
        damaged[at] = junk[(seed >> 32) as usize % junk.len()];
        if let Ok(lesson) = Lesson::from_json(&String::from_utf8_lossy(&damaged)) {
            let _ = run_script(&lesson, "C: EHLO x\nC: MAIL FROM:<a@example.org>\nC: NOOP\n");
        }
    }
}
