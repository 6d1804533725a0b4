//! The state diagram: every transition of the engine's table (`TRANSITIONS`), the
//! current phase highlighted, the transition just taken marked.
//!
//! The edges and their labels come from the table; where they run is laid out by hand,
//! on a grid with right-angled routes, so that no label touches another label, an edge
//! or a box (the e2e test `diagrams.test.mjs` measures this in the browser). Transitions
//! that leave several transaction phases for the same place by the same trigger are
//! drawn once, from the transaction cluster; QUIT, which leaves every phase, is a note.

use std::fmt::Write;

use smtplab_engine::table::{Trigger, TRANSITIONS};
use smtplab_engine::Phase;

use crate::i18n::Texts;
use crate::t;

use super::esc;

const WIDTH: i32 = 920;
const HEIGHT: i32 = 470;
/// Half a phase box.
const HALF: (i32, i32) = (62, 17);
/// The mail-transaction cluster: (left, top, right, bottom).
const CLUSTER: (i32, i32, i32, i32) = (600, 80, 905, 410);
/// Where the note for QUIT and the closed connection sits (its centre), and its width.
const CLOSED: (i32, i32, i32) = (140, 440, 240);
/// A line of a label that wraps (the one long label, from the cluster to Greeted).
const LINE: i32 = 13;

/// The phases drawn as boxes, in drawing order.
const PHASES: [Phase; 9] = [
    Phase::Disconnected,
    Phase::Connected,
    Phase::TlsHandshake,
    Phase::Greeted,
    Phase::Auth,
    Phase::Mail,
    Phase::Rcpt,
    Phase::Data,
    Phase::Bdat,
];

/// Where each phase sits (box centres).
fn position(phase: Phase) -> (i32, i32) {
    match phase {
        Phase::Disconnected => (75, 130),
        Phase::Connected => (265, 130),
        Phase::TlsHandshake => (265, 330),
        Phase::Greeted => (475, 130),
        Phase::Auth => (475, 330),
        Phase::Mail => (740, 130),
        Phase::Rcpt => (740, 250),
        Phase::Data => (670, 370),
        Phase::Bdat => (820, 370),
        _ => (CLOSED.0, CLOSED.1),
    }
}

fn in_cluster(phase: Phase) -> bool {
    matches!(phase, Phase::Mail | Phase::Rcpt | Phase::Data | Phase::Bdat)
}

/// Where one drawn edge starts: a phase, or the whole transaction cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    Phase(Phase),
    Transaction,
}

/// How a drawn edge runs: its corners (the last one at the arrow's tip), and its
/// label's anchor point and `text-anchor`. Labels that wrap go one trigger a line.
struct Route {
    from: Source,
    to: Phase,
    points: &'static [(i32, i32)],
    label: (i32, i32),
    anchor: &'static str,
    wrap: bool,
}

const fn route(
    from: Source,
    to: Phase,
    points: &'static [(i32, i32)],
    label: (i32, i32),
    anchor: &'static str,
) -> Route {
    Route {
        from,
        to,
        points,
        label,
        anchor,
        wrap: false,
    }
}

use Phase::{Auth, Connected, Data, Disconnected, Greeted, Mail, Rcpt, TlsHandshake};
use Source::Transaction;

/// The routes, by hand: the session's main line runs left to right along the top row
/// (y 130), TLS and AUTH hang below Connected and Greeted, the transaction is the
/// cluster on the right, and the long ways back go over the top or along the bottom.
const ROUTES: &[Route] = &[
    route(
        Source::Phase(Disconnected),
        Connected,
        &[(137, 130), (203, 130)],
        (170, 124),
        "middle",
    ),
    route(
        Source::Phase(Connected),
        Greeted,
        &[(327, 130), (413, 130)],
        (370, 124),
        "middle",
    ),
    route(
        Source::Phase(Connected),
        Mail,
        &[(285, 113), (285, 50), (760, 50), (760, 113)],
        (420, 44),
        "middle",
    ),
    route(
        Source::Phase(Connected),
        TlsHandshake,
        &[(265, 147), (265, 313)],
        (271, 230),
        "start",
    ),
    route(
        Source::Phase(Connected),
        Auth,
        &[(327, 143), (370, 143), (370, 322), (413, 322)],
        (391, 316),
        "middle",
    ),
    route(
        Source::Phase(Greeted),
        Mail,
        &[(537, 120), (678, 120)],
        (607, 114),
        "middle",
    ),
    route(
        Source::Phase(Greeted),
        TlsHandshake,
        &[(440, 147), (440, 290), (305, 290), (305, 313)],
        (405, 284),
        "middle",
    ),
    route(
        Source::Phase(Greeted),
        Auth,
        &[(460, 147), (460, 313)],
        (466, 200),
        "start",
    ),
    route(
        Source::Phase(TlsHandshake),
        Connected,
        &[(225, 313), (225, 147)],
        (219, 230),
        "end",
    ),
    route(
        Source::Phase(Auth),
        Greeted,
        &[(500, 313), (500, 147)],
        (506, 260),
        "start",
    ),
    route(
        Source::Phase(Mail),
        Rcpt,
        &[(740, 147), (740, 233)],
        (746, 194),
        "start",
    ),
    route(
        Source::Phase(Rcpt),
        Data,
        &[(700, 267), (700, 353)],
        (694, 314),
        "end",
    ),
    route(
        Source::Phase(Rcpt),
        Phase::Bdat,
        &[(790, 267), (790, 353)],
        (796, 314),
        "start",
    ),
    Route {
        wrap: true,
        ..route(
            Transaction,
            Greeted,
            &[(600, 142), (537, 142)],
            (606, 159),
            "start",
        )
    },
    route(
        Transaction,
        TlsHandshake,
        &[(600, 395), (265, 395), (265, 347)],
        (430, 389),
        "middle",
    ),
    route(
        Transaction,
        Connected,
        &[(880, 80), (880, 20), (245, 20), (245, 113)],
        (420, 14),
        "middle",
    ),
];

/// Edges as drawn, with their triggers' labels in the table's order.
fn edges(texts: &Texts) -> Vec<(Source, Phase, Vec<String>)> {
    let mut out: Vec<(Source, Phase, Vec<String>)> = Vec::new();
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
        let label = match (trigger, trigger.message()) {
            (Trigger::Command(verb), _) => verb.name().to_string(),
            (_, Some(id)) => texts.get(id, &[]),
            (_, None) => format!("{trigger:?}"),
        };
        match out.iter_mut().find(|(s, t, _)| *s == source && t == to) {
            Some((_, _, labels)) if !labels.contains(&label) => labels.push(label),
            Some(_) => {}
            None => out.push((source, *to, vec![label])),
        }
    }
    out
}

/// One edge as SVG: its route (a straight line between the boxes for a transition the
/// layout does not know yet), its label, `taken` if it is the transition just taken.
fn edge(svg: &mut String, source: Source, to: Phase, labels: &[String], taken: bool) {
    let (points, (x, y), anchor, wrap) = match ROUTES.iter().find(|r| r.from == source && r.to == to) {
        Some(r) => (r.points.to_vec(), r.label, r.anchor, r.wrap),
        None => {
            let from = match source {
                Source::Phase(p) => position(p),
                Source::Transaction => (CLUSTER.0, CLUSTER.1),
            };
            let end = position(to);
            let middle = ((from.0 + end.0) / 2, (from.1 + end.1) / 2);
            (vec![from, end], middle, "middle", false)
        }
    };
    let from_name = match source {
        Source::Phase(p) => format!("{p:?}"),
        Source::Transaction => "transaction".to_string(),
    };
    let class = if taken { "edge taken" } else { "edge" };
    let _ = write!(
        svg,
        r#"<g class="{class}" data-from="{from_name}" data-to="{to:?}"><path d=""#
    );
    for (i, (px, py)) in points.iter().enumerate() {
        let _ = write!(svg, "{}{px} {py}", if i == 0 { "M" } else { " L" });
    }
    let _ = write!(
        svg,
        r#"" marker-end="url(#tip)"/><text x="{x}" y="{y}" text-anchor="{anchor}">"#
    );
    if wrap {
        label_lines(svg, x, labels);
    } else {
        svg.push_str(&esc(&labels.join(", ")));
    }
    svg.push_str("</text></g>");
}

/// A long label, two triggers a line.
fn label_lines(svg: &mut String, x: i32, labels: &[String]) {
    for (i, pair) in labels.chunks(2).enumerate() {
        let (dy, comma) = (
            if i == 0 { 0 } else { LINE },
            if (i + 1) * 2 < labels.len() { "," } else { "" },
        );
        let _ = write!(
            svg,
            r#"<tspan x="{x}" dy="{dy}">{}{comma}</tspan>"#,
            esc(&pair.join(", "))
        );
    }
}

/// The most characters of a name on one line of a phase box (11px, bold).
const BOX_CHARS: usize = 18;

/// A name in its box, on two lines when it is longer than `max` characters (cut at the
/// space nearest its middle): a language's names may be longer than the boxes.
fn box_text(svg: &mut String, name: &str, x: i32, y: i32, max: usize) {
    let middle = name.len() / 2;
    let cut = name
        .match_indices(' ')
        .map(|(at, _)| at)
        .min_by_key(|at| at.abs_diff(middle))
        .filter(|_| name.chars().count() > max);
    let _ = write!(svg, r#"<text x="{x}" y="{}" text-anchor="middle">"#, y + 4);
    match cut {
        Some(at) => {
            let (first, second) = (&name[..at], &name[at + 1..]);
            let _ = write!(
                svg,
                r#"<tspan x="{x}" dy="-6">{}</tspan><tspan x="{x}" dy="{LINE}">{}</tspan>"#,
                esc(first),
                esc(second)
            );
        }
        None => svg.push_str(&esc(name)),
    }
    svg.push_str("</text>");
}

/// One phase's box, `current` if the session is in it.
fn node(svg: &mut String, texts: &Texts, phase: Phase, current: bool) {
    let (x, y) = position(phase);
    let (class, aria) = if current {
        ("node current", r#" aria-current="step""#)
    } else {
        ("node", "")
    };
    let _ = write!(
        svg,
        r#"<g class="{class}" data-phase="{phase:?}"{aria}><rect x="{}" y="{}" width="{}" height="{}" rx="8"/>"#,
        x - HALF.0,
        y - HALF.1,
        2 * HALF.0,
        2 * HALF.1,
    );
    box_text(svg, &texts.get(phase.message(), &[]), x, y, BOX_CHARS);
    svg.push_str("</g>");
}

/// The transaction cluster and the note for QUIT (the closed connection).
fn cluster_and_closed(svg: &mut String, texts: &Texts, current: Phase) {
    let (l, t, r, b) = CLUSTER;
    let _ = write!(
        svg,
        r#"<g class="cluster"><rect x="{l}" y="{t}" width="{}" height="{}" rx="12"/><text x="{}" y="{}">{}</text></g>"#,
        r - l,
        b - t,
        l + 10,
        t + 16,
        esc(&t!(texts, "states-transaction"))
    );
    let (class, aria) = if current == Phase::Closed {
        ("node current", r#" aria-current="step""#)
    } else {
        ("node", "")
    };
    let (x, y, w) = CLOSED;
    let _ = write!(
        svg,
        r#"<g class="{class}" data-phase="Closed"{aria}><rect x="{}" y="{}" width="{w}" height="{}" rx="8"/>"#,
        x - w / 2,
        y - HALF.1,
        2 * HALF.1,
    );
    let closed = texts.get(Phase::Closed.message(), &[]);
    let note = t!(texts, "states-closed-note", closed = closed);
    box_text(svg, &note, x, y, BOX_CHARS * w as usize / (2 * HALF.0) as usize);
    svg.push_str("</g>");
}

/// The state diagram as SVG: every transition of the engine's table, the current phase
/// highlighted (and `aria-current`), the last transition marked.
pub fn state_svg(texts: &Texts, current: Phase, last: Option<(Phase, Phase)>) -> String {
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" class="states" font-family="system-ui, sans-serif" font-size="11">"#
    );
    svg.push_str(r##"<defs><marker id="tip" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 Z" fill="#555"/></marker></defs>"##);
    cluster_and_closed(&mut svg, texts, current);
    for (source, to, labels) in edges(texts) {
        let taken = match (last, source) {
            (Some((f, t)), Source::Phase(from)) => f == from && t == to,
            (Some((f, t)), Source::Transaction) => in_cluster(f) && t == to,
            (None, _) => false,
        };
        edge(&mut svg, source, to, &labels, taken);
    }
    for phase in PHASES {
        node(&mut svg, texts, phase, phase == current);
    }
    svg.push_str("</svg>");
    svg
}
