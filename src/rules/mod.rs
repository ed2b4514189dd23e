//! The checks: one file per check, the registry that names them, and the
//! findings they produce.
//!
//! A check is a stateless function over a parsed document and the settings;
//! it returns findings in byte ranges. The registry gives every check a
//! stable code, a kebab-case name and a default severity; codes are never
//! reused.

mod a001_undefined_abbreviation;
mod a002_abbreviation_defined_late;
mod a003_abbreviation_mismatch;
mod a004_abbreviation_redefined;
mod abbreviation_index;
mod compatible_fixes;
mod d001_weekday_mismatch;
mod d002_impossible_date;
mod d003_next_meeting_before_this;
mod k001_action_without_owner;
mod k002_action_without_date;
mod m001_missing_standard_item;
mod numbering;
mod p001_missing_speaker_role;
mod p002_conflicting_roles;
mod p003_name_variant;
mod plain_words;
mod r001_unnumbered_resolutions;
mod r002_resolution_numbering;
mod r003_unmarked_resolutions;
mod r004_decision_under_aob;
mod r005_item_numbering;
mod s001_inconsistent_style;
mod s002_malformed_amount;
mod t001_first_person;

use crate::config::Config;
use crate::syntax::Document;
use crate::text::TextRange;
use serde::Serialize;

pub use compatible_fixes::compatible_fixes;

pub use crate::registry::Severity;

/// What a check found at one place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// In a clerk's words, with no trailing full stop.
    pub message: String,
    pub range: TextRange,
    /// Other places that explain the finding: other uses, the definition.
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
    /// Other fixes, each another reading of what was meant, offered beside
    /// `fix` for a person to choose among (in an editor, one quick fix
    /// each). A finding that has any is mended by neither `--fix` nor
    /// `--unsafe-fixes`: only a person can choose.
    pub alternatives: Vec<Fix>,
}

/// A place related to a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub message: String,
    pub range: TextRange,
}

/// A change that mends a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// An imperative: "Spell out DfE".
    pub title: String,
    pub applicability: Applicability,
    /// Edits in byte ranges of the original text; they never overlap.
    pub edits: Vec<Edit>,
}

/// Whether a fix can be applied without a person reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning of the minutes: applied by "fix all".
    Safe,
    /// Changes wording a clerk should read first.
    Unsafe,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: TextRange,
    pub new_text: String,
}

impl Edit {
    pub fn replace(range: TextRange, new_text: impl Into<String>) -> Edit {
        Edit {
            range,
            new_text: new_text.into(),
        }
    }

    pub fn insert(at: usize, new_text: impl Into<String>) -> Edit {
        Edit::replace(TextRange::empty(at), new_text)
    }
}

/// Applies non-overlapping edits to `text`.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|edit| (edit.range.start, edit.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        if edit.range.start < at {
            continue; // overlapping: keep the first
        }
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.new_text);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// What the other minutes of a folder say, for the checks that use it. The
/// folder supplies words, never definitions: each set of minutes must
/// still stand alone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FolderWords {
    /// For each abbreviation the folder's minutes spell out: the way most
    /// of them do, and the earliest minutes that do so.
    pub spelled_out: rustc_hash::FxHashMap<String, SpelledOutElsewhere>,
    /// Surnames written rarely beside a spelling a letter or two away that
    /// the folder writes at least ten times as often under the same title,
    /// keyed by the title's family ("cllr", "mr", "ms") and the rare
    /// spelling as written.
    pub name_variants: rustc_hash::FxHashMap<(String, String), NameVariant>,
}

/// A surname the folder writes rarely, and the common spelling beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameVariant {
    /// The common spelling: "Mendoza".
    pub common: String,
    /// The title and common spelling as the folder most writes them: "Mrs Mendoza".
    pub common_form: String,
    pub common_count: usize,
    pub variant_count: usize,
}

/// The family of titles that name one kind of person: "Ms", "Mrs" and
/// "Miss" as "ms", "Cllr" and "Councillor" as "cllr", others as written,
/// in lower case and without a full stop.
pub fn title_family(title: &str) -> String {
    let title = title.trim_end_matches('.').to_lowercase();
    match title.as_str() {
        "ms" | "mrs" | "miss" => "ms".to_owned(),
        "cllr" | "cllrs" | "councillor" | "councillors" => "cllr".to_owned(),
        _ => title,
    }
}

/// The title and surname of a written name ("Cllr S. Lintern": "Cllr",
/// "Lintern"), when it opens with a title; the surname is the last word,
/// after any initials run onto it ("C.Stocking").
pub fn title_and_surname(name: &str) -> Option<(&str, &str)> {
    let mut words = name.split_whitespace();
    let title = words.next()?;
    if !crate::syntax::lexicon::is_honorific(title.trim_end_matches('.')) {
        return None;
    }
    let last = words.last()?;
    let surname = last
        .rsplit('.')
        .next()
        .unwrap_or(last)
        .trim_matches(|c: char| !c.is_alphanumeric());
    (!surname.is_empty()).then_some((title, surname))
}

/// An abbreviation as other minutes of the folder spell it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpelledOutElsewhere {
    pub expansion: String,
    /// "the minutes of 4 March 2024", or of the file where undated.
    pub minutes: String,
}

/// What a check sees: the text, its model and the settings.
pub struct Context<'a> {
    pub text: &'a str,
    pub doc: &'a Document,
    pub config: &'a Config,
    /// The other minutes of the folder, when the document is read in one.
    pub folder: Option<&'a FolderWords>,
    // Shared by the checks, which may run on several cores at once.
    abbreviations: std::sync::OnceLock<abbreviation_index::AbbreviationIndex>,
    surnames: std::sync::OnceLock<rustc_hash::FxHashSet<String>>,
}

impl<'a> Context<'a> {
    fn new(
        text: &'a str,
        doc: &'a Document,
        config: &'a Config,
        folder: Option<&'a FolderWords>,
    ) -> Context<'a> {
        Context {
            text,
            doc,
            config,
            folder,
            abbreviations: std::sync::OnceLock::new(),
            surnames: std::sync::OnceLock::new(),
        }
    }

    /// The document's abbreviations by key, built on first use.
    fn abbreviations(&self) -> &abbreviation_index::AbbreviationIndex {
        self.abbreviations
            .get_or_init(|| abbreviation_index::AbbreviationIndex::new(self.doc))
    }

    /// The surnames of the document's people, lower-cased, gathered on first use.
    fn surnames(&self) -> &rustc_hash::FxHashSet<String> {
        self.surnames.get_or_init(|| {
            self.doc
                .people
                .iter()
                .map(|person| person.surname.to_lowercase())
                .collect()
        })
    }
}

/// An abbreviation that a set of minutes never spells out and leaves a
/// reader no way to know, as A001 judges it (glossary entries included):
/// what the folder's index lists as used without being spelled out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UndefinedAbbreviation {
    pub key: String,
    /// The first use A001 would flag.
    pub first_use: TextRange,
}

/// The abbreviations `text` uses without spelling them out, in order of
/// first use, whichever checks the settings run.
pub fn undefined_abbreviations(
    text: &str,
    doc: &Document,
    config: &Config,
) -> Vec<UndefinedAbbreviation> {
    let context = Context::new(text, doc, config, None);
    a001_undefined_abbreviation::unexplained(&context)
        .into_iter()
        .map(|unexplained| UndefinedAbbreviation {
            key: unexplained.key.to_owned(),
            first_use: unexplained.uses[0].range,
        })
        .collect()
}

/// A check: its entry in the registry (code, name, default severity,
/// documentation), and what runs it.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub info: &'static crate::registry::Check,
    pub check: fn(&Context, &mut Sink),
}

impl std::ops::Deref for Rule {
    type Target = crate::registry::Check;

    fn deref(&self) -> &crate::registry::Check {
        self.info
    }
}

/// Collects a check's findings, stamping each with the check's identity.
pub struct Sink<'r> {
    rule: &'r Rule,
    severity: Severity,
    findings: Vec<Finding>,
}

impl Sink<'_> {
    pub fn push(&mut self, range: TextRange, message: impl Into<String>) -> &mut Finding {
        self.findings.push(Finding {
            code: self.rule.code,
            name: self.rule.name,
            severity: self.severity,
            message: message.into(),
            range,
            related: Vec::new(),
            fix: None,
            alternatives: Vec::new(),
        });
        self.findings.last_mut().unwrap()
    }
}

impl Finding {
    pub fn related(&mut self, range: TextRange, message: impl Into<String>) -> &mut Self {
        self.related.push(Related {
            message: message.into(),
            range,
        });
        self
    }

    pub fn fix(
        &mut self,
        title: impl Into<String>,
        applicability: Applicability,
        edits: Vec<Edit>,
    ) -> &mut Self {
        self.fix = Some(Fix {
            title: title.into(),
            applicability,
            edits,
        });
        self
    }

    /// Offers another reading beside the fix: an unsafe fix a person may
    /// choose instead. The finding's fix must be set first.
    pub fn alternative(&mut self, title: impl Into<String>, edits: Vec<Edit>) -> &mut Self {
        self.alternatives.push(Fix {
            title: title.into(),
            applicability: Applicability::Unsafe,
            edits,
        });
        self
    }

    /// The fix and its alternatives, in the order they are offered.
    pub fn fixes(&self) -> impl Iterator<Item = &Fix> {
        self.fix.iter().chain(&self.alternatives)
    }
}

/// Every check, in code order. Codes are never reused.
pub static RULES: &[Rule] = &[
    r001_unnumbered_resolutions::RULE,
    r002_resolution_numbering::RULE,
    r003_unmarked_resolutions::RULE,
    r004_decision_under_aob::RULE,
    r005_item_numbering::RULE,
    a001_undefined_abbreviation::RULE,
    a002_abbreviation_defined_late::RULE,
    a003_abbreviation_mismatch::RULE,
    a004_abbreviation_redefined::RULE,
    p001_missing_speaker_role::RULE,
    p002_conflicting_roles::RULE,
    p003_name_variant::RULE,
    d001_weekday_mismatch::RULE,
    d002_impossible_date::RULE,
    d003_next_meeting_before_this::RULE,
    s001_inconsistent_style::RULE,
    s002_malformed_amount::RULE,
    t001_first_person::RULE,
    k001_action_without_owner::RULE,
    k002_action_without_date::RULE,
    m001_missing_standard_item::RULE,
];

/// Finds a check by code (`A001`, any case) or name (`undefined-abbreviation`).
pub fn find_rule(code_or_name: &str) -> Option<&'static Rule> {
    let check = crate::registry::find_check(code_or_name)?;
    RULES.iter().find(|rule| rule.code == check.code)
}

/// Runs every check the settings enable and returns the findings in text
/// order, suppressed ones removed.
pub fn run_checks(text: &str, doc: &Document, config: &Config) -> Vec<Finding> {
    run_checks_in_folder(text, doc, config, None)
}

/// Runs every check as `run_checks` does, with what the other minutes of
/// the folder say for the checks that use it.
pub fn run_checks_in_folder(
    text: &str,
    doc: &Document,
    config: &Config,
    folder: Option<&FolderWords>,
) -> Vec<Finding> {
    let context = Context::new(text, doc, config, folder);
    let run = |rule: &'static Rule| -> Vec<Finding> {
        let Some(severity) = config.severity_of(rule) else {
            return Vec::new();
        };
        let mut sink = Sink {
            rule,
            severity,
            findings: Vec::new(),
        };
        (rule.check)(&context, &mut sink);
        sink.findings
    };
    // A long document's checks run on every free core, as its parse does
    // (and for the same reason: not inside a pool whose cores each have a
    // file already); the findings are sorted below either way.
    let mut findings: Vec<Finding> = if crate::syntax::worth_more_cores(text) {
        use rayon::prelude::*;
        RULES.par_iter().flat_map_iter(run).collect()
    } else {
        RULES.iter().flat_map(run).collect()
    };
    findings.retain(|finding| !is_suppressed(doc, finding));
    findings.sort_by(|a, b| {
        (a.range.start, a.code, a.range.end).cmp(&(b.range.start, b.code, b.range.end))
    });
    findings
}

fn is_suppressed(doc: &Document, finding: &Finding) -> bool {
    doc.suppressions.iter().any(|suppression| {
        suppression.scope.touches(finding.range.start)
            && (suppression.checks.is_empty()
                || suppression.checks.iter().any(|check| {
                    check.eq_ignore_ascii_case(finding.code)
                        || check.eq_ignore_ascii_case(finding.name)
                }))
    })
}
