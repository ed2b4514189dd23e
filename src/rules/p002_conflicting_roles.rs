//! P002 conflicting-roles.

use super::{Context, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    code: "P002",
    name: "conflicting-roles",
    default_severity: Severity::Warning,
    summary: "",
    doc: "",
    check,
};

fn check(_cx: &Context, _sink: &mut Sink) {}
