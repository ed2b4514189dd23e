//! A001 undefined-abbreviation: an abbreviation used but never spelled out.
//!
//! ## What it checks
//! An abbreviation (a word of two or more capitals, such as MASH, DfE or
//! NCC-HD, and its plurals and possessives) that the minutes never spell
//! out, that is not in the glossary of clerk.toml, and that is not one
//! every reader knows (UK, NHS, MP ...). One finding per abbreviation, at
//! its first use, naming the other uses. Words in a heading set wholly in
//! capitals, formal words (RESOLVED, AGREED) and Roman numerals are not
//! abbreviations; initials defined in the attendance list are defined.
//!
//! ## Why it matters
//! Minutes are read by residents, members and auditors who do not share
//! the officers' shorthand. Style guides ask for every abbreviation to be
//! spelled out at first use; members complain when they are not.
//!
//! ## Example
//! ```text
//! Following publication of the DfE report, the Director noted ...
//! ```
//! Use instead:
//! ```text
//! Following publication of the Department for Education (DfE) report ...
//! ```
//! Where the glossary or the built-in dictionary knows the expansion, the
//! finding says so and the fix writes it at the first use.

use super::{Applicability, Context, Edit, Rule, Severity, Sink};
use crate::config::ExpansionSource;

pub const RULE: Rule = Rule {
    code: "A001",
    name: "undefined-abbreviation",
    default_severity: Severity::Warning,
    source: include_str!("a001_undefined_abbreviation.rs"),
    check,
};

/// How many other uses a finding names, so a page of uses stays readable.
const MAX_RELATED: usize = 20;

fn check(cx: &Context, sink: &mut Sink) {
    let config = cx.config;
    for entry in &cx.abbreviations().entries {
        if !entry.definitions.is_empty() || entry.uses.is_empty() || config.is_known(&entry.key) {
            continue;
        }
        let glossary = config.glossary.contains_key(&entry.key);
        if glossary && config.glossary_defines {
            continue;
        }
        let uses: Vec<_> = entry
            .uses
            .iter()
            .map(|&i| &cx.doc.abbreviations[i])
            .collect();
        let first = uses[0];
        let key = &entry.key;
        let expansion = config.expansion(key);
        let message = match expansion {
            Some((expansion, ExpansionSource::Glossary)) => {
                format!("{key} is not spelled out in these minutes; the glossary gives \u{201c}{expansion}\u{201d}")
            }
            Some((expansion, ExpansionSource::Dictionary)) => {
                format!("{key} is not spelled out in these minutes; it usually stands for \u{201c}{expansion}\u{201d}")
            }
            None => format!("{key} is not spelled out anywhere in these minutes"),
        };
        let finding = sink.push(first.range, message);
        let used_here_too = format!("{key} is used here too");
        for other in uses.iter().skip(1).take(MAX_RELATED) {
            finding.related(other.range, used_here_too.clone());
        }
        if let Some((expansion, source)) = expansion {
            let applicability = match source {
                ExpansionSource::Glossary => Applicability::Safe,
                ExpansionSource::Dictionary => Applicability::Unsafe,
            };
            finding.fix(
                format!("Spell out {key} as \u{201c}{expansion} ({key})\u{201d}"),
                applicability,
                vec![Edit::replace(first.range, format!("{expansion} ({key})"))],
            );
        }
    }
}
