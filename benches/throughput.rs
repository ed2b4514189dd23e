//! Throughput of parse + every check, on one large document and on many
//! small ones, and whether the time grows linearly with the text.
//!
//! Run with `cargo bench --bench throughput`. Prints MB/s (megabytes of
//! minutes per second, one core), how many times one pass of the regex for
//! abbreviation candidates (`\b[A-Z][A-Za-z]*[A-Z]`, every match) over the
//! same bytes each case took, and the ratio of the time for ten times the
//! text to the time for the text.

/// The allocator the `clerk` binary uses, so the figures are the shipped ones.
#[global_allocator]
static ALLOCATOR: clerk::allocator::ClerkAllocator = clerk::allocator::ClerkAllocator;

use clerk::analysis::analyze;
use clerk::config::Config;
use std::time::{Duration, Instant};

/// One agenda item of invented minutes, varied by `n` so that names,
/// numbers and abbreviations differ from item to item.
fn item(n: usize) -> String {
    let surnames = [
        "Okafor",
        "Lindqvist",
        "Haddad",
        "Moreau",
        "Tanaka",
        "Brennan",
        "Adeyemi",
        "Kowalski",
    ];
    let roles = [
        "Head of Finance",
        "Director of Place",
        "Parish Clerk",
        "Assistant Director Housing",
    ];
    let surname = surnames[n % surnames.len()];
    let other = surnames[(n + 3) % surnames.len()];
    let role = roles[n % roles.len()];
    format!(
        "{n}. Report on the Community Transport Partnership (CTP{x})\n\n\
         Minutes:\n\n\
         Ms Rosa {surname}, {role}, presented the report and explained that the CTP{x} had carried \
         {riders} passengers this quarter. Councillor {other} asked whether the HRA would fund the \
         new minibus, and Ms {surname} confirmed that the DfE grant covered it.\n\n\
         Members queried the timetable for the Ward {n} consultation. It was noted that the \
         survey would close in March and that residents' views would be reported back.\n\n\
         It was RESOLVED:\n\n\
         1.  That the Committee notes the report.\n\n\
         2.  That the Committee approves the minibus purchase of £{cost}.\n\n\
         - That Officers report back in six months.\n\
         - That the Clerk writes to the county council.\n\n",
        x = n % 97,
        riders = 1000 + n * 7,
        cost = 20_000 + n * 13,
    )
}

fn document(bytes: usize) -> String {
    let mut text = String::from(
        "MINUTES OF THE MEETING OF THE TRANSPORT COMMITTEE\n\n\
         Present: Councillor A Quill (Chair), Mrs B Stone (BS), Mr C Dunn (CD)\n\
         In attendance: Tom Penn, Democratic Services Officer\n\n",
    );
    let mut n = 1;
    while text.len() < bytes {
        text.push_str(&item(n));
        n += 1;
    }
    text
}

/// The median time of `runs` analyses of `text`, after as many unmeasured
/// ones: the first runs pay for compiling patterns, filling the patterns'
/// caches and the allocator's first requests to the system, which a
/// long-running checker or server pays once.
fn time(text: &str, config: &Config, runs: usize) -> Duration {
    for _ in 0..runs {
        std::hint::black_box(analyze(text, config).findings.len());
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let analysis = analyze(text, config);
            std::hint::black_box(analysis.findings.len());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// How many times as long ten times the text takes: `large` is about ten
/// times `small`. Timed in turns, the small text ten times and then the
/// large one once, and the median of the turns taken: the machine's slow
/// spells then fall on both sides of a ratio, not on one of two medians
/// taken seconds apart.
fn growth(small: &str, large: &str, config: &Config, turns: usize) -> f64 {
    let mut ratios: Vec<f64> = (0..turns)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..10 {
                std::hint::black_box(analyze(small, config).findings.len());
            }
            let ten_small = start.elapsed().as_secs_f64() / 10.0 / small.len() as f64;
            let start = Instant::now();
            std::hint::black_box(analyze(large, config).findings.len());
            let one_large = start.elapsed().as_secs_f64() / large.len() as f64;
            one_large / ten_small * 10.0
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios[turns / 2]
}

/// The median time of one pass of the pattern for abbreviation candidates
/// over `texts`, every match found: the yardstick of reading the text once.
fn regex_pass(texts: &[&str]) -> Duration {
    static CANDIDATES: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\b[A-Z][A-Za-z]*[A-Z]").unwrap());
    let pass = || {
        let start = Instant::now();
        for text in texts {
            std::hint::black_box(CANDIDATES.find_iter(text).count());
        }
        start.elapsed()
    };
    pass();
    let mut times: Vec<Duration> = (0..5).map(|_| pass()).collect();
    times.sort();
    times[2]
}

/// One line of the report: a case's label, its size, time and throughput,
/// and how many times one regex pass over the same bytes it took.
fn report(label: &str, text: &str, elapsed: Duration) -> String {
    let bytes = text.len();
    format!(
        "  {label}{:>6.2} MB: {:>8.1} ms  {:>7.1} MB/s  ({:.1}x one regex pass)",
        bytes as f64 / 1e6,
        elapsed.as_secs_f64() * 1e3,
        megabytes_per_second(bytes, elapsed),
        elapsed.as_secs_f64() / regex_pass(&[text]).as_secs_f64()
    )
}

/// Every `.txt` document under `folder`, in the order of their paths,
/// joined by blank lines; empty where the folder is not there.
fn joined_documents(folder: &std::path::Path) -> String {
    let mut files: Vec<std::path::PathBuf> = ignore::WalkBuilder::new(folder)
        .build()
        .flatten()
        .map(|entry| entry.into_path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Text of about `bytes` dense with one kind of thing the parse keeps: a
/// whole meeting on one line, abbreviations (several to a line), or people
/// (honorifics, names and initials). Both are drawn from a few hundred, as
/// a long volume of one body's minutes names the same bodies and people
/// again and again.
fn dense_text(kind: &str, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 1024);
    let letters = |n: usize, len: usize| -> String {
        (0..len)
            .map(|i| char::from(b'A' + ((n / 26usize.pow(i as u32)) % 26) as u8))
            .collect()
    };
    let mut line = 0;
    while text.len() < bytes {
        let n = line % 300;
        line += 1;
        match kind {
            "one long line" => text.push_str(
                "Ms Tina Marsh, Head of Finance, presented the Multi-Agency Safeguarding Hub (MASH) report. \
                 It was RESOLVED: That the Committee notes it. Cllr Ann Lee (Chair) asked about the QRZ. ",
            ),
            "many abbreviations" => text.push_str(&format!(
                "The {a} and the {b} noted the {c} report; the {d} (Data Office) asked the {a} about {e}.\n",
                a = letters(n, 3),
                b = letters(n + 7, 4),
                c = letters(n + 13, 3),
                d = letters(n + 19, 2),
                e = letters(n + 23, 5),
            )),
            _ => {
                // Surnames such as "Qabc", "Wfgh": a capital, then small letters.
                let surname = |capital: char, n: usize| {
                    format!("{capital}{}", letters(n, 3).to_lowercase())
                };
                text.push_str(&format!(
                    "Cllr Ann {a}, Mr Tom {b} and Ms Rosa {c} spoke; Mrs Joan {a} asked Dr {b} and Mr {c}.\n",
                    a = surname('Q', n),
                    b = surname('W', n + 5),
                    c = surname('Z', n + 11),
                ));
            }
        }
    }
    text
}

/// The peak resident memory of the real `clerk check` on `text`, per byte
/// of it: one process per measure, so nothing else the bench holds counts.
#[cfg(unix)]
fn resident_per_byte(text: &str) -> f64 {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("minutes.txt");
    std::fs::write(&path, text).unwrap();
    // Reaped by wait4 below, which also gives its peak memory.
    #[allow(clippy::zombie_processes)]
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_clerk"))
        .args(["check", "--all-files", "--format", "concise"])
        .arg(&path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // SAFETY: wait4 fills the status and usage it is given, for our own child.
    let usage = unsafe {
        let mut status = 0;
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage);
        usage
    };
    usage.ru_maxrss as f64 * 1024.0 / text.len() as f64
}

fn megabytes_per_second(bytes: usize, elapsed: Duration) -> f64 {
    bytes as f64 / 1_000_000.0 / elapsed.as_secs_f64()
}

fn main() {
    // Each parse runs as `clerk check` runs it, on one thread of a pool: a
    // long document is not then parsed in two halves on two cores (which
    // the language server does), so the figures are of one core's work.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    pool.install(measure);
}

fn measure() {
    let config = Config::default();
    println!("clerk throughput: parse + all checks, one core, median of runs");

    let one = document(1_000_000);
    let ten = document(10_000_000);
    let t1 = time(&one, &config, 9);
    let t10 = time(&ten, &config, 5);
    println!("{}", report("one document, ", &one, t1));
    println!("{}", report("one document, ", &ten, t10));
    let ratio = growth(&one, &ten, &config, 5);
    println!("  ten times the text took {ratio:.2} times as long (linear is 10)");

    // A whole meeting on one line, as some converted pages are: every pass
    // must stay linear within a line, not only across lines.
    let unit = "Ms Tina Marsh, Head of Finance, presented the Multi-Agency Safeguarding Hub (MASH) report. \
                It was RESOLVED: That the Committee notes it. Cllr Ann Lee (Chair) asked about the QRZ. ";
    let short_line = unit.repeat(500_000 / unit.len());
    let long_line = unit.repeat(5_000_000 / unit.len());
    let t_long = time(&long_line, &config, 3);
    println!(
        "{} (ten times the line: {:.2} times as long)",
        report("one line,      ", &long_line, t_long),
        growth(&short_line, &long_line, &config, 3)
    );

    // Real minutes, where `../shared/corpus` is present: every document of
    // it and of its `sites/` in turn, repeated to about 5 MB, read as one
    // text; and the two seed pages, repeated likewise.
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let real_once = joined_documents(&corpus);
    if !real_once.is_empty() {
        let real = real_once.repeat(5_000_000 / real_once.len() + 1);
        let t = time(&real, &config, 5);
        println!("{}", report("real minutes,  ", &real, t));
        let small_real = &real[..clerk::text::floor_char_boundary(&real, real.len() / 10)];
        println!(
            "  ten times the real minutes took {:.2} times as long",
            growth(small_real, &real, &config, 3)
        );
    }
    let seeds = joined_documents(&corpus.join("../seeds"));
    if !seeds.is_empty() {
        let seeds_small = seeds.repeat(500_000 / seeds.len() + 1);
        let seeds_large = seeds.repeat(5_000_000 / seeds.len() + 1);
        let t = time(&seeds_large, &config, 5);
        println!(
            "{} (ten times the text: {:.2} times as long)",
            report("the seeds,     ", &seeds_large, t),
            growth(&seeds_small, &seeds_large, &config, 3)
        );
    }

    let small: Vec<String> = (0..2_000)
        .map(|n| document(2_000 + (n % 7) * 500))
        .collect();
    let total: usize = small.iter().map(String::len).sum();
    // Unmeasured passes first, then the median pass, as for the large documents.
    let pass = || {
        let start = Instant::now();
        for text in &small {
            std::hint::black_box(analyze(text, &config).findings.len());
        }
        start.elapsed()
    };
    for _ in 0..3 {
        pass();
    }
    let mut passes: Vec<Duration> = (0..5).map(|_| pass()).collect();
    passes.sort();
    let elapsed = passes[passes.len() / 2];
    let texts: Vec<&str> = small.iter().map(String::as_str).collect();
    println!(
        "  {} small documents, {:.2} MB in all: {:>8.1} ms  {:>7.1} MB/s  ({:.1}x one regex pass)",
        small.len(),
        total as f64 / 1e6,
        elapsed.as_secs_f64() * 1e3,
        megabytes_per_second(total, elapsed),
        elapsed.as_secs_f64() / regex_pass(&texts).as_secs_f64()
    );

    #[cfg(unix)]
    {
        println!(
            "peak resident memory of clerk check, per byte of a 20 MB file (target: 8 or less):"
        );
        for kind in ["one long line", "many abbreviations", "many people"] {
            let text = dense_text(kind, 20_000_000);
            println!("  {kind:<20} {:>5.1} bytes", resident_per_byte(&text));
        }
    }
}
