//! Every capability on a fixture of minutes, with exact positions, in UTF-16
//! and UTF-8. Line 20 of the fixture holds 🎉 and CJK text before the
//! names on it, so the two encodings disagree there.

mod lsp_support;

use lsp_support::{file_uri, pos, range, uri, utf16_capabilities, utf8_capabilities, Client};
use serde_json::{json, Value};

const FIXTURE: &str = "tests/fixtures/lsp/meeting.txt";

fn fixture() -> String {
    std::fs::read_to_string(FIXTURE).unwrap()
}

async fn opened(capabilities: Value, text: &str) -> (Client, String) {
    let mut client = Client::start(capabilities).await;
    let doc = uri("meeting.txt");
    client.open(&doc, text).await;
    (client, doc)
}

fn codes_and_ranges(diagnostics: &[Value]) -> Vec<(String, Value)> {
    diagnostics
        .iter()
        .map(|diagnostic| {
            (
                diagnostic["code"].as_str().unwrap().to_owned(),
                diagnostic["range"].clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn diagnostics_carry_code_source_related_places_and_fix_data() {
    let (mut client, doc) = opened(utf16_capabilities(), &fixture()).await;
    let diagnostics = client.diagnostics(&doc, Some(1)).await;
    assert_eq!(
        codes_and_ranges(&diagnostics),
        vec![
            ("P001".to_owned(), range((13, 0), (13, 8))),
            ("A001".to_owned(), range((13, 28), (13, 31))),
            ("A001".to_owned(), range((20, 102), (20, 105))),
            ("R001".to_owned(), range((21, 0), (21, 1))),
            ("R003".to_owned(), range((21, 2), (21, 6))),
        ]
    );
    let speaker = &diagnostics[0];
    assert_eq!(speaker["source"], "clerk");
    assert_eq!(speaker["severity"], 2);
    assert_eq!(
        speaker["message"],
        "Mr Patel speaks but their role is given only later, as “Highways Officer”"
    );
    assert_eq!(
        speaker["relatedInformation"],
        json!([{"location": {"uri": doc, "range": range((14, 10), (14, 26))}, "message": "the role is given here"}])
    );
    assert_eq!(
        speaker["data"]["register"],
        json!({"name": "Patel", "role": "Highways Officer"})
    );
    let dfe = &diagnostics[1];
    // No page documents the checks, so no link to one: the hover names the
    // command that explains the check instead.
    assert_eq!(dfe.get("codeDescription"), None, "{dfe:#}");
    assert_eq!(
        dfe["data"]["glossary"],
        json!({"abbreviation": "DfE", "expansion": "Department for Education"})
    );
    assert_eq!(dfe["data"]["version"], 1);
    assert_eq!(
        diagnostics[3]["relatedInformation"][0]["location"]["range"],
        range((22, 0), (22, 43))
    );
}

#[tokio::test]
async fn diagnostics_after_emoji_and_cjk_are_placed_in_the_negotiated_encoding() {
    // "PCC" follows 🎉 (two UTF-16 units, four UTF-8 bytes), ê and four CJK characters.
    let (mut client, doc) = opened(utf8_capabilities(), &fixture()).await;
    let diagnostics = client.diagnostics(&doc, Some(1)).await;
    assert_eq!(diagnostics[2]["range"], range((20, 115), (20, 118)));
    assert_eq!(
        diagnostics[2]["message"],
        "PCC is not spelled out in these minutes; it may stand for “Police and Crime Commissioner” or “Parochial Church Council”"
    );
}

#[tokio::test]
async fn the_outline_is_a_tree_of_items_sections_and_resolutions() {
    for (capabilities, emoji_end) in [(utf16_capabilities(), 23), (utf8_capabilities(), 25)] {
        let (mut client, doc) = opened(capabilities, &fixture()).await;
        let symbols = client
            .request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": doc}}),
            )
            .await
            .unwrap();
        // The two-line heading names the meeting; it stands first, beside the
        // items rather than above them, so editors show the items at once.
        assert_eq!(symbols[0]["name"], "Fenwick Marsh Parish Council");
        assert_eq!(symbols[0]["kind"], 2); // MODULE: the meeting
        assert_eq!(symbols[0]["selectionRange"], range((0, 0), (0, 28)));
        assert_eq!(symbols[0]["range"], range((0, 0), (1, 80)));
        let symbols = Value::Array(symbols.as_array().unwrap()[1..].to_vec());
        let names: Vec<&str> = symbols
            .as_array()
            .unwrap()
            .iter()
            .map(|symbol| symbol["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "Present",
                "In attendance",
                "1. Apologies for absence",
                "2. Minutes of the last meeting",
                "3. Highways and the Village Design Statement (VDS)",
                "4. Party in the park 🎉"
            ]
        );
        assert_eq!(symbols[0]["detail"], "3 named");
        assert_eq!(symbols[0]["selectionRange"], range((3, 0), (3, 7)));
        let highways = &symbols[4];
        assert_eq!(highways["range"], range((12, 0), (17, 44)));
        assert_eq!(highways["selectionRange"], range((12, 0), (12, 50)));
        let resolved = &highways["children"][0];
        assert_eq!(resolved["name"], "RESOLVED");
        assert_eq!(resolved["detail"], "2 resolutions");
        assert_eq!(resolved["range"], range((15, 0), (17, 44)));
        let resolutions: Vec<(&str, Value)> = resolved["children"]
            .as_array()
            .unwrap()
            .iter()
            .map(|child| {
                (
                    child["name"].as_str().unwrap(),
                    child["selectionRange"].clone(),
                )
            })
            .collect();
        assert_eq!(
            resolutions,
            [
                (
                    "1. That the Clerk writes to the highways authority.",
                    range((16, 0), (16, 2))
                ),
                (
                    "2. That the VDS be published on the website.",
                    range((17, 0), (17, 2))
                )
            ]
        );
        let party = &symbols[5];
        assert_eq!(party["selectionRange"], range((19, 0), (19, emoji_end)));
        assert_eq!(
            party["children"][0]["name"],
            "Decisions with no RESOLVED marker"
        );
        assert_eq!(
            party["children"][0]["children"].as_array().unwrap().len(),
            2
        );
    }
}

/// UTF-16 capabilities with the hover formats the client reads, in its
/// order of preference.
fn reading_hovers_in(formats: &[&str]) -> Value {
    let mut capabilities = utf16_capabilities();
    capabilities["textDocument"]["hover"] = json!({"contentFormat": formats});
    capabilities
}

#[tokio::test]
async fn hover_explains_abbreviations_people_and_checks() {
    let (mut client, doc) = opened(reading_hovers_in(&["markdown", "plaintext"]), &fixture()).await;
    let hover =
        |line, character| json!({"textDocument": {"uri": doc}, "position": pos(line, character)});
    let vds = client
        .request("textDocument/hover", hover(13, 73))
        .await
        .unwrap();
    assert_eq!(vds["range"], range((13, 72), (13, 75)));
    assert_eq!(vds["contents"]["kind"], "markdown");
    assert_eq!(
        vds["contents"]["value"],
        "**VDS**: Village Design Statement\n\nSpelled out on line 13: “Village Design Statement (VDS)”"
    );
    // The abbreviation's own answer, the finding, one line on its check and
    // the command that explains the check in full: not the whole of it.
    let dfe = client
        .request("textDocument/hover", hover(13, 29))
        .await
        .unwrap();
    assert_eq!(
        dfe["contents"]["value"],
        "**DfE**: Department for Education\n\n\
         From clerk's dictionary; not spelled out in these minutes\n\n\
         ---\n\n\
         **A001 undefined-abbreviation**: DfE is not spelled out in these minutes; it usually stands for “Department for Education”\n\n\
         What it flags: an abbreviation used but never spelled out; `clerk rules A001` explains this check."
    );
    // Ms Jordaan on line 20 sits after 🎉, ê and CJK: UTF-16 column 67.
    let person = client
        .request("textDocument/hover", hover(20, 72))
        .await
        .unwrap();
    assert_eq!(person["range"], range((20, 67), (20, 77)));
    assert_eq!(
        person["contents"]["value"],
        "**Brigitte Jordaan**\n\nParish Clerk (line 5)\n\nFirst named on line 5: “Ms Brigitte Jordaan”"
    );
    assert_eq!(
        client
            .request("textDocument/hover", hover(0, 3))
            .await
            .unwrap(),
        Value::Null
    );
    // A position far past the end is clamped, not refused.
    let clamped = client.request("textDocument/hover", hover(400, 9000)).await;
    assert!(clamped.is_ok());
}

#[tokio::test]
async fn hover_says_where_other_minutes_of_the_folder_spell_an_abbreviation_out() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/folder");
    let folder = tempfile::tempdir().unwrap();
    for name in ["2024-03-04.txt", "2024-04-08.txt"] {
        std::fs::copy(fixtures.join(name), folder.path().join(name)).unwrap();
    }
    let path = folder.path().join("2024-04-08.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let doc = file_uri(&path);
    let mut client = Client::start_in(folder.path()).await;
    client.open(&doc, &text).await;
    // "IDB" on line 9 of April's minutes, spelled out only in March's.
    let idb = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": pos(8, 43)}),
        )
        .await
        .unwrap();
    let shown = idb["contents"]["value"].as_str().unwrap();
    assert!(
        shown.starts_with(
            "IDB: Internal Drainage Board\nNot spelled out in these minutes\n\
             Spelled out as “Internal Drainage Board” in the minutes of 4 March 2024\n"
        ),
        "{shown}"
    );
}

#[tokio::test]
async fn completion_offers_the_abbreviations_other_minutes_of_the_folder_spell_out() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/folder");
    let folder = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures.join("2024-03-04.txt"),
        folder.path().join("2024-03-04.txt"),
    )
    .unwrap();
    let path = folder.path().join("draft.txt");
    let text = "Minutes of the Hollowmere Parish Council meeting\n\nThe VA\n";
    let doc = file_uri(&path);
    let mut client = Client::start_in(folder.path()).await;
    client.open(&doc, text).await;
    let offered = client
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": doc}, "position": pos(2, 6)}),
        )
        .await
        .unwrap();
    let vas = offered
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["label"] == "VAS")
        .expect("VAS, spelled out in March's minutes, is offered");
    assert_eq!(vas["detail"], "Vehicle Activated Sign");
}

#[tokio::test]
async fn hover_answers_in_plain_text_to_a_client_that_asks_for_it() {
    // Eglot without markdown-mode asks for plain text; so does a client
    // that names no format at all.
    for capabilities in [reading_hovers_in(&["plaintext"]), utf16_capabilities()] {
        let (mut client, doc) = opened(capabilities, &fixture()).await;
        let dfe = client
            .request(
                "textDocument/hover",
                json!({"textDocument": {"uri": doc}, "position": pos(13, 29)}),
            )
            .await
            .unwrap();
        assert_eq!(dfe["contents"]["kind"], "plaintext");
        assert_eq!(
            dfe["contents"]["value"],
            "DfE: Department for Education\n\
             From clerk's dictionary; not spelled out in these minutes\n\n\
             A001 undefined-abbreviation: DfE is not spelled out in these minutes; it usually stands for “Department for Education”\n\
             What it flags: an abbreviation used but never spelled out; “clerk rules A001” explains this check."
        );
        let person = client
            .request(
                "textDocument/hover",
                json!({"textDocument": {"uri": doc}, "position": pos(20, 72)}),
            )
            .await
            .unwrap();
        assert_eq!(
            person["contents"]["value"],
            "Brigitte Jordaan\nParish Clerk (line 5)\nFirst named on line 5: “Ms Brigitte Jordaan”"
        );
    }
}

/// Minutes whose own text holds Markdown's marks: a Markdown hover escapes
/// them so that they show as written.
#[tokio::test]
async fn a_markdown_hover_shows_the_minutes_marks_as_written() {
    let text = "In attendance: Ms Jo Bloggs, Ward_B Officer\n\n1. Planning\nMs Bloggs presented the report.\n";
    let (mut client, doc) = opened(reading_hovers_in(&["markdown"]), text).await;
    let person = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": pos(3, 5)}),
        )
        .await
        .unwrap();
    // Markdown would read Ward_B's underscore as the start of italics.
    assert_eq!(
        person["contents"]["value"],
        "**Jo Bloggs**\n\nWard\\_B Officer (line 1)\n\nFirst named on line 1: “Ms Jo Bloggs”"
    );
}

#[tokio::test]
async fn hover_and_navigation_in_utf8() {
    let (mut client, doc) = opened(utf8_capabilities(), &fixture()).await;
    let at =
        |line, character| json!({"textDocument": {"uri": doc}, "position": pos(line, character)});
    let person = client
        .request("textDocument/hover", at(20, 85))
        .await
        .unwrap();
    assert_eq!(person["range"], range((20, 80), (20, 90)));
    let definition = client
        .request("textDocument/definition", at(20, 85))
        .await
        .unwrap();
    assert_eq!(
        definition,
        json!({"uri": doc, "range": range((4, 15), (4, 34))})
    );
    let rename = client
        .request("textDocument/prepareRename", at(20, 85))
        .await
        .unwrap();
    assert_eq!(rename, range((20, 83), (20, 90)));
}

#[tokio::test]
async fn definition_references_and_rename() {
    let (mut client, doc) = opened(utf16_capabilities(), &fixture()).await;
    let at =
        |line, character| json!({"textDocument": {"uri": doc}, "position": pos(line, character)});
    let vds = client
        .request("textDocument/definition", at(17, 13))
        .await
        .unwrap();
    assert_eq!(vds, json!({"uri": doc, "range": range((12, 20), (12, 50))}));
    let person = client
        .request("textDocument/definition", at(20, 72))
        .await
        .unwrap();
    assert_eq!(
        person,
        json!({"uri": doc, "range": range((4, 15), (4, 34))})
    );
    assert_eq!(
        client
            .request("textDocument/definition", at(0, 2))
            .await
            .unwrap(),
        Value::Null
    );

    let mut references = at(13, 73);
    references["context"] = json!({"includeDeclaration": true});
    let found = client
        .request("textDocument/references", references.clone())
        .await
        .unwrap();
    let ranges: Vec<Value> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|location| location["range"].clone())
        .collect();
    assert_eq!(
        ranges,
        [
            range((12, 46), (12, 49)),
            range((13, 72), (13, 75)),
            range((17, 12), (17, 15))
        ]
    );
    references["context"] = json!({"includeDeclaration": false});
    let found = client
        .request("textDocument/references", references)
        .await
        .unwrap();
    assert_eq!(found.as_array().unwrap().len(), 2, "without the definition");

    let prepared = client
        .request("textDocument/prepareRename", at(20, 72))
        .await
        .unwrap();
    assert_eq!(prepared, range((20, 70), (20, 77)));
    let mut rename = at(20, 72);
    rename["newName"] = json!("Bridget Okonjo");
    let edit = client.request("textDocument/rename", rename).await.unwrap();
    assert_eq!(
        edit["documentChanges"][0],
        json!({
            "textDocument": {"uri": doc, "version": 1},
            "edits": [
                {"range": range((4, 18), (4, 26)), "newText": "Bridget"},
                {"range": range((4, 27), (4, 34)), "newText": "Okonjo"},
                {"range": range((20, 70), (20, 77)), "newText": "Okonjo"},
            ]
        })
    );
    let mut not_a_person = at(13, 29);
    not_a_person["newName"] = json!("Something");
    assert!(client
        .request("textDocument/rename", not_a_person)
        .await
        .is_err());
}

#[tokio::test]
async fn folding_ranges_cover_items_and_resolution_blocks() {
    let (mut client, doc) = opened(utf16_capabilities(), &fixture()).await;
    let folds = client
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": doc}}),
        )
        .await
        .unwrap();
    let lines: Vec<(u64, u64)> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|fold| {
            (
                fold["startLine"].as_u64().unwrap(),
                fold["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [(6, 7), (9, 10), (12, 17), (15, 17), (19, 22), (21, 22)]
    );
}

#[tokio::test]
async fn code_actions_offer_each_fix_the_config_additions_and_fix_all() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("meeting.txt");
    std::fs::write(&path, fixture()).unwrap();
    let doc = file_uri(&path);
    let config = file_uri(&folder.path().join("clerk.toml"));
    let mut client = Client::start_in(folder.path()).await;
    client.open(&doc, &fixture()).await;
    let diagnostics = client.diagnostics(&doc, Some(1)).await;

    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": range((13, 29), (13, 29)), "context": {"diagnostics": [diagnostics[1]]}}),
        )
        .await
        .unwrap();
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|action| action["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Spell out DfE as “Department for Education (DfE)”",
            "Add DfE to the glossary in clerk.toml"
        ]
    );
    let spell_out = &actions[0];
    assert_eq!(spell_out["kind"], "quickfix");
    assert_eq!(spell_out["diagnostics"], json!([diagnostics[1]]));
    assert_eq!(
        spell_out["edit"]["documentChanges"][0]["edits"],
        json!([{"range": range((13, 28), (13, 31)), "newText": "Department for Education (DfE)"}])
    );
    // No clerk.toml yet: the edit creates it in the workspace folder, then writes the entry.
    assert_eq!(
        actions[1]["edit"]["documentChanges"],
        json!([
            {"kind": "create", "uri": config, "options": {"overwrite": false, "ignoreIfExists": true}},
            {"textDocument": {"uri": config, "version": null}, "edits": [
                {"range": range((0, 0), (0, 0)), "newText": "[abbreviations]\nDfE = \"Department for Education\"\n"}
            ]}
        ])
    );

    // With a clerk.toml in place, the entry is added to it, keeping what is there.
    std::fs::write(
        folder.path().join("clerk.toml"),
        "# house style\n[abbreviations]\nVDS = \"Village Design Statement\"\n",
    )
    .unwrap();
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": range((13, 2), (13, 2)), "context": {"diagnostics": [], "only": ["quickfix"]}}),
        )
        .await
        .unwrap();
    let register = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|action| action["title"] == "Add Patel to the register in clerk.toml")
        .expect("the speaker can be added to the register");
    assert_eq!(
        register["edit"]["documentChanges"],
        json!([{"textDocument": {"uri": config, "version": null}, "edits": [
            {"range": range((0, 0), (3, 0)), "newText": "# house style\n[abbreviations]\nVDS = \"Village Design Statement\"\n\n[[people]]\nname = \"Patel\"\nrole = \"Highways Officer\"\n"}
        ]}])
    );

    let fix_all = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": range((0, 0), (0, 0)), "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await
        .unwrap();
    assert_eq!(fix_all.as_array().unwrap().len(), 1);
    assert_eq!(fix_all[0]["kind"], "source.fixAll.clerk");
    assert_eq!(
        fix_all[0]["edit"]["documentChanges"][0]["edits"],
        json!([
            {"range": range((21, 0), (21, 1)), "newText": "1."},
            {"range": range((22, 0), (22, 1)), "newText": "2."},
        ]),
        "only the safe fixes: R001's numbering, not the unsafe spelling out"
    );
}

#[tokio::test]
async fn workspace_symbols_search_open_and_unopened_minutes() {
    let folder = tempfile::tempdir().unwrap();
    let other = folder.path().join("2025-02.txt");
    std::fs::write(
        &other,
        "1. Apologies\nNone.\n\n2. Highways update\nMr Rees, County Surveyor, reported on potholes.\n",
    )
    .unwrap();
    let path = folder.path().join("2025-03.txt");
    std::fs::write(&path, fixture()).unwrap();
    let doc = file_uri(&path);
    let other_uri = file_uri(&other);
    let mut client = Client::start_in(folder.path()).await;
    client.open(&doc, &fixture()).await;

    let found = client
        .request("workspace/symbol", json!({"query": "highways"}))
        .await
        .unwrap();
    let mut places: Vec<(String, String, Value)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|symbol| {
            (
                symbol["name"].as_str().unwrap().to_owned(),
                symbol["location"]["uri"].as_str().unwrap().to_owned(),
                symbol["location"]["range"]["start"].clone(),
            )
        })
        .collect();
    places.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        places,
        [
            ("2. Highways update".to_owned(), other_uri, pos(3, 0)),
            (
                "3. Highways and the Village Design Statement (VDS)".to_owned(),
                doc.clone(),
                pos(12, 0)
            ),
            // The open minutes' decision, by its minute and first words.
            (
                "3: That the Clerk writes to the highways authority.".to_owned(),
                doc.clone(),
                pos(16, 0)
            ),
        ]
    );
    let people = client
        .request("workspace/symbol", json!({"query": "jordaan"}))
        .await
        .unwrap();
    assert_eq!(people[0]["name"], "Brigitte Jordaan");
    assert_eq!(people[0]["containerName"], "Parish Clerk");
    assert_eq!(
        people[0]["location"],
        json!({"uri": doc, "range": range((4, 15), (4, 34))})
    );
}

#[tokio::test]
async fn a_clerk_toml_that_cannot_be_read_is_reported_on_itself_and_checking_goes_on() {
    let folder = tempfile::tempdir().unwrap();
    let config = folder.path().join("clerk.toml");
    // Not UTF-8: no settings can be read from it.
    std::fs::write(&config, [b'[', 0xff, 0xfe, b']', b'\n']).unwrap();
    let path = folder.path().join("minutes.txt");
    let doc = file_uri(&path);
    let config_uri = file_uri(&config);
    let mut client = Client::start_in(folder.path()).await;
    client.open(&doc, &fixture()).await;
    let published = client.diagnostics_of_each(&[&config_uri, &doc]).await;
    let (report, diagnostics) = (&published[0], &published[1]);
    assert_eq!(report.len(), 1);
    assert_eq!(report[0]["severity"], 1);
    assert_eq!(report[0]["source"], "clerk");
    let message = report[0]["message"].as_str().unwrap();
    assert!(
        message.contains("the settings file is not UTF-8 text"),
        "{message}"
    );
    assert!(
        message.ends_with("clerk is checking with the default settings until this is mended"),
        "{message}"
    );
    assert_eq!(diagnostics.len(), 5, "checked with the defaults");
    // The log says so too, through window/logMessage.
    let logged = client.seen.iter().any(|(method, params)| {
        method == "window/logMessage"
            && params["message"]
                .as_str()
                .unwrap_or("")
                .contains("checking with the default settings")
    });
    let logged = logged || {
        let mut found = false;
        while let Some((method, params)) = client.quiet(std::time::Duration::from_millis(300)).await
        {
            if method == "window/logMessage"
                && params["message"]
                    .as_str()
                    .unwrap_or("")
                    .contains("default settings")
            {
                found = true;
                break;
            }
        }
        found
    };
    assert!(logged, "the mistake is logged to the client");

    // Mended, and the watcher says so: the report is cleared.
    std::fs::write(&config, "").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": 2}]}),
        )
        .await;
    assert!(client.diagnostics(&config_uri, None).await.is_empty());
}

/// A folder holding a workspace folder with the fixture in it, and the
/// quick fixes offered for the fixture's DfE (line 13), by a client that
/// shows disabled actions or by one that does not.
async fn glossary_actions(
    set_up: impl FnOnce(&std::path::Path, &std::path::Path),
    disabled_support: bool,
) -> Vec<Value> {
    let outer = tempfile::tempdir().unwrap();
    let workspace = outer.path().join("minutes");
    std::fs::create_dir(&workspace).unwrap();
    let path = workspace.join("meeting.txt");
    std::fs::write(&path, fixture()).unwrap();
    set_up(outer.path(), &workspace);
    let mut capabilities = utf16_capabilities();
    capabilities["textDocument"]["codeAction"] = json!({"disabledSupport": disabled_support});
    let mut client = Client::start_with(
        capabilities,
        json!(null),
        Some(&workspace),
        std::time::Duration::ZERO,
    )
    .await;
    let doc = file_uri(&path);
    client.open(&doc, &fixture()).await;
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": range((13, 29), (13, 29)), "context": {"diagnostics": [], "only": ["quickfix"]}}),
        )
        .await
        .unwrap();
    actions
        .as_array()
        .unwrap()
        .iter()
        .filter(|action| action["title"] == "Add DfE to the glossary in clerk.toml")
        .cloned()
        .collect()
}

#[tokio::test]
async fn a_clerk_toml_above_the_workspace_or_behind_a_link_is_not_edited() {
    let above = |outer: &std::path::Path, _: &std::path::Path| {
        std::fs::write(outer.join("clerk.toml"), "[rules]\nignore = [\"P002\"]\n").unwrap();
    };
    let shown = glossary_actions(above, true).await;
    assert_eq!(shown.len(), 1);
    assert_eq!(
        shown[0]["edit"],
        Value::Null,
        "no edit to a shared clerk.toml"
    );
    let reason = shown[0]["disabled"]["reason"].as_str().unwrap();
    assert!(
        reason.contains("lies outside this workspace folder: edit it by hand"),
        "{reason}"
    );
    // An editor that cannot grey an action out is not offered it at all.
    assert_eq!(glossary_actions(above, false).await, Vec::<Value>::new());

    #[cfg(unix)]
    {
        let linked = |outer: &std::path::Path, workspace: &std::path::Path| {
            std::fs::write(outer.join("elsewhere.toml"), "[abbreviations]\n").unwrap();
            std::os::unix::fs::symlink(outer.join("elsewhere.toml"), workspace.join("clerk.toml"))
                .unwrap();
        };
        let shown = glossary_actions(linked, true).await;
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0]["edit"], Value::Null, "no edit through the link");
        let reason = shown[0]["disabled"]["reason"].as_str().unwrap();
        assert!(
            reason.ends_with("clerk.toml is a link to a file elsewhere: edit that file by hand"),
            "{reason}"
        );
    }

    // A folder called clerk.toml is the settings gone wrong: never created over.
    let folder = |_: &std::path::Path, workspace: &std::path::Path| {
        std::fs::create_dir(workspace.join("clerk.toml")).unwrap();
    };
    let shown = glossary_actions(folder, true).await;
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0]["edit"], Value::Null);
    let reason = shown[0]["disabled"]["reason"].as_str().unwrap();
    assert!(
        reason.ends_with("clerk.toml: the settings file is a folder, not a regular file"),
        "{reason}"
    );

    // The same clerk.toml inside the workspace folder is edited as usual.
    let inside = |_: &std::path::Path, workspace: &std::path::Path| {
        std::fs::write(workspace.join("clerk.toml"), "[abbreviations]\n").unwrap();
    };
    let offered = glossary_actions(inside, true).await;
    assert_eq!(offered.len(), 1);
    assert_eq!(offered[0]["disabled"], Value::Null);
    assert_eq!(
        offered[0]["edit"]["documentChanges"][0]["edits"][0]["newText"],
        "[abbreviations]\nDfE = \"Department for Education\"\n"
    );
}

#[tokio::test]
async fn rename_refuses_a_new_name_that_is_not_a_name() {
    let (mut client, doc) = opened(utf16_capabilities(), &fixture()).await;
    let mut refused = Vec::new();
    for new_name in [
        "Okonjo <!-- clerk: ignore-file -->",
        "Okonjo\nResolved: that",
        "**Okonjo**",
        "[Okonjo](https://example.org)",
        "   ",
        "1234",
    ] {
        let error = client
            .request(
                "textDocument/rename",
                json!({"textDocument": {"uri": doc}, "position": pos(20, 72), "newName": new_name}),
            )
            .await
            .unwrap_err();
        refused.push(error.message.to_string());
    }
    assert_eq!(
        refused,
        [
            "clerk did not rename: a name holds only letters, spaces, hyphens, apostrophes and full stops, not \"<\"",
            "clerk did not rename: a name is written on one line",
            "clerk did not rename: a name holds only letters, spaces, hyphens, apostrophes and full stops, not \"*\"",
            "clerk did not rename: a name holds only letters, spaces, hyphens, apostrophes and full stops, not \"[\"",
            "clerk did not rename: a new name cannot be empty",
            "clerk did not rename: a name has at least one letter",
        ]
    );
    // Names as people write them still go through.
    for new_name in ["O’Connor-Ní Bhriain", "St. John", "Zoë Åberg", "Nguyễn"] {
        client
            .request(
                "textDocument/rename",
                json!({"textDocument": {"uri": doc}, "position": pos(20, 72), "newName": new_name}),
            )
            .await
            .unwrap_or_else(|error| panic!("{new_name}: {error:?}"));
    }
}

/// The A001 findings among `diagnostics`, by line.
fn a001_lines(diagnostics: &[Value]) -> Vec<u64> {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic["code"] == "A001")
        .map(|diagnostic| diagnostic["range"]["start"]["line"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn an_accepted_glossary_edit_takes_effect_once_clerk_toml_is_saved_with_no_word_from_the_editor(
) {
    // An editor that watches no files for the server and does not have
    // clerk.toml open with it (Neovim 0.7): it applies the edit, the clerk
    // saves, and that is all the server hears of it.
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("meeting.txt");
    std::fs::write(&path, fixture()).unwrap();
    let capabilities =
        json!({"workspace": {"applyEdit": true, "workspaceEdit": {"documentChanges": true}}});
    let mut client = Client::start_with(
        capabilities,
        json!(null),
        Some(folder.path()),
        std::time::Duration::ZERO,
    )
    .await;
    let doc = file_uri(&path);
    client.open(&doc, &fixture()).await;
    assert_eq!(
        a001_lines(&client.diagnostics(&doc, Some(1)).await),
        [13, 20]
    );
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": range((13, 29), (13, 29)), "context": {"diagnostics": [], "only": ["quickfix"]}}),
        )
        .await
        .unwrap();
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|action| action["title"] == "Add DfE to the glossary in clerk.toml")
        .unwrap_or_else(|| panic!("no glossary action among {actions:#}"));
    // No clerk.toml yet: the edit creates it and writes the glossary, and
    // touches nothing else.
    let changes = add["edit"]["documentChanges"].as_array().unwrap();
    let config_uri = file_uri(&folder.path().join("clerk.toml"));
    assert_eq!(changes[0]["kind"], "create");
    assert_eq!(changes[0]["uri"], config_uri);
    assert_eq!(changes[1]["textDocument"]["uri"], config_uri);
    assert_eq!(changes.len(), 2, "{changes:#?}");
    let new_text = changes[1]["edits"][0]["newText"].as_str().unwrap();
    assert_eq!(
        new_text,
        "[abbreviations]\nDfE = \"Department for Education\"\n"
    );
    std::fs::write(folder.path().join("clerk.toml"), new_text).unwrap();
    // The minutes are checked again with DfE in the glossary.
    assert_eq!(a001_lines(&client.diagnostics(&doc, Some(1)).await), [20]);
}

#[tokio::test]
async fn a_clerk_toml_saved_in_the_editor_is_read_again_when_the_editor_says_so() {
    let folder = tempfile::tempdir().unwrap();
    let config = folder.path().join("clerk.toml");
    // XfE, not DfE: the glossary does not explain the minutes' DfE yet.
    std::fs::write(
        &config,
        "[abbreviations]\nXfE = \"Department for Education\"\n",
    )
    .unwrap();
    let path = folder.path().join("meeting.txt");
    let doc = file_uri(&path);
    let mut client = Client::start_in(folder.path()).await;
    client.open(&doc, &fixture()).await;
    assert_eq!(
        a001_lines(&client.diagnostics(&doc, Some(1)).await),
        [13, 20]
    );

    // The clerk mends the glossary in the editor and saves: a change the
    // server's own look at the disk cannot see, as the file keeps its
    // length and its time is put back, so only the editor's word counts.
    let before = std::fs::metadata(&config).unwrap().modified().unwrap();
    std::fs::write(
        &config,
        "[abbreviations]\nDfE = \"Department for Education\"\n",
    )
    .unwrap();
    std::fs::File::options()
        .write(true)
        .open(&config)
        .unwrap()
        .set_modified(before)
        .unwrap();
    let waited = std::time::Instant::now();
    while waited.elapsed() < std::time::Duration::from_millis(1200) {
        if let Some((method, params)) = client.quiet(std::time::Duration::from_millis(100)).await {
            assert!(
                method != "textDocument/publishDiagnostics" || params["uri"] != doc,
                "nothing changed that the server could see, yet it checked again: {params:#}"
            );
        }
    }
    client
        .notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": file_uri(&config)}}),
        )
        .await;
    assert_eq!(a001_lines(&client.diagnostics(&doc, Some(1)).await), [20]);
}
