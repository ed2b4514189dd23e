//! Order: a thousand incremental edits sent without waiting leave the server
//! with exactly the client's text, whatever order tower-lsp would have run
//! the handlers in.

mod lsp_support;

use lsp_support::edits::{random_change, strip_versions, Rng};
use lsp_support::{uri, utf16_capabilities, Client};
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_edits_sent_without_waiting_end_where_the_client_ends() {
    let mut text = std::fs::read_to_string("tests/fixtures/lsp/meeting.txt").unwrap();
    let doc = uri("order.txt");
    let mut client = Client::start(utf16_capabilities()).await;
    client.open(&doc, &text).await;

    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut pending = Vec::new();
    for version in 2..=1001 {
        let change = random_change(&mut text, &mut rng, 12);
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
    let last = text
        .rfind("Patel")
        .map(|at| lsp_support::edits::utf16_position(&text, at));
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
