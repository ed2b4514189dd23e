//! clerk on real minutes from `../shared`: the two seed pages must give
//! exactly the findings a careful clerk expects, and the 52 corpus documents
//! must parse without a panic and with every range valid. Skipped when the
//! folder is absent (it is public material kept beside the project, never in it).
//!
//! The corpus snapshot records only counts, so none of its text is copied here.

use clerk::analysis::analyze;
use clerk::config::Config;
use clerk::text::{Encoding, LineIndex};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn shared(folder: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(folder);
    if path.is_dir() {
        Some(path)
    } else if std::env::var_os("CI").is_some() {
        panic!("{} is missing: CI must run beside shared/", path.display());
    } else {
        eprintln!("skipped: {} is not here", path.display());
        None
    }
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

#[test]
fn seeds_give_exactly_the_expected_findings() {
    let Some(seeds) = shared("seeds") else { return };
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

#[test]
fn corpus_parses_with_valid_ranges_and_known_finding_counts() {
    let Some(corpus) = shared("corpus") else {
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 52);
    let config = Config::default();
    let mut per_check: BTreeMap<&str, usize> = BTreeMap::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let analysis = analyze(&text, &config);
        let outline = clerk::analysis::outline(&text, &analysis.doc);
        let ranges = analysis
            .findings
            .iter()
            .flat_map(|f| std::iter::once(f.range).chain(f.related.iter().map(|r| r.range)))
            .chain(outline.iter().flat_map(|node| [node.range, node.selection]));
        for range in ranges {
            assert!(
                range.start <= range.end
                    && range.end <= text.len()
                    && text.is_char_boundary(range.start)
                    && text.is_char_boundary(range.end),
                "{}: {range:?}",
                path.display()
            );
        }
        for finding in &analysis.findings {
            *per_check.entry(finding.code).or_default() += 1;
        }
    }
    // Each of these was read by hand; see the README's corpus section. A
    // change here is a change in what clerk tells clerks: look at it.
    let expected: BTreeMap<&str, usize> = [("A001", 97), ("P001", 7), ("R001", 1)]
        .into_iter()
        .collect();
    assert_eq!(per_check, expected);
}
