//! A folder of 1,000 minutes through the real `clerk check`: wall time, CPU
//! time and peak memory with one thread and with every core, so that the
//! figure is what a CI maintainer's job sees. The minutes are the real ones
//! of `../shared/corpus` (copied round until there are 1,000) when it is
//! beside the project, else invented ones; the report is GitHub's
//! annotations, as in a CI job.
//!
//! `clerk check` on a folder reads every file twice: once for the folder
//! model (what A001 and P003 hear of the other minutes), once to check it.
//! The bench then times the folder model (`clerk::folder`, with the words
//! it gives the checks) built from the same 1,000 texts held in memory, on
//! one core and on all: what `clerk index` and the registers spend beyond
//! reading the files.
//!
//! Run with `cargo bench --bench folder`.

use std::process::Command;
use std::time::Instant;

/// Minutes of about `bytes` bytes, varied by `n`: attendance, items with
/// officers and abbreviations, resolutions numbered and not.
fn minutes(n: usize, bytes: usize) -> String {
    let surnames = [
        "Okafor",
        "Lindqvist",
        "Haddad",
        "Moreau",
        "Tanaka",
        "Brennan",
    ];
    let mut text = format!(
        "Minutes of the Parish Council meeting held on {} March 2025\n\n\
         Present: Cllr A Quill (Chair), Cllr B Stone, Cllr C Dunn\n\
         In attendance: Ms D {}, Parish Clerk\n\n",
        1 + n % 28,
        surnames[n % surnames.len()],
    );
    let mut item = 1;
    while text.len() < bytes {
        let surname = surnames[(n + item) % surnames.len()];
        text.push_str(&format!(
            "{item}. Village hall and the CIL{x}\n\
             Ms {surname}, Parish Clerk, reported that the CIL{x} receipts and the NALC guidance \
             had been received. Cllr Stone asked about the PCC grant.\n\
             RESOLVED:\n\
             - That the report be noted.\n\
             - That the Clerk writes to the District Council.\n\n",
            x = (n + item) % 41,
        ));
        item += 1;
    }
    text
}

/// Peak resident memory and CPU seconds of the children this process has waited for.
fn children_usage() -> (f64, f64) {
    // SAFETY: getrusage fills the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let seconds = |time: libc::timeval| time.tv_sec as f64 + time.tv_usec as f64 / 1e6;
    (
        usage.ru_maxrss as f64 / 1024.0,
        seconds(usage.ru_utime) + seconds(usage.ru_stime),
    )
}

fn main() {
    let quick = !std::env::args().any(|arg| arg == "--bench");
    let count = if quick { 50 } else { 1000 };
    let folder = tempfile::tempdir().unwrap();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let real: Vec<std::path::PathBuf> = ignore::WalkBuilder::new(&corpus)
        .build()
        .flatten()
        .filter(|entry| entry.file_type().is_some_and(|kind| kind.is_file()))
        .map(|entry| entry.into_path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
        .collect();
    let mut total = 0;
    let mut texts = Vec::with_capacity(count);
    for n in 0..count {
        let text = match real.get(n % real.len().max(1)) {
            Some(path) => std::fs::read_to_string(path).unwrap_or_default(),
            None => minutes(n, 8_000 + (n * 7919) % 40_000),
        };
        total += text.len();
        std::fs::write(folder.path().join(format!("{n:04}.minutes.txt")), &text).unwrap();
        texts.push((format!("{n:04}.minutes.txt"), text));
    }
    let source = if real.is_empty() {
        "invented"
    } else {
        "real (../shared/corpus)"
    };
    println!(
        "folder: {count} {source} minutes, {:.1} MB in all, {} cores",
        total as f64 / 1e6,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let mut single_wall = 0.0;
    for (label, threads) in [("one thread", Some("1")), ("every core", None)] {
        // Each run is a fresh child, so its CPU time is what the total grows by.
        let (_, cpu_before) = children_usage();
        let started = Instant::now();
        let mut command = Command::new(env!("CARGO_BIN_EXE_clerk"));
        command.args(["check", "--format", "github"]);
        if let Some(threads) = threads {
            command.args(["--threads", threads]);
        }
        let output = command.arg(folder.path()).output().unwrap();
        let wall = started.elapsed().as_secs_f64();
        let (peak, cpu_after) = children_usage();
        assert!(output.status.code() == Some(1), "{output:?}");
        if threads.is_some() {
            single_wall = wall;
        }
        println!(
            "folder, {label}: {wall:.2} s wall, {:.2} s CPU, {:.0} MB/s of wall time, peak resident {peak:.0} MB (the largest child so far){}",
            cpu_after - cpu_before,
            total as f64 / 1e6 / wall,
            if threads.is_none() {
                format!(", {:.2}x the one-thread speed", single_wall / wall)
            } else {
                String::new()
            }
        );
    }
    folder_model(&texts, total);
}

/// The folder model built from texts in memory: the median of five builds
/// after one unmeasured, with one thread and with every core.
fn folder_model(texts: &[(String, String)], total: usize) {
    use rayon::prelude::*;
    let config = clerk::config::Config::default();
    // The model, and what it tells the checks (A001's words, P003's
    // common spellings), as `clerk check FOLDER` builds them.
    let build = || -> clerk::folder::Folder {
        let folder = clerk::folder::Folder {
            documents: texts
                .par_iter()
                .map(|(path, text)| clerk::folder::FolderDocument::parse(path, text, &config))
                .collect(),
        };
        std::hint::black_box(folder.words());
        folder
    };
    let mut one_core = 0.0;
    for (label, threads) in [("one core", 1), ("every core", 0)] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let mut times = Vec::new();
        let mut folder = pool.install(build);
        for _ in 0..5 {
            let started = Instant::now();
            folder = pool.install(build);
            times.push(started.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        if threads == 1 {
            one_core = median;
        }
        println!(
            "folder model, {label}: {median:.3} s for {} minutes ({:.0} MB/s){}",
            folder.documents.len(),
            total as f64 / 1e6 / median,
            if threads == 1 {
                String::new()
            } else {
                format!(", {:.2}x one core", one_core / median)
            }
        );
    }
}
