//! YAML text → nodes that keep their position, read from saphyr-parser's events in one pass.
//!
//! The book is never held as one tree: [`Stream`] hands out events, and builds a [`Node`] (a
//! scalar as written, a list or a mapping, each with where it starts) for one value at a time
//! — a record of a section, say — so memory stays that of one record beside the text. Syntax
//! errors come from the same parser with their real position, so syntax and semantic
//! diagnostics can never disagree about where a line is. Line breaks are `\n`, `\r\n` and `\r`
//! only (YAML 1.2); U+2028, U+2029 and U+0085 are content.

use super::diag::{Code, Diagnostic, Lines, Pos, clip};
use super::progress::Progress;
use saphyr_parser::{Event, Parser, ScalarStyle, Span, StrInput};
use std::borrow::Cow;

/// Collections nested deeper than this are refused as they open: a deal book needs a handful,
/// and every level costs a frame here and a `Drop` step later.
pub const MAX_DEPTH: usize = 128;

/// How often (in events) the byte position is reported to a [`Progress`].
const PROGRESS_EVERY: u32 = 4096;

/// How a scalar was written: plain scalars may be `null`; quoted and block ones are always text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Quoted,
    Block,
}

/// A value of the document.
#[derive(Debug)]
pub enum Value<'a> {
    /// The scalar's text as written (after YAML's own folding and escapes): `1.10` stays
    /// `1.10`, `0x1F` stays `0x1F`. No type is guessed.
    Scalar(Cow<'a, str>, Style),
    Seq(Vec<Node<'a>>),
    Map(Vec<(Node<'a>, Node<'a>)>),
    /// `*name`: a deal book refuses aliases (see docs/architecture.md), so none is expanded.
    Alias,
}

/// A value and where it starts.
#[derive(Debug)]
pub struct Node<'a> {
    pub value: Value<'a>,
    pub at: Pos,
}

impl Node<'_> {
    /// `key:` with nothing after it, `~` and `null` (plain, not quoted) are YAML's null.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar(t, Style::Plain) if is_null_word(t))
    }
}

pub fn is_null_word(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// Why reading stopped: a syntax error or a limit. It is reported alone — once the YAML does
/// not parse, nothing read before it is trustworthy.
#[derive(Debug)]
pub struct Stop(pub Diagnostic);

/// The events of one text, with nesting depth guarded and progress reported.
pub struct Stream<'a, 'p> {
    parser: Parser<'a, StrInput<'a>>,
    text: &'a str,
    peeked: Option<(Event<'a>, Span)>,
    depth: usize,
    events: u32,
    progress: &'p Progress,
    /// Progress units (bytes of the file) per character of the text.
    scale: f64,
}

pub fn pos(span: &Span) -> Pos {
    Pos::new(span.start.line(), span.start.col() + 1)
}

impl<'a, 'p> Stream<'a, 'p> {
    /// `units` is what the whole text counts for in `progress` (the file's size in bytes),
    /// `chars` the text's length in characters.
    pub fn new(text: &'a str, progress: &'p Progress, units: u64, chars: usize) -> Self {
        Stream {
            parser: Parser::new_from_str(text),
            text,
            peeked: None,
            depth: 0,
            events: 0,
            progress,
            scale: units as f64 / chars.max(1) as f64,
        }
    }

    /// The next event. The end of the events reads as `StreamEnd`.
    pub fn event(&mut self) -> Result<(Event<'a>, Span), Stop> {
        if let Some(ev) = self.peeked.take() {
            return Ok(ev);
        }
        let (event, span) = match self.parser.next_event() {
            None => return Ok((Event::StreamEnd, Span::default())),
            Some(Ok(ev)) => ev,
            Some(Err(e)) => {
                let at = (e.marker().line(), e.marker().col() + 1);
                return Err(Stop(syntax_error(self.text, at, e.info())));
            }
        };
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(Stop(Diagnostic::error(
                        Code::Limit,
                        pos(&span).pair(),
                        format!(
                            "collections nested more than {MAX_DEPTH} levels deep; a deal book needs a handful"
                        ),
                    )));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        self.events = self.events.wrapping_add(1);
        if self.events % PROGRESS_EVERY == 0 {
            self.progress
                .advance_to((span.start.index() as f64 * self.scale) as u64);
        }
        Ok((event, span))
    }

    /// Counts one record read (for the progress gauge).
    pub fn record(&self) {
        self.progress.add_record();
    }

    /// The next event, left to be read by [`Stream::event`].
    pub fn peek(&mut self) -> Result<&Event<'a>, Stop> {
        if self.peeked.is_none() {
            self.peeked = Some(self.event()?);
        }
        Ok(&self.peeked.as_ref().expect("just filled").0)
    }

    /// The whole value that starts with `first`, read without recursion.
    pub fn node(&mut self, first: (Event<'a>, Span)) -> Result<Node<'a>, Stop> {
        enum Open<'a> {
            Seq(Pos, Vec<Node<'a>>),
            Map(Pos, Vec<(Node<'a>, Node<'a>)>, Option<Node<'a>>),
        }
        let mut stack: Vec<Open<'a>> = Vec::new();
        let mut event = first;
        loop {
            let (ev, span) = event;
            let at = pos(&span);
            let done = match ev {
                Event::Scalar(text, style, ..) => Node {
                    value: Value::Scalar(
                        text,
                        match style {
                            ScalarStyle::Plain => Style::Plain,
                            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => Style::Quoted,
                            ScalarStyle::Literal | ScalarStyle::Folded => Style::Block,
                        },
                    ),
                    at,
                },
                Event::Alias(_) => Node {
                    value: Value::Alias,
                    at,
                },
                Event::SequenceStart(..) => {
                    stack.push(Open::Seq(at, Vec::new()));
                    event = self.event()?;
                    continue;
                }
                Event::MappingStart(..) => {
                    stack.push(Open::Map(at, Vec::new(), None));
                    event = self.event()?;
                    continue;
                }
                Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                    Some(Open::Seq(at, items)) => Node {
                        value: Value::Seq(items),
                        at,
                    },
                    Some(Open::Map(at, entries, _)) => Node {
                        value: Value::Map(entries),
                        at,
                    },
                    None => return Err(self.unexpected(at)),
                },
                // The parser never sends these inside a value.
                Event::StreamStart
                | Event::StreamEnd
                | Event::DocumentStart(_)
                | Event::DocumentEnd
                | Event::Nothing => return Err(self.unexpected(at)),
            };
            match stack.last_mut() {
                None => return Ok(done),
                Some(Open::Seq(_, items)) => items.push(done),
                Some(Open::Map(_, entries, key)) => match key.take() {
                    None => *key = Some(done),
                    Some(k) => entries.push((k, done)),
                },
            }
            event = self.event()?;
        }
    }

    /// Reads past the value that starts with `first`, keeping nothing of it.
    pub fn skip(&mut self, first: (Event<'a>, Span)) -> Result<(), Stop> {
        let mut open = 0usize;
        let mut event = first.0;
        loop {
            match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => open += 1,
                Event::SequenceEnd | Event::MappingEnd => open = open.saturating_sub(1),
                Event::StreamEnd => return Ok(()),
                _ => {}
            }
            if open == 0 {
                return Ok(());
            }
            event = self.event()?.0;
        }
    }

    fn unexpected(&self, at: Pos) -> Stop {
        Stop(syntax_error(
            self.text,
            at.pair(),
            "unexpected structure (a bug in dealbook: please report it with the file)",
        ))
    }
}

/// A syntax error from the parser, at a line and column that exist, with a hint where the
/// usual cause is known.
pub fn syntax_error(text: &str, at: (usize, usize), info: &str) -> Diagnostic {
    let lines = Lines::new(text);
    let mut at = lines.clamp(at);
    if info == "recursion limit exceeded" {
        // saphyr-parser's own guard, met while it scans ahead of the events `Stream` counts.
        return Diagnostic::error(
            Code::Limit,
            at,
            format!(
                "collections nested more than {MAX_DEPTH} levels deep; a deal book needs a handful"
            ),
        );
    }
    // The parser stops just after a tab; the tab itself is what to point at.
    if info.contains("tab") && at.1 > 1 && char_at(text, (at.0, at.1 - 1)) == Some('\t') {
        at.1 -= 1;
    }
    let hint = if char_at(text, at) == Some('\t') || info.contains("tab") {
        " (a tab: YAML indents with spaces only)"
    } else if info.contains("indentation in quoted scalar") {
        " (is its closing quote missing? a quoted value's later lines must be indented deeper than its key)"
    } else if info.contains("illegal placement of ':'") {
        " (a '[' or '{' above may be left unclosed)"
    } else if info.contains("mapping values are not allowed") {
        " (a value holding ': ' needs quotes, or the line is indented too far)"
    } else {
        ""
    };
    Diagnostic::error(
        Code::Syntax,
        at,
        format!("invalid YAML: {}{hint}", clip(info, 300)),
    )
}

/// The character at a 1-based line and column.
fn char_at(text: &str, (line, col): (usize, usize)) -> Option<char> {
    let mut rest = text;
    for _ in 1..line {
        let i = rest.find(['\n', '\r'])?;
        let brk = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[i + brk..];
    }
    let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    rest[..end].chars().nth(col.saturating_sub(1))
}
