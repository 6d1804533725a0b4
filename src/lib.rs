//! smtplab's browser UI: a thin Yew layer over the engine.
//!
//! [`state`] holds the lab (an engine session plus the transcript drawn from its outputs)
//! and its reducer; [`app`] renders it. No protocol logic lives here: every reply, its
//! code and its meaning come from `smtplab_engine`.

pub mod app;
pub mod state;

pub use app::App;
