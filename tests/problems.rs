//! The engine's reasons a world or a rule cannot be used, said in the learner's language:
//! every problem has its own message in English and in Italian, which starts with the
//! field the engine names and says the facts it carries (never the engine's English).

use smtplab_engine::rules::RuleProblem;
use smtplab_engine::world::{Profile, World};
use smtplab_engine::{WorldError, WorldProblem};
use smtplab_web::i18n::{Lang, Texts};
use smtplab_web::problems;

fn rule_problems() -> Vec<RuleProblem> {
    vec![
        RuleProblem::NthZero,
        RuleProblem::PercentOver100,
        RuleProblem::EmptyPattern,
        RuleProblem::PatternTooLong { max: 254 },
        RuleProblem::NotAReplyCode { code: 700 },
        RuleProblem::AsksForInput { code: 354 },
        RuleProblem::EnhancedClass { class: 5, code: 451 },
        RuleProblem::TextNotOneLine { max: 500 },
        RuleProblem::DelayTooLong { max_ms: 3_600_000 },
    ]
}

fn world_problems() -> Vec<WorldProblem> {
    let mut all = vec![
        WorldProblem::HostName {
            name: "mail server".into(),
        },
        WorldProblem::UserName {
            index: 2,
            name: "bob smith".into(),
        },
        WorldProblem::UserTwice {
            index: 3,
            name: "Alice".into(),
        },
        WorldProblem::AliasEmpty {
            index: 0,
            name: "staff".into(),
        },
        WorldProblem::NoRecipients,
        WorldProblem::LineLength,
        WorldProblem::TooManyRules,
        WorldProblem::GreylistingTooLong,
        WorldProblem::NoticeUnsupported {
            profile: Profile::Postfix,
        },
        WorldProblem::NoticeTooManyLines,
        WorldProblem::NoticeLine { index: 1 },
    ];
    all.extend(
        rule_problems()
            .into_iter()
            .map(|problem| WorldProblem::Rule { index: 4, problem }),
    );
    all
}

#[test]
fn every_problem_is_said_in_each_language_with_its_field_and_facts() {
    let english = Texts::english();
    let italian = Texts::from_checkout(Lang::It);
    let mut ids = std::collections::BTreeSet::new();
    for problem in world_problems() {
        let note = problems::world(&problem);
        ids.insert(note.id);
        let (en, it) = (note.say(&english), note.say(&italian));
        let field = problem.field();
        for said in [&en, &it] {
            assert!(said.starts_with(&format!("{field}: ")), "{problem:?}: {said}");
            assert!(
                !said.contains('{') && !said.contains("Unknown"),
                "{problem:?}: {said}"
            );
        }
        assert_ne!(en, it, "{problem:?} is not said in Italian");
        // The engine's English reason (after the field) is not what the Italian says.
        let reason = problem.to_string();
        let reason = reason
            .split_once(": ")
            .map_or(reason.as_str(), |(_, r)| r)
            .to_string();
        assert!(!it.contains(&reason), "{problem:?}: English inside Italian: {it}");
    }
    // Names and numbers the problems carry are in the sentence.
    let say = |p: WorldProblem, lang: &Texts| problems::world(&p).say(lang);
    assert!(say(
        WorldProblem::UserTwice {
            index: 3,
            name: "Alice".into()
        },
        &italian
    )
    .contains("«Alice»"));
    assert!(
        say(WorldProblem::LineLength, &italian).contains("16.384"),
        "numbers in the language's form"
    );
    assert!(say(WorldProblem::LineLength, &english).contains("16,384"));
    let rule = WorldProblem::Rule {
        index: 4,
        problem: RuleProblem::NotAReplyCode { code: 700 },
    };
    assert!(
        say(rule.clone(), &italian).starts_with("rules[4].then.code: 700 non è"),
        "{}",
        say(rule, &italian)
    );
    // Each problem has a message of its own.
    assert_eq!(ids.len(), world_problems().len());
}

#[test]
fn a_rule_alone_is_named_from_the_rule() {
    let english = Texts::english();
    for problem in rule_problems() {
        let said = problems::rule(&problem).say(&english);
        assert!(said.starts_with(&format!("{}: ", problem.field())), "{said}");
    }
}

#[test]
fn the_engine_finds_each_problem_it_names() {
    // A world file refused by the engine carries the problem, not words.
    let error = World::from_json(r#"{"hostname": "mail server"}"#).unwrap_err();
    assert_eq!(
        error,
        WorldError::Invalid(WorldProblem::HostName {
            name: "mail server".into()
        })
    );
    let italian = Texts::from_checkout(Lang::It);
    let smtplab_web::i18n::Arg::Note(note) = problems::world_error(&error) else {
        panic!("a refused world is said as a note");
    };
    assert_eq!(
        note.say(&italian),
        "hostname: «mail server» non è un nome di host"
    );
    // A file that is not a world keeps the reader's own words (they quote the file).
    let error = World::from_json(r#"{"hostname": 7}"#).unwrap_err();
    assert!(matches!(error, WorldError::Format(_)), "{error:?}");
}
