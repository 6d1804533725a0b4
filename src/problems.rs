//! The engine's reasons a world or a rule cannot be used ([`WorldProblem`],
//! [`RuleProblem`]), said as notes in the learner's language. Each note starts with the
//! field at fault as the world's JSON names it (`users[2].name`), which stays as it is.

use smtplab_engine::rules::{RuleProblem, MAX_RULES};
use smtplab_engine::world::{LINE_LENGTH, MAX_GREYLISTING, MAX_NOTICE_LINE, MAX_NOTICE_LINES};
use smtplab_engine::{WorldError, WorldProblem};

use crate::i18n::{Arg, Note};
use crate::note;

/// Why a world file cannot be used: a reader's message stays as it is (it quotes the
/// file's field and value); a world the engine will not run is said as a note.
pub fn world_error(error: &WorldError) -> Arg<'static> {
    match error {
        WorldError::Format(why) => Arg::from(why.clone()),
        WorldError::Invalid(problem) => Arg::from(world(problem)),
    }
}

/// What is wrong with a world.
pub fn world(problem: &WorldProblem) -> Note {
    let field = problem.field();
    match problem {
        WorldProblem::HostName { name } => note!("world-host-name", field = field, name = name.clone()),
        WorldProblem::UserName { name, .. } => note!("world-user-name", field = field, name = name.clone()),
        WorldProblem::UserTwice { name, .. } => note!("world-user-twice", field = field, name = name.clone()),
        WorldProblem::AliasEmpty { name, .. } => {
            note!("world-alias-empty", field = field, name = name.clone())
        }
        WorldProblem::NoRecipients => note!("world-no-recipients", field = field),
        WorldProblem::LineLength => note!(
            "world-line-length",
            field = field,
            min = *LINE_LENGTH.start(),
            max = *LINE_LENGTH.end()
        ),
        WorldProblem::TooManyRules => note!("world-too-many-rules", field = field, max = MAX_RULES),
        WorldProblem::GreylistingTooLong => {
            note!("world-greylisting-too-long", field = field, max = MAX_GREYLISTING)
        }
        WorldProblem::NoticeUnsupported { profile } => {
            note!(
                "world-notice-unsupported",
                field = field,
                server = profile.title()
            )
        }
        WorldProblem::NoticeTooManyLines => {
            note!("world-notice-lines", field = field, max = MAX_NOTICE_LINES)
        }
        WorldProblem::NoticeLine { .. } => note!("world-notice-line", field = field, max = MAX_NOTICE_LINE),
        WorldProblem::Rule { problem, .. } => rule_at(problem, field),
    }
}

/// What is wrong with a rule on its own (the field named from the rule).
pub fn rule(problem: &RuleProblem) -> Note {
    rule_at(problem, problem.field().to_string())
}

fn rule_at(problem: &RuleProblem, field: String) -> Note {
    match *problem {
        RuleProblem::NthZero => note!("rule-nth-zero", field = field),
        RuleProblem::PercentOver100 => note!("rule-percent", field = field, max = 100u32),
        RuleProblem::EmptyPattern => note!("rule-empty-pattern", field = field),
        RuleProblem::PatternTooLong { max } => note!("rule-pattern-too-long", field = field, max = max),
        RuleProblem::NotAReplyCode { code } => {
            note!("rule-not-a-code", field = field, code = code.to_string())
        }
        RuleProblem::AsksForInput { code } => {
            note!("rule-asks-for-input", field = field, code = code.to_string())
        }
        RuleProblem::EnhancedClass { class, code } => note!(
            "rule-enhanced-class",
            field = field,
            class = class.to_string(),
            code = code.to_string()
        ),
        RuleProblem::TextNotOneLine { max } => note!("rule-text", field = field, max = max),
        RuleProblem::DelayTooLong { max_ms } => note!("rule-delay", field = field, max = max_ms),
    }
}
