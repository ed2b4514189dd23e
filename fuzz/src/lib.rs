//! How the fuzz targets read their input: a text, then (after the last NUL
//! byte, if any) the bytes that choose what is asked of it. A seed is a plain
//! fixture from tests/fixtures, so the fuzzer starts from real minutes.

use libfuzzer_sys::arbitrary::Unstructured;
use std::borrow::Cow;

/// The text and the bytes that steer the target. Invalid UTF-8 is read as
/// clerk's reader would not: with replacement characters, so that the
/// analysis still sees every other byte.
pub fn split(data: &[u8]) -> (Cow<'_, str>, Unstructured<'_>) {
    match data.iter().rposition(|&byte| byte == 0) {
        Some(at) => (
            String::from_utf8_lossy(&data[..at]),
            Unstructured::new(&data[at + 1..]),
        ),
        None => (String::from_utf8_lossy(data), Unstructured::new(&[])),
    }
}

/// Offsets to ask about: those the steering bytes give (a little past the
/// end too), else a spread over the text and every line's start and end.
pub fn offsets(text: &str, steer: &mut Unstructured<'_>) -> Vec<usize> {
    let reach = text.len() + 8;
    let mut offsets: Vec<usize> = std::iter::from_fn(|| steer.arbitrary::<u32>().ok())
        .take(16)
        .map(|offset| offset as usize % reach)
        .collect();
    if offsets.is_empty() {
        offsets.extend((0..=16).map(|step| text.len() * step / 16));
        for (at, _) in text.match_indices('\n').take(64) {
            offsets.extend([at, at + 1]);
        }
        // Inside a word too: a third of the way into each of a few lines.
        for line in text.lines().take(32) {
            let start = line.as_ptr() as usize - text.as_ptr() as usize;
            offsets.push(start + line.len() / 3);
        }
    }
    offsets
}
