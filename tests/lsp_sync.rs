//! Document sync and when diagnostics are published: CRLF documents, the
//! quiet period (none by default), versions, settings from the client, and clerk.toml changes.

mod lsp_support;

use lsp_support::{file_uri, range, uri, utf16_capabilities, Client};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn fixture() -> String {
    std::fs::read_to_string("tests/fixtures/lsp/meeting.txt").unwrap()
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic["code"].as_str().unwrap_or(""))
        .collect()
}

fn ranges(diagnostics: &[Value]) -> Vec<Value> {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic["range"].clone())
        .collect()
}

#[tokio::test]
async fn a_crlf_document_is_edited_in_place_and_stays_crlf() {
    let lf = fixture();
    let crlf = lf.replace('\n', "\r\n");
    let mut client = Client::start(utf16_capabilities()).await;
    let (plain, windows) = (uri("lf.txt"), uri("crlf.txt"));
    client.open(&plain, &lf).await;
    let expected = client.diagnostics(&plain, Some(1)).await;
    client.open(&windows, &crlf).await;
    let found = client.diagnostics(&windows, Some(1)).await;
    assert_eq!(
        ranges(&found),
        ranges(&expected),
        "CRLF does not move a finding"
    );

    // A new line typed at the start of line 8, with the client's own CRLF.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": windows, "version": 2},
                   "contentChanges": [{"range": range((8, 0), (8, 0)), "text": "The meeting noted the plan.\r\n"}]}),
        )
        .await;
    let found = client.diagnostics(&windows, Some(2)).await;
    assert_eq!(codes(&found), ["P001", "A001", "A001", "R001", "R003"]);
    assert_eq!(
        found[0]["range"],
        range((14, 0), (14, 8)),
        "Mr Patel moved down a line"
    );
    assert_eq!(found[1]["range"], range((14, 28), (14, 31)));

    // A fix that adds a line writes CRLF.
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": windows}, "range": range((22, 2), (22, 6)), "context": {"diagnostics": []}}),
        )
        .await
        .unwrap();
    let marker = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|action| action["diagnostics"][0]["code"] == "R003")
        .expect("R003 offers its fix");
    let new_text = marker["edit"]["documentChanges"][0]["edits"][0]["newText"]
        .as_str()
        .unwrap();
    assert!(new_text.contains("\r\n"), "{new_text:?}");
    assert!(
        !new_text.replace("\r\n", "").contains('\n'),
        "no bare LF in {new_text:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_during_a_check_is_never_overtaken_by_the_older_result() {
    // No quiet period, as by default: each change is checked at once.
    let mut client = Client::start(utf16_capabilities()).await;
    let doc = uri("during.txt");
    client.open(&doc, "1. Budget\n").await;
    assert_eq!(client.diagnostics(&doc, Some(1)).await, Vec::<Value>::new());
    let full_change = |version: i64, text: &str| json!({"textDocument": {"uri": doc, "version": version}, "contentChanges": [{"text": text}]});
    // Version 2 takes 400 ms to check; version 3 arrives 100 ms into that check.
    client
        .notify(
            "textDocument/didChange",
            full_change(2, "PLANTED-FAULT:slow\nThe DfE said so.\n"),
        )
        .await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    client
        .notify(
            "textDocument/didChange",
            full_change(3, "The MASH said so.\n"),
        )
        .await;
    let mut published = Vec::new();
    while let Some((method, params)) = client.quiet(Duration::from_millis(1500)).await {
        if method == "textDocument/publishDiagnostics" && params["uri"] == doc {
            let words: Vec<String> = params["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|diagnostic| diagnostic["message"].as_str().unwrap().to_owned())
                .collect();
            published.push((params["version"].as_i64().unwrap(), words));
        }
    }
    // Version 2's result was stale before it was ready: it is dropped, never
    // published over version 3's text.
    assert_eq!(published.len(), 1, "{published:?}");
    assert_eq!(published[0].0, 3, "{published:?}");
    assert!(published[0].1[0].contains("MASH"), "{published:?}");
}

#[tokio::test]
async fn a_burst_of_changes_is_checked_once_after_the_quiet_period() {
    let debounce = Duration::from_millis(150);
    let mut client = Client::start_with(utf16_capabilities(), json!(null), None, debounce).await;
    let doc = uri("burst.txt");
    client.open(&doc, "1. Budget\n").await;
    client.diagnostics(&doc, Some(1)).await;
    let mut last_change = Instant::now();
    for version in 2..=6 {
        client
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": doc, "version": version},
                       "contentChanges": [{"range": range((1, 0), (1, 0)), "text": "The DfE "}]}),
            )
            .await;
        last_change = Instant::now();
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (method, params) = client.next_notification().await;
    let waited = last_change.elapsed();
    assert_eq!(method, "textDocument/publishDiagnostics");
    assert_eq!(
        params["version"], 6,
        "versions 2 to 5 are never checked on their own"
    );
    assert!(
        waited >= debounce,
        "published {waited:?} after the last change"
    );
    assert_eq!(codes(params["diagnostics"].as_array().unwrap()), ["A001"]);
    assert!(
        client.quiet(Duration::from_millis(300)).await.is_none(),
        "and only once"
    );
}

#[tokio::test]
async fn settings_come_from_initialization_options_and_workspace_configuration() {
    let options = json!({"ignore": ["undefined-abbreviation"]});
    let mut client = Client::start_with(utf16_capabilities(), options, None, Duration::ZERO).await;
    let doc = uri("settings.txt");
    client.open(&doc, &fixture()).await;
    assert_eq!(
        codes(&client.diagnostics(&doc, Some(1)).await),
        ["P001", "R001", "R003"]
    );

    // The client's settings change: the server asks for them and checks again.
    *client.settings.lock().unwrap() = json!({"select": ["P001"], "ignore": []});
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": null}),
        )
        .await;
    assert_eq!(codes(&client.diagnostics(&doc, Some(1)).await), ["P001"]);
}

/// A check that ships off runs in the editor once its settings name it.
#[tokio::test]
async fn extend_select_in_the_settings_switches_on_a_check_that_ships_off() {
    let text = "Parish Council\nMinutes of the meeting held on 1 April 2024\n\n\
                1. Verges\n\nThe grass is long. The Clerk to write to the county about it.\n";
    let mut client =
        Client::start_with(utf16_capabilities(), json!({}), None, Duration::ZERO).await;
    let doc = uri("actions.txt");
    client.open(&doc, text).await;
    assert!(codes(&client.diagnostics(&doc, Some(1)).await).is_empty());
    *client.settings.lock().unwrap() = json!({"extendSelect": ["K002"]});
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": null}),
        )
        .await;
    assert_eq!(codes(&client.diagnostics(&doc, Some(1)).await), ["K002"]);
}

#[tokio::test]
async fn a_changed_clerk_toml_has_open_documents_checked_again() {
    let folder = tempfile::tempdir().unwrap();
    let config = folder.path().join("clerk.toml");
    std::fs::write(&config, "").unwrap();
    let path = folder.path().join("minutes.txt");
    let doc = file_uri(&path);
    let config_uri = file_uri(&config);
    let mut client = Client::start_in(folder.path()).await;
    client.open(&doc, &fixture()).await;
    client.diagnostics(&doc, Some(1)).await;
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": 2}]}),
        )
        .await;
    // The file is read again (its report published) and the open document re-checked.
    client.diagnostics(&config_uri, None).await;
    client.diagnostics(&doc, Some(1)).await;
}

#[tokio::test]
async fn a_broken_clerk_toml_is_shown_where_the_mistake_is() {
    let folder = tempfile::tempdir().unwrap();
    let config = folder.path().join("clerk.toml");
    std::fs::write(
        &config,
        "[abbreviations]\nDfE = \"Department for Education\"\nVDS = \n",
    )
    .unwrap();
    let doc = file_uri(&folder.path().join("minutes.txt"));
    let config_uri = file_uri(&config);
    let mut client = Client::start_in(folder.path()).await;
    client.open(&doc, &fixture()).await;
    let published = client.diagnostics_of_each(&[&config_uri, &doc]).await;
    let report = &published[0];
    assert_eq!(report.len(), 1, "{report:#?}");
    assert_eq!(
        report[0]["range"],
        range((2, 6), (2, 6)),
        "just after `VDS = `"
    );
    assert_eq!(
        report[0]["message"],
        "a value needs quotation marks; clerk is checking with the rest of the settings until this is mended"
    );
    assert_eq!(report[0]["severity"], 1);
    // The minutes are checked with the rest meanwhile: DfE is in the
    // glossary, so only the PCC is not spelled out.
    assert_eq!(codes(&published[1]), ["P001", "A001", "R001", "R003"]);
    assert_eq!(published[1][1]["range"], range((20, 102), (20, 105)));
}

/// A glossary, a select list and a severity, each right, beside three
/// mistakes: text without quotation marks, a check that does not exist and
/// a severity that does not exist.
const THREE_MISTAKES: &str = r#"[abbreviations]
DfE = "Department for Education"
PCC = Parochial Church Council

[checks]
select = ["A001", "P001", "A009"]

[checks.severity]
P001 = "loud"
"#;

/// The diagnostics the server publishes, first for `settings` written as
/// clerk.toml, then for the minutes it governs, with the folder they are
/// in written as `file:///folder/`.
async fn published_under(settings: &str) -> (Vec<Value>, Vec<Value>) {
    let folder = tempfile::tempdir().unwrap();
    let config = folder.path().join("clerk.toml");
    std::fs::write(&config, settings).unwrap();
    let doc = file_uri(&folder.path().join("minutes.txt"));
    let config_uri = file_uri(&config);
    let mut client = Client::start_in(folder.path()).await;
    client.open(&doc, &fixture()).await;
    let published = client.diagnostics_of_each(&[&config_uri, &doc]).await;
    let folder_uri = file_uri(folder.path()) + "/";
    let anywhere = |diagnostics: &Vec<Value>| -> Vec<Value> {
        serde_json::from_str(
            &serde_json::to_string(diagnostics)
                .unwrap()
                .replace(&folder_uri, "file:///folder/"),
        )
        .unwrap()
    };
    (anywhere(&published[0]), anywhere(&published[1]))
}

#[tokio::test]
async fn a_clerk_toml_with_three_mistakes_keeps_its_right_parts_and_shows_every_mistake() {
    let (report, minutes) = published_under(THREE_MISTAKES).await;
    let shown: Vec<(Value, &str, &Value)> = report
        .iter()
        .map(|diagnostic| {
            (
                diagnostic["range"].clone(),
                diagnostic["message"].as_str().unwrap(),
                &diagnostic["severity"],
            )
        })
        .collect();
    let rest = "; clerk is checking with the rest of the settings until this is mended";
    assert_eq!(
        shown,
        [
            (
                range((2, 6), (2, 30)),
                &*format!(
                    "Parochial Church Council needs quotation marks (\"Parochial Church Council\"), \
                     or is meant to be true, false, a number or a [list]{rest}"
                ),
                &json!(1)
            ),
            (
                range((5, 26), (5, 32)),
                &*format!(
                    "unknown check \"A009\" in [checks] select; the checks are R001, R002, R003, R004, \
                     R005, A001, A002, A003, A004, P001, P002, P003, D001, D002, D003, S001, S002, T001, K001, K002, M001{rest}"
                ),
                &json!(1)
            ),
            (
                range((8, 7), (8, 13)),
                &*format!(
                    "unknown severity \"loud\" for P001 in [checks.severity]; use error, warning or info{rest}"
                ),
                &json!(1)
            ),
        ]
    );
    // The glossary holds: the DfE is defined there, so only the PCC (whose
    // line is the mistake) is not spelled out. The select list holds: only
    // A001 and P001 run, so no R001 or R003. P001 keeps its own level.
    assert_eq!(codes(&minutes), ["P001", "A001"]);
    assert_eq!(minutes[1]["range"], range((20, 102), (20, 105)));
    assert_eq!(minutes[0]["severity"], 2);
}

#[tokio::test]
async fn the_same_clerk_toml_without_its_mistakes_gives_the_server_the_same_findings() {
    // What the test above holds the kept settings to: the right parts of
    // the file, no more and no less.
    let mended = THREE_MISTAKES
        .replace("PCC = Parochial Church Council\n", "")
        .replace(", \"A009\"", "")
        .replace("P001 = \"loud\"\n", "");
    let (report, right) = published_under(&mended).await;
    assert_eq!(report, Vec::<Value>::new());
    let (_, kept) = published_under(THREE_MISTAKES).await;
    assert_eq!(kept, right);
    // Without the glossary, the DfE is flagged too: the one kept is at work.
    let (_, without_glossary) =
        published_under(&mended.replace("DfE = \"Department for Education\"\n", "")).await;
    assert_eq!(codes(&without_glossary), ["P001", "A001", "A001"]);
}

#[tokio::test]
async fn adding_to_the_glossary_and_the_register_changes_what_the_server_says() {
    let folder = tempfile::tempdir().unwrap();
    let config = folder.path().join("clerk.toml");
    let doc = file_uri(&folder.path().join("minutes.txt"));
    let config_uri = file_uri(&config);
    let mut client = Client::start_in(folder.path()).await;
    client.open(&doc, &fixture()).await;
    let before = client.diagnostics(&doc, Some(1)).await;
    assert_eq!(codes(&before), ["P001", "A001", "A001", "R001", "R003"]);

    // The clerk takes "Add DfE to the glossary"; the editor creates clerk.toml with its text.
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": range((13, 29), (13, 29)), "context": {"diagnostics": [], "only": ["quickfix"]}}),
        )
        .await
        .unwrap();
    let glossary = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|action| action["title"] == "Add DfE to the glossary in clerk.toml")
        .unwrap();
    let written = glossary["edit"]["documentChanges"][1]["edits"][0]["newText"]
        .as_str()
        .unwrap();
    std::fs::write(&config, written).unwrap();
    std::fs::OpenOptions::new()
        .append(true)
        .open(&config)
        .and_then(|mut file| {
            std::io::Write::write_all(
                &mut file,
                b"\n[[people]]\nname = \"Raj Shah\"\nrole = \"Head of Finance\"\n",
            )
        })
        .unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": 1}]}),
        )
        .await;
    let after = client.diagnostics_of_each(&[&config_uri, &doc]).await;
    assert!(
        after[0].is_empty(),
        "the new clerk.toml reads cleanly: {:#?}",
        after[0]
    );
    let after = &after[1];
    assert_eq!(
        codes(after),
        ["P001", "A001", "R001", "R003"],
        "DfE is in the glossary now"
    );
    assert_eq!(
        after[1]["range"],
        range((20, 102), (20, 105)),
        "PCC is still not spelled out"
    );

    // The register gives Mr Shah his role on first mention.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": 2},
                   "contentChanges": [{"range": range((8, 0), (8, 0)), "text": "Mr Sha\n"}]}),
        )
        .await;
    let items = client
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": doc}, "position": {"line": 8, "character": 6}}),
        )
        .await
        .unwrap();
    let shah = items
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["label"] == "Raj Shah")
        .unwrap_or_else(|| panic!("{items:#}"));
    assert_eq!(shah["detail"], "Head of Finance");
    assert_eq!(shah["textEdit"]["newText"], "Mr Raj Shah, Head of Finance,");
}

#[tokio::test]
async fn edits_past_the_end_or_inside_an_emoji_are_clamped() {
    let mut client = Client::start(utf16_capabilities()).await;
    let doc = uri("clamp.txt");
    client.open(&doc, "1. Party 🎉\n").await;
    client.diagnostics(&doc, Some(1)).await;
    // Past the end of the text: the insertion lands at the end.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": 2},
                   "contentChanges": [{"range": range((40, 3), (41, 0)), "text": "2. Budget\n"}]}),
        )
        .await;
    // Column 10 falls between the two halves of 🎉 (columns 9 and 10): it means the emoji's start.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": 3},
                   "contentChanges": [{"range": range((0, 10), (0, 10)), "text": "in the park "}]}),
        )
        .await;
    client.diagnostics(&doc, Some(3)).await;
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": doc}}),
        )
        .await
        .unwrap();
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["1. Party in the park 🎉", "2. Budget"]);
}

/// A long document's edits are parsed after the version before (what the
/// lines' recognisers found is taken up where an edit left the lines
/// alone); what the server says after each edit must be what it says of
/// the same text opened afresh.
#[tokio::test]
async fn a_long_document_edited_says_what_the_same_text_opened_afresh_says() {
    let part = fixture();
    let mut lines: Vec<String> = part
        .repeat(100 * 1024 / part.len() + 1)
        .lines()
        .map(str::to_owned)
        .collect();
    let mut client = Client::start(utf16_capabilities()).await;
    let doc = uri("long.txt");
    client.open(&doc, &(lines.join("\n") + "\n")).await;
    client.diagnostics(&doc, Some(1)).await;
    let middle = lines.len() / 2;
    // A line typed in the middle, one near the top, an abbreviation spelled
    // out far from where it is used, and a line taken away again.
    let edits: [(usize, usize, &str); 4] = [
        (middle, 0, "The QRZ was noted by Mr Okoro.\n"),
        (3, 0, "Ms Ada Lind spoke.\n"),
        (middle + 1, 0, "The Quiet Roads Zone (QRZ) was agreed.\n"),
        (middle, 1, ""),
    ];
    for (version, (line, taken, typed)) in (2..).zip(edits) {
        let change =
            json!({"range": range((line as u32, 0), ((line + taken) as u32, 0)), "text": typed});
        client
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": doc, "version": version}, "contentChanges": [change]}),
            )
            .await;
        lines.splice(
            line..line + taken,
            typed.lines().map(str::to_owned).collect::<Vec<_>>(),
        );
        let edited = client.diagnostics(&doc, Some(version)).await;
        let fresh = uri(&format!("fresh-{version}.txt"));
        client.open(&fresh, &(lines.join("\n") + "\n")).await;
        let afresh = client.diagnostics(&fresh, Some(1)).await;
        assert!(edited.len() > 50, "{} findings", edited.len());
        // The same but for the document's name and version.
        let plain = |diagnostics: &[Value], name: &str| {
            let mut diagnostics = diagnostics.to_vec();
            for diagnostic in &mut diagnostics {
                diagnostic["data"]["version"] = Value::Null;
            }
            serde_json::to_string(&diagnostics)
                .unwrap()
                .replace(name, "DOC")
        };
        assert!(
            plain(&edited, &doc) == plain(&afresh, &fresh),
            "after edit {version}, the server does not say what it says of the same text opened afresh"
        );
    }
}
