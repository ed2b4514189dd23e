//! P001 missing-speaker-role: a person who speaks with no role given at their first mention.
//!
//! ## What it checks
//! A person who speaks in the minutes (presented, noted, explained, asked,
//! proposed, seconded, reported ...) whose role is not stated at or before
//! their first mention: not beside the name ("Ms Tina McElligott, Assistant
//! Director Family Services", "the Chief Executive, Mr John Hooton",
//! "Mrs A Smith (Clerk)"), not as "Councillor", and not in the attendance
//! list. One finding, at the first mention.
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

use super::{Applicability, Context, Edit, Rule, Severity, Sink};
use crate::config::RegisteredPerson;
use crate::syntax::{AttendanceKind, Mention, MentionSource, Person};

pub const RULE: Rule = Rule {
    code: "P001",
    name: "missing-speaker-role",
    default_severity: Severity::Warning,
    source: include_str!("p001_missing_speaker_role.rs"),
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let doc = cx.doc;
    for person in &doc.people {
        let mentions: Vec<&Mention> = person.mentions.iter().map(|&i| &doc.mentions[i]).collect();
        let Some(first) = mentions.first() else {
            continue;
        };
        if !mentions.iter().any(|m| m.speaks) || has_role_at_first_mention(person, first) {
            continue;
        }
        if matches!(
            person.attendance_kind,
            Some(AttendanceKind::Apologies | AttendanceKind::Absent)
        ) {
            continue;
        }
        let name = first.range.of(cx.text);
        let registered = registered(&cx.config.people, person, cx.text, &mentions);
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
        if let Some(speaking) = mentions.iter().find(|m| m.speaks) {
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
    let full_name = registered.map_or(person.full_name.as_str(), |r| r.name.as_str());
    let honorific = written
        .split_whitespace()
        .next()
        .filter(|w| crate::syntax::lexicon::is_honorific(w.trim_end_matches('.')));
    match honorific {
        Some(honorific) => format!("{honorific} {full_name}"),
        None => full_name.to_owned(),
    }
}
