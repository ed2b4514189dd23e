//! `clerk check --show-settings`: the settings that govern one file, after
//! its clerk.toml, its per-file ignores and the command line, written as a
//! clerk.toml that would give the same settings.

use crate::config::{builtin_dictionary, builtin_known, Config};
use crate::rules::RULES;
use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::Path;

/// The settings for the file shown as `shown`, read from `source` (none:
/// the defaults), as TOML with a comment saying where they came from.
pub(crate) fn render(shown: &str, source: Option<&Path>, broken: bool, config: &Config) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# The settings for {},", comment(shown));
    match source {
        Some(source) if broken => {
            let _ = writeln!(
                out,
                "# the defaults: {} has a mistake, so it is not used.",
                comment(&source.display().to_string())
            );
        }
        Some(source) => {
            let _ = writeln!(
                out,
                "# from {} and the command line.",
                comment(&source.display().to_string())
            );
        }
        None => out.push_str("# the defaults: no clerk.toml in its folder or above.\n"),
    }

    // The checks: those that run, at their severity.
    let running: Vec<_> = RULES
        .iter()
        .filter_map(|rule| config.severity_of(rule).map(|severity| (rule, severity)))
        .collect();
    let idle: Vec<&str> = RULES
        .iter()
        .filter(|rule| config.severity_of(rule).is_none())
        .map(|rule| rule.code)
        .collect();
    out.push_str("\n[checks]\n");
    match idle.len() {
        0 => {}
        1 => {
            let _ = writeln!(out, "# {} does not run here.", idle[0]);
        }
        _ => {
            let _ = writeln!(out, "# {} do not run here.", idle.join(", "));
        }
    }
    let _ = writeln!(
        out,
        "select = {}",
        list(running.iter().map(|(rule, _)| rule.code))
    );
    out.push_str("\n[checks.severity]\n");
    for (rule, severity) in &running {
        let _ = writeln!(out, "{} = {}", rule.code, string(severity.as_str()));
    }

    out.push_str("\n[abbreviations]\n");
    for (abbreviation, expansion) in &config.glossary {
        let _ = writeln!(out, "{} = {}", key(abbreviation), string(expansion));
    }
    let _ = write!(out, "\n[glossary]\ndefines = {}\n", config.glossary_defines);

    // The lists as shipped, and what clerk.toml adds to them or takes away.
    let shipped_known: BTreeSet<&str> = builtin_known().collect();
    let known: BTreeSet<&str> = config.known.iter().map(String::as_str).collect();
    let _ = write!(
        out,
        "\n[known]\n# The {} shipped abbreviations every reader knows.\nbuiltin = {}\nadd = {}\nremove = {}\n",
        shipped_known.len(),
        shipped_known.iter().any(|word| known.contains(word)),
        list(known.difference(&shipped_known).copied()),
        list(
            shipped_known
                .difference(&known)
                .copied()
                .filter(|_| shipped_known.iter().any(|word| known.contains(word)))
        ),
    );
    let shipped: Vec<(&str, &str)> = builtin_dictionary().collect();
    let kept = shipped.iter().any(|(abbreviation, expansion)| {
        config.dictionary.get(*abbreviation).map(String::as_str) == Some(*expansion)
    });
    let removed = shipped
        .iter()
        .filter(|(abbreviation, _)| kept && !config.dictionary.contains_key(*abbreviation))
        .map(|(abbreviation, _)| *abbreviation)
        .collect::<BTreeSet<_>>();
    let _ = write!(
        out,
        "\n[dictionary]\n# The {} shipped expansions.\nbuiltin = {kept}\nremove = {}\n\n[dictionary.expansions]\n",
        shipped
            .iter()
            .map(|(abbreviation, _)| *abbreviation)
            .collect::<BTreeSet<_>>()
            .len(),
        list(removed.into_iter()),
    );
    let mut added: Vec<(&String, &String)> = config
        .dictionary
        .iter()
        .filter(|(abbreviation, expansion)| {
            !kept
                || !shipped
                    .iter()
                    .any(|(shipped_abbreviation, shipped_expansion)| {
                        shipped_abbreviation == abbreviation && shipped_expansion == expansion
                    })
        })
        .collect();
    added.sort();
    for (abbreviation, expansion) in added {
        let _ = writeln!(out, "{} = {}", key(abbreviation), string(expansion));
    }

    for person in &config.people {
        let _ = write!(out, "\n[[people]]\nname = {}\n", string(&person.name));
        if let Some(role) = &person.role {
            let _ = writeln!(out, "role = {}", string(role));
        }
        if !person.aliases.is_empty() {
            let _ = writeln!(
                out,
                "aliases = {}",
                list(person.aliases.iter().map(String::as_str))
            );
        }
    }

    let _ = write!(
        out,
        "\n[files]\ninclude = {}\nexclude = {}\n",
        list(config.include.iter().map(String::as_str)),
        list(config.exclude.iter().map(String::as_str)),
    );
    out.push_str("\n[body]\n");
    match config.profile.name() {
        Some(profile) => {
            let _ = writeln!(out, "profile = {}", string(profile));
        }
        None => out.push_str("# No profile: M001 expects apologies for absence only.\n"),
    }
    out
}

/// A TOML string, quoted and escaped.
fn string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// A TOML key: bare when TOML allows it, quoted otherwise.
fn key(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        text.to_owned()
    } else {
        string(text)
    }
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.map(string).collect();
    format!("[{}]", items.join(", "))
}

/// A name in a comment: one line, its control characters shown.
fn comment(text: &str) -> String {
    super::output::untrusted(text)
}
