//! The language server with the folder model: A001 saying where another
//! set of minutes of the workspace spells an abbreviation out, the same as
//! `clerk check FOLDER` says it; diagnostics that never wait for the
//! folder; one file read again when it is saved; the decisions among the
//! workspace symbols; and the index of abbreviations as a command.

mod lsp_support;

use lsp_support::{file_uri, utf16_capabilities, Client};
use serde_json::{json, Value};
use std::path::Path;

/// January's minutes spell out the Holmfield Lanes Group; February's use
/// HLG and never spell it out.
const JANUARY: &str = "\
Minutes of the Meeting of Holmfield Parish Council
held on Tuesday 14 January 2025 at the Village Hall

Present: Cllr Ada Pennick (Chair), Cllr Tom Harrow, Cllr Jane Oakes

1. Apologies
None were received.

2. Footpaths
The Holmfield Lanes Group (HLG) reported that the stile by the mill had been mended.
RESOLVED: That the Clerk write to thank the volunteers who mended it.
";

const FEBRUARY: &str = "\
Minutes of the Meeting of Holmfield Parish Council
held on Tuesday 11 February 2025 at the Village Hall

Present: Cllr Ada Pennick (Chair), Cllr Tom Harrow, Cllr Jane Oakes

1. Apologies
None were received.

2. Footpaths
The HLG asked for a new waymark post at the top of Long Lane.
RESOLVED: That a waymark post be bought for Long Lane.
";

const FROM_THE_FOLDER: &str = "HLG is not spelled out in these minutes; it is spelled out as \
     \u{201c}Holmfield Lanes Group\u{201d} in the minutes of 14 January 2025";
const ALONE: &str = "HLG is not spelled out anywhere in these minutes";

fn folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("2025-01-14.txt"), JANUARY).unwrap();
    std::fs::write(folder.path().join("2025-02-11.txt"), FEBRUARY).unwrap();
    folder
}

fn a001(diagnostics: &[Value]) -> Option<&Value> {
    diagnostics
        .iter()
        .find(|diagnostic| diagnostic["code"] == "A001")
}

/// Diagnostics for `uri` at `version` until A001's message is `message`.
async fn until_a001_says(
    client: &mut Client,
    uri: &str,
    version: i64,
    message: &str,
) -> Vec<Value> {
    loop {
        let diagnostics = client.diagnostics(uri, Some(version)).await;
        if a001(&diagnostics).is_some_and(|found| found["message"] == message) {
            return diagnostics;
        }
    }
}

/// The client initialized without `initialized`: the folder is not read yet.
async fn initialize_only(root: &Path) -> Client {
    let mut client = Client::spawn(std::time::Duration::ZERO);
    let root_uri = tower_lsp::lsp_types::Url::from_directory_path(root)
        .unwrap()
        .to_string();
    client
        .request(
            "initialize",
            json!({"processId": null, "rootUri": root_uri, "capabilities": utf16_capabilities()}),
        )
        .await
        .unwrap();
    client
}

#[tokio::test]
async fn a001_says_where_another_set_of_minutes_spells_the_abbreviation_out_with_its_fix() {
    let folder = folder();
    let february = file_uri(&folder.path().join("2025-02-11.txt"));
    let mut client = Client::start_in(folder.path()).await;
    client.open(&february, FEBRUARY).await;
    let diagnostics = until_a001_says(&mut client, &february, 1, FROM_THE_FOLDER).await;
    let found = a001(&diagnostics).unwrap();
    // "HLG" on the tenth line, after "The ".
    assert_eq!(
        found["range"],
        json!({"start": {"line": 9, "character": 4}, "end": {"line": 9, "character": 7}})
    );
    assert_eq!(found["data"]["fix"]["safe"], false);
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": february},
                "range": found["range"],
                "context": {"diagnostics": [found]},
            }),
        )
        .await
        .unwrap();
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|action| {
            action["title"] == "Spell out HLG as \u{201c}Holmfield Lanes Group (HLG)\u{201d}"
        })
        .unwrap_or_else(|| panic!("a quick fix that spells HLG out: {actions}"));
    // An unsafe fix is never the preferred one, applied without a look.
    assert_eq!(fix["isPreferred"], false);
    assert_eq!(
        fix["edit"]["documentChanges"][0]["edits"],
        json!([{
            "range": {"start": {"line": 9, "character": 4}, "end": {"line": 9, "character": 7}},
            "newText": "Holmfield Lanes Group (HLG)",
        }])
    );
}

#[tokio::test]
async fn the_editor_and_clerk_check_folder_give_the_same_a001() {
    let folder = folder();
    let path = folder.path().join("2025-02-11.txt");
    let february = file_uri(&path);
    let mut client = Client::start_in(folder.path()).await;
    client.open(&february, FEBRUARY).await;
    let diagnostics = until_a001_says(&mut client, &february, 1, FROM_THE_FOLDER).await;
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["check", "--format", "json", "."])
        .current_dir(folder.path())
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "clerk check printed JSON: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let from_the_command_line: Vec<(String, String, Value)> = report
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| {
            finding["path"]
                .as_str()
                .is_some_and(|name| name.ends_with("2025-02-11.txt"))
        })
        .map(|finding| {
            (
                finding["code"].as_str().unwrap().to_owned(),
                finding["message"].as_str().unwrap().to_owned(),
                finding["fix"]["title"].clone(),
            )
        })
        .collect();
    let in_the_editor: Vec<(String, String, Value)> = diagnostics
        .iter()
        .map(|diagnostic| {
            (
                diagnostic["code"].as_str().unwrap().to_owned(),
                diagnostic["message"].as_str().unwrap().to_owned(),
                diagnostic["data"]["fix"]["title"].clone(),
            )
        })
        .collect();
    assert!(!in_the_editor.is_empty());
    assert_eq!(in_the_editor, from_the_command_line);
}

#[tokio::test]
async fn diagnostics_do_not_wait_for_the_folder_and_come_again_once_it_is_read() {
    let folder = folder();
    let february = file_uri(&folder.path().join("2025-02-11.txt"));
    let mut client = initialize_only(folder.path()).await;
    client.open(&february, FEBRUARY).await;
    // The folder has not been read: the first diagnostics are the file's alone.
    let first = client.diagnostics(&february, Some(1)).await;
    assert_eq!(a001(&first).unwrap()["message"], ALONE);
    // Once it is read, the open minutes are checked again with it.
    client.notify("initialized", json!({})).await;
    until_a001_says(&mut client, &february, 1, FROM_THE_FOLDER).await;
}

#[tokio::test]
async fn a_saved_file_is_read_again_alone_and_its_editor_text_is_what_the_folder_holds() {
    let folder = folder();
    let january_path = folder.path().join("2025-01-14.txt");
    let january = file_uri(&january_path);
    let february = file_uri(&folder.path().join("2025-02-11.txt"));
    let mut client = Client::start_in(folder.path()).await;
    client.open(&february, FEBRUARY).await;
    until_a001_says(&mut client, &february, 1, FROM_THE_FOLDER).await;
    // January, opened and changed in the editor so that it no longer spells
    // HLG out, then saved: the folder holds the editor's text for it.
    client.open(&january, JANUARY).await;
    let changed = JANUARY.replace(
        "The Holmfield Lanes Group (HLG) reported",
        "Volunteers reported",
    );
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": january, "version": 2}, "contentChanges": [{"text": changed}]}),
        )
        .await;
    client
        .notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": january}}),
        )
        .await;
    until_a001_says(&mut client, &february, 1, ALONE).await;
    // Saved to disk another way and reported by the file watcher.
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": january}}),
        )
        .await;
    std::fs::write(&january_path, JANUARY.replace("Lanes Group", "Lanes Guild")).unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": january, "type": 2}]}),
        )
        .await;
    until_a001_says(
        &mut client,
        &february,
        1,
        &FROM_THE_FOLDER.replace("Lanes Group", "Lanes Guild"),
    )
    .await;
}

#[tokio::test]
async fn workspace_symbols_find_a_resolution_by_its_minute_and_first_words() {
    let folder = folder();
    let february = file_uri(&folder.path().join("2025-02-11.txt"));
    let mut client = Client::start_in(folder.path()).await;
    let symbols = client
        .request("workspace/symbol", json!({"query": "waymark"}))
        .await
        .unwrap();
    let decision = symbols
        .as_array()
        .unwrap()
        .iter()
        .find(|symbol| {
            symbol["name"]
                .as_str()
                .unwrap()
                .contains("That a waymark post")
        })
        .unwrap_or_else(|| panic!("{symbols}"));
    assert_eq!(
        decision["name"],
        "2: That a waymark post be bought for Long Lane."
    );
    assert_eq!(decision["containerName"], "the minutes of 11 February 2025");
    assert_eq!(decision["location"]["uri"], february);
    assert_eq!(decision["location"]["range"]["start"]["line"], 10);
}

#[tokio::test]
async fn the_show_index_command_answers_the_index_clerk_index_prints() {
    let folder = folder();
    let mut client = Client::start_in(folder.path()).await;
    let markdown = client
        .request(
            "workspace/executeCommand",
            json!({"command": "clerk.showIndex", "arguments": []}),
        )
        .await
        .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["index", "--format", "markdown", "."])
        .current_dir(folder.path())
        .output()
        .unwrap();
    let printed = String::from_utf8(output.stdout).unwrap();
    assert!(
        printed.contains("| HLG | Holmfield Lanes Group |"),
        "{printed}"
    );
    assert_eq!(markdown.as_str().unwrap(), printed);
}

#[tokio::test]
async fn the_server_offers_the_show_index_command() {
    let mut client = Client::spawn(std::time::Duration::ZERO);
    let result = client
        .request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        )
        .await
        .unwrap();
    assert_eq!(
        result["capabilities"]["executeCommandProvider"]["commands"],
        json!(["clerk.showIndex"])
    );
}

#[tokio::test]
async fn p003_appears_in_the_editor_once_the_folder_is_read_as_clerk_check_gives_it() {
    // Mr Tranter in eleven meetings; "Mr Trantor" once, in the twelfth.
    let folder = tempfile::tempdir().unwrap();
    let months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    for (n, month) in months.iter().enumerate() {
        let name = if n == 11 { "Mr Trantor" } else { "Mr Tranter" };
        let text = format!(
            "Minutes of the Holmfield Parish Council meeting held on 3 {month} 2025\n\n\
             Present: Cllr Ada Pennick (Chair), Cllr Tom Harrow\n\n1. Allotments\n\n\
             {name} spoke about the water supply to the allotments.\n"
        );
        std::fs::write(folder.path().join(format!("{:02}.txt", n + 1)), text).unwrap();
    }
    let path = folder.path().join("12.txt");
    let december = file_uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut client = Client::start_in(folder.path()).await;
    client.open(&december, &text).await;
    let message = "Trantor may be a misspelling of Tranter: the minutes of this folder write \
                   \u{201c}Mr Tranter\u{201d} 11 times and \u{201c}Mr Trantor\u{201d} once";
    let p003 = loop {
        let diagnostics = client.diagnostics(&december, Some(1)).await;
        if let Some(found) = diagnostics
            .iter()
            .find(|diagnostic| diagnostic["code"] == "P003")
        {
            break found.clone();
        }
    };
    assert_eq!(p003["message"], message);
    // "Trantor", after "Mr " on the seventh line.
    assert_eq!(
        p003["range"],
        json!({"start": {"line": 6, "character": 3}, "end": {"line": 6, "character": 10}})
    );
    assert_eq!(p003["data"]["fix"]["safe"], false);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["check", "--select", "P003", "--format", "json", "."])
        .current_dir(folder.path())
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report[0]["path"], "12.txt");
    assert_eq!(report[0]["message"], message);
}

#[tokio::test]
async fn minutes_outside_the_workspace_folders_are_checked_alone() {
    let folder = folder();
    let february = file_uri(&folder.path().join("2025-02-11.txt"));
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = file_uri(&elsewhere.path().join("2025-02-11.txt"));
    let mut client = Client::start_in(folder.path()).await;
    client.open(&february, FEBRUARY).await;
    until_a001_says(&mut client, &february, 1, FROM_THE_FOLDER).await;
    // As `clerk check` checks a file named by itself.
    client.open(&outside, FEBRUARY).await;
    let diagnostics = client.diagnostics(&outside, Some(1)).await;
    assert_eq!(a001(&diagnostics).unwrap()["message"], ALONE);
}

#[tokio::test]
async fn minutes_that_clerk_toml_excludes_are_not_part_of_the_folder() {
    // January's minutes lie in drafts/, which clerk.toml leaves out.
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir(folder.path().join("drafts")).unwrap();
    std::fs::write(folder.path().join("drafts/2025-01-14.txt"), JANUARY).unwrap();
    std::fs::write(folder.path().join("2025-02-11.txt"), FEBRUARY).unwrap();
    std::fs::write(
        folder.path().join("clerk.toml"),
        "[files]\nexclude = [\"drafts/**\"]\n",
    )
    .unwrap();
    let february = file_uri(&folder.path().join("2025-02-11.txt"));
    let mut client = Client::start_in(folder.path()).await;
    // The index has no HLG: the folder holds February's minutes alone.
    let markdown = client
        .request(
            "workspace/executeCommand",
            json!({"command": "clerk.showIndex", "arguments": []}),
        )
        .await
        .unwrap();
    let markdown = markdown.as_str().unwrap();
    assert!(markdown.contains(" in 1 sets of minutes "), "{markdown}");
    assert!(!markdown.contains("Holmfield Lanes Group"), "{markdown}");
    client.open(&february, FEBRUARY).await;
    let diagnostics = client.diagnostics(&february, Some(1)).await;
    assert_eq!(a001(&diagnostics).unwrap()["message"], ALONE);
}
