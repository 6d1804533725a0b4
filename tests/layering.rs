//! The engine says what happened; the UI never guesses. No code in `src/` may decide a
//! protocol fact from a reply's text or code: those come from the engine's events and
//! state. This test reads the app's sources and fails on the patterns that would.

use std::path::Path;

/// Patterns that read protocol facts from text or codes, and why each is banned.
const BANNED: &[(&str, &str)] = &[
    (".contains(\"", "matches text (a reply's or a note's)"),
    (".starts_with(\"", "matches text (a reply's or a note's)"),
    (".ends_with(\"", "matches text (a reply's or a note's)"),
    (
        "code / 100",
        "derives a reply's class in the UI (use Reply::class)",
    ),
    ("code/100", "derives a reply's class in the UI (use Reply::class)"),
    (".code {", "matches on a reply code"),
    ("lines[0] ==", "compares a reply's text"),
];

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `.code` compared with a number, or matched against one; or text compared with a
/// string that starts like a reply (`== "250 …"`).
fn compares_a_code(line: &str) -> bool {
    let reply_literal = ["== \"", "!= \""].iter().any(|op| {
        line.match_indices(op)
            .any(|(at, _)| line[at + op.len()..].starts_with(|c: char| ('2'..='5').contains(&c)))
    });
    reply_literal || compares_code(line)
}

fn compares_code(line: &str) -> bool {
    line.match_indices(".code").any(|(at, _)| {
        let rest = line[at + 5..].trim_start();
        let rest = ["==", "!=", ">=", "<=", ">", "<"]
            .iter()
            .find_map(|op| rest.strip_prefix(op));
        rest.is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
    }) || (line.contains("matches!(") && line.contains("code,"))
}

#[test]
fn no_code_in_src_reads_protocol_facts_from_reply_text_or_codes() {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    assert!(files.len() > 10, "the app's sources were found");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (number, line) in text.lines().enumerate() {
            let place = format!("{}:{}", file.display(), number + 1);
            for (pattern, why) in BANNED {
                if line.contains(pattern) {
                    found.push(format!("{place}: {why}: {}", line.trim()));
                }
            }
            if compares_a_code(line) {
                found.push(format!("{place}: decides on a reply code: {}", line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "protocol facts read in the UI:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_catches_what_it_is_for() {
    assert!(compares_a_code("if reply.code == 354 {"));
    assert!(compares_a_code("(reply.code >= 500 && x)"));
    assert!(compares_a_code("if matches!(reply.code, 220) {"));
    assert!(compares_a_code("if text == \"250 2.0.0 Ok\" {"));
    assert!(BANNED.iter().any(|(p, _)| "match reply.code {".contains(p)));
    assert!(!compares_a_code("label: format!(\"{}\", reply.code),"));
    assert!(BANNED
        .iter()
        .any(|(p, _)| "last_line.contains(\"queued as\")".contains(p)));
}

/// The longest a function in `src/` may be, in lines from its `fn` to its closing brace.
const MAX_FUNCTION_LINES: usize = 60;

/// Each function's name and length in lines. A function starts at a line `fn NAME`
/// (after `pub`, `pub(crate)`, `const`, `async`) and ends at the first `}` at its
/// indentation: the shape rustfmt gives every function.
fn function_lengths(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let indent = &line[..line.len() - line.trim_start().len()];
        let mut rest = line.trim_start();
        for prefix in ["pub(crate) ", "pub(super) ", "pub ", "const ", "async "] {
            rest = rest.strip_prefix(prefix).unwrap_or(rest);
        }
        let Some(name) = rest.strip_prefix("fn ") else {
            continue;
        };
        if line.ends_with(';') {
            continue; // a declaration without a body
        }
        let name: String = name
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let closing = format!("{indent}}}");
        if let Some(end) = lines[at..].iter().position(|l| *l == closing) {
            out.push((name, end + 1));
        }
    }
    out
}

#[test]
fn no_function_in_src_is_longer_than_60_lines() {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut long = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (name, lines) in function_lengths(&text) {
            if lines > MAX_FUNCTION_LINES {
                long.push(format!("{}: fn {name} is {lines} lines", file.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn function_lengths_are_counted_from_fn_to_its_closing_brace() {
    let text = "/// doc\npub fn a() {\n    let x = 1;\n}\n\nimpl A {\n    pub(crate) fn b(\n        x: u8,\n    ) -> u8 {\n        x\n    }\n}\n";
    assert_eq!(
        function_lengths(text),
        vec![("a".to_string(), 3), ("b".to_string(), 5)]
    );
}

#[test]
fn each_component_has_a_file_of_its_own() {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let crowded: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let text = std::fs::read_to_string(file).unwrap();
            let components =
                text.matches("#[function_component").count() + text.matches("impl Component for").count();
            (components > 1).then(|| format!("{}: {components} components", file.display()))
        })
        .collect();
    assert!(crowded.is_empty(), "{crowded:?}");
}
