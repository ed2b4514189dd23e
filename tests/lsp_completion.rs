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
    // The edit and the filter both start with what was typed, "Ms Jor":
    // an editor that inserts from the start of the title (Neovim) and one
    // that matches the typed text against the filter (VS Code) agree.
    assert_eq!(
        jordaan["textEdit"],
        json!({"range": range((1, 0), (1, 6)), "newText": "Ms Brigitte Jordaan, Operational Director Corporate Parenting,"})
    );
    assert_eq!(jordaan["filterText"], "Ms Jordaan Brigitte Jordaan");
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
        find(&items, "Brigitte Jordaan")["textEdit"],
        json!({"range": range((2, 0), (2, 6)), "newText": "Ms Jordaan"})
    );
}

/// (label, newText) of each completion, in the order the server ranks them.
fn ranked(items: &[Value]) -> Vec<(String, String)> {
    let mut items = items.to_vec();
    items.sort_by_key(|item| item["sortText"].as_str().unwrap().to_owned());
    items
        .iter()
        .map(|item| {
            (
                item["label"].as_str().unwrap().to_owned(),
                item["textEdit"]["newText"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn after_a_title_the_people_called_by_it_come_first() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("clerk.toml"),
        "[[people]]\nname = \"Helen Grey\"\nrole = \"Monitoring Officer\"\naliases = [\"Mrs Grey\"]\n\n[[people]]\nname = \"Omar Ruiz\"\nrole = \"Treasurer\"\n",
    )
    .unwrap();
    let path = folder.path().join("2025-04-council.txt");
    let text = "Present: Councillor Alan Hartley (Chairman), Miss Dora Quail, Cllr Priya Desai\n\
                In attendance: Mr Tom Oduya, Ms Brigitte Jordaan\n\
                \n\
                1. Apologies\n\
                Ms ";
    std::fs::write(&path, text).unwrap();
    let doc = file_uri(&path);
    let mut client = Client::start_in(folder.path()).await;
    client.open(&doc, text).await;

    // "Ms": Miss Quail and Ms Jordaan from the minutes, then Mrs Grey from
    // the register's alias; everyone else after, in the same order.
    let items = complete(&mut client, &doc, 4, 3).await;
    assert_eq!(
        ranked(&items),
        [
            ("Dora Quail", "Ms Quail"),
            ("Brigitte Jordaan", "Ms Jordaan"),
            ("Helen Grey", "Ms Helen Grey, Monitoring Officer,"),
            ("Alan Hartley", "Ms Hartley"),
            ("Priya Desai", "Ms Desai"),
            ("Tom Oduya", "Ms Oduya"),
            ("Omar Ruiz", "Ms Omar Ruiz, Treasurer,"),
        ]
        .map(|(label, insert)| (label.to_owned(), insert.to_owned()))
    );
    for item in &items {
        assert_eq!(item["textEdit"]["range"], range((4, 0), (4, 3)));
    }

    // "Cllr": the councillors, whichever of the two titles the minutes use.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": 2},
                   "contentChanges": [{"range": range((4, 0), (4, 3)), "text": "Cllr Des"}]}),
        )
        .await;
    let items = complete(&mut client, &doc, 4, 8).await;
    assert_eq!(
        ranked(&items),
        [("Priya Desai", "Cllr Desai")]
            .map(|(label, insert)| (label.to_owned(), insert.to_owned()))
    );
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": 3},
                   "contentChanges": [{"range": range((4, 5), (4, 8)), "text": ""}]}),
        )
        .await;
    let items = complete(&mut client, &doc, 4, 5).await;
    assert_eq!(
        ranked(&items)[..2],
        [
            ("Alan Hartley", "Cllr Hartley"),
            ("Priya Desai", "Cllr Desai")
        ]
        .map(|(label, insert)| (label.to_owned(), insert.to_owned()))
    );
    assert_eq!(items.len(), 7, "everyone else after them: {items:#?}");
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

#[tokio::test]
async fn people_from_other_minutes_come_with_their_most_recent_role_by_meeting_date() {
    // The file names sort March's minutes first; the meeting dates make
    // September's the latest, and its role the one offered.
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("hpc-a.txt"),
        "Minutes of the Meeting of Holmfield Parish Council\nheld on Tuesday 11 March 2025 at the Village Hall\n\n\
         Present: Cllr Ada Pennick (Vice-Chair), Cllr Tom Harrow (Treasurer)\n\n1. Apologies\nNone were received.\n",
    )
    .unwrap();
    std::fs::write(
        folder.path().join("hpc-b.txt"),
        "Minutes of the Meeting of Holmfield Parish Council\nheld on Tuesday 9 September 2025 at the Village Hall\n\n\
         Present: Cllr Ada Pennick (Chair), Cllr Tom Harrow\n\n1. Apologies\nNone were received.\n",
    )
    .unwrap();
    let path = folder.path().join("hpc-c.txt");
    let text = "1. Footpaths\nCllr Pen\nCllr Har";
    std::fs::write(&path, text).unwrap();
    let doc = file_uri(&path);
    let mut client = Client::start_in(folder.path()).await;
    client.open(&doc, text).await;

    let items = complete(&mut client, &doc, 1, 8).await;
    let pennick = find(&items, "Ada Pennick");
    assert_eq!(pennick["detail"], "Chair");
    assert_eq!(
        pennick["textEdit"],
        json!({"range": range((1, 0), (1, 8)), "newText": "Cllr Ada Pennick, Chair,"})
    );
    // September gives Tom Harrow no role: March's is the latest known.
    let items = complete(&mut client, &doc, 2, 8).await;
    let harrow = find(&items, "Tom Harrow");
    assert_eq!(harrow["detail"], "Treasurer");
    assert_eq!(
        harrow["textEdit"],
        json!({"range": range((2, 0), (2, 8)), "newText": "Cllr Tom Harrow, Treasurer,"})
    );
}
