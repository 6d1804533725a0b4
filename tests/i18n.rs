//! The locales: every file of every language parses, every message exists in every
//! language with the same attributes and no variable the English does not give, every
//! message the code names exists, no message is unused, and no learner-facing text is
//! left in `src/` outside the locale files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_bundle::FluentResource;
use fluent_syntax::ast;
use smtplab_engine::table::{Trigger, COMMANDS, TRANSITIONS};
use smtplab_engine::world::Profile;
use smtplab_engine::Voice;
use smtplab_web::i18n::{Lang, Texts, FILES};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A message: its attributes and the variables of its value and attributes.
#[derive(Debug, Default)]
struct Shape {
    attributes: BTreeSet<String>,
    variables: BTreeSet<String>,
}

fn variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                variables(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

/// The messages of one locale file, by id. Panics on a parse error.
fn messages(path: &Path) -> BTreeMap<String, Shape> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let resource =
        FluentResource::try_new(text).unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
    let mut out = BTreeMap::new();
    for entry in resource.entries() {
        match entry {
            ast::Entry::Message(message) => {
                let mut shape = Shape::default();
                if let Some(value) = &message.value {
                    variables(value, &mut shape.variables);
                }
                for attribute in &message.attributes {
                    shape.attributes.insert(attribute.id.name.to_string());
                    variables(&attribute.value, &mut shape.variables);
                }
                let id = message.id.name.to_string();
                assert!(
                    out.insert(id.clone(), shape).is_none(),
                    "{}: {id} twice",
                    path.display()
                );
            }
            ast::Entry::Junk { content } => panic!("{}: junk {content:?}", path.display()),
            _ => {}
        }
    }
    out
}

fn locale(lang: Lang) -> BTreeMap<String, Shape> {
    let mut all = BTreeMap::new();
    for file in FILES {
        let path = root().join("locales").join(lang.code()).join(file);
        for (id, shape) in messages(&path) {
            assert!(
                all.insert(id.clone(), shape).is_none(),
                "{id} is in two files of {}",
                lang.code()
            );
        }
    }
    all
}

#[test]
fn every_message_is_in_every_language_with_the_same_shape() {
    let english = locale(Lang::En);
    assert!(english.len() > 300, "{} English messages", english.len());
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let other = locale(lang);
        let code = lang.code();
        let missing: Vec<_> = english.keys().filter(|id| !other.contains_key(*id)).collect();
        assert!(
            missing.is_empty(),
            "{code} lacks {} messages: {missing:?}",
            missing.len()
        );
        let extra: Vec<_> = other.keys().filter(|id| !english.contains_key(*id)).collect();
        assert!(
            extra.is_empty(),
            "{code} has messages English does not: {extra:?}"
        );
        for (id, shape) in &english {
            let theirs = &other[id];
            assert_eq!(theirs.attributes, shape.attributes, "{code}: attributes of {id}");
            assert!(
                theirs.variables.is_subset(&shape.variables),
                "{code}: {id} uses {:?}, which the code does not give",
                theirs.variables.difference(&shape.variables).collect::<Vec<_>>()
            );
        }
        // And the app reads them: a bundle forms without errors.
        let files = FILES
            .iter()
            .map(|f| std::fs::read_to_string(root().join("locales").join(code).join(f)).unwrap())
            .collect();
        Texts::parse(lang, files, Some(Texts::english())).unwrap();
    }
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            // Without comments: a doc comment may name a message it does not use.
            let text = std::fs::read_to_string(&path).unwrap();
            let text = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            out.push((path, text));
        }
    }
}

/// The string literals of the code that can be message ids.
fn literals(code: &[(PathBuf, String)]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (_, text) in code {
        for piece in text.split('"').skip(1).step_by(2) {
            let id_like = !piece.is_empty()
                && piece.starts_with(|c: char| c.is_ascii_lowercase())
                && piece
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if id_like {
                out.insert(piece.to_string());
            }
        }
    }
    out
}

#[test]
fn every_message_is_used_and_every_message_used_exists() {
    let english = locale(Lang::En);
    let mut code = Vec::new();
    sources(&root().join("src"), &mut code);
    // The engine's teaching texts are named in these files (events.rs has other names).
    for file in [
        "reply.rs",
        "table.rs",
        "world.rs",
        "profiles/exim.rs",
        "profiles/gmail.rs",
        "profiles/microsoft365.rs",
        "profiles/postfix.rs",
    ] {
        let path = root().join("crates/engine/src").join(file);
        code.push((path.clone(), std::fs::read_to_string(path).unwrap()));
    }
    let literals = literals(&code);
    let unused: Vec<_> = english.keys().filter(|id| !literals.contains(*id)).collect();
    assert!(unused.is_empty(), "messages no code names: {unused:?}");
    // What the app names with t!/note!, and what the engine names by prefix.
    let mut named = BTreeSet::new();
    for (path, text) in &code {
        let app = path.starts_with(root().join("src"));
        for (i, piece) in text.split('"').enumerate().skip(1).step_by(2) {
            let before = text.split('"').nth(i - 1).unwrap_or_default();
            let by_macro = app && (before.ends_with("t!(texts, ") || before.ends_with("note!("));
            let by_prefix = !app
                && [
                    "reply-",
                    "auth-failure-",
                    "enhanced-",
                    "phase-",
                    "trigger-",
                    "command-",
                    "provenance-",
                    "unsourced-",
                    "fact-",
                ]
                .iter()
                .any(|p| piece.starts_with(p))
                && !piece.contains(' ');
            if by_macro || by_prefix {
                named.insert(piece.to_string());
            }
        }
    }
    let exists = |named: &str| match named.split_once('.') {
        Some((id, attribute)) => english.get(id).is_some_and(|s| s.attributes.contains(attribute)),
        None => english.contains_key(named),
    };
    let missing: Vec<_> = named.iter().filter(|id| !exists(id)).collect();
    assert!(
        missing.is_empty(),
        "named in code, missing in English: {missing:?}"
    );
    assert!(
        named.len() > 250,
        "only {} ids found in code: the scan broke",
        named.len()
    );
}

#[test]
fn every_engine_fact_has_its_texts() {
    let english = locale(Lang::En);
    let has = |id: &str, attribute: Option<&str>| {
        let shape = english.get(id).unwrap_or_else(|| panic!("{id} missing"));
        if let Some(attribute) = attribute {
            assert!(shape.attributes.contains(attribute), "{id}.{attribute} missing");
        }
    };
    for profile in Profile::ALL.iter().copied() {
        for reply in smtplab_engine::reply::catalog(profile, &Voice::of("mail.example.com")) {
            let why = reply.explain();
            has(why.summary, None);
            has(why.class, Some("label"));
            has(why.area, None);
            if let Some(fix) = why.fix {
                has(fix, None);
            }
            if let Some(enhanced) = why.enhanced {
                for id in [enhanced.class, enhanced.subject, enhanced.detail] {
                    has(id, None);
                }
            }
            // Why a text no transcript shows was chosen is said too, not in English.
            if let smtplab_engine::Source::Unsourced(id) = profile.source(&reply.kind) {
                assert!(id.starts_with("unsourced-"), "{profile:?} {:?}: {id}", reply.kind);
                has(id, None);
            }
        }
        has(profile.provenance(), None);
    }
    for (from, trigger, to) in TRANSITIONS {
        has(from.message(), Some("waiting"));
        has(to.message(), Some("waiting"));
        if let Some(id) = trigger.message() {
            has(id, None);
        }
    }
    for trigger in [Trigger::ClientClosed, Trigger::ServerClosed] {
        has(trigger.message().unwrap(), None);
    }
    for command in COMMANDS {
        has(command.summary, None);
        let (id, attribute) = command.syntax.split_once('.').expect("a message's attribute");
        has(id, Some(attribute));
    }
}

#[test]
fn no_learner_facing_text_is_left_in_the_components() {
    // Text nodes `{ "…" }` and attributes read aloud or shown (aria-label, title,
    // placeholder, alt) with a word in them: they belong in the locale files.
    const ALLOWED: [&str; 12] = [
        // Names and the wire, which are never translated.
        "smtplab",
        "AUTH",
        "AUTH PLAIN",
        "MAIL FROM",
        "RCPT TO",
        "*@example.org",
        // CSS classes chosen in an `if`.
        " found",
        " selected",
        "edge",
        "edge taken",
        "to-server",
        "to-client",
    ];
    let mut code = Vec::new();
    sources(&root().join("src"), &mut code);
    let mut found = Vec::new();
    for (path, text) in &code {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_start();
            let classes = line.contains("class={");
            let mut candidates: Vec<&str> = Vec::new();
            for (i, piece) in line.split('"').enumerate().skip(1).step_by(2) {
                let before = line.split('"').nth(i - 1).unwrap_or_default();
                let node =
                    before.ends_with("{ ") && line.split('"').nth(i + 1).is_some_and(|a| a.starts_with(" }"));
                let attribute = ["aria-label=", "title=", "placeholder=", "alt="]
                    .iter()
                    .any(|a| before.ends_with(a));
                if node || attribute {
                    candidates.push(piece);
                }
            }
            for piece in candidates {
                let words = piece
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| w.chars().count() >= 2);
                let class_name = classes
                    && piece
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-' || c == ' ');
                if words && !class_name && !ALLOWED.contains(&piece) {
                    found.push(format!("{}:{}: {piece:?}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "text left in the code:\n{}", found.join("\n"));
}

#[test]
fn numbers_and_plurals_follow_the_language() {
    let english = Texts::english();
    let said = smtplab_web::t!(english, "sequence-body", lines = 1, bytes = 52_428_800);
    assert_eq!(said, "message: 1 line, 52,428,800 bytes");
    let said = smtplab_web::t!(english, "sequence-body", lines = 3, bytes = 1200);
    assert_eq!(said, "message: 3 lines, 1200 bytes");
    let italian = Texts::from_checkout(Lang::It);
    let said = smtplab_web::t!(italian, "sequence-body", lines = 1, bytes = 52_428_800);
    assert!(said.contains("52.428.800") && said.contains("1 riga"), "{said}");
    let said = smtplab_web::t!(italian, "sequence-body", lines = 3, bytes = 2);
    assert!(said.contains("3 righe"), "{said}");
    // No isolation marks around placeables (they show as boxes and break copy).
    assert!(!said.contains('\u{2068}') && !said.contains('\u{2069}'));
}

#[test]
fn the_language_comes_from_its_tag() {
    assert_eq!(Lang::from_tag("it-IT"), Some(Lang::It));
    assert_eq!(Lang::from_tag("IT"), Some(Lang::It));
    assert_eq!(Lang::from_tag("en_GB"), Some(Lang::En));
    assert_eq!(Lang::from_tag("fr"), None);
    assert_eq!(Lang::negotiate(["fr-FR", "it", "en"]), Some(Lang::It));
    assert_eq!(Lang::negotiate(["de"]), None);
}

/// The lab's resolver says every message of every language exactly as Fluent's own
/// (`fluent-bundle`, without isolation marks) does, with text and with numbers (1, 2, 7:
/// a plural's "one" and "other", below the grouping of thousands) for its variables.
#[test]
fn the_resolver_says_what_fluent_bundle_says() {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentValue};
    use smtplab_web::i18n::Arg;
    for lang in Lang::ALL {
        let ours = Texts::from_checkout(lang);
        let mut bundle = FluentBundle::new(vec![lang.code().parse().unwrap()]);
        bundle.set_use_isolating(false);
        for file in FILES {
            let text = std::fs::read_to_string(root().join("locales").join(lang.code()).join(file)).unwrap();
            bundle
                .add_resource(FluentResource::try_new(text).unwrap())
                .unwrap();
        }
        let mut compared = 0;
        for (id, shape) in locale(lang) {
            let names: Vec<String> = std::iter::once(None)
                .chain(shape.attributes.iter().map(Some))
                .map(|a| a.map_or(id.clone(), |a| format!("{id}.{a}")))
                .collect();
            for name in &names {
                let message = bundle.get_message(&id).unwrap();
                let pattern = match name.split_once('.') {
                    Some((_, attribute)) => message.get_attribute(attribute).unwrap().value(),
                    None => match message.value() {
                        Some(pattern) => pattern,
                        None => continue,
                    },
                };
                let samples: [Option<i64>; 4] = [None, Some(1), Some(2), Some(7)];
                for sample in samples {
                    let mut theirs = FluentArgs::new();
                    let mut args: Vec<(&str, Arg)> = Vec::new();
                    for variable in &shape.variables {
                        let variable = variable.as_str();
                        match sample {
                            None => {
                                theirs.set(variable, FluentValue::from("x"));
                                args.push((variable, Arg::from("x")));
                            }
                            Some(n) => {
                                theirs.set(variable, FluentValue::from(n));
                                args.push((variable, Arg::from(n)));
                            }
                        }
                    }
                    let mut errors = Vec::new();
                    let expected = bundle.format_pattern(pattern, Some(&theirs), &mut errors);
                    assert!(errors.is_empty(), "{}: {name}: {errors:?}", lang.code());
                    assert_eq!(
                        ours.get(name, &args),
                        expected,
                        "{}: {name} with {sample:?}",
                        lang.code()
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 1000, "{compared}");
    }
}

#[test]
fn the_locales_use_no_terms_and_no_functions() {
    fn inline(e: &ast::InlineExpression<&str>) -> bool {
        match e {
            ast::InlineExpression::TermReference { .. } | ast::InlineExpression::FunctionReference { .. } => {
                false
            }
            ast::InlineExpression::Placeable { expression } => expression_ok(expression),
            _ => true,
        }
    }
    fn expression_ok(e: &ast::Expression<&str>) -> bool {
        match e {
            ast::Expression::Inline(i) => inline(i),
            ast::Expression::Select { selector, variants } => {
                inline(selector) && variants.iter().all(|v| pattern_ok(&v.value))
            }
        }
    }
    fn pattern_ok(p: &ast::Pattern<&str>) -> bool {
        p.elements.iter().all(|e| match e {
            ast::PatternElement::Placeable { expression } => expression_ok(expression),
            _ => true,
        })
    }
    for lang in Lang::ALL {
        for file in FILES {
            let text = std::fs::read_to_string(root().join("locales").join(lang.code()).join(file)).unwrap();
            let resource = FluentResource::try_new(text).unwrap();
            for entry in resource.entries() {
                match entry {
                    ast::Entry::Term(term) => panic!("{}/{file}: term -{}", lang.code(), term.id.name),
                    ast::Entry::Message(m) => {
                        let all = m.value.iter().chain(m.attributes.iter().map(|a| &a.value));
                        for pattern in all {
                            assert!(
                                pattern_ok(pattern),
                                "{}/{file}: {} uses a term or a function",
                                lang.code(),
                                m.id.name
                            );
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// `build.rs` compiles English in without its comments: the messages must be those of
/// the files as they are.
#[test]
fn english_compiled_in_without_comments_has_the_same_messages() {
    let compiled = Texts::english();
    let files = Texts::from_checkout(Lang::En);
    assert!(compiled.same_messages(&files));
    assert!(compiled.has("hint-press-tab"));
}
