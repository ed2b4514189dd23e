//! Resolution blocks: decision markers (RESOLVED, AGREED, Decision:) and the
//! resolutions they lead, and runs of "That ..." decisions with no marker.

use super::lexicon::{is_deciding_body, is_decision_verb};
use super::model::*;
use super::sorted_cursor::SortedCursor;
use crate::text::{trim_range, TextRange};
use regex::Regex;
use std::cell::RefCell;
use std::sync::LazyLock;

/// A decision marker and what follows it in the same paragraph.
#[derive(Clone, Copy)]
pub struct DecisionMarker {
    pub range: TextRange,
    /// The text after the marker, trimmed of its punctuation.
    pub after: TextRange,
}

/// The decision markers, with `\b` (a word's end) after each marker word.
const MARKER_PATTERN: &str = r"(?x)
        (?:
            (?:(?:[Ii]t\s+was|[Tt]he\s+following\s+was|[Ss]ubject\s+to\s+[^.]{0,80}?,?\s+it\s+was)\s+(?:therefore\s+|then\s+|also\s+|accordingly\s+)?(?:(?:unanimously|UNANIMOUSLY)\s+)?(?:RESOLVED|[Rr]esolved|AGREED|[Aa]greed|DECIDED|[Dd]ecided|RECOMMENDED|[Rr]ecommended))
          | (?:(?:UNANIMOUSLY|Unanimously)\s+)?(?:RESOLVED|AGREED|DECIDED|RECOMMENDED)\b
          | (?:^(?:\*\*|__|\*|_)?(?:(?:And|and)\s+)?(?:Resolved|Agreed|Decision|Decided|Recommended)\b(?:\*\*|__|\*|_)?)
          | (?:(?:[Tt]he\s+)?(?:Committee|Council|Cabinet|Board|Panel|Sub-Committee|Authority|Convention|Forum|Governors|meeting)\s+(?:therefore\s+|then\s+|unanimously\s+)?(?:resolved|RESOLVED)\b)
        )
        (?:\s*(?::-|:|–|—|-)?)";

/// The markers with `\b` read by Unicode's rules, as the words of minutes
/// in any script end.
static MARKER: LazyLock<Regex> = LazyLock::new(|| Regex::new(MARKER_PATTERN).unwrap());

/// The same markers with `\b` read by ASCII's rules, which the regex crate's
/// fastest engine runs over any text (with Unicode's it steps down to a
/// slower one at the first character beyond ASCII). The two agree wherever
/// no marker word runs into a letter beyond ASCII (`boundaries_agree`).
static MARKER_ASCII_ENDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&MARKER_PATTERN.replace(r"\b", r"(?-u:\b)")).unwrap());

/// The marker words alone: a fast literal search that rules out most
/// paragraphs before the full pattern runs.
static MARKER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"RESOLVED|esolved|AGREED|greed|DECIDED|ecided|RECOMMENDED|ecommended|Decision")
        .unwrap()
});

/// The longest of `MARKER_WORD`'s words, in bytes.
const LONGEST_MARKER_WORD: usize = "RECOMMENDED".len();

/// Where the marker words stand in a document, found in one pass over the
/// whole text so that most paragraphs need no search of their own: a
/// search per paragraph cost more in setting out than in searching.
pub struct MarkerWords {
    starts: Vec<usize>,
    /// Where the last question stood in `starts`: paragraphs are asked
    /// about in text order, once by the structure and again by the resolutions.
    starts_cursor: RefCell<SortedCursor>,
    /// The markers found in paragraphs that hold a marker word, in text
    /// order. The structure asks about a paragraph as a line and the
    /// resolutions ask again as a block: the patterns run once for both.
    found: RefCell<Vec<(TextRange, Option<DecisionMarker>)>>,
    found_cursor: RefCell<SortedCursor>,
}

impl MarkerWords {
    pub fn find(text: &str) -> Self {
        MarkerWords {
            starts: MARKER_WORD
                .find_iter(text)
                .map(|found| found.start())
                .collect(),
            starts_cursor: RefCell::default(),
            found: RefCell::default(),
            found_cursor: RefCell::default(),
        }
    }

    /// The answer kept for `content`, if it was asked about before.
    fn kept(&self, content: TextRange) -> Option<Option<DecisionMarker>> {
        let found = self.found.borrow();
        let at = self
            .found_cursor
            .borrow_mut()
            .count(&found, content.start, |(range, _)| {
                range.start < content.start
            });
        found
            .get(at)
            .filter(|(range, _)| *range == content)
            .map(|&(_, marker)| marker)
    }

    /// Keeps the answer for `content` when it comes after every kept one.
    fn keep(&self, content: TextRange, marker: Option<DecisionMarker>) {
        let mut found = self.found.borrow_mut();
        if found
            .last()
            .is_none_or(|(last, _)| last.start < content.start)
        {
            found.push((content, marker));
        }
    }

    /// Whether a marker word may start inside `content`. The whole-text
    /// search passes over a word in the paragraph only when an earlier match
    /// overlaps it, and that match starts at most a word's length before it.
    fn may_be_in(&self, content: TextRange) -> bool {
        let from = content.start.saturating_sub(LONGEST_MARKER_WORD);
        let at = self
            .starts_cursor
            .borrow_mut()
            .count(&self.starts, from, |&start| start < from);
        self.starts
            .get(at)
            .is_some_and(|&start| start < content.end)
    }
}

/// Finds the first decision marker in a paragraph.
pub fn find_decision_marker(
    text: &str,
    content: TextRange,
    words: &MarkerWords,
) -> Option<DecisionMarker> {
    if !words.may_be_in(content) {
        return None;
    }
    if let Some(kept) = words.kept(content) {
        return kept;
    }
    let found = search_decision_marker(text, content);
    words.keep(content, found);
    found
}

/// `find_decision_marker` in a paragraph that holds a marker word.
fn search_decision_marker(text: &str, content: TextRange) -> Option<DecisionMarker> {
    let slice = content.of(text);
    let first_word = MARKER_WORD.find(slice)?;
    // The full pattern may begin a sentence before the word ("Subject to the
    // amendment above, it was RESOLVED"): start it at that sentence.
    let word_at = first_word.start();
    let from = if word_at <= 240 {
        0
    } else {
        let window = crate::text::floor_char_boundary(slice, word_at - 240);
        slice[window..word_at]
            .rfind(". ")
            .map_or(window, |at| window + at + 2)
    };
    let slice = &slice[from..];
    let content = TextRange::new(content.start + from, content.end);
    // The marker ends where its trailing punctuation begins.
    let whole = first_marker(slice)?;
    let word_end = whole.start()
        + whole
            .as_str()
            .trim_end_matches([
                ' ', '\t', '\n', '\r', '\u{a0}', ':', '-', '–', '—', '*', '_',
            ])
            .len();
    let range = TextRange::new(content.start + whole.start(), content.start + word_end);
    let after = trim_range(
        text,
        TextRange::new(content.start + whole.end(), content.end),
    );
    Some(DecisionMarker { range, after })
}

/// The first match of `MARKER` in `slice`, found as fast as it can be: a
/// plain search (no capture groups), over no more of the text than can hold
/// it, by ASCII's rules for a word's end where they read as Unicode's.
fn first_marker(slice: &str) -> Option<regex::Match<'_>> {
    let slice = &slice[..marker_search_end(slice)];
    let marker = if boundaries_agree(slice) {
        &*MARKER_ASCII_ENDS
    } else {
        &*MARKER
    };
    marker.find(slice)
}

/// Where a search for the marker in `slice` may stop: every marker ends
/// with a marker word, and at most two marks ("**"), a run of white space
/// and two characters of punctuation (":-") after it. What comes after the
/// last marker word holds no marker, and a long paragraph's tail is not read.
fn marker_search_end(slice: &str) -> usize {
    let Some(last_word_end) = MARKER_WORD.find_iter(slice).last().map(|word| word.end()) else {
        return slice.len();
    };
    // A marker word the search passed over overlaps one it found, so it
    // ends within a word's length of the last found.
    let mut end = crate::text::ceil_char_boundary(slice, last_word_end + LONGEST_MARKER_WORD + 2);
    let rest = &slice[end..];
    end += rest.len() - rest.trim_start().len();
    let rest = &slice[end..];
    end + rest.chars().take(2).map(char::len_utf8).sum::<usize>()
}

/// Whether `\b` after each marker word reads the same by ASCII's rules as
/// by Unicode's: it does unless an ASCII letter or digit is followed by a
/// word character beyond ASCII ("AGREEDé"), the one place the two differ,
/// since every `\b` in the pattern follows a marker word's last letter.
fn boundaries_agree(slice: &str) -> bool {
    let bytes = slice.as_bytes();
    let mut at = 0;
    while let Some(found) = bytes[at..].iter().position(|&b| b >= 0xC0) {
        let lead = at + found;
        if lead > 0
            && bytes[lead - 1].is_ascii_alphanumeric()
            && slice[lead..]
                .chars()
                .next()
                .is_some_and(regex_syntax::is_word_character)
        {
            return false;
        }
        at = lead + 1;
    }
    true
}

/// Whether a paragraph opens "That ..." (any case), as resolutions do.
pub fn starts_with_that(slice: &str) -> bool {
    let slice = slice.trim_start_matches(['*', '_', ' ', '\u{a0}']);
    slice.len() > 5
        && slice
            .get(..4)
            .is_some_and(|word| word.eq_ignore_ascii_case("that"))
        && slice
            .get(4..)
            .is_some_and(|rest| rest.starts_with(char::is_whitespace))
}

/// Whether a "That ..." sentence reads as a decision: a deciding body with a
/// decision verb ("That Committee notes"), or a passive ("That the minutes be agreed").
pub fn is_decision_like(slice: &str) -> bool {
    let words: Vec<&str> = slice
        .split_whitespace()
        .take(14)
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .collect();
    if words.windows(2).any(|pair| {
        pair[0].eq_ignore_ascii_case("be")
            && (pair[1].ends_with("ed") || pair[1].ends_with("en") || is_decision_verb(pair[1]))
    }) {
        return true;
    }
    words
        .windows(2)
        .take(8)
        .any(|pair| is_deciding_body(pair[0]) && acts(pair[1]))
        || words.windows(3).take(8).any(|triple| {
            is_deciding_body(triple[0])
                && matches!(
                    triple[1].to_ascii_lowercase().as_str(),
                    "unanimously" | "formally" | "also" | "therefore" | "hereby" | "duly"
                )
                && acts(triple[2])
        })
}

/// A verb as a deciding body uses it: a decision verb, any verb in the
/// present ("raises", "supports"), or a modal ("should", "will").
fn acts(word: &str) -> bool {
    is_decision_verb(word)
        || word.starts_with(|c: char| c.is_ascii_lowercase())
            && word.len() > 3
            && word.ends_with('s')
            && !word.ends_with("ss")
        || matches!(
            word,
            "should" | "shall" | "will" | "would" | "do" | "does" | "to"
        )
}

/// Whether a numbered paragraph reads as the heading of the next item
/// ("2. Election of Vice Chairman", "b) **Banking Services**") rather than
/// a decision: a few words, no full stop, no verb of deciding.
fn reads_as_a_heading(slice: &str) -> bool {
    let trimmed = slice.trim().trim_matches(['*', '_']);
    // Most resolutions end with a full stop: ruled out before their words
    // are read.
    if trimmed.ends_with(['.', ';', ':']) || trimmed.len() > 120 || starts_with_that(trimmed) {
        return false;
    }
    let mut words = trimmed.split_whitespace();
    let short = words.clone().nth(8).is_none();
    short
        && !words.any(|word| {
            let word = word.trim_matches(|c: char| !c.is_alphabetic());
            is_decision_verb(word) || word.eq_ignore_ascii_case("be")
        })
}

/// A lead-in such as "That Cabinet:" or "That the Committee agreed that:".
fn is_lead_in(slice: &str) -> bool {
    let trimmed = slice.trim_end_matches(['*', '_', ' ']);
    (trimmed.ends_with(':') || trimmed.ends_with(":-")) && trimmed.split_whitespace().count() <= 15
}

struct OpenBlock {
    block: ResolutionBlock,
    /// Whether items join only when they open "That ..." (no marker leads the block).
    unmarked: bool,
}

/// Finds every resolution block in the document's blocks.
pub fn resolution_blocks(
    text: &str,
    blocks: &[Block],
    sections: &[Section],
    marker_words: &MarkerWords,
) -> Vec<ResolutionBlock> {
    let mut out = Vec::new();
    let mut open: Option<OpenBlock> = None;
    let close = |open: &mut Option<OpenBlock>, out: &mut Vec<ResolutionBlock>| {
        if let Some(done) = open.take() {
            if done.block.marker.is_some() || !done.block.resolutions.is_empty() {
                out.push(done.block);
            }
        }
    };
    let mut sections_before = super::sorted_cursor::SortedCursor::default();
    for block in blocks {
        if open
            .as_ref()
            .is_some_and(|open| open.block.item != block.item)
        {
            close(&mut open, &mut out);
        }
        match block.kind {
            BlockKind::Paragraph => {}
            BlockKind::SectionLabel => {
                close(&mut open, &mut out);
                // Labels come in text order, so the section of each is
                // found by walking on from the last.
                let start = block.content.start;
                let index = sections_before.count(sections, start, |s| s.label.start < start);
                let is_decision = sections
                    .get(index)
                    .filter(|section| section.label.start == start)
                    .is_some_and(|section| {
                        let label = section.label.of(text).to_ascii_lowercase();
                        label.starts_with("decision") || label.starts_with("resolution")
                    });
                if is_decision {
                    open = Some(OpenBlock {
                        block: ResolutionBlock {
                            item: block.item,
                            marker: Some(block.content),
                            range: block.content,
                            resolutions: Vec::new(),
                        },
                        unmarked: false,
                    });
                }
                continue;
            }
            _ => {
                close(&mut open, &mut out);
                continue;
            }
        }
        if let Some(marker) = find_decision_marker(text, block.content, marker_words) {
            close(&mut open, &mut out);
            let mut resolution_block = ResolutionBlock {
                item: block.item,
                marker: Some(marker.range),
                range: TextRange::new(marker.range.start, block.range.end),
                resolutions: Vec::new(),
            };
            let after = marker.after.of(text);
            // "RESOLVED: (1) That ...": the first of a numbered list shares
            // the marker's line, and the rest follow as their own blocks.
            let inline_first = super::lines::list_marker(text, marker.after)
                .filter(|(m, _)| m.kind.is_numbered())
                .filter(|(_, rest)| starts_with_that(&text[*rest..marker.after.end]));
            if let Some((list_marker, rest)) = inline_first {
                resolution_block.resolutions.push(Resolution {
                    range: marker.after,
                    marker: Some(list_marker),
                    text: TextRange::new(rest, marker.after.end),
                });
                open = Some(OpenBlock {
                    block: resolution_block,
                    unmarked: false,
                });
                continue;
            }
            let stays_open = after.is_empty() || is_lead_in(after);
            if !stays_open {
                resolution_block.resolutions.push(Resolution {
                    range: TextRange::new(
                        block
                            .marker
                            .as_ref()
                            .map_or(marker.after.start, |m| m.range.start)
                            .min(marker.after.start),
                        marker.after.end,
                    ),
                    marker: block
                        .marker
                        .clone()
                        .filter(|m| matches!(m.kind, MarkerKind::Paragraph { .. })),
                    text: marker.after,
                });
                out.push(resolution_block);
            } else {
                open = Some(OpenBlock {
                    block: resolution_block,
                    unmarked: false,
                });
            }
            continue;
        }
        let that = block.opens_with_that;
        if !that && block.marker.is_none() {
            // Neither a resolution's opening nor an item of a list: it ends
            // an open block, and starts none (its text is not read again).
            close(&mut open, &mut out);
            continue;
        }
        let content = block.content.of(text);
        if let Some(current) = open.as_mut() {
            let joins = if current.unmarked {
                that && is_decision_like(content)
            } else {
                block.marker.as_ref().is_some_and(|marker| {
                    !reads_as_a_heading(content)
                        && (that || !matches!(marker.kind, MarkerKind::Paragraph { .. }))
                }) || that
            };
            if joins {
                if !current.unmarked
                    && that
                    && block.marker.is_none()
                    && is_lead_in(content)
                    && current.block.resolutions.is_empty()
                {
                    current.block.range = current.block.range.cover(block.range);
                    continue; // "That Cabinet:" leads the items that follow
                }
                push_resolution(text, &mut current.block, block);
                continue;
            }
            close(&mut open, &mut out);
        }
        if that && is_decision_like(content) && !is_lead_in(content) {
            let mut resolution_block = ResolutionBlock {
                item: block.item,
                marker: None,
                range: block.range,
                resolutions: Vec::new(),
            };
            push_resolution(text, &mut resolution_block, block);
            open = Some(OpenBlock {
                block: resolution_block,
                unmarked: true,
            });
        }
    }
    close(&mut open, &mut out);
    out
}

/// Adds a block to a resolution block, folding sub-clauses ((a), (i) under a
/// numbered resolution that ends in a colon) into the resolution above.
fn push_resolution(text: &str, resolution_block: &mut ResolutionBlock, block: &Block) {
    resolution_block.range = resolution_block.range.cover(block.range);
    let first_kind = resolution_block
        .resolutions
        .first()
        .and_then(|r| r.marker.as_ref())
        .map(|m| class(&m.kind));
    if let (Some(last), Some(marker)) = (resolution_block.resolutions.last_mut(), &block.marker) {
        let nested = first_kind.is_some_and(|kind| kind != class(&marker.kind))
            && (last.text.of(text).trim_end().ends_with([':', '-'])
                || last.range.end > last.text.end);
        if nested {
            last.range = last.range.cover(block.range);
            return;
        }
    }
    resolution_block.resolutions.push(Resolution {
        range: block.range,
        marker: block.marker.clone(),
        text: block.content,
    });
}

/// The family of a marker, for telling nested sub-clauses from mixed numbering.
fn class(kind: &MarkerKind) -> u8 {
    match kind {
        MarkerKind::Bullet(_) => 0,
        MarkerKind::Number { .. } => 1,
        MarkerKind::Letter { .. } => 2,
        MarkerKind::Roman { .. } => 3,
        MarkerKind::Paragraph { .. } => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(text: &str) -> Option<(String, String)> {
        find_decision_marker(
            text,
            TextRange::new(0, text.len()),
            &MarkerWords::find(text),
        )
        .map(|m| (m.range.of(text).to_owned(), m.after.of(text).to_owned()))
    }

    #[test]
    fn finds_markers() {
        assert_eq!(
            marker("The Chair thanked all. It was unanimously RESOLVED:"),
            Some(("It was unanimously RESOLVED".into(), "".into()))
        );
        assert_eq!(
            marker("RESOLVED – That the minutes be agreed."),
            Some(("RESOLVED".into(), "That the minutes be agreed.".into()))
        );
        assert_eq!(
            marker("Resolved: That"),
            Some(("Resolved".into(), "That".into()))
        );
        assert_eq!(
            marker("The Council resolved:- to"),
            Some(("The Council resolved".into(), "to".into()))
        );
        assert_eq!(
            marker("It was agreed that the clerk writes."),
            Some(("It was agreed".into(), "that the clerk writes.".into()))
        );
        assert_eq!(marker("Members were resolved to act"), None);
        assert_eq!(marker("The item was agreed at a later date"), None);
    }

    /// The text of a paragraph made of `seed`'s choice of pieces: marker
    /// words, the words around them, letters beyond ASCII, white space and
    /// punctuation, run together as they may be.
    fn paragraph(seed: u64) -> String {
        const PIECES: [&str; 33] = [
            "It was",
            "it was",
            "The Council",
            "Committee",
            "the",
            "Subject to it,",
            "RESOLVED",
            "Resolved",
            "resolved",
            "AGREED",
            "agreed",
            "Decision",
            "DECIDED",
            "ecided",
            "RECOMMENDED",
            "UNANIMOUSLY",
            "unanimously",
            "And",
            "That",
            "é",
            "ü",
            "’",
            "ß",
            ":-",
            "–",
            "**",
            "_",
            " ",
            "  ",
            "\u{a0}",
            "\t",
            ".",
            "\u{a0}  \t          ",
        ];
        let mut state = seed;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let pieces = 1 + next() % 14;
        (0..pieces)
            .map(|_| {
                let piece = PIECES[next() % PIECES.len()];
                let space = if next() % 3 == 0 { "" } else { " " };
                format!("{piece}{space}")
            })
            .collect()
    }

    #[test]
    fn the_fast_search_finds_what_the_whole_pattern_finds() {
        let mut with_markers = 0;
        for seed in 0..40_000 {
            let text = paragraph(seed);
            let whole = MARKER.find(&text).map(|m| m.range());
            let fast = first_marker(&text).map(|m| m.range());
            assert_eq!(fast, whole, "{text:?}");
            with_markers += usize::from(whole.is_some());
        }
        // The pieces make markers often enough for the comparison to count.
        assert!(with_markers > 10_000, "{with_markers}");
    }

    #[test]
    fn a_marker_word_run_into_a_letter_beyond_ascii_is_no_marker() {
        assert_eq!(marker("The Panel noted: AGREEDé"), None);
        assert_eq!(
            marker("The Panel noted: AGREED’ that"),
            Some(("AGREED".into(), "’ that".into()))
        );
        assert!(!boundaries_agree("AGREEDé"));
        assert!(boundaries_agree("AGREED’s é"));
    }

    #[test]
    fn tells_decisions_from_other_that_sentences() {
        assert!(is_decision_like(
            "That Committee notes and provides comments on the report"
        ));
        assert!(is_decision_like(
            "That the minutes be agreed as a correct record"
        ));
        assert!(is_decision_like(
            "That the Board unanimously approves the plan"
        ));
        assert!(!is_decision_like(
            "That the member's partner runs a nursery which receives funding"
        ));
        assert!(!is_decision_like(
            "That the member is a trustee of the library"
        ));
    }
}
