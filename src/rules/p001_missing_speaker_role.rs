//! P001 missing-speaker-role.

use super::{Context, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    code: "P001",
    name: "missing-speaker-role",
    default_severity: Severity::Warning,
    summary: "",
    doc: "",
    check,
};

fn check(_cx: &Context, _sink: &mut Sink) {}
