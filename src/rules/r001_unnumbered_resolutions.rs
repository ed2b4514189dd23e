//! R001 unnumbered-resolutions.

use super::{Context, Rule, Severity, Sink};

pub const RULE: Rule = Rule {
    code: "R001",
    name: "unnumbered-resolutions",
    default_severity: Severity::Warning,
    summary: "",
    doc: "",
    check,
};

fn check(_cx: &Context, _sink: &mut Sink) {}
