//! The wall clock, read by the UI only: simulated time starts from it, and every action
//! that needs a time carries one, so the reducer and the engine never read a clock.

/// Milliseconds since the Unix epoch, from the browser (or the system, natively).
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
