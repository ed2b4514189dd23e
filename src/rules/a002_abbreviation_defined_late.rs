//! A002 abbreviation-defined-late.

use super::{Context, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    code: "A002",
    name: "abbreviation-defined-late",
    default_severity: Severity::Warning,
    summary: "",
    doc: "",
    check,
};

fn check(_cx: &Context, _sink: &mut Sink) {}
