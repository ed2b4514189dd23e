//! The registry of checks: each check's stable code, name, default
//! severity and documentation, below both `rules` (which runs the checks)
//! and `config` (which selects them and sets their severity), so that
//! settings name checks without depending on how they run. A check's
//! documentation is the `//!` comment of its file in `rules/`.

use serde::Serialize;

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Shown, but never fails `clerk check`.
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text.to_ascii_lowercase().as_str() {
            "info" | "hint" | "information" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A check's identity: what settings, suppression comments and reports
/// call it.
#[derive(Clone, Copy, Debug)]
pub struct Check {
    pub code: &'static str,
    pub name: &'static str,
    pub default_severity: Severity,
    /// Whether the check runs when no setting names it. A check that
    /// ships off judges a matter of house style some bodies do not keep,
    /// and says why in its documentation; it runs once `select`,
    /// `extend-select` or the editor's settings name it.
    pub on_by_default: bool,
    /// The check's source file, whose `//!` comment is its documentation.
    pub source: &'static str,
}

impl Check {
    /// One line: what the check flags (the first line of its documentation).
    pub fn summary(&self) -> &'static str {
        let first = self.source.lines().next().unwrap_or("");
        let first = first.trim_start_matches("//!").trim();
        first
            .split_once(": ")
            .map_or(first, |(_, summary)| summary)
            .trim_end_matches('.')
    }

    /// The check's documentation, in Markdown: what it checks, why it
    /// matters, an example. The same text feeds `clerk rules`, hover and the README.
    pub fn doc(&self) -> String {
        let mut doc = String::new();
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                break;
            };
            doc.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            doc.push('\n');
        }
        doc.trim_end().to_owned()
    }
}

/// R001 unnumbered-resolutions: see `src/rules/r001_unnumbered_resolutions.rs`.
pub const R001: Check = Check {
    code: "R001",
    name: "unnumbered-resolutions",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/r001_unnumbered_resolutions.rs"),
};

/// R002 resolution-numbering: see `src/rules/r002_resolution_numbering.rs`.
pub const R002: Check = Check {
    code: "R002",
    name: "resolution-numbering",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/r002_resolution_numbering.rs"),
};

/// R003 unmarked-resolutions: see `src/rules/r003_unmarked_resolutions.rs`.
pub const R003: Check = Check {
    code: "R003",
    name: "unmarked-resolutions",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/r003_unmarked_resolutions.rs"),
};

/// R004 decision-under-aob: see `src/rules/r004_decision_under_aob.rs`.
/// Off by default: whether AOB may decide depends on the body's rules.
pub const R004: Check = Check {
    code: "R004",
    name: "decision-under-aob",
    default_severity: Severity::Warning,
    on_by_default: false,
    source: include_str!("rules/r004_decision_under_aob.rs"),
};

/// R005 item-numbering: see `src/rules/r005_item_numbering.rs`.
pub const R005: Check = Check {
    code: "R005",
    name: "item-numbering",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/r005_item_numbering.rs"),
};

/// A001 undefined-abbreviation: see `src/rules/a001_undefined_abbreviation.rs`.
pub const A001: Check = Check {
    code: "A001",
    name: "undefined-abbreviation",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/a001_undefined_abbreviation.rs"),
};

/// A002 abbreviation-defined-late: see `src/rules/a002_abbreviation_defined_late.rs`.
pub const A002: Check = Check {
    code: "A002",
    name: "abbreviation-defined-late",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/a002_abbreviation_defined_late.rs"),
};

/// A003 abbreviation-mismatch: see `src/rules/a003_abbreviation_mismatch.rs`.
pub const A003: Check = Check {
    code: "A003",
    name: "abbreviation-mismatch",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/a003_abbreviation_mismatch.rs"),
};

/// A004 abbreviation-redefined: see `src/rules/a004_abbreviation_redefined.rs`.
pub const A004: Check = Check {
    code: "A004",
    name: "abbreviation-redefined",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/a004_abbreviation_redefined.rs"),
};

/// P001 missing-speaker-role: see `src/rules/p001_missing_speaker_role.rs`.
pub const P001: Check = Check {
    code: "P001",
    name: "missing-speaker-role",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/p001_missing_speaker_role.rs"),
};

/// P002 conflicting-roles: see `src/rules/p002_conflicting_roles.rs`.
pub const P002: Check = Check {
    code: "P002",
    name: "conflicting-roles",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/p002_conflicting_roles.rs"),
};

/// P003 name-variant: see `src/rules/p003_name_variant.rs`.
pub const P003: Check = Check {
    code: "P003",
    name: "name-variant",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/p003_name_variant.rs"),
};

/// D001 weekday-mismatch: see `src/rules/d001_weekday_mismatch.rs`.
pub const D001: Check = Check {
    code: "D001",
    name: "weekday-mismatch",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/d001_weekday_mismatch.rs"),
};

/// D002 impossible-date: see `src/rules/d002_impossible_date.rs`.
pub const D002: Check = Check {
    code: "D002",
    name: "impossible-date",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/d002_impossible_date.rs"),
};

/// D003 next-meeting-before-this: see `src/rules/d003_next_meeting_before_this.rs`.
pub const D003: Check = Check {
    code: "D003",
    name: "next-meeting-before-this",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/d003_next_meeting_before_this.rs"),
};

/// S001 inconsistent-style: see `src/rules/s001_inconsistent_style.rs`.
pub const S001: Check = Check {
    code: "S001",
    name: "inconsistent-style",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/s001_inconsistent_style.rs"),
};

/// S002 malformed-amount: see `src/rules/s002_malformed_amount.rs`.
pub const S002: Check = Check {
    code: "S002",
    name: "malformed-amount",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/s002_malformed_amount.rs"),
};

/// T001 first-person: see `src/rules/t001_first_person.rs`.
pub const T001: Check = Check {
    code: "T001",
    name: "first-person",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/t001_first_person.rs"),
};

/// K001 action-without-owner: see `src/rules/k001_action_without_owner.rs`.
/// Off by default: whether every action names its owner is house style.
pub const K001: Check = Check {
    code: "K001",
    name: "action-without-owner",
    default_severity: Severity::Warning,
    on_by_default: false,
    source: include_str!("rules/k001_action_without_owner.rs"),
};

/// K002 action-without-date: see `src/rules/k002_action_without_date.rs`.
/// Off by default: whether every action needs a timescale is house style.
pub const K002: Check = Check {
    code: "K002",
    name: "action-without-date",
    default_severity: Severity::Warning,
    on_by_default: false,
    source: include_str!("rules/k002_action_without_date.rs"),
};

/// M001 missing-standard-item: see `src/rules/m001_missing_standard_item.rs`.
pub const M001: Check = Check {
    code: "M001",
    name: "missing-standard-item",
    default_severity: Severity::Warning,
    on_by_default: true,
    source: include_str!("rules/m001_missing_standard_item.rs"),
};

/// Every check, in code order (the order `rules::RULES` runs them in).
/// Codes are never reused.
pub static CHECKS: &[Check] = &[
    R001, R002, R003, R004, R005, A001, A002, A003, A004, P001, P002, P003, D001, D002, D003, S001,
    S002, T001, K001, K002, M001,
];

/// Finds a check by code (`A001`, any case) or name (`undefined-abbreviation`).
pub fn find_check(code_or_name: &str) -> Option<&'static Check> {
    let wanted = code_or_name.trim();
    CHECKS.iter().find(|check| {
        check.code.eq_ignore_ascii_case(wanted) || check.name.eq_ignore_ascii_case(wanted)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The registry and the checks that run are one list: the same codes,
    /// in the same order, each run by the check its entry documents.
    #[test]
    fn every_check_in_the_registry_is_run_and_nothing_else() {
        let registered: Vec<&str> = CHECKS.iter().map(|check| check.code).collect();
        let run: Vec<&str> = crate::rules::RULES.iter().map(|rule| rule.code).collect();
        assert_eq!(registered, run);
        for rule in crate::rules::RULES {
            assert!(
                rule.source
                    .starts_with(&format!("//! {} {}:", rule.code, rule.name)),
                "{} documents another check",
                rule.code
            );
        }
    }
}
