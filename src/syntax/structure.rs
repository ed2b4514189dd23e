//! The second pass: groups lines into blocks and recognises the skeleton of
//! minutes: the meeting heading, attendance lists, agenda items and their
//! numbers, and section labels.

use super::attendance::{attendance_label, parse_entries, AttendanceLabel};
use super::lines::list_marker;
use super::model::*;
use super::resolutions::{find_decision_marker, starts_with_that, MarkerWords};
use super::sorted_cursor::SortedCursor;
use crate::text::TextRange;
use regex::Regex;
use std::sync::LazyLock;

/// Labels that open a section inside an item when they stand on a line of their own.
static SECTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(minutes|minute|decision|decisions|supporting documents|additional documents|background documents|action|actions|action required|actions agreed|resolution|resolutions|recommendation|recommendations|purpose|purpose of report|background|discussion|summary|outcome|attachments|documents|notes)\s*(:-|:|-|–)?$",
    )
    .unwrap()
});

/// An item number on a line of its own: `276.`, `CELS/12`, `45/24`, `C048/23`, `Minute 62/13`.
static ITEM_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?i:minute|item|min\.?)\s+)?([A-Z]{1,6}/?)?(\d{1,5})((?:/\d{1,4}){0,2})(\\?\.)?(?:\s+|:\s*|$)").unwrap()
});

/// The parts of an item number at the start of a line, as byte ranges of
/// it: what `ITEM_NUMBER` captures.
#[derive(Debug, PartialEq, Eq)]
struct ItemNumberParts {
    /// Letters before the digits ("CELS/"), or empty.
    prefix: std::ops::Range<usize>,
    digits: std::ops::Range<usize>,
    /// "/24" or "/24/1" after the digits, or empty.
    slashes: std::ops::Range<usize>,
    dot: Option<std::ops::Range<usize>>,
    /// Where the number and the space after it end.
    end: usize,
}

/// Reads an item number's parts. The common form, "12. " or "12.", is read
/// by hand, exactly as the pattern would read it; the pattern with captures
/// reads the rest, for it cost as much as the rest of the line's reading.
fn item_number_parts(slice: &str) -> Option<ItemNumberParts> {
    let bytes = slice.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=5).contains(&digits) && bytes.get(digits) == Some(&b'.') {
        let after_dot = &slice[digits + 1..];
        let spaces = after_dot.len() - after_dot.trim_start().len();
        let end = if spaces > 0 {
            Some(digits + 1 + spaces)
        } else if let Some(after_colon) = after_dot.strip_prefix(':') {
            Some(slice.len() - after_colon.trim_start().len())
        } else if after_dot.is_empty() {
            Some(digits + 1)
        } else {
            None
        };
        if let Some(end) = end {
            return Some(ItemNumberParts {
                prefix: 0..0,
                digits: 0..digits,
                slashes: digits..digits,
                dot: Some(digits..digits + 1),
                end,
            });
        }
    }
    item_number_parts_by_pattern(slice)
}

fn item_number_parts_by_pattern(slice: &str) -> Option<ItemNumberParts> {
    let found = ITEM_NUMBER.captures(slice)?;
    let digits = found.get(2)?.range();
    Some(ItemNumberParts {
        prefix: found
            .get(1)
            .map_or(digits.start..digits.start, |m| m.range()),
        slashes: found.get(3).map_or(digits.end..digits.end, |m| m.range()),
        dot: found.get(4).map(|m| m.range()),
        end: found.get(0)?.end(),
        digits,
    })
}

/// A meeting heading: "Minutes of the meeting of ...", "MINUTE OF MEETING".
static MEETING_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(minutes? of|meeting of|minutes$|^minutes\b|^draft minutes|meeting held)")
        .unwrap()
});

/// ModernGov page clutter after a title: "pdf icon PDF 41 KB".
static PAGE_CLUTTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*pdf icon PDF \d+ KB\s*$").unwrap());

pub struct Skeleton {
    pub meeting: Option<Meeting>,
    pub blocks: Vec<Block>,
    pub items: Vec<Item>,
    pub sections: Vec<Section>,
    pub attendance: Vec<AttendanceList>,
}

struct Builder<'t> {
    text: &'t str,
    marker_words: &'t MarkerWords,
    skeleton: Skeleton,
    /// An item whose heading was a number alone; its title is the next line.
    pending_title: Option<usize>,
    /// The paragraph the next non-blank line may continue.
    open_paragraph: Option<usize>,
    /// An attendance list whose entries may go on over the next lines.
    open_attendance: Option<usize>,
    /// Whether the last paragraph ended with a decision marker, so that
    /// numbered lines after it are resolutions, not agenda items.
    after_decision: bool,
    /// The number of the last item that has one, kept as items are started:
    /// looking back for it at every heading cost a pass over the items.
    last_item_number: Option<u32>,
}

pub fn build(text: &str, lines: &[Line], marker_words: &MarkerWords) -> Skeleton {
    let mut builder = Builder {
        text,
        marker_words,
        skeleton: Skeleton {
            meeting: None,
            blocks: Vec::new(),
            items: Vec::new(),
            sections: Vec::new(),
            attendance: Vec::new(),
        },
        pending_title: None,
        open_paragraph: None,
        open_attendance: None,
        after_decision: false,
        last_item_number: None,
    };
    for line in lines {
        match line.kind {
            LineKind::Blank | LineKind::FrontMatter => builder.open_paragraph = None,
            LineKind::Text => builder.line(line),
        }
    }
    builder.finish()
}

/// The range without emphasis marks around it: `**Apologies**` → `Apologies`.
fn strip_emphasis(text: &str, range: TextRange) -> TextRange {
    let slice = range.of(text);
    let lead = slice.len() - slice.trim_start_matches(['*', '_']).len();
    let trail = slice.len() - slice.trim_end_matches(['*', '_']).len();
    if lead + trail >= slice.len() {
        return range;
    }
    crate::text::trim_range(text, TextRange::new(range.start + lead, range.end - trail))
}

impl Builder<'_> {
    fn line(&mut self, line: &Line) {
        let text = self.text;
        let core = strip_emphasis(text, line.content);
        let slice = core.of(text);
        let heading_level = heading_level(line.range.of(text));

        if let Some(item) = self.pending_title.take() {
            if !SECTION_LABEL.is_match(slice) {
                let title = PAGE_CLUTTER
                    .find(slice)
                    .map(|clutter| TextRange::new(core.start, core.start + clutter.start()))
                    .unwrap_or(core);
                let item = &mut self.skeleton.items[item];
                item.title = title;
                item.heading = item.heading.cover(line.content);
                self.push_block(line.range, core, None, BlockKind::ItemHeading);
                return;
            }
        }

        if slice.eq_ignore_ascii_case("agenda item") {
            self.start_item(line.content, None, TextRange::empty(line.content.end));
            self.pending_title = Some(self.skeleton.items.len() - 1);
            self.push_block(line.range, core, None, BlockKind::ItemHeading);
            return;
        }

        if heading_level > 0 {
            self.markdown_heading(line, core, heading_level);
            return;
        }

        if let Some(label) = attendance_label(slice) {
            if self.attendance_line(line, core, label) {
                return;
            }
        }

        if SECTION_LABEL.is_match(slice) && !self.skeleton.items.is_empty() {
            let label_end = core.start + slice.trim_end_matches([':', '-', '–', ' ']).len();
            let label = TextRange::new(core.start, label_end);
            let item = self.skeleton.items.len().checked_sub(1);
            self.skeleton.sections.push(Section {
                item,
                label,
                range: label,
            });
            self.push_block(line.range, core, None, BlockKind::SectionLabel);
            self.after_decision = is_decision_label(label.of(text));
            return;
        }

        if let Some((number, rest)) = self.item_number_line(core) {
            if rest.is_empty() {
                self.start_item(core, Some(number), TextRange::empty(core.end));
                self.pending_title = Some(self.skeleton.items.len() - 1);
                self.push_block(line.range, core, None, BlockKind::ItemHeading);
                return;
            }
            if self.is_item_heading_text(&number, rest) {
                let title = title_of(text, rest);
                self.start_item(core, Some(number), title);
                self.push_block(line.range, core, None, BlockKind::ItemHeading);
                // A run-on parish line holds the item's whole minute after its title.
                self.after_decision = false;
                return;
            }
        }

        if let Some(list) = self.open_attendance {
            if looks_like_attendance_entry(slice) {
                let entries = parse_entries(text, core, false);
                let list = &mut self.skeleton.attendance[list];
                list.range = list.range.cover(core);
                list.entries.extend(entries);
                self.push_block(line.range, core, None, BlockKind::Attendance);
                return;
            }
        }
        self.open_attendance = None;

        if is_capitals_heading(slice)
            && find_decision_marker(text, core, self.marker_words).is_none()
            && !slice.starts_with("THAT")
        {
            if self.skeleton.items.is_empty() && self.skeleton.meeting.is_none() {
                self.set_meeting(line, core);
            } else {
                self.start_item(core, None, core);
                self.push_block(line.range, core, None, BlockKind::ItemHeading);
            }
            return;
        }

        if self.skeleton.items.is_empty()
            && self.skeleton.meeting.is_none()
            && MEETING_WORDS.is_match(&slice[..slice.len().min(floor(slice, 200))])
        {
            // A heading over two lines: "Little Wenham Parish Council" above
            // "Minutes of the meeting held on ...". The first line names it.
            match self
                .open_paragraph
                .filter(|&open| open + 1 == self.skeleton.blocks.len() && open == 0)
            {
                Some(open) => {
                    let first = self.skeleton.blocks.remove(open);
                    self.open_paragraph = None;
                    self.skeleton.meeting = Some(Meeting {
                        range: first.range.cover(line.range),
                        title: first.content,
                    });
                    self.push_block(
                        first.range.cover(line.range),
                        first.content.cover(core),
                        None,
                        BlockKind::MeetingHeading,
                    );
                }
                None if self.open_paragraph.is_none() => self.set_meeting(line, core),
                None => {}
            }
            if self.skeleton.meeting.is_some() {
                return;
            }
        }

        let marker = list_marker(text, line.content);
        if let Some((marker, _)) = marker {
            self.open_paragraph = None;
            self.push_block(line.range, line.content, Some(marker), BlockKind::Paragraph);
        } else if let Some(open) = self.open_paragraph {
            let block = &mut self.skeleton.blocks[open];
            block.range = block.range.cover(line.range);
            block.content = block.content.cover(line.content);
            // "That" alone on the paragraph's first line opens it too.
            block.opens_with_that =
                block.opens_with_that || starts_with_that(block.content.of(text));
        } else {
            self.push_block(line.range, line.content, None, BlockKind::Paragraph);
        }
        self.open_paragraph = Some(self.skeleton.blocks.len() - 1);
        // Only the new line is searched: searching the whole paragraph again
        // at every line made long hard-wrapped paragraphs quadratic.
        self.after_decision = ends_with_decision_marker(text, line.content, self.marker_words);
        if self.skeleton.items.is_empty() {
            self.inline_attendance(line.content);
        }
    }

    fn markdown_heading(&mut self, line: &Line, core: TextRange, level: usize) {
        let text = self.text;
        if self.skeleton.items.is_empty()
            && self.skeleton.meeting.is_none()
            && (level == 1 || MEETING_WORDS.is_match(core.of(text)))
        {
            self.set_meeting(line, core);
            return;
        }
        let (number, title) = match self.item_number_line(core) {
            Some((number, rest)) => (Some(number), title_of(text, rest)),
            None => (None, core),
        };
        // In numbered minutes, a heading with no number is a sub-heading of
        // the item it stands in (converted pages use headings for emphasis).
        if number.is_none() && self.skeleton.items.iter().any(|item| item.number.is_some()) {
            self.skeleton.sections.push(Section {
                item: self.skeleton.items.len().checked_sub(1),
                label: core,
                range: core,
            });
            self.push_block(line.range, core, None, BlockKind::SectionLabel);
            return;
        }
        if let Some(label) = attendance_label(core.of(text)) {
            if self.attendance_line(line, core, label) {
                return;
            }
        }
        self.start_item(core, number, title);
        if title.is_empty() {
            self.pending_title = Some(self.skeleton.items.len() - 1);
        }
        self.push_block(line.range, core, None, BlockKind::ItemHeading);
    }

    /// Handles a line that opens with an attendance label; returns false when
    /// the label turns out to be an item's title ("Apologies for absence").
    fn attendance_line(&mut self, line: &Line, core: TextRange, label: AttendanceLabel) -> bool {
        let rest = TextRange::new(core.start + label.len, core.end);
        let rest = crate::text::trim_range(self.text, rest);
        let names_follow = matches!(
            label.kind,
            AttendanceKind::Present | AttendanceKind::InAttendance
        ) && rest
            .of(self.text)
            .split_whitespace()
            .next()
            .is_some_and(|w| super::lexicon::is_honorific(w.trim_end_matches('.')));
        // Without a colon, a label opens a list only where names follow it, or
        // where it stands alone ("Present" above a column of names).
        let stands_alone = rest.is_empty()
            && !matches!(
                label.kind,
                AttendanceKind::Apologies | AttendanceKind::Absent
            );
        if !label.has_colon && !names_follow && !stands_alone {
            return false;
        }
        let entries = parse_entries(self.text, rest, label.councillors);
        self.skeleton.attendance.push(AttendanceList {
            kind: label.kind,
            label: TextRange::new(core.start, core.start + label.label_len),
            range: core,
            entries,
        });
        self.open_attendance = Some(self.skeleton.attendance.len() - 1);
        self.push_block(line.range, core, None, BlockKind::Attendance);
        true
    }

    /// Finds attendance lists run into the opening paragraph of a flattened page.
    fn inline_attendance(&mut self, content: TextRange) {
        let slice = content.of(self.text);
        for found in super::attendance::INLINE_LABEL.find_iter(slice) {
            let Some(label) = attendance_label(&slice[found.start()..]) else {
                continue;
            };
            if !label.has_colon
                || self
                    .skeleton
                    .attendance
                    .iter()
                    .any(|list| list.range.contains(content.start + found.start()))
            {
                continue;
            }
            let start = content.start + found.start();
            // The list runs to the next label, or to the end of the sentence.
            let after = &slice[found.start() + label.len..];
            let next_label = super::attendance::INLINE_LABEL
                .find_iter(after)
                .find(|next| attendance_label(&after[next.start()..]).is_some_and(|l| l.has_colon))
                .map(|next| next.start())
                .unwrap_or(after.len());
            let sentence_end = after.find(". ").map(|end| end + 1).unwrap_or(after.len());
            let end = start + label.len + next_label.min(sentence_end);
            let rest = crate::text::trim_range(self.text, TextRange::new(start + label.len, end));
            let entries = parse_entries(self.text, rest, label.councillors);
            self.skeleton.attendance.push(AttendanceList {
                kind: label.kind,
                label: TextRange::new(start, start + label.label_len),
                range: TextRange::new(start, end),
                entries,
            });
        }
    }

    fn set_meeting(&mut self, line: &Line, core: TextRange) {
        let slice = core.of(self.text);
        // A flattened page runs the heading into the attendance: stop at it.
        let end = super::attendance::INLINE_LABEL
            .find(slice)
            .filter(|found| found.start() > 0)
            .map(|found| core.start + found.start())
            .unwrap_or(core.end);
        let title = crate::text::trim_range(self.text, TextRange::new(core.start, end));
        self.skeleton.meeting = Some(Meeting {
            range: line.range,
            title,
        });
        self.push_block(line.range, core, None, BlockKind::MeetingHeading);
        if end < core.end {
            self.inline_attendance(core);
        }
    }

    /// Reads an item number at the start of `core`; returns it and the rest of the line.
    fn item_number_line(&self, core: TextRange) -> Option<(ItemNumber, TextRange)> {
        let slice = core.of(self.text);
        // Every item number holds a digit within its first few characters.
        if !slice.as_bytes().iter().take(16).any(u8::is_ascii_digit) {
            return None;
        }
        let found = item_number_parts(slice)?;
        let prefix = &slice[found.prefix.clone()];
        let digits = &slice[found.digits.clone()];
        let slashes = &slice[found.slashes.clone()];
        let dot = found.dot.is_some();
        // A plain number needs its dot, or to stand alone, or be set apart by wide space;
        // "2019 was" and "3 members" are sentences, not headings.
        let whole_end = found.end;
        let digits_end = found.digits.end;
        let rest_text = &slice[whole_end..];
        let spacing = &slice[digits_end + slashes.len()..whole_end];
        let separated = spacing.chars().filter(|c| c.is_whitespace()).count() >= 2
            || spacing.contains(['\t', '\u{a0}', ':']);
        if prefix.is_empty() && slashes.is_empty() && !dot && !(rest_text.is_empty() || separated) {
            return None;
        }
        if !prefix.is_empty() && !prefix.ends_with('/') && slashes.is_empty() {
            return None; // "C048" alone is a reference, not an item number
        }
        // Paragraph numbers (6.1) are not item numbers.
        if slice[digits_end..].starts_with('.')
            && slice[digits_end + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            return None;
        }
        let number_end = digits_end + slashes.len();
        let number_start = if prefix.is_empty() {
            found.digits.start
        } else {
            found.prefix.start
        };
        let number_text = slice[number_start..number_end].to_owned();
        let dot_len = found.dot.map_or(0, |dot| dot.len());
        let number_range =
            TextRange::new(core.start + number_start, core.start + number_end + dot_len);
        let rest =
            crate::text::trim_range(self.text, TextRange::new(core.start + whole_end, core.end));
        let rest = strip_emphasis(self.text, rest);
        Some((
            ItemNumber {
                range: number_range,
                text: number_text,
                value: digits.parse().ok(),
            },
            rest,
        ))
    }

    /// Whether "N. text" opens an agenda item rather than a numbered list entry.
    fn is_item_heading_text(&self, number: &ItemNumber, rest: TextRange) -> bool {
        let rest_text = rest.of(self.text);
        // Titles open with a capital, or with a letter of a script without case (議事録).
        let opens_title = |c: char| {
            c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()) || c == '"' || c == '“'
        };
        if self.after_decision || !rest_text.starts_with(opens_title) {
            return false;
        }
        let first_word = rest_text.split_whitespace().next().unwrap_or("");
        if first_word.eq_ignore_ascii_case("that") {
            return false;
        }
        let Some(value) = number.value else {
            return false;
        };
        // "6\." was escaped by a converter because it opened a line: a heading.
        let escaped = self.text[number.range.start..number.range.end].ends_with("\\.");
        match self.last_item_number {
            // A number no greater than the last item's is a list inside that item.
            // Minute numbers run through the council year and may jump (4, then
            // 118), but a far jump must at least look like a title.
            Some(last) => {
                let title_like =
                    rest_text.len() <= 100 && !rest_text.trim_end().ends_with(['.', ',', ';']);
                value > last
                    && (value == last + 1
                        || (value <= last + 50 && (rest_text.len() <= 160 || escaped))
                        || title_like)
            }
            None => value <= 3 || rest_text.len() <= 160 || escaped,
        }
    }

    fn start_item(&mut self, heading: TextRange, number: Option<ItemNumber>, title: TextRange) {
        self.open_paragraph = None;
        self.open_attendance = None;
        self.after_decision = false;
        if let Some(value) = number.as_ref().and_then(|number| number.value) {
            self.last_item_number = Some(value);
        }
        self.skeleton.items.push(Item {
            range: heading,
            heading,
            number,
            title,
        });
    }

    fn push_block(
        &mut self,
        range: TextRange,
        content: TextRange,
        marker: Option<ListMarker>,
        kind: BlockKind,
    ) {
        if kind != BlockKind::Paragraph {
            self.open_paragraph = None;
        }
        let content = match &marker {
            Some(marker) => {
                crate::text::trim_range(self.text, TextRange::new(marker.range.end, content.end))
            }
            None => content,
        };
        self.skeleton.blocks.push(Block {
            range,
            content,
            marker,
            item: self.skeleton.items.len().checked_sub(1),
            kind,
            opens_with_that: starts_with_that(content.of(self.text)),
        });
    }

    fn finish(mut self) -> Skeleton {
        let text_len = self.text.len();
        let skeleton = &mut self.skeleton;
        // An item runs to the end of the last block before the next item's
        // heading; blocks are in text order, so a binary search finds it.
        let blocks = &skeleton.blocks;
        let mut blocks_before = SortedCursor::default();
        let mut last_end_before = |from: usize, limit: usize, fallback: usize| -> usize {
            let count = blocks_before.count(blocks, limit, |block| block.range.start < limit);
            match count.checked_sub(1).map(|i| &blocks[i]) {
                Some(block) if block.range.start >= from => block.range.end.max(fallback),
                _ => fallback,
            }
        };
        let starts: Vec<usize> = skeleton
            .items
            .iter()
            .map(|item| item.heading.start)
            .collect();
        for (index, item) in skeleton.items.iter_mut().enumerate() {
            let next = starts.get(index + 1).copied().unwrap_or(text_len);
            let end = last_end_before(item.heading.start, next, item.heading.end);
            item.range = TextRange::new(item.heading.start, end);
        }
        // A section runs to the next label in its item, or to the item's end.
        let next_labels: Vec<Option<usize>> = (0..skeleton.sections.len())
            .map(|index| {
                let section = &skeleton.sections[index];
                skeleton
                    .sections
                    .get(index + 1)
                    .filter(|next| next.item == section.item)
                    .map(|next| next.label.start)
            })
            .collect();
        for (section, next) in skeleton.sections.iter_mut().zip(next_labels) {
            let item_end = section
                .item
                .map(|item| skeleton.items[item].range.end)
                .unwrap_or(text_len);
            let limit = next.unwrap_or(item_end + 1).min(item_end + 1);
            let end = last_end_before(section.label.start, limit, section.label.end);
            section.range = TextRange::new(
                section.label.start,
                end.min(item_end.max(section.label.end)),
            );
        }
        if let Some(meeting) = &mut skeleton.meeting {
            meeting.range = TextRange::new(
                meeting.range.start,
                meeting.range.end.max(meeting.title.end),
            );
        }
        self.skeleton
    }
}

fn floor(slice: &str, at: usize) -> usize {
    crate::text::floor_char_boundary(slice, at)
}

/// How many `#` open a Markdown heading, or 0.
fn heading_level(line: &str) -> usize {
    let trimmed = line.trim_start();
    let level = trimmed.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&level)
        && trimmed[level..].starts_with(char::is_whitespace)
        && !trimmed[level..].trim().is_empty()
    {
        level
    } else {
        0
    }
}

/// The title in the rest of a heading line: all of it when short; on a
/// run-on parish line, up to the first colon, dash or full stop.
fn title_of(text: &str, rest: TextRange) -> TextRange {
    let slice = rest.of(text);
    // The clutter ends the line in "KB": only then is the pattern worth running.
    let clutter = Some(slice)
        .filter(|slice| slice.trim_end().ends_with("KB"))
        .and_then(|slice| PAGE_CLUTTER.find(slice))
        .map_or(slice.len(), |m| m.start());
    let mut slice = &slice[..clutter];
    // A bold title ends where its emphasis closes: "**Apologies**. Cllr ...".
    if let Some(close) = find_doubled(slice, b'*')
        .or_else(|| find_doubled(slice, b'_'))
        .filter(|&at| at > 0)
    {
        slice = slice[..close].trim_end_matches(['.', ':', ' ']);
    }
    // A run-on line runs into its first paragraph number: "Matters Arising 6.1 ...".
    if let Some(at) = run_on_paragraph_number(slice) {
        slice = &slice[..at];
    }
    if slice.len() <= 100 {
        let trimmed = slice.trim_end_matches([':', ' ']);
        return TextRange::new(rest.start, rest.start + trimmed.len());
    }
    let cut = [": ", " - ", " – ", ". "]
        .iter()
        .filter_map(|sep| slice.find(sep))
        .filter(|&at| at > 2)
        .min()
        .filter(|&at| at <= 120)
        .unwrap_or_else(|| {
            // No punctuation: the first eight words.
            slice
                .char_indices()
                .filter(|(_, c)| c.is_whitespace())
                .nth(7)
                .map(|(at, _)| at)
                .unwrap_or(slice.len())
        });
    TextRange::new(rest.start, rest.start + cut)
}

/// Where a title runs into a paragraph number ("Matters Arising 6.1 The
/// Clerk ..."): the space before the first word after the first that is
/// numbers parted by full stops.
fn run_on_paragraph_number(slice: &str) -> Option<usize> {
    let mut offset = 0;
    for (index, word) in slice.split(' ').enumerate() {
        let is_paragraph_number = word.len() >= 3
            && word.as_bytes()[0].is_ascii_digit()
            && word.contains('.')
            && word
                .trim_end_matches('.')
                .split('.')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
        if index > 0 && is_paragraph_number {
            return Some(offset - 1);
        }
        offset += word.len() + 1;
    }
    None
}

/// Where `mark` first stands twice in a row ("**"): `slice.find("**")`
/// without building a substring searcher for each title.
fn find_doubled(slice: &str, mark: u8) -> Option<usize> {
    let bytes = slice.as_bytes();
    memchr::memchr_iter(mark, bytes).find(|&at| bytes.get(at + 1) == Some(&mark))
}

/// A short line set wholly in capitals: "APOLOGIES FOR ABSENCE".
fn is_capitals_heading(slice: &str) -> bool {
    if slice.len() > 160 {
        return false;
    }
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in slice.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if c.is_uppercase() {
            upper += 1;
        } else if (letters - upper) * 10 > slice.len() {
            return false; // more small letters than a heading in capitals holds
        }
    }
    let words = slice.split_whitespace().count();
    letters >= 4
        && upper * 10 >= letters * 9
        && words <= 16
        && (words >= 2 || letters >= 6)
        && !slice.ends_with(['.', ','])
}

/// A line that continues a vertical attendance list: a name and role, short, not a sentence.
fn looks_like_attendance_entry(slice: &str) -> bool {
    let words = slice.split_whitespace().count();
    let first = slice.trim_start_matches(['*', '-', '•', '·', ' ', '\u{a0}']);
    (1..=12).contains(&words)
        && first.starts_with(|c: char| c.is_uppercase())
        && !slice.trim_end().ends_with(['.', ':'])
        && !slice
            .split_whitespace()
            .any(|word| super::lexicon::is_speech_verb(word) || word == "was" || word == "were")
        && !SECTION_LABEL.is_match(slice)
}

fn is_decision_label(label: &str) -> bool {
    let lower = label.to_ascii_lowercase();
    lower.starts_with("decision") || lower.starts_with("resolution")
}

/// Whether a paragraph ends with a decision marker and nothing, or only a
/// lead-in ending in a colon, after it.
fn ends_with_decision_marker(text: &str, content: TextRange, words: &MarkerWords) -> bool {
    match find_decision_marker(text, content, words) {
        Some(found) => {
            let after = found.after.of(text).trim();
            after.is_empty() || (after.ends_with(':') && after.split_whitespace().count() <= 15)
        }
        None => {
            let slice = content.of(text).trim_end();
            slice.ends_with(':')
                && slice
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case("that"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_item_numbers_by_hand_as_the_pattern_does() {
        let mut lines: Vec<String> = [
            "12. Title",
            "12.",
            "12.  Title",
            "12.\tTitle",
            "12.\u{a0}Title",
            "12.:",
            "12.: x",
            "12.:x",
            "12.Title",
            "12.1 Title",
            "123456. Title",
            "12345. Title",
            "1. ",
            "7.\u{2003}",
            "CELS/12 Title",
            "45/24. Title",
            "6\\. Title",
            "Minute 12. Title",
            "12: Title",
            "0.",
            "12..",
            "12.-",
            "12.)",
            "١٢. Title",
        ]
        .iter()
        .map(|line| line.to_string())
        .collect();
        // And every short line of digits, dots, colons, spaces and letters.
        let alphabet = ['1', '.', ':', ' ', 'a', '\u{a0}', '/'];
        for n in 0..alphabet.len().pow(5) {
            let mut line = String::new();
            let mut rest = n;
            for _ in 0..5 {
                line.push(alphabet[rest % alphabet.len()]);
                rest /= alphabet.len();
            }
            lines.push(line);
        }
        for line in &lines {
            assert_eq!(
                item_number_parts(line),
                item_number_parts_by_pattern(line),
                "{line:?}"
            );
        }
    }
}
