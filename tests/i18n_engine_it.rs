//! The Italian of the engine's teaching texts (`locales/it/engine.ftl`, issue #14) stays a
//! translation of the English (`locales/en/engine.ftl`): both parse without errors, they
//! have the same messages in the same order, each with the same attributes and the same
//! `$variables`, the same number of `##` group comments, and every message formats
//! without errors when given its variables. The wire is never translated: every token of
//! an English `-fix` message (what to type instead) that is a command, a parameter, an
//! address or a number appears verbatim in the Italian, and so does every SMTP command
//! word, `<…>`, `@`, `=`, number, configuration name and path of any other English message;
//! only a placeholder, lowercase words in angle brackets (`<address>`), is translated.
//! A phase's `.waiting` ends the sentence "In attesa di { $waiting }.", so it starts with
//! no definite article ("di il messaggio" is not Italian: "di ricevere il messaggio").
//! The terms and the style are in `locales/GLOSSARY.md`.

use std::collections::BTreeSet;
use std::path::Path;

use fluent_bundle::resolver::errors::ReferenceKind;
use fluent_bundle::resolver::ResolverError;
use fluent_bundle::{FluentArgs, FluentBundle, FluentError, FluentResource};

/// The SMTP words that are always the wire, wherever they appear.
const COMMANDS: &[&str] = &[
    "MAIL", "RCPT", "EHLO", "HELO", "AUTH", "STARTTLS", "BDAT", "DATA", "RSET", "QUIT", "NOOP", "VRFY",
    "ETRN", "PLAIN", "LOGIN", "LAST",
];

fn read(lang: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{lang}/engine.ftl"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One message as the file writes it: its id, its value's text, its attributes (name and
/// text, in order) and the variables its placeables name.
#[derive(Debug, Default)]
struct Message {
    id: String,
    value: String,
    attributes: Vec<(String, String)>,
    variables: BTreeSet<String>,
}

/// The messages and the number of `##` group comments of an FTL file, read line by line
/// (the files keep to simple syntax: `id = text`, indented `.attribute = text`,
/// indented continuation lines, `#` comments).
fn messages(source: &str) -> (Vec<Message>, usize) {
    let mut out: Vec<Message> = Vec::new();
    let mut groups = 0;
    for line in source.lines() {
        if line.starts_with("##") && !line.starts_with("###") {
            groups += 1;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let text = if line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-') {
            let (id, value) = line.split_once('=').expect("a message line has '='");
            out.push(Message {
                id: id.trim().to_string(),
                value: value.trim().to_string(),
                ..Message::default()
            });
            value
        } else {
            let message = out.last_mut().expect("an indented line belongs to a message");
            let trimmed = line.trim();
            if let Some(attribute) = trimmed.strip_prefix('.') {
                let (name, value) = attribute.split_once('=').expect("an attribute line has '='");
                message
                    .attributes
                    .push((name.trim().to_string(), value.trim().to_string()));
                value
            } else {
                match message.attributes.last_mut() {
                    Some((_, text)) => text.push_str(&format!(" {trimmed}")),
                    None => message.value.push_str(&format!(" {trimmed}")),
                }
                trimmed
            }
        };
        let message = out.last_mut().unwrap();
        message.variables.extend(placeable_variables(text));
    }
    (out, groups)
}

/// The `$variables` inside `{ … }` in one line of text.
fn placeable_variables(text: &str) -> Vec<String> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '$' if depth > 0 => {
                let rest = &text[i + 1..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                    .unwrap_or(rest.len());
                out.push(rest[..end].to_string());
            }
            _ => {}
        }
    }
    out
}

fn bundle(lang: &str, source: String) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source)
        .unwrap_or_else(|(_, errors)| panic!("locales/{lang}/engine.ftl does not parse: {errors:?}"));
    let mut bundle = FluentBundle::new(vec![lang.parse().unwrap()]);
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .unwrap_or_else(|errors| panic!("locales/{lang}/engine.ftl: {errors:?}"));
    bundle
}

/// Checks one file against the bundle built from it: every message the lines name is in
/// the bundle with exactly those attributes; formatted without arguments, it misses
/// exactly the variables the lines name; formatted with them, it has no errors.
fn check_bundle(lang: &str, bundle: &FluentBundle<FluentResource>, messages: &[Message]) {
    for message in messages {
        let found = bundle
            .get_message(&message.id)
            .unwrap_or_else(|| panic!("{lang}: {} is not a message", message.id));
        let attributes: Vec<&str> = found.attributes().map(|a| a.id()).collect();
        let expected: Vec<&str> = message.attributes.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(attributes, expected, "{lang}: the attributes of {}", message.id);

        let mut patterns = vec![(
            message.id.clone(),
            found.value().expect("every message has a value"),
        )];
        patterns.extend(
            found
                .attributes()
                .map(|a| (format!("{}.{}", message.id, a.id()), a.value())),
        );
        let mut missing = BTreeSet::new();
        let mut args = FluentArgs::new();
        for variable in &message.variables {
            args.set(variable.as_str(), "x");
        }
        for (name, pattern) in patterns {
            let mut errors = Vec::new();
            bundle.format_pattern(pattern, None, &mut errors);
            for error in errors {
                match error {
                    FluentError::ResolverError(ResolverError::Reference(ReferenceKind::Variable { id })) => {
                        missing.insert(id);
                    }
                    other => panic!("{lang}: {name}: {other:?}"),
                }
            }
            let mut errors = Vec::new();
            bundle.format_pattern(pattern, Some(&args), &mut errors);
            assert!(errors.is_empty(), "{lang}: {name} with its variables: {errors:?}");
        }
        assert_eq!(
            missing, message.variables,
            "{lang}: the variables of {}",
            message.id
        );
    }
}

/// A token of text without the punctuation prose puts around it: "(after" is "after",
/// "SIZE=," is "SIZE=", "FROM:<address>," is "FROM:<address>", "domain:" is "domain".
fn bare(token: &str) -> &str {
    token
        .trim_start_matches(['(', '"'])
        .trim_end_matches([',', ';', '.', ')', '"', ':'])
}

fn is_command(token: &str) -> bool {
    COMMANDS.contains(&token)
}

/// Wire in any message: an SMTP command word, or anything with `<`, `@`, `=`, `:`, a
/// digit, `_` (a configuration name) or `/` (`docs/profiles.md`, `MAIL/RCPT`).
fn is_wire(token: &str) -> bool {
    is_command(token)
        || token.contains(['<', '@', '=', ':', '_', '/'])
        || token.contains(|c: char| c.is_ascii_digit())
}

/// Wire in a `-fix` message, which is a command box: also every all-caps word (a
/// command, a parameter, an extension keyword: `SIZE`, `CHUNKING`, `ASCII`).
fn is_fix_wire(token: &str) -> bool {
    is_wire(token)
        || (token.len() > 1
            && token.contains(|c: char| c.is_ascii_uppercase())
            && token
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'))
}

fn tokens(text: &str) -> BTreeSet<String> {
    text.split_whitespace()
        .map(|token| placeholders_as_one(bare(token)))
        .collect()
}

/// A placeholder in angle brackets, lowercase words (`<address>`, `<your-host-name>`),
/// stands for what the learner fills in: it is teaching text, translated
/// (`<indirizzo>`). Every other `<…>` is the wire (`<>`, `<CR><LF>`, `<you@example.org>`).
/// Placeholders compare as one.
fn placeholders_as_one(token: &str) -> String {
    let mut out = String::new();
    let mut rest = token;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('>') {
            Some(close) if close > 0 && after[..close].chars().all(|c| c.is_lowercase() || c == '-') => {
                out.push_str("<placeholder>");
                rest = &after[close + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn the_italian_engine_texts_are_a_translation_of_the_english() {
    let (en_source, it_source) = (read("en"), read("it"));
    let (en, en_groups) = messages(&en_source);
    let (it, it_groups) = messages(&it_source);
    assert!(
        en.len() > 150,
        "the English has all the engine's texts ({})",
        en.len()
    );

    let en_ids: Vec<&str> = en.iter().map(|m| m.id.as_str()).collect();
    let it_ids: Vec<&str> = it.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(it_ids, en_ids, "the same messages in the same order");
    assert_eq!(it_groups, en_groups, "the same ## group comments");

    check_bundle("en", &bundle("en", en_source.clone()), &en);
    check_bundle("it", &bundle("it", it_source.clone()), &it);

    let mut wrong = Vec::new();
    for (en, it) in en.iter().zip(&it) {
        let en_attributes: Vec<&str> = en.attributes.iter().map(|(n, _)| n.as_str()).collect();
        let it_attributes: Vec<&str> = it.attributes.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(it_attributes, en_attributes, "the attributes of {}", en.id);
        assert_eq!(it.variables, en.variables, "the variables of {}", en.id);

        let wire = if en.id.ends_with("-fix") {
            is_fix_wire
        } else {
            is_wire
        };
        let texts = std::iter::once((en.id.clone(), &en.value, &it.value)).chain(
            en.attributes
                .iter()
                .zip(&it.attributes)
                .map(|((name, en_text), (_, it_text))| (format!("{}.{name}", en.id), en_text, it_text)),
        );
        for (name, en_text, it_text) in texts {
            let it_tokens = tokens(it_text);
            for token in tokens(en_text).into_iter().filter(|t| wire(t)) {
                if !it_tokens.contains(&token) {
                    wrong.push(format!("{} ({name}): {token:?} is not in {it_text:?}", en.id));
                }
            }
        }
        assert!(!it.value.is_empty(), "{} has an Italian text", en.id);
        for (name, text) in &it.attributes {
            let first = text.split([' ', '\'']).next().unwrap_or("");
            assert!(
                name != "waiting" || !["il", "lo", "la", "l", "i", "gli", "le"].contains(&first),
                "{}.waiting follows \"In attesa di\": {text:?} needs no article (or an infinitive)",
                en.id
            );
        }
    }
    assert!(
        wrong.is_empty(),
        "the wire must stay as it is:\n{}",
        wrong.join("\n")
    );
}
