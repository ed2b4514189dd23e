//! Code actions as plain data: the edits "fix all" applies, and what a
//! finding would add to clerk.toml (a glossary entry, a person in the register).

use super::people::person_at;
use crate::config::Config;
use crate::rules::{compatible_fixes, Applicability, Edit, Finding};
use crate::syntax::Document;
use crate::text::line_ending;

/// The safe fixes of every finding, as one set of edits that do not overlap;
/// where two fixes touch the same text, the earlier finding's wins. The
/// choice is the one `--fix` makes.
pub fn fix_all(findings: &[Finding]) -> Vec<Edit> {
    let safe = findings
        .iter()
        .filter_map(|finding| finding.fix.as_ref())
        .filter(|fix| fix.applicability == Applicability::Safe);
    let mut edits: Vec<Edit> = compatible_fixes(safe)
        .into_iter()
        .flat_map(|fix| fix.edits.iter().cloned())
        .collect();
    edits.sort_by_key(|edit| edit.range);
    edits
}

/// What a finding could add to clerk.toml instead of changing the minutes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigAddition {
    /// `[abbreviations]`: the abbreviation and its expansion. Offered only
    /// where the expansion is known: clerk.toml refuses an empty one.
    Glossary {
        abbreviation: String,
        expansion: String,
    },
    /// `[[people]]`: the person, and their role where known.
    Register { name: String, role: Option<String> },
}

/// The clerk.toml addition that would answer `finding`: an undefined
/// abbreviation goes in the glossary, a speaker without a role in the register.
pub fn config_addition(
    text: &str,
    doc: &Document,
    config: &Config,
    finding: &Finding,
) -> Option<ConfigAddition> {
    match finding.code {
        "A001" => {
            let range = finding.range;
            let abbreviation = super::people::first_near(
                &doc.abbreviations,
                |use_| use_.range,
                range.start,
                range.end,
                |use_| range.contains_range(use_) || use_.touches(range.start),
            )
            .map(|index| doc.abbreviations[index].key.to_string())
            .unwrap_or_else(|| {
                finding
                    .range
                    .of(text)
                    .trim_end_matches("'s")
                    .trim_end_matches('s')
                    .to_owned()
            });
            if abbreviation.is_empty() || config.glossary.contains_key(&abbreviation) {
                return None;
            }
            let expansion = config.expansion(&abbreviation)?.0.to_owned();
            Some(ConfigAddition::Glossary {
                abbreviation,
                expansion,
            })
        }
        "P001" => {
            let (person, _) = person_at(doc, finding.range.start)?;
            let person = &doc.people[person];
            let name = person.full_name.clone();
            if config.people.iter().any(|known| known.name == name) {
                return None;
            }
            Some(ConfigAddition::Register {
                name,
                role: person.roles.first().map(|role| role.text.clone()),
            })
        }
        _ => None,
    }
}

/// `new_text` with its line breaks written as the document writes them, so
/// that a fix or a snippet keeps a CRLF document CRLF and an old Mac
/// document (a lone CR) free of LF.
pub fn in_line_endings_of(text: &str, new_text: &str) -> String {
    let eol = line_ending(text);
    if eol == "\n" || !new_text.contains(['\n', '\r']) {
        return new_text.to_owned();
    }
    let mut out = String::with_capacity(new_text.len() + 8);
    let mut chars = new_text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str(eol);
            }
            '\n' => out.push_str(eol),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::in_line_endings_of;

    #[test]
    fn inserted_breaks_follow_the_document() {
        assert_eq!(in_line_endings_of("a\nb", "x\r\ny\n"), "x\r\ny\n");
        assert_eq!(in_line_endings_of("a\r\nb", "x\ny\r\n"), "x\r\ny\r\n");
        assert_eq!(in_line_endings_of("a\rb\r", "x\ny\r\nz\r"), "x\ry\rz\r");
    }
}
