//! The Markdown subset of lesson texts (`docs/lessons.md`): paragraphs, `#` headings,
//! `-` lists, `` `code` ``, `*emphasis*` and `**strong**`. Nothing else is read: raw HTML,
//! links and images stay text. Parsing is pure ([`blocks`], [`inlines`]); [`render`] and
//! [`render_inline`] build Yew nodes whose text Yew escapes, so a lesson can never inject
//! markup.

use yew::prelude::*;

/// A block of a lesson text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// `#` (1) to `###` (3).
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    List(Vec<Vec<Inline>>),
}

/// A run of text inside a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Emphasis(String),
    Strong(String),
}

/// The blocks of `text`: a blank line ends a paragraph; lines of a paragraph are joined.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Vec<Vec<Inline>> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, list: &mut Vec<Vec<Inline>>, out: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            out.push(Block::Paragraph(inlines(&paragraph.join(" "))));
            paragraph.clear();
        }
        if !list.is_empty() {
            out.push(Block::List(std::mem::take(list)));
        }
    };
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut list, &mut out);
        } else if let Some((level, title)) = heading(line) {
            flush(&mut paragraph, &mut list, &mut out);
            out.push(Block::Heading(level, inlines(title)));
        } else if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            if !paragraph.is_empty() {
                flush(&mut paragraph, &mut list, &mut out);
            }
            list.push(inlines(item.trim()));
        } else if let (Some(last), true) = (list.last_mut(), line.strip_prefix("  ").is_some()) {
            // An indented line continues the list item above.
            last.push(Inline::Text(" ".into()));
            last.extend(inlines(line.trim()));
        } else {
            if !list.is_empty() {
                flush(&mut paragraph, &mut list, &mut out);
            }
            paragraph.push(line.trim());
        }
    }
    flush(&mut paragraph, &mut list, &mut out);
    out
}

/// `# Title` to `### Title`.
fn heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let title = line[hashes..].strip_prefix(' ')?;
    ((1..=3).contains(&hashes) && !title.trim().is_empty()).then_some((hashes as u8, title.trim()))
}

/// The inline runs of one line: code first (nothing inside it is read), then `**`, then `*`.
pub fn inlines(text: &str) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let marked = match c {
            '`' => closed(rest, "`").map(|(inner, after)| (Inline::Code(inner.into()), after)),
            '*' if rest.get(..2) == Some("**") => {
                closed(rest, "**").map(|(inner, after)| (Inline::Strong(inner.into()), after))
            }
            '*' => closed(rest, "*").map(|(inner, after)| (Inline::Emphasis(inner.into()), after)),
            _ => None,
        };
        match marked {
            Some((inline, after)) => {
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                out.push(inline);
                rest = after;
            }
            None => {
                plain.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    out
}

/// `rest` opens with `mark`: the non-empty text up to the closing `mark`, and what follows.
fn closed<'a>(rest: &'a str, mark: &str) -> Option<(&'a str, &'a str)> {
    let body = rest.strip_prefix(mark)?;
    let end = body.find(mark)?;
    (end > 0).then(|| (&body[..end], &body[end + mark.len()..]))
}

/// The text as Yew nodes (headings start at `<h4>`: lesson texts sit inside the panel).
pub fn render(text: &str) -> Html {
    html! { <>{ for blocks(text).iter().map(block) }</> }
}

/// One line of text as Yew nodes, without a block around it: `` `code` ``, `*emphasis*`
/// and `**strong**` only (a step's goal, its hints, what it taught).
pub fn render_inline(text: &str) -> Html {
    runs_html(&inlines(text))
}

fn block(block: &Block) -> Html {
    match block {
        Block::Heading(1, runs) => html! { <h4>{ runs_html(runs) }</h4> },
        Block::Heading(2, runs) => html! { <h5>{ runs_html(runs) }</h5> },
        Block::Heading(_, runs) => html! { <h6>{ runs_html(runs) }</h6> },
        Block::Paragraph(runs) => html! { <p>{ runs_html(runs) }</p> },
        Block::List(items) => html! {
            <ul>{ for items.iter().map(|runs| html! { <li>{ runs_html(runs) }</li> }) }</ul>
        },
    }
}

fn runs_html(runs: &[Inline]) -> Html {
    let run = |run: &Inline| match run {
        Inline::Text(text) => html! { { text.clone() } },
        Inline::Code(text) => html! { <code>{ text.clone() }</code> },
        Inline::Emphasis(text) => html! { <em>{ text.clone() }</em> },
        Inline::Strong(text) => html! { <strong>{ text.clone() }</strong> },
    };
    html! { <>{ for runs.iter().map(run) }</> }
}
