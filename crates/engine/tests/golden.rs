//! Golden transcripts recorded from the real Postfix 3.7 (see `golden/import.py`), replayed
//! through the engine. The engine's side must match byte for byte, masking only queue IDs
//! and CRAM-MD5 challenges. `BLESS=1 cargo test -p smtplab-engine --test golden` rewrites
//! the files from the engine instead.

use std::path::Path;

use smtplab_engine::sasl::decode;
use smtplab_engine::transcript::replay;
use smtplab_engine::{Session, World};

const RECORDED_AT: u64 = 1_795_918_096_000;

/// Queue IDs and CRAM-MD5 challenges differ on every run: compare their shape only.
fn mask(text: &str) -> String {
    text.lines().map(mask_line).collect::<Vec<_>>().join("\n")
}

fn mask_line(line: &str) -> String {
    if let Some((head, id)) = line.rsplit_once("queued as ") {
        if (8..=12).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_lowercase())
        {
            return format!("{head}queued as <QUEUE-ID>");
        }
    }
    if let Some(challenge) = line.strip_prefix("S: 334 ").and_then(decode) {
        let text = String::from_utf8_lossy(&challenge);
        let shape = text
            .strip_prefix('<')
            .and_then(|t| t.strip_suffix("@mail.example.com>"));
        let digits = shape.and_then(|s| s.split_once('.')).is_some_and(|(a, b)| {
            [a, b]
                .iter()
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
        });
        if digits {
            return "S: 334 <CRAM-MD5 CHALLENGE <digits.digits@mail.example.com>>".into();
        }
    }
    line.to_string()
}

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
