//! Protocol flow diagrams, generated from what the learner did: a sequence diagram from
//! the transcript ([`sequence`]), and a state diagram from the engine's transition table
//! ([`states`]).
//!
//! Both are pure functions of their inputs, so native tests check their structure and
//! the same drawing is shown on the page and, with its styles inside ([`for_export`]),
//! exported. No charting library.

pub mod sequence;
pub mod states;

pub use sequence::{
    rows_in_view, sequence, sequence_height, sequence_html, sequence_svg, Arrow, Band, BandKind, Sequence,
    MAX_ARROWS, ROW,
};
pub use states::state_svg;

/// The sequence diagram's own styles, for the exported file only: on the page, app.css
/// styles the diagrams (a `<style>` inside inserted SVG is inline style, which the CSP
/// `style-src 'self'` blocks), with the page's colours for light and dark.
const SEQUENCE_STYLE: &str = ".band rect{opacity:.16}.band.tls rect{fill:#2e7d32}.band.auth rect{fill:#6a1b9a}.band.transaction rect{fill:#1565c0}.band.greeting rect{fill:#546e7a}.band.quit rect{fill:#b71c1c}.band text{font:11px system-ui,sans-serif;fill:#555}.life{stroke:#888;stroke-dasharray:4 3}.arrow line{stroke-width:1.6}.c2 line,.c2 text{stroke:#17692f;fill:#17692f}.c3 line,.c3 text{stroke:#0a56a3;fill:#0a56a3}.c4 line,.c4 text{stroke:#8a5a00;fill:#8a5a00}.c5 line,.c5 text{stroke:#b3261e;fill:#b3261e}.cmd line{stroke:#333}.cmd text{fill:#111}.arrow text{stroke:none}.arrow{cursor:pointer}.arrow.selected rect.hit{fill:#ffe58f;opacity:.6}.arrow rect.hit{fill:transparent}.head{font:600 13px system-ui,sans-serif}";

/// The state diagram's own styles, for the exported file only (see [`SEQUENCE_STYLE`]).
const STATE_STYLE: &str = ".edge path{stroke:#666;fill:none;stroke-width:1.3}.edge text{fill:#333;paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}.edge.taken path{stroke:#d97706;stroke-width:3}.node rect{fill:#fff;stroke:#555;stroke-width:1.4}.node text{font-weight:600;fill:#222}.node.current rect{fill:#fde68a;stroke:#b45309;stroke-width:3}.cluster rect{fill:#eef4fb;stroke:#9db4cc;stroke-dasharray:5 4}.cluster text{fill:#456;font-style:italic}@media (prefers-reduced-motion:no-preference){.edge.taken path{stroke-dasharray:6 4;animation:flow 1s linear infinite}}@keyframes flow{to{stroke-dashoffset:-20}}";

/// A diagram from [`sequence_svg`] or [`state_svg`] as a standalone file (SVG download,
/// PNG export): the same drawing with its styles inside, in light colours.
pub fn for_export(svg: &str) -> String {
    let style = if svg.contains(r#"class="states""#) {
        STATE_STYLE
    } else {
        SEQUENCE_STYLE
    };
    match svg.find('>') {
        Some(end) => format!("{}<style>{style}</style>{}", &svg[..=end], &svg[end + 1..]),
        None => svg.to_string(),
    }
}

/// Escapes text for SVG/XML.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
