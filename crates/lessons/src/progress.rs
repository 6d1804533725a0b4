//! Following a learner through a lesson: what the engine reported, as [`Observation`]s,
//! and which steps have passed.
//!
//! A step's check is evaluated over the observations since the step began (since the
//! previous step passed, or since the lesson started). It passes the moment it first
//! holds, and stays passed: [`Progress`] records where. The same code grades a live
//! session in the browser, one output at a time, and a scripted one on the command line
//! ([`run_script`]).

use serde::{Deserialize, Serialize};
use smtplab_engine::events::Event;
use smtplab_engine::transcript::replay_observed;
use smtplab_engine::{EnhancedCode, Message, Output, Verb};

use crate::lesson::Lesson;

/// When a scripted lesson session starts (simulated Unix milliseconds): the golden
/// transcripts' recording time, so that dates in messages are stable.
pub const START_MS: u64 = 1_795_918_096_000;

/// One thing the engine reported, as the checks see it. No text the learner typed and no
/// reply text: a reply is the command it answers and its codes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Observation {
    Event(Event),
    Reply {
        answers: Option<Verb>,
        code: u16,
        enhanced: Option<EnhancedCode>,
    },
    /// A message landed in `mailbox` (`None`: relayed to another domain).
    Delivered {
        mailbox: Option<String>,
        message: std::sync::Arc<Message>,
    },
}

impl Observation {
    /// What a check can see of an engine output.
    pub fn from_output(output: &Output) -> Option<Observation> {
        match output {
            Output::Event(event) => Some(Observation::Event(event.clone())),
            Output::Reply { reply, .. } => Some(Observation::Reply {
                answers: reply.answers,
                code: reply.code,
                enhanced: reply.enhanced,
            }),
            Output::Delivered { user, message } => Some(Observation::Delivered {
                mailbox: user.clone(),
                message: message.clone(),
            }),
            _ => None,
        }
    }

    fn is_error(&self) -> bool {
        matches!(self, Observation::Reply { code, .. } if *code >= 400)
    }
}

/// A learner's way through one lesson.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    seen: Vec<Observation>,
    /// For each passed step, how many observations there were when it passed.
    passed: Vec<usize>,
}

impl Progress {
    pub fn new() -> Progress {
        Progress::default()
    }

    /// Takes in an engine output and passes every step whose check now holds.
    pub fn observe_output(&mut self, lesson: &Lesson, output: &Output) {
        if let Some(seen) = Observation::from_output(output) {
            self.observe(lesson, seen);
        }
    }

    pub fn observe(&mut self, lesson: &Lesson, seen: Observation) {
        self.seen.push(seen);
        while let Some(step) = lesson.steps.get(self.passed.len()) {
            if !step.check.holds(&self.seen, self.step_start(), self.seen.len()) {
                break;
            }
            self.passed.push(self.seen.len());
        }
    }

    /// The step the learner is on (`steps.len()` when all have passed).
    pub fn current(&self) -> usize {
        self.passed.len()
    }

    pub fn is_complete(&self, lesson: &Lesson) -> bool {
        self.passed.len() >= lesson.steps.len()
    }

    /// Where each passed step passed, in observations.
    pub fn passed(&self) -> &[usize] {
        &self.passed
    }

    pub fn seen(&self) -> &[Observation] {
        &self.seen
    }

    /// The observation the current step began at.
    pub fn step_start(&self) -> usize {
        self.passed.last().copied().unwrap_or(0)
    }

    /// Failed attempts at the current step: error replies since it began.
    pub fn failures(&self) -> u32 {
        self.seen[self.step_start()..]
            .iter()
            .filter(|o| o.is_error())
            .count() as u32
    }

    /// Failed attempts at step `step` while it was the current one (0 for a step not yet
    /// begun): how many of its hints showed by themselves.
    pub fn failures_in(&self, step: usize) -> u32 {
        if step > self.passed.len() {
            return 0;
        }
        let start = step.checked_sub(1).map_or(0, |i| self.passed[i]);
        let end = self.passed.get(step).copied().unwrap_or(self.seen.len());
        self.seen[start..end].iter().filter(|o| o.is_error()).count() as u32
    }

    /// Error replies in the whole lesson.
    pub fn errors(&self) -> u32 {
        self.seen.iter().filter(|o| o.is_error()).count() as u32
    }

    /// Commands the learner spent: replies to a command that do not continue a 334 or
    /// 354 (the end of a DATA message and SASL answers are not commands).
    pub fn commands(&self) -> u32 {
        let mut continuing = false;
        let mut commands = 0;
        for seen in &self.seen {
            if let Observation::Reply { answers, code, .. } = seen {
                if answers.is_some() && !continuing {
                    commands += 1;
                }
                continuing = code / 100 == 3;
            }
        }
        commands
    }
}

/// A scripted session, graded.
#[derive(Clone, Debug)]
pub struct Run {
    /// The session as the engine played it, in the `.smtp` format.
    pub transcript: String,
    pub progress: Progress,
}

/// Plays the client side of a `.smtp` script in the lesson's world and grades it.
pub fn run_script(lesson: &Lesson, script: &str) -> Run {
    let mut progress = Progress::new();
    let (transcript, _) = replay_observed(script, lesson.session(), START_MS, &mut |output| {
        progress.observe_output(lesson, output)
    });
    Run { transcript, progress }
}
