//! Failure injection: a world's rules give some commands another answer (a given reply, a
//! delay, a dropped connection), and its greylisting defers first attempts as Postfix
//! does with Debian's postgrey. Chance comes from the session's seeded PRNG and time is
//! simulated, so a session stays reproducible from its world, seed and inputs.
//!
//! A rule matches a command by verb, by an address pattern (the address of MAIL, RCPT or
//! VRFY; `*` matches any run of characters, case does not matter), by the nth command it
//! matched in the session, and by a percentage; the first rule that fires wins.

use serde::{Deserialize, Serialize};

use crate::reply::EnhancedCode;
use crate::table::Verb;

/// When a command gets another answer, and which.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The command it applies to; any command when absent.
    #[serde(default)]
    pub verb: Option<Verb>,
    /// A pattern for the command's address, e.g. `*@example.org` or `bob@*`.
    #[serde(default)]
    pub address: Option<String>,
    /// Only the nth command this rule matched in the session (1 = the first).
    #[serde(default)]
    pub nth: Option<u32>,
    /// The chance, in percent, that it fires when it matches (drawn from the seeded PRNG).
    #[serde(default)]
    pub percent: Option<u8>,
    pub then: Effect,
}

/// What a rule does instead of the normal answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum Effect {
    /// Answer with this reply; a 421 also closes the connection, as in Postfix.
    Reply {
        code: u16,
        #[serde(default)]
        enhanced: Option<EnhancedCode>,
        text: String,
    },
    /// Answer normally, this many milliseconds (simulated) later.
    Delay { ms: u64 },
    /// Close the connection without a reply.
    Disconnect,
}

/// One greylisting record: a sender and recipient pair, and when it was first tried.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Triplet {
    pub sender: String,
    pub recipient: String,
    pub first_seen: u64,
    /// It got through once (postgrey marks only that message with `X-Greylist`).
    #[serde(default)]
    pub passed: bool,
}

/// The longest delay a rule may add (an hour).
const MAX_DELAY_MS: u64 = 3_600_000;
/// The longest address pattern (an address is at most 254 octets, RFC 5321 §4.5.3.1).
const MAX_PATTERN: usize = 254;
/// The most rules a world may have: each command is matched against all of them.
pub const MAX_RULES: usize = 20;
/// The longest text a rule's reply may have (one line).
const MAX_TEXT: usize = 500;

/// Why a rule cannot be used: a fact the UI says in the learner's language. Each names
/// its field ([`RuleProblem::field`]); `Display` says it in English, as the CLI and
/// lesson files do (`nth: counts from 1`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleProblem {
    /// `nth` counts from 1.
    NthZero,
    PercentOver100,
    /// An address pattern that is empty or blank matches nothing.
    EmptyPattern,
    PatternTooLong {
        max: usize,
    },
    /// The reply code is not from 200 to 599.
    NotAReplyCode {
        code: u16,
    },
    /// A 3xx code asks the client for more input, which the server would read as commands.
    AsksForInput {
        code: u16,
    },
    /// The enhanced code's class is not the reply code's.
    EnhancedClass {
        class: u8,
        code: u16,
    },
    /// The reply text is not one line of 1 to `max` characters.
    TextNotOneLine {
        max: usize,
    },
    DelayTooLong {
        max_ms: u64,
    },
}

impl RuleProblem {
    /// The field at fault, as the rule's JSON names it.
    pub fn field(&self) -> &'static str {
        match self {
            RuleProblem::NthZero => "nth",
            RuleProblem::PercentOver100 => "percent",
            RuleProblem::EmptyPattern | RuleProblem::PatternTooLong { .. } => "address",
            RuleProblem::NotAReplyCode { .. } | RuleProblem::AsksForInput { .. } => "then.code",
            RuleProblem::EnhancedClass { .. } => "then.enhanced",
            RuleProblem::TextNotOneLine { .. } => "then.text",
            RuleProblem::DelayTooLong { .. } => "then.ms",
        }
    }
}

impl std::fmt::Display for RuleProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: ", self.field())?;
        match self {
            RuleProblem::NthZero => write!(f, "counts from 1"),
            RuleProblem::PercentOver100 => write!(f, "at most 100"),
            RuleProblem::EmptyPattern => {
                write!(f, "an empty pattern matches nothing; leave it out to match any")
            }
            RuleProblem::PatternTooLong { max } => write!(f, "at most {max} characters"),
            RuleProblem::NotAReplyCode { code } => {
                write!(f, "{code} is not an SMTP reply code (200 to 599)")
            }
            RuleProblem::AsksForInput { code } => {
                write!(f, "{code} asks for more input; a rule may answer 2xx, 4xx or 5xx")
            }
            RuleProblem::EnhancedClass { class, code } => {
                write!(f, "its class {class} does not fit code {code}")
            }
            RuleProblem::TextNotOneLine { max } => write!(f, "one line of 1 to {max} characters"),
            RuleProblem::DelayTooLong { max_ms } => write!(f, "at most {max_ms} (an hour)"),
        }
    }
}

impl Rule {
    /// Checks what serde cannot; the problem names the field (after `rules[i].`).
    pub fn validate(&self) -> Result<(), RuleProblem> {
        if self.nth == Some(0) {
            return Err(RuleProblem::NthZero);
        }
        if self.percent.is_some_and(|p| p > 100) {
            return Err(RuleProblem::PercentOver100);
        }
        if self.address.as_deref().is_some_and(|a| a.trim().is_empty()) {
            return Err(RuleProblem::EmptyPattern);
        }
        if self.address.as_deref().is_some_and(|a| a.len() > MAX_PATTERN) {
            return Err(RuleProblem::PatternTooLong { max: MAX_PATTERN });
        }
        match &self.then {
            Effect::Reply { code, enhanced, text } => {
                let code = *code;
                if !(200..=599).contains(&code) {
                    return Err(RuleProblem::NotAReplyCode { code });
                }
                if code / 100 == 3 {
                    // A 354 or 334 would make the client send data the server reads as commands.
                    return Err(RuleProblem::AsksForInput { code });
                }
                if let Some(EnhancedCode(class, ..)) = enhanced {
                    if u16::from(*class) != code / 100 || *class == 3 {
                        return Err(RuleProblem::EnhancedClass { class: *class, code });
                    }
                }
                if text.trim().is_empty() || text.contains(['\r', '\n']) || text.len() > MAX_TEXT {
                    return Err(RuleProblem::TextNotOneLine { max: MAX_TEXT });
                }
            }
            Effect::Delay { ms } if *ms > MAX_DELAY_MS => {
                return Err(RuleProblem::DelayTooLong { max_ms: MAX_DELAY_MS });
            }
            _ => {}
        }
        Ok(())
    }

    /// Does the rule apply to this command (before counting and chance)?
    fn matches(&self, verb: Verb, address: Option<&str>) -> bool {
        self.verb.is_none_or(|v| v == verb)
            && self
                .address
                .as_deref()
                .is_none_or(|pattern| address.is_some_and(|a| glob(pattern, a)))
    }
}

/// The effect of the first rule that fires for this command. `hits` counts, per rule, the
/// commands it matched so far; `draw` gives the next number of the seeded PRNG.
pub fn fire<'a>(
    rules: &'a [Rule],
    hits: &mut Vec<u32>,
    verb: Verb,
    address: Option<&str>,
    mut draw: impl FnMut() -> u64,
) -> Option<&'a Effect> {
    hits.resize(rules.len(), 0);
    let mut fired = None;
    for (rule, count) in rules.iter().zip(hits.iter_mut()) {
        if !rule.matches(verb, address) {
            continue;
        }
        *count = count.saturating_add(1);
        let nth = rule.nth.is_none_or(|n| n == *count);
        let chance = rule.percent.is_none_or(|p| draw() % 100 < u64::from(p));
        if fired.is_none() && nth && chance {
            fired = Some(&rule.then);
        }
    }
    fired
}

/// postgrey's decision for a sender and recipient at `now` (ms): `Err(())` defers (the
/// first attempt, or a retry too soon); `Ok(Some(secs))` passes a triplet for the first
/// time after it was delayed this long (postgrey then adds an `X-Greylist` header to that
/// message); `Ok(None)` passes a triplet that got through before (recorded from
/// postgrey 1.37 with Postfix 3.7).
#[allow(clippy::result_unit_err)]
pub fn greylist(
    db: &mut Vec<Triplet>,
    sender: &str,
    recipient: &str,
    now: u64,
    delay_secs: u64,
) -> Result<Option<u64>, ()> {
    let (sender, recipient) = (sender.to_ascii_lowercase(), recipient.to_ascii_lowercase());
    let Some(seen) = db
        .iter_mut()
        .find(|t| t.sender == sender && t.recipient == recipient)
    else {
        db.push(Triplet {
            sender,
            recipient,
            first_seen: now,
            passed: false,
        });
        return Err(());
    };
    let waited = now.saturating_sub(seen.first_seen) / 1000;
    if seen.passed {
        return Ok(None);
    }
    if waited < delay_secs {
        return Err(());
    }
    seen.passed = true;
    Ok(Some(waited))
}

/// `*` matches any run of characters; everything else matches itself, ignoring case.
pub fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (
        pattern.to_lowercase().chars().collect(),
        text.to_lowercase().chars().collect(),
    );
    // Classic two-pointer matching with one star to backtrack to.
    let (mut i, mut j, mut star, mut mark) = (0, 0, None, 0);
    while j < t.len() {
        if i < p.len() && p[i] != '*' && p[i] == t[j] {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some(i);
            mark = j;
            i += 1;
        } else if let Some(s) = star {
            i = s + 1;
            mark += 1;
            j = mark;
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_like_shell_patterns_without_case() {
        assert!(glob("*@example.org", "Bob@Example.ORG"));
        assert!(glob("bob@*", "bob@x"));
        assert!(glob("*", ""));
        assert!(glob("a*b*c", "aXXbYYc"));
        assert!(!glob("a*b*c", "aXXbYY"));
        assert!(!glob("bob@example.org", "bob@example.org.evil"));
    }

    #[test]
    fn greylisting_defers_until_the_delay_has_passed() {
        let mut db = Vec::new();
        assert_eq!(greylist(&mut db, "a@x", "b@y", 1_000, 300), Err(()));
        assert_eq!(
            greylist(&mut db, "A@X", "b@y", 200_000, 300),
            Err(()),
            "too soon, case ignored"
        );
        assert_eq!(greylist(&mut db, "a@x", "b@y", 302_000, 300), Ok(Some(301)));
        assert_eq!(
            greylist(&mut db, "a@x", "b@y", 400_000, 300),
            Ok(None),
            "one header only"
        );
        assert_eq!(db.len(), 1);
    }
}
