//! Which fixes can go in together: the one choice both `--fix` and the
//! editor's "fix all" make, so that the two never mend a file differently.
//!
//! Fixes are taken whole, in the order given (finding order), and a fix is
//! left out when any of its edits touches the text of an edit already taken,
//! or of another edit of its own. Two edits touch when their ranges share
//! text, or when both start at one place: two insertions there, or an
//! insertion and a replacement, would go in an order that is only a guess.
//!
//! The edits taken so far never touch one another, so in start order each
//! ends at or before the next begins. A new edit can then only touch the
//! taken edit that starts at or before it and the one that starts after it:
//! two look-ups in a sorted map instead of a comparison with every edit,
//! which kept 100,000 fixes busy for minutes.

use super::{Edit, Fix};
use std::collections::BTreeMap;

/// The fixes that can go in together, in the order given. Every edit's range
/// must start at or before it ends.
pub fn compatible_fixes<'f>(fixes: impl IntoIterator<Item = &'f Fix>) -> Vec<&'f Fix> {
    // Start of each edit taken so far, to its end.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut chosen = Vec::new();
    let mut own: Vec<&Edit> = Vec::new();
    for fix in fixes {
        own.clear();
        own.extend(&fix.edits);
        own.sort_by_key(|edit| (edit.range.start, edit.range.end));
        let touches_itself = own.windows(2).any(|pair| touch(pair[0], pair[1]));
        if touches_itself || own.iter().any(|edit| touches_taken(&taken, edit)) {
            continue;
        }
        for edit in &own {
            taken.insert(edit.range.start, edit.range.end);
        }
        chosen.push(fix);
    }
    chosen
}

/// Whether two edits, the first starting no later than the second, touch.
fn touch(first: &Edit, second: &Edit) -> bool {
    first.range.start == second.range.start || second.range.start < first.range.end
}

/// Whether `edit` touches any edit taken so far.
fn touches_taken(taken: &BTreeMap<usize, usize>, edit: &Edit) -> bool {
    let (start, end) = (edit.range.start, edit.range.end);
    // The taken edit starting at or before this one ends latest of all that do.
    let before = taken
        .range(..=start)
        .next_back()
        .is_some_and(|(&other_start, &other_end)| other_start == start || start < other_end);
    // The taken edit starting after this one starts earliest of all that do.
    let after = taken
        .range(start + 1..)
        .next()
        .is_some_and(|(&other_start, _)| other_start < end);
    before || after
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Applicability;
    use crate::text::TextRange;

    /// The choice as it was first written, comparing every edit with every
    /// edit taken: slow, but plainly right, so it is the specification.
    fn compatible_fixes_by_every_pair(fixes: &[Fix]) -> Vec<&Fix> {
        fn overlaps(a: &Edit, b: &Edit) -> bool {
            (a.range.start < b.range.end && b.range.start < a.range.end)
                || a.range.start == b.range.start
        }
        let mut taken: Vec<&Edit> = Vec::new();
        let mut chosen = Vec::new();
        for fix in fixes {
            let clashes = fix.edits.iter().enumerate().any(|(index, edit)| {
                fix.edits[..index].iter().any(|other| overlaps(edit, other))
                    || taken.iter().any(|other| overlaps(edit, other))
            });
            if !clashes {
                taken.extend(&fix.edits);
                chosen.push(fix);
            }
        }
        chosen
    }

    fn fix(edits: Vec<Edit>) -> Fix {
        Fix {
            title: "Mend".into(),
            applicability: Applicability::Safe,
            edits,
        }
    }

    /// A small xorshift generator: the same fixes on every run, no crate needed.
    struct Numbers(u64);

    impl Numbers {
        fn below(&mut self, limit: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % limit as u64) as usize
        }
    }

    #[test]
    fn the_choice_is_the_one_every_pair_would_make() {
        let mut numbers = Numbers(0x9e37_79b9_7f4a_7c15);
        for round in 0..2_000 {
            // Short texts crowd the edits together, so most sets clash somewhere.
            let text_len = 4 + round % 60;
            let fixes: Vec<Fix> = (0..numbers.below(12))
                .map(|_| {
                    let edits = (0..numbers.below(4))
                        .map(|_| {
                            let start = numbers.below(text_len + 1);
                            let len = match numbers.below(3) {
                                0 => 0, // an insertion
                                _ => numbers.below(6),
                            };
                            let end = (start + len).min(text_len);
                            Edit::replace(TextRange::new(start, end), "x")
                        })
                        .collect();
                    fix(edits)
                })
                .collect();
            assert_eq!(
                compatible_fixes(&fixes),
                compatible_fixes_by_every_pair(&fixes),
                "fixes: {fixes:?}"
            );
        }
    }

    #[test]
    fn a_hundred_thousand_separate_fixes_are_all_chosen() {
        // Each fix replaces one word and inserts before the next: edits that
        // meet end to start but never touch.
        let fixes: Vec<Fix> = (0..100_000)
            .map(|n| {
                let start = n * 10;
                fix(vec![
                    Edit::replace(TextRange::new(start, start + 5), "word"),
                    Edit::insert(start + 5, " "),
                ])
            })
            .collect();
        assert_eq!(compatible_fixes(&fixes).len(), 100_000);
    }

    #[test]
    fn fixes_that_touch_leave_the_later_one_out() {
        let fixes = [
            fix(vec![Edit::replace(TextRange::new(0, 3), "one")]),
            fix(vec![Edit::replace(TextRange::new(2, 5), "two")]),
            fix(vec![Edit::insert(3, "three")]),
            fix(vec![Edit::insert(3, "four")]),
            fix(vec![Edit::insert(7, "a"), Edit::insert(7, "b")]),
        ];
        let chosen = compatible_fixes(&fixes);
        assert_eq!(chosen, vec![&fixes[0], &fixes[2]]);
    }
}
