//! Random edits as a client makes them, for the tests that send bursts of
//! changes: a replayable generator, the client's own idea of a position, and
//! the change that replaces a few characters with one of a set of insertions.

use serde_json::{json, Value};

/// A small deterministic generator, so a failing burst can be replayed.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// What the edits insert: words the checks react to, line breaks, wide characters.
const INSERTS: &[&str] = &[
    "DfE ",
    "the MASH ",
    "Multi-Agency Safeguarding Hub (MASH) ",
    "\nRESOLVED:\n",
    "1. That the Council ",
    "\n- That the Clerk ",
    "Mr Patel explained that ",
    "Ms Jordaan, Parish Clerk, ",
    "🎉",
    "議事録",
    "\n",
    "\n5. Any other business\n",
    "",
    "x",
];

/// The client's own idea of a position: lines end at `\n` (the texts the
/// edits make have no `\r`), columns count UTF-16 code units. Written
/// independently of the server's line index on purpose.
pub fn utf16_position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

/// Replaces up to `longest` characters somewhere in `text` with one of the
/// insertions, and returns the change as the protocol writes it.
pub fn random_change(text: &mut String, rng: &mut Rng, longest: usize) -> Value {
    let mut start = rng.below(text.len() + 1);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = start;
    for _ in 0..rng.below(longest) {
        end += text[end..].chars().next().map_or(0, char::len_utf8);
    }
    let insert = INSERTS[rng.below(INSERTS.len())];
    let change = json!({
        "range": {"start": utf16_position(text, start), "end": utf16_position(text, end)},
        "text": insert,
    });
    text.replace_range(start..end, insert);
    change
}

/// Diagnostics with the version taken out of each one's data, so that two
/// servers' answers for the same text compare equal.
pub fn strip_versions(mut diagnostics: Vec<Value>) -> Vec<Value> {
    for diagnostic in &mut diagnostics {
        if let Some(data) = diagnostic.get_mut("data").and_then(Value::as_object_mut) {
            data.remove("version");
        }
    }
    diagnostics
}
