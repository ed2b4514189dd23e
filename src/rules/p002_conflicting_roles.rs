//! P002 conflicting-roles: one person given two different roles in the same minutes.
//!
//! ## What it checks
//! A person whose role is stated twice in one document, in words that do
//! not agree: "Ms Jordaan, Operational Director Corporate Parenting" and
//! later "Brigitte Jordaan, Director of Children's Social Care". A role that
//! repeats or shortens the other ("Chairman" and "Chairman of the
//! Committee"), a former role, and "Councillor" or "Member" beside an
//! office do not count.
//!
//! ## Why it matters
//! It is either a slip of the pen or a promotion the clerk forgot, and
//! either way the record misstates who spoke in what capacity. Roles may
//! differ between documents; within one they should agree.
//!
//! ## Example
//! ```text
//! Mr Raj Patel, Head of Finance, presented the budget.
//! ...
//! Mr Patel, Director of Resources, answered questions.
//! ```
//! Use instead: the one role the person held at the meeting.

use super::{Context, Rule, Sink};

pub const RULE: Rule = Rule {
    info: &crate::registry::P002,
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    // The same words of a role recur through a meeting: each is read once,
    // to its normal form, or to nothing when it is a former role or a membership.
    let mut forms: Vec<Option<String>> = Vec::new();
    let mut form_of: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for person in &cx.doc.people {
        // Each distinct role once, with where it was first stated: a person
        // named a hundred times with one role costs one comparison.
        let mut distinct: Vec<(usize, &crate::syntax::RoleStatement)> = Vec::new();
        for role in &person.roles {
            let form = *form_of.entry(role.text.as_str()).or_insert_with(|| {
                let normal = normalise(&role.text);
                forms.push((!is_former(&role.text) && !is_membership(&normal)).then_some(normal));
                forms.len() - 1
            });
            let Some(normal) = forms[form].as_deref() else {
                continue;
            };
            let seen_form = |seen: usize| forms[seen].as_deref().unwrap_or("");
            if distinct.iter().any(|&(seen, _)| seen_form(seen) == normal) {
                continue;
            }
            let conflict = distinct.iter().find(|&&(seen, earlier)| {
                earlier.mention != role.mention
                    && !seen_form(seen).contains(normal)
                    && !normal.contains(seen_form(seen))
            });
            if let Some((_, earlier)) = conflict {
                let name = role.mention.map_or(person.full_name.as_str(), |m| {
                    cx.doc.mentions[m].range.of(cx.text)
                });
                sink.push(
                    role.range,
                    format!("{name} is given the role \u{201c}{}\u{201d} here but \u{201c}{}\u{201d} earlier", role.text, earlier.text),
                )
                .related(earlier.range, "the earlier role");
                break;
            }
            distinct.push((form, role));
        }
    }
}

fn normalise(role: &str) -> String {
    let lower = role.to_lowercase().replace('’', "'");
    lower
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | '-' | '–'))
        .filter(|w| !w.is_empty() && *w != "the")
        .map(|w| match w {
            "chairman" | "chairwoman" | "chairperson" => "chair",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_former(role: &str) -> bool {
    [
        "former",
        "formerly",
        "previous",
        "previously",
        "ex-",
        "outgoing",
        "retiring",
        "retired",
        "late ",
    ]
    .iter()
    .any(|w| {
        role.get(..w.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(w))
    })
}

/// "Councillor", "Member", "Co-opted Member": a membership, held beside any
/// office. Takes the role's normal form.
fn is_membership(normal: &str) -> bool {
    matches!(
        normal,
        "councillor"
            | "member"
            | "co-opted member"
            | "cllr"
            | "parish councillor"
            | "town councillor"
            | "borough councillor"
            | "county councillor"
            | "district councillor"
    )
}
