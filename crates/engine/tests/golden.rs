//! Golden transcripts recorded from the real Postfix 3.7 (see `golden/import.py`), replayed
//! through the engine. The engine's side must match byte for byte, masking only queue IDs
//! and CRAM-MD5 challenges. `BLESS=1 cargo test -p smtplab-engine --test golden` rewrites
//! the files from the engine instead.

use std::path::Path;

use smtplab_engine::transcript::{mask, replay};
use smtplab_engine::{Session, World};

const RECORDED_AT: u64 = 1_795_918_096_000;

#[test]
fn engine_matches_every_recorded_postfix_transcript() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let bless = std::env::var("BLESS").is_ok_and(|v| v == "1");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "smtp"))
        .collect();
    files.sort();
    let (mut failures, mut replies) = (Vec::new(), 0);
    for path in &files {
        let expected = std::fs::read_to_string(path).unwrap();
        let actual = replay(&expected, Session::new(World::reference(), 7), RECORDED_AT);
        replies += expected.lines().filter(|l| l.starts_with("S: ")).count();
        if bless {
            std::fs::write(path, &actual).unwrap();
        } else if mask(&expected) != mask(&actual) {
            failures.push(diff(path, &mask(&expected), &mask(&actual)));
        }
    }
    assert!(files.len() >= 60, "only {} golden transcripts", files.len());
    assert!(replies >= 500, "only {replies} recorded reply lines");
    assert!(
        failures.is_empty(),
        "{} of {} transcripts differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

fn diff(path: &Path, expected: &str, actual: &str) -> String {
    let name = path.file_name().unwrap().to_string_lossy();
    let (e, a): (Vec<_>, Vec<_>) = (expected.lines().collect(), actual.lines().collect());
    let first = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let show = |lines: &[&str]| lines[first..lines.len().min(first + 3)].join(" | ");
    format!(
        "--- {name} line {}:\n  postfix: {}\n  engine:  {}",
        first + 1,
        show(&e),
        show(&a)
    )
}
