//! The whole analysis of arbitrary text: parse, every check, every fix
//! applied and the result checked again, the outline, completion, hover,
//! navigation and rename at arbitrary offsets, and the line index both ways.
#![no_main]

use clerk::analysis::{self, analyze};
use clerk::config::Config;
use clerk::rules::apply_edits;
use clerk::text::{Encoding, LineCol, LineIndex};
use libfuzzer_sys::fuzz_target;

const ENCODINGS: [Encoding; 3] = [Encoding::Chars, Encoding::Utf8, Encoding::Utf16];

fuzz_target!(|data: &[u8]| {
    let (text, mut steer) = clerk_fuzz::split(data);
    let text = text.as_ref();
    let offsets = clerk_fuzz::offsets(text, &mut steer);
    let new_name: String = steer.arbitrary().unwrap_or_else(|_| "Okafor".to_owned());
    let positions: Vec<(u8, u16)> = steer.arbitrary().unwrap_or_default();

    // Every check, those that ship off too.
    let config = Config {
        extend_select: clerk::registry::CHECKS
            .iter()
            .filter(|check| !check.on_by_default)
            .map(|check| check.code.to_owned())
            .collect(),
        ..Config::default()
    };
    let analysis = analyze(text, &config);
    for finding in &analysis.findings {
        assert_in_text(text, finding.range.start, finding.range.end);
        for related in &finding.related {
            assert_in_text(text, related.range.start, related.range.end);
        }
        // The fix and every other reading offered beside it.
        for fix in finding.fixes() {
            for edit in &fix.edits {
                assert_in_text(text, edit.range.start, edit.range.end);
            }
            analyze(&apply_edits(text, &fix.edits), &config);
        }
    }
    analyze(
        &apply_edits(text, &analysis::fix_all(&analysis.findings)),
        &config,
    );

    let doc = &analysis.doc;
    // Lookups by place rely on these being in text order.
    assert!(doc.mentions.is_sorted_by_key(|mention| mention.range.start));
    assert!(doc.abbreviations.is_sorted_by_key(|use_| use_.range.start));
    analysis::outline(text, doc);
    analysis::symbols(text, doc);
    analysis::folding_ranges(doc);

    let index = LineIndex::new(text);
    for &offset in &offsets {
        analysis::completions(text, &analysis, &config, &[], offset);
        analysis::hover(text, &index, &analysis, &config, offset);
        analysis::definition(doc, offset);
        analysis::references(doc, offset, true);
        if let Some(range) = analysis::prepare_rename(text, doc, offset) {
            assert_in_text(text, range.start, range.end);
        }
        if let Ok(edits) = analysis::rename(text, doc, offset, &new_name) {
            assert!(analysis::name_problem(&new_name).is_none());
            for edit in &edits {
                assert_in_text(text, edit.range.start, edit.range.end);
            }
            analyze(&apply_edits(text, &edits), &config);
        }
        for encoding in ENCODINGS {
            let at = index.line_col(text, offset, encoding);
            let back = index.offset(text, at, encoding);
            assert!(back <= text.len() && text.is_char_boundary(back));
            if offset <= text.len() && text.is_char_boundary(offset) {
                // The one place a byte offset is not kept: between a CR and its LF.
                let line = index.line_of(offset);
                assert_eq!(back, offset.min(index.line_end(line)), "{offset} {at:?}");
            }
        }
    }
    for &(line, col) in positions.iter().take(16) {
        for encoding in ENCODINGS {
            let position = LineCol {
                line: u32::from(line),
                col: u32::from(col),
            };
            let offset = index.offset(text, position, encoding);
            assert!(offset <= text.len() && text.is_char_boundary(offset));
        }
    }
});

fn assert_in_text(text: &str, start: usize, end: usize) {
    assert!(
        start <= end && end <= text.len(),
        "{start}..{end} of {}",
        text.len()
    );
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
}
