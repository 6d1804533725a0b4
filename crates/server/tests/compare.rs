//! The golden scenario list, recorded over real TCP and TLS with the same recorder that
//! recorded Postfix (`record.py`), must give exactly the golden transcripts. Where a real
//! Postfix listens on 127.0.0.1:25 (CI installs it), it is recorded live and compared too.

use std::io::Read;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use smtplab_engine::transcript::mask;

mod common;
use common::start;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/golden")
}

/// Records every golden scenario against `port` and returns (name, transcript) pairs.
fn record(port: u16, work: &Path) -> Vec<(String, String)> {
    let dir = golden_dir();
    std::fs::create_dir_all(work).unwrap();
    let scenarios = work.join("scenarios.json");
    let out = Command::new("python3")
        .arg(dir.join("scenarios.py"))
        .output()
        .unwrap();
    std::fs::write(&scenarios, out.stdout).unwrap();
    let recorded = work.join("recorded.json");
    let status = Command::new("python3")
        .arg(dir.join("record.py"))
        .args([format!("127.0.0.1:{port}")])
        .args([&scenarios, &recorded])
        .status()
        .unwrap();
    assert!(status.success(), "record.py failed");
    let transcripts = work.join("smtp");
    let status = Command::new("python3")
        .arg(dir.join("import.py"))
        .args([&scenarios, &recorded, &transcripts])
        .status();
    assert!(status.unwrap().success(), "import.py failed");
    let mut all: Vec<(String, String)> = std::fs::read_dir(&transcripts)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

fn differences(left: &[(String, String)], right: impl Fn(&str) -> Option<String>) -> Vec<String> {
    left.iter()
        .filter_map(|(name, text)| {
            let other = right(name).unwrap_or_default();
            (mask(text) != mask(&other)).then(|| {
                let (a, b) = (mask(text), mask(&other));
                let line = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(0);
                format!(
                    "{name} (line {}): {:?} vs {:?}",
                    line + 1,
                    a.lines().nth(line),
                    b.lines().nth(line)
                )
            })
        })
        .collect()
}

fn postfix_is_listening() -> bool {
    let Ok(mut stream) = TcpStream::connect_timeout(&"127.0.0.1:25".parse().unwrap(), Duration::from_secs(1))
    else {
        return false;
    };
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok();
    let mut banner = [0u8; 128];
    let n = stream.read(&mut banner).unwrap_or(0);
    String::from_utf8_lossy(&banner[..n]).contains("ESMTP Postfix")
}

#[test]
fn smtplab_serve_answers_every_scenario_like_the_recorded_postfix() {
    if Command::new("python3").arg("--version").output().is_err() {
        assert!(
            std::env::var("CI").map_or(true, |ci| ci != "true"),
            "python3 is required under CI=true"
        );
        eprintln!("SKIPPED: no python3");
        return;
    }
    let work = std::env::temp_dir().join(format!("smtplab-compare-{}", std::process::id()));
    let server = start(&[]);
    let ours = record(server.port, &work.join("smtplab"));
    drop(server);
    let golden = |name: &str| std::fs::read_to_string(golden_dir().join(name)).ok();
    let diffs = differences(&ours, golden);
    assert!(ours.len() >= 60, "only {} scenarios", ours.len());
    assert!(
        diffs.is_empty(),
        "smtplab serve differs from the recorded Postfix:\n{}",
        diffs.join("\n")
    );

    if postfix_is_listening() {
        let live = record(25, &work.join("postfix"));
        let theirs = |name: &str| live.iter().find(|(n, _)| n == name).map(|(_, t)| t.clone());
        let diffs = differences(&ours, theirs);
        assert!(
            diffs.is_empty(),
            "smtplab serve differs from the live Postfix:\n{}",
            diffs.join("\n")
        );
        eprintln!(
            "compared {} scenarios with the live Postfix on 127.0.0.1:25",
            live.len()
        );
    } else {
        eprintln!("no Postfix on 127.0.0.1:25: compared with the recorded transcripts only");
    }
    let _ = std::fs::remove_dir_all(work);
}
