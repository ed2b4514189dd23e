//! A001 undefined-abbreviation.

use super::{Context, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    code: "A001",
    name: "undefined-abbreviation",
    default_severity: Severity::Warning,
    summary: "",
    doc: "",
    check,
};

fn check(_cx: &Context, _sink: &mut Sink) {}
