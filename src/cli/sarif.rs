//! `--format sarif`: one SARIF 2.1.0 log of the run, as GitHub code
//! scanning and other CI systems read it: every check's metadata from
//! `RULES`, each finding with its place, its related places and its fix,
//! and the files that could not be checked as notifications.

use super::files::Unchecked;
use super::position::{Located, Span};
use crate::rules::{Applicability, Finding, Rule, Severity, RULES};
use serde_json::{json, Value};

/// The SARIF log of one run, built up file by file.
#[derive(Default)]
pub(crate) struct SarifLog {
    results: Vec<Value>,
    notifications: Vec<Value>,
}

impl SarifLog {
    pub fn file(&mut self, shown: &str, located: &Located, findings: &[Finding]) {
        let uri = uri_of(shown);
        for finding in findings {
            self.results.push(result(&uri, located, finding));
        }
    }

    /// A file that could not be checked, or a broken clerk.toml.
    pub fn trouble(&mut self, trouble: &Unchecked) {
        let mut location = json!({"artifactLocation": {"uri": uri_of(&trouble.path)}});
        if let Some(line) = trouble.line {
            let mut region = json!({"startLine": line});
            if let Some(column) = trouble.column {
                region["startColumn"] = json!(column);
            }
            location["region"] = region;
        }
        self.notifications.push(json!({
            "level": "error",
            "message": {"text": trouble.message},
            "locations": [{"physicalLocation": location}],
        }));
    }

    /// The whole log, as pretty JSON with a final line end.
    pub fn finish(self) -> String {
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "clerk",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": RULES.iter().map(rule).collect::<Vec<_>>(),
                }},
                "invocations": [{
                    "executionSuccessful": self.notifications.is_empty(),
                    "toolExecutionNotifications": self.notifications,
                }],
                // Columns count characters, as in every other format.
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }],
        });
        let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// A check as SARIF describes a rule: its code, its name, its one-line
/// summary and its whole documentation.
fn rule(rule: &Rule) -> Value {
    let doc = rule.doc();
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": format!("{}.", rule.summary())},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": level(rule.default_severity)},
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result(uri: &str, located: &Located, finding: &Finding) -> Value {
    let mut result = json!({
        "ruleId": finding.code,
        "level": level(finding.severity),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": physical(uri, located.span(finding.range))}],
    });
    if let Some(index) = RULES.iter().position(|rule| rule.code == finding.code) {
        result["ruleIndex"] = json!(index);
    }
    if !finding.related.is_empty() {
        result["relatedLocations"] = finding
            .related
            .iter()
            .enumerate()
            .map(|(id, related)| {
                json!({
                    "id": id,
                    "physicalLocation": physical(uri, located.span(related.range)),
                    "message": {"text": related.message},
                })
            })
            .collect();
    }
    let choose = !finding.alternatives.is_empty();
    let fixes: Vec<Value> = finding
        .fixes()
        .map(|fix| {
            let how = match fix.applicability {
                _ if choose => "one reading of several: a person chooses; clerk check applies none",
                Applicability::Safe => "safe: clerk check --fix applies it",
                Applicability::Unsafe => {
                    "unsafe: read it first; clerk check --unsafe-fixes applies it"
                }
            };
            json!({
                "description": {"text": format!("{} ({how})", fix.title)},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri},
                    "replacements": fix.edits.iter().map(|edit| json!({
                        "deletedRegion": region(located.span(edit.range)),
                        "insertedContent": {"text": edit.new_text},
                    })).collect::<Vec<_>>(),
                }],
                "properties": {"applicability": fix.applicability},
            })
        })
        .collect();
    if !fixes.is_empty() {
        result["fixes"] = Value::Array(fixes);
    }
    result
}

fn physical(uri: &str, span: Span) -> Value {
    json!({"artifactLocation": {"uri": uri}, "region": region(span)})
}

/// A region by lines and columns from 1; SARIF's end column, like ours, is
/// the column just past the last character.
fn region(span: Span) -> Value {
    json!({
        "startLine": span.start.line,
        "startColumn": span.start.column,
        "endLine": span.end.line,
        "endColumn": span.end.column,
    })
}

/// A path as a URI reference: relative paths stay relative (code scanning
/// reads them from the repository's root), absolute ones become `file:`
/// URIs, and anything a URI may not hold is percent-encoded.
pub(crate) fn uri_of(path: &str) -> String {
    // On Windows a backslash parts folders; elsewhere it is a character
    // of the name, and percent-encoded with the rest.
    let slashed = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_owned()
    };
    let bytes = slashed.as_bytes();
    // A Windows path with a drive letter: C:/minutes/x.txt.
    let drive = cfg!(windows)
        && bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && &bytes[1..3] == b":/";
    let absolute = bytes.first() == Some(&b'/') || drive;
    let mut uri = String::with_capacity(slashed.len() + 8);
    if bytes.first() == Some(&b'/') {
        uri.push_str("file://");
    } else if drive {
        uri.push_str("file:///");
    }
    for &byte in bytes {
        // A colon in a relative reference would read as a scheme.
        let keep = byte.is_ascii_alphanumeric()
            || b"-._~/!$&'()*+,;=@".contains(&byte)
            || (byte == b':' && absolute);
        if keep {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_of("minutes/2024-03.txt"), "minutes/2024-03.txt");
        assert_eq!(uri_of("minutes/March 2024.txt"), "minutes/March%202024.txt");
        assert_eq!(uri_of("café #2.txt"), "caf%C3%A9%20%232.txt");
        assert_eq!(
            uri_of("/srv/minutes/a:b.txt"),
            "file:///srv/minutes/a:b.txt"
        );
        assert_eq!(uri_of("a:b.txt"), "a%3Ab.txt");
        if cfg!(windows) {
            assert_eq!(uri_of("C:\\minutes\\x.txt"), "file:///C:/minutes/x.txt");
        } else {
            assert_eq!(uri_of("back\\slash.txt"), "back%5Cslash.txt");
        }
    }
}
