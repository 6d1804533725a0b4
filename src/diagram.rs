//! Protocol flow diagrams as SVG text, generated from what the learner did: a sequence
//! diagram from the transcript, and a state diagram from the engine's transition table.
//!
//! Both are pure functions of their inputs, so native tests check their structure and
//! the same text is shown on the page and, with its styles inside ([`for_export`]),
//! exported. No charting library.

use std::fmt::Write;

use smtplab_engine::events::{Abort, Event};
use smtplab_engine::table::{Trigger, TRANSITIONS};
use smtplab_engine::{Phase, ReplyClass, Verb};

use crate::entries::Entries;
use crate::state::Entry;

/// How many arrows are drawn; older ones are summarised (keeps long sessions smooth).
pub const MAX_ARROWS: usize = 250;

const ROW: usize = 26;
const TOP: usize = 44;
const CLIENT_X: usize = 110;
const SERVER_X: usize = 590;
const WIDTH: usize = 700;

/// One arrow: a command to the server, or a reply to the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arrow {
    /// The transcript entry it stands for (the first one, for a collapsed message body).
    pub entry: usize,
    pub to_server: bool,
    pub label: String,
    pub full: String,
    pub code: Option<u16>,
    /// The reply's class (for its colour); `None` for commands.
    pub class: Option<ReplyClass>,
    /// A DATA body drawn as one arrow (or its end, when expanded): a click toggles it.
    pub body: bool,
}

impl Arrow {
    fn command(entry: usize, label: String, full: String) -> Arrow {
        Arrow {
            entry,
            to_server: true,
            label,
            full,
            code: None,
            class: None,
            body: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BandKind {
    Greeting,
    Tls,
    Auth,
    Transaction,
    Quit,
}

/// A phase of the session drawn behind its arrows, from arrow `first` to `last`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Band {
    pub kind: BandKind,
    pub first: usize,
    pub last: usize,
}

/// The sequence model: arrows in order, and the bands over them.
/// `expanded` lists the DATA bodies (by their first entry) to draw line by line.
///
/// Bands come from the engine's events, never from reply codes or text: a connection's
/// greeting, TLS from the handshake on, each AUTH exchange, each mail transaction (from
/// the MAIL that started it to the reply that ended it), and QUIT.
pub fn sequence(entries: &Entries, expanded: &[usize]) -> (Vec<Arrow>, Vec<Band>) {
    let mut arrows: Vec<Arrow> = Vec::new();
    let mut bands = Vec::new();
    let mut open: Vec<(BandKind, usize)> = Vec::new();
    // The DATA body being read: (its first entry, lines, bytes).
    let mut in_body: Option<(usize, usize, usize)> = None;
    // Command arrows not answered yet, oldest first, and the one the last reply answered
    // (the server answers pipelined commands in order, one reply each).
    let mut waiting: std::collections::VecDeque<usize> = Default::default();
    let mut answered: Option<usize> = None;
    // Arrows this far back are not drawn: give them no text (long sessions stay fast).
    let texts_from = entries.len().saturating_sub(2 * MAX_ARROWS);
    let describe = |index: usize, make: &dyn Fn() -> String| {
        if index >= texts_from {
            make()
        } else {
            String::new()
        }
    };
    for (index, entry) in entries.iter().enumerate() {
        match entry {
            Entry::Client { text, .. } if in_body.is_some() => {
                let (first, lines, bytes) = in_body.as_mut().expect("checked");
                *lines += 1;
                *bytes += text.len() + 2;
                if expanded.contains(first) {
                    let (label, full) = (
                        describe(index, &|| elide(text, 34)),
                        describe(index, &|| text.clone()),
                    );
                    arrows.push(Arrow::command(index, label, full));
                }
            }
            Entry::Client { text, .. } => {
                waiting.push_back(arrows.len());
                let (label, full) = (
                    describe(index, &|| elide(text, 34)),
                    describe(index, &|| text.clone()),
                );
                arrows.push(Arrow::command(index, label, full));
            }
            Entry::Server { reply, .. } => {
                if let Some((first, lines, bytes)) = in_body.take() {
                    let size = format!("{} lines, {bytes} bytes", lines.saturating_sub(1));
                    let label = if expanded.contains(&first) {
                        format!("end of message ({size}): collapse")
                    } else {
                        format!("message: {size}")
                    };
                    answered = Some(arrows.len());
                    arrows.push(Arrow {
                        body: true,
                        ..Arrow::command(first, label.clone(), label)
                    });
                } else {
                    answered = waiting.pop_front();
                }
                let last_line = reply.lines.last().map_or("", String::as_str);
                arrows.push(Arrow {
                    entry: index,
                    to_server: false,
                    label: describe(index, &|| elide(&format!("{} {last_line}", reply.code), 38)),
                    full: describe(index, &|| full_reply(reply)),
                    code: Some(reply.code),
                    class: Some(reply.class()),
                    body: false,
                });
            }
            Entry::Event { .. } => {}
            Entry::Session { event, .. } => {
                let last = arrows.len().saturating_sub(1);
                let command = answered.unwrap_or(last);
                on_event(event, &mut open, &mut bands, command, last);
                if matches!(event, Event::PhaseChanged { to: Phase::Data, .. }) {
                    in_body = Some((index + 1, 0, 0));
                }
                if matches!(
                    event,
                    Event::PhaseChanged {
                        trigger: Trigger::Connect,
                        ..
                    }
                ) {
                    waiting.clear();
                    answered = None;
                }
            }
        }
    }
    finish_all(&mut open, &mut bands, arrows.len().saturating_sub(1));
    bands.retain(|b| b.first <= b.last && b.first < arrows.len());
    bands.sort_by_key(|b| (b.first, b.kind as u8));
    (arrows, bands)
}

/// What an event does to the bands: `command` is the arrow of the command it answers,
/// `last` the newest arrow.
fn on_event(
    event: &Event,
    open: &mut Vec<(BandKind, usize)>,
    bands: &mut Vec<Band>,
    command: usize,
    last: usize,
) {
    match event {
        Event::PhaseChanged {
            trigger: Trigger::Connect,
            ..
        } => {
            finish_all(open, bands, last.saturating_sub(1));
            bands.push(Band {
                kind: BandKind::Greeting,
                first: last,
                last,
            });
        }
        Event::PhaseChanged { to: Phase::Auth, .. } => open.push((BandKind::Auth, command)),
        Event::PhaseChanged {
            from: Phase::Auth, ..
        } => close(open, bands, BandKind::Auth, last),
        Event::PhaseChanged {
            to: Phase::Closed,
            trigger: Trigger::Command(Verb::Quit),
            ..
        } => open.push((BandKind::Quit, command)),
        Event::Authenticated { .. }
            if !bands
                .last()
                .is_some_and(|b| b.kind == BandKind::Auth && b.last == last) =>
        {
            // AUTH with an initial response: one command, one reply.
            bands.push(Band {
                kind: BandKind::Auth,
                first: command,
                last,
            });
        }
        Event::TlsEstablished => open.push((BandKind::Tls, last + 1)),
        Event::TransactionStarted { .. } => open.push((BandKind::Transaction, command)),
        Event::MessageAccepted { .. } => close(open, bands, BandKind::Transaction, last),
        // RSET, HELO/EHLO or STARTTLS ended it: the band stops before that command.
        Event::TransactionAborted { why: Abort::Reset(_) } => {
            close(open, bands, BandKind::Transaction, command.saturating_sub(1))
        }
        Event::TransactionAborted { .. } => close(open, bands, BandKind::Transaction, last),
        Event::Disconnected { .. } => finish_all(open, bands, last),
        _ => {}
    }
}

/// Every line of a reply, as sent (for tooltips and screen readers).
fn full_reply(reply: &smtplab_engine::Reply) -> String {
    if reply.lines.len() == 1 {
        return format!("{} {}", reply.code, reply.lines[0]);
    }
    reply.text_lines().join("\n")
}

/// Ends the newest open band of `kind` at arrow `last`.
fn close(open: &mut Vec<(BandKind, usize)>, bands: &mut Vec<Band>, kind: BandKind, last: usize) {
    if let Some(pos) = open.iter().rposition(|(k, _)| *k == kind) {
        let (_, first) = open.remove(pos);
        bands.push(Band { kind, first, last });
    }
}

fn finish_all(open: &mut Vec<(BandKind, usize)>, bands: &mut Vec<Band>, last: usize) {
    for (kind, first) in open.drain(..) {
        bands.push(Band { kind, first, last });
    }
}

fn elide(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// Escapes text for SVG/XML.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The sequence diagram as SVG; `selected` is the selected transcript entry.
pub fn sequence_svg(entries: &Entries, selected: Option<usize>, expanded: &[usize]) -> String {
    let (arrows, bands) = sequence(entries, expanded);
    let skip = arrows.len().saturating_sub(MAX_ARROWS);
    let shown = &arrows[skip..];
    let height = TOP + shown.len().max(1) * ROW + 20;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" class="sequence" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="12">"#
    );
    let _ = write!(
        svg,
        r#"<text class="head" x="{CLIENT_X}" y="18" text-anchor="middle">Client</text><text class="head" x="{SERVER_X}" y="18" text-anchor="middle">Server</text>"#
    );
    let bottom = height - 10;
    let _ = write!(
        svg,
        r#"<line class="life" x1="{CLIENT_X}" y1="26" x2="{CLIENT_X}" y2="{bottom}"/><line class="life" x1="{SERVER_X}" y1="26" x2="{SERVER_X}" y2="{bottom}"/>"#
    );
    if skip > 0 {
        let _ = write!(
            svg,
            r#"<text class="band" x="{}" y="36" text-anchor="middle" font-size="11">{skip} earlier arrows not drawn</text>"#,
            WIDTH / 2
        );
    }
    for band in &bands {
        if band.last < skip {
            continue;
        }
        let (first, last) = (band.first.max(skip) - skip, band.last - skip);
        let (y, h) = (TOP + first * ROW - 8, (last - first + 1) * ROW);
        let (class, name, inset) = match band.kind {
            BandKind::Greeting => ("greeting", "connection and greeting", 4),
            BandKind::Tls => ("tls", "TLS (encrypted)", 0),
            BandKind::Auth => ("auth", "AUTH", 14),
            BandKind::Transaction => ("transaction", "mail transaction", 8),
            BandKind::Quit => ("quit", "QUIT and close", 4),
        };
        let _ = write!(
            svg,
            r#"<g class="band {class}" data-band="{class}"><rect x="{}" y="{y}" width="{}" height="{h}" rx="4"/><text x="{}" y="{}">{name}</text></g>"#,
            4 + inset,
            WIDTH - 8 - 2 * inset,
            8 + inset,
            y + 11
        );
    }
    for (row, arrow) in shown.iter().enumerate() {
        let y = TOP + row * ROW + 8;
        let (x1, x2) = if arrow.to_server {
            (CLIENT_X, SERVER_X)
        } else {
            (SERVER_X, CLIENT_X)
        };
        let class = match arrow.class {
            Some(class) => format!("c{}", class.digit()),
            None => "cmd".to_string(),
        };
        let selected = if selected == Some(arrow.entry) {
            " selected"
        } else {
            ""
        };
        let dir = if arrow.to_server { "to-server" } else { "to-client" };
        let tip = if x2 > x1 { x2 - 6 } else { x2 + 6 };
        let _ = write!(
            svg,
            r#"<g class="arrow {dir} {class}{selected}" data-entry="{}"{} tabindex="0" role="button" aria-label="{}"><title>{}</title><rect class="hit" x="{}" y="{}" width="{}" height="{ROW}"/><line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}"/><path d="M{x2} {y} L{tip} {} L{tip} {} Z"/><text x="{}" y="{}" text-anchor="middle">{}</text></g>"#,
            arrow.entry,
            if arrow.body {
                format!(r#" data-expand="{}""#, arrow.entry)
            } else {
                String::new()
            },
            esc(&arrow.full),
            esc(&arrow.full),
            CLIENT_X,
            y - 19,
            SERVER_X - CLIENT_X,
            y - 4,
            y + 4,
            (CLIENT_X + SERVER_X) / 2,
            y - 5,
            esc(&arrow.label)
        );
    }
    svg.push_str("</svg>");
    svg
}

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

/// Where each phase sits in the state diagram (box centres).
fn position(phase: Phase) -> (i32, i32) {
    match phase {
        Phase::Disconnected => (120, 50),
        Phase::Connected => (120, 160),
        Phase::TlsHandshake => (120, 300),
        Phase::Greeted => (340, 160),
        Phase::Auth => (340, 300),
        Phase::Mail => (540, 160),
        Phase::Rcpt => (540, 300),
        Phase::Data => (730, 230),
        Phase::Bdat => (730, 340),
        _ => (680, 50),
    }
}

const HALF_W: i32 = 62;
const HALF_H: i32 = 17;
/// The mail-transaction cluster: (left, top, right, bottom).
const CLUSTER: (i32, i32, i32, i32) = (460, 110, 810, 380);

fn in_cluster(phase: Phase) -> bool {
    matches!(phase, Phase::Mail | Phase::Rcpt | Phase::Data | Phase::Bdat)
}

/// Where a line from a box's centre towards `to` leaves the box.
fn exit(center: (i32, i32), half: (i32, i32), to: (i32, i32)) -> (i32, i32) {
    let (dx, dy) = ((to.0 - center.0) as f64, (to.1 - center.1) as f64);
    if dx == 0.0 && dy == 0.0 {
        return center;
    }
    let scale = (half.0 as f64 / dx.abs().max(1e-9)).min(half.1 as f64 / dy.abs().max(1e-9));
    (center.0 + (dx * scale) as i32, center.1 + (dy * scale) as i32)
}

/// One drawn edge: from a phase or from the whole transaction cluster.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Phase(Phase),
    Transaction,
}

/// Edges as drawn: transitions that leave several transaction phases for the same place
/// with the same trigger are drawn once, from the cluster.
fn edges() -> Vec<(Source, Phase, Vec<&'static str>)> {
    let mut out: Vec<(Source, Phase, Vec<&'static str>)> = Vec::new();
    for (from, trigger, to) in TRANSITIONS {
        if *to == Phase::Closed {
            continue; // QUIT leaves from every phase: drawn once as a note instead.
        }
        let shared = TRANSITIONS
            .iter()
            .filter(|(f, t, d)| t == trigger && d == to && in_cluster(*f))
            .count()
            > 1;
        let source = if shared && in_cluster(*from) {
            Source::Transaction
        } else {
            Source::Phase(*from)
        };
        let label = trigger.label();
        match out.iter_mut().find(|(s, t, _)| *s == source && t == to) {
            Some((_, _, labels)) if !labels.contains(&label) => labels.push(label),
            Some(_) => {}
            None => out.push((source, *to, vec![label])),
        }
    }
    out
}

/// The state diagram as SVG: every transition of the engine's table, the current phase
/// highlighted (and `aria-current`), the last transition marked.
pub fn state_svg(current: Phase, last: Option<(Phase, Phase)>) -> String {
    let mut svg = String::new();
    svg.push_str(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 820 400" width="820" height="400" class="states" font-family="system-ui, sans-serif" font-size="11">"#);
    svg.push_str(r##"<defs><marker id="tip" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 Z" fill="#555"/></marker></defs>"##);
    let (l, t, r, b) = CLUSTER;
    let _ = write!(
        svg,
        r#"<g class="cluster"><rect x="{l}" y="{t}" width="{}" height="{}" rx="12"/><text x="{}" y="{}">mail transaction</text></g>"#,
        r - l,
        b - t,
        l + 10,
        t + 16
    );
    let cluster_center = ((l + r) / 2, (t + b) / 2);
    let cluster_half = ((r - l) / 2, (b - t) / 2);
    for (source, to, labels) in edges() {
        let target = position(to);
        let (start, from_name) = match source {
            Source::Phase(from) => (
                exit(position(from), (HALF_W, HALF_H), target),
                format!("{from:?}"),
            ),
            Source::Transaction => (
                exit(cluster_center, cluster_half, target),
                "transaction".to_string(),
            ),
        };
        let origin = match source {
            Source::Phase(from) => position(from),
            Source::Transaction => cluster_center,
        };
        let end = exit(target, (HALF_W, HALF_H), origin);
        // Edges that have a partner going back bend apart; long ones bend away from boxes.
        let back = edges()
            .iter()
            .any(|(s, t2, _)| *t2 == source_phase(source) && *s == Source::Phase(to));
        let bend = if back {
            34
        } else if source == Source::Phase(Phase::Connected) && to == Phase::Mail {
            -70
        } else if source == Source::Transaction && to == Phase::Connected {
            215 // over the top, above MAIL
        } else {
            0
        };
        let (dx, dy) = ((end.0 - start.0) as f64, (end.1 - start.1) as f64);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (nx, ny) = (-dy / len, dx / len);
        let mid = (
            (start.0 + end.0) as f64 / 2.0 + nx * bend as f64,
            (start.1 + end.1) as f64 / 2.0 + ny * bend as f64,
        );
        let taken = match (last, source) {
            (Some((f, t2)), Source::Phase(from)) if f == from && t2 == to => " taken",
            (Some((f, t2)), Source::Transaction) if in_cluster(f) && t2 == to => " taken",
            _ => "",
        };
        // Labels of paired edges sit outside their curve, on its own side.
        let (label_at, anchor) = if back {
            let anchor = if nx > 0.3 {
                "start"
            } else if nx < -0.3 {
                "end"
            } else {
                "middle"
            };
            ((mid.0 + nx * 4.0, mid.1 + ny * 4.0 + 4.0), anchor)
        } else {
            let at = (
                (start.0 as f64 + end.0 as f64 + 2.0 * mid.0) / 4.0,
                (start.1 as f64 + end.1 as f64 + 2.0 * mid.1) / 4.0 - 3.0,
            );
            (at, "middle")
        };
        let _ = write!(
            svg,
            r#"<g class="edge{taken}" data-from="{from_name}" data-to="{to:?}"><path d="M{} {} Q{} {} {} {}" marker-end="url(#tip)"/><text x="{}" y="{}" text-anchor="{anchor}">{}</text></g>"#,
            start.0,
            start.1,
            mid.0.round() as i32,
            mid.1.round() as i32,
            end.0,
            end.1,
            label_at.0.round() as i32,
            label_at.1.round() as i32,
            esc(&labels.join(", "))
        );
    }
    for phase in [
        Phase::Disconnected,
        Phase::Connected,
        Phase::TlsHandshake,
        Phase::Greeted,
        Phase::Auth,
        Phase::Mail,
        Phase::Rcpt,
        Phase::Data,
        Phase::Bdat,
    ] {
        let (x, y) = position(phase);
        let is_current = phase == current;
        let (class, aria) = if is_current {
            (" current", r#" aria-current="step""#)
        } else {
            ("", "")
        };
        let _ = write!(
            svg,
            r#"<g class="node{class}" data-phase="{phase:?}"{aria}><rect x="{}" y="{}" width="{}" height="{}" rx="8"/><text x="{x}" y="{}" text-anchor="middle">{}</text></g>"#,
            x - HALF_W,
            y - HALF_H,
            2 * HALF_W,
            2 * HALF_H,
            y + 4,
            phase_name(phase)
        );
    }
    let closed = if current == Phase::Closed {
        r#" class="node current" aria-current="step""#
    } else {
        r#" class="node""#
    };
    let _ = write!(
        svg,
        r#"<g{closed} data-phase="Closed"><rect x="560" y="24" width="240" height="34" rx="8"/><text x="680" y="45" text-anchor="middle">Closed (QUIT from any phase)</text></g>"#
    );
    svg.push_str("</svg>");
    svg
}

fn source_phase(source: Source) -> Phase {
    match source {
        Source::Phase(p) => p,
        Source::Transaction => Phase::Closed,
    }
}

pub fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Disconnected => "Disconnected",
        Phase::Connected => "Connected",
        Phase::Greeted => "Greeted",
        Phase::Mail => "Mail (sender)",
        Phase::Rcpt => "Rcpt (recipients)",
        Phase::Data => "Data",
        Phase::Bdat => "BDAT",
        Phase::Auth => "AUTH exchange",
        Phase::TlsHandshake => "TLS handshake",
        Phase::Closed => "Closed",
        _ => "?",
    }
}

/// The sequence diagram for the page, as keyed SVG nodes: each arrow and band sits at its
/// place in the whole session, and one group moves them up when older arrows leave, so a
/// new reply adds its arrow and changes nothing else ([`sequence_svg`] is the same
/// drawing as text, for export).
pub fn sequence_html(arrows: &[Arrow], bands: &[Band], selected: Option<usize>) -> yew::Html {
    use yew::html;
    let skip = arrows.len().saturating_sub(MAX_ARROWS);
    let height = TOP + (arrows.len() - skip).max(1) * ROW + 20;
    let (view_box, bottom) = (format!("0 0 {WIDTH} {height}"), height - 10);
    let shift = format!("translate(0 -{})", skip * ROW);
    html! {
        <svg xmlns="http://www.w3.org/2000/svg" viewBox={view_box} width={WIDTH.to_string()} height={height.to_string()}
            class="sequence" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="12">
            <text class="head" x={CLIENT_X.to_string()} y="18" text-anchor="middle">{ "Client" }</text>
            <text class="head" x={SERVER_X.to_string()} y="18" text-anchor="middle">{ "Server" }</text>
            <line class="life" x1={CLIENT_X.to_string()} y1="26" x2={CLIENT_X.to_string()} y2={bottom.to_string()} />
            <line class="life" x1={SERVER_X.to_string()} y1="26" x2={SERVER_X.to_string()} y2={bottom.to_string()} />
            if skip > 0 {
                <text class="band" x={(WIDTH / 2).to_string()} y="36" text-anchor="middle" font-size="11">
                    { format!("{skip} earlier arrows not drawn") }</text>
            }
            <g transform={shift}>
                { for bands.iter().filter(|b| b.last >= skip).map(|band| band_node(band, skip)) }
                { for arrows.iter().enumerate().skip(skip).map(|(row, arrow)| arrow_node(row, arrow, selected)) }
            </g>
        </svg>
    }
}

/// A band behind its arrows (rows counted from the session's first arrow).
fn band_node(band: &Band, skip: usize) -> yew::Html {
    let first = band.first.max(skip);
    let (y, h) = (TOP + first * ROW - 8, (band.last - first + 1) * ROW);
    let (class, name, inset) = match band.kind {
        BandKind::Greeting => ("greeting", "connection and greeting", 4),
        BandKind::Tls => ("tls", "TLS (encrypted)", 0),
        BandKind::Auth => ("auth", "AUTH", 14),
        BandKind::Transaction => ("transaction", "mail transaction", 8),
        BandKind::Quit => ("quit", "QUIT and close", 4),
    };
    yew::html! {
        <g key={format!("b{}", band.first)} class={format!("band {class}")} data-band={class}>
            <rect x={(4 + inset).to_string()} y={y.to_string()} width={(WIDTH - 8 - 2 * inset).to_string()} height={h.to_string()} rx="4" />
            <text x={(8 + inset).to_string()} y={(y + 11).to_string()}>{ name }</text>
        </g>
    }
}

/// One arrow, at its row in the whole session.
fn arrow_node(row: usize, arrow: &Arrow, selected: Option<usize>) -> yew::Html {
    let y = TOP + row * ROW + 8;
    let (x1, x2) = if arrow.to_server {
        (CLIENT_X, SERVER_X)
    } else {
        (SERVER_X, CLIENT_X)
    };
    let class = match arrow.class {
        Some(class) => format!("c{}", class.digit()),
        None => "cmd".to_string(),
    };
    let dir = if arrow.to_server { "to-server" } else { "to-client" };
    let selected = if selected == Some(arrow.entry) {
        " selected"
    } else {
        ""
    };
    let tip = if x2 > x1 { x2 - 6 } else { x2 + 6 };
    let expand = arrow.body.then(|| arrow.entry.to_string());
    yew::html! {
        <g key={arrow.entry} class={format!("arrow {dir} {class}{selected}")} data-entry={arrow.entry.to_string()}
            data-expand={expand} tabindex="0" role="button" aria-label={arrow.full.clone()}>
            <title>{ arrow.full.clone() }</title>
            <rect class="hit" x={CLIENT_X.to_string()} y={(y - 19).to_string()} width={(SERVER_X - CLIENT_X).to_string()} height={ROW.to_string()} />
            <line x1={x1.to_string()} y1={y.to_string()} x2={x2.to_string()} y2={y.to_string()} />
            <path d={format!("M{x2} {y} L{tip} {} L{tip} {} Z", y - 4, y + 4)} />
            <text x={((CLIENT_X + SERVER_X) / 2).to_string()} y={(y - 5).to_string()} text-anchor="middle">{ arrow.label.clone() }</text>
        </g>
    }
}
