//! Comments that silence checks without changing the published text:
//! `<!-- clerk: ignore A001 -->` silences the next paragraph (or its own
//! line, when it shares one with text); `<!-- clerk: ignore-file P001 -->`
//! the whole document. Codes and names both work; none means every check.

use super::model::{Block, Line, LineKind, Suppression};
use crate::text::TextRange;
use regex::Regex;
use std::sync::LazyLock;

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*clerk\s*[:-]?\s*(ignore-file|ignore)\b([^>]*?)-->").unwrap()
});

pub fn find_suppressions(text: &str, lines: &[Line], blocks: &[Block]) -> Vec<Suppression> {
    let opening = memchr::memmem::Finder::new("<!--");
    if opening.find(text.as_bytes()).is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let slice = line.range.of(text);
        // Most lines hold no comment: one search rules them out before the pattern runs.
        if opening.find(slice.as_bytes()).is_none() {
            continue;
        }
        for found in COMMENT.captures_iter(slice) {
            let whole = found.get(0).unwrap();
            let range = TextRange::new(
                line.range.start + whole.start(),
                line.range.start + whole.end(),
            );
            let checks = found[2]
                .split([',', ' '])
                .map(str::trim)
                .filter(|word| !word.is_empty())
                .map(str::to_owned)
                .collect();
            let scope = if &found[1] == "ignore-file" {
                TextRange::new(0, text.len())
            } else if !slice.replace(whole.as_str(), "").trim().is_empty() {
                line.range
            } else {
                // The next paragraph after the comment.
                let next = lines[index + 1..]
                    .iter()
                    .find(|l| l.kind == LineKind::Text && !COMMENT.is_match(l.range.of(text)));
                match next {
                    // Blocks are in text order and do not overlap: the one that
                    // could hold the line is the last to start at or before it.
                    Some(next) => blocks
                        [..blocks.partition_point(|block| block.range.start <= next.range.start)]
                        .last()
                        .filter(|block| block.range.contains_range(next.range))
                        .map_or(next.range, |block| {
                            TextRange::new(next.range.start, block.range.end)
                        }),
                    None => range,
                }
            };
            out.push(Suppression {
                range,
                checks,
                scope,
            });
        }
    }
    out
}
