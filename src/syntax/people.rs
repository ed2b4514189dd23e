//! People: every place a person is named (by honorific, in an attendance
//! list, by full name as they speak, by defined initials), the role attached
//! there, whether they speak, and who is who.

use super::attendance::is_name_word;
use super::lexicon::*;
use super::model::*;
use super::sorted_cursor::SortedCursor;
use super::walk::{WalkReader, Word};
use crate::text::TextRange;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// The bytes that open an honorific.
static OPENS_HONORIFIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut index = 0;
    while index < HONORIFICS.len() {
        table[HONORIFICS[index].as_bytes()[0] as usize] = true;
        index += 1;
    }
    table
};

/// Letters, digits and the underscore: the bytes of a word to a pattern's `\b`.
static IS_WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (byte as u8).is_ascii_alphanumeric() || byte == b'_' as usize;
        byte += 1;
    }
    table
};

/// The honorifics that open with each byte; `None` for most bytes.
static HONORIFICS_BY_INITIAL: LazyLock<[Option<Vec<&'static str>>; 256]> = LazyLock::new(|| {
    let mut table = [const { None }; 256];
    for honorific in HONORIFICS {
        table[usize::from(honorific.as_bytes()[0])]
            .get_or_insert_with(Vec::new)
            .push(*honorific);
    }
    table
});

/// Words between a name and its verb that do not stop the person speaking.
const ADVERBS: &[&str] = &[
    "also",
    "then",
    "further",
    "again",
    "subsequently",
    "briefly",
    "formally",
    "kindly",
    "duly",
    "later",
    "additionally",
    "verbally",
    "jointly",
    "had",
    "has",
];

/// A place that may name a person. There is one for every honorific in a
/// large document, so it holds only what settling it needs: an attendance
/// entry's role is read from the entry.
#[derive(Clone, Copy, Debug)]
struct Candidate<'t> {
    range: TextRange,
    first_name: Option<&'t str>,
    surname: &'t str,
    source: MentionSource,
    /// Whether the honorific words in front of the name are themselves a
    /// role: "Councillor Smith".
    role_title: bool,
    /// For attendance entries and initials: the person is fixed in advance.
    /// The attendance list and entry, as 32-bit indexes: a large document
    /// holds a candidate for every name it mentions.
    entry: Option<(u32, u32)>,
}

/// Whether honorific words in front of a name are themselves a role.
fn is_role_title(text: &str, honorific: Option<TextRange>) -> bool {
    honorific.is_some_and(|h| h.of(text).split_whitespace().any(honorific_is_role))
}

/// Reads people off the walk, block by block: honorific mentions, initials
/// used alone, and pairs of capitalised words that may be full names. What
/// needs every mention known first (which pairs are names, roles, speech,
/// who is who) is settled in `finish`.
pub struct PeopleReader<'t> {
    text: &'t str,
    blocks: &'t [Block],
    candidates: Vec<Candidate<'t>>,
    /// The ranges of the attendance lists, in text order.
    attendance_ranges: Vec<TextRange>,
    /// Initials an attendance list gives, with the entry and its name.
    initials: HashMap<&'t str, (usize, usize, TextRange)>,
    name_pairs: Vec<NamePair>,
    /// The block that holds the line being read: blocks are in text order,
    /// so it is found by walking on from the last.
    block: usize,
    /// The block whose words have been read so far, if any.
    open_block: Option<usize>,
    /// How many candidates there were when the open block opened: the
    /// block's honorific mentions follow (its initials join at its close).
    block_mentions_from: usize,
    /// How many candidates start before the last name pair judged ends.
    mentions_before: usize,
    /// How many name pairs have been judged against the mentions.
    pairs_judged: usize,
    /// Initials used alone in the open block: they join the candidates
    /// after its honorific mentions, as when a block was read in two scans.
    block_initials: Vec<Candidate<'t>>,
    /// The last capitalised word of the open block, for pairs.
    previous: Option<Word<'t>>,
    /// How the walk's words of the line being read are taken.
    reading: Reading,
    /// Where the last text line's content ended.
    last_line_end: usize,
}

/// How a line's words are read for people.
#[derive(Clone, Copy)]
enum Reading {
    /// Not at all: the line is the meeting's heading, or in no block.
    Skip,
    /// The walk's words between two places: the line's part of its block,
    /// which the walk splits into the same words.
    Shared { from: usize, to: usize },
    /// Read already from the block's own text: where a list marker,
    /// emphasis or a quote mark joins a word to the line's content, the
    /// walk's words of the content are not the block's.
    Own,
}

impl<'t> PeopleReader<'t> {
    pub fn new(text: &'t str, blocks: &'t [Block], attendance: &[AttendanceList]) -> Self {
        let mut candidates: Vec<Candidate> = Vec::new();
        // Attendance entries first: they fix names, initials and roles.
        for (list_index, list) in attendance.iter().enumerate() {
            for (entry_index, entry) in list.entries.iter().enumerate() {
                let Some((honorific, first_name, surname)) = split_name(text, entry.name) else {
                    continue;
                };
                candidates.push(Candidate {
                    range: entry.name,
                    first_name,
                    surname,
                    source: MentionSource::Attendance,
                    role_title: is_role_title(text, honorific),
                    entry: Some((list_index as u32, entry_index as u32)),
                });
            }
        }
        let mut attendance_ranges: Vec<TextRange> =
            attendance.iter().map(|list| list.range).collect();
        attendance_ranges.sort_by_key(|range| range.start);
        let initials = attendance
            .iter()
            .enumerate()
            .flat_map(|(l, list)| {
                list.entries
                    .iter()
                    .enumerate()
                    .map(move |(e, entry)| (l, e, entry))
            })
            .filter_map(|(l, e, entry)| {
                entry
                    .initials
                    .map(|range| (range.of(text), (l, e, entry.name)))
            })
            .collect();
        PeopleReader {
            text,
            blocks,
            candidates,
            attendance_ranges,
            initials,
            name_pairs: Vec::new(),
            block: 0,
            open_block: None,
            block_mentions_from: usize::MAX,
            mentions_before: 0,
            pairs_judged: 0,
            block_initials: Vec::new(),
            previous: None,
            reading: Reading::Skip,
            last_line_end: 0,
        }
    }

    /// Whether `range` lies in an attendance list. Lists are in text order
    /// and do not overlap: the one that could hold a range is the last to
    /// start at or before it.
    fn in_attendance(&self, range: TextRange) -> bool {
        let ranges = &self.attendance_ranges;
        let at = ranges.partition_point(|list| list.start <= range.start);
        at.checked_sub(1)
            .is_some_and(|i| ranges[i].contains_range(range))
    }

    /// Opens block `index`: what is read from now on is the block's.
    fn open(&mut self, index: usize) {
        self.open_block = Some(index);
        self.block_mentions_from = self.candidates.len();
        self.mentions_before = self.candidates.len();
        self.pairs_judged = self.name_pairs.len();
    }

    /// Closes the open block: its pairs inside its honorific mentions are
    /// dropped, and its initials join the candidates.
    fn close_block(&mut self) {
        self.drop_pairs_in_mentions();
        self.block_mentions_from = usize::MAX;
        self.candidates.append(&mut self.block_initials);
        self.open_block = None;
        self.previous = None;
    }

    /// Drops the open block's name pairs not yet judged that overlap one
    /// of its honorific mentions ("Mr Tom Quinn" holds "Mr Tom" and "Tom
    /// Quinn"): `finish` drops every pair a candidate overlaps, and on text
    /// dense with names most pairs are these, which, kept to the end, had
    /// cost a sixth of the parse's peak memory. Both lists are in text
    /// order, and every mention that starts before a pair ends has been
    /// read by the time the pair is.
    fn drop_pairs_in_mentions(&mut self) {
        let from = self.block_mentions_from;
        if from > self.candidates.len() {
            return;
        }
        let mut kept = self.pairs_judged;
        for index in self.pairs_judged..self.name_pairs.len() {
            let pair = self.name_pairs[index];
            let range = pair.first.cover(pair.last);
            while self.mentions_before < self.candidates.len()
                && self.candidates[self.mentions_before].range.start < range.end
            {
                self.mentions_before += 1;
            }
            // As `overlaps_any` looks: the last few that start before the pair ends.
            let inside = self.candidates[from..self.mentions_before]
                .iter()
                .rev()
                .take(4)
                .any(|mention| mention.range.end > range.start);
            if !inside {
                self.name_pairs[kept] = pair;
                kept += 1;
            }
        }
        self.name_pairs.truncate(kept);
        self.pairs_judged = kept;
    }

    /// Reads one word of the open block: the honorifics in it, then, if it
    /// opens with a capital, the name pair it may close and the initials it
    /// may be.
    fn read_word(&mut self, word: Word<'t>) {
        self.read_honorifics(word, self.blocks[self.block].content);
        self.read_capitalised(word);
    }

    /// Reads the name pair a word may close and the initials it may be.
    /// Inlined into `read_word`, which runs for every word with a capital.
    #[inline]
    fn read_capitalised(&mut self, word: Word<'t>) {
        let text = self.text;
        let block = &self.blocks[self.block];
        let content = block.content;
        if !word.opens_with_capital() {
            return;
        }
        // Only words that open with a capital can be names or initials.
        // The last of them stands for the previous word: `name_pair` checks
        // that nothing but white space parts the two.
        if block.kind != BlockKind::Attendance {
            if let Some((first, last)) = name_pair(text, self.previous, word) {
                // A name opens a sentence or clause: most pairs are ruled
                // out by the word before them, and are not kept to be judged.
                if !follows_capitalised_or_small_word(text, content, first.start) {
                    self.name_pairs.push(NamePair {
                        block: self.block,
                        first,
                        last,
                    });
                    // Judged in batches as they are read: one block may be
                    // the whole text.
                    if self.name_pairs.len() - self.pairs_judged >= 64 {
                        self.drop_pairs_in_mentions();
                    }
                }
            }
            self.previous = Some(word);
        }
        // Initials used alone: "PW proposed". They are two to four
        // capitals, perhaps in brackets: most words are ruled out by
        // their length before any trimming.
        if self.initials.is_empty() || word.text.len() > 8 {
            return;
        }
        let bare = word.text.trim_matches(|c: char| !c.is_alphanumeric());
        let could_be_initials =
            (2..=4).contains(&bare.len()) && bare.as_bytes()[0].is_ascii_uppercase();
        if !could_be_initials {
            return;
        }
        let Some(&(l, e, name)) = self.initials.get(bare) else {
            return;
        };
        let lead = word.text.find(bare).unwrap_or(0);
        let start = word.start + lead;
        let range = TextRange::new(start, start + bare.len());
        if self.in_attendance(range) || text[content.start..word.start].ends_with('(') {
            return;
        }
        let Some((_, first_name, surname)) = split_name(text, name) else {
            return;
        };
        self.block_initials.push(Candidate {
            range,
            first_name,
            surname,
            source: MentionSource::Initials,
            role_title: false,
            entry: Some((l as u32, e as u32)),
        });
    }

    /// Honorific mentions that open in `word`: "Ms Tina McElligott", "Cllr
    /// Mrs M Leamon". An honorific is a word of `HONORIFICS` with an ASCII
    /// word boundary on each side ("Mr", "(Cllr", "Dr."), read by hand: as
    /// a pattern of alternatives it cost a twentieth of the parse, because
    /// short literals such as "Mr" and "Dr" match so often.
    fn read_honorifics(&mut self, word: Word<'t>, content: TextRange) {
        let text = self.text;
        let bytes = text.as_bytes();
        let by_initial: &[Option<Vec<&str>>; 256] = &HONORIFICS_BY_INITIAL;
        let mut at = word.start;
        let end = word.end();
        // No honorific holds white space, so each lies in one word. Only
        // the first byte of a run of word bytes can open one (the others
        // follow a word byte), and an honorific is the whole run at a
        // capital, or "M/s" (the one that holds a mark): so each run is
        // read once, and its length rules out most words ("Council",
        // "Chair") before any comparison.
        while at < end {
            let byte = bytes[at];
            let run = bytes[at..end]
                .iter()
                .take_while(|&&b| IS_WORD_BYTE[usize::from(b)])
                .count();
            let opens = OPENS_HONORIFIC[usize::from(byte)]
                && (at == content.start || !IS_WORD_BYTE[usize::from(bytes[at - 1])]);
            let found = if !opens {
                None
            } else if run == 1 {
                let rest = &bytes[at..end];
                let slashed = b"M/s";
                (rest.starts_with(slashed)
                    && rest
                        .get(slashed.len())
                        .is_none_or(|&b| !IS_WORD_BYTE[usize::from(b)]))
                .then_some("M/s")
            } else {
                by_initial[usize::from(byte)]
                    .iter()
                    .flatten()
                    .find(|honorific| honorific.as_bytes() == &bytes[at..at + run])
                    .copied()
            };
            let Some(honorific) = found else {
                at += run.max(1);
                continue;
            };
            let start = at;
            at += honorific.len();
            if self
                .candidates
                .iter()
                .rev()
                .take(8)
                .any(|c| c.range.contains(start))
            {
                continue;
            }
            if let Some(candidate) = honorific_mention(text, start, content.end) {
                if !self.in_attendance(candidate.range) {
                    self.candidates.push(candidate);
                }
            }
        }
    }
}

impl<'t> WalkReader<'t> for PeopleReader<'t> {
    fn line(&mut self, line: &Line) {
        let text = self.text;
        let blocks = self.blocks;
        let last_line_end = std::mem::replace(&mut self.last_line_end, line.content.end);
        self.reading = Reading::Skip;
        while self.block < blocks.len() && blocks[self.block].range.end < line.range.end {
            self.block += 1;
        }
        let Some(block) = blocks
            .get(self.block)
            .filter(|block| block.range.contains_range(line.range))
        else {
            return;
        };
        if self.open_block != Some(self.block) {
            self.close_block();
            if block.kind == BlockKind::MeetingHeading {
                return;
            }
            self.open(self.block);
        }
        // The line's part of the block: from the block's content on its
        // first line, else from the end of the line before, so that the
        // parts of a block's lines are the whole of its content.
        let first_line = line.range.start == block.range.start;
        let from = if first_line {
            block.content.start
        } else {
            last_line_end
        };
        let to = line.content.end.min(block.content.end).max(from);
        // The walk's words are the part's words when nothing but white
        // space joins the part's edges to what the walk read: the content
        // starts the part or follows white space, and the part ends with
        // the content or before white space. (Between two lines of a
        // block lie only white space and quote marks, in ASCII.)
        let bytes = text.as_bytes();
        let clean_start = if first_line {
            from == line.content.start || super::words::ends_in_whitespace(bytes, from)
        } else {
            text[from..line.content.start].is_ascii()
                && super::words::whitespace_len(bytes, line.content.start - 1) == 1
        };
        let clean_end = to == line.content.end || super::words::whitespace_len(bytes, to) > 0;
        if clean_start && clean_end {
            self.reading = Reading::Shared { from, to };
            return;
        }
        self.reading = Reading::Own;
        for (offset, word) in super::walk::words_with_capitals(&text[from..to]) {
            self.read_word(Word {
                start: from + offset,
                text: word,
            });
        }
    }

    fn word(&mut self, word: Word<'t>) {
        if let Reading::Shared { from, to } = self.reading {
            if word.start >= from && word.end() <= to {
                self.read_word(word);
            }
        }
    }

    fn line_end(&mut self) {}
}

impl<'t> PeopleReader<'t> {
    /// Settles the people and their mentions once every line is read.
    pub fn finish(mut self, attendance: &mut [AttendanceList]) -> (Vec<Person>, Vec<Mention>) {
        self.close_block();
        let text = self.text;
        let blocks = self.blocks;
        let mut candidates = self.candidates;
        let name_pairs = self.name_pairs;
        // The walk reads candidates in text order, so they are sorted but
        // for attendance entries and initials; a stable sort would take a
        // buffer of half their size even when there is nothing to move.
        if !candidates.is_sorted_by_key(|c| c.range.start) {
            candidates.sort_by_key(|c| c.range.start);
        }
        let known_full_names: HashSet<(&str, &str)> = candidates
            .iter()
            .filter_map(|c| c.first_name.map(|first| (c.surname, first)))
            .collect();
        // Full names without honorific: those that speak, and those already known.
        let mut full_names = Vec::new();
        let mut candidates_before = SortedCursor::default();
        for pair in name_pairs {
            let content = blocks[pair.block].content;
            let (first, last) = (pair.first.of(text), pair.last.of(text));
            let range = pair.first.cover(pair.last);
            if overlaps_any(&candidates, &mut candidates_before, range) {
                continue;
            }
            // A name the attendance list or an honorific already gave is a
            // person even when its surname is also a noun ("Sarah Green").
            let known = known_full_names.contains(&(last, first));
            let looks_like_a_body = is_not_first_name(first)
                || is_organisation_noun(last)
                || is_not_first_name(last)
                || is_role_noun(last)
                || is_role_noun(first);
            if looks_like_a_body && !known {
                continue;
            }
            // "Karen Pike – Head of Early Years – answered": the verb may follow a role.
            let speaks = speaks_after(text, range.end, content.end)
                || role_after(text, range.end, content.end)
                    .is_some_and(|(_, end)| speaks_after(text, end, content.end));
            if known || speaks {
                full_names.push(Candidate {
                    range,
                    first_name: Some(first),
                    surname: last,
                    source: MentionSource::FullName,
                    role_title: false,
                    entry: None,
                });
            }
        }
        // The full names join the other candidates in text order. Both are
        // sorted, so they are merged in place from the back, into the room
        // left at the end of the candidates, rather than sorted again; of
        // two at one place, the other candidate comes first, as a stable
        // sort of the two lists put it.
        merge_in_place_by_start(&mut candidates, &full_names);
        drop(full_names);

        // Roles and speech, from the words around each mention.
        // Mentions come in text order, so the block of each is found by walking
        // on from the last; a search of a large document's blocks from the top
        // for each mention cost more in cache misses than all the rest.
        let mut blocks_before = SortedCursor::default();
        let mut block_of = |offset: usize| -> Option<TextRange> {
            let index = blocks_before.count(blocks, offset, |block| block.range.start <= offset);
            index
                .checked_sub(1)
                .map(|i| blocks[i].content)
                .filter(|content| content.touches(offset))
        };
        let mut people: Vec<Person> = Vec::new();
        // The index of each person's latest mention, to tell apart two who
        // share a surname; their lists of mentions are filled at the end.
        let mut latest_mention: Vec<usize> = Vec::new();
        let mut by_entry: HashMap<(u32, u32), usize> = HashMap::default();
        let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::default();
        // The last block looked at, and whether it mentions apologies.
        let mut apologies_in = (TextRange::empty(usize::MAX), false);
        // The ranges of the latest mentions, for a role read before a name:
        // between such a role and its name lie only a comma and white space,
        // where no mention starts, so the few mentions before the name are
        // all `role_before` needs to see.
        let mut recent: Vec<TextRange> = Vec::with_capacity(RECENT_MENTIONS * 2);
        // Each candidate becomes its mention in the candidates' own memory
        // (a candidate is no smaller than a mention, and collecting a
        // vector's own iterator reuses its allocation): on text dense with
        // names, holding both lists at once had been the parse's peak. The
        // reuse is an optimisation the standard library makes, not a promise:
        // the throughput bench's peak memory on many people shows it.
        let mentions: Vec<Mention> = candidates
            .into_iter()
            .enumerate()
            .map(|(mention_index, candidate)| {
                let context = block_of(candidate.range.start).unwrap_or(candidate.range);
                let (role, speaks) = if candidate.source == MentionSource::Attendance {
                    let entry = candidate
                        .entry
                        .map(|(l, e)| &attendance[l as usize].entries[e as usize]);
                    (entry.and_then(|entry| entry.role), false)
                } else {
                    let after = role_after(text, candidate.range.end, context.end);
                    let before = role_before(text, candidate.range.start, context.start, &recent);
                    let role = after.map(|(role, _)| role).or(before);
                    let verb_from = after.map_or(candidate.range.end, |(_, end)| end);
                    (
                        role,
                        speaks_after(text, verb_from, context.end)
                            || spoken_by(text, candidate.range.start, context.start),
                    )
                };
                if recent.len() == recent.capacity() {
                    recent.drain(..RECENT_MENTIONS);
                }
                recent.push(candidate.range);
                // "Apologies were received from Mr Moore, ...": named as absent.
                // Look back over the sentence, but no further than a few lines of
                // text, and only in a block that speaks of apologies at all.
                if apologies_in.0 != context {
                    let block = context.of(text);
                    apologies_in = (
                        context,
                        block.contains("pologies") || block.contains("POLOGIES"),
                    );
                }
                let sends_apologies = apologies_in.1 && {
                    let look_from = crate::text::floor_char_boundary(
                        text,
                        candidate.range.start.saturating_sub(300),
                    )
                    .max(context.start);
                    let sentence_start = text[look_from..candidate.range.start]
                        .rfind(". ")
                        .map_or(look_from, |at| look_from + at + 2);
                    let sentence = &text[sentence_start..candidate.range.start];
                    sentence.contains("pologies") || sentence.contains("POLOGIES")
                };
                let role_title = candidate.role_title;
                let person = match candidate
                    .entry
                    .and_then(|entry| by_entry.get(&entry).copied())
                {
                    Some(person) => person,
                    None => {
                        let person =
                            identify(&mut people, &latest_mention, &mut by_surname, &candidate);
                        if let Some(entry) = candidate.entry {
                            by_entry.insert(entry, person);
                        }
                        person
                    }
                };
                match latest_mention.get_mut(person) {
                    Some(latest) => *latest = mention_index,
                    None => latest_mention.push(mention_index),
                }
                let person_entry = &mut people[person];
                if let Some(role) = role.filter(|role| reads_as_one_role(role.of(text))) {
                    person_entry.roles.push(RoleStatement {
                        range: role,
                        text: role.of(text).trim().to_owned(),
                        mention: Some(mention_index),
                    });
                }
                if let Some((l, e)) = candidate.entry {
                    let (l, e) = (l as usize, e as usize);
                    if candidate.source == MentionSource::Attendance {
                        attendance[l].entries[e].person = Some(person);
                        person_entry.in_attendance = true;
                        person_entry
                            .attendance_kind
                            .get_or_insert(attendance[l].kind);
                        if let Some(initials) = attendance[l].entries[e].initials {
                            person_entry.initials = Some(initials.of(text).to_owned());
                        }
                    }
                }
                if sends_apologies && candidate.source == MentionSource::Honorific {
                    people[person]
                        .attendance_kind
                        .get_or_insert(AttendanceKind::Apologies);
                }
                Mention {
                    person,
                    range: candidate.range,
                    role,
                    speaks,
                    source: candidate.source,
                    role_title,
                }
            })
            .collect();
        // Each person's mentions, counted first so that each list is made
        // at its size rather than grown by doubling.
        let mut counts = vec![0usize; people.len()];
        for mention in &mentions {
            counts[mention.person] += 1;
        }
        for (person, count) in people.iter_mut().zip(counts) {
            person.mentions = Vec::with_capacity(count);
        }
        for (index, mention) in mentions.iter().enumerate() {
            people[mention.person].mentions.push(index);
        }
        (people, mentions)
    }
}

/// Two capitalised words that may be a full name ("Chris Munday"), read
/// from one block before any of them is judged: the first name and the
/// surname, without the marks after it.
#[derive(Clone, Copy, Debug)]
struct NamePair {
    /// The block the name stands in.
    block: usize,
    first: TextRange,
    last: TextRange,
}

/// Whether the word before `start` in a block is capitalised (and ends no
/// clause) or a small word: after "the", "of" or "and" two capitalised words
/// belong to a longer name of a body or role ("Children and Young People").
fn follows_capitalised_or_small_word(text: &str, content: TextRange, start: usize) -> bool {
    let before = text[content.start..start].trim_end();
    let previous = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let capitalised_before = previous.starts_with(|c: char| c.is_uppercase())
        && !previous.ends_with([',', '.', ';', ':']);
    capitalised_before || is_small_word(previous)
}

/// Whether `last` and the capitalised word before it may be a full name,
/// as the first name and the surname. A hand-written scan: a
/// pattern with Unicode word boundaries here cost a fifth of the whole parse.
fn name_pair<'t>(
    text: &'t str,
    previous: Option<Word<'t>>,
    last: Word<'t>,
) -> Option<(TextRange, TextRange)> {
    let first = previous?;
    // Only white space may part the two words: most capitalised words are
    // not next to the one before, and this is settled at the first byte.
    if !text[first.end()..last.start]
        .chars()
        .all(char::is_whitespace)
        || !is_capitalised_name(first.text)
    {
        return None;
    }
    let marks = last
        .text
        .bytes()
        .rev()
        .take_while(|b| matches!(b, b',' | b'.' | b';' | b':' | b')' | b'!' | b'?'))
        .count();
    let surname = &last.text[..last.text.len() - marks];
    is_surname(surname).then(|| {
        (
            TextRange::new(first.start, first.end()),
            TextRange::new(last.start, last.start + surname.len()),
        )
    })
}

/// "Chris", "Anne-Marie", "D'Arcy": a capital, then small letters.
#[inline]
fn is_capitalised_name(word: &str) -> bool {
    // Most words open with a small letter: rule them out on the first byte.
    if word
        .as_bytes()
        .first()
        .is_none_or(|b| b.is_ascii_lowercase() || !b.is_ascii_alphabetic() && b.is_ascii())
    {
        return false;
    }
    if word.is_ascii() {
        return is_capitalised_ascii_name(word.as_bytes());
    }
    is_capitalised_name_by_chars(word)
}

/// `is_capitalised_name` read character by character, for words beyond ASCII.
fn is_capitalised_name_by_chars(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let mut previous = first;
    let mut count = 1;
    for ch in chars {
        let fits = ch.is_lowercase()
            || matches!(ch, '\'' | '’' | '-')
            || ch.is_uppercase() && previous == '-';
        if !fits {
            return false;
        }
        previous = ch;
        count += 1;
    }
    first.is_uppercase() && count >= 2 && !word.ends_with(['-', '\'', '’'])
}

/// `is_capitalised_name` for a word in ASCII, read byte by byte.
fn is_capitalised_ascii_name(word: &[u8]) -> bool {
    let [first, rest @ ..] = word else {
        return false;
    };
    let mut previous = *first;
    for &byte in rest {
        let fits = byte.is_ascii_lowercase()
            || matches!(byte, b'\'' | b'-')
            || byte.is_ascii_uppercase() && previous == b'-';
        if !fits {
            return false;
        }
        previous = byte;
    }
    first.is_ascii_uppercase() && !rest.is_empty() && !matches!(previous, b'-' | b'\'')
}

/// A surname, which may carry a prefix with a capital after it: "McElligott", "O'Neill".
fn is_surname(word: &str) -> bool {
    // A small letter first rules the word out before any prefix is tried.
    if word
        .as_bytes()
        .first()
        .is_none_or(|b| b.is_ascii_lowercase())
    {
        return false;
    }
    if is_capitalised_name(word) {
        return true;
    }
    ["Mc", "Mac", "O'", "O’", "De", "Le", "Van", "Di"]
        .iter()
        .any(|prefix| {
            word.strip_prefix(prefix).is_some_and(|rest| {
                rest.starts_with(char::is_uppercase) && is_capitalised_name(rest)
            })
        })
}

/// How many of the latest mentions `role_before` is shown, at the least.
const RECENT_MENTIONS: usize = 32;

/// Merges `extra`, sorted by start, into `candidates`, sorted by start, in
/// place: of two at one place, the one already in `candidates` first.
fn merge_in_place_by_start<'t>(candidates: &mut Vec<Candidate<'t>>, extra: &[Candidate<'t>]) {
    if extra.is_empty() {
        return;
    }
    let mut kept = candidates.len();
    candidates.extend_from_slice(extra);
    let mut from_extra = extra.len();
    // From the back, the later of the two next items goes last.
    for slot in (0..candidates.len()).rev() {
        if from_extra == 0 {
            break;
        }
        if kept > 0 && candidates[kept - 1].range.start > extra[from_extra - 1].range.start {
            kept -= 1;
            candidates[slot] = candidates[kept];
        } else {
            from_extra -= 1;
            candidates[slot] = extra[from_extra];
        }
    }
}

/// Whether `range` overlaps a candidate; candidates are sorted by start.
fn overlaps_any(candidates: &[Candidate], cursor: &mut SortedCursor, range: TextRange) -> bool {
    let at = cursor.count(candidates, range.end, |c| c.range.start < range.end);
    candidates[..at]
        .iter()
        .rev()
        .take(4)
        .any(|c| c.range.end > range.start)
}

/// The first name among a name's words: a whole word before the surname,
/// not an initial ("D", "D.B.").
fn first_name_of<'t>(name_words: &[&'t str]) -> Option<&'t str> {
    let first = name_words.first().filter(|_| name_words.len() >= 2)?;
    let whole_word = first.chars().filter(|c| c.is_alphabetic()).count() > 1
        && !first.chars().all(|c| c.is_uppercase() || c == '.');
    whole_word.then_some(*first)
}

/// Splits a name into honorific, first name and surname.
fn split_name(text: &str, name: TextRange) -> Option<(Option<TextRange>, Option<&str>, &str)> {
    let slice = name.of(text);
    let words: Vec<(usize, &str)> = super::words::words_with_offsets(slice).collect();
    let honorifics = words
        .iter()
        .take_while(|(_, w)| is_honorific(w.trim_end_matches('.')))
        .count();
    let honorific = (honorifics > 0).then(|| {
        let (start, word) = words[honorifics - 1];
        TextRange::new(name.start, name.start + start + word.len())
    });
    let name_words: Vec<&str> = words[honorifics..]
        .iter()
        .map(|(_, w)| w.trim_end_matches([',', '.']))
        .collect();
    let surname = *name_words.last()?;
    let first_name = first_name_of(&name_words);
    Some((honorific, first_name, surname))
}

/// Reads "Ms Tina McElligott" from an honorific at `start`.
fn honorific_mention(text: &str, start: usize, end: usize) -> Option<Candidate<'_>> {
    let slice = &text[start..end];
    let mut honorific_end = 0;
    let mut name_end = 0;
    let mut name_words: Vec<&str> = Vec::new();
    let mut at = 0;
    for (offset, word) in super::words::words_with_offsets(slice) {
        if offset != at && !slice[at..offset].chars().all(char::is_whitespace) {
            break;
        }
        let bare = strip_possessives(word.trim_end_matches([',', ';', ':', ')', '.', '’', '\'']));
        // An initial keeps its full stop ("B."), but only when the stop
        // follows it at once: "B’s." is a possessive, not an initial.
        let bare =
            if word.ends_with('.') && bare.len() == 1 && word.as_bytes().get(1) == Some(&b'.') {
                &word[..2]
            } else {
                bare
            };
        if name_words.is_empty() && is_honorific(bare.trim_end_matches('.')) {
            honorific_end = offset + bare.len();
        } else if is_name_word(bare)
            && !is_role_noun(bare)
            && !is_organisation_noun(bare)
            && bare.len() <= 30
            || (name_words.is_empty()
                && bare.len() <= 3
                && bare.len() >= 2
                && bare.chars().all(|c| c.is_ascii_uppercase()))
        {
            name_words.push(bare);
            name_end = offset + bare.len();
            if bare.len() != word.len() && !word.ends_with('.') || name_words.len() >= 4 {
                break;
            }
            if word.ends_with('.') && bare.len() > 2 {
                break; // a full stop after a name ends the sentence
            }
        } else {
            break;
        }
        at = offset + word.len();
    }
    // The last word must be a surname, not an initial.
    while name_words
        .last()
        .is_some_and(|w| w.trim_end_matches('.').len() == 1)
    {
        name_words.pop();
    }
    if name_words.is_empty() || honorific_end == 0 {
        return None;
    }
    let surname = *name_words.last()?;
    // The surname usually ends the name: only otherwise search for it.
    let name_end = if slice[..name_end].ends_with(surname) {
        name_end
    } else {
        slice[..name_end]
            .rfind(surname)
            .map(|at| at + surname.len())
            .unwrap_or(name_end)
    };
    let first_name = first_name_of(&name_words);
    Some(Candidate {
        range: TextRange::new(start, start + name_end),
        first_name,
        surname,
        source: MentionSource::Honorific,
        role_title: is_role_title(text, Some(TextRange::new(start, start + honorific_end))),
        entry: None,
    })
}

/// A word without its possessive endings: "Smith’s" → "Smith". The same as
/// `trim_end_matches("’s").trim_end_matches("'s")`, without building a
/// substring searcher for every word.
fn strip_possessives(mut word: &str) -> &str {
    while let Some(rest) = word.strip_suffix("’s") {
        word = rest;
    }
    while let Some(rest) = word.strip_suffix("'s") {
        word = rest;
    }
    word
}

/// Finds the person a candidate names, or adds one.
fn identify<'t>(
    people: &mut Vec<Person>,
    latest_mention: &[usize],
    by_surname: &mut HashMap<&'t str, Vec<usize>>,
    candidate: &Candidate<'t>,
) -> usize {
    let same_surname: &[usize] = by_surname.get(candidate.surname).map_or(&[], Vec::as_slice);
    let found = match candidate.first_name {
        Some(first) => same_surname
            .iter()
            .copied()
            .find(|&i| people[i].first_name.as_deref() == Some(first))
            .or_else(|| {
                // A person known only by surname takes the first name given later.
                match same_surname {
                    &[only] if people[only].first_name.is_none() => Some(only),
                    _ => None,
                }
            }),
        None => match same_surname.len() {
            0 => None,
            1 => Some(same_surname[0]),
            // Two people share the surname: the one named most recently.
            _ => same_surname
                .iter()
                .copied()
                .max_by_key(|&i| latest_mention.get(i).copied().unwrap_or(0)),
        },
    };
    match found {
        Some(index) => {
            let person = &mut people[index];
            if person.first_name.is_none() {
                if let Some(first) = candidate.first_name {
                    person.first_name = Some(first.to_owned());
                    person.full_name = format!("{first} {}", person.surname);
                }
            }
            index
        }
        None => {
            people.push(Person {
                surname: candidate.surname.to_owned(),
                full_name: match candidate.first_name {
                    Some(first) => format!("{first} {}", candidate.surname),
                    None => candidate.surname.to_owned(),
                },
                first_name: candidate.first_name.map(str::to_owned),
                roles: Vec::new(),
                initials: None,
                mentions: Vec::new(),
                in_attendance: false,
                attendance_kind: None,
            });
            by_surname
                .entry(candidate.surname)
                .or_default()
                .push(people.len() - 1);
            people.len() - 1
        }
    }
}

/// A role right after a name: ", Assistant Director Family Services", " (Clerk)",
/// " – Head of Early Years –", " former Director of ...". Returns the role
/// and where the words after it begin.
fn role_after(text: &str, at: usize, end: usize) -> Option<(TextRange, usize)> {
    let slice = &text[at..end];
    let trimmed = slice.trim_start_matches([' ', '\u{a0}']);
    let lead = slice.len() - trimmed.len();
    let (open, closers): (usize, &[char]) = if trimmed.starts_with('(') {
        (1, &[')'])
    } else if trimmed.starts_with([',', '–', '—']) || trimmed.starts_with("- ") {
        (
            trimmed.chars().next().unwrap().len_utf8(),
            &[',', '–', '—', ';', '.', '(', ')'],
        )
    } else if trimmed.starts_with("former ") || trimmed.starts_with("formerly ") {
        (0, &[',', ';', '.', '('])
    } else {
        return None;
    };
    let body = &trimmed[open..];
    let body_lead = body.len() - body.trim_start().len();
    let body = body.trim_start();
    let body = body
        .strip_prefix("the ")
        .or_else(|| body.strip_prefix("The "))
        .unwrap_or(body);
    let body_start =
        at + lead + open + body_lead + (trimmed[open..].trim_start().len() - body.len());
    // Read words until a closer, a speech verb, or a word that cannot be part of a role.
    let mut role_end = 0;
    let mut words = 0;
    let mut has_role_noun = false;
    for (offset, word) in super::words::words_with_offsets(body) {
        let bare = word.trim_end_matches(|c: char| closers.contains(&c) || c == '.');
        if is_speech_verb(bare) && words > 0 {
            break;
        }
        let fits = bare.starts_with(|c: char| c.is_uppercase())
            || is_small_word(bare)
            || bare == "former"
            || bare == "formerly"
            || bare == "&";
        if !fits || bare.is_empty() {
            break;
        }
        has_role_noun |= is_role_noun(bare);
        words += 1;
        role_end = offset + bare.len();
        if bare.len() != word.len() || words > 14 {
            break;
        }
    }
    if !has_role_noun || role_end == 0 {
        return None;
    }
    let role = TextRange::new(body_start, body_start + role_end);
    let after_role = &text[role.end..end];
    let skip = after_role.len()
        - after_role
            .trim_start_matches([',', ')', '–', '—', '-', ' ', '\u{a0}'])
            .len();
    Some((role, role.end + skip))
}

/// A role just before a name: "The Strategic Director for Children, Mr Munday"
/// or "the Chief Executive, Mr John Hooton". `mentions` are those before
/// the name, in text order: a role ends before the name, so only they can
/// overlap it.
fn role_before(text: &str, at: usize, start: usize, mentions: &[TextRange]) -> Option<TextRange> {
    let before = &text[start..at];
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    let trimmed = trimmed.strip_suffix(',')?;
    // Walk back word by word from the comma while the words can form a role.
    let mut role_start = trimmed.len();
    let mut has_role_noun = false;
    let mut words = 0;
    let mut cursor = trimmed.len();
    loop {
        let word_start = trimmed[..cursor].rfind(' ').map_or(0, |space| space + 1);
        let word = &trimmed[word_start..cursor];
        if !word.is_empty() {
            if word.ends_with([',', '.', ';', ':', ')', '!', '?']) {
                break;
            }
            let fits = word.starts_with(|c: char| c.is_uppercase())
                || is_small_word(word)
                || word == "new"
                || word == "&";
            if !fits {
                break;
            }
            has_role_noun |= is_role_noun(word);
            role_start = word_start;
            words += 1;
            if words > 14 {
                return None;
            }
        }
        if word_start == 0 {
            break;
        }
        cursor = word_start - 1;
    }
    let role_start = start + role_start;
    let mut role = crate::text::trim_range(text, TextRange::new(role_start, start + trimmed.len()));
    // Drop leading small words: "the", "new", "our".
    loop {
        let slice = role.of(text);
        let first = slice.split(' ').next().unwrap_or("");
        if !first.is_empty()
            && (is_small_word(first) || first == "new" || first == "The" || first == "Our")
            && first.len() < slice.len()
        {
            role =
                crate::text::trim_range(text, TextRange::new(role.start + first.len(), role.end));
        } else {
            break;
        }
    }
    // Mentions are sorted by start: only those starting before the role ends can overlap it.
    let before_end = mentions.partition_point(|m| m.start < role.end);
    let overlaps_person = mentions[..before_end]
        .iter()
        .rev()
        .take(6)
        .any(|m| m.end > role.start);
    let words: Vec<&str> = role.of(text).split_whitespace().collect();
    let starts_with_honorific = words.first().is_some_and(|w| HONORIFICS.contains(w));
    (has_role_noun
        && !role.is_empty()
        && !overlaps_person
        && !starts_with_honorific
        && words.iter().any(|w| is_role_noun(w)))
    .then_some(role)
}

/// Whether the words read as one role, not a span that ran on into the
/// next name or bracket ("Chairman), Cllr Mrs T Mann", "Mr P Murfitt and
/// the Clerk"): only those are stated roles a check may compare or copy.
fn reads_as_one_role(role: &str) -> bool {
    let role = role.trim();
    !role.contains(['(', ')', '[', ']']) && !role.starts_with("and ") && !role.contains(" and the ")
}

/// Whether a speech verb follows `at`: "explained", ", presented", "also noted".
fn speaks_after(text: &str, at: usize, end: usize) -> bool {
    let slice = &text[at..end];
    let mut words = super::words::words_with_offsets(slice)
        .map(|(_, w)| w.trim_matches(|c: char| !c.is_alphabetic()));
    for _ in 0..3 {
        match words.next() {
            Some(word) if is_speech_verb(word) => return true,
            Some(word) if ADVERBS.contains(&word) || word.is_empty() => continue,
            _ => return false,
        }
    }
    false
}

/// Whether the mention follows "proposed by", "seconded by", "presented by".
fn spoken_by(text: &str, at: usize, start: usize) -> bool {
    let before = &text[start..at];
    let words: Vec<&str> = before.split_whitespace().rev().take(5).collect();
    words.first().is_some_and(|w| w.eq_ignore_ascii_case("by"))
        && words[1..]
            .iter()
            .any(|w| is_speech_verb(w.trim_matches(|c: char| !c.is_alphabetic())))
}

#[cfg(test)]
mod tests {
    use super::super::words::next_capital_or_beyond_ascii;
    use super::*;

    /// Where an honorific starts in `slice`, as the scan of a whole block
    /// that reading the walk's words replaced found them.
    fn honorific_starts_by_block(slice: &str) -> Vec<usize> {
        let mut starts = Vec::new();
        let bytes = slice.as_bytes();
        let mut at = 0;
        while let Some(next) = next_capital_or_beyond_ascii(bytes, at) {
            at = next;
            if !OPENS_HONORIFIC[usize::from(bytes[at])]
                || at > 0 && IS_WORD_BYTE[usize::from(bytes[at - 1])]
            {
                at += 1;
                continue;
            }
            let rest = &bytes[at..];
            let found = HONORIFICS_BY_INITIAL[usize::from(bytes[at])]
                .iter()
                .flatten()
                .find(|honorific| {
                    let honorific = honorific.as_bytes();
                    rest.len() >= honorific.len()
                        && rest.iter().zip(honorific).all(|(a, b)| a == b)
                        && rest
                            .get(honorific.len())
                            .is_none_or(|&b| !IS_WORD_BYTE[usize::from(b)])
                });
            match found {
                Some(honorific) => {
                    starts.push(at);
                    at += honorific.len();
                }
                None => at += 1,
            }
        }
        starts
    }

    /// The candidates and name pairs as the two scans of each whole block
    /// found them before the walk: honorifics, then capitalised words.
    fn read_by_blocks<'t>(
        text: &'t str,
        blocks: &'t [Block],
        attendance: &[AttendanceList],
    ) -> (Vec<Candidate<'t>>, Vec<NamePair>) {
        let mut reader = PeopleReader::new(text, blocks, attendance);
        for (index, block) in blocks.iter().enumerate() {
            if block.kind == BlockKind::MeetingHeading {
                continue;
            }
            reader.block = index;
            reader.open(index);
            let content = block.content;
            let slice = content.of(text);
            for found in honorific_starts_by_block(slice) {
                let start = content.start + found;
                if reader
                    .candidates
                    .iter()
                    .rev()
                    .take(8)
                    .any(|c| c.range.contains(start))
                {
                    continue;
                }
                if let Some(candidate) = honorific_mention(text, start, content.end) {
                    if !reader.in_attendance(candidate.range) {
                        reader.candidates.push(candidate);
                    }
                }
            }
            // The block's capitalised words for pairs and initials; the
            // honorifics in them are read above.
            for (offset, word) in super::super::words::capitalised_words(slice) {
                reader.read_capitalised(Word {
                    start: content.start + offset,
                    text: word,
                });
            }
            reader.close_block();
        }
        (reader.candidates, reader.name_pairs)
    }

    /// Random minutes of names, honorifics, initials, list markers,
    /// emphasis, quote marks and byte-order marks, over lines of one block
    /// and of many: reading the walk finds what scanning each block found.
    #[test]
    fn reads_what_the_block_scans_read() {
        let openings = [
            "", "", "", "1. ", "(a) ", "- ", "**", "> ", ">", "\u{feff}", "  ", "# ", "1.",
            "**(a)** ", "__",
        ];
        let words = [
            "Mr",
            "Mrs",
            "Cllr",
            "Dr.",
            "Chris",
            "Munday",
            "Tina",
            "McElligott",
            "PW",
            "(PW)",
            "said",
            "explained",
            "the",
            "and",
            "Council",
            "Green",
            "Sarah",
            "O'Neill",
            "Émile",
            "“Anne”",
            "M/s",
            "x/Mr",
            "(Cllr",
            "Smith,",
            "Jones.",
            "Head",
            "of",
            "Finance",
            "**",
            "Ms",
            "Lee",
            "AB",
            "(AB)",
            "Present:",
            "Apologies",
            "RESOLVED",
            "1.",
            "“Mr",
            "Professor",
            "M/s.",
            "M/sx",
            "Mrx",
            "Councillor",
            "Cllr.",
            "Revd",
            "Mr_",
        ];
        let gaps = [" ", " ", " ", "\u{a0}", ", ", " (", ") ", "**", "", "  "];
        let breaks = [
            "\n",
            "\n",
            "\r\n",
            "\n\n",
            "\n> ",
            "\n>",
            "\n\u{feff}",
            "\n  ",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut pairs_seen = 0;
        for round in 0..20_000 {
            let mut text = String::new();
            if round % 3 == 0 {
                text.push_str("Present: Mr Paul Wood (PW), Ms Ann Barber (AB)\n\n");
            }
            for _ in 0..1 + next(6) {
                text.push_str(openings[next(openings.len())]);
                for _ in 0..1 + next(12) {
                    text.push_str(words[next(words.len())]);
                    text.push_str(gaps[next(gaps.len())]);
                }
                text.push_str(breaks[next(breaks.len())]);
            }
            let lines = super::super::lines::split_lines(&text);
            let marker_words = super::super::resolutions::MarkerWords::find(&text);
            let skeleton = super::super::structure::build(&text, &lines, &marker_words);
            let mut reader = PeopleReader::new(&text, &skeleton.blocks, &skeleton.attendance);
            super::super::walk::walk(&text, &lines, &mut reader);
            reader.close_block();
            let expected = read_by_blocks(&text, &skeleton.blocks, &skeleton.attendance);
            pairs_seen += expected.1.len();
            assert_eq!(
                format!("{:?}", (&reader.candidates, &reader.name_pairs)),
                format!("{expected:?}"),
                "{text:?}"
            );
        }
        // Most pairs inside an honorific mention are dropped as its block
        // closes: several thousand are left to compare.
        assert!(pairs_seen > 5_000, "{pairs_seen}");
    }

    /// The search for honorifics passes over everything but capitals, and
    /// takes each to be the run of word bytes it opens, but for "M/s".
    #[test]
    fn every_honorific_opens_with_a_capital_and_is_one_run_of_word_bytes() {
        for honorific in HONORIFICS {
            assert!(honorific.as_bytes()[0].is_ascii_uppercase(), "{honorific}");
            let run = honorific
                .bytes()
                .take_while(|&b| IS_WORD_BYTE[usize::from(b)])
                .count();
            assert!(
                run == honorific.len() || *honorific == "M/s" && run == 1,
                "{honorific}"
            );
        }
    }

    #[test]
    fn reads_capitalised_names_by_bytes_as_by_characters() {
        let alphabet = ["A", "b", "-", "'", "C", "d", "1", "."];
        let mut words = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|word| alphabet.iter().map(move |c| format!("{word}{c}")))
                .collect();
            words.extend(longer);
        }
        for word in [
            "Chris",
            "Anne-Marie",
            "D'Arcy",
            "McElligott",
            "A",
            "Ab-",
            "O'",
        ] {
            words.push(word.to_string());
        }
        for word in &words {
            assert_eq!(
                is_capitalised_ascii_name(word.as_bytes()),
                is_capitalised_name_by_chars(word),
                "{word:?}"
            );
        }
    }
}
