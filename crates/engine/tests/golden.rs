//! Golden transcripts, replayed through the engine. The engine's side must match byte for
//! byte, masking only queue IDs and CRAM-MD5 challenges.
//!
//! Two kinds live apart. `golden/*.smtp` were recorded from the real Postfix 3.7.11 (see
//! `golden/import.py`); their header says `# recorded from:`, and nothing here ever
//! rewrites them: a recording can only be replaced by recording again. (Once, `N: K`
//! lines were added to 53 of them from `scenarios.py`, the recorder's own input, to say
//! how many replies a raw step read; re-recording 10 of them from the real Exim gave the
//! same files, `N:` lines and all.) `golden/engine/`
//! holds transcripts the engine wrote (`# written by: smtplab engine`), for behaviour too
//! slow to record, such as the default 300 s idle timeout. `BLESS=1 cargo test -p
//! smtplab-engine --test golden` rewrites only those, and refuses to run under `CI=true`.

use std::path::Path;

mod common;
use common::transcripts;
use smtplab_engine::transcript::{mask, replay, world_for};
use smtplab_engine::{Session, World};

const RECORDED_AT: u64 = 1_795_918_096_000;
const RECORDED: &str = "# recorded from: ";
const WRITTEN: &str = "# written by: smtplab engine";

fn play(text: &str) -> String {
    replay(
        text,
        Session::new(world_for(text, World::reference()), 7),
        RECORDED_AT,
    )
}

fn bless_requested() -> bool {
    let bless = std::env::var("BLESS").is_ok_and(|v| v == "1");
    assert!(
        !(bless && std::env::var("CI").is_ok_and(|v| v == "true")),
        "BLESS=1 is refused under CI=true: CI checks transcripts, it never writes them"
    );
    bless
}

#[test]
fn engine_matches_every_recorded_postfix_transcript() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let bless = bless_requested();
    let files = transcripts(&dir);
    let (mut failures, mut replies, mut matched) = (Vec::new(), 0, 0);
    for path in &files {
        let expected = std::fs::read_to_string(path).unwrap();
        assert!(
            expected.lines().any(|l| l.starts_with(RECORDED)),
            "{}: a file in golden/ must say where it was recorded ({RECORDED}…)",
            path.display()
        );
        let actual = play(&expected);
        let (e, a) = (mask(&expected), mask(&actual));
        let count = |t: &str| t.lines().filter(|l| l.starts_with("S: ")).count();
        replies += count(&e);
        // Replies that match up to the first difference, to measure progress.
        let same = e.lines().zip(a.lines()).take_while(|(x, y)| x == y);
        matched += same.filter(|(x, _)| x.starts_with("S: ")).count();
        if e != a {
            failures.push(diff(path, &e, &a));
        }
    }
    println!(
        "golden: {} recorded transcripts, {replies} server lines, {matched} matched{}",
        files.len(),
        if bless {
            " (BLESS=1 never touches recorded files)"
        } else {
            ""
        }
    );
    assert!(files.len() >= 200, "only {} golden transcripts", files.len());
    assert!(replies >= 2000, "only {replies} recorded reply lines");
    assert!(
        failures.is_empty(),
        "{} of {} transcripts differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn engine_written_transcripts_replay_unchanged() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/engine");
    let bless = bless_requested();
    let files = transcripts(&dir);
    assert!(
        !files.is_empty(),
        "no engine-written transcripts in {}",
        dir.display()
    );
    let mut failures = Vec::new();
    for path in &files {
        let expected = std::fs::read_to_string(path).unwrap();
        assert!(
            expected.lines().any(|l| l == WRITTEN) && !expected.lines().any(|l| l.starts_with(RECORDED)),
            "{}: an engine-written transcript says `{WRITTEN}` and nothing else",
            path.display()
        );
        let actual = play(&expected);
        if bless {
            std::fs::write(path, &actual).unwrap();
        } else if mask(&expected) != mask(&actual) {
            failures.push(diff(path, &mask(&expected), &mask(&actual)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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

/// Exim's per-session values: the date in its greeting and its message ids.
fn mask_exim(text: &str) -> Vec<String> {
    mask(text)
        .lines()
        .map(|l| {
            let l = match l.split_once(" ESMTP Exim 4.96 ") {
                Some((head, _)) => format!("{head} ESMTP Exim 4.96 <DATE>"),
                None => l.to_string(),
            };
            match l.split_once("OK id=") {
                Some((head, id))
                    if id.len() == 16 && id.as_bytes()[6] == b'-' && id.as_bytes()[13] == b'-' =>
                {
                    format!("{head}OK id=<MESSAGE-ID>")
                }
                _ => l,
            }
        })
        .collect()
}

/// The `exim` profile against the 226 recordings of the real Exim 4.96 (`golden/exim/`,
/// `xtask/exim-lab/`). The test reports how many match exactly and fails if fewer match
/// than the floor, so that the count can only go up (`EXIM_DIFF=1` prints the differences).
#[test]
fn exim_profile_against_the_recorded_exim() {
    use smtplab_engine::world::Profile;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/exim");
    let files = transcripts(&dir);
    let (mut exact, mut lines, mut same) = (0, 0, 0);
    for path in &files {
        let expected = std::fs::read_to_string(path).unwrap();
        assert!(
            expected.contains("# recorded from: Exim 4.96"),
            "{}",
            path.display()
        );
        let world = world_for(&expected, World::preset(Profile::Exim));
        let actual = replay(&expected, Session::new(world, 7), RECORDED_AT);
        let (e, a) = (mask_exim(&expected), mask_exim(&actual));
        let server = |l: &&String| l.starts_with("S: ");
        lines += e.iter().filter(server).count();
        same += e
            .iter()
            .zip(&a)
            .take_while(|(x, y)| x == y)
            .filter(|(x, _)| server(x))
            .count();
        exact += usize::from(e == a);
        if e != a && std::env::var("EXIM_DIFF").is_ok() {
            println!("{}", diff(path, &e.join("\n"), &a.join("\n")));
        }
    }
    println!(
        "exim: {exact} of {} recorded transcripts exact ({:.1}%); {same} of {lines} server lines match up to the first difference ({:.1}%)",
        files.len(),
        100.0 * exact as f64 / files.len() as f64,
        100.0 * same as f64 / lines as f64
    );
    assert_eq!(files.len(), 226, "the Exim recordings");
    assert!(
        exact >= EXIM_EXACT_FLOOR,
        "only {exact} Exim transcripts exact (floor {EXIM_EXACT_FLOOR})"
    );
}

const EXIM_EXACT_FLOOR: usize = 226;

/// A multi-line greeting (Exim's smtp_banner with `\n`, cPanel's notice; recorded on the
/// exim-lab's :2627) is the world's `greeting_notice`, and every line of it is exact.
#[test]
fn exim_greeting_notice_is_exact() {
    use smtplab_engine::world::Profile;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/exim");
    let files: Vec<_> = transcripts(&dir)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("greeting-notice-")
        })
        .collect();
    assert_eq!(files.len(), 2);
    for path in &files {
        let expected = std::fs::read_to_string(path).unwrap();
        let world = world_for(&expected, World::preset(Profile::Exim));
        assert_eq!(world.greeting_notice.len(), 2, "{}", path.display());
        let actual = replay(&expected, Session::new(world, 7), RECORDED_AT);
        assert_eq!(mask_exim(&expected), mask_exim(&actual), "{}", path.display());
    }
}
