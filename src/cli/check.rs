//! `clerk check`: find the files, read each with its settings, ask the
//! analysis what is wrong (on every core), mend what `--fix` allows, and
//! report in the order the files were found.

use super::files::{self, plain_io_error, TextEncoding, Unchecked};
use super::fix::{fix_all, remove_stale_temporaries, write_atomically};
use super::output::{error_line, untrusted, ReportOptions, Reporter};
use super::settings::{Overrides, SettingsCache};
use super::show_settings;
use super::{CheckArgs, ColorWhen, Format, Outcome};
use crate::analysis::analyze_in_folder;
use crate::folder::reads_as_minutes::{named_as_minutes, reads_as_minutes};
use crate::rules::{run_checks_in_folder, Finding};
use clap::ValueEnum;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

pub(crate) fn run(args: &CheckArgs) -> Outcome {
    choose_colour(args);
    if let Some(refusal) = refused_combination(args) {
        anstream::eprintln!("{}", error_line(&refusal));
        return Outcome::Failed;
    }
    let overrides = match Overrides::new(&args.select, &args.ignore, &args.extend_select) {
        Ok(overrides) => overrides,
        Err(message) => {
            anstream::eprintln!("{}", error_line(&message));
            return Outcome::Failed;
        }
    };
    // --diff works the fixes out as --fix does, and writes none of them.
    let writes_fixes = (args.fix || args.unsafe_fixes) && !args.diff;
    let works_out_fixes = args.fix || args.unsafe_fixes || args.diff;
    // No paths means this folder, or standard input when it has been named.
    let paths = if !args.paths.is_empty() {
        args.paths.clone()
    } else if args.stdin_filename.is_some() {
        vec![PathBuf::from(files::STDIN_NAME)]
    } else {
        vec![PathBuf::from(".")]
    };
    let stdin_count = paths
        .iter()
        .filter(|path| path.as_os_str() == files::STDIN_NAME)
        .count();
    if stdin_count > 1 {
        anstream::eprintln!(
            "{}",
            error_line("standard input (-) can be named only once")
        );
        return Outcome::Failed;
    }
    // With --fix, mended standard input goes to standard output, so the
    // report moves to standard error.
    let mended_to_stdout = writes_fixes && stdin_count == 1;
    let mut reporter = Reporter::new(
        args.format,
        ReportOptions {
            quiet: args.quiet,
            verbose: args.verbose,
            to_stderr: mended_to_stdout,
            to_file: args.output_file.is_some(),
            statistics: args.statistics,
            diff: args.diff,
        },
    );

    let mut settings = SettingsCache::new(args.config.as_deref(), overrides);
    let mut unchecked = Vec::new();
    let mut notes = Vec::new();
    let targets = files::collect(
        &paths,
        args.stdin_filename.as_deref(),
        &mut settings,
        &mut unchecked,
        &mut notes,
    );
    for error in settings.take_errors() {
        reporter.broken_settings(&error, writes_fixes);
    }
    for trouble in &unchecked {
        reporter.unchecked(trouble);
    }
    for note in &notes {
        reporter.note(note);
    }
    if args.show_settings {
        return show_settings(&mut reporter, &mut settings, &targets);
    }
    if args.show_files {
        return show_files(args, &mut reporter, &targets);
    }

    if writes_fixes {
        // A run killed while writing may have left its temporary file.
        let folders: std::collections::BTreeSet<&Path> = targets
            .iter()
            .filter(|target| !target.from_stdin)
            .filter_map(|target| target.absolute.parent())
            .collect();
        for folder in folders {
            remove_stale_temporaries(folder);
        }
    }

    // Files are checked on every core, a few at a time per core, and
    // reported and mended in the order they were found, one by one.
    let threads = args
        .threads
        .map_or_else(rayon::current_num_threads, std::num::NonZeroUsize::get);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
    // Checked in a folder, each set of minutes hears what the others spell
    // out (A001): they are all read first, on every core. A file named
    // alone, or standard input, is checked as it always was, by itself.
    let folder_words = paths
        .iter()
        .any(|path| path.as_os_str() != files::STDIN_NAME && path.is_dir())
        .then(|| {
            let jobs: Vec<_> = targets
                .iter()
                .filter(|target| !target.from_stdin)
                .map(|target| {
                    let config = settings
                        .for_file(&target.absolute)
                        .config_for(&target.absolute);
                    (target, config, is_judged(args, target))
                })
                .collect();
            // Only A001 and P003 listen to the folder: with both switched
            // off everywhere, it is not read.
            let listens = |config: &crate::config::Config| {
                config
                    .enabled_checks()
                    .any(|rule| matches!(rule.code, "A001" | "P003"))
            };
            if !jobs.iter().any(|(_, config, _)| listens(config)) {
                return crate::rules::FolderWords::default();
            }
            // What cannot be read is told once, when it is checked.
            let read = || super::folder::read_documents(&jobs, false).0;
            let documents = match &pool {
                Ok(pool) => pool.install(read),
                Err(_) => read(),
            };
            crate::folder::Folder { documents }.words()
        });
    // Mistakes in clerk.toml met while reading the folder are told as the
    // files are checked, as before: the cache tells each once.
    let progress = progress_bar(args, targets.len());
    for chunk in targets.chunks(threads * 4) {
        let mut jobs = Vec::with_capacity(chunk.len());
        for target in chunk {
            let file_settings = settings.for_file(&target.absolute);
            for error in settings.take_errors() {
                reporter.broken_settings(&error, writes_fixes);
            }
            jobs.push(Job {
                target,
                config: file_settings.config_for(&target.absolute),
                // Under a broken clerk.toml the file is checked with the
                // defaults, but not mended by them: they may mend what the
                // clerk switched off.
                mending: works_out_fixes && !file_settings.broken,
                judged: is_judged(args, target),
                folder: folder_words.as_ref(),
            });
        }
        let check_all = || -> Vec<Checked> {
            use rayon::prelude::*;
            jobs.par_iter()
                .map(|job| job.check(args.unsafe_fixes))
                .collect()
        };
        let results = match &pool {
            Ok(pool) => pool.install(check_all),
            // No threads to be had: the files are checked here, one by one.
            Err(_) => jobs
                .iter()
                .map(|job| job.check(args.unsafe_fixes))
                .collect(),
        };
        // The bar is taken off the screen while the report is written under it.
        progress.suspend(|| {
            for (job, checked) in jobs.iter().zip(results) {
                report(&mut reporter, job, checked, writes_fixes, args.diff);
            }
        });
        progress.inc(chunk.len() as u64);
    }
    progress.finish_and_clear();

    let (tally, report) = reporter.finish();
    if let (Some(path), Some(report)) = (&args.output_file, report) {
        if let Err(error) = write_report(path, &report) {
            anstream::eprintln!(
                "{}",
                error_line(&format!(
                    "{}: the report could not be written: {}",
                    path.display(),
                    plain_io_error(&error)
                ))
            );
            return Outcome::Failed;
        }
    }
    if tally.unchecked > 0 || tally.broken_settings > 0 {
        Outcome::Failed
    } else if args.exit_zero {
        Outcome::Clean
    } else if args.diff {
        if tally.fixed > 0 {
            Outcome::Findings
        } else {
            Outcome::Clean
        }
    } else if tally.failing > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

/// Sets the colour for everything the run shows, on standard output and
/// standard error: the flag first, then NO_COLOR, then FORCE_COLOR, then
/// whether each stream is a terminal (which `auto` asks, with CLICOLOR_FORCE).
fn choose_colour(args: &CheckArgs) {
    let set = |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty());
    let choice = match args.color {
        _ if args.no_color => anstream::ColorChoice::Never,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
        ColorWhen::Auto if set("NO_COLOR") => anstream::ColorChoice::Never,
        ColorWhen::Auto if set("FORCE_COLOR") => anstream::ColorChoice::Always,
        ColorWhen::Auto => anstream::ColorChoice::Auto,
    };
    choice.write_global();
}

/// Flags that cannot be shown together, in a clerk's words.
fn refused_combination(args: &CheckArgs) -> Option<String> {
    let format = args
        .format
        .to_possible_value()
        .map(|value| value.get_name().to_owned())
        .unwrap_or_default();
    if args.statistics && !matches!(args.format, Format::Human | Format::Concise | Format::Json) {
        return Some(format!(
            "--statistics is shown as a table (--format human or concise) or as JSON \
             (--format json), not as {format}"
        ));
    }
    if args.diff && args.format != Format::Human {
        return Some(format!(
            "--diff shows the fixes as a diff, so it cannot be given with --format {format}"
        ));
    }
    None
}

/// Whether a file must read as minutes to be checked: only one found in
/// a folder, not named like minutes, and not under --all-files.
fn is_judged(args: &CheckArgs, target: &files::Target) -> bool {
    !args.all_files && !target.named && !named_as_minutes(&target.shown)
}

/// --show-settings: the settings of the first file, as a clerk.toml.
fn show_settings(
    reporter: &mut Reporter,
    settings: &mut SettingsCache,
    targets: &[files::Target],
) -> Outcome {
    let Some(target) = targets.first() else {
        if !reporter.troubled() {
            anstream::eprintln!("{}", error_line("there is no file to show the settings of"));
        }
        return Outcome::Failed;
    };
    let file_settings = settings.for_file(&target.absolute);
    for error in settings.take_errors() {
        reporter.broken_settings(&error, false);
    }
    let shown = show_settings::render(
        &target.shown.display().to_string(),
        file_settings.source.as_deref(),
        file_settings.broken,
        &file_settings.config_for(&target.absolute),
    );
    let mut stdout = anstream::stdout();
    let _ = stdout.write_all(shown.as_bytes());
    let _ = stdout.flush();
    if reporter.troubled() {
        Outcome::Failed
    } else {
        Outcome::Clean
    }
}

/// --show-files: each file that would be checked, one to a line, read
/// to tell whether it is minutes but not checked.
fn show_files(args: &CheckArgs, reporter: &mut Reporter, targets: &[files::Target]) -> Outcome {
    let mut stdout = anstream::stdout();
    for target in targets {
        let shown = target.shown.display().to_string();
        if is_judged(args, target) {
            let bytes = match files::read_bytes(target.from_stdin, &target.absolute) {
                Ok(bytes) => bytes,
                Err(message) => {
                    reporter.unchecked(&Unchecked::whole_file(shown, message));
                    continue;
                }
            };
            let Ok((text, _)) = files::decode(&bytes) else {
                // Named like minutes but not readable text: checking would
                // report it, so it is listed.
                let _ = writeln!(stdout, "{}", untrusted(&shown));
                continue;
            };
            if !reads_as_minutes(&text, &crate::syntax::parse(&text)) {
                reporter.not_minutes(&shown);
                continue;
            }
        }
        let _ = writeln!(stdout, "{}", untrusted(&shown));
    }
    let _ = stdout.flush();
    if reporter.troubled() {
        Outcome::Failed
    } else {
        Outcome::Clean
    }
}

/// Writes the report to `path` in one step: the whole report goes to a
/// new file beside it, which then takes its place, so that a reader never
/// sees half a report, and a failed run leaves the last one whole.
pub(crate) fn write_report(path: &Path, report: &[u8]) -> std::io::Result<()> {
    if path.is_dir() {
        return Err(std::io::Error::from(std::io::ErrorKind::IsADirectory));
    }
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(folder)?;
    let mut temporary = tempfile::Builder::new()
        .prefix(".clerk-report-")
        .tempfile_in(folder)?;
    temporary.write_all(report)?;
    // The temporary file is private; the report is not. It keeps the
    // permissions of the report it replaces, or takes the usual ones.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|old| old.permissions().mode() & 0o777)
            .unwrap_or(0o644);
        temporary
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// One file to check, with the settings that govern it.
struct Job<'t> {
    target: &'t files::Target,
    config: crate::config::Config,
    mending: bool,
    /// Found in a folder: checked only if it reads as minutes.
    judged: bool,
    /// What the other minutes of the folder say, when a folder is checked.
    folder: Option<&'t crate::rules::FolderWords>,
}

/// What checking one file gave: the part of the work that needs nothing but
/// the file itself, so that files can be checked side by side.
enum Checked {
    Unreadable(String),
    Undecodable {
        bytes: Vec<u8>,
        message: String,
    },
    /// A fault in clerk: the file is reported as not checked.
    Fault {
        bytes: Vec<u8>,
    },
    /// Found in a folder, and it does not read as minutes.
    NotMinutes,
    Done {
        bytes: Vec<u8>,
        findings: Vec<Finding>,
        /// With --fix: the mended text and how many fixes it took.
        fixed: Option<(String, usize)>,
    },
}

impl Job<'_> {
    fn check(&self, unsafe_fixes: bool) -> Checked {
        let bytes = match files::read_bytes(self.target.from_stdin, &self.target.absolute) {
            Ok(bytes) => bytes,
            Err(message) => return Checked::Unreadable(message),
        };
        let decoded = match files::decode(&bytes) {
            Ok((text, _)) => text,
            Err(message) => return Checked::Undecodable { bytes, message },
        };
        let text: &str = &decoded;
        // A fault in a check must cost one file, not the whole run.
        let checked = catch_unwind(AssertUnwindSafe(|| {
            let doc = crate::syntax::parse(text);
            if self.judged && !reads_as_minutes(text, &doc) {
                None
            } else if self.mending {
                let fixed = fix_all(text, &self.config, unsafe_fixes, self.folder);
                Some((fixed.analysis.findings, Some((fixed.text, fixed.applied))))
            } else {
                Some((
                    run_checks_in_folder(text, &doc, &self.config, self.folder),
                    None,
                ))
            }
        }));
        drop(decoded);
        match checked {
            Ok(None) => Checked::NotMinutes,
            Ok(Some((findings, fixed))) => Checked::Done {
                bytes,
                findings,
                fixed,
            },
            Err(_) => Checked::Fault { bytes },
        }
    }
}

/// Reports one checked file, writing its fixes first (or, with --diff,
/// showing them), in the order files were found.
fn report(reporter: &mut Reporter, job: &Job, checked: Checked, fixing: bool, diff: bool) {
    let target = job.target;
    let shown = target.shown.display().to_string();
    // Standard input under --fix is always echoed, mended or not, so
    // that an editor piping text through clerk never loses it.
    let echo_stdin = |bytes: &[u8]| {
        if fixing && target.from_stdin {
            let mut stdout = std::io::stdout();
            let _ = stdout.write_all(bytes);
            let _ = stdout.flush();
        }
    };
    let (bytes, findings, fixed) = match checked {
        Checked::Unreadable(message) => {
            reporter.unchecked(&Unchecked::whole_file(shown, message));
            return;
        }
        Checked::Undecodable { bytes, message } => {
            echo_stdin(&bytes);
            reporter.unchecked(&Unchecked::whole_file(shown, message));
            return;
        }
        Checked::Fault { bytes } => {
            echo_stdin(&bytes);
            reporter.unchecked(&Unchecked::whole_file(
                shown,
                "could not be checked because of a fault in clerk; please report it",
            ));
            return;
        }
        Checked::NotMinutes => {
            reporter.not_minutes(&shown);
            return;
        }
        Checked::Done {
            bytes,
            findings,
            fixed,
        } => (bytes, findings, fixed),
    };
    // Decoded before, so decoded again here without fail.
    let Ok((decoded, encoding)) = files::decode(&bytes) else {
        return;
    };
    let text: &str = &decoded;
    if encoding == TextEncoding::Windows1252 {
        reporter.note(&Unchecked::whole_file(
            shown.clone(),
            TextEncoding::WINDOWS_1252_NOTE,
        ));
    }
    if diff {
        let after = match &fixed {
            Some((mended, applied)) if *applied > 0 && mended != text => {
                reporter.diff(&shown, text, mended, *applied);
                mended.as_str()
            }
            _ => text,
        };
        reporter.file(&shown, after, &findings);
        return;
    }
    let mut report_text = text;
    if fixed.is_none() {
        // Standard input not mended is still echoed under --fix.
        echo_stdin(&bytes);
    }
    if let Some((mended, applied)) = &fixed {
        // Written back as it was stored: Windows-1252 stays Windows-1252.
        let encoded = match encoding.encode(mended) {
            Ok(encoded) => encoded,
            Err(message) => {
                echo_stdin(&bytes);
                reporter.unchecked(&Unchecked::whole_file(shown.clone(), message));
                let findings = analyze_in_folder(text, &job.config, job.folder).findings;
                reporter.file(&shown, text, &findings);
                return;
            }
        };
        if target.from_stdin {
            echo_stdin(&encoded);
            reporter.fixed(*applied);
            report_text = mended;
        } else if *applied > 0 {
            match write_atomically(&target.absolute, &bytes, &encoded) {
                Ok(()) => {
                    reporter.fixed(*applied);
                    report_text = mended;
                }
                Err(error) => {
                    reporter.unchecked(&Unchecked {
                        path: shown.clone(),
                        line: None,
                        column: None,
                        message: match error.kind() {
                            // Our own refusals already say what happened.
                            std::io::ErrorKind::Other => error.to_string(),
                            _ => format!(
                                "the fixes could not be written: {}",
                                plain_io_error(&error)
                            ),
                        },
                    });
                    // Report against the text as it still is on disk.
                    let findings = analyze_in_folder(text, &job.config, job.folder).findings;
                    reporter.file(&shown, text, &findings);
                    return;
                }
            }
        }
    }
    reporter.file(&shown, report_text, &findings);
}

/// Folders of more files than this show how far the check has got.
const PROGRESS_FROM: usize = 50;

/// A bar on standard error for a long run, shown only to a person at a
/// terminal reading the human report: never in CI logs (CI set), never
/// beside a report meant for a program, never for a few files.
fn progress_bar(args: &CheckArgs, files: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    let for_a_person = matches!(args.format, super::Format::Human | super::Format::Concise);
    let wanted = files >= PROGRESS_FROM
        && for_a_person
        && !args.quiet
        && std::env::var_os("CI").is_none()
        && std::io::stderr().is_terminal();
    if !wanted {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("Checking {pos}/{len} files {wide_bar} {eta}")
    {
        bar.set_style(style);
    }
    bar
}
