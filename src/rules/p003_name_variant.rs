//! P003 name-variant: a surname spelled a letter or two away from the way the folder usually spells it.
//!
//! ## What it checks
//! Checked with the other minutes of its folder (`clerk check FOLDER`), a
//! name written with a title ("Mrs Medoza") whose surname differs by one
//! or two letters (added, dropped, changed or two swapped) from a surname
//! that the folder writes under the same title at least ten times as
//! often ("Mrs Mendoza", 26 times). One finding at each place the rare
//! spelling is written, with the common spelling as an unsafe fix.
//!
//! ## When it stays silent
//! - on a file checked alone: only a folder shows which spelling is usual;
//! - where both spellings are frequent (the rare one written more than
//!   three times): two people, or a spelling the clerk means;
//! - on names of four letters or fewer, and on two letters in names of
//!   fewer than seven ("Muir" and "Moir", "Bury" and "Berry" are names in
//!   their own right);
//! - where the first letters differ ("Cann" beside "Mann"), where the rare
//!   spelling only adds an s ("the Robsons"), where it is a first name
//!   elsewhere in the folder ("Cllr Mandy"), and where two common names
//!   lie a slip away (which was meant cannot be told);
//! - for a surname of the register in clerk.toml (`[[people]]`): the
//!   clerk has said that person is someone.
//!
//! ## Why it matters
//! A misspelt name in the legal record is a small discourtesy to the
//! person and a large nuisance to anyone searching years of minutes for
//! what they said or how they voted.
//!
//! ## Example
//! ```text
//! Mrs Medoza reported on the footpath survey.
//! ```
//! where the folder's other minutes write "Mrs Mendoza" 26 times. Use instead:
//! ```text
//! Mrs Mendoza reported on the footpath survey.
//! ```

use super::{title_and_surname, title_family, Applicability, Context, Edit, Rule, Sink};
use crate::text::TextRange;

pub const RULE: Rule = Rule {
    info: &crate::registry::P003,
    check,
};

fn check(cx: &Context, sink: &mut Sink) {
    let Some(folder) = cx.folder else {
        return;
    };
    if folder.name_variants.is_empty() {
        return;
    }
    let registered = |surname: &str| {
        cx.config.people.iter().any(|person| {
            std::iter::once(&person.name)
                .chain(&person.aliases)
                .any(|name| {
                    name.split_whitespace()
                        .last()
                        .is_some_and(|last| last.eq_ignore_ascii_case(surname))
                })
        })
    };
    for mention in &cx.doc.mentions {
        let written = mention.range.of(cx.text);
        let Some((title, surname)) = title_and_surname(written) else {
            continue;
        };
        let Some(variant) = folder
            .name_variants
            .get(&(title_family(title), surname.to_owned()))
        else {
            continue;
        };
        if registered(surname) {
            continue;
        }
        let Some(at) = written.rfind(surname) else {
            continue;
        };
        let range = TextRange::new(
            mention.range.start + at,
            mention.range.start + at + surname.len(),
        );
        let times = |count: usize| match count {
            1 => "once".to_owned(),
            2 => "twice".to_owned(),
            n => format!("{n} times"),
        };
        let message = format!(
            "{surname} may be a misspelling of {}: the minutes of this folder write \u{201c}{}\u{201d} {} and \u{201c}{title} {surname}\u{201d} {}",
            variant.common,
            variant.common_form,
            times(variant.common_count),
            times(variant.variant_count)
        );
        sink.push(range, message).fix(
            format!(
                "Spell the name \u{201c}{}\u{201d}, as the folder does",
                variant.common
            ),
            Applicability::Unsafe,
            vec![Edit::replace(range, variant.common.clone())],
        );
    }
}
