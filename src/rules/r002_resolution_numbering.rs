//! R002 resolution-numbering: numbered resolutions whose numbers do not run in order.
//!
//! ## What it checks
//! The numbers of the resolutions in one block: a gap (1, 2, 4), a repeat
//! (1, 2, 2), a wrong start (2, 3), a step back (1, 3, 2), or two styles
//! mixed (1., (b)). Resolutions numbered by their minute (118.1, 118.2)
//! must carry the number of the minute they stand in, where the item's
//! other paragraphs carry it too. A numbered line that reads as the next
//! item's heading ("2. Election of Vice Chairman", "b) Banking") is no
//! resolution, and the fix renumbers only the resolutions it names.
//!
//! ## Why it matters
//! A resolution is cited by its number. A repeated or missing number makes
//! "resolution 3 of minute 34" ambiguous or wrong, and a resolution filed
//! under another minute's number sends the reader to the wrong item.
//!
//! ## Example
//! ```text
//! RESOLVED:
//! 1. That the accounts be approved.
//! 2. That the budget be noted.
//! 4. That the Clerk writes to the county.
//! ```
//! Use instead: number them 1, 2, 3. The fix renumbers the block.

use super::{numbering, Applicability, Context, Edit, Rule, Sink};
use crate::syntax::{MarkerKind, Resolution};
use crate::text::TextRange;

pub const RULE: Rule = Rule {
    info: &crate::registry::R002,
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    // Where the previous numbered block in the same item stopped, so a
    // block interrupted by a paragraph may go on from there.
    let mut last_in_item: Option<(Option<usize>, u32)> = None;
    for block in &cx.doc.resolution_blocks {
        let numbered: Vec<&Resolution> = block
            .resolutions
            .iter()
            .filter(|r| {
                r.marker.as_ref().is_some_and(|m| {
                    matches!(
                        m.kind,
                        MarkerKind::Number { .. }
                            | MarkerKind::Letter { .. }
                            | MarkerKind::Roman { .. }
                    )
                })
            })
            .collect();
        if numbered.is_empty() {
            continue;
        }
        let continues_from = last_in_item
            .filter(|(item, _)| *item == block.item)
            .map(|(_, last)| last);
        let first_style = numbering::Style::of(&numbered[0].marker.as_ref().unwrap().kind);
        let values: Vec<u32> = numbered
            .iter()
            .map(|r| numbering::value(&r.marker.as_ref().unwrap().kind))
            .collect();
        last_in_item = Some((block.item, *values.last().unwrap()));

        let mixed = numbered
            .iter()
            .position(|r| numbering::Style::of(&r.marker.as_ref().unwrap().kind) != first_style);
        let start = match continues_from {
            Some(last) if values[0] == last + 1 => last + 1,
            _ => 1,
        };
        let problem = if let Some(at) = mixed {
            Some((at, format!(
                "Resolution {} is numbered {} but the block began with {}: two numbering styles are mixed",
                at + 1,
                marker_text(cx, numbered[at]),
                marker_text(cx, numbered[0])
            )))
        } else {
            first_problem(&values, start)
        };
        let Some((at, message)) = problem else {
            continue;
        };
        let edits = numbered
            .iter()
            .enumerate()
            .map(|(index, r)| {
                Edit::replace(
                    r.marker.as_ref().unwrap().range,
                    first_style.label(start + index as u32),
                )
            })
            .filter(|edit| edit.range.of(cx.text) != edit.new_text)
            .collect();
        sink.push(numbered[at].marker.as_ref().unwrap().range, message)
            .related(
                numbered[0].marker.as_ref().unwrap().range,
                "the block's first resolution",
            )
            .fix(
                "Renumber the resolutions in order",
                Applicability::Safe,
                edits,
            );
    }
    minute_numbered(cx, sink);
}

fn marker_text<'t>(cx: &Context<'t>, resolution: &Resolution) -> &'t str {
    resolution.marker.as_ref().unwrap().range.of(cx.text)
}

/// The first place the numbers stop running 1, 2, 3 ...
fn first_problem(values: &[u32], start: u32) -> Option<(usize, String)> {
    let show = |value: u32| value.to_string();
    if values[0] != start {
        return Some((
            0,
            format!(
                "The resolutions start at {} instead of {}",
                show(values[0]),
                show(start)
            ),
        ));
    }
    for at in 1..values.len() {
        let (previous, value) = (values[at - 1], values[at]);
        if value == previous {
            return Some((
                at,
                format!("Resolution number {} is used twice", show(value)),
            ));
        }
        if value < previous {
            return Some((
                at,
                format!(
                    "Resolution {} comes after {}: the numbers go back",
                    show(value),
                    show(previous)
                ),
            ));
        }
        if value > previous + 1 {
            let missing = if value == previous + 2 {
                show(previous + 1)
            } else {
                format!("{} to {}", show(previous + 1), show(value - 1))
            };
            return Some((
                at,
                format!(
                    "The resolutions jump from {} to {}: {} is missing",
                    show(previous),
                    show(value),
                    missing
                ),
            ));
        }
    }
    None
}

/// Resolutions numbered by their minute (118.1) must carry their item's number.
fn minute_numbered(cx: &Context, sink: &mut Sink) {
    let mut paragraphs: Option<MinuteParagraphs> = None;
    for block in &cx.doc.resolution_blocks {
        let Some(item) = block.item.map(|i| &cx.doc.items[i]) else {
            continue;
        };
        let Some(item_value) = item.number.as_ref().and_then(|n| n.value) else {
            continue;
        };
        for resolution in &block.resolutions {
            let Some(marker) = &resolution.marker else {
                continue;
            };
            let MarkerKind::Paragraph { parts } = &marker.kind else {
                continue;
            };
            if parts[0] == item_value {
                continue;
            }
            let paragraphs = paragraphs.get_or_insert_with(|| MinuteParagraphs::gather(cx));
            if !paragraphs.numbered_under(block.item, item_value, marker.range) {
                continue;
            }
            if paragraphs.numbered_under(block.item, parts[0], marker.range) {
                // Other paragraphs carry the same minute number: the item's
                // own heading was missed, and this is no slip.
                continue;
            }
            let written = marker.range.of(cx.text);
            let digits = parts[0].to_string();
            let fixed = format!("{item_value}{}", &written[digits.len()..]);
            sink.push(
                marker.range,
                format!("Resolution {written} is numbered under minute {} but stands in minute {item_value}", parts[0]),
            )
            .related(item.heading, format!("minute {item_value}"))
            .fix(format!("Renumber it {fixed}"), Applicability::Unsafe, vec![Edit::replace(marker.range, fixed)]);
        }
    }
}

/// The paragraphs numbered under each minute ("6.1" under 6), by the item
/// they stand in: how many, and where the first is. Gathered once, since
/// every resolution numbered by its minute asks of them: searching every
/// paragraph for each one grew with the square of a long document.
#[derive(Default)]
struct MinuteParagraphs {
    by_item_and_minute: std::collections::HashMap<(Option<usize>, u32), (usize, TextRange)>,
}

impl MinuteParagraphs {
    fn gather(cx: &Context) -> MinuteParagraphs {
        let mut gathered = MinuteParagraphs::default();
        for block in &cx.doc.blocks {
            let Some(marker) = &block.marker else {
                continue;
            };
            if let MarkerKind::Paragraph { parts } = &marker.kind {
                gathered
                    .by_item_and_minute
                    .entry((block.item, parts[0]))
                    .and_modify(|(count, _)| *count += 1)
                    .or_insert((1, marker.range));
            }
        }
        gathered
    }

    /// Whether another paragraph of the item, outside `except`, is
    /// numbered under minute `minute`.
    fn numbered_under(&self, item: Option<usize>, minute: u32, except: TextRange) -> bool {
        self.by_item_and_minute
            .get(&(item, minute))
            .is_some_and(|&(count, first)| count >= 2 || first != except)
    }
}
