//! R001 unnumbered-resolutions: two or more resolutions in one block with no numbers.
//!
//! ## What it checks
//! A block of two or more resolutions whose items carry no numbers: dashes,
//! bullets, or plain paragraphs that each begin "That ...". One finding per
//! block, on the first item, saying how many there are.
//!
//! ## Why it matters
//! Later minutes, reports and officers cite decisions as "resolution 2 of
//! minute 34". A decision with no number cannot be cited, and every style
//! guide asks for numbered resolutions. A single resolution needs no number.
//!
//! ## Example
//! ```text
//! RESOLVED:
//! - That the Committee notes the report.
//! - That the Committee approves the plan.
//! ```
//! Use instead:
//! ```text
//! RESOLVED:
//! 1. That the Committee notes the report.
//! 2. That the Committee approves the plan.
//! ```
//! The fix numbers the items 1., 2., 3. in the document's own style, or
//! (a), (b) where the document letters its resolutions elsewhere.

use super::{numbering, Applicability, Context, Edit, Rule, Sink};
use crate::syntax::MarkerKind;

pub const RULE: Rule = Rule {
    info: &crate::registry::R001,
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let style = numbering::house_style(cx.text, cx.doc);
    for block in &cx.doc.resolution_blocks {
        let count = block.resolutions.len();
        let unnumbered = block.resolutions.iter().all(|resolution| {
            resolution
                .marker
                .as_ref()
                .is_none_or(|marker| matches!(marker.kind, MarkerKind::Bullet(_)))
        });
        if count < 2 || !unnumbered {
            continue;
        }
        let first = &block.resolutions[0];
        let range = match &first.marker {
            Some(marker) => marker.range,
            None => numbering::first_word(cx.text, first.text),
        };
        let edits = block
            .resolutions
            .iter()
            .enumerate()
            .map(|(index, resolution)| {
                let label = style.label(index as u32 + 1);
                match &resolution.marker {
                    Some(marker) => Edit::replace(marker.range, label),
                    None => Edit::insert(resolution.text.start, format!("{label} ")),
                }
            })
            .collect();
        let finding = sink.push(
            range,
            format!("These {count} resolutions are not numbered, so they cannot be cited"),
        );
        for (index, resolution) in block.resolutions.iter().enumerate().skip(1) {
            finding.related(
                resolution.range,
                format!("resolution {} of {count}, also without a number", index + 1),
            );
        }
        finding.fix(
            format!("Number the {count} resolutions"),
            Applicability::Safe,
            edits,
        );
    }
}
