//! Completion: people with their roles in the house form on first mention,
//! roles, abbreviations spelled out on first use, and the RESOLVED and agenda
//! item snippets in the document's own numbering.

mod lsp_support;

use lsp_support::{file_uri, pos, range, uri, utf16_capabilities, utf8_capabilities, Client};
use serde_json::{json, Value};

fn fixture() -> String {
    std::fs::read_to_string("tests/fixtures/lsp/meeting.txt").unwrap()
}

async fn edit(client: &mut Client, doc: &str, version: i64, at: (u32, u32), text: &str) {
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": version},
                   "contentChanges": [{"range": range(at, at), "text": text}]}),
        )
        .await;
}

async fn complete(client: &mut Client, doc: &str, line: u32, character: u32) -> Vec<Value> {
    let answer = client
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": doc}, "position": pos(line, character)}),
        )
        .await
        .unwrap();
    answer.as_array().cloned().unwrap_or_default()
}

fn find<'a>(items: &'a [Value], label: &str) -> &'a Value {
    items
        .iter()
        .find(|item| item["label"] == label)
        .unwrap_or_else(|| panic!("no {label} among {items:#?}"))
}

#[tokio::test]
async fn a_person_from_other_minutes_is_introduced_with_their_role_on_first_mention() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("2025-01-cels.txt"),
        "In attendance: Ms Brigitte Jordaan, Operational Director Corporate Parenting\n",
    )
    .unwrap();
    let path = folder.path().join("2025-03-cels.txt");
    let text = "1. Children's services\nMs Jor";
    std::fs::write(&path, text).unwrap();
    let doc = file_uri(&path);
    let mut client = Client::start_in(folder.path()).await;
    client.open(&doc, text).await;

    let items = complete(&mut client, &doc, 1, 6).await;
    let jordaan = find(&items, "Brigitte Jordaan");
    assert_eq!(
        jordaan["detail"],
        "Operational Director Corporate Parenting"
    );
    assert_eq!(
        jordaan["textEdit"],
        json!({"range": range((1, 3), (1, 6)), "newText": "Brigitte Jordaan, Operational Director Corporate Parenting,"})
    );
    assert_eq!(items.len(), 1, "only people after an honorific: {items:#?}");

    // Once she has been introduced, her surname is enough.
    edit(
        &mut client,
        &doc,
        2,
        (1, 6),
        "daan, Operational Director Corporate Parenting, presented the report.\nMs Jor",
    )
    .await;
    let items = complete(&mut client, &doc, 2, 6).await;
    assert_eq!(
        find(&items, "Brigitte Jordaan")["textEdit"]["newText"],
        "Jordaan"
    );
}

#[tokio::test]
async fn people_roles_and_titles_after_a_capitalised_prefix() {
    let mut client = Client::start(utf16_capabilities()).await;
    let doc = uri("meeting.txt");
    let text = fixture();
    client.open(&doc, &text).await;
    // A new last line: "Pari" after 🎉, to check the replaced range's columns too.
    edit(&mut client, &doc, 2, (23, 0), "🎉 Pari").await;
    let items = complete(&mut client, &doc, 23, 7).await;
    let role = find(&items, "Parish Clerk");
    assert_eq!(role["detail"], "role");
    assert_eq!(
        role["textEdit"],
        json!({"range": range((23, 3), (23, 7)), "newText": "Parish Clerk"})
    );

    edit(&mut client, &doc, 3, (23, 7), " Brig").await;
    let items = complete(&mut client, &doc, 23, 12).await;
    let person = find(&items, "Brigitte Jordaan");
    assert_eq!(person["detail"], "Parish Clerk");
    assert_eq!(
        person["textEdit"],
        json!({"range": range((23, 8), (23, 12)), "newText": "Brigitte Jordaan"}),
        "named before, so no role"
    );

    edit(&mut client, &doc, 4, (23, 12), " Coun").await;
    let items = complete(&mut client, &doc, 23, 17).await;
    assert_eq!(
        find(&items, "Councillor")["textEdit"]["newText"],
        "Councillor"
    );
}

#[tokio::test]
async fn an_abbreviation_is_spelled_out_on_its_first_use_only() {
    for capabilities in [utf16_capabilities(), utf8_capabilities()] {
        let mut client = Client::start(capabilities).await;
        let doc = uri("meeting.txt");
        client.open(&doc, &fixture()).await;
        // Line 7 comes before the first DfE (line 13).
        edit(&mut client, &doc, 2, (7, 56), " The Df").await;
        let items = complete(&mut client, &doc, 7, 63).await;
        let dfe = find(&items, "DfE");
        assert_eq!(dfe["detail"], "Department for Education");
        assert_eq!(
            dfe["textEdit"],
            json!({"range": range((7, 61), (7, 63)), "newText": "Department for Education (DfE)"})
        );
        // After line 13 it has been used: the letters alone.
        edit(&mut client, &doc, 3, (17, 44), " Df").await;
        let items = complete(&mut client, &doc, 17, 47).await;
        assert_eq!(find(&items, "DfE")["textEdit"]["newText"], "DfE");
        // The document's own definition is offered too.
        edit(&mut client, &doc, 4, (17, 47), "E V").await;
        let items = complete(&mut client, &doc, 17, 51).await;
        assert_eq!(find(&items, "VDS")["textEdit"]["newText"], "VDS");
    }
}

#[tokio::test]
async fn snippets_continue_the_numbering_of_resolutions_and_items() {
    let mut client = Client::start(utf16_capabilities()).await;
    let doc = uri("meeting.txt");
    client.open(&doc, &fixture()).await;
    // A second RESOLVED block in item 3 carries on from resolution 2.
    edit(&mut client, &doc, 2, (18, 0), "RES\n").await;
    let items = complete(&mut client, &doc, 18, 3).await;
    let resolved = find(&items, "RESOLVED");
    assert_eq!(resolved["insertTextFormat"], 2);
    assert_eq!(resolved["kind"], 15);
    assert_eq!(
        resolved["textEdit"],
        json!({"range": range((18, 0), (18, 3)), "newText": "RESOLVED:\n3.\tThat ${1}\n4.\tThat ${2}$0"})
    );
    // At the end, a fifth item in the "4. Title" style.
    edit(&mut client, &doc, 3, (24, 0), "\n").await;
    let items = complete(&mut client, &doc, 25, 0).await;
    let item = find(&items, "5. agenda item");
    assert_eq!(
        item["textEdit"],
        json!({"range": range((25, 0), (25, 0)), "newText": "5. ${1:Title}\n$0"})
    );
}

#[tokio::test]
async fn snippets_follow_a_minute_numbered_document_and_crlf() {
    let mut client = Client::start(utf16_capabilities()).await;
    let doc = uri("minute-numbers.txt");
    let text = "276.\r\nApologies for Absence\r\nNone were received.\r\n\r\n277.\r\nBudget\r\n119.1  RESOLVED: That the budget be approved.\r\n\r\n";
    client.open(&doc, text).await;
    let items = complete(&mut client, &doc, 8, 0).await;
    let item = find(&items, "278. agenda item");
    assert_eq!(
        item["textEdit"]["newText"], "278.\r\n${1:Title}\r\n$0",
        "number on its own line, as the document does, with CRLF kept"
    );
}
