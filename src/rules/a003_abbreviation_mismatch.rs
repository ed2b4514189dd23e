//! A003 abbreviation-mismatch.

use super::{Context, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    code: "A003",
    name: "abbreviation-mismatch",
    default_severity: Severity::Warning,
    summary: "",
    doc: "",
    check,
};

fn check(_cx: &Context, _sink: &mut Sink) {}
