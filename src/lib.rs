//! smtplab's browser UI: a thin Yew layer over the engine.
//!
//! [`state`] holds the lab (an engine session plus the transcript drawn from its outputs)
//! and its reducer; [`storage`] saves and restores it, and [`drafts`] what is being typed; [`share`] packs it into a link;
//! [`embed`] reads the URL's parameters and [`bridge`] talks to a course page that embeds
//! the lab; [`root`] picks the language, [`app`] and [`components`] render the lab, and [`time`] reads the clock for them. No protocol logic lives here: every reply, its code and its meaning come from
//! `smtplab_engine`.

pub mod app;
pub mod bridge;
pub mod components;
pub mod diagram;
pub mod drafts;
pub mod embed;
pub mod entries;
pub mod i18n;
pub mod lessons;
pub mod markdown;
pub mod problems;
pub mod root;
pub mod rows;
pub mod share;
pub mod state;
pub mod storage;
pub mod time;
pub mod wrap;

pub use root::App;
