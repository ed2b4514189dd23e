//! Hover: what an abbreviation stands for and where it is spelled out (here,
//! or in other minutes of the folder), who a
//! person is and where they were introduced, and what a finding says, with
//! one line on its check and the command that explains the check in full.

use super::people::{introduction, person_at};
use super::Analysis;
use crate::config::{Config, ExpansionSource};
use crate::rules::{find_rule, FolderWords};
use crate::text::{LineIndex, TextRange};

/// What to show for the text under the cursor, kept as marked-up pieces so
/// that it can be written as Markdown or as plain text, whichever the
/// editor shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    /// The text the hover is about.
    pub range: TextRange,
    /// Answers about one thing each (the abbreviation, the person, each
    /// finding), in paragraphs.
    pub sections: Vec<Vec<Paragraph>>,
}

/// One paragraph of a hover: a run of pieces.
pub type Paragraph = Vec<Span>;

/// A piece of a hover's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    /// Words as they are.
    Text(String),
    /// What the paragraph is about: bold, where the editor shows Markdown.
    Name(String),
    /// Something to type in a terminal: code, where the editor shows Markdown.
    Command(String),
}

impl Hover {
    /// The hover in Markdown: names bold, commands as code, the text of the
    /// minutes escaped so that it shows as written, sections ruled off.
    pub fn markdown(&self) -> String {
        self.render(
            |span| match span {
                Span::Text(text) => escape_markdown(text),
                Span::Name(name) => format!("**{}**", escape_markdown(name)),
                Span::Command(command) => format!("`{command}`"),
            },
            "\n\n",
            "\n\n---\n\n",
        )
    }

    /// The hover as plain text, with no mark-up an editor would show raw:
    /// a command in quotation marks, a paragraph a line, a blank line
    /// between sections.
    pub fn plain_text(&self) -> String {
        self.render(
            |span| match span {
                Span::Text(text) | Span::Name(text) => text.clone(),
                Span::Command(command) => format!("“{command}”"),
            },
            "\n",
            "\n\n",
        )
    }

    fn render(
        &self,
        span: impl Fn(&Span) -> String,
        between_paragraphs: &str,
        between_sections: &str,
    ) -> String {
        self.sections
            .iter()
            .map(|section| {
                section
                    .iter()
                    .map(|paragraph| paragraph.iter().map(&span).collect::<String>())
                    .collect::<Vec<_>>()
                    .join(between_paragraphs)
            })
            .collect::<Vec<_>>()
            .join(between_sections)
    }
}

/// Text written so that Markdown shows it as it is: a `*` or `_` in the
/// minutes must not turn the rest of the hover italic.
fn escape_markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            escaped.push('\\');
        }
        escaped.push(ch);
    }
    escaped
}

fn text(text: impl Into<String>) -> Span {
    Span::Text(text.into())
}

fn name(name: impl Into<String>) -> Span {
    Span::Name(name.into())
}

/// The hover at `offset`, if there is anything to say.
pub fn hover(
    text_of_minutes: &str,
    index: &LineIndex,
    analysis: &Analysis,
    config: &Config,
    offset: usize,
) -> Option<Hover> {
    hover_in_folder(text_of_minutes, index, analysis, config, None, offset)
}

/// The hover at `offset`, saying too where the other minutes of the folder
/// spell out an abbreviation these minutes do not.
pub fn hover_in_folder(
    text_of_minutes: &str,
    index: &LineIndex,
    analysis: &Analysis,
    config: &Config,
    folder: Option<&FolderWords>,
    offset: usize,
) -> Option<Hover> {
    let doc = &analysis.doc;
    let line_of = |range: TextRange| index.line_of(range.start) + 1;
    let quoted = |range: TextRange| format!("“{}”", clean(range.of(text_of_minutes)));
    let mut sections: Vec<Vec<Paragraph>> = Vec::new();
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
            .find(|definition| definition.key == key);
        let elsewhere = folder
            .and_then(|folder| folder.spelled_out.get(key.as_str()))
            .filter(|_| definition.is_none());
        let (meaning, whence) = match (definition, config.expansion(key)) {
            (Some(definition), _) => (
                Some(clean(definition.expansion.of(text_of_minutes))),
                format!(
                    "Spelled out on line {}: {}",
                    line_of(definition.range),
                    quoted(definition.range)
                ),
            ),
            (None, Some((expansion, ExpansionSource::Glossary))) => (
                Some(expansion.to_owned()),
                "From the glossary in clerk.toml; not spelled out in these minutes".to_owned(),
            ),
            (None, Some((expansion, ExpansionSource::Dictionary))) => (
                Some(expansion.to_owned()),
                "From clerk's dictionary; not spelled out in these minutes".to_owned(),
            ),
            (None, None) if config.is_known(key) => (
                None,
                "known to every reader; needs no spelling out".to_owned(),
            ),
            (None, None) if elsewhere.is_some() => (
                elsewhere.map(|elsewhere| elsewhere.expansion.clone()),
                "Not spelled out in these minutes".to_owned(),
            ),
            (None, None) => (None, "not spelled out in these minutes".to_owned()),
        };
        let mut section = match meaning {
            Some(meaning) => vec![
                vec![name(key.as_str()), text(format!(": {meaning}"))],
                vec![text(whence)],
            ],
            None => vec![vec![name(key.as_str()), text(format!(": {whence}"))]],
        };
        if let Some(elsewhere) = elsewhere {
            section.push(vec![text(format!(
                "Spelled out as “{}” in {}",
                elsewhere.expansion, elsewhere.minutes
            ))]);
        }
        sections.push(section);
    } else if let Some((person_index, mention)) = person_at(doc, offset) {
        let person = &doc.people[person_index];
        range = Some(doc.mentions[mention].range);
        let mut paragraphs = vec![vec![name(person.full_name.as_str())]];
        let register_role = config
            .people
            .iter()
            .find(|registered| super::people::same_person(&registered.name, &person.full_name))
            .and_then(|registered| registered.role.clone());
        paragraphs.push(vec![text(match (person.roles.first(), register_role) {
            (Some(role), _) => format!("{} (line {})", role.text, line_of(role.range)),
            (None, Some(role)) => format!("{role} (from the register in clerk.toml)"),
            (None, None) => "No role given in these minutes".to_owned(),
        })]);
        if let Some(first) = introduction(doc, person) {
            paragraphs.push(vec![text(format!(
                "First named on line {}: {}",
                line_of(first),
                quoted(first)
            ))]);
        }
        sections.push(paragraphs);
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
        // One line on the check; its whole documentation is a command away
        // rather than pasted into every hover.
        sections.push(vec![
            vec![
                name(format!("{} {}", rule.code, rule.name)),
                text(format!(": {}", finding.message)),
            ],
            vec![
                text(format!("What it flags: {}; ", rule.summary())),
                Span::Command(format!("clerk rules {}", rule.code)),
                text(" explains this check."),
            ],
        ]);
    }
    Some(Hover {
        range: range?,
        sections,
    })
}

fn clean(text: &str) -> String {
    super::outline::clean(text)
}
