//! smtplab's browser UI: a thin Yew layer over the engine.
//!
//! [`state`] holds the lab (an engine session plus the transcript drawn from its outputs)
//! and its reducer; [`storage`] saves and restores it; [`share`] packs it into a link;
//! [`embed`] reads the URL's parameters and [`bridge`] talks to a course page that embeds
//! the lab; [`app`] and [`components`] render it. No protocol logic lives here: every reply, its code and its meaning come from
//! `smtplab_engine`.

pub mod app;
pub mod bridge;
pub mod components;
pub mod diagram;
pub mod embed;
pub mod entries;
pub mod lessons;
pub mod markdown;
pub mod share;
pub mod state;
pub mod storage;

pub use app::App;

/// Simulated time starts from the wall clock; the engine never reads it itself.
pub fn now_ms() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as u64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64)
    }
}
