//! The outline: meeting, attendance lists, agenda items, their sections,
//! resolution blocks and resolutions, as a flat list with parent indexes.

use crate::syntax::{AttendanceKind, Document};
use crate::text::TextRange;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutlineKind {
    Meeting,
    Attendance,
    Item,
    Section,
    ResolutionBlock,
    Resolution,
}

/// One entry of the outline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutlineNode {
    pub kind: OutlineKind,
    /// What the outline shows: "6. Matters Arising", "RESOLVED", "1. That the ...".
    pub name: String,
    /// A second line: the item number, how many resolutions.
    pub detail: Option<String>,
    /// Everything the node covers.
    pub range: TextRange,
    /// The part to highlight: the heading, the marker.
    pub selection: TextRange,
    /// Index of the parent node in the same list.
    pub parent: Option<usize>,
}

/// How many words of a resolution the outline shows.
const RESOLUTION_WORDS: usize = 8;

/// Derives the outline of a parsed document, in text order.
pub fn outline(text: &str, doc: &Document) -> Vec<OutlineNode> {
    let mut nodes = Vec::new();
    // The meeting's heading stands beside the items, not above them: an
    // editor shows top-level entries at once, and the items are what a clerk
    // navigates by.
    if let Some(meeting) = &doc.meeting {
        nodes.push(OutlineNode {
            kind: OutlineKind::Meeting,
            name: clean(meeting.title.of(text)),
            detail: None,
            range: meeting.range,
            selection: meeting.title,
            parent: None,
        });
    }
    for list in &doc.attendance {
        nodes.push(OutlineNode {
            kind: OutlineKind::Attendance,
            name: attendance_name(list.kind).to_owned(),
            detail: Some(format!("{} named", list.entries.len())),
            range: list.range,
            selection: list.label,
            parent: None,
        });
    }
    // Each item's sections and resolution blocks, gathered in one pass over
    // each rather than one pass per item: a long volume of minutes has
    // thousands of items.
    let mut children_of: Vec<Vec<(usize, bool, usize)>> = vec![Vec::new(); doc.items.len()];
    for (index, section) in doc.sections.iter().enumerate() {
        if let Some(children) = section.item.and_then(|item| children_of.get_mut(item)) {
            children.push((section.range.start, true, index));
        }
    }
    for (index, block) in doc.resolution_blocks.iter().enumerate() {
        if let Some(children) = block.item.and_then(|item| children_of.get_mut(item)) {
            children.push((block.range.start, false, index));
        }
    }
    for (item, mut children) in doc.items.iter().zip(children_of) {
        let item_node = nodes.len();
        let title = clean(item.title.of(text));
        let name = match (&item.number, title.is_empty()) {
            (Some(number), false) => format!("{}. {}", number.text, title),
            (Some(number), true) => format!("{}.", number.text),
            (None, false) => title,
            (None, true) => "Agenda item".to_owned(),
        };
        nodes.push(OutlineNode {
            kind: OutlineKind::Item,
            name,
            detail: item
                .number
                .as_ref()
                .map(|number| format!("minute {}", number.text)),
            range: item.range,
            selection: item.heading,
            parent: None,
        });
        // Sections and resolution blocks of this item, in text order.
        children.sort();
        let mut section_node: Option<(usize, TextRange)> = None;
        for (_, is_section, index) in children {
            if is_section {
                let section = &doc.sections[index];
                section_node = Some((nodes.len(), section.range));
                nodes.push(OutlineNode {
                    kind: OutlineKind::Section,
                    name: clean(section.label.of(text)),
                    detail: None,
                    range: section.range,
                    selection: section.label,
                    parent: Some(item_node),
                });
            } else {
                let block = &doc.resolution_blocks[index];
                let parent = match section_node {
                    Some((node, range)) if range.contains_range(block.range) => node,
                    _ => item_node,
                };
                push_resolution_block(text, block, Some(parent), &mut nodes);
            }
        }
    }
    // Resolution blocks outside any item still belong in the outline.
    for block in doc
        .resolution_blocks
        .iter()
        .filter(|block| block.item.is_none())
    {
        push_resolution_block(text, block, None, &mut nodes);
    }
    nodes
}

fn push_resolution_block(
    text: &str,
    block: &crate::syntax::ResolutionBlock,
    parent: Option<usize>,
    nodes: &mut Vec<OutlineNode>,
) {
    let block_node = nodes.len();
    let count = block.resolutions.len();
    nodes.push(OutlineNode {
        kind: OutlineKind::ResolutionBlock,
        name: block
            .marker
            .map(|marker| clean(marker.of(text)))
            .unwrap_or_else(|| "Decisions with no RESOLVED marker".to_owned()),
        detail: Some(if count == 1 {
            "1 resolution".to_owned()
        } else {
            format!("{count} resolutions")
        }),
        range: block.range,
        selection: block.marker.unwrap_or(block.range),
        parent,
    });
    for resolution in &block.resolutions {
        let words = first_words(resolution.text.of(text), RESOLUTION_WORDS);
        let name = match &resolution.marker {
            Some(marker) if marker.kind.is_numbered() => {
                format!("{} {}", marker.range.of(text).trim(), words)
            }
            _ => words,
        };
        nodes.push(OutlineNode {
            kind: OutlineKind::Resolution,
            name,
            detail: None,
            range: resolution.range,
            selection: resolution
                .marker
                .as_ref()
                .map(|marker| marker.range)
                .unwrap_or(resolution.text),
            parent: Some(block_node),
        });
    }
}

fn attendance_name(kind: AttendanceKind) -> &'static str {
    match kind {
        AttendanceKind::Present => "Present",
        AttendanceKind::InAttendance => "In attendance",
        AttendanceKind::Apologies => "Apologies",
        AttendanceKind::Absent => "Absent",
        AttendanceKind::Secretariat => "Secretariat",
    }
}

/// Folds white space (non-breaking spaces too) and drops Markdown emphasis
/// and escapes, so outline names read as plain text.
pub(crate) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '*' | '_'
                if out.is_empty()
                    || chars.peek().is_none_or(|next| !next.is_alphanumeric())
                    || ch == '*' => {}
            '\\' if chars.peek().is_some_and(|next| next.is_ascii_punctuation()) => {}
            ch if ch.is_whitespace() => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
            ch => out.push(ch),
        }
    }
    out.trim_end_matches([' ', ':']).to_owned()
}

fn first_words(text: &str, count: usize) -> String {
    let cleaned = clean(text);
    let words: Vec<&str> = cleaned.split(' ').collect();
    if words.len() <= count {
        cleaned
    } else {
        format!("{} …", words[..count].join(" "))
    }
}
