//! Order: a thousand incremental edits sent without waiting leave the server
//! with exactly the client's text, whatever order tower-lsp would have run
//! the handlers in.

mod lsp_support;

use lsp_support::{uri, utf16_capabilities, Client};
use serde_json::{json, Value};

/// A small deterministic generator, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The client's own idea of a position: lines end at `\n` (the test text has
/// no `\r`), columns count UTF-16 code units. Written independently of the
/// server's line index on purpose.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

/// Anywhere in the text, between two characters.
fn boundary(text: &str, rng: &mut Rng) -> usize {
    let mut offset = rng.below(text.len() + 1);
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

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

fn strip_versions(mut diagnostics: Vec<Value>) -> Vec<Value> {
    for diagnostic in &mut diagnostics {
        if let Some(data) = diagnostic.get_mut("data").and_then(Value::as_object_mut) {
            data.remove("version");
        }
    }
    diagnostics
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_edits_sent_without_waiting_end_where_the_client_ends() {
    let mut text = std::fs::read_to_string("tests/fixtures/lsp/meeting.txt").unwrap();
    let doc = uri("order.txt");
    let mut client = Client::start(utf16_capabilities()).await;
    client.open(&doc, &text).await;

    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut pending = Vec::new();
    for version in 2..=1001 {
        let start = boundary(&text, &mut rng);
        let mut end = start;
        for _ in 0..rng.below(12) {
            end += text[end..].chars().next().map_or(0, char::len_utf8);
        }
        let insert = INSERTS[rng.below(INSERTS.len())];
        let change = json!({
            "range": {"start": position(&text, start), "end": position(&text, end)},
            "text": insert,
        });
        text.replace_range(start..end, insert);
        pending.push(client.send(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": version}, "contentChanges": [change]}),
        ));
    }
    // Run the handlers last-sent first: the text must not depend on it.
    pending.reverse();
    for handler in pending {
        tokio::spawn(handler);
    }

    let diagnostics = client.diagnostics(&doc, Some(1001)).await;
    let outline = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": doc}}),
        )
        .await
        .unwrap();
    let folds = client
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": doc}}),
        )
        .await
        .unwrap();

    // The comparison means something only if the final text gives the checks and the outline work.
    assert!(diagnostics.len() >= 3, "{diagnostics:#?}");
    assert!(
        outline.as_array().is_some_and(|symbols| symbols.len() >= 4),
        "{outline:#}"
    );

    let mut fresh = Client::start(utf16_capabilities()).await;
    fresh.open(&doc, &text).await;
    let fresh_diagnostics = fresh.diagnostics(&doc, Some(1)).await;
    assert_eq!(
        strip_versions(diagnostics),
        strip_versions(fresh_diagnostics)
    );
    let fresh_outline = fresh
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": doc}}),
        )
        .await
        .unwrap();
    assert_eq!(outline, fresh_outline);
    let fresh_folds = fresh
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": doc}}),
        )
        .await
        .unwrap();
    assert_eq!(folds, fresh_folds);
    // Renaming everyone the client sees, by their last mention, gives the same edits on both.
    let last = text.rfind("Patel").map(|at| position(&text, at));
    if let Some(at) = last {
        let rename = json!({"textDocument": {"uri": doc}, "position": at, "newName": "Shah"});
        let ours = client
            .request("textDocument/rename", rename.clone())
            .await
            .ok();
        let theirs = fresh.request("textDocument/rename", rename).await.ok();
        let unversioned = |edit: Option<Value>| {
            edit.map(|mut edit| {
                edit["documentChanges"][0]["textDocument"]["version"] = Value::Null;
                edit
            })
        };
        assert_eq!(unversioned(ours), unversioned(theirs));
    }
}
