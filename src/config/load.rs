//! Reading clerk.toml: finding it, parsing it, and reporting its mistakes
//! with line and column.
//!
//! Every table is optional; a setting left out keeps its default.
//!
//! ```toml
//! [abbreviations]            # the glossary: counts as a definition
//! DfE = "Department for Education"
//!
//! [glossary]
//! defines = true             # false: the glossary only supplies the fix's text
//!
//! [known]                    # abbreviations every reader knows
//! builtin = true             # false empties the shipped list
//! add = ["PDF", "KB"]
//! remove = ["EU"]
//!
//! [dictionary]               # expansions for messages and fixes
//! builtin = true
//! remove = ["CC"]
//! [dictionary.expansions]
//! BCKLWN = "Borough Council of King's Lynn and West Norfolk"
//!
//! [[people]]                 # the register of people
//! name = "Brigitte Jordaan"
//! role = "Operational Director Corporate Parenting"
//! aliases = ["Ms Jordaan", "BJ"]
//!
//! [checks]                   # by code or name
//! select = ["A001", "missing-speaker-role"]   # absent: every check on by default
//! extend-select = ["K001"]   # as well as those select gives: switches on a check that ships off
//! ignore = ["P002"]          # wins over both
//! [checks.severity]          # error, warning or info
//! A001 = "error"
//!
//! [files]                    # patterns relative to the folder of clerk.toml;
//! include = ["*.txt", "*.md", "*.minutes"]    # `*` stays in one folder,
//! exclude = ["drafts/**"]                     # `**` crosses folders
//!
//! [per-file-ignores]
//! "archive/*.txt" = ["A001"]
//!
//! [body]                     # the standard items M001 expects
//! profile = "parish"         # parish, committee, board or none
//! ```
//!
//! The file is read as a spanned TOML tree rather than through derived
//! structs, so that every mistake (an unknown table, a misspelt check, a
//! list where a word belongs) points at the exact key or value and is told
//! in a clerk's words rather than in serde's.

use super::{BodyProfile, Config, RegisteredPerson};
use crate::registry::{find_check, Severity, CHECKS};
use crate::text::file::{read_regular_file, size_in_words, ReadFailure};
use crate::text::{Encoding, LineIndex, TextRange};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

pub const CONFIG_FILE_NAME: &str = "clerk.toml";

/// A clerk.toml that could not be read, with where the mistake is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: Option<PathBuf>,
    pub message: String,
    /// One-based line and column (in characters) of the mistake, if known.
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// Byte range of the mistake in the file, if known.
    pub range: Option<crate::text::TextRange>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            if let (Some(line), Some(column)) = (self.line, self.column) {
                write!(f, ":{line}:{column}")?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// The tables clerk.toml may hold, in the order the documentation gives them.
const TABLES: &[&str] = &[
    "abbreviations",
    "glossary",
    "known",
    "dictionary",
    "people",
    "checks",
    "files",
    "per-file-ignores",
    "body",
];

/// Parses the text of a clerk.toml into settings resolved against the
/// built-ins, or the first mistake in it.
pub fn parse(text: &str) -> Result<Config, ConfigError> {
    let (config, mut mistakes) = parse_keeping(text);
    if mistakes.is_empty() {
        Ok(config)
    } else {
        Err(mistakes.swap_remove(0))
    }
}

/// Parses the text of a clerk.toml, keeping every part of it that is right
/// and setting aside each part that is wrong: the settings read, and every
/// mistake, in the order a reader meets them. A mistake costs the one
/// setting it is in (an entry of a list, a person, a key), not the file.
pub fn parse_keeping(text: &str) -> (Config, Vec<ConfigError>) {
    let reader = Reader {
        text,
        index: LineIndex::new(text),
        mistakes: std::cell::RefCell::new(Vec::new()),
    };
    // TOML's own reader recovers too: what it could read is read.
    let (root, syntax) = DeTable::parse_recoverable(text);
    let syntax: Vec<ConfigError> = syntax
        .iter()
        .map(|error| reader.syntax_error(error))
        .collect();
    // What TOML could not read is half-read ("select = [\"A001\"" with no
    // closing bracket): a setting on such a line is left out, not guessed at.
    let unread: Vec<Range<usize>> = syntax
        .iter()
        .filter_map(|error| error.range)
        .map(|range| {
            let start = text[..range.start].rfind('\n').map_or(0, |end| end + 1);
            let end = text[range.end..]
                .find('\n')
                .map_or(text.len(), |at| range.end + at + 1);
            start..end
        })
        .collect();
    let root = if unread.is_empty() {
        root.into_inner()
    } else {
        without_unread(root.into_inner(), &unread)
    };
    let config = reader.read_root(&root);
    // What TOML could not read is half-read: a mistake found in it on the
    // same line only repeats the one TOML told.
    let mut mistakes: Vec<ConfigError> = reader
        .mistakes
        .into_inner()
        .into_iter()
        .filter(|mistake| {
            !syntax
                .iter()
                .any(|error| error.line.is_some() && error.line == mistake.line)
        })
        .collect();
    mistakes.extend(syntax);
    // In the order of the file; one place told once.
    mistakes.sort_by_key(|mistake| mistake.range.map(|range| (range.start, range.end)));
    mistakes.dedup_by(|a, b| a.range.is_some() && a.range == b.range);
    (config, mistakes)
}

/// The largest clerk.toml clerk reads. A settings file is written by hand:
/// even a register of a thousand people with their roles is well under
/// 100 KiB, so anything past this is not a clerk.toml, and reading it whole
/// would only spend memory.
pub const LARGEST_SETTINGS_FILE: u64 = 1024 * 1024;

/// Reads and parses the clerk.toml at `path`, or gives its first mistake.
pub fn load_file(path: &Path) -> Result<Config, ConfigError> {
    let (config, mut mistakes) = load_file_keeping(path);
    match config {
        Some(config) if mistakes.is_empty() => Ok(config),
        _ => Err(mistakes.swap_remove(0)),
    }
}

/// Reads the clerk.toml at `path`, keeping every part that is right (see
/// [`parse_keeping`]): the settings, or `None` when the file itself could
/// not be read as text, and every mistake, each with its place.
pub fn load_file_keeping(path: &Path) -> (Option<Config>, Vec<ConfigError>) {
    match read_settings_text(path) {
        Ok(text) => {
            let (config, mut mistakes) = parse_keeping(&text);
            for mistake in &mut mistakes {
                mistake.path = Some(path.to_owned());
            }
            (Some(config), mistakes)
        }
        Err(error) => (None, vec![error]),
    }
}

/// The text of the clerk.toml at `path`, or why it could not be read as
/// text: the one reading of a settings file, for every part of clerk.
pub fn read_settings_text(path: &Path) -> Result<String, ConfigError> {
    let bytes = read_regular_file(path, LARGEST_SETTINGS_FILE).map_err(|failure| ConfigError {
        path: Some(path.to_owned()),
        message: match failure {
            ReadFailure::NotRegular(kind) => {
                format!("the settings file is {kind}, not a regular file")
            }
            ReadFailure::TooLarge => format!(
                "the settings file is larger than {}, the most clerk reads as a clerk.toml",
                size_in_words(LARGEST_SETTINGS_FILE)
            ),
            ReadFailure::Io(error) => match error.kind() {
                std::io::ErrorKind::NotFound => match std::fs::read_link(path) {
                    Ok(target) => format!(
                        "the settings file is a link to {}, which does not exist",
                        target.display()
                    ),
                    Err(_) => "there is no settings file here".to_owned(),
                },
                std::io::ErrorKind::PermissionDenied => {
                    "the settings file could not be read: permission denied".to_owned()
                }
                _ => format!("the settings file could not be read: {error}"),
            },
        },
        line: None,
        column: None,
        range: None,
    })?;
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        // As Windows Notepad saves "Unicode": told as such, not as a bad byte.
        return Err(ConfigError {
            path: Some(path.to_owned()),
            message: "the settings file is saved as UTF-16 text; save it as UTF-8 and check again"
                .to_owned(),
            line: None,
            column: None,
            range: None,
        });
    }
    String::from_utf8(bytes).map_err(|error| {
        // The text before the first bad byte is UTF-8, and says where it is.
        let valid = error.utf8_error().valid_up_to();
        let good = std::str::from_utf8(&error.as_bytes()[..valid]).unwrap_or_default();
        let position = LineIndex::new(good).line_col(good, valid, Encoding::Chars);
        ConfigError {
            path: Some(path.to_owned()),
            message: "the settings file is not UTF-8 text; save it as UTF-8 and check again"
                .to_owned(),
            line: Some(position.line + 1),
            column: Some(position.col + 1),
            range: Some(TextRange::empty(valid)),
        }
    })
}

/// The clerk.toml that governs `path`: the nearest one in its folder or above.
///
/// Whatever is called clerk.toml counts, even a folder, a named pipe or a
/// link to nothing: that is the clerk's settings gone wrong, for the loader
/// to say so, not something to pass over in silence for a clerk.toml further
/// up or none. Nothing is opened here.
///
/// A relative path is taken from the current folder, so that the search can
/// go on above it; the answer is then an absolute path.
pub fn discover(path: &Path) -> Option<PathBuf> {
    let absolute;
    let path = if path.is_absolute() {
        path
    } else {
        absolute = std::env::current_dir().ok()?.join(path);
        &absolute
    };
    let start = if path.is_dir() {
        Some(path)
    } else {
        path.parent()
    };
    start?
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE_NAME))
        .find(|candidate| std::fs::symlink_metadata(candidate).is_ok())
}

/// Whether a per-file pattern matches `path`: the whole path, or just its
/// file name.
///
/// The path is best given relative to the folder that holds the clerk.toml
/// (as `clerk check` does). An absolute path (as an editor gives) does not
/// say where that folder is, so its tails are tried too: "archive/*.txt"
/// then still finds /home/clerk/minutes/archive/2019.txt.
pub(crate) fn path_matches(pattern: &str, path: &Path) -> bool {
    let Ok(glob) = glob(pattern) else {
        return false;
    };
    let matcher = glob.compile_matcher();
    if matcher.is_match(path) || path.file_name().is_some_and(|name| matcher.is_match(name)) {
        return true;
    }
    if !path.is_absolute() {
        return false;
    }
    let parts: Vec<_> = path.components().collect();
    (1..parts.len()).any(|from| matcher.is_match(parts[from..].iter().collect::<PathBuf>()))
}

/// Reads a file pattern the way shells and .gitignore do: `*` stays within
/// one folder, `**` crosses folders.
fn glob(pattern: &str) -> Result<globset::Glob, globset::Error> {
    globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
}

type Table<'i> = DeTable<'i>;
type Value<'i> = Spanned<DeValue<'i>>;

/// The text being read, its line index for turning spans into positions,
/// and the mistakes met so far.
struct Reader<'t> {
    text: &'t str,
    index: LineIndex,
    mistakes: std::cell::RefCell<Vec<ConfigError>>,
}

impl Reader<'_> {
    /// Sets a mistake aside, to be reported with the others.
    fn note(&self, mistake: ConfigError) {
        self.mistakes.borrow_mut().push(mistake);
    }

    /// The value, or `None` with its mistake set aside: the setting is
    /// left out, and the reading goes on.
    fn keep<T>(&self, result: Result<T, ConfigError>) -> Option<T> {
        result.map_err(|mistake| self.note(mistake)).ok()
    }

    fn error(&self, span: Range<usize>, message: impl Into<String>) -> ConfigError {
        let start = crate::text::floor_char_boundary(self.text, span.start);
        let end = crate::text::floor_char_boundary(self.text, span.end.max(start));
        let position = self.index.line_col(self.text, start, Encoding::Chars);
        ConfigError {
            path: None,
            message: message.into(),
            line: Some(position.line + 1),
            column: Some(position.col + 1),
            range: Some(TextRange::new(start, end)),
        }
    }

    fn syntax_error(&self, error: &toml::de::Error) -> ConfigError {
        let detail = error.message().trim().replace('\n', " ");
        let quoted = error
            .span()
            .and_then(|span| self.text.get(span))
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty());
        // The commonest slips, told plainly; anything else keeps TOML's words.
        let message = if detail.starts_with("duplicate key") {
            match quoted {
                Some(key) => format!("{key} is set twice in the same table"),
                None => "a setting is given twice in the same table".to_owned(),
            }
        } else if detail.starts_with("string values must be quoted") {
            match quoted {
                Some(value) => format!(
                    "{value} needs quotation marks (\"{value}\"), or is meant to be true, false, a number or a [list]"
                ),
                None => "a value needs quotation marks".to_owned(),
            }
        } else if detail.starts_with("invalid basic string")
            || detail.starts_with("invalid literal string")
        {
            "a quotation mark is not closed on this line".to_owned()
        } else {
            format!("the settings file is not valid TOML: {detail}")
        };
        match error.span() {
            Some(span) => self.error(span, message),
            None => ConfigError {
                path: None,
                message,
                line: None,
                column: None,
                range: None,
            },
        }
    }

    /// Reads every table, each on its own: a mistake in one leaves the
    /// others as they are written.
    fn read_root(&self, root: &Table) -> Config {
        let mut config = Config::default();
        let mut known = KnownSettings::default();
        let mut dictionary = DictionarySettings::default();
        for (key, value) in in_order(root) {
            match key.get_ref().as_ref() {
                "abbreviations" => {
                    for (abbreviation, expansion) in self.string_table(value, "[abbreviations]") {
                        config.glossary.insert(abbreviation, expansion);
                    }
                }
                "glossary" => {
                    let Some(table) = self.keep(self.table(value, "[glossary]")) else {
                        continue;
                    };
                    self.allow_keys(table, "[glossary]", &["defines"]);
                    if let Some(defines) = table.get("defines") {
                        if let Some(defines) =
                            self.keep(self.boolean(defines, "defines in [glossary]"))
                        {
                            config.glossary_defines = defines;
                        }
                    }
                }
                "known" => known = self.read_known(value),
                "dictionary" => dictionary = self.read_dictionary(value),
                "people" => config.people = self.read_people(value),
                "checks" => self.read_checks(value, &mut config),
                "files" => {
                    let Some(table) = self.keep(self.table(value, "[files]")) else {
                        continue;
                    };
                    self.allow_keys(table, "[files]", &["include", "exclude"]);
                    if let Some(include) = table.get("include") {
                        // As for select: a list whose every pattern is
                        // wrong is left out, rather than finding nothing.
                        if let Some(patterns) = self
                            .patterns(include, "include in [files]")
                            .filter(|patterns| !patterns.is_empty() || is_empty_list(include))
                        {
                            config.include = patterns;
                        }
                    }
                    if let Some(exclude) = table.get("exclude") {
                        if let Some(exclude) = self.patterns(exclude, "exclude in [files]") {
                            config.exclude = exclude;
                        }
                    }
                }
                "per-file-ignores" => {
                    let Some(table) = self.keep(self.table(value, "[per-file-ignores]")) else {
                        continue;
                    };
                    for (pattern, checks) in in_order(table) {
                        let pattern_text = pattern.get_ref().to_string();
                        let valid = self.keep(self.validate_pattern(
                            &pattern_text,
                            pattern.span(),
                            "[per-file-ignores]",
                        ));
                        let place = format!("[per-file-ignores] \"{pattern_text}\"");
                        let checks = self.checks(checks, &place);
                        if let (Some(()), Some(checks)) = (valid, checks) {
                            config.per_file_ignores.push((pattern_text, checks));
                        }
                    }
                }
                "body" => {
                    let Some(table) = self.keep(self.table(value, "[body]")) else {
                        continue;
                    };
                    self.allow_keys(table, "[body]", &["profile"]);
                    if let Some(profile) = table.get("profile") {
                        if let Some(profile) = self.keep(self.profile(profile)) {
                            config.profile = profile;
                        }
                    }
                }
                other => self.note(self.error(
                    key.span(),
                    format!(
                        "unknown setting \"{other}\" in the settings file; the tables are {}",
                        TABLES
                            .iter()
                            .map(|name| format!("[{name}]"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )),
            }
        }
        if !known.builtin {
            config.known.clear();
        }
        for abbreviation in known.remove {
            config.known.remove(&abbreviation);
        }
        config.known.extend(known.add);
        if !dictionary.builtin {
            config.dictionary.clear();
        }
        for abbreviation in dictionary.remove {
            config.dictionary.remove(&abbreviation);
        }
        config.dictionary.extend(dictionary.expansions);
        config
    }

    fn read_known(&self, value: &Value) -> KnownSettings {
        let mut known = KnownSettings::default();
        let Some(table) = self.keep(self.table(value, "[known]")) else {
            return known;
        };
        self.allow_keys(table, "[known]", &["builtin", "add", "remove"]);
        if let Some(builtin) = table.get("builtin") {
            if let Some(builtin) = self.keep(self.boolean(builtin, "builtin in [known]")) {
                known.builtin = builtin;
            }
        }
        if let Some(add) = table.get("add") {
            known.add = self.words(add, "add in [known]");
        }
        if let Some(remove) = table.get("remove") {
            known.remove = self.words(remove, "remove in [known]");
        }
        known
    }

    fn read_dictionary(&self, value: &Value) -> DictionarySettings {
        let mut dictionary = DictionarySettings::default();
        let Some(table) = self.keep(self.table(value, "[dictionary]")) else {
            return dictionary;
        };
        self.allow_keys(table, "[dictionary]", &["builtin", "remove", "expansions"]);
        if let Some(builtin) = table.get("builtin") {
            if let Some(builtin) = self.keep(self.boolean(builtin, "builtin in [dictionary]")) {
                dictionary.builtin = builtin;
            }
        }
        if let Some(remove) = table.get("remove") {
            dictionary.remove = self.words(remove, "remove in [dictionary]");
        }
        if let Some(expansions) = table.get("expansions") {
            dictionary.expansions = self.string_table(expansions, "[dictionary.expansions]");
        }
        dictionary
    }

    /// The register, person by person: a person with a mistake in the
    /// name is left out, one with a mistake in the role keeps the name.
    fn read_people(&self, value: &Value) -> Vec<RegisteredPerson> {
        let DeValue::Array(entries) = value.get_ref() else {
            self.note(self.wrong_type(
                value,
                "people",
                "a list of people, each written as a [[people]] table",
            ));
            return Vec::new();
        };
        let mut people = Vec::new();
        for entry in entries.iter() {
            let Some(table) = self.keep(self.table(entry, "[[people]]")) else {
                continue;
            };
            self.allow_keys(table, "[[people]]", &["name", "role", "aliases"]);
            let Some(name) = table.get("name") else {
                self.note(self.error(
                    entry.span(),
                    "a person in [[people]] has no name; write name = \"Their Name\"",
                ));
                continue;
            };
            let Some(name) = self.keep(self.non_empty_string(name, "name in [[people]]")) else {
                continue;
            };
            let role = table
                .get("role")
                .and_then(|role| self.keep(self.non_empty_string(role, "role in [[people]]")));
            let aliases = table
                .get("aliases")
                .map(|aliases| self.words(aliases, "aliases in [[people]]"))
                .unwrap_or_default();
            people.push(RegisteredPerson {
                name,
                role,
                aliases,
            });
        }
        people
    }

    fn read_checks(&self, value: &Value, config: &mut Config) {
        let Some(table) = self.keep(self.table(value, "[checks]")) else {
            return;
        };
        self.allow_keys(
            table,
            "[checks]",
            &["select", "extend-select", "ignore", "severity"],
        );
        if let Some(select) = table.get("select") {
            // A select list whose every entry is wrong cannot mean "no
            // check at all": it is left out, and every check on by default runs.
            config.select = self
                .checks(select, "[checks] select")
                .filter(|codes| !codes.is_empty() || is_empty_list(select));
        }
        if let Some(extend) = table.get("extend-select") {
            if let Some(extend) = self.checks(extend, "[checks] extend-select") {
                config.extend_select = extend;
            }
        }
        if let Some(ignore) = table.get("ignore") {
            if let Some(ignore) = self.checks(ignore, "[checks] ignore") {
                config.ignore = ignore;
            }
        }
        if let Some(severity) = table.get("severity") {
            let Some(severities) = self.keep(self.table(severity, "[checks.severity]")) else {
                return;
            };
            for (check, level) in in_order(severities) {
                let Some(rule) =
                    self.keep(self.rule(check.get_ref(), check.span(), "[checks.severity]"))
                else {
                    continue;
                };
                let Some(word) =
                    self.keep(self.string(level, &format!("the severity of {}", rule.code)))
                else {
                    continue;
                };
                match Severity::parse(&word) {
                    Some(severity) => {
                        config.severities.insert(rule.code, severity);
                    }
                    None => self.note(self.error(
                        level.span(),
                        format!(
                            "unknown severity \"{word}\" for {} in [checks.severity]; use error, warning or info",
                            rule.code
                        ),
                    )),
                }
            }
        }
    }

    /// A list of checks by code or name, returned as codes: each entry
    /// that is right, with the others set aside; `None` when it is no list.
    fn checks(&self, value: &Value, place: &str) -> Option<Vec<String>> {
        let DeValue::Array(entries) = value.get_ref() else {
            self.note(self.wrong_type(
                value,
                place,
                "a list of checks, like [\"A001\", \"missing-speaker-role\"]",
            ));
            return None;
        };
        let mut codes = Vec::new();
        for entry in entries.iter() {
            let Some(word) = self.keep(self.string(entry, &format!("a check in {place}"))) else {
                continue;
            };
            if let Some(rule) = self.keep(self.rule(&word, entry.span(), place)) {
                codes.push(rule.code.to_owned());
            }
        }
        Some(codes)
    }

    fn rule(
        &self,
        word: &str,
        span: Range<usize>,
        place: &str,
    ) -> Result<&'static crate::registry::Check, ConfigError> {
        find_check(word).ok_or_else(|| {
            self.error(
                span,
                format!(
                    "unknown check \"{word}\" in {place}; the checks are {}",
                    check_codes()
                ),
            )
        })
    }

    fn table<'a, 'i>(
        &self,
        value: &'a Value<'i>,
        place: &str,
    ) -> Result<&'a Table<'i>, ConfigError> {
        match value.get_ref() {
            DeValue::Table(table) => Ok(table),
            _ => Err(self.wrong_type(value, place, "a table of settings")),
        }
    }

    /// Sets aside every key that `allowed` does not name (they are not
    /// read); the others are read as usual.
    fn allow_keys(&self, table: &Table, place: &str, allowed: &[&str]) {
        for (key, _) in in_order(table) {
            let name = key.get_ref().as_ref();
            if !allowed.contains(&name) {
                let settings = allowed.join(", ");
                let message = if allowed.len() == 1 {
                    format!("unknown setting \"{name}\" in {place}; the only setting there is {settings}")
                } else {
                    format!(
                        "unknown setting \"{name}\" in {place}; the settings there are {settings}"
                    )
                };
                self.note(self.error(key.span(), message));
            }
        }
    }

    fn boolean(&self, value: &Value, place: &str) -> Result<bool, ConfigError> {
        match value.get_ref() {
            DeValue::Boolean(yes) => Ok(*yes),
            _ => Err(self.wrong_type(value, place, "true or false")),
        }
    }

    fn string(&self, value: &Value, place: &str) -> Result<String, ConfigError> {
        match value.get_ref() {
            DeValue::String(text) => Ok(text.to_string()),
            _ => Err(self.wrong_type(value, place, "text in quotes")),
        }
    }

    fn non_empty_string(&self, value: &Value, place: &str) -> Result<String, ConfigError> {
        let text = self.string(value, place)?;
        if text.trim().is_empty() {
            return Err(self.error(value.span(), format!("{place} is empty")));
        }
        Ok(text.trim().to_owned())
    }

    /// The kind of body `[body] profile` names.
    fn profile(&self, value: &Value) -> Result<BodyProfile, ConfigError> {
        let word = self.string(value, "profile in [body]")?;
        BodyProfile::NAMES
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(word.trim()))
            .map(|(_, profile)| *profile)
            .ok_or_else(|| {
                self.error(
                    value.span(),
                    format!(
                        "unknown profile \"{word}\" in [body]; use {}",
                        profile_names()
                    ),
                )
            })
    }

    /// A list of non-empty words or names: each entry that is right.
    fn words(&self, value: &Value, place: &str) -> Vec<String> {
        let DeValue::Array(entries) = value.get_ref() else {
            self.note(self.wrong_type(
                value,
                place,
                "a list of text in quotes, like [\"PDF\", \"KB\"]",
            ));
            return Vec::new();
        };
        entries
            .iter()
            .filter_map(|entry| {
                self.keep(self.non_empty_string(entry, &format!("an entry of {place}")))
            })
            .collect()
    }

    /// A table whose keys are abbreviations and whose values are their expansions.
    fn string_table(&self, value: &Value, place: &str) -> Vec<(String, String)> {
        let Some(table) = self.keep(self.table(value, place)) else {
            return Vec::new();
        };
        let mut pairs = Vec::new();
        for (key, expansion) in in_order(table) {
            let abbreviation = key.get_ref().trim();
            if abbreviation.is_empty() {
                self.note(self.error(key.span(), format!("an abbreviation in {place} is empty")));
                continue;
            }
            if let Some(expansion) = self.keep(self.non_empty_string(
                expansion,
                &format!("the expansion of {abbreviation} in {place}"),
            )) {
                pairs.push((abbreviation.to_owned(), expansion));
            }
        }
        pairs
    }

    /// A list of file patterns, each checked to be a valid pattern: those
    /// that are, or `None` when it is no list.
    fn patterns(&self, value: &Value, place: &str) -> Option<Vec<String>> {
        let DeValue::Array(entries) = value.get_ref() else {
            self.note(self.wrong_type(value, place, "a list of file patterns, like [\"*.txt\"]"));
            return None;
        };
        let mut patterns = Vec::new();
        for entry in entries.iter() {
            let Some(pattern) =
                self.keep(self.non_empty_string(entry, &format!("a pattern in {place}")))
            else {
                continue;
            };
            if self
                .keep(self.validate_pattern(&pattern, entry.span(), place))
                .is_some()
            {
                patterns.push(pattern);
            }
        }
        Some(patterns)
    }

    fn validate_pattern(
        &self,
        pattern: &str,
        span: Range<usize>,
        place: &str,
    ) -> Result<(), ConfigError> {
        glob(pattern).map(drop).map_err(|error| {
            let reason = match error.kind() {
                globset::ErrorKind::UnclosedClass => "a [ has no closing ]".to_owned(),
                globset::ErrorKind::UnclosedAlternates => "a { has no closing }".to_owned(),
                globset::ErrorKind::UnopenedAlternates => "a } has no opening {".to_owned(),
                globset::ErrorKind::InvalidRecursive => {
                    "** must stand alone between slashes".to_owned()
                }
                other => other.to_string(),
            };
            self.error(
                span,
                format!("the pattern \"{pattern}\" in {place} cannot be read: {reason}"),
            )
        })
    }

    fn wrong_type(&self, value: &Value, place: &str, wanted: &str) -> ConfigError {
        self.error(
            value.span(),
            format!(
                "{place} should be {wanted}, not {}",
                describe(value.get_ref())
            ),
        )
    }
}

/// `[known]` as written, applied to the built-in list once the whole file is read.
struct KnownSettings {
    builtin: bool,
    add: Vec<String>,
    remove: Vec<String>,
}

impl Default for KnownSettings {
    fn default() -> Self {
        KnownSettings {
            builtin: true,
            add: Vec::new(),
            remove: Vec::new(),
        }
    }
}

/// `[dictionary]` as written, applied to the built-in dictionary once the whole file is read.
struct DictionarySettings {
    builtin: bool,
    remove: Vec<String>,
    expansions: Vec<(String, String)>,
}

impl Default for DictionarySettings {
    fn default() -> Self {
        DictionarySettings {
            builtin: true,
            remove: Vec::new(),
            expansions: Vec::new(),
        }
    }
}

/// A table's entries in the order they appear in the file, so that the
/// first mistake reported is the first one a reader meets.
fn in_order<'a, 'i>(
    table: &'a Table<'i>,
) -> Vec<(&'a Spanned<std::borrow::Cow<'i, str>>, &'a Value<'i>)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// `table` without the settings that touch `unread` (the lines TOML could
/// not read), looking inside tables and lists of tables ([[people]]), so
/// that only the settings on those lines are lost.
fn without_unread<'i>(table: Table<'i>, unread: &[Range<usize>]) -> Table<'i> {
    let touches = |span: Range<usize>| {
        unread
            .iter()
            .any(|line| span.start < line.end && line.start < span.end.max(span.start + 1))
    };
    let mut kept = Table::new();
    for (key, mut value) in table {
        let span = value.span();
        let keep = match value.get_mut() {
            DeValue::Table(inner) => {
                *inner = without_unread(std::mem::take(inner), unread);
                true
            }
            DeValue::Array(items)
                if !items.is_empty()
                    && items
                        .iter()
                        .all(|item| matches!(item.get_ref(), DeValue::Table(_))) =>
            {
                for item in items.iter_mut() {
                    if let DeValue::Table(inner) = item.get_mut() {
                        *inner = without_unread(std::mem::take(inner), unread);
                    }
                }
                true
            }
            _ => !touches(span) && !touches(key.span()),
        };
        if keep {
            kept.insert(key, value);
        }
    }
    kept
}

/// Whether a value is a list with nothing in it, as `select = []` is.
fn is_empty_list(value: &Value) -> bool {
    matches!(value.get_ref(), DeValue::Array(entries) if entries.is_empty())
}

/// What a value is, in plain words.
fn describe(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// Every check's code, for messages that name an unknown one.
fn check_codes() -> String {
    CHECKS
        .iter()
        .map(|check| check.code)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The profiles `[body] profile` takes, as a sentence names them.
fn profile_names() -> String {
    let names: Vec<&str> = BodyProfile::NAMES.iter().map(|(name, _)| *name).collect();
    let (last, rest) = names.split_last().expect("profiles");
    format!("{} or {last}", rest.join(", "))
}
