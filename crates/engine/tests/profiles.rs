//! The profiles of servers the lab cannot run (Gmail, Microsoft 365), checked against
//! their sources, and `docs/profiles.md` kept in step with the engine.
//!
//! `tests/sourced/*.smtp` are sessions assembled line by line from public transcripts
//! (each file names its sources). The engine replays the client's side under the
//! profile's preset world and must say every server line exactly, comparing by their
//! shape only what differs in every real session: session ids, the client's address,
//! times and Microsoft's server names in error trailers.

use std::path::Path;

use smtplab_engine::reply::catalog;
use smtplab_engine::transcript::replay;
use smtplab_engine::world::Profile;
use smtplab_engine::{Session, Source, Voice, World};

const DEFAULT_CLOCK: u64 = 1_795_918_096_000;

/// One word of a line, replaced by its shape when it is a per-session value.
fn shape(word: &str) -> String {
    let trimmed = word.trim_matches(|c| c == '[' || c == ']');
    let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
    let all = |s: &str, f: fn(u8) -> bool| !s.is_empty() && s.bytes().all(f);
    let gmail_id = trimmed.split_once('.').is_some_and(|(head, tail)| {
        all(tail, |b| b.is_ascii_digit())
            && head.len() >= 8
            && head.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    let kind = if trimmed.contains('T') && trimmed.ends_with('Z') && trimmed.len() == 24 {
        "<ISO-TIME>"
    } else if hex(trimmed, 16) {
        "<SESSION-ID>"
    } else if trimmed.split('.').count() == 4 && trimmed.split('.').all(|p| all(p, |b| b.is_ascii_digit())) {
        "<CLIENT>"
    } else if trimmed.len() == 10 && all(trimmed, |b| b.is_ascii_digit()) {
        "<UNIX-TIME>"
    } else if gmail_id {
        "<SESSION-ID>"
    } else if trimmed.to_ascii_lowercase().ends_with(".outlook.com") && word.starts_with('[') {
        "<SERVER>" // Microsoft's trailer names the back-end that answered
    } else {
        return word.to_string();
    };
    word.replace(trimmed, kind)
}

fn masked(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with("S: "))
        .map(|l| {
            let l = match l.split_once(" ready at ") {
                // Microsoft's greeting: the date it was said.
                Some((head, tail)) => {
                    format!("{head} ready at <DATE> {}", tail.rsplit(' ').next().unwrap_or(""))
                }
                None => l.to_string(),
            };
            l.split(' ').map(shape).collect::<Vec<_>>().join(" ")
        })
        .collect()
}

fn header(text: &str, name: &str) -> Option<String> {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix(&format!("# {name}: ")).map(str::to_string))
}

#[test]
fn gmail_and_microsoft_365_say_what_their_public_transcripts_say() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sourced");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut per_profile = std::collections::BTreeMap::new();
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let profile = header(&text, "profile")
            .and_then(|name| Profile::from_name(&name))
            .unwrap_or_else(|| panic!("{}: needs `# profile: NAME`", path.display()));
        let clock = header(&text, "clock").map_or(DEFAULT_CLOCK, |c| c.parse().unwrap());
        let actual = replay(&text, Session::new(World::preset(profile), 7), clock);
        let (want, got) = (masked(&text), masked(&actual));
        *per_profile.entry(profile.name()).or_insert(0) += want.len();
        if want != got {
            let at = want
                .iter()
                .zip(&got)
                .position(|(a, b)| a != b)
                .unwrap_or(want.len().min(got.len()));
            failures.push(format!(
                "{}: line {at} differs\n  source: {:?}\n  engine: {:?}",
                path.display(),
                want.get(at),
                got.get(at)
            ));
        }
    }
    println!(
        "sourced transcripts: {} files, server lines per profile {per_profile:?}",
        files.len()
    );
    assert!(
        per_profile.get("gmail").is_some_and(|n| *n >= 40),
        "{per_profile:?}"
    );
    assert!(
        per_profile.get("microsoft365").is_some_and(|n| *n >= 40),
        "{per_profile:?}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_masks_keep_what_is_fixed_in_every_session() {
    // A wrong text, code or enhanced code is still a difference after masking.
    let one = masked("S: 250 2.1.0 OK k21sm2867966pgl.0 - gsmtp");
    assert_eq!(one, ["S: 250 2.1.0 OK <SESSION-ID> - gsmtp"]);
    assert_ne!(one, masked("S: 250 2.1.5 OK k21sm2867966pgl.0 - gsmtp"));
    assert_ne!(
        masked("S: 530 5.7.57 Client not authenticated"),
        masked("S: 530 5.7.57 Client not authenticated.")
    );
}

/// The English of an engine message (one line in `locales/en/engine.ftl`).
fn english(id: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales/en/engine.ftl");
    let ftl = std::fs::read_to_string(path).unwrap();
    let prefix = format!("{id} = ");
    let line = ftl.lines().find(|l| l.starts_with(&prefix));
    line.unwrap_or_else(|| panic!("{id} is not in locales/en/engine.ftl"))[prefix.len()..].to_string()
}

/// `docs/profiles.md`: every reply kind's text under every profile, with its source.
fn profiles_table() -> String {
    let mut out = String::from(
        "# Server profiles: every reply and where its text comes from\n\n\
         Generated from the engine by `BLESS=1 cargo test -p smtplab-engine --test profiles`; a test fails when it is out of date.\n\n\
         - **recorded**: recorded from the real server in the lab's configuration (`crates/engine/tests/golden`).\n\
         - **transcript**: copied from the public transcript or published list named; `crates/engine/tests/sourced` replays sessions assembled from them.\n\
         - **no source**: no public transcript shows this situation. The lab uses the note's choice (the server's nearest known text, or RFC 5321's text for the code in the server's style) and says so in the explanation panel.\n\n\
         Each profile speaks as its preset world's host; the client is `192.0.2.1`, and the session id is shown as `a1sm1234567abc.12` (Microsoft's is 16 hex digits in a real session).\n",
    );
    for profile in Profile::ALL {
        out.push_str(&format!(
            "\n## {} (`{}`)\n\n| Reply kind | Reply | Source |\n|---|---|---|\n",
            profile.title(),
            profile.name()
        ));
        let host = World::preset(*profile).hostname;
        let voice = Voice::of(&host);
        for reply in catalog(*profile, &voice) {
            let kind = format!("{:?}", reply.kind);
            let kind = kind.split([' ', '(']).next().unwrap_or("");
            let source = match profile.word(&reply.kind, &voice).source {
                Source::Recorded => "recorded".to_string(),
                Source::Transcript(from) => format!("transcript: {from}"),
                Source::Unsourced(why) => format!("**no source**: {}", english(why)),
            };
            let text = reply.text_lines().join("<br>").replace('|', "\\|");
            out.push_str(&format!(
                "| {kind} | `{text}` | {} |\n",
                source.replace('|', "\\|")
            ));
        }
    }
    out
}

#[test]
fn docs_profiles_md_lists_every_reply_of_every_profile() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/profiles.md");
    let table = profiles_table();
    if std::env::var("BLESS").is_ok_and(|v| v == "1") {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "BLESS=1 is refused under CI=true"
        );
        std::fs::write(&path, &table).unwrap();
    }
    let docs = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        docs == table,
        "docs/profiles.md is out of date: BLESS=1 cargo test -p smtplab-engine --test profiles"
    );
}

#[test]
fn a_transcript_that_names_its_server_replays_as_that_server() {
    use smtplab_engine::transcript::world_for;
    // The lab's C:/S: export starts so.
    let text = "# profile: gmail (Gmail (smtp.gmail.com:587))\nC: NOOP\n";
    let world = world_for(text, World::reference());
    assert_eq!(
        (world.profile, world.hostname.as_str()),
        (Profile::Gmail, "smtp.gmail.com")
    );
    let played = replay(text, Session::new(world, 7), DEFAULT_CLOCK);
    assert!(
        played.contains("S: 250 2.0.0 OK ") && played.contains(" - gsmtp"),
        "{played}"
    );
    // No header, or an unknown name: the base world as it is.
    assert_eq!(world_for("C: NOOP\n", World::reference()), World::reference());
    assert_eq!(
        world_for("# profile: exchange\n", World::reference()),
        World::reference()
    );
}
