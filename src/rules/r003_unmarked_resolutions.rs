//! R003 unmarked-resolutions: decisions written "That ..." with no RESOLVED above them.
//!
//! ## What it checks
//! Decisions written as "That ..." items (the Committee notes, the minutes
//! be agreed) with no RESOLVED, AGREED or DECISION marker above them in the
//! same agenda item. Silent wherever a marker leads the block: "It was
//! unanimously RESOLVED:", "RESOLVED –", "RESOLVED that", a "Decision:" label.
//!
//! ## Why it matters
//! Minutes are the legal record of what the body decided. Without the
//! marker, a reader cannot tell a decision from a recommendation in a
//! report or a point someone made.
//!
//! ## Example
//! ```text
//! - That Committee notes the performance report.
//! - That Committee approves the action plan.
//! ```
//! Use instead:
//! ```text
//! RESOLVED:
//! 1. That Committee notes the performance report.
//! 2. That Committee approves the action plan.
//! ```

use super::{numbering, Applicability, Context, Edit, Rule, Sink};
use crate::text::line_ending;

pub const RULE: Rule = Rule {
    info: &crate::registry::R003,
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    // Items that have had a marked block so far, walking blocks in text order.
    let mut marked_items = std::collections::HashSet::new();
    // Inserted lines end as the document's do: CRLF, LF or a lone CR.
    let eol = line_ending(cx.text);
    // Blocks come in text order: each one's line is found by walking on
    // from the last, not by a search of every line.
    let mut lines_before = crate::syntax::SortedCursor::default();
    for block in &cx.doc.resolution_blocks {
        if block.marker.is_some() {
            marked_items.insert(block.item);
            continue;
        }
        if marked_items.contains(&block.item) {
            continue;
        }
        let count = block.resolutions.len();
        let first = &block.resolutions[0];
        let message = if count == 1 {
            "This decision has no RESOLVED marker above it".to_owned()
        } else {
            format!("These {count} decisions have no RESOLVED marker above them")
        };
        let lines = &cx.doc.lines;
        let line = lines_before
            .count(lines, first.range.start, |line| {
                line.range.start <= first.range.start
            })
            .saturating_sub(1);
        let line_start = lines
            .get(line)
            .map_or(first.range.start, |line| line.range.start);
        sink.push(numbering::first_word(cx.text, first.text), message)
            .fix(
                "Add RESOLVED: above the decisions",
                Applicability::Unsafe,
                vec![Edit::insert(line_start, format!("RESOLVED:{eol}{eol}"))],
            );
    }
}
