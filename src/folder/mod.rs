//! What a folder of minutes knows, read from every set of minutes in it:
//! each meeting's date and body, the abbreviations it spells out and those
//! it leaves unexplained, its people, decisions and actions, and who
//! attended. Pure: built from the texts it is handed, each alone (so the
//! shells can read them on every core), then put together.
//!
//! Places are kept both as byte ranges (for a language server holding the
//! text) and as line numbers (for a register printed long after the text
//! is gone), the lines counted by `text::LineIndex`.

mod actions;
mod date;
pub(crate) mod reads_as_minutes;
pub mod registers;

pub use date::{first_date, MeetingDate};

use crate::config::Config;
use crate::rules::undefined_abbreviations;
use crate::syntax::{AttendanceKind, DefinitionForm, Document, MarkerKind};
use crate::text::{LineIndex, TextRange};
use actions::one_line;
use std::collections::BTreeMap;

/// Every set of minutes in a folder, in the order they were handed over.
#[derive(Clone, Debug, Default)]
pub struct Folder {
    pub documents: Vec<FolderDocument>,
}

/// A place in one set of minutes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// One-based.
    pub line: u32,
    pub range: TextRange,
}

/// What one set of minutes contributes to the folder.
#[derive(Clone, Debug)]
pub struct FolderDocument {
    /// The file's name, as the shell shows it.
    pub path: String,
    /// The meeting's date, when its heading says it without doubt.
    pub date: Option<MeetingDate>,
    /// The first line of the heading: "Minutes of the Parish Council ...".
    pub title: Option<String>,
    /// The body that met, when the heading names one: "Wereham Parish Council".
    pub body: Option<String>,
    /// Each abbreviation spelled out, at each place it is.
    pub spelled_out: Vec<SpelledOut>,
    /// Each abbreviation used and never spelled out, at its first use.
    pub unexplained: Vec<Unexplained>,
    pub people: Vec<FolderPerson>,
    pub attendance: Vec<Attendance>,
    pub decisions: Vec<Decision>,
    pub actions: Vec<Action>,
    /// Sentences that may report an earlier meeting's action done.
    pub reports: Vec<Report>,
}

/// An abbreviation spelled out: "Lead Local Flood Authority (LLFA)".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpelledOut {
    pub key: String,
    /// The words, on one line.
    pub expansion: String,
    pub place: Place,
}

/// An abbreviation the minutes use and never spell out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unexplained {
    pub key: String,
    /// Its first use.
    pub place: Place,
}

/// A person named in one set of minutes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderPerson {
    /// The fullest form of the name, without title: "Sue Lintern".
    pub name: String,
    pub surname: String,
    pub first_name: Option<String>,
    /// Each form the name is written in, with its title, and how often.
    pub forms: Vec<(String, usize)>,
    /// The roles the minutes give them, each once, in text order.
    pub roles: Vec<String>,
    /// Where they are first named.
    pub place: Place,
}

/// Whether someone attended, as an attendance list records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Presence {
    Present,
    /// Officers and others: "In attendance", "Also present".
    InAttendance,
    Apologies,
    Absent,
}

impl Presence {
    pub fn as_str(self) -> &'static str {
        match self {
            Presence::Present => "present",
            Presence::InAttendance => "in attendance",
            Presence::Apologies => "apologies",
            Presence::Absent => "absent",
        }
    }
}

/// One line of an attendance list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attendance {
    /// The name as the register keys it: the fullest form the minutes give.
    pub name: String,
    /// The name as the list writes it, with its title.
    pub written: String,
    pub presence: Presence,
    pub place: Place,
}

/// A resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The minute's number ("118", "03/20"), or the resolution's own
    /// paragraph number (118.2) where it has one.
    pub minute: Option<String>,
    /// Its first words, on one line: "That the minutes be signed as a …".
    pub first_words: String,
    pub place: Place,
}

/// An action: who is to do what, and by when if the minutes say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub owner: String,
    pub what: String,
    pub by_when: Option<String>,
    pub minute: Option<String>,
    pub place: Place,
}

/// A sentence that names an owner and says something was done: "The
/// Clerk had contacted Highways".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The sentence, on one line.
    pub text: String,
    pub place: Place,
}

/// How many words of a resolution its register entry shows.
const FIRST_WORDS: usize = 12;
/// How far into the minutes their date is looked for: a heading, a date
/// line and a venue (and, in pages copied from a website, a preamble),
/// not the business.
const DATE_REACH: usize = 1500;

impl FolderDocument {
    /// Parses `text` and reads what it contributes.
    pub fn parse(path: &str, text: &str, config: &Config) -> FolderDocument {
        FolderDocument::read(path, text, &crate::syntax::parse(text), config)
    }

    /// Reads what one set of minutes, already parsed, contributes.
    pub fn read(path: &str, text: &str, doc: &Document, config: &Config) -> FolderDocument {
        FolderDocument::read_parts(path, text, doc, Some(config))
    }

    /// Reads only what the checks hear of other minutes (the date, what is
    /// spelled out, the people): for `clerk check` on a folder, which reads
    /// every file again to check it, so that the first reading costs little.
    pub fn read_for_checks(path: &str, text: &str, doc: &Document) -> FolderDocument {
        FolderDocument::read_parts(path, text, doc, None)
    }

    /// Reads the whole contribution with `config`, or with none only what
    /// the checks hear.
    fn read_parts(
        path: &str,
        text: &str,
        doc: &Document,
        config: Option<&Config>,
    ) -> FolderDocument {
        let index = LineIndex::new(text);
        let place = |range: TextRange| Place {
            line: index.line_of(range.start) as u32 + 1,
            range,
        };
        let title = doc
            .meeting
            .as_ref()
            .map(|meeting| one_line(meeting.title.of(text)))
            .filter(|title| !title.is_empty());
        let (date, _) = meeting_date(text, doc).unzip();
        // A person's initials ("Andy Beeston (AB)") are no abbreviation for
        // the index, and words whose letters do not fit (A003's finding)
        // are no trustworthy spelling-out to offer elsewhere.
        let is_a_name = |words: &str| {
            doc.people
                .iter()
                .any(|person| person.full_name.eq_ignore_ascii_case(words.trim()))
                || looks_like_a_name(words)
        };
        let spelled_out = doc
            .definitions
            .iter()
            .filter(|definition| {
                definition.form != DefinitionForm::Initials
                    && definition.letters_match
                    && !is_a_name(definition.expansion.of(text))
            })
            .map(|definition| SpelledOut {
                key: definition.key.to_string(),
                expansion: one_line(definition.expansion.of(text)),
                place: place(definition.range),
            })
            .collect();
        let people = doc
            .people
            .iter()
            .filter_map(|person| {
                let first = *person.mentions.first()?;
                let mut forms: Vec<(String, usize)> = Vec::new();
                for &mention in &person.mentions {
                    let form = one_line(doc.mentions[mention].range.of(text));
                    match forms.iter_mut().find(|(known, _)| *known == form) {
                        Some((_, count)) => *count += 1,
                        None => forms.push((form, 1)),
                    }
                }
                let mut roles: Vec<String> = Vec::new();
                for role in &person.roles {
                    let role = one_line(&role.text);
                    if !roles.contains(&role) {
                        roles.push(role);
                    }
                }
                Some(FolderPerson {
                    name: person.full_name.clone(),
                    surname: person.surname.clone(),
                    first_name: person.first_name.clone(),
                    forms,
                    roles,
                    place: place(doc.mentions[first].range),
                })
            })
            .collect();
        let Some(config) = config else {
            return FolderDocument {
                path: path.to_owned(),
                date,
                body: None,
                title,
                spelled_out,
                unexplained: Vec::new(),
                people,
                attendance: Vec::new(),
                decisions: Vec::new(),
                actions: Vec::new(),
                reports: Vec::new(),
            };
        };
        let unexplained = undefined_abbreviations(text, doc, config)
            .into_iter()
            .map(|undefined| Unexplained {
                key: undefined.key,
                place: place(undefined.first_use),
            })
            .collect();
        let attendance = doc
            .attendance
            .iter()
            .flat_map(|list| {
                let presence = match list.kind {
                    AttendanceKind::Present => Presence::Present,
                    AttendanceKind::InAttendance | AttendanceKind::Secretariat => {
                        Presence::InAttendance
                    }
                    AttendanceKind::Apologies => Presence::Apologies,
                    AttendanceKind::Absent => Presence::Absent,
                };
                list.entries.iter().map(move |entry| (presence, entry))
            })
            .filter_map(|(presence, entry)| {
                let written = one_line(entry.name.of(text));
                let name = entry
                    .person
                    .and_then(|person| doc.people.get(person))
                    .map_or_else(
                        || without_title(&written),
                        |person| person.full_name.clone(),
                    );
                (!name.is_empty()).then(|| Attendance {
                    name,
                    written,
                    presence,
                    place: place(entry.name),
                })
            })
            .collect();
        let minute_of = |item: Option<usize>| {
            item.and_then(|item| doc.items.get(item))
                .and_then(|item| item.number.as_ref())
                .map(|number| number.text.clone())
        };
        let decisions = doc
            .resolution_blocks
            .iter()
            .flat_map(|block| block.resolutions.iter().map(move |r| (block, r)))
            .map(|(block, resolution)| {
                let own_number = resolution
                    .marker
                    .as_ref()
                    .and_then(|marker| match &marker.kind {
                        MarkerKind::Paragraph { .. } => Some(marker.range.of(text).to_owned()),
                        _ => None,
                    });
                Decision {
                    minute: own_number.or_else(|| minute_of(block.item)),
                    first_words: first_words(resolution.text.of(text), FIRST_WORDS),
                    place: place(resolution.range),
                }
            })
            .collect();
        let actions = actions::actions(text, doc)
            .into_iter()
            .map(|found| Action {
                minute: minute_of(doc.block_at(found.range.start).and_then(|block| block.item)),
                owner: found.owner,
                what: found.what,
                by_when: found.by_when,
                place: place(found.range),
            })
            .collect();
        let reports = actions::reports(text, doc)
            .into_iter()
            .map(|found| Report {
                text: found.text,
                place: place(found.range),
            })
            .collect();
        FolderDocument {
            path: path.to_owned(),
            date,
            body: title.as_deref().and_then(body_of),
            title,
            spelled_out,
            unexplained,
            people,
            attendance,
            decisions,
            actions,
            reports,
        }
    }

    /// "the minutes of 4 March 2024", or of the file where the date is not known.
    pub fn called(&self) -> String {
        match &self.date {
            Some(date) => format!("the minutes of {}", date.written()),
            None => format!("the minutes in {}", self.path),
        }
    }
}

impl Folder {
    /// Reads each (name, text) pair in turn with the same settings: for a
    /// shell that has its own threads, `FolderDocument::parse` reads one.
    pub fn build<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
        config: &Config,
    ) -> Folder {
        Folder {
            documents: sources
                .into_iter()
                .map(|(path, text)| FolderDocument::parse(path, text, config))
                .collect(),
        }
    }

    /// What the folder's minutes spell out, for the checks: for each
    /// abbreviation, the way most sets of minutes spell it out (the
    /// earliest way, between equals), named by the earliest that do.
    pub fn words(&self) -> crate::rules::FolderWords {
        let mut words = crate::rules::FolderWords::default();
        for entry in registers::abbreviation_index(self, &Config::default()) {
            let commonest = entry
                .expansions
                .iter()
                .filter(|expansion| expansion.source == registers::Source::Minutes)
                // max_by_key keeps the last of equals; the index lists the
                // earliest first, so the search runs from the end.
                .rev()
                .max_by_key(|expansion| expansion.minutes_spelling_it_out);
            let Some(commonest) = commonest else {
                continue;
            };
            let Some(minutes) = &commonest.first_spelled_out else {
                continue;
            };
            words.spelled_out.insert(
                entry.abbreviation,
                crate::rules::SpelledOutElsewhere {
                    expansion: commonest.expansion.clone(),
                    minutes: minutes.named(),
                },
            );
        }
        words.name_variants = name_variants(self);
        words
    }

    /// The documents from earliest meeting to latest, undated ones last,
    /// each day's in name order.
    pub fn by_date(&self) -> Vec<&FolderDocument> {
        let mut documents: Vec<&FolderDocument> = self.documents.iter().collect();
        documents.sort_by(|a, b| {
            (a.date.is_none(), a.date, &a.path).cmp(&(b.date.is_none(), b.date, &b.path))
        });
        documents
    }
}

/// How much more often the common spelling of a surname must be written
/// than the rare one for the rare one to be taken for a slip.
const COMMON_BY: usize = 10;
/// A spelling written more often than this is no slip, however common the
/// other: two people, or a name the clerk spells so on purpose.
const RARE_AT_MOST: usize = 3;

/// A title's family and a surname as written: ("ms", "Mendoza").
type TitledSurname = (String, String);
/// Where a name is written: the minutes, by index, and their month.
type WrittenIn = (usize, Option<u32>);
/// A surname, how often it is written, and how often in each form.
type SurnameCount<'f> = (&'f str, usize, &'f BTreeMap<String, usize>);

/// The surnames the folder writes rarely beside a spelling a letter or two
/// away that it writes far more often under the same title.
fn name_variants(
    folder: &Folder,
) -> rustc_hash::FxHashMap<(String, String), crate::rules::NameVariant> {
    use crate::rules::{title_and_surname, title_family};
    // Each title family's surnames as written, with how often, and the
    // form (title and name) each is most written in.
    let mut counts: BTreeMap<(String, String), (usize, BTreeMap<String, usize>)> = BTreeMap::new();
    // Where each is written: the minutes, by index, and their month.
    let mut written_in: BTreeMap<TitledSurname, Vec<WrittenIn>> = BTreeMap::new();
    let mut first_names: rustc_hash::FxHashSet<String> = Default::default();
    for (index, document) in folder.documents.iter().enumerate() {
        let month = document
            .date
            .map(|date| u32::from(date.year) * 12 + u32::from(date.month));
        for person in &document.people {
            if let Some(first) = &person.first_name {
                first_names.insert(first.to_lowercase());
            }
            for (form, count) in &person.forms {
                let Some((title, surname)) = title_and_surname(form) else {
                    continue;
                };
                let entry = counts
                    .entry((title_family(title), surname.to_owned()))
                    .or_default();
                entry.0 += count;
                *entry.1.entry(format!("{title} {surname}")).or_default() += count;
                written_in
                    .entry((title_family(title), surname.to_owned()))
                    .or_default()
                    .push((index, month));
            }
        }
    }
    let mut by_family: BTreeMap<&str, Vec<SurnameCount>> = BTreeMap::new();
    for ((family, surname), (count, forms)) in &counts {
        by_family
            .entry(family.as_str())
            .or_default()
            .push((surname.as_str(), *count, forms));
    }
    let mut variants = rustc_hash::FxHashMap::default();
    for (family, surnames) in by_family {
        for &(rare, rare_count, _) in &surnames {
            if rare_count > RARE_AT_MOST || first_names.contains(&rare.to_lowercase()) {
                continue;
            }
            let places = |surname: &str| {
                written_in
                    .get(&(family.to_owned(), surname.to_owned()))
                    .map_or(&[][..], Vec::as_slice)
            };
            let candidates: Vec<_> = surnames
                .iter()
                .filter(|(common, common_count, _)| {
                    *common_count >= COMMON_BY * rare_count
                        && likely_slip(rare, common)
                        && written_near(places(rare), places(common))
                })
                .collect();
            // Two common names a slip away ("Carn" beside "Cann" and
            // "Cairn"): which was meant cannot be told.
            let [(common, common_count, forms)] = candidates.as_slice() else {
                continue;
            };
            let common_form = forms
                .iter()
                .max_by_key(|(_, count)| **count)
                .map(|(form, _)| form.clone())
                .unwrap_or_default();
            variants.insert(
                (family.to_owned(), rare.to_owned()),
                crate::rules::NameVariant {
                    common: (*common).to_owned(),
                    common_form,
                    common_count: *common_count,
                    variant_count: rare_count,
                },
            );
        }
    }
    variants
}

/// Whether every place the rare spelling is written lies near one of the
/// common spelling's: the same minutes, or minutes less than a year apart.
/// A name common years before or after is more likely another person's
/// ("Mr Chaplin" of 2005, "Mr Chapman" of 2008).
fn written_near(rare: &[WrittenIn], common: &[WrittenIn]) -> bool {
    /// Months apart that still count as near.
    const NEAR: u32 = 12;
    rare.iter().all(|&(minutes, month)| {
        common.iter().any(|&(other, other_month)| {
            other == minutes
                || matches!((month, other_month), (Some(a), Some(b)) if a.abs_diff(b) <= NEAR)
        })
    })
}

/// Whether `rare` reads as a slip in writing `common`: the same first
/// letter, and one letter added, dropped, changed or two swapped (in a
/// name of five letters or more), or two such (seven or more). A plural
/// or a possessive without its apostrophe ("Robsons") is another matter.
fn likely_slip(rare: &str, common: &str) -> bool {
    let (a, b) = (rare.to_lowercase(), common.to_lowercase());
    if a == b || a.chars().next() != b.chars().next() {
        return false;
    }
    if a.strip_suffix('s') == Some(&b) || b.strip_suffix('s') == Some(&a) {
        return false;
    }
    let shorter = a.chars().count().min(b.chars().count());
    match edits_apart(&a, &b, 2) {
        1 => shorter >= 5,
        2 => shorter >= 7,
        _ => false,
    }
}

/// How many single-letter edits (adding, dropping, changing a letter, or
/// swapping two beside each other) turn `a` into `b`, or `most + 1` when
/// it is more than `most`.
fn edits_apart(a: &str, b: &str, most: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > most {
        return most + 1;
    }
    let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in table.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in table[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let changed = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (table[i - 1][j] + 1)
                .min(table[i][j - 1] + 1)
                .min(table[i - 1][j - 1] + changed);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(table[i - 2][j - 2] + 1);
            }
            table[i][j] = best;
        }
    }
    table[a.len()][b.len()].min(most + 1)
}

/// The date of the meeting: the first date written at the head of the
/// minutes, before the first numbered agenda item. None where none is
/// written in full, so that a register never shows a guess. The head is
/// read from the top rather than from the heading the parser found: the
/// heading may be a later line ("MINUTES read and signed"), and lines in
/// capitals above the date may read as unnumbered items.
fn meeting_date(text: &str, doc: &Document) -> Option<(MeetingDate, usize)> {
    let start = doc.front_matter.map_or(0, |front_matter| front_matter.end);
    let first_item = doc
        .items
        .iter()
        .filter(|item| item.number.is_some())
        .map(|item| item.range.start)
        .find(|&at| at > start)
        .unwrap_or(text.len());
    let end = crate::text::floor_char_boundary(text, first_item.min(start + DATE_REACH));
    let (date, at) = first_date(&text[start..end])?;
    Some((date, start + at))
}

/// Whether the words spelling out initials read as a person's name: a
/// first name and a surname ("Dan Downs (DD)"), neither a word that ends
/// the name of a body or a role ("Parish Council", "Traffic Commissioner").
fn looks_like_a_name(words: &str) -> bool {
    use crate::syntax::lexicon;
    let words: Vec<&str> = words.split_whitespace().collect();
    let [first, surname] = words.as_slice() else {
        return false;
    };
    let plain = |word: &str| {
        let mut chars = word.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_lowercase() || c == '\'' || c == '-')
            && !lexicon::is_organisation_noun(word)
            && !lexicon::is_role_noun(word)
    };
    plain(first) && plain(surname) && !lexicon::is_not_first_name(first)
}

/// The body a heading names: the capitalised words before "Council",
/// "Committee" and their kind, or None.
fn body_of(title: &str) -> Option<String> {
    const BODY_NOUNS: [&str; 8] = [
        "council",
        "committee",
        "board",
        "association",
        "panel",
        "cabinet",
        "forum",
        "trust",
    ];
    const NOT_OF_A_NAME: [&str; 8] = [
        "minutes", "minute", "meeting", "draft", "of", "the", "annual", "ordinary",
    ];
    let words: Vec<&str> = title.split_whitespace().collect();
    let end = words.iter().position(|word| {
        let word = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        BODY_NOUNS.contains(&word.as_str())
    })?;
    let mut start = end;
    while start > 0 {
        let word = words[start - 1].trim_matches(|c: char| !c.is_alphanumeric());
        let capitalised = word.starts_with(|c: char| c.is_uppercase());
        if !capitalised || NOT_OF_A_NAME.contains(&word.to_lowercase().as_str()) {
            break;
        }
        start -= 1;
    }
    let name: Vec<String> = words[start..=end]
        .iter()
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .map(in_title_case)
        .collect();
    (start < end).then(|| name.join(" "))
}

/// A word set in capitals, written as a name is: "WERETON" as "Wereton".
fn in_title_case(word: &str) -> String {
    if word.chars().any(char::is_lowercase) {
        return word.to_owned();
    }
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_string() + &chars.as_str().to_lowercase())
        .unwrap_or_default()
}

/// A name without the title before it: "Cllr Sue Lintern" as "Sue Lintern".
fn without_title(name: &str) -> String {
    let mut words = name.split_whitespace().peekable();
    if words
        .peek()
        .is_some_and(|word| crate::syntax::lexicon::is_honorific(word.trim_end_matches('.')))
    {
        words.next();
    }
    words.collect::<Vec<_>>().join(" ")
}

/// The first `count` words of `text`, on one line, with "…" if there were more.
fn first_words(text: &str, count: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut shown = words[..words.len().min(count)].join(" ");
    if words.len() > count {
        shown.push_str(" …");
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTES: &str = "\
Minutes of the Wereton Parish Council meeting held on Tuesday 4 March 2024

Present: Cllr Ann Quill (Chair), Cllr Ben Stone
Apologies: Cllr Cara Dunn

1. Flooding

A reply came from the Internal Drainage Board (IDB). Cllr Stone asked about the LLFA. The Clerk to write to the LLFA by the next meeting.

RESOLVED:
1. That the reply be noted and the Clerk thanked for her work on the drains.
";

    #[test]
    fn reads_what_one_set_of_minutes_contributes() {
        let document = FolderDocument::parse("2024-03.txt", MINUTES, &Config::default());
        assert_eq!(
            document.date.map(|date| date.iso()),
            Some("2024-03-04".into())
        );
        assert_eq!(document.body.as_deref(), Some("Wereton Parish Council"));
        assert_eq!(document.called(), "the minutes of 4 March 2024");
        assert_eq!(document.spelled_out.len(), 1);
        assert_eq!(document.spelled_out[0].key, "IDB");
        assert_eq!(document.spelled_out[0].expansion, "Internal Drainage Board");
        assert_eq!(document.spelled_out[0].place.line, 8);
        let unexplained: Vec<&str> = document
            .unexplained
            .iter()
            .map(|u| u.key.as_str())
            .collect();
        assert_eq!(unexplained, ["LLFA"]);
        let attendance: Vec<(&str, Presence)> = document
            .attendance
            .iter()
            .map(|a| (a.name.as_str(), a.presence))
            .collect();
        assert_eq!(
            attendance,
            [
                ("Ann Quill", Presence::Present),
                ("Ben Stone", Presence::Present),
                ("Cara Dunn", Presence::Apologies)
            ]
        );
        assert_eq!(document.decisions.len(), 1);
        assert_eq!(document.decisions[0].minute.as_deref(), Some("1"));
        assert_eq!(
            document.decisions[0].first_words,
            "That the reply be noted and the Clerk thanked for her work …"
        );
        assert_eq!(document.actions.len(), 1);
        assert_eq!(document.actions[0].owner, "The Clerk");
        assert_eq!(
            document.actions[0].by_when.as_deref(),
            Some("the next meeting")
        );
        let stone = document
            .people
            .iter()
            .find(|p| p.surname == "Stone")
            .unwrap();
        assert_eq!(stone.name, "Ben Stone");
        assert!(stone.forms.contains(&("Cllr Stone".to_owned(), 1)));
    }

    #[test]
    fn the_folder_offers_the_commonest_spelling_out_named_by_its_earliest_minutes() {
        let march = "Minutes of the meeting held on 4 March 2024\n\nPresent: Cllr Ann Quill\n\nThe Village Amenity Survey (VAS) was received.\n";
        let april = "Minutes of the meeting held on 8 April 2024\n\nPresent: Cllr Ann Quill\n\nThe Vehicle Activated Sign (VAS) was mended.\n";
        let may = "Minutes of the meeting held on 13 May 2024\n\nPresent: Cllr Ann Quill\n\nThe Vehicle Activated Sign (VAS) was moved.\n";
        let folder = Folder::build(
            [("march.txt", march), ("may.txt", may), ("april.txt", april)],
            &Config::default(),
        );
        let words = folder.words();
        let vas = &words.spelled_out["VAS"];
        assert_eq!(vas.expansion, "Vehicle Activated Sign");
        assert_eq!(vas.minutes, "the minutes of 8 April 2024");
    }

    #[test]
    fn initials_spelled_out_as_a_name_are_no_abbreviation() {
        assert!(looks_like_a_name("Dan Downs"));
        assert!(!looks_like_a_name("Parish Council"));
        assert!(!looks_like_a_name("Traffic Commissioner"));
        assert!(!looks_like_a_name("Local Action Group"));
    }

    #[test]
    fn a_slip_is_a_letter_or_two_in_a_name_long_enough() {
        assert!(likely_slip("Medoza", "Mendoza"));
        assert!(likely_slip("Precet", "Precey"));
        assert!(
            !likely_slip("Lintem", "Lintern"),
            "two letters in a name under seven"
        );
        assert!(likely_slip("Fielder", "Fiedler"));
        assert!(!likely_slip("Cann", "Mann"), "another first letter");
        assert!(!likely_slip("Bury", "Berry"), "too short for two");
        assert!(!likely_slip("Muir", "Moir"), "too short for one");
        assert!(!likely_slip("Robsons", "Robson"), "a plural or possessive");
        assert!(!likely_slip("Harris", "Harrison"));
        assert_eq!(edits_apart("murffit", "murfitt", 2), 2);
    }

    #[test]
    fn names_the_body_a_heading_names() {
        assert_eq!(
            body_of("MINUTES OF WRETON PARISH COUNCIL MEETING").as_deref(),
            Some("Wreton Parish Council")
        );
        assert_eq!(
            body_of("Minutes of the Planning Committee").as_deref(),
            Some("Planning Committee")
        );
        assert_eq!(body_of("Minutes of 10 July"), None);
    }
}
