//! Which settings govern each file: the nearest clerk.toml (found once per
//! folder), or the one named by --config, with --select and --ignore on top.

use crate::config::{load_file_keeping, Config, ConfigError, FilePatterns};
use crate::rules::{find_rule, RULES};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

/// What the command line says about checks, applied over every clerk.toml.
#[derive(Clone, Debug, Default)]
pub(crate) struct Overrides {
    /// Replaces the select list of clerk.toml when given.
    pub select: Option<Vec<String>>,
    /// Added to the ignore list of clerk.toml.
    pub ignore: Vec<String>,
    /// Added to clerk.toml's extend-select list (so that they run whatever
    /// it selects, even checks that ship off), and taken off its ignore list.
    pub extend_select: Vec<String>,
}

impl Overrides {
    /// Reads --select, --ignore and --extend-select, naming the first check
    /// that does not exist.
    pub fn new(
        select: &[String],
        ignore: &[String],
        extend_select: &[String],
    ) -> Result<Overrides, String> {
        let codes = |words: &[String], option: &str| -> Result<Vec<String>, String> {
            words
                .iter()
                .map(|word| word.trim())
                .filter(|word| !word.is_empty())
                .map(|word| {
                    find_rule(word)
                        .map(|rule| rule.code.to_owned())
                        .ok_or_else(|| {
                            format!(
                                "unknown check \"{word}\" in {option}; the checks are {}",
                                RULES
                                    .iter()
                                    .map(|rule| rule.code)
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        })
                })
                .collect()
        };
        Ok(Overrides {
            select: if select.is_empty() {
                None
            } else {
                Some(codes(select, "--select")?)
            },
            ignore: codes(ignore, "--ignore")?,
            extend_select: codes(extend_select, "--extend-select")?,
        })
    }

    fn apply(&self, config: &mut Config) {
        if let Some(select) = &self.select {
            config.select = Some(select.clone());
        }
        config
            .extend_select
            .extend(self.extend_select.iter().cloned());
        // The command line names them, so clerk.toml's ignore list gives way;
        // --ignore, added next, does not.
        config.ignore.retain(|entry| {
            find_rule(entry)
                .is_none_or(|rule| !self.extend_select.iter().any(|code| code == rule.code))
        });
        config.ignore.extend(self.ignore.iter().cloned());
    }
}

/// One clerk.toml, read and ready: the settings, and the folder its
/// patterns are relative to.
pub(crate) struct Settings {
    pub config: Config,
    /// The clerk.toml had a mistake, and `config` is what was right in it
    /// (or the defaults): good enough to check with, not to mend files by.
    pub broken: bool,
    /// The clerk.toml these settings were read from, as shown to the user;
    /// `None` for the defaults.
    pub source: Option<PathBuf>,
    /// The folder that holds the clerk.toml (or the current folder when
    /// there is none); file patterns are matched relative to it.
    root: PathBuf,
    patterns: FilePatterns,
}

impl Settings {
    fn new(config: Config, root: PathBuf, broken: bool, source: Option<PathBuf>) -> Settings {
        let patterns = FilePatterns::new(&config);
        Settings {
            config,
            broken,
            source,
            root,
            patterns,
        }
    }

    /// `path` as seen from the clerk.toml's folder, which is how its
    /// patterns are written.
    fn relative<'p>(&self, absolute: &'p Path) -> &'p Path {
        absolute.strip_prefix(&self.root).unwrap_or(absolute)
    }

    /// The settings for one file, with its per-file ignores applied.
    pub fn config_for(&self, absolute: &Path) -> Config {
        self.config.for_path(self.relative(absolute))
    }

    /// Whether a file found inside a folder is one to check: its name
    /// matches an include pattern and no exclude pattern matches it or a
    /// folder above it.
    pub fn wants(&self, absolute: &Path) -> bool {
        self.patterns.wants(self.relative(absolute))
    }
}

/// Finds and reads the settings for each file, once per folder and once
/// per clerk.toml.
pub(crate) struct SettingsCache {
    overrides: Overrides,
    cwd: PathBuf,
    /// --config, read once, when given.
    forced: Option<Rc<Settings>>,
    by_folder: HashMap<PathBuf, Rc<Settings>>,
    by_file: HashMap<PathBuf, Rc<Settings>>,
    /// Mistakes in settings files not yet reported.
    errors: Vec<SettingsMistake>,
}

/// A mistake in a clerk.toml, and whether the rest of it was read and used
/// (it was, unless the file could not be read as text at all).
#[derive(Clone, Debug)]
pub(crate) struct SettingsMistake {
    pub error: ConfigError,
    pub rest_kept: bool,
}

impl SettingsCache {
    pub fn new(config: Option<&Path>, overrides: Overrides) -> SettingsCache {
        let cwd = std::env::current_dir().unwrap_or_default();
        let mut cache = SettingsCache {
            overrides,
            cwd,
            forced: None,
            by_folder: HashMap::new(),
            by_file: HashMap::new(),
            errors: Vec::new(),
        };
        if let Some(path) = config {
            let absolute = cache.absolute(path);
            cache.forced = Some(cache.load(&absolute, path));
        }
        cache
    }

    /// `path` made absolute against the current folder, with `.` and `..`
    /// worked out by hand so that it never depends on symbolic links.
    pub fn absolute(&self, path: &Path) -> PathBuf {
        let joined = if path.is_absolute() {
            path.to_owned()
        } else {
            self.cwd.join(path)
        };
        let mut clean = PathBuf::new();
        for component in joined.components() {
            match component {
                Component::CurDir => {}
                Component::ParentDir => {
                    clean.pop();
                }
                other => clean.push(other),
            }
        }
        clean
    }

    /// The settings that govern the file at `absolute`.
    pub fn for_file(&mut self, absolute: &Path) -> Rc<Settings> {
        if let Some(forced) = &self.forced {
            return forced.clone();
        }
        let folder = absolute.parent().unwrap_or(absolute).to_owned();
        if let Some(settings) = self.by_folder.get(&folder) {
            return settings.clone();
        }
        let settings = match crate::config::discover(absolute) {
            Some(file) => match self.by_file.get(&file) {
                Some(settings) => settings.clone(),
                None => {
                    let shown = self.shown(&file);
                    let settings = self.load(&file, &shown);
                    self.by_file.insert(file, settings.clone());
                    settings
                }
            },
            None => {
                let mut config = Config::default();
                self.overrides.apply(&mut config);
                Rc::new(Settings::new(config, self.cwd.clone(), false, None))
            }
        };
        self.by_folder.insert(folder, settings.clone());
        settings
    }

    /// Mistakes in settings files met since the last call, each reported once.
    pub fn take_errors(&mut self) -> Vec<SettingsMistake> {
        std::mem::take(&mut self.errors)
    }

    /// Reads one clerk.toml. Each mistake in it is noted, and the rest of
    /// it is used (the defaults, when it cannot be read as text), so that
    /// checking goes on.
    fn load(&mut self, file: &Path, shown: &Path) -> Rc<Settings> {
        let (config, mistakes) = load_file_keeping(file);
        let broken = !mistakes.is_empty();
        let rest_kept = config.is_some();
        for mut error in mistakes {
            error.path = Some(shown.to_owned());
            self.errors.push(SettingsMistake { error, rest_kept });
        }
        let mut config = config.unwrap_or_default();
        self.overrides.apply(&mut config);
        let root = file
            .parent()
            .map(Path::to_owned)
            .unwrap_or_else(|| self.cwd.clone());
        Rc::new(Settings::new(config, root, broken, Some(shown.to_owned())))
    }

    /// A path as the user would write it: relative to the current folder
    /// when it lies inside it.
    fn shown(&self, absolute: &Path) -> PathBuf {
        absolute
            .strip_prefix(&self.cwd)
            .map(Path::to_owned)
            .unwrap_or_else(|_| absolute.to_owned())
    }
}
