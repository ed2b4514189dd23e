//! Settings: what `clerk.toml` says, resolved against the built-in lists.
//!
//! `Config` is the resolved, in-memory form every check reads. `load` turns
//! a clerk.toml into one (reporting mistakes with line and column), and
//! `discover` finds the clerk.toml that governs a file.

mod load;

pub use load::{
    discover, load_file, load_file_keeping, parse, parse_keeping, read_settings_text, ConfigError,
    CONFIG_FILE_NAME, LARGEST_SETTINGS_FILE,
};

use crate::registry::{Check, Severity, CHECKS};
use std::collections::{BTreeMap, HashMap, HashSet};

const BUILTIN_KNOWN: &str = include_str!("data/known.txt");
const BUILTIN_DICTIONARY: &str = include_str!("data/dictionary.tsv");

/// The abbreviations every reader knows, as shipped.
pub fn builtin_known() -> impl Iterator<Item = &'static str> {
    BUILTIN_KNOWN
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The shipped dictionary of expansions, as (abbreviation, expansion) pairs.
pub fn builtin_dictionary() -> impl Iterator<Item = (&'static str, &'static str)> {
    BUILTIN_DICTIONARY
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .map(|(abbreviation, expansion)| (abbreviation.trim(), expansion.trim()))
}

/// A person in the register: `[[people]]` in clerk.toml.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisteredPerson {
    /// The full name: "Brigitte Jordaan".
    pub name: String,
    /// The role in the house form: "Operational Director Corporate Parenting".
    pub role: Option<String>,
    /// Other forms of the name: "Ms Jordaan", "BJ".
    pub aliases: Vec<String>,
}

/// Where an expansion came from, which decides how far a fix can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpansionSource {
    /// The user's glossary, `[abbreviations]`.
    Glossary,
    /// The shipped dictionary or `[dictionary.expansions]`.
    Dictionary,
}

/// The kind of body whose minutes these are (`[body] profile` in
/// clerk.toml), which says the standard items its minutes record (M001).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BodyProfile {
    /// No profile given: only what every kind of body records.
    #[default]
    Unstated,
    /// A parish, town or community council.
    Parish,
    /// A committee of a council, a university or another body.
    Committee,
    /// A board: of a company, a trust, a school's governors, a charity's trustees.
    Board,
    /// No standard items are expected.
    Nothing,
}

impl BodyProfile {
    /// The profiles as clerk.toml names them.
    pub const NAMES: &'static [(&'static str, BodyProfile)] = &[
        ("parish", BodyProfile::Parish),
        ("committee", BodyProfile::Committee),
        ("board", BodyProfile::Board),
        ("none", BodyProfile::Nothing),
    ];

    /// The name clerk.toml gives the profile; `None` when none is given.
    pub fn name(self) -> Option<&'static str> {
        Self::NAMES
            .iter()
            .find(|(_, profile)| *profile == self)
            .map(|(name, _)| *name)
    }
}

/// The resolved settings every check reads.
#[derive(Clone, Debug)]
pub struct Config {
    /// The glossary: `[abbreviations]`, abbreviation to expansion.
    pub glossary: BTreeMap<String, String>,
    /// Whether a glossary entry counts as the abbreviation's definition, so
    /// that A001 stays silent on it (the default), or only supplies the
    /// expansion its fix writes.
    pub glossary_defines: bool,
    /// Abbreviations that need no definition: the built-in list, extended
    /// and trimmed by `[known]`.
    pub known: HashSet<String>,
    /// Expansions used in messages and fixes, built-in and configured.
    pub dictionary: HashMap<String, String>,
    /// The register of people.
    pub people: Vec<RegisteredPerson>,
    /// Only these checks run, by code or name; `None` means every check
    /// that is on by default.
    pub select: Option<Vec<String>>,
    /// These checks run as well as those `select` gives, by code or name:
    /// the way to switch on a check that ships off without listing the rest.
    pub extend_select: Vec<String>,
    /// These checks never run, by code or name.
    pub ignore: Vec<String>,
    /// Severity overrides, keyed by code.
    pub severities: HashMap<&'static str, Severity>,
    /// File name patterns `clerk check` reads inside folders.
    pub include: Vec<String>,
    /// Path patterns `clerk check` skips inside folders.
    pub exclude: Vec<String>,
    /// Checks silenced for files matching a pattern.
    pub per_file_ignores: Vec<(String, Vec<String>)>,
    /// The kind of body whose minutes these are.
    pub profile: BodyProfile,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            glossary: BTreeMap::new(),
            glossary_defines: true,
            known: builtin_known().map(str::to_owned).collect(),
            dictionary: builtin_dictionary()
                .map(|(abbreviation, expansion)| (abbreviation.to_owned(), expansion.to_owned()))
                .collect(),
            people: Vec::new(),
            select: None,
            extend_select: Vec::new(),
            ignore: Vec::new(),
            severities: HashMap::new(),
            include: vec!["*.txt".into(), "*.md".into(), "*.minutes".into()],
            exclude: Vec::new(),
            per_file_ignores: Vec::new(),
            profile: BodyProfile::default(),
        }
    }
}

impl Config {
    /// The severity a check runs at, or `None` when it is switched off.
    pub fn severity_of(&self, rule: &Check) -> Option<Severity> {
        let named = |list: &[String]| {
            list.iter().any(|entry| {
                entry.eq_ignore_ascii_case(rule.code) || entry.eq_ignore_ascii_case(rule.name)
            })
        };
        // A check that ships off runs only where a setting names it.
        let selected = match &self.select {
            Some(select) => named(select),
            None => rule.on_by_default,
        } || named(&self.extend_select);
        if !selected || named(&self.ignore) {
            return None;
        }
        Some(
            *self
                .severities
                .get(rule.code)
                .unwrap_or(&rule.default_severity),
        )
    }

    /// Whether an abbreviation needs no definition because every reader knows it.
    pub fn is_known(&self, abbreviation: &str) -> bool {
        self.known.contains(abbreviation)
    }

    /// The expansion of an abbreviation and where it came from.
    pub fn expansion(&self, abbreviation: &str) -> Option<(&str, ExpansionSource)> {
        if let Some(expansion) = self.glossary.get(abbreviation) {
            return Some((expansion, ExpansionSource::Glossary));
        }
        self.dictionary
            .get(abbreviation)
            .filter(|expansion| !expansion.contains(" | "))
            .map(|expansion| (expansion.as_str(), ExpansionSource::Dictionary))
    }

    /// The dictionary's readings of an abbreviation with several common
    /// expansions ("PCC": a police and crime commissioner, or a parochial
    /// church council): none is offered as the expansion, since only the
    /// minutes' own context can tell which is meant.
    pub fn readings(&self, abbreviation: &str) -> Vec<&str> {
        self.dictionary
            .get(abbreviation)
            .filter(|expansion| expansion.contains(" | "))
            .map(|expansion| expansion.split(" | ").collect())
            .unwrap_or_default()
    }

    /// A copy with the checks a per-file pattern silences for `path` switched off.
    pub fn for_path(&self, path: &std::path::Path) -> Config {
        let mut config = self.clone();
        for (pattern, checks) in &self.per_file_ignores {
            if load::path_matches(pattern, path) {
                config.ignore.extend(checks.iter().cloned());
            }
        }
        config
    }

    /// Every check that this configuration runs.
    pub fn enabled_checks(&self) -> impl Iterator<Item = &'static Check> + '_ {
        CHECKS
            .iter()
            .filter(|check| self.severity_of(check).is_some())
    }
}

mod edit;
pub use edit::{add_glossary_entry, add_registered_person};
mod patterns;
pub use patterns::FilePatterns;
