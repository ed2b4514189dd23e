//! clerk on real minutes from `../shared`: the two seed pages must give
//! exactly the findings a careful clerk expects; every corpus document
//! (the 52 minutes and the 358 whole documents of `sites/`) must parse
//! with every range valid; every finding clerk makes there, with the
//! checks that ship off selected too, must have the team's verdict in
//! `tests/corpus_verdicts.tsv` (each site's minutes read with the rest of
//! their folder, as `clerk check` reads a folder, so that P003 is judged
//! too), and each check must be
//! right at least 95 times in 100 by those verdicts; and `--fix` must
//! change nothing but what the safe fixes claim. Ignored, saying so, when
//! the folder is absent (it is public material kept beside the project,
//! never in it), unless CI=true, where that fails (tests/trials).
//!
//! The record holds file names, lines, codes and flagged words only, so
//! none of the minutes' text is copied here.

use clerk::analysis::{analyze, analyze_in_folder};
use clerk::config::{BodyProfile, Config};
use clerk::folder::Folder;
use clerk::rules::{apply_edits, Applicability, Edit, Finding, FolderWords};
use clerk::text::{Encoding, LineIndex};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

#[macro_use]
mod trials;

use trials::{Need, Trials};

/// The least share of right findings among those judged right or wrong.
const LEAST_PRECISION: f64 = 0.95;

/// `../shared/FOLDER`, beside the project.
fn shared(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(folder)
}

fn main() {
    let how = "it is kept beside the project, not in it; CI runs beside it";
    let seeds = Need::path("../shared/seeds", shared("seeds"), how);
    let corpus = Need::path("../shared/corpus", shared("corpus"), how);
    let mut trials = Trials::from_command_line();
    add_tests!(trials, [&seeds], seeds_give_exactly_the_expected_findings);
    add_tests!(
        trials,
        [&corpus],
        corpus_parses_with_valid_ranges,
        every_finding_on_real_minutes_has_a_verdict_and_each_check_is_precise,
        fixes_on_real_minutes_change_only_what_they_claim,
    );
    trials.run()
}

/// `line:col CODE spanned-text` for each finding, one-based, columns in characters.
fn findings(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let index = LineIndex::new(&text);
    analyze(&text, &Config::default())
        .findings
        .iter()
        .map(|f| {
            let at = index.line_col(&text, f.range.start, Encoding::Chars);
            format!(
                "{}:{} {} {}",
                at.line + 1,
                at.col + 1,
                f.code,
                f.range.of(&text)
            )
        })
        .collect()
}

fn seeds_give_exactly_the_expected_findings() {
    let seeds = shared("seeds");
    assert_eq!(
        findings(&seeds.join("barnet-cels-2019-improvement-plan.txt")),
        vec!["23:177 A001 DfE", "77:74 A003 BSCB"]
    );
    // R001 on the dash of the first item, R003 on its first word.
    assert_eq!(
        findings(&seeds.join("barnet-cels-2021-family-services.txt")),
        vec!["35:1 R001 -", "35:9 R003 That"]
    );
}

/// Every corpus document, by its name relative to the corpus folder
/// ("001_....txt", "sites/ayton/2024-02-06.txt"), in name order.
fn corpus_documents(corpus: &Path) -> Vec<(String, String)> {
    let mut names = Vec::new();
    let mut folders = vec![corpus.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "style-guides") {
                    folders.push(path);
                }
            } else if path.extension().is_some_and(|ext| ext == "txt") {
                let name = path.strip_prefix(corpus).unwrap();
                names.push(name.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(corpus.join(&name)).unwrap();
            (name, text)
        })
        .collect()
}

fn corpus_parses_with_valid_ranges() {
    let corpus = shared("corpus");
    let documents = corpus_documents(&corpus);
    assert_eq!(documents.len(), 52 + 358);
    let config = every_check();
    for (name, text) in &documents {
        let analysis = analyze(text, &config);
        let outline = clerk::analysis::outline(text, &analysis.doc);
        let ranges = analysis
            .findings
            .iter()
            .flat_map(|f| std::iter::once(f.range).chain(f.related.iter().map(|r| r.range)))
            .chain(analysis.findings.iter().flat_map(|f| {
                f.fix
                    .iter()
                    .flat_map(|fix| fix.edits.iter().map(|e| e.range))
            }))
            .chain(outline.iter().flat_map(|node| [node.range, node.selection]));
        for range in ranges {
            assert!(
                range.start <= range.end
                    && range.end <= text.len()
                    && text.is_char_boundary(range.start)
                    && text.is_char_boundary(range.end),
                "{name}: {range:?}"
            );
        }
    }
}

/// What a careful clerk says of one finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Right,
    Wrong,
    Arguable,
}

/// A finding as the record names it: file, line, code, flagged word.
type Key = (String, usize, String, String);

struct Record {
    /// Documents in which every A001 finding has a verdict; elsewhere A001
    /// is not recorded (it fires too often to judge every finding).
    a001_sample: HashSet<String>,
    verdicts: HashMap<Key, Verdict>,
}

fn read_record() -> Record {
    let text = include_str!("corpus_verdicts.tsv");
    let mut record = Record {
        a001_sample: HashSet::new(),
        verdicts: HashMap::new(),
    };
    for (number, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["sample", "A001", file] => {
                record.a001_sample.insert((*file).to_owned());
            }
            [file, line, code, word, verdict, _why] => {
                let verdict = match *verdict {
                    "right" => Verdict::Right,
                    "wrong" => Verdict::Wrong,
                    "arguable" => Verdict::Arguable,
                    other => panic!("corpus_verdicts.tsv:{}: verdict {other:?}", number + 1),
                };
                let key = (
                    (*file).to_owned(),
                    line.parse().unwrap(),
                    (*code).to_owned(),
                    (*word).to_owned(),
                );
                assert!(
                    record.verdicts.insert(key, verdict).is_none(),
                    "corpus_verdicts.tsv:{}: a second verdict for one finding",
                    number + 1
                );
            }
            _ => panic!("corpus_verdicts.tsv:{}: not a record line", number + 1),
        }
    }
    record
}

/// Checks that flag a whole heading, several times over for one meeting
/// (M001, once for each item its minutes lack): the record names their
/// findings by clerk's message, which tells them apart and holds none of
/// the heading's words.
const KEYED_BY_MESSAGE: &[&str] = &["M001"];

/// The record's key of a finding: its one-based line and the first 60
/// characters of the flagged text (or of the message, for
/// `KEYED_BY_MESSAGE`), tabs and line ends as spaces.
fn key_of(name: &str, text: &str, index: &LineIndex, finding: &Finding) -> Key {
    let line = index
        .line_col(text, finding.range.start, Encoding::Chars)
        .line as usize
        + 1;
    let flagged = if KEYED_BY_MESSAGE.contains(&finding.code) {
        finding.message.as_str()
    } else {
        finding.range.of(text)
    };
    let word: String = flagged
        .chars()
        .map(|c| if matches!(c, '\t' | '\n') { ' ' } else { c })
        .take(60)
        .collect();
    (name.to_owned(), line, finding.code.to_owned(), word)
}

/// What each site's folder tells the checks that read a folder (A001's
/// words, P003's common spellings), as `clerk check sites/NAME` reads
/// them: every document of `sites/NAME/`, keyed by the site's folder. The
/// 52 minutes at the top are of many councils, and are read alone.
fn site_folders(documents: &[(String, String)], config: &Config) -> HashMap<String, FolderWords> {
    let mut sites: BTreeMap<String, Vec<(&str, &str)>> = BTreeMap::new();
    for (name, text) in documents {
        if let Some(site) = site_of(name) {
            sites.entry(site.to_owned()).or_default().push((name, text));
        }
    }
    sites
        .into_iter()
        .map(|(site, documents)| (site, Folder::build(documents, config).words()))
        .collect()
}

/// "sites/ayton" of "sites/ayton/2024-02-06.txt"; None for the minutes at the top.
fn site_of(name: &str) -> Option<&str> {
    let rest = name.strip_prefix("sites/")?;
    let (site, _) = rest.split_once('/')?;
    Some(&name[..6 + site.len()])
}

/// The default settings with every check that ships off switched on as
/// well, so that those checks too are judged on the corpus.
fn every_check() -> Config {
    Config {
        extend_select: clerk::registry::CHECKS
            .iter()
            .filter(|check| !check.on_by_default)
            .map(|check| check.code.to_owned())
            .collect(),
        ..Config::default()
    }
}

/// Settings a clerk may choose that make checks fire where the defaults
/// leave them silent or off, each with the checks it is run for: their
/// findings under those settings are judged like the rest.
fn chosen_settings() -> Vec<Config> {
    vec![Config {
        profile: BodyProfile::Parish,
        select: Some(vec!["M001".to_owned()]),
        ..Config::default()
    }]
}

fn every_finding_on_real_minutes_has_a_verdict_and_each_check_is_precise() {
    let corpus = shared("corpus");
    let record = read_record();
    let config = every_check();
    let mut unjudged = Vec::new();
    let mut seen = HashSet::new();
    // Per check: findings made, and verdicts right, wrong, arguable.
    let mut tally: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    let documents = corpus_documents(&corpus);
    // Each site's minutes are judged as clerk check reads them in their
    // folder; A001's findings are the same there, only better explained.
    let folders = site_folders(&documents, &config);
    let chosen = chosen_settings();
    for (name, text) in documents {
        let index = LineIndex::new(&text);
        let folder = site_of(&name).and_then(|site| folders.get(site));
        let findings = std::iter::once(&config)
            .chain(&chosen)
            .flat_map(|config| analyze_in_folder(&text, config, folder).findings);
        for finding in findings {
            let counts = tally.entry(finding.code).or_default();
            counts[0] += 1;
            if finding.code == "A001" && !record.a001_sample.contains(&name) {
                continue;
            }
            let key = key_of(&name, &text, &index, &finding);
            match record.verdicts.get(&key) {
                Some(verdict) => {
                    counts[1 + *verdict as usize] += 1;
                    seen.insert(key);
                }
                None => unjudged.push(format!("{}\t{}\t{}\t{}", key.0, key.1, key.2, key.3)),
            }
        }
    }
    let mut table = String::from("check  findings  judged  right  wrong  arguable  precision\n");
    let mut imprecise = Vec::new();
    for (code, [made, right, wrong, arguable]) in &tally {
        let precision = (right + wrong > 0).then(|| *right as f64 / (right + wrong) as f64);
        table.push_str(&format!(
            "{code}   {made:>8}  {:>6}  {right:>5}  {wrong:>5}  {arguable:>8}  {}\n",
            right + wrong + arguable,
            precision.map_or("-".to_owned(), |p| format!("{p:.3}"))
        ));
        if precision.is_some_and(|p| p < LEAST_PRECISION) {
            imprecise.push(*code);
        }
    }
    println!("{table}");
    let stale: Vec<&Key> = record
        .verdicts
        .keys()
        .filter(|key| !seen.contains(*key))
        .collect();
    assert!(
        unjudged.is_empty(),
        "{} findings on the corpus have no verdict yet: read each and add it to \
         tests/corpus_verdicts.tsv (file, line, code, word, right|wrong|arguable, why):\n{}\n\n{table}",
        unjudged.len(),
        unjudged.join("\n")
    );
    assert!(
        stale.is_empty(),
        "{} verdicts name findings clerk no longer makes; remove them:\n{stale:?}",
        stale.len()
    );
    assert!(
        imprecise.is_empty(),
        "{imprecise:?} fall below {LEAST_PRECISION} precision on the corpus:\n{table}"
    );
}

/// The safe edits `--fix` may make in one round: whole fixes, none
/// touching another's text, in the order the findings come.
fn safe_edits(findings: &[Finding]) -> Vec<Edit> {
    let mut chosen: Vec<Edit> = Vec::new();
    for finding in findings {
        let Some(fix) = finding
            .fix
            .as_ref()
            .filter(|fix| fix.applicability == Applicability::Safe)
        else {
            continue;
        };
        let clashes = fix.edits.iter().any(|edit| {
            chosen.iter().any(|other| {
                edit.range.start < other.range.end && other.range.start < edit.range.end
                    || edit.range == other.range
            })
        });
        if !clashes {
            chosen.extend(fix.edits.iter().cloned());
        }
    }
    chosen
}

fn fixes_on_real_minutes_change_only_what_they_claim() {
    let corpus = shared("corpus");
    let documents = corpus_documents(&corpus);
    let folder = tempfile::tempdir().unwrap();
    for (name, text) in &documents {
        let path = folder.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let config = Config::default();
    for (name, text) in &documents {
        let analysis = analyze(text, &config);
        for finding in &analysis.findings {
            let Some(fix) = &finding.fix else { continue };
            match finding.code {
                // Renumbering touches the markers of the block it names, and nothing else.
                "R001" | "R002" => {
                    let block = analysis
                        .doc
                        .resolution_blocks
                        .iter()
                        .find(|block| block.range.contains_range(finding.range))
                        .unwrap_or_else(|| panic!("{name}: {} outside its block", finding.code));
                    for edit in &fix.edits {
                        assert!(
                            block
                                .resolutions
                                .iter()
                                .any(|r| r.range.start <= edit.range.start
                                    && edit.range.end <= r.text.start.max(r.range.start + 16)),
                            "{name}: {} edits {:?} outside a resolution's number",
                            finding.code,
                            edit.range.of(text)
                        );
                    }
                }
                // A004 rewrites only the second spelling-out's words.
                "A004" => assert!(
                    fix.edits.len() == 1 && fix.edits[0].range == finding.range,
                    "{name}: A004 edits more than the words it flags"
                ),
                _ => {}
            }
        }
    }
    let run = || {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
            .args(["check", "--fix", "--quiet", "--format", "json"])
            .arg(folder.path())
            .output()
            .unwrap();
        assert!(
            output.status.code().is_some_and(|code| code <= 1),
            "clerk check --fix failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    run();
    let mut changed = 0;
    for (name, text) in &documents {
        let after = std::fs::read_to_string(folder.path().join(name)).unwrap();
        // What the safe fixes claim, round after round, as `--fix` applies them.
        let mut expected = text.clone();
        for _ in 0..10 {
            let edits = safe_edits(&analyze(&expected, &config).findings);
            if edits.is_empty() {
                break;
            }
            expected = apply_edits(&expected, &edits);
        }
        assert!(
            after == expected,
            "{name}: --fix wrote more or less than its safe fixes claim"
        );
        changed += usize::from(after != *text);
    }
    assert!(changed > 0, "no corpus document had a safe fix to apply");
    // A second run finds nothing more to fix.
    let before: Vec<String> = documents
        .iter()
        .map(|(name, _)| std::fs::read_to_string(folder.path().join(name)).unwrap())
        .collect();
    run();
    for ((name, _), before) in documents.iter().zip(before) {
        let after = std::fs::read_to_string(folder.path().join(name)).unwrap();
        assert_eq!(after, before, "{name}: a second --fix changed it again");
    }
}
