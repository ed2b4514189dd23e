//! P001 missing-speaker-role: a person who speaks with no role given at their first mention.
//!
//! ## What it checks
//! A person who speaks in the minutes (presented, noted, explained, asked,
//! reported, said ...) whose role is not stated at or before
//! their first mention: not beside the name ("Ms Tina McElligott, Assistant
//! Director Family Services", "the Chief Executive, Mr John Hooton",
//! "Mrs A Smith (Clerk)"), not as "Councillor", and not in the attendance
//! list. One finding, at the first mention.
//!
//! ## When it stays silent
//! It fires only where it is sure the person was never introduced:
//! - the minutes say who attended (a list in any form: under a numbered
//!   item, as its own heading, over several lines, in front matter), and
//!   the person's surname, or one a letter or two away from it, is not
//!   there;
//! - the first mention opens a sentence and a verb of speaking follows at
//!   once ("Mr Hale explained"); not "proposed by Mr Hale" (proposers are
//!   members), "noted that Mr Hale had said", "has offered";
//! - no role, affiliation in brackets or title in capitals (MP) stands
//!   beside the name, and the name does not appear earlier with one;
//! - the item is not the public's part of the meeting, correspondence or
//!   someone's report ("Public Forum", "Village Hall Report");
//! - a name without an honorific names a person: only verbs people alone
//!   do count for it ("Park Farm confirmed" is a place).
//!
//! Minutes that never say who attended (an excerpt) give no finding,
//! unless the register in clerk.toml knows the person.
//!
//! ## Why it matters
//! Readers need to know in what capacity someone spoke: an officer's
//! advice, a member's view and a resident's question carry different
//! weight. Style guides ask for name and role on first mention, the name
//! alone after that.
//!
//! ## Example
//! ```text
//! Mr Patel explained that the budget was balanced.
//! ```
//! Use instead:
//! ```text
//! Mr Raj Patel, Head of Finance, explained that the budget was balanced.
//! ```
//! Where the register in clerk.toml or a later mention knows the role, the
//! finding says so and the fix writes it at the first mention.

use super::{Applicability, Context, Edit, Rule, Sink};
use crate::config::RegisteredPerson;
use crate::syntax::{lexicon, AttendanceKind, Document, Mention, MentionSource, Person};

pub const RULE: Rule = Rule {
    info: &crate::registry::P001,
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let doc = cx.doc;
    // Minutes that never say who was there (an excerpt, a note of a
    // meeting) give no ground to say someone was not introduced, unless
    // the register in clerk.toml knows the person.
    for person in &doc.people {
        let Some(first) = person.mentions.first().map(|&i| &doc.mentions[i]) else {
            continue;
        };
        // The first mention must itself be the person speaking: a name
        // first met in a letter or a report may be someone not present.
        // Cheap tests first; the roster is gathered only when one is passed.
        if has_role_at_first_mention(person, first)
            || affiliated(cx.text, first)
            || titled(cx.text, first)
            || !(first.speaks && speaks_in_own_words(cx.text, doc, first))
        {
            continue;
        }
        let roster = doc.roster(cx.text);
        let says_who_attended = !roster.is_empty();
        if !says_who_attended && cx.config.people.is_empty()
            || roster.names_nearly(&person.surname)
            || named_with_a_role_before(cx.text, &person.surname, first.range.start)
        {
            continue;
        }
        let mentions: Vec<&Mention> = person.mentions.iter().map(|&i| &doc.mentions[i]).collect();
        if matches!(
            person.attendance_kind,
            Some(AttendanceKind::Apologies | AttendanceKind::Absent)
        ) {
            continue;
        }
        let name = first.range.of(cx.text);
        let registered = registered(&cx.config.people, person, cx.text, &mentions);
        if !says_who_attended && registered.is_none() {
            continue;
        }
        let later = person
            .roles
            .iter()
            .find(|role| role.range.start > first.range.end);
        let (role, applicability) = match (registered.and_then(|r| r.role.as_deref()), later) {
            (Some(role), _) => (Some(role.to_owned()), Applicability::Safe),
            (None, Some(later)) => (Some(later.text.clone()), Applicability::Unsafe),
            (None, None) => (None, Applicability::Unsafe),
        };
        let message = match (&role, registered.and_then(|r| r.role.as_deref())) {
            (Some(role), Some(_)) => format!("{name} speaks but their role is not given here; the register gives \u{201c}{role}\u{201d}"),
            (Some(role), None) => format!("{name} speaks but their role is given only later, as \u{201c}{role}\u{201d}"),
            _ => format!("{name} speaks in these minutes but their role is never given"),
        };
        let finding = sink.push(first.range, message);
        if let Some(later) = later {
            finding.related(later.range, "the role is given here");
        }
        if let Some(speaking) = mentions
            .iter()
            .find(|m| m.speaks && speaks_in_own_words(cx.text, doc, m))
        {
            if speaking.range != first.range {
                finding.related(
                    speaking.range,
                    format!("{} speaks here", speaking.range.of(cx.text)),
                );
            }
        }
        if let Some(role) = role {
            let full = house_form(cx.text, first, person, registered);
            let after = &cx.text[first.range.end..];
            let comma = if after.starts_with([',', '.', ';', ':', ')']) {
                ""
            } else {
                ","
            };
            finding.fix(
                format!("Give {name}'s role: \u{201c}{full}, {role}\u{201d}"),
                applicability,
                vec![Edit::replace(first.range, format!("{full}, {role}{comma}"))],
            );
        }
    }
}

/// Whether the mention opens a sentence or clause and a speech verb
/// follows the name at once: "Mr Hale explained", "Ms Orme then asked".
/// Left out: "proposed by Mr Hale" (a proposer is a member, and a member
/// missing from the list is the list's slip), "noted that Mr Hale had
/// said" (reported, not spoken at the meeting), "has offered", "will
/// report" (not something said at this meeting).
fn speaks_in_own_words(text: &str, doc: &Document, mention: &Mention) -> bool {
    let Some(block) = doc
        .block_at(mention.range.start)
        .filter(|block| block.content.contains_range(mention.range))
    else {
        return false;
    };
    if heard_from_the_public(text, doc, block) {
        return false;
    }
    let before = text[block.content.start..mention.range.start].trim_end();
    // After a label ("Village Hall Report: Mr Eastgate reported") the
    // label says in what capacity the person speaks.
    let opens_clause = before.is_empty()
        || before.ends_with(['.', ';', '!', '?', ')', '>', '*', '–', '—'])
        || before.ends_with(" -");
    let under_a_report = block
        .item
        .and_then(|item| doc.items.get(item))
        .is_some_and(|item| {
            // "Village Hall Report", "Chairman's Report": the item is the
            // report of whoever gives it.
            let title = item
                .title
                .of(text)
                .trim_end_matches(|c: char| !c.is_alphabetic());
            let last = title.rsplit(char::is_whitespace).next().unwrap_or("");
            last.eq_ignore_ascii_case("report") || last.eq_ignore_ascii_case("reports")
        });
    if !opens_clause || under_a_report {
        return false;
    }
    let after = &text[mention.range.end..block.content.end];
    let mut words = after
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()));
    // A name without an honorific may be a body's or a place's ("Park
    // Farm confirmed"): only verbs that people alone do count for it.
    let person_only = mention.source == MentionSource::FullName;
    if person_only && names_a_role(mention.range.of(text)) {
        return false;
    }
    for _ in 0..2 {
        match words.next() {
            // Declaring an interest, proposing and seconding are members'
            // acts: a member missing from the list is the list's slip.
            Some("declared" | "proposed" | "seconded" | "moved") => return false,
            Some(word) if person_only => return PERSONAL_VERBS.contains(&word),
            Some(word) if lexicon::is_speech_verb(word) => return true,
            Some("also" | "then" | "further" | "again" | "briefly" | "formally") => continue,
            _ => return false,
        }
    }
    false
}

/// Whether the block lies under an item, heading or label for the public's
/// part of the meeting ("Public Participation", "Open Forum", "Matters
/// raised by the public:"), where the heading gives the speaker's
/// capacity, or for correspondence, where people write rather than speak.
fn heard_from_the_public(text: &str, doc: &Document, block: &crate::syntax::Block) -> bool {
    const PUBLIC: &[&str] = &[
        "public",
        "forum",
        "open session",
        "residents",
        "parishioners",
        "correspondence",
        "letters",
    ];
    let says_public = |slice: &str| {
        let lower = slice.to_lowercase();
        PUBLIC.iter().any(|word| lower.contains(word))
    };
    let item_title = block
        .item
        .and_then(|item| doc.items.get(item))
        .map(|item| item.title.of(text));
    let opening =
        crate::text::floor_char_boundary(text, (block.content.start + 60).min(block.content.end));
    // A heading of its own just above ("**Public Forum**").
    let index = doc
        .blocks
        .partition_point(|b| b.range.start < block.range.start);
    let headed = doc.blocks[..index]
        .iter()
        .rev()
        .take(4)
        .take_while(|b| b.item == block.item)
        .any(|b| {
            let content = b.content.of(text);
            content.len() <= 60 && says_public(content) || names_the_public_part(content)
        });
    item_title.is_some_and(says_public)
        || headed
        || says_public(&text[block.content.start..opening.max(block.content.start)])
        || {
            let after = doc
                .sections
                .partition_point(|section| section.range.start <= block.content.start);
            after
                .checked_sub(1)
                .map(|i| &doc.sections[i])
                .filter(|section| section.range.contains(block.content.start))
                .is_some_and(|section| says_public(section.label.of(text)))
        }
}

/// Whether a capitalised pair names a role, not a person: "Glazewing
/// Directors", "Parish Councillors".
fn names_a_role(name: &str) -> bool {
    name.split_whitespace().any(|word| {
        lexicon::is_role_noun(word) || word.strip_suffix('s').is_some_and(lexicon::is_role_noun)
    })
}

/// Whether a paragraph names the public's part of a meeting anywhere in it.
fn names_the_public_part(slice: &str) -> bool {
    const PHRASES: &[&str] = &[
        "public forum",
        "open forum",
        "public participation",
        "public question",
        "public session",
        "public comments",
        "raised by the public",
        "questions from the public",
    ];
    let lower = slice.to_lowercase();
    PHRASES.iter().any(|phrase| lower.contains(phrase))
}

/// Verbs a body, a scheme or a place is not the subject of in minutes.
const PERSONAL_VERBS: &[&str] = &[
    "said",
    "asked",
    "stated",
    "felt",
    "expressed",
    "queried",
    "enquired",
    "inquired",
    "replied",
    "commented",
    "remarked",
    "suggested",
    "thanked",
    "described",
    "explained",
    "briefed",
    "questioned",
    "wondered",
    "mentioned",
];

/// Whether the surname stands earlier in the text with words in apposition
/// or in brackets after it ("a talk by Mike Jackson, Director of
/// Planning,"): the parser may not have tied that name to this person.
fn named_with_a_role_before(text: &str, surname: &str, before: usize) -> bool {
    if surname.len() < 3 {
        return false;
    }
    memchr::memmem::find_iter(&text.as_bytes()[..before], surname.as_bytes()).any(|at| {
        let after = &text[at + surname.len()..before];
        let after = after
            .strip_prefix(',')
            .unwrap_or(after)
            .trim_start_matches(' ');
        let opened = after.len() < text[at + surname.len()..before].len();
        after.starts_with('(') || opened && after.starts_with(|c: char| c.is_uppercase())
    })
}

/// Whether a title in capitals stands beside the name: "Dr Ann Lee MP",
/// "MP Mr Tom Reid", "Jo Hart OBE". Such letters give the capacity.
fn titled(text: &str, mention: &Mention) -> bool {
    let in_capitals = |word: &str| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase())
    };
    let name = mention.range.of(text);
    let last = name.rsplit(' ').next().unwrap_or("");
    let before = text[..mention.range.start].trim_end_matches([' ', '\t']);
    let previous = before.rsplit([' ', '\n', '\t']).next().unwrap_or("");
    name.contains(' ') && in_capitals(last)
        || in_capitals(previous) && !before.ends_with(['.', ':'])
}

/// Whether the name is followed by an affiliation or role in brackets:
/// "Mr Ray Moss (Village News)", "Ann Bell (Govan East CC)". A capacity
/// given that way is given, whether or not the parser reads it as a role.
fn affiliated(text: &str, mention: &Mention) -> bool {
    let after = text[mention.range.end..].trim_start_matches([' ', '\t', '\u{a0}']);
    after
        .strip_prefix('(')
        .map(|inside| inside.trim_start())
        .is_some_and(|inside| {
            inside.starts_with(|c: char| c.is_uppercase()) || inside.starts_with("the ")
        })
}

fn has_role_at_first_mention(person: &Person, first: &Mention) -> bool {
    first.role.is_some()
        || first.role_title
        || first.source == MentionSource::Attendance
            && matches!(
                person.attendance_kind,
                Some(AttendanceKind::Present | AttendanceKind::Secretariat)
            )
}

/// The register's entry for a person: by full name, by another form of the
/// name, or by surname where the first names do not disagree.
fn registered<'c>(
    register: &'c [RegisteredPerson],
    person: &Person,
    text: &str,
    mentions: &[&Mention],
) -> Option<&'c RegisteredPerson> {
    register.iter().find(|entry| {
        entry.name == person.full_name
            || entry
                .aliases
                .iter()
                .any(|alias| mentions.iter().any(|m| m.range.of(text) == alias))
            || entry.name.split_whitespace().last() == Some(person.surname.as_str())
                && person
                    .first_name
                    .as_deref()
                    .is_none_or(|first| entry.name.split_whitespace().next() == Some(first))
    })
}

/// The name as the house writes it on first mention: honorific, first name, surname.
fn house_form(
    text: &str,
    first: &Mention,
    person: &Person,
    registered: Option<&RegisteredPerson>,
) -> String {
    let written = first.range.of(text);
    // A register entry may carry its own honorific ("Mr Okafor"): the
    // honorific is written once, as the minutes wrote it.
    let registered_name = registered.map(|r| {
        r.name
            .split_whitespace()
            .skip_while(|w| crate::syntax::lexicon::is_honorific(w.trim_end_matches('.')))
            .collect::<Vec<_>>()
            .join(" ")
    });
    let full_name = registered_name
        .as_deref()
        .filter(|name| !name.is_empty())
        .unwrap_or(person.full_name.as_str());
    let honorific = written
        .split_whitespace()
        .next()
        .filter(|w| crate::syntax::lexicon::is_honorific(w.trim_end_matches('.')));
    match honorific {
        Some(honorific) => format!("{honorific} {full_name}"),
        None => full_name.to_owned(),
    }
}
