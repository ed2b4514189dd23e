//! The tolerant minutes parser: text in, a document model out. It never
//! fails; what it does not recognise is a paragraph.
//!
//! Passes run in order: lines (`lines`), the skeleton of items, sections and
//! attendance (`structure`, `attendance`), resolution blocks
//! (`resolutions`), then one walk over each text line's words that hold a
//! capital (`walk`), read at once by the recognisers of people (`people`),
//! of abbreviations (`abbreviations`) and of dates (`dates`), then dotted abbreviations
//! (`dotted`), less what `markup` says is code, a link target or HTML, and
//! suppression comments (`suppressions`). Each reads what the passes before
//! it found.

mod abbreviations;
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
mod walk;
pub mod words;

pub use abbreviations::{letters_match, MAX_EXPANSION_WORDS};
pub use model::*;
pub use roster::Roster;

/// Parses minutes text into its document model.
pub fn parse(text: &str) -> Document {
    let lines = lines::split_lines(text);
    let front_matter = front_matter_range(&lines);
    let marker_words = resolutions::MarkerWords::find(text);
    let mut skeleton = structure::build(text, &lines, &marker_words);
    // Code spans and blocks, link targets and HTML are not prose: no
    // abbreviation and no resolution there.
    let markup = markup::non_prose(text, &lines);
    let mut resolution_blocks =
        resolutions::resolution_blocks(text, &skeleton.blocks, &skeleton.sections, &marker_words);
    if !markup.is_empty() {
        resolution_blocks.retain(|block| !markup::within(&markup, block.range));
    }
    // People, abbreviations and dates read one walk over the lines' words.
    let mut readers = (
        people::PeopleReader::new(text, &skeleton.blocks, &skeleton.attendance),
        (
            abbreviations::AbbreviationReader::new(text, &skeleton.attendance),
            dates::DatesReader::new(text),
        ),
    );
    walk::walk(text, &lines, &mut readers);
    let (people_reader, (abbreviation_reader, dates_reader)) = readers;
    let dates = dates_reader.finish(&skeleton.blocks, &markup);
    let (people, mentions) = people_reader.finish(&mut skeleton.attendance);
    let (mut abbreviations, mut definitions) = abbreviation_reader.finish();
    dotted::find_dotted(text, &lines, &mut abbreviations);
    if !markup.is_empty() {
        abbreviations.retain(|use_| !markup::within(&markup, use_.range));
        definitions.retain(|definition| !markup::within(&markup, definition.abbreviation));
    }
    let suppressions = suppressions::find_suppressions(text, &lines, &skeleton.blocks);
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
        abbreviations,
        definitions,
        dates,
        suppressions,
    }
}

fn front_matter_range(lines: &[Line]) -> Option<crate::text::TextRange> {
    let mut front = lines
        .iter()
        .filter(|line| line.kind == LineKind::FrontMatter);
    let first = front.next()?;
    let last = front.next_back().unwrap_or(first);
    Some(first.range.cover(last.range))
}
