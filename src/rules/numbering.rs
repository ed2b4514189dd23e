//! Numbering shared by the resolution checks: a marker's style and value,
//! the document's own house style, and labels in that style.

use crate::syntax::{Document, MarkerKind, NumberStyle};
use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Number,
    Letter { upper: bool },
    Roman,
}

/// How a resolution number is written: its family and its punctuation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    family: Family,
    punctuation: NumberStyle,
}

impl Style {
    pub fn of(kind: &MarkerKind) -> Style {
        match *kind {
            MarkerKind::Number { style, .. } => Style {
                family: Family::Number,
                punctuation: style,
            },
            MarkerKind::Letter { upper, style, .. } => Style {
                family: Family::Letter { upper },
                punctuation: style,
            },
            MarkerKind::Roman { style, .. } => Style {
                family: Family::Roman,
                punctuation: style,
            },
            _ => Style::default(),
        }
    }

    /// The label for the `n`th resolution: "3.", "(c)", "iii)".
    pub fn label(self, n: u32) -> String {
        let core = match self.family {
            Family::Number => n.to_string(),
            Family::Letter { upper } => {
                let letter = char::from_u32('a' as u32 + (n.max(1) - 1) % 26).unwrap_or('a');
                if upper {
                    letter.to_ascii_uppercase().to_string()
                } else {
                    letter.to_string()
                }
            }
            Family::Roman => crate::syntax::lexicon::roman_lower(n),
        };
        match self.punctuation {
            NumberStyle::Dot => format!("{core}."),
            NumberStyle::Paren => format!("{core})"),
            NumberStyle::Enclosed => format!("({core})"),
            NumberStyle::Colon => format!("{core}:"),
            NumberStyle::Bare => core,
        }
    }
}

impl Default for Style {
    fn default() -> Self {
        Style {
            family: Family::Number,
            punctuation: NumberStyle::Dot,
        }
    }
}

/// The number a marker carries: 3 for "3.", "(c)" or "iii)".
pub fn value(kind: &MarkerKind) -> u32 {
    match *kind {
        MarkerKind::Number { value, .. }
        | MarkerKind::Letter { value, .. }
        | MarkerKind::Roman { value, .. } => value,
        MarkerKind::Paragraph { ref parts } => *parts.last().unwrap_or(&0),
        MarkerKind::Bullet(_) => 0,
    }
}

/// The style the document already numbers its resolutions in: letters where
/// it letters them, else its numbers, else "1.".
pub fn house_style(_text: &str, doc: &Document) -> Style {
    let markers = doc
        .resolution_blocks
        .iter()
        .flat_map(|b| &b.resolutions)
        .filter_map(|r| r.marker.as_ref());
    let mut numbered = None;
    for marker in markers {
        match marker.kind {
            MarkerKind::Letter { .. } => return Style::of(&marker.kind),
            MarkerKind::Number { .. } if numbered.is_none() => {
                numbered = Some(Style::of(&marker.kind))
            }
            _ => {}
        }
    }
    numbered.unwrap_or_default()
}

/// The first word of a range: the smallest span that shows a resolution.
pub fn first_word(text: &str, range: TextRange) -> TextRange {
    let slice = range.of(text);
    let lead = slice.len() - slice.trim_start_matches(['*', '_', ' ', '\u{a0}']).len();
    let word = slice[lead..]
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    TextRange::new(range.start + lead, range.start + lead + word.len())
}
