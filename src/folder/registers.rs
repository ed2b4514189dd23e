//! The folder's knowledge put in order for a reader: the index of
//! abbreviations, and the registers of people, decisions, actions and
//! attendance. Plain data; the shells choose how to show it.

use super::{Folder, FolderDocument, MeetingDate};
use crate::config::Config;
use serde::Serialize;
use std::collections::BTreeMap;

/// One set of minutes, as a register names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Minutes {
    pub file: String,
    /// One-based; the line a register entry points at.
    pub line: u32,
    /// "2024-03-04", when the minutes give it without doubt.
    #[serde(serialize_with = "iso_date")]
    pub date: Option<MeetingDate>,
}

fn iso_date<S: serde::Serializer>(date: &Option<MeetingDate>, to: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => to.serialize_str(&date.iso()),
        None => to.serialize_none(),
    }
}

impl Minutes {
    pub(crate) fn at(document: &FolderDocument, line: u32) -> Minutes {
        Minutes {
            file: document.path.clone(),
            line,
            date: document.date,
        }
    }

    /// "the minutes of 4 March 2024", or "the minutes in 2024-03.txt" when undated.
    pub fn named(&self) -> String {
        match &self.date {
            Some(date) => format!("the minutes of {}", date.written()),
            None => format!("the minutes in {}", self.file),
        }
    }

    /// "4 March 2024 (2024-03.txt)", or the file alone when undated.
    pub fn called(&self) -> String {
        match &self.date {
            Some(date) => format!("{} ({})", date.written(), self.file),
            None => self.file.clone(),
        }
    }
}

/// Where an expansion in the index comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Spelled out in minutes of the folder.
    Minutes,
    /// `[abbreviations]` in clerk.toml.
    Glossary,
    /// The dictionary clerk ships (or `[dictionary.expansions]`), for an
    /// abbreviation no minutes spell out.
    Dictionary,
}

/// One way an abbreviation is spelled out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Expansion {
    pub expansion: String,
    pub source: Source,
    /// The earliest minutes that spell it out this way.
    pub first_spelled_out: Option<Minutes>,
    /// How many sets of minutes spell it out this way.
    pub minutes_spelling_it_out: usize,
}

/// An abbreviation, every way the folder spells it out, and the minutes
/// that use it without spelling it out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IndexEntry {
    pub abbreviation: String,
    pub expansions: Vec<Expansion>,
    /// Earliest first; each set of minutes once, at its first use.
    pub used_without_spelling_out: Vec<Minutes>,
}

impl IndexEntry {
    /// Whether the minutes spell it out in more than one way.
    pub fn spelled_differently(&self) -> bool {
        self.expansions
            .iter()
            .filter(|expansion| expansion.source == Source::Minutes)
            .count()
            > 1
    }
}

/// Two spellings-out are one when they differ only in case, spacing, "&"
/// for "and" or a plural: "Internal Drainage Board" and "internal drainage
/// boards".
pub(crate) fn same_words(expansion: &str) -> String {
    expansion
        .split_whitespace()
        .map(|word| {
            let word = word.to_lowercase().replace('&', "and");
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            word.strip_suffix('s').unwrap_or(word).to_owned()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The index of abbreviations: each one the folder's minutes spell out or
/// use unexplained, and each in the glossary; in the order of the alphabet.
pub fn abbreviation_index(folder: &Folder, config: &Config) -> Vec<IndexEntry> {
    let mut entries: BTreeMap<(String, String), IndexEntry> = BTreeMap::new();
    for document in folder.by_date() {
        // Each set of minutes counts once for each way it spells a word out.
        let mut counted: Vec<(&str, String)> = Vec::new();
        for spelled in &document.spelled_out {
            let entry = entry_for(&mut entries, &spelled.key);
            let words = same_words(&spelled.expansion);
            let at = match entry
                .expansions
                .iter()
                .position(|known| same_words(&known.expansion) == words)
            {
                Some(at) => at,
                None => {
                    entry.expansions.push(Expansion {
                        expansion: spelled.expansion.clone(),
                        source: Source::Minutes,
                        first_spelled_out: Some(Minutes::at(document, spelled.place.line)),
                        minutes_spelling_it_out: 0,
                    });
                    entry.expansions.len() - 1
                }
            };
            if !counted.contains(&(spelled.key.as_str(), words.clone())) {
                entry.expansions[at].minutes_spelling_it_out += 1;
                counted.push((spelled.key.as_str(), words));
            }
        }
        for unexplained in &document.unexplained {
            entry_for(&mut entries, &unexplained.key)
                .used_without_spelling_out
                .push(Minutes::at(document, unexplained.place.line));
        }
    }
    for (key, expansion) in &config.glossary {
        entry_for(&mut entries, key).expansions.insert(
            0,
            Expansion {
                expansion: expansion.clone(),
                source: Source::Glossary,
                first_spelled_out: None,
                minutes_spelling_it_out: 0,
            },
        );
    }
    for entry in entries.values_mut() {
        if entry.expansions.is_empty() {
            if let Some((expansion, _)) = config.expansion(&entry.abbreviation) {
                entry.expansions.push(Expansion {
                    expansion: expansion.to_owned(),
                    source: Source::Dictionary,
                    first_spelled_out: None,
                    minutes_spelling_it_out: 0,
                });
            }
        }
    }
    entries.into_values().collect()
}

/// The index's entry for `key`, made if need be; keyed so that the index
/// runs in the order of the alphabet whatever the case.
fn entry_for<'e>(
    entries: &'e mut BTreeMap<(String, String), IndexEntry>,
    key: &str,
) -> &'e mut IndexEntry {
    entries
        .entry((key.to_lowercase(), key.to_owned()))
        .or_insert_with(|| IndexEntry {
            abbreviation: key.to_owned(),
            expansions: Vec::new(),
            used_without_spelling_out: Vec::new(),
        })
}

/// Who a name belongs to across the folder: the surname, the first letter
/// of the first name where one is written, and whether a title says a man
/// ('m': Mr) or a woman ('f': Mrs, Ms, Miss): ("quill", Some('a'), None).
type Who = (String, Option<char>, Option<char>);

/// `name` is the fullest form, without title; `titled` a form as written.
fn who(name: &str, titled: &str) -> Who {
    let words: Vec<&str> = name.split_whitespace().collect();
    let surname = words
        .last()
        .map(|word| word.to_lowercase())
        .unwrap_or_default();
    let initial = (words.len() > 1)
        .then(|| words[0].chars().next())
        .flatten()
        .map(|c| c.to_ascii_lowercase());
    let title = titled.split_whitespace().next().unwrap_or("");
    let kind = match crate::rules::title_family(title).as_str() {
        "mr" | "messrs" => Some('m'),
        "ms" => Some('f'),
        _ => None,
    };
    (surname, initial, kind)
}

/// Settles which entry each name joins: a name that says less ("Cllr
/// Quill", no first name) joins the one entry of that surname that says
/// more and does not contradict it ("Cllr Ann Quill", "Mrs A Quill");
/// where two would do, or none, it keeps an entry of its own. "Mrs Lewis"
/// never joins "Mr J Lewis".
fn settle(keys: &[Who]) -> std::collections::HashMap<Who, Who> {
    let agree = |a: Option<char>, b: Option<char>| a.is_none() || b.is_none() || a == b;
    // What a name may join: one with a first name, if it has none (and,
    // failing that, one with a title that says man or woman); one with the
    // same first name and such a title, if it has a first name but no such title.
    let may_join = |key: &Who, other: &Who, with_first_names: bool| {
        other.0 == key.0
            && agree(key.2, other.2)
            && match (key.1, other.1) {
                (None, Some(_)) => true,
                (None, None) => !with_first_names && key.2.is_none() && other.2.is_some(),
                (Some(a), Some(b)) => a == b && key.2.is_none() && other.2.is_some(),
                (Some(_), None) => false,
            }
    };
    let mut distinct: Vec<&Who> = keys.iter().collect();
    distinct.sort();
    distinct.dedup();
    let mut settled: std::collections::HashMap<Who, Who> = distinct
        .iter()
        .map(|&key| (key.clone(), key.clone()))
        .collect();
    // Most specific first, so that "Cllr Ann Quill" has joined "Mrs Ann
    // Quill" before "Cllr Quill" looks for whom to join.
    let mut order = distinct.clone();
    order.sort_by_key(|key| {
        std::cmp::Reverse(usize::from(key.1.is_some()) + usize::from(key.2.is_some()))
    });
    for &key in &order {
        let with_first_names = distinct
            .iter()
            .any(|other| other.0 == key.0 && other.1.is_some());
        let mut targets: Vec<Who> = distinct
            .iter()
            .filter(|other| may_join(key, other, with_first_names))
            .map(|other| settled[*other].clone())
            .collect();
        targets.sort();
        targets.dedup();
        if let [only] = targets.as_slice() {
            settled.insert(key.clone(), only.clone());
        }
    }
    settled
}

/// Who a person of one set of minutes is, by their name and the title of
/// the form most written.
fn person_who(person: &super::FolderPerson) -> Who {
    let titled = person
        .forms
        .iter()
        .max_by_key(|(_, count)| *count)
        .map_or("", |(form, _)| form.as_str());
    who(&person.name, titled)
}

/// A role someone held, and the first and last meetings that give it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleHeld {
    pub role: String,
    pub first: Minutes,
    pub last: Minutes,
}

/// A form of a name, and how often the folder writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NameForm {
    pub form: String,
    pub count: usize,
}

/// A person in the people register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PersonEntry {
    /// The fullest form of the name, without title.
    pub name: String,
    /// Most written first.
    pub forms: Vec<NameForm>,
    pub roles: Vec<RoleHeld>,
    pub first_named: Minutes,
    /// How many sets of minutes name them.
    pub minutes: usize,
}

/// Everyone the folder's minutes name, by surname.
pub fn people_register(folder: &Folder) -> Vec<PersonEntry> {
    let documents = folder.by_date();
    let keys: Vec<Who> = documents
        .iter()
        .flat_map(|document| document.people.iter().map(person_who))
        .collect();
    let settled = settle(&keys);
    let mut people: BTreeMap<Who, PersonEntry> = BTreeMap::new();
    for document in documents {
        for person in &document.people {
            let key = settled[&person_who(person)].clone();
            let here = Minutes::at(document, person.place.line);
            let entry = people.entry(key).or_insert_with(|| PersonEntry {
                name: person.name.clone(),
                forms: Vec::new(),
                roles: Vec::new(),
                first_named: here.clone(),
                minutes: 0,
            });
            entry.minutes += 1;
            // The fullest name wins: "Ann Quill" over "Quill".
            if person.name.split_whitespace().count() > entry.name.split_whitespace().count() {
                entry.name = person.name.clone();
            }
            for (form, count) in &person.forms {
                match entry.forms.iter_mut().find(|known| known.form == *form) {
                    Some(known) => known.count += count,
                    None => entry.forms.push(NameForm {
                        form: form.clone(),
                        count: *count,
                    }),
                }
            }
            for role in &person.roles {
                let same = |held: &&mut RoleHeld| held.role.eq_ignore_ascii_case(role);
                match entry.roles.iter_mut().find(same) {
                    Some(held) => held.last = here.clone(),
                    None => entry.roles.push(RoleHeld {
                        role: role.clone(),
                        first: here.clone(),
                        last: here.clone(),
                    }),
                }
            }
        }
    }
    let mut people: Vec<PersonEntry> = people.into_values().collect();
    for person in &mut people {
        person
            .forms
            .sort_by(|a, b| b.count.cmp(&a.count).then(a.form.cmp(&b.form)));
    }
    people
}

/// A resolution in the decisions register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DecisionEntry {
    pub minutes: Minutes,
    pub body: Option<String>,
    pub minute: Option<String>,
    pub first_words: String,
}

/// Every resolution, by meeting date, then in the order of the minutes.
pub fn decisions_register(folder: &Folder) -> Vec<DecisionEntry> {
    folder
        .by_date()
        .into_iter()
        .flat_map(|document| {
            document
                .decisions
                .iter()
                .map(move |decision| DecisionEntry {
                    minutes: Minutes::at(document, decision.place.line),
                    body: document.body.clone(),
                    minute: decision.minute.clone(),
                    first_words: decision.first_words.clone(),
                })
        })
        .collect()
}

/// An action in the action register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActionEntry {
    pub owner: String,
    pub action: String,
    pub by_when: Option<String>,
    pub minutes: Minutes,
    pub minute: Option<String>,
    /// The first later meeting's minutes that report it done, if any.
    pub done: Option<Minutes>,
}

/// How many of the next meetings of the same body are read for a report
/// that an action was done: the report comes at the next meeting or soon
/// after, and a like action years on ("contact Highways") is another.
const REPORTED_WITHIN: usize = 3;

/// Whole months from one date's month to another's.
fn months_between(from: MeetingDate, to: MeetingDate) -> i32 {
    (i32::from(to.year) * 12 + i32::from(to.month))
        - (i32::from(from.year) * 12 + i32::from(from.month))
}

/// Every action, by meeting date, then in the order of the minutes, each
/// with the first later meeting that reports it done. Only the next
/// [`REPORTED_WITHIN`] dated meetings of the same body (as the headings
/// name it), within a year, count, and only a sentence that names the owner, shares
/// the action's main words and says it was done (see
/// [`super::actions::reports_done`]).
pub fn actions_register(folder: &Folder) -> Vec<ActionEntry> {
    let documents = folder.by_date();
    documents
        .iter()
        .flat_map(|document| {
            let documents = &documents;
            document.actions.iter().map(move |action| ActionEntry {
                owner: action.owner.clone(),
                action: action.what.clone(),
                by_when: action.by_when.clone(),
                minutes: Minutes::at(document, action.place.line),
                minute: action.minute.clone(),
                done: document.date.and_then(|date| {
                    documents
                        .iter()
                        .filter(|later| {
                            later.body == document.body
                                && later.date.is_some_and(|later| {
                                    later > date && months_between(date, later) <= 12
                                })
                        })
                        .take(REPORTED_WITHIN)
                        .find_map(|later| {
                            later
                                .reports
                                .iter()
                                .find(|report| {
                                    super::actions::reports_done(
                                        &action.owner,
                                        &action.what,
                                        action.by_when.as_deref(),
                                        &report.text,
                                    )
                                })
                                .map(|report| Minutes::at(later, report.place.line))
                        })
                }),
            })
        })
        .collect()
}

/// One meeting in a member's attendance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MeetingAttended {
    pub minutes: Minutes,
    pub body: Option<String>,
    #[serde(serialize_with = "presence_words")]
    pub attendance: super::Presence,
}

fn presence_words<S: serde::Serializer>(
    presence: &super::Presence,
    to: S,
) -> Result<S::Ok, S::Error> {
    to.serialize_str(presence.as_str())
}

/// A member's attendance: each meeting whose attendance lists name them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttendanceEntry {
    pub name: String,
    pub present: usize,
    pub apologies: usize,
    pub absent: usize,
    pub in_attendance: usize,
    /// Earliest first.
    pub meetings: Vec<MeetingAttended>,
}

/// Everyone an attendance list names, by surname, with each meeting.
pub fn attendance_register(folder: &Folder) -> Vec<AttendanceEntry> {
    use super::Presence;
    let documents = folder.by_date();
    let keys: Vec<Who> = documents
        .iter()
        .flat_map(|document| {
            document
                .attendance
                .iter()
                .map(|line| who(&line.name, &line.written))
        })
        .collect();
    let settled = settle(&keys);
    let mut members: BTreeMap<Who, AttendanceEntry> = BTreeMap::new();
    for document in documents {
        for line in &document.attendance {
            let key = settled[&who(&line.name, &line.written)].clone();
            let entry = members.entry(key).or_insert_with(|| AttendanceEntry {
                name: line.name.clone(),
                present: 0,
                apologies: 0,
                absent: 0,
                in_attendance: 0,
                meetings: Vec::new(),
            });
            if line.name.split_whitespace().count() > entry.name.split_whitespace().count() {
                entry.name = line.name.clone();
            }
            let minutes = Minutes::at(document, line.place.line);
            // Named twice in one meeting's lists (present, and again among
            // the officers): the first list counts.
            if entry
                .meetings
                .iter()
                .any(|meeting| meeting.minutes.file == minutes.file)
            {
                continue;
            }
            match line.presence {
                Presence::Present => entry.present += 1,
                Presence::Apologies => entry.apologies += 1,
                Presence::Absent => entry.absent += 1,
                Presence::InAttendance => entry.in_attendance += 1,
            }
            entry.meetings.push(MeetingAttended {
                minutes,
                body: document.body.clone(),
                attendance: line.presence,
            });
        }
    }
    members.into_values().collect()
}

/// How many sets of minutes a Markdown cell names before it counts the rest.
const MINUTES_SHOWN: usize = 6;

/// Minutes named in a cell: the first few, then how many more.
fn minutes_cell(minutes: &[Minutes]) -> String {
    let mut named: Vec<String> = minutes
        .iter()
        .take(MINUTES_SHOWN)
        .map(Minutes::called)
        .collect();
    if minutes.len() > MINUTES_SHOWN {
        named.push(format!("and {} more", minutes.len() - MINUTES_SHOWN));
    }
    named.join("; ")
}

/// The index as Markdown, as `clerk index` prints it and the language
/// server's "clerk.showIndex" command answers: a table of each
/// abbreviation, what it stands for, where it is first spelled out and
/// where it is used without being spelled out. `clean` makes the text of
/// the minutes safe where it is shown (a terminal wants its controls made
/// visible; an editor's document does not).
pub fn index_markdown(
    index: &[IndexEntry],
    folder: &Folder,
    clean: &dyn Fn(&str) -> String,
) -> String {
    let cell = |text: &str| clean(text).replace('|', "\\|");
    let minutes = folder.documents.len();
    let dated = folder.documents.iter().filter(|d| d.date.is_some()).count();
    let mut out = String::from("# Index of abbreviations\n\n");
    let spelled_out = index
        .iter()
        .filter(|entry| entry.expansions.iter().any(|e| e.source == Source::Minutes))
        .count();
    out.push_str(&format!(
        "{} abbreviations in {minutes} sets of minutes ({dated} with the meeting's date in their heading); {spelled_out} of them spelled out in at least one.\n\n",
        index.len()
    ));
    if index.is_empty() {
        return out;
    }
    out.push_str(
        "| Abbreviation | Stands for | First spelled out | Used without being spelled out in |\n",
    );
    out.push_str("| --- | --- | --- | --- |\n");
    for entry in index {
        let unexplained = minutes_cell(&entry.used_without_spelling_out);
        if entry.expansions.is_empty() {
            out.push_str(&format!(
                "| {} | (not spelled out in any minutes) | | {} |\n",
                cell(&entry.abbreviation),
                cell(&unexplained)
            ));
            continue;
        }
        for (n, expansion) in entry.expansions.iter().enumerate() {
            let stands_for = match expansion.source {
                Source::Minutes => expansion.expansion.clone(),
                Source::Glossary => format!("{} (the glossary)", expansion.expansion),
                Source::Dictionary => {
                    format!(
                        "{} (clerk's dictionary; not spelled out in any minutes)",
                        expansion.expansion
                    )
                }
            };
            let first = expansion
                .first_spelled_out
                .as_ref()
                .map(|minutes| format!("{}, line {}", minutes.called(), minutes.line))
                .unwrap_or_default();
            // The minutes that leave it unexplained are named once, on its first row.
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                cell(&entry.abbreviation),
                cell(&stands_for),
                cell(&first),
                if n == 0 {
                    cell(&unexplained)
                } else {
                    String::new()
                }
            ));
        }
    }
    let differing: Vec<&str> = index
        .iter()
        .filter(|entry| entry.spelled_differently())
        .map(|entry| entry.abbreviation.as_str())
        .collect();
    if !differing.is_empty() {
        out.push_str(&format!(
            "\nSpelled out in more than one way: {}.\n",
            clean(&differing.join(", "))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_that_says_less_joins_the_one_it_fits() {
        let quill = who("Ann Quill", "Cllr Ann Quill");
        let bare = who("Quill", "Cllr Quill");
        let mrs_lewis = who("Lewis", "Mrs Lewis");
        let mr_lewis = who("J Lewis", "Mr J Lewis");
        let settled = settle(&[
            quill.clone(),
            bare.clone(),
            mrs_lewis.clone(),
            mr_lewis.clone(),
        ]);
        assert_eq!(settled[&bare], quill);
        assert_eq!(settled[&mrs_lewis], mrs_lewis, "a woman never joins a man");
        assert_eq!(settled[&mr_lewis], mr_lewis);
    }

    #[test]
    fn a_title_and_a_first_name_written_apart_are_one_person() {
        let trudy = who("Trudy Mann", "Cllr Trudy Mann");
        let mrs = who("Mann", "Mrs Mann");
        let bare = who("Mann", "Cllr Mann");
        let settled = settle(&[trudy.clone(), mrs.clone(), bare.clone()]);
        assert_eq!(settled[&mrs], trudy);
        assert_eq!(settled[&bare], trudy);
    }

    #[test]
    fn a_name_that_fits_two_keeps_its_own_entry() {
        let ann = who("Ann Quill", "Cllr Ann Quill");
        let bob = who("Bob Quill", "Cllr Bob Quill");
        let bare = who("Quill", "Cllr Quill");
        let settled = settle(&[ann, bob, bare.clone()]);
        assert_eq!(settled[&bare], bare);
    }
}
