//! Markdown that is not prose: code spans (`CI=true`), fenced code blocks,
//! link targets (`](https://…)`), autolinks and HTML tags. Nothing in them
//! is minutes text, so no check reads it: an abbreviation inside a code
//! span is a command, inside a link target an address. Link text is prose
//! ("[Regional Museum Trust (RMT)](…)" spells RMT out).

use super::model::{Line, LineKind};
use crate::text::TextRange;

/// The ranges of the text that are markup, not prose, in text order.
pub fn non_prose(text: &str, lines: &[Line]) -> Vec<TextRange> {
    let mut ranges = Vec::new();
    let mut fence: Option<&str> = None;
    for line in lines
        .iter()
        .filter(|line| line.kind != LineKind::FrontMatter)
    {
        let slice = line.range.of(text);
        let trimmed = slice.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(marker)) => {
                fence = Some(marker);
                ranges.push(line.range);
                continue;
            }
            // A fenced block is one range, from its opening fence to its
            // closing one, so that a paragraph inside it lies within it.
            (Some(open), Some(marker)) if open == marker => {
                fence = None;
                extend_last(&mut ranges, line.range);
                continue;
            }
            (Some(_), _) => {
                extend_last(&mut ranges, line.range);
                continue;
            }
            (None, None) => {}
        }
        if memchr::memchr3(b'`', b'<', b']', slice.as_bytes()).is_some() {
            inline(text, line.range, &mut ranges);
        }
    }
    ranges
}

fn extend_last(ranges: &mut [TextRange], line: TextRange) {
    if let Some(last) = ranges.last_mut() {
        *last = last.cover(line);
    }
}

/// Code spans, link targets, autolinks and HTML tags within one line.
fn inline(text: &str, line: TextRange, ranges: &mut Vec<TextRange>) {
    let slice = line.of(text);
    let bytes = slice.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let found = match bytes[at] {
            // A code span runs to the next run of as many backticks.
            b'`' => {
                let ticks = bytes[at..].iter().take_while(|&&b| b == b'`').count();
                let fence = &slice[at..at + ticks];
                slice[at + ticks..]
                    .find(fence)
                    .map(|close| at + ticks + close + ticks)
            }
            // "](target)": the target, up to its closing bracket.
            b']' if bytes.get(at + 1) == Some(&b'(') => {
                slice[at + 2..].find(')').map(|close| at + 2 + close + 1)
            }
            // "<https://…>", "<span …>", "</div>": a tag or an autolink.
            b'<' if bytes
                .get(at + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!') =>
            {
                slice[at + 1..].find('>').map(|close| at + 1 + close + 1)
            }
            _ => None,
        };
        match found {
            Some(end) => {
                ranges.push(TextRange::new(line.start + at, line.start + end));
                at = end;
            }
            None => at += 1,
        }
    }
}

/// Whether ranges lie inside the sorted markup `ranges`, asked in text order, as the passes that take
/// markup out of what they found ask: each answer walks on from the last
/// (`SortedCursor`), where a search of a long document's markup from the
/// top for each one missed the cache.
pub struct Within<'m> {
    ranges: &'m [TextRange],
    before: super::sorted_cursor::SortedCursor,
}

impl<'m> Within<'m> {
    pub fn new(ranges: &'m [TextRange]) -> Self {
        Within {
            ranges,
            before: Default::default(),
        }
    }

    /// Whether `range` lies inside one of the ranges; right in any order,
    /// fastest in text order.
    pub fn holds(&mut self, range: TextRange) -> bool {
        let ranges = self.ranges;
        let after = self
            .before
            .count(ranges, range.start, |r| r.start <= range.start);
        after
            .checked_sub(1)
            .is_some_and(|i| ranges[i].contains_range(range))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> Vec<&str> {
        let lines = crate::syntax::parse(text).lines;
        non_prose(text, &lines).iter().map(|r| r.of(text)).collect()
    }

    #[test]
    fn finds_code_links_and_tags() {
        assert_eq!(
            marked("Run `CI=true cargo test` and see [the guide](https://x.org/NCC) or <span class=\"A\">.\n"),
            vec!["`CI=true cargo test`", "](https://x.org/NCC)", "<span class=\"A\">"]
        );
        assert_eq!(
            marked("Text\n\n```\nBUILD ABC\n```\n\nMore\n"),
            vec!["```\nBUILD ABC\n```"]
        );
    }

    #[test]
    fn leaves_prose_alone() {
        assert!(marked("The NCC (a council) met at 7 < 8 and [noted] it.\n").is_empty());
    }
}
