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
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

fn megabytes_per_second(bytes: usize, elapsed: Duration) -> f64 {
    bytes as f64 / 1_000_000.0 / elapsed.as_secs_f64()
}

fn main() {
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

    // Real minutes, where `../shared/corpus` is present: every document in
    // turn, repeated to about 5 MB, read as one text.
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if let Ok(entries) = std::fs::read_dir(&corpus) {
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        let one_pass: String = files
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect::<Vec<_>>()
            .join("\n\n");
        if !one_pass.is_empty() {
            let real = one_pass.repeat(5_000_000 / one_pass.len() + 1);
            let t = time(&real, &config, 5);
            println!("{}", report("real minutes,  ", &real, t));
        }
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
}
