//! The language server as an editor meets it, through the real `clerk lsp`
//! process with its default settings: latency from a `didChange` written to
//! the `publishDiagnostics` for that version read, on 10 KB, 100 KB and 1 MB
//! minutes; resident memory with 50 documents open; one 50 MB document
//! (first diagnostics, memory, outline); and the first diagnostics of one
//! file opened in a workspace folder of 1,000 minutes, against the same
//! file opened with no folder (the folder is read in the background).
//!
//! Run with `cargo bench --bench lsp_latency`.

/// The allocator the `clerk` binary uses, so the figures are the shipped ones.
#[global_allocator]
static ALLOCATOR: clerk::allocator::ClerkAllocator = clerk::allocator::ClerkAllocator;

#[path = "../tests/lsp_support/mod.rs"]
mod lsp_support;

use lsp_support::stdio::Process;
use lsp_support::{uri, utf16_capabilities, Client};
use serde_json::json;
use std::time::{Duration, Instant};

/// Realistic minutes of about `size` bytes: a header, attendance, then
/// agenda items with officers introduced by role, abbreviations spelled out,
/// numbered resolutions and the odd mistake a clerk makes.
fn minutes(size: usize) -> String {
    let mut text = String::from(
        "Westmere District Council\nMinutes of the Cabinet held on Tuesday 14 January 2025 at 6.00pm\n\n\
         Present: Councillor Helen Achebe (Chairman), Councillor Mark Lindqvist, Councillor Sara Okafor\n\
         In attendance: Mr Daniel Rees, Chief Executive, Ms Farah Qureshi, Head of Planning\n\n",
    );
    let mut item = 1;
    while text.len() < size {
        text.push_str(&format!(
            "{item}. Report of the Head of Planning on the Local Plan review\n\
             Minutes:\n\
             Ms Qureshi, Head of Planning, presented the report on the Strategic Housing Land Availability \
             Assessment (SHLAA) and noted that the SHLAA had been updated in line with the National Planning \
             Policy Framework (NPPF). Members asked about the DfE funding for the new school.\n\
             Mr Rees explained that the Community Infrastructure Levy (CIL) receipts would be reported in March. \
             Councillor Okafor asked whether the CIL could fund the footpath; Mr Rees confirmed that it could.\n\
             RESOLVED:\n\
             1. That the report be noted.\n\
             2. That the SHLAA be published for consultation under the NPPF.\n\
             3. That officers report back on CIL receipts.\n\n"
        ));
        item += 1;
    }
    text
}

/// Types a character into the middle of the first paragraph of `doc` (open
/// at version 1), then takes it away again, `rounds` edits in all: how long
/// each took to its diagnostics, shortest first.
fn typing(server: &mut Process, doc: &str, rounds: usize) -> Vec<Duration> {
    let mut times = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let version = round as i64 + 2;
        let change = if round % 2 == 0 {
            json!({"range": {"start": {"line": 7, "character": 10}, "end": {"line": 7, "character": 10}}, "text": "e"})
        } else {
            json!({"range": {"start": {"line": 7, "character": 10}, "end": {"line": 7, "character": 11}}, "text": ""})
        };
        let started = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": version}, "contentChanges": [change]}),
        );
        server.diagnostics(doc, version);
        times.push(started.elapsed());
    }
    times.sort();
    times
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[at]
}

/// Times `rounds` edits through the real `clerk lsp` process, with its
/// default settings, each from the `didChange` written to its diagnostics read.
fn latency(label: &str, size: usize, rounds: usize) {
    let text = minutes(size);
    let doc = uri(&format!("bench-{size}.txt"));
    let mut server = Process::start();
    server.initialize();
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": doc, "languageId": "minutes", "version": 1, "text": text}}),
    );
    let findings = server.diagnostics(&doc, 1).len();
    let times = typing(&mut server, &doc, rounds);
    let median = percentile(&times, 0.5);
    let p99 = percentile(&times, 0.99);
    println!(
        "latency {label}: {} bytes, {findings} findings, {rounds} edits through stdio, default settings: \
         median {:.2} ms, p99 {:.2} ms ({:.1}x median), max {:.2} ms",
        text.len(),
        median.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        p99.as_secs_f64() / median.as_secs_f64(),
        times.last().unwrap().as_secs_f64() * 1e3,
    );
    server.request("shutdown", json!(null));
    server.notify("exit", json!(null));
    server.wait();
}

/// One very large document in the real server: the time to its first
/// diagnostics, resident memory against the file's size, and the outline.
fn large_document(size: usize) {
    let text = minutes(size);
    let doc = uri("large.txt");
    let mut server = Process::start();
    server.patience = Duration::from_secs(300);
    server.initialize();
    let idle = server.resident_kib().unwrap_or(0);
    // The frame is made before the clock starts: turning 50 MB into JSON is
    // the editor's work, not the server's.
    let body = serde_json::to_vec(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": doc, "languageId": "minutes", "version": 1, "text": text}}}))
    .unwrap();
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend(body);
    let started = Instant::now();
    server.write_raw(&frame);
    let findings = server.diagnostics(&doc, 1).len();
    let first = started.elapsed();
    let resident = server.resident_kib().unwrap_or(0);
    let started = Instant::now();
    let outline = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": doc}}),
    );
    // The answer is the editor's once its last byte is read; reading it
    // into JSON values here is the bench's own work, not the server's.
    let outline_time = server
        .last_read_at
        .map_or(started.elapsed(), |read_at| read_at - started);
    let symbols = outline["result"].as_array().map_or(0, Vec::len);
    let answer_bytes = serde_json::to_vec(&outline).map_or(0, |bytes| bytes.len());
    let after_outline = server.resident_kib().unwrap_or(0);
    println!(
        "large document: {:.1} MB, {findings} findings: first diagnostics {:.2} s; outline ({symbols} top-level symbols, \
         {:.0} MB of JSON) read in {:.2} s; resident {:.0} MB after diagnostics ({:.1}x the file), {:.0} MB after the outline \
         ({:.1}x the file), over {:.0} MB idle",
        text.len() as f64 / 1e6,
        first.as_secs_f64(),
        answer_bytes as f64 / 1e6,
        outline_time.as_secs_f64(),
        resident as f64 / 1024.0,
        (resident.saturating_sub(idle) as f64 * 1024.0) / text.len() as f64,
        after_outline as f64 / 1024.0,
        (after_outline.saturating_sub(idle) as f64 * 1024.0) / text.len() as f64,
        idle as f64 / 1024.0,
    );
    server.request("shutdown", json!(null));
    server.notify("exit", json!(null));
    server.wait();
}

fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

async fn memory(documents: usize, size: usize) {
    let before = resident_kib().unwrap_or(0);
    let mut client = Client::start(utf16_capabilities()).await;
    for index in 0..documents {
        let doc = uri(&format!("memory-{index}.txt"));
        client.open(&doc, &minutes(size)).await;
        client.diagnostics(&doc, Some(1)).await;
        // An outline request keeps each document's analysis, as an editor's would.
        let _ = client
            .request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": doc}}),
            )
            .await;
    }
    let after = resident_kib().unwrap_or(0);
    println!(
        "memory: {documents} documents of {} KB open: process VmRSS {:.1} MB (the server's share, over the process before it started: {:.1} MB)",
        size / 1024,
        after as f64 / 1024.0,
        after.saturating_sub(before) as f64 / 1024.0
    );
}

/// Resident memory of the real `clerk lsp` process with `documents` open,
/// each analysed and asked for its outline as an editor would.
fn process_memory(documents: usize, size: usize) {
    let mut server = lsp_support::stdio::Process::start();
    server.initialize();
    let idle = server.resident_kib().unwrap_or(0);
    for index in 0..documents {
        let doc = uri(&format!("process-{index}.txt"));
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": doc, "languageId": "minutes", "version": 1, "text": minutes(size)}}),
        );
        server.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": doc}}),
        );
    }
    // Let the last diagnostics go out before reading the figure.
    std::thread::sleep(Duration::from_millis(200));
    let open = server.resident_kib().unwrap_or(0);
    println!(
        "memory: clerk lsp process: {:.1} MB idle, {:.1} MB with {documents} documents of {} KB open",
        idle as f64 / 1024.0,
        open as f64 / 1024.0,
        size / 1024
    );
    server.request("shutdown", json!(null));
    server.notify("exit", json!(null));
    server.wait();
}

/// Opens one file of a workspace folder of `files` minutes of about 8 KB
/// (or, with `in_folder` false, the same file with no workspace folder),
/// just after `initialized`, as an editor does: the time from `didOpen`
/// written to its first diagnostics, and (in the folder) to the diagnostics
/// that hear the folder, then the median of a few edits.
fn open_in_a_folder(files: usize, in_folder: bool) {
    let folder = tempfile::tempdir().unwrap();
    let text = minutes(8 * 1024);
    for n in 0..files {
        // Each spells out what the opened file leaves unexplained.
        let own = format!("{text}\nThe Parish Liaison Group (PLG) met in the hall.\n");
        std::fs::write(folder.path().join(format!("{n:04}.txt")), own).unwrap();
    }
    let path = folder.path().join("0000-open.txt");
    let opened = format!("{text}\nThe PLG asked about the hall.\n");
    std::fs::write(&path, &opened).unwrap();
    let doc = lsp_support::file_uri(&path);
    let root = in_folder.then(|| lsp_support::file_uri(folder.path()));
    let mut server = Process::start();
    server.patience = Duration::from_secs(60);
    server.request(
        "initialize",
        json!({"processId": null, "rootUri": root, "capabilities": {}}),
    );
    server.notify("initialized", json!({}));
    let started = Instant::now();
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": doc, "languageId": "minutes", "version": 1, "text": opened}}),
    );
    let first = server.diagnostics(&doc, 1);
    let first_at = started.elapsed();
    let heard = |diagnostics: &[serde_json::Value]| {
        diagnostics.iter().any(|diagnostic| {
            diagnostic["message"].as_str().is_some_and(|message| {
                message.contains("PLG is not spelled out in these minutes; it is spelled out as")
            })
        })
    };
    let mut folder_at = None;
    if in_folder && !heard(&first) {
        while !heard(&server.diagnostics(&doc, 1)) {}
        folder_at = Some(started.elapsed());
    } else if in_folder {
        folder_at = Some(first_at);
    }
    let times = typing(&mut server, &doc, 20);
    let label = if in_folder {
        format!("in a folder of {files} minutes")
    } else {
        "with no folder".to_owned()
    };
    println!(
        "open {label}: first diagnostics after {:.2} ms{}; edits then: median {:.2} ms",
        first_at.as_secs_f64() * 1e3,
        folder_at.map_or(String::new(), |at| format!(
            ", diagnostics that hear the folder after {:.0} ms",
            at.as_secs_f64() * 1e3
        )),
        percentile(&times, 0.5).as_secs_f64() * 1e3,
    );
    server.request("shutdown", json!(null));
    server.notify("exit", json!(null));
    server.wait();
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run briefly then.
    let quick = !std::env::args().any(|arg| arg == "--bench");
    process_memory(50, 10 * 1024);
    process_memory(50, 100 * 1024);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(memory(50, 10 * 1024));
    latency("10 KB", 10 * 1024, if quick { 5 } else { 400 });
    latency("100 KB", 100 * 1024, if quick { 3 } else { 200 });
    latency("1 MB", 1024 * 1024, if quick { 2 } else { 60 });
    large_document(if quick { 1 << 20 } else { 50 << 20 });
    // CLERK_BENCH_FOLDER_FILES sets the folder's size (to measure 1,000 briefly).
    let files = std::env::var("CLERK_BENCH_FOLDER_FILES")
        .ok()
        .and_then(|files| files.parse().ok())
        .unwrap_or(if quick { 50 } else { 1000 });
    open_in_a_folder(files, false);
    open_in_a_folder(files, true);
}
