//! R003 unmarked-resolutions.

use super::{Context, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    code: "R003",
    name: "unmarked-resolutions",
    default_severity: Severity::Warning,
    summary: "",
    doc: "",
    check,
};

fn check(_cx: &Context, _sink: &mut Sink) {}
