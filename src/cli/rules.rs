//! `clerk rules`: the list of checks, or one check's documentation.

use super::output::error_line;
use super::{Outcome, OutlineFormat, RulesArgs};
use crate::rules::{find_rule, Rule, Severity, RULES};
use serde::Serialize;
use std::io::Write;

pub(crate) fn run(args: &RulesArgs) -> Outcome {
    let rendered = match &args.check {
        None => match args.format {
            OutlineFormat::Human => table(),
            OutlineFormat::Json => json(
                &RULES
                    .iter()
                    .map(|rule| JsonRule::new(rule, false))
                    .collect::<Vec<_>>(),
            ),
        },
        Some(wanted) => {
            let Some(rule) = find_rule(wanted) else {
                let codes: Vec<String> = RULES
                    .iter()
                    .map(|rule| format!("{} ({})", rule.code, rule.name))
                    .collect();
                anstream::eprintln!(
                    "{}",
                    error_line(&format!(
                        "there is no check called \"{wanted}\"; the checks are:\n  {}",
                        codes.join("\n  ")
                    ))
                );
                return Outcome::Failed;
            };
            match args.format {
                OutlineFormat::Human => explain(rule),
                OutlineFormat::Json => json(&JsonRule::new(rule, true)),
            }
        }
    };
    // Through anstream, which drops the bold where the output is not a terminal.
    let _ = anstream::stdout().write_all(rendered.as_bytes());
    Outcome::Clean
}

/// Whether a check runs when nothing selects or ignores checks.
fn on_by_default(rule: &Rule) -> bool {
    crate::config::Config::default().severity_of(rule).is_some()
}

/// Every check in a table: code, name, default severity, whether it runs
/// by default, summary.
fn table() -> String {
    let header = ("CODE", "NAME", "SEVERITY", "DEFAULT", "WHAT IT FLAGS");
    let name_width = RULES
        .iter()
        .map(|rule| rule.name.len())
        .max()
        .unwrap_or(0)
        .max(header.1.len());
    let code_width = RULES
        .iter()
        .map(|rule| rule.code.len())
        .max()
        .unwrap_or(0)
        .max(header.0.len());
    let severity_width = header.2.len();
    let default_width = header.3.len();
    let row = |code: &str, name: &str, severity: &str, default: &str, summary: &str| {
        format!(
            "{code:<code_width$}  {name:<name_width$}  {severity:<severity_width$}  {default:<default_width$}  {summary}"
        )
        .trim_end()
        .to_owned()
            + "\n"
    };
    let mut out = row(header.0, header.1, header.2, header.3, header.4);
    for rule in RULES {
        out.push_str(&row(
            rule.code,
            rule.name,
            rule.default_severity.as_str(),
            if on_by_default(rule) { "on" } else { "off" },
            rule.summary(),
        ));
    }
    out
}

/// One check's documentation, headed by its code, name and severity, and
/// for a check that ships off, how to switch it on.
fn explain(rule: &Rule) -> String {
    let doc = rule.doc();
    let doc = doc.trim();
    // The documentation opens with "CODE name: summary."; that line heads
    // the page, and the severity follows it.
    let (heading, body) = match doc.split_once('\n') {
        Some((first, rest)) if first.starts_with(rule.code) => (first.to_owned(), rest.trim()),
        _ if doc.starts_with(rule.code) => (doc.to_owned(), ""),
        _ => (
            format!("{} {}: {}", rule.code, rule.name, rule.summary()),
            doc,
        ),
    };
    let mut out = format!(
        "{heading}\nDefault severity: {}\n",
        rule.default_severity.as_str()
    );
    if !on_by_default(rule) {
        out.push_str(&format!(
            "Off by default: it runs where select or extend-select names it (--extend-select {})\n",
            rule.code
        ));
    }
    if !body.is_empty() {
        out.push_str(&format!("\n{}", for_a_terminal(body)));
    }
    out
}

/// The documentation's Markdown as a terminal shows it: headings in bold
/// without their `#`, code blocks indented without their fences, and code
/// spans and emphasis without their marks. (The bold falls away where the
/// output is not a terminal, as all clerk's colour does.)
fn for_a_terminal(markdown: &str) -> String {
    let bold = anstyle::Style::new().bold();
    let mut out = String::with_capacity(markdown.len());
    let mut in_code = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            out.push_str("    ");
            out.push_str(line);
        } else if let Some(heading) = line
            .strip_prefix('#')
            .map(|rest| rest.trim_start_matches('#'))
        {
            out.push_str(&format!("{bold}{}{bold:#}", heading.trim()));
        } else {
            out.push_str(&line.replace('`', "").replace("**", ""));
        }
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct JsonRule {
    code: &'static str,
    name: &'static str,
    default_severity: Severity,
    /// Whether the check runs when nothing selects or ignores checks.
    on_by_default: bool,
    summary: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc: Option<String>,
}

impl JsonRule {
    fn new(rule: &Rule, with_doc: bool) -> JsonRule {
        JsonRule {
            code: rule.code,
            name: rule.name,
            default_severity: rule.default_severity,
            on_by_default: on_by_default(rule),
            summary: rule.summary(),
            doc: with_doc.then(|| rule.doc()),
        }
    }
}

fn json(value: &impl Serialize) -> String {
    let mut json = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned());
    json.push('\n');
    json
}
