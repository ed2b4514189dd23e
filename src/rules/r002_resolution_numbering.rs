//! R002 resolution-numbering.

use super::{Context, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    code: "R002",
    name: "resolution-numbering",
    default_severity: Severity::Warning,
    summary: "",
    doc: "",
    check,
};

fn check(_cx: &Context, _sink: &mut Sink) {}
