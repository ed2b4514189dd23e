//! `--format gitlab`: a GitLab Code Quality report (the Code Climate issue
//! format): one issue per finding, each with a fingerprint that stays the
//! same from run to run while the finding does, so that GitLab can tell
//! new findings in a merge request from old ones.

use super::position::Located;
use crate::rules::{Finding, Severity};
use serde_json::{json, Value};
use std::collections::HashMap;

/// The Code Quality report of one run.
#[derive(Default)]
pub(crate) struct CodeQualityReport {
    issues: Vec<Value>,
    /// How many findings with the same file, code and flagged words came
    /// before, so that two alike get two fingerprints.
    seen: HashMap<(String, &'static str, String), usize>,
}

impl CodeQualityReport {
    pub fn file(&mut self, shown: &str, located: &Located, findings: &[Finding]) {
        for finding in findings {
            let span = located.span(finding.range);
            let flagged = located
                .text
                .get(span.start.offset..span.end.offset)
                .unwrap_or_default()
                .to_owned();
            let occurrence = self
                .seen
                .entry((shown.to_owned(), finding.code, flagged.clone()))
                .or_insert(0);
            let fingerprint = fingerprint(shown, finding.code, &flagged, *occurrence);
            *occurrence += 1;
            self.issues.push(json!({
                "type": "issue",
                "check_name": finding.code,
                "description": format!("{} [{}] {}", finding.code, finding.name, finding.message),
                "categories": ["Style"],
                "severity": severity(finding.severity),
                "fingerprint": fingerprint,
                "location": {
                    "path": shown,
                    "lines": {"begin": span.start.line, "end": span.end.line},
                },
            }));
        }
    }

    pub fn finish(self) -> String {
        let mut text = serde_json::to_string_pretty(&self.issues).unwrap_or_default();
        text.push('\n');
        text
    }
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// A finding's fingerprint: built from the file, the check, the words it
/// flags and which of the alike it is, and not from its line, so that an
/// edit above it leaves it the same. FNV-1a over 128 bits, written as 32
/// hexadecimal digits: stable across clerk's versions and machines, as the
/// standard library's hasher is not promised to be.
fn fingerprint(path: &str, code: &str, flagged: &str, occurrence: usize) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    let occurrence = occurrence.to_string();
    for part in [path, code, flagged, &occurrence] {
        for &byte in part.as_bytes().iter().chain(&[0u8]) {
            hash ^= u128::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("{hash:032x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_fixed_and_tell_each_part_apart() {
        let one = fingerprint("m.txt", "A001", "DfE", 0);
        // FNV-1a 128 worked out by hand (in Python): a change of the hash
        // would give every finding in GitLab a new fingerprint.
        assert_eq!(one, "2b13c16f386e2787438953649b5306d3");
        assert_eq!(one, fingerprint("m.txt", "A001", "DfE", 0));
        for other in [
            fingerprint("n.txt", "A001", "DfE", 0),
            fingerprint("m.txt", "A002", "DfE", 0),
            fingerprint("m.txt", "A001", "DWP", 0),
            fingerprint("m.txt", "A001", "DfE", 1),
            // The parts are kept apart: "m.tx" + "tA001" is not "m.txt" + "A001".
            fingerprint("m.tx", "tA001", "DfE", 0),
        ] {
            assert_ne!(one, other);
        }
    }
}
