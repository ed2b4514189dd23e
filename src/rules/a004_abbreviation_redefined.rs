//! A004 abbreviation-redefined.

use super::{Context, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    code: "A004",
    name: "abbreviation-redefined",
    default_severity: Severity::Warning,
    summary: "",
    doc: "",
    check,
};

fn check(_cx: &Context, _sink: &mut Sink) {}
