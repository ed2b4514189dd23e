//! Folding ranges: agenda items, attendance lists and resolution blocks,
//! which are what a clerk collapses to see the shape of a meeting.

use crate::syntax::Document;
use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    Item,
    Attendance,
    Resolutions,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    pub range: TextRange,
    pub kind: FoldKind,
}

/// Every foldable region, in text order; the protocol layer drops those that
/// fit on one line.
pub fn folding_ranges(doc: &Document) -> Vec<Fold> {
    let mut folds: Vec<Fold> = doc
        .items
        .iter()
        .map(|item| Fold {
            range: item.range,
            kind: FoldKind::Item,
        })
        .chain(doc.attendance.iter().map(|list| Fold {
            range: list.range,
            kind: FoldKind::Attendance,
        }))
        .chain(doc.resolution_blocks.iter().map(|block| Fold {
            range: block.range,
            kind: FoldKind::Resolutions,
        }))
        .collect();
    folds.sort_by_key(|fold| (fold.range.start, std::cmp::Reverse(fold.range.end)));
    folds
}
