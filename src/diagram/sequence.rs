//! The sequence diagram: the client's and the server's lifelines, one arrow per command
//! and reply, and bands behind them for the session's phases (greeting, TLS, AUTH, each
//! mail transaction, QUIT), all from the transcript and the engine's events.
//!
//! [`sequence`] builds the model; [`sequence_html`] draws it for the page as keyed SVG
//! nodes, and [`sequence_svg`] as text for export. Both place things with [`band`] and
//! [`arrow`], so the two drawings agree.

use std::collections::VecDeque;
use std::fmt::Write;

use smtplab_engine::events::{Abort, Event};
use smtplab_engine::table::Trigger;
use smtplab_engine::{Phase, ReplyClass, Verb};

use super::esc;
use crate::entries::Entries;
use crate::i18n::{Lang, Texts};
use crate::state::Entry;
use crate::t;

/// How many arrows are drawn; older ones are summarised (keeps long sessions smooth).
pub const MAX_ARROWS: usize = 250;

/// A row's height, in SVG units: one arrow.
pub const ROW: usize = 26;
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
pub fn sequence(texts: &Texts, entries: &Entries, expanded: &[usize]) -> (Vec<Arrow>, Vec<Band>) {
    let mut kept = Sequence::default();
    kept.update(texts, entries, expanded);
    (kept.model.arrows, kept.bands)
}

/// The sequence model of a transcript, kept between renders: when the transcript grew,
/// only its new entries are read (a reply in a session of 50,000 entries reads a few).
/// Another transcript (a cleared one, a past step, another lab), other expanded bodies or
/// another language are read from the start.
#[derive(Default)]
pub struct Sequence {
    model: Model,
    /// The entries read: the transcript this model is of, as far as it was read.
    read: Entries,
    /// The model's bands, the open ones ended at the last arrow.
    bands: Vec<Band>,
}

impl Sequence {
    /// Reads what is new in `entries`; false when nothing was.
    pub fn update(&mut self, texts: &Texts, entries: &Entries, expanded: &[usize]) -> bool {
        let same = entries.extends(&self.read)
            && self.model.expanded == expanded
            && self.model.lang == Some(texts.lang);
        if same && entries.len() == self.read.len() {
            return false;
        }
        if !same {
            *self = Sequence::default();
            self.model.expanded = expanded.to_vec();
            self.model.lang = Some(texts.lang);
            // Arrows this far back are not drawn: give them no text.
            self.model.texts_from = entries.len().saturating_sub(2 * MAX_ARROWS);
        }
        for (index, entry) in entries.from(self.read.len()) {
            self.model.read(texts, index, entry);
        }
        self.read = entries.clone();
        self.bands = self.model.finished_bands();
        true
    }

    pub fn arrows(&self) -> &[Arrow] {
        &self.model.arrows
    }

    pub fn bands(&self) -> &[Band] {
        &self.bands
    }
}

/// The sequence model while it is built, entry by entry.
#[derive(Default)]
struct Model {
    expanded: Vec<usize>,
    /// The language of the arrows' own texts (a message body's size).
    lang: Option<Lang>,
    texts_from: usize,
    arrows: Vec<Arrow>,
    bands: Vec<Band>,
    open: Vec<(BandKind, usize)>,
    /// The DATA body being read.
    in_body: Option<Body>,
    /// Command arrows not answered yet, oldest first (the server answers pipelined
    /// commands in order, one reply each), with their lines' octets; and the arrow the
    /// last reply answered.
    waiting: VecDeque<(usize, usize)>,
    answered: Option<usize>,
}

/// A DATA body being read.
#[derive(Clone, Copy)]
enum Body {
    /// Sent after the 354 (the composer): its lines are the entries that follow, counted
    /// here as (first entry, lines with the dot, octets).
    Typed(usize, usize, usize),
    /// Sent behind DATA before its 354 (a pasted message): its lines are already waiting
    /// command arrows, and the engine's [`Event::DataEnded`] says how many.
    Pasted,
}

impl Model {
    fn read(&mut self, texts: &Texts, index: usize, entry: &Entry) {
        match entry {
            Entry::Client { text, .. } => self.on_client(index, text),
            Entry::Server { reply, .. } => self.on_server(texts, index, reply),
            Entry::Session { event, .. } => self.on_session(texts, index, event),
            Entry::Event { .. } => {}
        }
    }

    /// A text for an arrow that will be drawn; none for those too far back.
    fn describe(&self, index: usize, make: impl FnOnce() -> String) -> String {
        if index >= self.texts_from {
            make()
        } else {
            String::new()
        }
    }

    fn command_arrow(&self, index: usize, text: &str) -> Arrow {
        let label = self.describe(index, || elide(text, 34));
        Arrow::command(index, label, self.describe(index, || text.to_string()))
    }

    /// A command, or a line of the DATA body (drawn only when its body is expanded).
    fn on_client(&mut self, index: usize, text: &str) {
        if let Some(Body::Typed(first, lines, bytes)) = self.in_body.as_mut() {
            *lines += 1;
            *bytes += text.len() + 2;
            if self.expanded.contains(first) {
                let arrow = self.command_arrow(index, text);
                self.arrows.push(arrow);
            }
            return;
        }
        self.waiting.push_back((self.arrows.len(), text.len() + 2));
        let arrow = self.command_arrow(index, text);
        self.arrows.push(arrow);
    }

    /// A reply: it answers the oldest waiting command, or ends the DATA body.
    fn on_server(&mut self, texts: &Texts, index: usize, reply: &smtplab_engine::Reply) {
        match self.in_body.take() {
            Some(Body::Typed(first, lines, bytes)) => self.body_arrow(texts, first, lines, bytes),
            // The end of a pasted body: its arrow is made at `DataEnded`, which follows.
            Some(Body::Pasted) => self.in_body = Some(Body::Pasted),
            None => self.answered = self.waiting.pop_front().map(|(arrow, _)| arrow),
        }
        let last_line = reply.text().lines().next_back().unwrap_or_default();
        let label = self.describe(index, || elide(&format!("{} {last_line}", reply.code), 38));
        self.arrows.push(Arrow {
            entry: index,
            to_server: false,
            label,
            full: self.describe(index, || full_reply(reply)),
            code: Some(reply.code),
            class: Some(reply.class()),
            body: false,
        });
    }

    /// A pasted body of `lines` lines and its dot, which wait as command arrows: one body
    /// arrow in their place, or, expanded, they stay and the arrow of its end follows.
    fn pasted_body(&mut self, texts: &Texts, lines: usize) {
        let count = (lines + 1).min(self.waiting.len());
        let body: Vec<(usize, usize)> = self.waiting.drain(..count).collect();
        let (Some(&(at, _)), Some(&(end, _))) = (body.first(), body.last()) else {
            return;
        };
        let bytes: usize = body.iter().map(|(_, octets)| octets).sum();
        let first = self.arrows[at].entry;
        let label = match self.expanded.contains(&first) {
            true => t!(texts, "sequence-body-end", lines = lines, bytes = bytes),
            false => t!(texts, "sequence-body", lines = lines, bytes = bytes),
        };
        let arrow = Arrow {
            body: true,
            ..Arrow::command(first, label.clone(), label)
        };
        let (at, removed) = match self.expanded.contains(&first) {
            true => (end + 1, 0),
            false => (at, end + 1 - at),
        };
        self.splice(at, removed, arrow);
        self.answered = Some(at);
    }

    /// Puts `arrow` in place of the `removed` arrows from `at`, and moves what points at
    /// later arrows along.
    fn splice(&mut self, at: usize, removed: usize, arrow: Arrow) {
        self.arrows.splice(at..at + removed, [arrow]);
        let moved = |i: usize| match i {
            i if i >= at + removed => i + 1 - removed,
            i if i >= at => at,
            i => i,
        };
        self.waiting
            .iter_mut()
            .for_each(|(arrow, _)| *arrow = moved(*arrow));
        self.answered = self.answered.map(moved);
        self.open.iter_mut().for_each(|(_, first)| *first = moved(*first));
        for band in &mut self.bands {
            (band.first, band.last) = (moved(band.first), moved(band.last));
        }
    }

    /// The DATA body as one arrow (or, expanded, the arrow of its end).
    fn body_arrow(&mut self, texts: &Texts, first: usize, lines: usize, bytes: usize) {
        let lines = lines.saturating_sub(1);
        let label = if self.expanded.contains(&first) {
            t!(texts, "sequence-body-end", lines = lines, bytes = bytes)
        } else {
            t!(texts, "sequence-body", lines = lines, bytes = bytes)
        };
        self.answered = Some(self.arrows.len());
        self.arrows.push(Arrow {
            body: true,
            ..Arrow::command(first, label.clone(), label)
        });
    }

    fn on_session(&mut self, texts: &Texts, index: usize, event: &Event) {
        if let (Event::DataEnded { lines }, Some(Body::Pasted)) = (event, self.in_body) {
            self.in_body = None;
            self.pasted_body(texts, *lines as usize);
        }
        let last = self.arrows.len().saturating_sub(1);
        let command = self.answered.unwrap_or(last);
        on_event(event, &mut self.open, &mut self.bands, command, last);
        match event {
            // Lines sent behind DATA, before its 354, are the body's (RFC 2920 §3.1).
            Event::PhaseChanged { to: Phase::Data, .. } if !self.waiting.is_empty() => {
                self.in_body = Some(Body::Pasted)
            }
            Event::PhaseChanged { to: Phase::Data, .. } => self.in_body = Some(Body::Typed(index + 1, 0, 0)),
            Event::PhaseChanged {
                from: Phase::Data, ..
            } => self.in_body = None,
            Event::PhaseChanged {
                trigger: Trigger::Connect,
                ..
            } => {
                self.waiting.clear();
                self.answered = None;
            }
            _ => {}
        }
    }

    /// The bands so far, those still open ended at the last arrow, in order.
    fn finished_bands(&self) -> Vec<Band> {
        let last = self.arrows.len().saturating_sub(1);
        let (mut bands, mut open) = (self.bands.clone(), self.open.clone());
        finish_all(&mut open, &mut bands, last);
        let count = self.arrows.len();
        bands.retain(|b| b.first <= b.last && b.first < count);
        bands.sort_by_key(|b| (b.first, b.kind as u8));
        bands
    }
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

/// `text` in at most `max` characters: cut after a whole word (the accessible name, the
/// whole text, then contains every word drawn), or mid-word when a word is most of it.
fn elide(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    let next_is_space = text.chars().nth(max - 1).is_some_and(char::is_whitespace);
    if !next_is_space {
        if let Some(space) = out.rfind(' ').filter(|&at| at >= max / 2) {
            out.truncate(space + 1);
        }
    }
    out.push('…');
    out
}

/// Where a band is drawn: its class, its name, its box and where its name goes.
struct BandShape {
    class: &'static str,
    name: String,
    x: usize,
    y: usize,
    width: usize,
    height: usize,
}

/// A band's place; `skip` arrows are not drawn, and rows count from arrow `origin`.
fn band(texts: &Texts, band: &Band, skip: usize, origin: usize) -> BandShape {
    let first = band.first.max(skip);
    let (class, name, inset) = match band.kind {
        BandKind::Greeting => ("greeting", t!(texts, "band-greeting"), 4),
        BandKind::Tls => ("tls", t!(texts, "band-tls"), 0),
        BandKind::Auth => ("auth", "AUTH".to_string(), 14),
        BandKind::Transaction => ("transaction", t!(texts, "band-transaction"), 8),
        BandKind::Quit => ("quit", t!(texts, "band-quit"), 4),
    };
    // The name stands in the margin left of the client's lifeline (11px, about 6 units
    // a character), cut to fit it.
    let room = (CLIENT_X - 4 - (4 + inset + 4)) / 6;
    BandShape {
        class,
        name: elide(&name, room),
        x: 4 + inset,
        y: TOP + (first - origin) * ROW - 8,
        width: WIDTH - 8 - 2 * inset,
        height: (band.last - first + 1) * ROW,
    }
}

/// Where an arrow is drawn: its classes, its line from `x1` to `x2` at `y`, its tip.
struct ArrowShape {
    class: String,
    x1: usize,
    x2: usize,
    y: usize,
    tip: usize,
}

/// An arrow's place at `row`.
fn arrow(row: usize, arrow: &Arrow, selected: Option<usize>) -> ArrowShape {
    let y = TOP + row * ROW + 8;
    let (x1, x2) = if arrow.to_server {
        (CLIENT_X, SERVER_X)
    } else {
        (SERVER_X, CLIENT_X)
    };
    let dir = if arrow.to_server { "to-server" } else { "to-client" };
    let selected = if selected == Some(arrow.entry) {
        " selected"
    } else {
        ""
    };
    let class = match arrow.class {
        Some(class) => format!("arrow {dir} c{}{selected}", class.digit()),
        None => format!("arrow {dir} cmd{selected}"),
    };
    let tip = if x2 > x1 { x2 - 6 } else { x2 + 6 };
    ArrowShape {
        class,
        x1,
        x2,
        y,
        tip,
    }
}

/// The diagram's frame: the lifelines and their names, and how many arrows are not drawn.
fn frame_svg(texts: &Texts, svg: &mut String, height: usize, skip: usize) {
    let bottom = height - 10;
    let (client, server) = (
        esc(&t!(texts, "sequence-client")),
        esc(&t!(texts, "sequence-server")),
    );
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" class="sequence" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="12"><text class="head client" x="{CLIENT_X}" y="18" text-anchor="middle">{client}</text><text class="head server" x="{SERVER_X}" y="18" text-anchor="middle">{server}</text><line class="life" x1="{CLIENT_X}" y1="26" x2="{CLIENT_X}" y2="{bottom}"/><line class="life" x1="{SERVER_X}" y1="26" x2="{SERVER_X}" y2="{bottom}"/>"#
    );
    if skip > 0 {
        let _ = write!(
            svg,
            r#"<text class="band" x="{}" y="36" text-anchor="middle" font-size="11">{}</text>"#,
            WIDTH / 2,
            esc(&t!(texts, "sequence-skipped", count = skip))
        );
    }
}

/// The sequence diagram as SVG text (for export); `selected` is the selected entry.
pub fn sequence_svg(texts: &Texts, entries: &Entries, selected: Option<usize>, expanded: &[usize]) -> String {
    let (arrows, bands) = sequence(texts, entries, expanded);
    let skip = arrows.len().saturating_sub(MAX_ARROWS);
    let mut svg = String::new();
    frame_svg(
        texts,
        &mut svg,
        TOP + (arrows.len() - skip).max(1) * ROW + 20,
        skip,
    );
    for b in bands.iter().filter(|b| b.last >= skip) {
        let s = band(texts, b, skip, skip);
        let _ = write!(
            svg,
            r#"<g class="band {0}" data-band="{0}"><rect x="{1}" y="{2}" width="{3}" height="{4}" rx="4"/><text x="{5}" y="{6}">{7}</text></g>"#,
            s.class,
            s.x,
            s.y,
            s.width,
            s.height,
            s.x + 4,
            s.y + 11,
            esc(&s.name)
        );
    }
    for (row, a) in arrows[skip..].iter().enumerate() {
        let s = arrow(row, a, selected);
        let expand = if a.body {
            format!(r#" data-expand="{}""#, a.entry)
        } else {
            String::new()
        };
        let (full, y) = (esc(&a.full), s.y);
        let _ = write!(
            svg,
            r#"<g class="{}" data-entry="{}"{expand} tabindex="0" role="button" aria-label="{full}"><title>{full}</title><rect class="hit" x="{CLIENT_X}" y="{}" width="{}" height="{ROW}"/><line x1="{}" y1="{y}" x2="{}" y2="{y}"/><path d="M{} {y} L{tip} {} L{tip} {} Z"/><text x="{}" y="{}" text-anchor="middle">{}</text></g>"#,
            s.class,
            a.entry,
            y - 19,
            SERVER_X - CLIENT_X,
            s.x1,
            s.x2,
            s.x2,
            y - 4,
            y + 4,
            (CLIENT_X + SERVER_X) / 2,
            y - 5,
            esc(&a.label),
            tip = s.tip
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The height of the drawing (SVG units) when it holds `arrows` arrows, of which the
/// oldest past [`MAX_ARROWS`] are not drawn.
pub fn sequence_height(arrows: usize) -> usize {
    TOP + arrows.clamp(1, MAX_ARROWS) * ROW + 20
}

/// Rows drawn beyond the view, above and below.
const MARGIN_ROWS: usize = 24;

/// The rows (counted from the first arrow drawn) to put in the page for a view of
/// `top..top + height` SVG units: those in view and a margin.
pub fn rows_in_view(arrows: usize, top: usize, height: usize) -> std::ops::Range<usize> {
    let rows = arrows.min(MAX_ARROWS);
    // A view past the end (the drawing just got shorter) shows the end.
    let top = top.min(sequence_height(arrows).saturating_sub(height));
    let first = (top.saturating_sub(TOP) / ROW).saturating_sub(MARGIN_ROWS);
    let end = ((top + height).saturating_sub(TOP) / ROW + 1 + MARGIN_ROWS).min(rows);
    first.min(end)..end
}

/// The sequence diagram for the page, as keyed SVG nodes: each arrow and band sits at its
/// place in the whole session, and one group moves them up when older arrows leave, so a
/// new reply adds its arrow and changes nothing else ([`sequence_svg`] is the same
/// drawing as text, for export). Like the transcript it is virtual: the drawing has its
/// full height, but only the arrows of rows `drawn` ([`rows_in_view`]) and the bands
/// behind them are in the page.
pub fn sequence_html(
    texts: &Texts,
    arrows: &[Arrow],
    bands: &[Band],
    selected: Option<usize>,
    drawn: std::ops::Range<usize>,
) -> yew::Html {
    use yew::html;
    let skip = arrows.len().saturating_sub(MAX_ARROWS);
    let height = sequence_height(arrows.len());
    let (view_box, bottom) = (format!("0 0 {WIDTH} {height}"), height - 10);
    let shift = format!("translate(0 -{})", skip * ROW);
    let (first, last) = (skip + drawn.start, skip + drawn.end.max(drawn.start + 1) - 1);
    html! {
        <svg xmlns="http://www.w3.org/2000/svg" viewBox={view_box} width={WIDTH.to_string()} height={height.to_string()}
            class="sequence" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="12">
            <text class="head client" x={CLIENT_X.to_string()} y="18" text-anchor="middle">{ t!(texts, "sequence-client") }</text>
            <text class="head server" x={SERVER_X.to_string()} y="18" text-anchor="middle">{ t!(texts, "sequence-server") }</text>
            <line class="life" x1={CLIENT_X.to_string()} y1="26" x2={CLIENT_X.to_string()} y2={bottom.to_string()} />
            <line class="life" x1={SERVER_X.to_string()} y1="26" x2={SERVER_X.to_string()} y2={bottom.to_string()} />
            if skip > 0 {
                <text class="band" x={(WIDTH / 2).to_string()} y="36" text-anchor="middle" font-size="11">
                    { t!(texts, "sequence-skipped", count = skip) }</text>
            }
            <g transform={shift}>
                { for bands.iter().filter(|b| b.last >= first && b.first <= last).map(|b| band_node(texts, b, skip)) }
                { for arrows.iter().enumerate().skip(skip + drawn.start).take(drawn.len()).map(|(row, a)| html! {
                    <ArrowRow key={a.entry} {row} arrow={a.clone()} selected={selected == Some(a.entry)} />
                }) }
            </g>
        </svg>
    }
}

/// A band behind its arrows (rows counted from the session's first arrow).
fn band_node(texts: &Texts, b: &Band, skip: usize) -> yew::Html {
    let s = band(texts, b, skip, 0);
    yew::html! {
        <g key={format!("b{}", b.first)} class={format!("band {}", s.class)} data-band={s.class}>
            <rect x={s.x.to_string()} y={s.y.to_string()} width={s.width.to_string()} height={s.height.to_string()} rx="4" />
            <text x={(s.x + 4).to_string()} y={(s.y + 11).to_string()}>{ s.name }</text>
        </g>
    }
}

#[derive(yew::Properties, PartialEq)]
struct ArrowProps {
    row: usize,
    arrow: Arrow,
    selected: bool,
}

/// One arrow as a component of its own, so that a new reply renders only its own arrows.
#[yew::function_component(ArrowRow)]
fn arrow_row(props: &ArrowProps) -> yew::Html {
    arrow_node(
        props.row,
        &props.arrow,
        props.selected.then_some(props.arrow.entry),
    )
}

/// One arrow, at its row in the whole session.
fn arrow_node(row: usize, a: &Arrow, selected: Option<usize>) -> yew::Html {
    let s = arrow(row, a, selected);
    let (x1, x2, y, tip) = (s.x1, s.x2, s.y, s.tip);
    let expand = a.body.then(|| a.entry.to_string());
    yew::html! {
        <g key={a.entry} class={s.class} data-entry={a.entry.to_string()}
            data-expand={expand} tabindex="0" role="button" aria-label={a.full.clone()}>
            <title>{ a.full.clone() }</title>
            <rect class="hit" x={CLIENT_X.to_string()} y={(y - 19).to_string()} width={(SERVER_X - CLIENT_X).to_string()} height={ROW.to_string()} />
            <line x1={x1.to_string()} y1={y.to_string()} x2={x2.to_string()} y2={y.to_string()} />
            <path d={format!("M{x2} {y} L{tip} {} L{tip} {} Z", y - 4, y + 4)} />
            <text x={((CLIENT_X + SERVER_X) / 2).to_string()} y={(y - 5).to_string()} text-anchor="middle">{ a.label.clone() }</text>
        </g>
    }
}
