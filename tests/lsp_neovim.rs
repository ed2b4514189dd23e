//! A real client: Debian's Neovim, headless, with a minimal Lua setup
//! (`vim.lsp.start_client`), starts `clerk lsp` on a fixture, shows its
//! diagnostics, and returns the outline and a completion.
//!
//! Without `nvim` on the PATH the test is ignored, saying what it needs,
//! unless CI=true: there a missing Neovim is a failure (tests/trials).

#[macro_use]
mod trials;

use serde_json::Value;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use trials::{Need, Trials};

const SCRIPT: &str = r#"
local bin, fixture, out = vim.env.CLERK_BIN, vim.env.CLERK_FIXTURE, vim.env.CLERK_OUT
local result = {}
vim.cmd('edit ' .. vim.fn.fnameescape(fixture))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = 'clerk',
  cmd = { bin, 'lsp' },
  root_dir = vim.fn.fnamemodify(fixture, ':h'),
})
vim.lsp.buf_attach_client(buf, id)
-- On Neovim 0.7 client_is_stopped() is true until the client has
-- initialized, so it cannot end this wait early: wait for diagnostics alone.
result.shown = vim.wait(15000, function()
  return #vim.diagnostic.get(buf) > 0
end, 20) and #vim.diagnostic.get(buf) > 0
result.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(result.diagnostics, {
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    code = d.code or lsp.code, source = d.source, message = d.message,
  })
end
local document = { textDocument = vim.lsp.util.make_text_document_params(buf) }
local symbols = vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol', document, 10000) or {}
result.symbols = symbols[id] and symbols[id].result or vim.NIL
-- The clerk types a new last line, "Ms Jor", and asks for completion at its end.
local last = vim.api.nvim_buf_line_count(buf)
vim.api.nvim_buf_set_lines(buf, last, last, false, { 'Ms Jor' })
local completion = vim.lsp.buf_request_sync(buf, 'textDocument/completion', {
  textDocument = document.textDocument,
  position = { line = last, character = 6 },
}, 10000) or {}
result.completion = completion[id] and completion[id].result or vim.NIL
vim.fn.writefile({ vim.fn.json_encode(result) }, out)
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.client_is_stopped(id) end, 20)
vim.cmd('qa!')
"#;

fn main() {
    let nvim = Need::program(
        "nvim",
        &["--version"],
        "apt-get install -y neovim, Debian's",
    );
    let mut trials = Trials::from_command_line();
    add_tests!(
        trials,
        [&nvim],
        neovim_shows_diagnostics_the_outline_and_a_completion
    );
    trials.run()
}

fn neovim_shows_diagnostics_the_outline_and_a_completion() {
    let folder = tempfile::tempdir().unwrap();
    let fixture = folder.path().join("meeting.txt");
    std::fs::copy("tests/fixtures/lsp/meeting.txt", &fixture).unwrap();
    let script = folder.path().join("clerk.lua");
    std::fs::write(&script, SCRIPT).unwrap();
    let out = folder.path().join("result.json");
    let result = run_nvim(&script, &fixture, &out);

    assert_eq!(
        result["shown"], true,
        "diagnostics appeared in the buffer: {result:#}"
    );
    let mut shown: Vec<(String, u64, u64, u64)> = result["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["source"], "clerk");
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["lnum"].as_u64().unwrap(),
                d["col"].as_u64().unwrap(),
                d["end_col"].as_u64().unwrap(),
            )
        })
        .collect();
    shown.sort();
    assert_eq!(
        shown,
        [
            ("A001".to_owned(), 13, 28, 31),
            // Neovim shows columns in bytes: PCC sits at UTF-16 column 102, byte 115.
            ("A001".to_owned(), 20, 115, 118),
            ("P001".to_owned(), 13, 0, 8),
            ("R001".to_owned(), 21, 0, 1),
            ("R003".to_owned(), 21, 2, 6),
        ]
    );

    // The meeting's heading stands first, beside the items.
    assert_eq!(result["symbols"][0]["name"], "Fenwick Marsh Parish Council");
    let outline = Value::Array(result["symbols"].as_array().expect("an outline")[1..].to_vec());
    let names: Vec<&str> = outline
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
    assert_eq!(outline[4]["children"][0]["name"], "RESOLVED");

    let items = result["completion"].as_array().expect("completion items");
    let jordaan = items
        .iter()
        .find(|item| item["label"] == "Brigitte Jordaan")
        .unwrap_or_else(|| panic!("no Brigitte Jordaan in {items:#?}"));
    assert_eq!(jordaan["detail"], "Parish Clerk");
    assert_eq!(
        jordaan["textEdit"]["newText"], "Ms Jordaan",
        "named before, so the surname alone after the title typed"
    );
    // From the title on: Neovim inserts from where the edit starts.
    assert_eq!(
        jordaan["textEdit"]["range"],
        serde_json::json!({"start": {"line": 23, "character": 0}, "end": {"line": 23, "character": 6}})
    );
    assert_eq!(jordaan["filterText"], "Ms Jordaan Brigitte Jordaan");
}

fn run_nvim(script: &Path, fixture: &Path, out: &Path) -> Value {
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("CLERK_BIN", env!("CARGO_BIN_EXE_clerk"))
        .env("CLERK_FIXTURE", fixture)
        .env("CLERK_OUT", out)
        .env("CLERK_LSP_DEBOUNCE_MS", "20")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nvim starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            let _ = child.wait();
            panic!("nvim did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "nvim failed: {status}\n{stderr}");
    let text = std::fs::read_to_string(out)
        .unwrap_or_else(|error| panic!("no result from nvim ({error}): {stderr}"));
    serde_json::from_str(&text).unwrap()
}
