//! Hover: what an abbreviation stands for and where it is spelled out, who a
//! person is and where they were introduced, and what a finding's check is for.

use super::people::{introduction, person_at};
use super::Analysis;
use crate::config::{Config, ExpansionSource};
use crate::rules::find_rule;
use crate::text::{LineIndex, TextRange};

/// What to show for the text under the cursor, as Markdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    /// The text the hover is about.
    pub range: TextRange,
    pub markdown: String,
}

/// The hover at `offset`, if there is anything to say.
pub fn hover(
    text: &str,
    index: &LineIndex,
    analysis: &Analysis,
    config: &Config,
    offset: usize,
) -> Option<Hover> {
    let doc = &analysis.doc;
    let line_of = |range: TextRange| index.line_of(range.start) + 1;
    let mut parts: Vec<String> = Vec::new();
    let mut range: Option<TextRange> = None;

    if let Some(use_) = doc
        .abbreviations
        .iter()
        .find(|use_| use_.range.touches(offset))
    {
        let key = &use_.key;
        range = Some(use_.range);
        let definition = doc
            .definitions
            .iter()
            .find(|definition| &definition.key == key);
        parts.push(match (definition, config.expansion(key)) {
            (Some(definition), _) => format!(
                "**{key}**: {}\n\nSpelled out on line {}: “{}”",
                clean(definition.expansion.of(text)),
                line_of(definition.range),
                clean(definition.range.of(text))
            ),
            (None, Some((expansion, ExpansionSource::Glossary))) => {
                format!("**{key}**: {expansion}\n\nFrom the glossary in clerk.toml; not spelled out in these minutes")
            }
            (None, Some((expansion, ExpansionSource::Dictionary))) => {
                format!("**{key}**: {expansion}\n\nFrom clerk's dictionary; not spelled out in these minutes")
            }
            (None, None) if config.is_known(key) => format!("**{key}**: known to every reader; needs no spelling out"),
            (None, None) => format!("**{key}**: not spelled out in these minutes"),
        });
    } else if let Some((person_index, mention)) = person_at(doc, offset) {
        let person = &doc.people[person_index];
        range = Some(doc.mentions[mention].range);
        let mut lines = vec![format!("**{}**", person.full_name)];
        let register_role = config
            .people
            .iter()
            .find(|registered| super::people::same_person(&registered.name, &person.full_name))
            .and_then(|registered| registered.role.clone());
        match (person.roles.first(), register_role) {
            (Some(role), _) => lines.push(format!("{} (line {})", role.text, line_of(role.range))),
            (None, Some(role)) => lines.push(format!("{role} (from the register in clerk.toml)")),
            (None, None) => lines.push("No role given in these minutes".to_owned()),
        }
        if let Some(first) = introduction(doc, person) {
            lines.push(format!(
                "First named on line {}: “{}”",
                line_of(first),
                clean(first.of(text))
            ));
        }
        parts.push(lines.join("\n\n"));
    }

    for finding in analysis
        .findings
        .iter()
        .filter(|finding| finding.range.touches(offset))
    {
        let Some(rule) = find_rule(finding.code) else {
            continue;
        };
        range = Some(range.map_or(finding.range, |range| range.cover(finding.range)));
        let mut section = format!("**{} {}**: {}", rule.code, rule.name, finding.message);
        let doc = rule.doc();
        if !doc.trim().is_empty() {
            section.push_str("\n\n");
            section.push_str(doc.trim());
        }
        parts.push(section);
    }
    Some(Hover {
        range: range?,
        markdown: parts.join("\n\n---\n\n"),
    })
}

fn clean(text: &str) -> String {
    super::outline::clean(text)
}
