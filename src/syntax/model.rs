//! The document model: what the parser recognised in a minutes text, as
//! plain values holding byte ranges. No protocol types, no findings.
//!
//! The model is flat: lists of items, sections, blocks and mentions, each
//! pointing at its parent by index. Views such as the outline are derived
//! from it at the edges.

use crate::text::TextRange;

/// A parsed minutes document.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// Length of the text the model was parsed from, in bytes.
    pub len: usize,
    /// YAML front matter (`---` ... `---`) at the very top, if any.
    pub front_matter: Option<TextRange>,
    /// The meeting's heading: the body, the meeting, its date.
    pub meeting: Option<Meeting>,
    /// Every line of the text, classified.
    pub lines: Vec<Line>,
    /// Paragraphs and list items: runs of lines that belong together.
    pub blocks: Vec<Block>,
    pub attendance: Vec<AttendanceList>,
    pub items: Vec<Item>,
    pub sections: Vec<Section>,
    pub resolution_blocks: Vec<ResolutionBlock>,
    /// People, one per identity, in order of first mention.
    pub people: Vec<Person>,
    /// Every place a person is named, in text order.
    pub mentions: Vec<Mention>,
    /// The names written where the minutes say who was there, gathered
    /// on first use (`Document::roster`): few documents need it.
    pub roster: std::sync::OnceLock<super::Roster>,
    /// The actions the minutes set, gathered on first use
    /// (`Document::actions`): few readers need them.
    pub actions: std::sync::OnceLock<Vec<Action>>,
    /// Every use of an abbreviation, in text order, definitions included.
    pub abbreviations: Vec<AbbreviationUse>,
    /// Every place an abbreviation is spelled out, in text order.
    pub definitions: Vec<Definition>,
    /// Dates written with their month's name, in text order.
    pub dates: Vec<DateMention>,
    /// Sums of money written with their currency, in text order.
    pub amounts: Vec<Amount>,
    /// Times of day ("7.30pm", "19:30"), in text order.
    pub times: Vec<TimeMention>,
    /// Places where the clerk silenced checks with a comment.
    pub suppressions: Vec<Suppression>,
    /// What the parse kept for the parse of the next version
    /// (`parse_after`); nothing unless asked.
    pub kept_lines: super::KeptLines,
}

impl Document {
    /// The roster of names where the minutes say who was there.
    pub fn roster(&self, text: &str) -> &super::Roster {
        self.roster.get_or_init(|| {
            super::roster::gather(text, &self.blocks, &self.attendance, self.front_matter)
        })
    }

    /// The actions the minutes set, in text order.
    pub fn actions(&self, text: &str) -> &[Action] {
        self.actions
            .get_or_init(|| super::actions::find_actions(text, self))
    }

    /// The block whose content holds `offset`, found by a binary search:
    /// blocks are in text order and do not overlap.
    pub fn block_at(&self, offset: usize) -> Option<&Block> {
        let after = self
            .blocks
            .partition_point(|block| block.range.start <= offset);
        after
            .checked_sub(1)
            .map(|i| &self.blocks[i])
            .filter(|block| block.content.start <= offset && offset <= block.content.end)
    }
}

/// The heading of the whole meeting.
#[derive(Clone, Debug)]
pub struct Meeting {
    /// The heading lines, first to last.
    pub range: TextRange,
    /// The first heading line, trimmed of markup: what the outline shows.
    pub title: TextRange,
}

/// One line of the text.
#[derive(Clone, Debug)]
pub struct Line {
    /// The whole line, without its line ending.
    pub range: TextRange,
    /// The line without surrounding white space, Markdown heading marks,
    /// block quote marks or emphasis around the whole line.
    pub content: TextRange,
    pub kind: LineKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Nothing but white space (non-breaking spaces count), or an HTML comment
    /// such as `<!-- -->` alone.
    Blank,
    FrontMatter,
    Text,
}

/// A paragraph or list item: the unit a resolution or a mention lives in.
#[derive(Clone, Debug)]
pub struct Block {
    /// From the first character of the first line to the end of the last.
    pub range: TextRange,
    /// The text after any list marker.
    pub content: TextRange,
    /// The list marker that opens the block, if any.
    pub marker: Option<ListMarker>,
    /// The agenda item the block lies in.
    pub item: Option<usize>,
    pub kind: BlockKind,
    /// Whether its text opens "That ..." as a resolution does: noted as
    /// the block is read, so that the resolutions, read after the whole
    /// skeleton, need not go back to the text of every paragraph.
    pub opens_with_that: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// An agenda item's heading (its number, title or both).
    ItemHeading,
    /// A section label such as `Minutes:`.
    SectionLabel,
    /// A line of an attendance list.
    Attendance,
    /// The meeting's heading.
    MeetingHeading,
}

/// A list marker at the start of a block: `1.`, `(a)`, `A:`, `-`, `118.2`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListMarker {
    /// The marker itself, without the white space after it.
    pub range: TextRange,
    pub kind: MarkerKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkerKind {
    /// `-`, `*`, `•`, `·`: no number.
    Bullet(char),
    /// A number: `1.`, `1)`, `(1)`, `1` followed by spaces.
    Number { value: u32, style: NumberStyle },
    /// A letter: `a)`, `(a)`, `A:`, `a.`.
    Letter {
        value: u32,
        upper: bool,
        style: NumberStyle,
    },
    /// A roman numeral: `(i)`, `ii)`.
    Roman { value: u32, style: NumberStyle },
    /// A paragraph number under a minute: `118.2`, `6.1`, `3.1.1`.
    Paragraph { parts: Vec<u32> },
}

impl MarkerKind {
    /// Whether the marker carries a number or letter, rather than a bullet.
    pub fn is_numbered(&self) -> bool {
        !matches!(self, MarkerKind::Bullet(_))
    }
}

/// The punctuation around a number or letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberStyle {
    /// `1.`
    Dot,
    /// `1)`
    Paren,
    /// `(1)`
    Enclosed,
    /// `A:`
    Colon,
    /// `1` followed by white space only.
    Bare,
}

/// An attendance list: `Present:`, `In attendance:`, `Apologies:` ...
#[derive(Clone, Debug)]
pub struct AttendanceList {
    pub kind: AttendanceKind,
    /// The label, such as `Present:`.
    pub label: TextRange,
    /// The label and every entry.
    pub range: TextRange,
    pub entries: Vec<AttendanceEntry>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttendanceKind {
    /// Members present: `Present`, `Members present`, `Councillors`.
    Present,
    /// Officers and others: `In attendance`, `Also present`, `Officers`.
    InAttendance,
    Apologies,
    Absent,
    /// `Minute taker`, `Secretariat`, `Clerk`.
    Secretariat,
}

/// One person in an attendance list.
#[derive(Clone, Debug)]
pub struct AttendanceEntry {
    /// The whole entry.
    pub range: TextRange,
    /// The person's name, with any honorific.
    pub name: TextRange,
    /// Initials defined for the person: `(AB)` or `[AB]`.
    pub initials: Option<TextRange>,
    /// The role given in the list.
    pub role: Option<TextRange>,
    /// The person the entry names.
    pub person: Option<usize>,
}

/// An agenda item.
#[derive(Clone, Debug)]
pub struct Item {
    /// From the heading to the line before the next item's heading.
    pub range: TextRange,
    /// The heading: number and title, on one line or two.
    pub heading: TextRange,
    pub number: Option<ItemNumber>,
    /// The title, trimmed of markup; empty if the heading has none.
    pub title: TextRange,
}

/// An agenda item's number as written: `276`, `6.1`, `CELS/12`, `45/24`.
#[derive(Clone, Debug)]
pub struct ItemNumber {
    pub range: TextRange,
    /// The number's text, without a trailing `.` or escape.
    pub text: String,
    /// The leading number: 276 for `276.`, 6 for `6.1`, 45 for `45/24`, 12 for `CELS/12`.
    pub value: Option<u32>,
}

/// A labelled section inside an item: `Minutes:`, `Decision:` ...
#[derive(Clone, Debug)]
pub struct Section {
    pub item: Option<usize>,
    /// The label, without its colon.
    pub label: TextRange,
    /// From the label to the next label or item.
    pub range: TextRange,
}

/// A resolution block: a marker and the resolutions it leads, or a run of
/// decision-like items with no marker at all.
#[derive(Clone, Debug)]
pub struct ResolutionBlock {
    pub item: Option<usize>,
    /// `RESOLVED:`, `It was unanimously RESOLVED`, `AGREED`, `Decision:` ...
    pub marker: Option<TextRange>,
    pub range: TextRange,
    pub resolutions: Vec<Resolution>,
}

/// One resolution.
#[derive(Clone, Debug)]
pub struct Resolution {
    /// The whole resolution, marker included.
    pub range: TextRange,
    pub marker: Option<ListMarker>,
    /// The resolution's words, after its marker.
    pub text: TextRange,
}

/// An action the minutes set: "The Clerk to write to Highways by the next
/// meeting", or the words an "Action:" label opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Action {
    /// The owner and the action; for an item with no owner found, the
    /// label and its words.
    pub range: TextRange,
    /// Who is to act, as written: "The Clerk", "Cllr Stone".
    pub owner: Option<TextRange>,
    /// What is to be done: from the verb after the owner's "to", or the
    /// label's words to the end of their sentence.
    pub what: TextRange,
    /// When by, if the action says: "the next meeting", "14 March".
    pub by_when: Option<TextRange>,
    /// The "Action:" label the action follows, if any.
    pub label: Option<TextRange>,
}

/// A person, gathered from every place they are named.
#[derive(Clone, Debug)]
pub struct Person {
    /// The surname, as the identity is keyed.
    pub surname: String,
    /// The fullest form of the name seen, without honorific: "Tina McElligott".
    pub full_name: String,
    /// First names seen with the surname, to tell apart two people who share it.
    pub first_name: Option<String>,
    /// Roles stated for the person, in text order.
    pub roles: Vec<RoleStatement>,
    /// Initials defined for the person in an attendance list.
    pub initials: Option<String>,
    /// Indexes into `Document::mentions`.
    pub mentions: Vec<usize>,
    /// Whether an attendance list names the person.
    pub in_attendance: bool,
    /// Which attendance list names the person, if any.
    pub attendance_kind: Option<AttendanceKind>,
}

/// A role stated for a person at one place in the text.
#[derive(Clone, Debug)]
pub struct RoleStatement {
    pub range: TextRange,
    /// The role, trimmed: "Assistant Director Family Services".
    pub text: String,
    /// Where the mention that carries the role is.
    pub mention: Option<usize>,
}

/// A place where a person is named.
#[derive(Clone, Debug)]
pub struct Mention {
    pub person: usize,
    /// The name with any honorific: "Ms Tina McElligott".
    pub range: TextRange,
    /// The role attached to this mention, if any.
    pub role: Option<TextRange>,
    /// Whether the person speaks here: "Mr Patel explained ...".
    pub speaks: bool,
    pub source: MentionSource,
    /// Whether the honorific is itself a role: "Councillor Smith".
    pub role_title: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionSource {
    Attendance,
    Honorific,
    /// A capitalised full name followed by a speech verb.
    FullName,
    /// Initials defined in an attendance list, used alone.
    Initials,
    /// A name from the register in clerk.toml.
    Register,
}

/// A use of an abbreviation.
#[derive(Clone, Debug)]
pub struct AbbreviationUse {
    /// The abbreviation's letters, without a plural `s` or possessive `'s`.
    pub range: TextRange,
    /// The letters as written, the key all uses share.
    pub key: compact_str::CompactString,
    /// Whether this use is the abbreviation inside its own definition.
    pub in_definition: bool,
}

/// A place where an abbreviation is spelled out.
#[derive(Clone, Debug)]
pub struct Definition {
    pub key: compact_str::CompactString,
    /// The abbreviation inside the definition.
    pub abbreviation: TextRange,
    /// The words that spell it out.
    pub expansion: TextRange,
    /// The whole definition: "Multi-Agency Safeguarding Hub (MASH)".
    pub range: TextRange,
    pub form: DefinitionForm,
    /// Whether the letters can be read off the words.
    pub letters_match: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefinitionForm {
    /// `Words Spelled Out (ABBR)`
    WordsFirst,
    /// `ABBR (Words Spelled Out)`
    AbbreviationFirst,
    /// `Annie Barber (AB)` in an attendance list.
    Initials,
}

/// A date written with its month's name: "Monday 13th May 2015", "31st
/// April", "Thursday, February 4th, 2009".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// From the weekday (or the day) to the year, as much as is written.
    pub range: TextRange,
    /// The weekday written with it: 0 for Monday to 6 for Sunday.
    pub weekday: Option<DatePart>,
    /// The day of the month, its figures and any suffix ("13th").
    pub day: DatePart,
    /// The month's name: 1 for January to 12 for December.
    pub month: DatePart,
    /// The year, four figures standing alone after the day and month.
    pub year: Option<DatePart>,
    /// Whether the day carries an ordinal suffix ("13th", "4TH").
    pub ordinal: bool,
    /// Whether the date stands in quotation marks or a block quote:
    /// someone else's words, which the minutes report as written.
    pub quoted: bool,
    /// Whether the date stands in the YAML front matter ("title: Minutes
    /// of Tuesday 4 June 2024"): the page's description, not its text.
    pub in_front_matter: bool,
}

/// One part of a date: where it is written, and what it says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DatePart {
    pub range: TextRange,
    pub value: u32,
}

/// A sum of money written with its currency: "£1,234.56", "€ 40",
/// "GBP 250", "£3.5m", or slipped: "£696. 56", "£30, 000", "£70,00".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amount {
    /// From the currency's mark (or code) to the last figure, or to the
    /// scale word after them.
    pub range: TextRange,
    pub currency: Currency,
    /// The figures before any decimal mark, thousands commas (and any
    /// space slipped in after one) included: "1,234", "30, 000".
    pub units: TextRange,
    /// The decimal part from its mark: ".56", ". 56" (a space slipped in),
    /// ",00" (a comma for the point).
    pub fraction: Option<TextRange>,
    /// A scale word after the figures: "m", "million", "bn", "k".
    pub scale: Option<TextRange>,
    /// Whether the sum stands in quotation marks or a block quote.
    pub quoted: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Currency {
    /// "£" or "GBP".
    Pound,
    /// "$" or "USD".
    Dollar,
    /// "€" or "EUR".
    Euro,
}

/// A time of day: "7.30pm", "9:15 p.m.", "10 AM", "19:30".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeMention {
    /// From the hour to the end of "am" or "pm", as much as is written.
    pub range: TextRange,
    /// The hour as written: 1 to 12 with "am" or "pm", 0 to 23 without.
    pub hour: u32,
    pub minute: Option<u32>,
    /// The mark between hour and minutes: '.' or ':'.
    pub mark: Option<char>,
    /// "am" or "pm" as written; none on the 24-hour clock.
    pub suffix: Option<TimeSuffix>,
    /// Whether a space stands before "am" or "pm".
    pub space: bool,
    /// Whether the time stands in quotation marks or a block quote.
    pub quoted: bool,
}

/// The "am" or "pm" of a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeSuffix {
    pub range: TextRange,
    /// "pm" rather than "am".
    pub afternoon: bool,
    /// Written with full stops: "p.m.".
    pub dotted: bool,
    /// Written in capitals: "PM".
    pub upper: bool,
}

/// Checks silenced by a comment in the text.
#[derive(Clone, Debug)]
pub struct Suppression {
    pub range: TextRange,
    /// Codes or names as written; empty means every check.
    pub checks: Vec<String>,
    /// The range of text the suppression covers.
    pub scope: TextRange,
}

/// A finding of the parse moved with its text, for what a parse keeps
/// from one version of a document to the next (`parse_after`). Each
/// implementation names every field, so that a place added to a finding
/// cannot be left behind when the finding moves.
pub(crate) trait Moved: Sized {
    /// The same finding `by` bytes later in the text (earlier if negative).
    fn moved(&self, by: isize) -> Self;
}

impl Moved for AbbreviationUse {
    fn moved(&self, by: isize) -> Self {
        let AbbreviationUse {
            range,
            key,
            in_definition,
        } = self;
        AbbreviationUse {
            range: range.moved(by),
            key: key.clone(),
            in_definition: *in_definition,
        }
    }
}

impl Moved for Definition {
    fn moved(&self, by: isize) -> Self {
        let Definition {
            key,
            abbreviation,
            expansion,
            range,
            form,
            letters_match,
        } = self;
        Definition {
            key: key.clone(),
            abbreviation: abbreviation.moved(by),
            expansion: expansion.moved(by),
            range: range.moved(by),
            form: *form,
            letters_match: *letters_match,
        }
    }
}

impl Moved for DatePart {
    fn moved(&self, by: isize) -> Self {
        let DatePart { range, value } = *self;
        DatePart {
            range: range.moved(by),
            value,
        }
    }
}

impl Moved for DateMention {
    fn moved(&self, by: isize) -> Self {
        let DateMention {
            range,
            weekday,
            day,
            month,
            year,
            ordinal,
            quoted,
            in_front_matter,
        } = self;
        DateMention {
            range: range.moved(by),
            weekday: weekday.map(|part| part.moved(by)),
            day: day.moved(by),
            month: month.moved(by),
            year: year.map(|part| part.moved(by)),
            ordinal: *ordinal,
            quoted: *quoted,
            in_front_matter: *in_front_matter,
        }
    }
}

impl Moved for Amount {
    fn moved(&self, by: isize) -> Self {
        let Amount {
            range,
            currency,
            units,
            fraction,
            scale,
            quoted,
        } = *self;
        Amount {
            range: range.moved(by),
            currency,
            units: units.moved(by),
            fraction: fraction.map(|range| range.moved(by)),
            scale: scale.map(|range| range.moved(by)),
            quoted,
        }
    }
}

impl Moved for TimeMention {
    fn moved(&self, by: isize) -> Self {
        let TimeMention {
            range,
            hour,
            minute,
            mark,
            suffix,
            space,
            quoted,
        } = *self;
        TimeMention {
            range: range.moved(by),
            hour,
            minute,
            mark,
            suffix: suffix.map(|suffix| {
                let TimeSuffix {
                    range,
                    afternoon,
                    dotted,
                    upper,
                } = suffix;
                TimeSuffix {
                    range: range.moved(by),
                    afternoon,
                    dotted,
                    upper,
                }
            }),
            space,
            quoted,
        }
    }
}

/// The findings of `parts`, each moved by its bytes, in one list.
pub(crate) fn moved_all<T: Moved>(parts: &[(&Vec<T>, isize)]) -> Vec<T> {
    let mut all = Vec::with_capacity(parts.iter().map(|(part, _)| part.len()).sum());
    for &(part, by) in parts {
        all.extend(part.iter().map(|found| found.moved(by)));
    }
    all
}
