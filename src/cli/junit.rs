//! `--format junit`: the run as a JUnit XML report, which CI systems
//! (GitLab, Jenkins, Azure Pipelines, CircleCI) show as test results: one
//! test suite per file, one failing test case per finding, a passing one
//! for a file with nothing found, and an error for a file that could not
//! be checked.

use super::files::Unchecked;
use super::position::Located;
use crate::rules::{Finding, Severity};

/// The JUnit report of one run, built up file by file.
#[derive(Default)]
pub(crate) struct JunitReport {
    suites: Vec<Suite>,
}

struct Suite {
    name: String,
    cases: Vec<Case>,
}

struct Case {
    name: String,
    line: Option<u32>,
    outcome: CaseOutcome,
}

enum CaseOutcome {
    Passed,
    /// A finding below warning level: it does not fail the run, so it
    /// does not fail the test; its message is kept as the test's output.
    PassedWithNote(String),
    Failed {
        kind: String,
        message: String,
        detail: String,
    },
    Error {
        message: String,
        detail: String,
    },
}

impl JunitReport {
    pub fn file(&mut self, shown: &str, located: &Located, findings: &[Finding]) {
        let mut cases = Vec::new();
        for finding in findings {
            let start = located.position(finding.range.start);
            let place = format!("{}:{}", start.line, start.column);
            let detail = format!(
                "{shown}:{place}: {} [{}] {}",
                finding.code, finding.name, finding.message
            );
            cases.push(Case {
                name: format!("{} {} at {place}", finding.code, finding.name),
                line: Some(start.line),
                outcome: if finding.severity >= Severity::Warning {
                    CaseOutcome::Failed {
                        kind: finding.code.to_owned(),
                        message: finding.message.clone(),
                        detail,
                    }
                } else {
                    CaseOutcome::PassedWithNote(detail)
                },
            });
        }
        if cases.is_empty() {
            cases.push(Case {
                name: "no problems found".to_owned(),
                line: None,
                outcome: CaseOutcome::Passed,
            });
        }
        self.suites.push(Suite {
            name: shown.to_owned(),
            cases,
        });
    }

    /// A file that could not be checked, or a broken clerk.toml.
    pub fn trouble(&mut self, trouble: &Unchecked, title: &str) {
        self.suites.push(Suite {
            name: trouble.path.clone(),
            cases: vec![Case {
                name: title.to_owned(),
                line: trouble.line,
                outcome: CaseOutcome::Error {
                    message: trouble.message.clone(),
                    detail: trouble.to_string(),
                },
            }],
        });
    }

    pub fn finish(self) -> String {
        let count = |wanted: fn(&CaseOutcome) -> bool| -> usize {
            self.suites
                .iter()
                .flat_map(|suite| &suite.cases)
                .filter(|case| wanted(&case.outcome))
                .count()
        };
        let tests = count(|_| true);
        let failures = count(|outcome| matches!(outcome, CaseOutcome::Failed { .. }));
        let errors = count(|outcome| matches!(outcome, CaseOutcome::Error { .. }));
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.push_str(&format!(
            "<testsuites name=\"clerk\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n"
        ));
        for suite in &self.suites {
            let failures = suite
                .cases
                .iter()
                .filter(|case| matches!(case.outcome, CaseOutcome::Failed { .. }))
                .count();
            let errors = suite
                .cases
                .iter()
                .filter(|case| matches!(case.outcome, CaseOutcome::Error { .. }))
                .count();
            xml.push_str(&format!(
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\">\n",
                escape(&suite.name),
                suite.cases.len(),
            ));
            for case in &suite.cases {
                let line = case
                    .line
                    .map(|line| format!(" line=\"{line}\""))
                    .unwrap_or_default();
                let opening = format!(
                    "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\"{line}",
                    escape(&case.name),
                    escape(&suite.name),
                    escape(&suite.name),
                );
                match &case.outcome {
                    CaseOutcome::Passed => xml.push_str(&format!("{opening}/>\n")),
                    CaseOutcome::PassedWithNote(note) => xml.push_str(&format!(
                        "{opening}>\n      <system-out>{}</system-out>\n    </testcase>\n",
                        escape(note)
                    )),
                    CaseOutcome::Failed {
                        kind,
                        message,
                        detail,
                    } => xml.push_str(&format!(
                        "{opening}>\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                        escape(kind),
                        escape(message),
                        escape(detail)
                    )),
                    CaseOutcome::Error { message, detail } => xml.push_str(&format!(
                        "{opening}>\n      <error message=\"{}\">{}</error>\n    </testcase>\n",
                        escape(message),
                        escape(detail)
                    )),
                }
            }
            xml.push_str("  </testsuite>\n");
        }
        xml.push_str("</testsuites>\n");
        xml
    }
}

/// Text made safe for XML, in attributes and between tags alike: the five
/// markup characters as entities, line ends as character references (so
/// attributes keep them), and the control characters XML 1.0 cannot hold
/// at all shown as their pictures (ESC as ␛), as on a terminal.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\n' => escaped.push_str("&#10;"),
            '\r' => escaped.push_str("&#13;"),
            '\t' => escaped.push_str("&#9;"),
            '\u{0}'..='\u{1f}' => {
                escaped.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
            }
            // Allowed by XML, but not to be sent raw to a log viewer.
            '\u{7f}'..='\u{9f}' => escaped.push_str(&super::output::visible(&c.to_string())),
            '\u{fffe}' | '\u{ffff}' => escaped.push('\u{fffd}'),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_line_ends_and_controls() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\ne\u{1b}[2J\u{9b}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;&#10;e␛[2J\\u{9b}"
        );
    }
}
