//! smtplab's guided lessons and scenarios, as data a teacher writes: the format
//! ([`lesson`]), its validation with field paths ([`json`]), the check language graded
//! from the engine's typed events ([`check`]), and a learner's progress ([`progress`]).
//!
//! ```
//! use smtplab_lessons::{run_script, Lesson};
//!
//! let lesson = Lesson::from_json(r#"{
//!     "id": "hello", "title": {"en": "Hello"}, "intro": {"en": "Say hello."},
//!     "steps": [{"goal": {"en": "Greet with EHLO"},
//!                "check": {"reply": "EHLO", "class": 2}}]
//! }"#).unwrap();
//! let run = run_script(&lesson, "C: EHLO client.example.org\nC: QUIT\n");
//! assert!(run.progress.is_complete(&lesson));
//!
//! let broken = r#"{"id": "x", "title": {"en": "X"}, "intro": {"en": "X"},
//!     "steps": [{"goal": {"en": "?"}, "check": {"all": [{"event": "Authed"}]}}]}"#;
//! let error = Lesson::from_json(broken).unwrap_err().to_string();
//! assert!(error.starts_with("steps[0].check.all[0]: unknown event 'Authed'"));
//! ```
//!
//! The library does no I/O: the browser fetches lessons, the CLI reads files.

pub mod check;
pub mod json;
pub mod lesson;
pub mod progress;

pub use check::Check;
pub use json::LessonError;
pub use lesson::{Lesson, Step, Text};
pub use progress::{run_script, Observation, Progress, Run, START_MS};
