//! The tolerant minutes parser: text in, a document model out. It never
//! fails; what it does not recognise is a paragraph.
//!
//! Passes run in order: lines (`lines`), the skeleton of items, sections and
//! attendance (`structure`, `attendance`), then one walk over each text
//! line's words that hold a capital (`walk`), read at once by the
//! recognisers of people (`people`), of abbreviations (`abbreviations`) and
//! of dates (`dates`), sums of money (`amounts`) and times (`times`), resolution blocks (`resolutions`), dotted
//! abbreviations (`dotted`), less what `markup` says is code, a link target
//! or HTML, and suppression comments (`suppressions`). Actions (`actions`)
//! are read from the model on first use. Each reads what the
//! passes before it found. A long document is read in two halves side by
//! side: the recognisers that read only the lines (abbreviations, dates,
//! sums, times), in parts on every core, beside the skeleton and the rest.

mod abbreviations;
mod actions;
mod amounts;
mod attendance;
pub mod dates;
mod dotted;
pub mod lexicon;
mod lines;
mod markup;
mod model;
mod people;
mod resolutions;
mod roster;
mod sorted_cursor;
mod structure;
mod suppressions;
mod times;
mod walk;
pub mod words;

pub use abbreviations::{letters_match, MAX_EXPANSION_WORDS};
pub use model::*;
pub use roster::Roster;
pub use sorted_cursor::SortedCursor;

/// Parses minutes text into its document model.
pub fn parse(text: &str) -> Document {
    parse_keeping(text, None, false)
}

/// An earlier version of a document, as [`parse_after`] parsed it.
#[derive(Clone, Copy)]
pub struct Earlier<'a> {
    pub text: &'a str,
    pub doc: &'a Document,
}

/// Parses a new version of a document as [`parse`] does, taking up what
/// the parse of `earlier` found on the lines an edit left as they were
/// (in parts of a few hundred lines before and after the edit), and
/// keeping what it finds for the version after. The model is the one
/// [`parse`] gives. Only a document long enough for two cores
/// (`worth_more_cores`) is kept: on a shorter one the whole parse takes
/// less than a millisecond; and none longer than [`KEPT_UP_TO`].
pub fn parse_after(text: &str, earlier: Option<Earlier<'_>>) -> Document {
    parse_keeping(text, earlier, true)
}

/// The longest document [`parse_after`] keeps anything of, in bytes.
/// Beyond it, memory counts for more than an edit's milliseconds: the
/// lines' findings kept, and the earlier version's text and lines held
/// while the next is parsed, took a 50 MB document in the language server
/// from 8.9 to 10.8 times its size in memory (an edit of it from 0.83 to
/// 0.74 s).
pub const KEPT_UP_TO: usize = 16 << 20;

/// What a parse kept of the recognisers that read only the lines, part
/// by part, for the parse of the next version ([`parse_after`]); empty
/// unless that parse kept it.
#[derive(Clone, Default)]
pub struct KeptLines(Option<walk::KeptWalk<LineFound>>);

impl KeptLines {
    /// How many parts of the lines are kept: none when nothing was.
    pub fn parts(&self) -> usize {
        self.0.as_ref().map_or(0, walk::KeptWalk::parts)
    }

    /// How many of them were taken up from the version before, unread.
    pub fn taken_up(&self) -> usize {
        self.0.as_ref().map_or(0, walk::KeptWalk::taken_up)
    }
}

impl std::fmt::Debug for KeptLines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Left out of the model's printing, which tests compare: the same
        // model is the same whether or not it was kept.
        f.write_str("KeptLines { .. }")
    }
}

/// What the recognisers that read only the lines find, owned.
type LineFound = <LineReaders<'static> as walk::Resumable<'static>>::Found;

fn parse_keeping(text: &str, earlier: Option<Earlier<'_>>, keep: bool) -> Document {
    let lines = lines::split_lines(text);
    let front_matter = front_matter_range(&lines);
    // Abbreviations, dates, sums and times read only the lines; people,
    // resolutions and suppressions read the skeleton of items and
    // attendance too. On a long document the two halves run side by side,
    // each over its own walk of the lines' words, the lines' half in parts
    // on every core (see `worth_more_cores`); otherwise they share one walk.
    let new_line_readers = || -> LineReaders {
        (
            abbreviations::AbbreviationReader::new(text),
            (
                dates::DatesReader::new(text),
                (
                    amounts::AmountsReader::new(text),
                    times::TimesReader::new(text),
                ),
            ),
        )
    };
    let mut kept_lines = KeptLines::default();
    let (skeleton_half, line_readers) =
        if keep && text.len() <= KEPT_UP_TO && worth_more_cores(text) {
            let earlier = earlier.and_then(|earlier| {
                Some(walk::EarlierWalk {
                    text: earlier.text,
                    lines: &earlier.doc.lines,
                    kept: earlier.doc.kept_lines.0.as_ref()?,
                })
            });
            let (skeleton_half, (line_readers, kept)) = rayon::join(
                || skeleton_half(text, &lines, None),
                || walk::walk_keeping(text, &lines, earlier, new_line_readers),
            );
            kept_lines = KeptLines(Some(kept));
            (skeleton_half, line_readers)
        } else if worth_more_cores(text) {
            rayon::join(
                || skeleton_half(text, &lines, None),
                || walk::walk_in_parts(text, &lines, new_line_readers),
            )
        } else {
            let mut line_readers = new_line_readers();
            let skeleton_half = skeleton_half(text, &lines, Some(&mut line_readers));
            (skeleton_half, line_readers)
        };
    let SkeletonHalf {
        skeleton,
        markup,
        initials,
        people_and_mentions,
        resolution_blocks,
        suppressions,
    } = skeleton_half;
    let (abbreviation_reader, (dates_reader, (amounts_reader, times_reader))) = line_readers;
    let dates = dates_reader.finish(&skeleton.blocks, &markup);
    let amounts = amounts_reader.finish(&skeleton.blocks, &markup);
    let times = times_reader.finish(&skeleton.blocks, &markup);
    let abbreviations_and_definitions =
        abbreviations_of(text, &lines, &markup, abbreviation_reader.finish(initials));
    // The front matter's dates come first, as it does.
    let dates = match front_matter {
        Some(_) => {
            let mut all = dates::front_matter_dates(text, &lines);
            all.extend(dates);
            all
        }
        None => dates,
    };
    let mut resolution_blocks = resolution_blocks;
    if !markup.is_empty() {
        let mut markup = markup::Within::new(&markup);
        resolution_blocks.retain(|block| !markup.holds(block.range));
    }
    let (people, mentions) = people_and_mentions;
    let (abbreviations, definitions) = abbreviations_and_definitions;
    Document {
        len: text.len(),
        front_matter,
        meeting: skeleton.meeting,
        lines,
        blocks: skeleton.blocks,
        attendance: skeleton.attendance,
        items: skeleton.items,
        sections: skeleton.sections,
        resolution_blocks,
        people,
        mentions,
        roster: std::sync::OnceLock::new(),
        actions: std::sync::OnceLock::new(),
        abbreviations,
        definitions,
        dates,
        amounts,
        times,
        suppressions,
        kept_lines,
    }
}

/// The recognisers that read only the lines (`walk::LineByLine`).
type LineReaders<'t> = (
    abbreviations::AbbreviationReader<'t>,
    (
        dates::DatesReader<'t>,
        (amounts::AmountsReader<'t>, times::TimesReader<'t>),
    ),
);

/// What the half of the parse that reads the skeleton finds.
struct SkeletonHalf {
    skeleton: structure::Skeleton,
    markup: Vec<crate::text::TextRange>,
    /// The definitions an attendance list's initials give.
    initials: Vec<Definition>,
    people_and_mentions: (Vec<Person>, Vec<Mention>),
    resolution_blocks: Vec<ResolutionBlock>,
    suppressions: Vec<Suppression>,
}

/// The skeleton of items, sections and attendance, and what is read from
/// it: people, resolutions and suppressions. `line_readers`, where given,
/// read the same walk as the people.
fn skeleton_half<'t>(
    text: &'t str,
    lines: &[Line],
    line_readers: Option<&mut LineReaders<'t>>,
) -> SkeletonHalf {
    let marker_words = resolutions::MarkerWords::find(text);
    let mut skeleton = structure::build(text, lines, &marker_words);
    // Code spans and blocks, link targets and HTML are not prose: no
    // abbreviation and no resolution there.
    let markup = markup::non_prose(text, lines);
    let initials = abbreviations::initials_defined(text, &skeleton.attendance);
    let mut people_reader = people::PeopleReader::new(text, &skeleton.blocks, &skeleton.attendance);
    let (blocks, sections) = (&skeleton.blocks, &skeleton.sections);
    // The marker words go with the resolutions: the people never read them.
    let resolutions_and_suppressions = move || {
        (
            resolutions::resolution_blocks(text, blocks, sections, &marker_words),
            suppressions::find_suppressions(text, lines, blocks),
        )
    };
    let (resolution_blocks, suppressions) = match line_readers {
        Some(line_readers) => {
            walk::walk(text, lines, &mut (&mut people_reader, line_readers));
            resolutions_and_suppressions()
        }
        // On two cores, the resolutions are read beside the people: when
        // the lines' half is done (or was kept from the version before,
        // `parse_after`), the other core is free.
        None => {
            let ((), found) = rayon::join(
                || walk::walk(text, lines, &mut people_reader),
                resolutions_and_suppressions,
            );
            found
        }
    };
    let people_and_mentions = people_reader.finish(&mut skeleton.attendance);
    SkeletonHalf {
        skeleton,
        markup,
        initials,
        people_and_mentions,
        resolution_blocks,
        suppressions,
    }
}

/// Whether the text is long enough for its two halves to run on two cores
/// (and its checks on every core):
/// from 64 KB, where an editor waits milliseconds for the parse (on
/// 100 KB the two halves took a keystroke's median from 4.2-4.5 ms to
/// 2.7-3.2 ms), and only when the parse is not itself one
/// of many run side by side (`clerk check` on a folder keeps every core
/// busy with files already, and a second walk would only add work).
pub(crate) fn worth_more_cores(text: &str) -> bool {
    text.len() >= TWO_CORES_FROM && rayon::current_thread_index().is_none()
}

/// How long a text must be for `worth_more_cores`, in bytes.
pub const TWO_CORES_FROM: usize = 64 * 1024;

/// The abbreviations found, with dotted ones (N.C.C.) added and those in
/// markup taken out.
fn abbreviations_of(
    text: &str,
    lines: &[Line],
    markup: &[crate::text::TextRange],
    found: (Vec<AbbreviationUse>, Vec<Definition>),
) -> (Vec<AbbreviationUse>, Vec<Definition>) {
    let (mut abbreviations, mut definitions) = found;
    dotted::find_dotted(text, lines, &mut abbreviations);
    if !markup.is_empty() {
        let mut in_markup = markup::Within::new(markup);
        abbreviations.retain(|use_| !in_markup.holds(use_.range));
        let mut in_markup = markup::Within::new(markup);
        definitions.retain(|definition| !in_markup.holds(definition.abbreviation));
    }
    (abbreviations, definitions)
}

fn front_matter_range(lines: &[Line]) -> Option<crate::text::TextRange> {
    let mut front = lines
        .iter()
        .filter(|line| line.kind == LineKind::FrontMatter);
    let first = front.next()?;
    let last = front.next_back().unwrap_or(first);
    Some(first.range.cover(last.range))
}
