//! The command line: `clerk check`, `clerk outline`, `clerk rules`, `clerk lsp`.
//!
//! A thin shell around the library: it reads files, finds their settings,
//! asks `clerk::analysis` what is wrong, and shows the answer. It decides
//! nothing about minutes itself.

mod check;
mod files;
mod fix;
mod folder;
mod gitlab;
mod init;
mod junit;
mod outline;
mod output;
mod position;
mod registers;
mod rules;
mod sarif;
mod settings;
mod show_settings;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// What a run came to, as an exit code: each code means one thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Outcome {
    /// Nothing at warning level or above.
    Clean = 0,
    /// Findings at warning or error level.
    Findings = 1,
    /// Something could not be checked: a file, the settings, the arguments.
    Failed = 2,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        ExitCode::from(outcome as u8)
    }
}

#[derive(Parser, Debug)]
#[command(
    name = "clerk",
    version,
    about = "Checks meeting minutes against a clerk's house style",
    long_about = "Checks meeting minutes against a clerk's house style: numbered resolutions \
                  under a RESOLVED marker, abbreviations spelled out on first use, and people \
                  named with their role.\n\n\
                  Settings come from the nearest clerk.toml in the file's folder or above.",
    arg_required_else_help = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check minutes and report what breaks the house style
    #[command(after_help = CHECK_AFTER_HELP)]
    Check(CheckArgs),
    /// Show the shape of minutes: the meeting, attendance, items, sections and resolutions
    Outline(OutlineArgs),
    /// List the checks, or explain one of them
    Rules(RulesArgs),
    /// Write a clerk.toml with every setting in it, commented out
    Init(InitArgs),
    /// The index of abbreviations: each one, what it stands for, the minutes
    /// that first spell it out and those that use it without spelling it out
    Index(RegisterArgs),
    /// The people register: each person, the forms of their name, their roles and when
    People(RegisterArgs),
    /// The decisions register: every resolution by meeting and minute number
    Decisions(RegisterArgs),
    /// The action register: who is to do what, from which meeting, and by when
    Actions(RegisterArgs),
    /// Attendance: each member at each meeting, present, with apologies or absent
    Attendance(RegisterArgs),
    /// Serve editors over the Language Server Protocol on standard input and output
    Lsp,
}

const CHECK_AFTER_HELP: &str = "\
Exit status:
  0  no problems at warning level or above
  1  problems found at warning or error level (never with --exit-zero);
     with --diff, fixes to make
  2  something could not be checked: a file could not be read or is not
     UTF-8 text, a clerk.toml is broken, the report could not be written,
     or the command line is wrong

With --format json, standard output holds only the list of problems; files
that could not be checked are reported on standard error.

A file found in a folder is checked when it reads as minutes (a heading
that names the meeting, an attendance list, numbered agenda items,
decisions) or is named *.minutes*; --all-files checks the others too. A
file named on the command line is always checked.

Checking a folder, A001 names the other minutes there that spell an
abbreviation out, and P003 flags a surname spelled as the folder seldom
spells it; a file named alone is checked by itself.

Examples:
  clerk check                         check every minutes file under this folder
  clerk check minutes/2021-03.txt     check one file
  clerk check --fix minutes/          mend what can be mended safely
  clerk check --select A001,P001 .    run only two checks
  clerk check --diff minutes/         show what --fix would change, as a diff
  clerk check --format sarif -o clerk.sarif   a SARIF log for code scanning
  cat draft.txt | clerk check - --stdin-filename minutes/draft.txt
";

#[derive(Args, Debug)]
pub(crate) struct CheckArgs {
    /// Files and folders to check; folders are searched for minutes files
    /// (by default *.txt, *.md and *.minutes that read as minutes). Use - to
    /// read standard input. With no path, the current folder (or standard
    /// input, when --stdin-filename is given)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How to show the problems found
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Run only these checks, by code or name (comma-separated or repeated);
    /// replaces the select list in clerk.toml
    #[arg(long, value_name = "CHECKS", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Skip these checks, by code or name (comma-separated or repeated);
    /// added to the ignore list in clerk.toml
    #[arg(long, value_name = "CHECKS", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Apply the safe fixes to the files, then report what is left
    #[arg(long)]
    pub fix: bool,

    /// Apply the unsafe fixes too: ones that change wording a clerk should
    /// read first (implies --fix)
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Use this clerk.toml for every file, instead of looking for one
    /// beside each file
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The name to show for standard input (-), and where to look for its
    /// clerk.toml. With --fix, the mended text is written to standard output
    /// and the report to standard error
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,

    /// Show only the problems, without the closing summary
    #[arg(long, short)]
    pub quiet: bool,

    /// When to colour the output: auto (only on a terminal; never when
    /// NO_COLOR is set, always when FORCE_COLOR is), always or never
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Never colour the output: the same as --color never
    #[arg(long, conflicts_with = "color")]
    pub no_color: bool,

    /// Show how many problems each check found, and how many can be fixed,
    /// instead of each problem
    #[arg(long)]
    pub statistics: bool,

    /// Exit with 0 even when problems are found (2 still means that
    /// something could not be checked)
    #[arg(long)]
    pub exit_zero: bool,

    /// Write the report to this file instead of standard output; the file
    /// is replaced whole, in one step, and its folder made if need be
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// Show the fixes as a unified diff instead of writing them (even with
    /// --fix); exit 1 when there is any
    #[arg(long, conflicts_with = "statistics")]
    pub diff: bool,

    /// Show the settings that govern the first file (its clerk.toml, with
    /// the command line on top), and check nothing
    #[arg(long, conflicts_with = "show_files")]
    pub show_settings: bool,

    /// List the files that would be checked, and check nothing
    #[arg(long)]
    pub show_files: bool,

    /// Run these checks as well as those clerk.toml selects, by code or
    /// name (comma-separated or repeated), even ones it ignores
    #[arg(long, value_name = "CHECKS", value_delimiter = ',')]
    pub extend_select: Vec<String>,

    /// How many files to check at once (default: one per core)
    #[arg(long, value_name = "N")]
    pub threads: Option<std::num::NonZeroUsize>,

    /// Check every file the folders hold that the include patterns match,
    /// not only those that read as minutes
    #[arg(long)]
    pub all_files: bool,

    /// Also list each file passed over because it does not read as minutes
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Args, Debug)]
pub(crate) struct OutlineArgs {
    /// Files and folders to outline, as clerk check takes them (folders are
    /// searched for minutes); - for standard input. With none, this folder
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Outline every file the folders hold that the include patterns
    /// match, not only those that read as minutes
    #[arg(long)]
    pub all_files: bool,

    /// Show the outline as an indented tree or as JSON
    #[arg(long, value_enum, default_value_t = OutlineFormat::Human)]
    pub format: OutlineFormat,
}

#[derive(Args, Debug)]
pub(crate) struct RegisterArgs {
    /// Files and folders of minutes, as clerk check takes them (folders are
    /// searched for minutes). With none, this folder
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read every file the folders hold that the include patterns match,
    /// not only those that read as minutes
    #[arg(long)]
    pub all_files: bool,

    /// Markdown (ready for a report's appendix), CSV (for a spreadsheet) or JSON
    #[arg(long, value_enum, default_value_t = RegisterFormat::Markdown)]
    pub format: RegisterFormat,

    /// Write to this file instead of standard output; the file is replaced
    /// whole, in one step, and its folder made if need be
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,
}

/// How the index and the registers are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum RegisterFormat {
    /// Tables ready to go into a report
    Markdown,
    /// One row per entry, for a spreadsheet
    Csv,
    /// For programs
    Json,
}

#[derive(Args, Debug)]
pub(crate) struct InitArgs {
    /// The folder to write clerk.toml in (default: this one); a clerk.toml
    /// already there is never written over
    #[arg(value_name = "FOLDER")]
    pub folder: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub(crate) struct RulesArgs {
    /// A check's code or name (A001, undefined-abbreviation) to explain it
    #[arg(value_name = "CHECK")]
    pub check: Option<String>,

    /// Show the checks as a table or as JSON
    #[arg(long, value_enum, default_value_t = OutlineFormat::Human)]
    pub format: OutlineFormat,
}

/// How `clerk check` shows what it found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// For people: each problem with its line of text, and a summary
    Human,
    /// For people: one line per problem, and a summary
    Concise,
    /// For programs: one JSON list of every problem
    Json,
    /// For programs: one JSON object per line, one line per problem
    JsonLines,
    /// For GitHub Actions: workflow commands that annotate the changed files
    Github,
    /// For GitLab: a Code Quality report, each problem with a fingerprint
    Gitlab,
    /// For CI test reports: JUnit XML, a test suite per file
    Junit,
    /// For code scanning: a SARIF 2.1.0 log with every check's description and the fixes
    Sarif,
}

/// When `clerk check` colours what it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set; anywhere when FORCE_COLOR is
    Auto,
    /// Always, even into a pipe
    Always,
    /// Never
    Never,
}

/// How `clerk outline` and `clerk rules` show their answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutlineFormat {
    /// For people
    Human,
    /// For programs
    Json,
}

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to standard output and succeed; mistakes in
            // the arguments are "could not check".
            let _ = error.print();
            return if error.use_stderr() {
                Outcome::Failed.into()
            } else {
                Outcome::Clean.into()
            };
        }
    };
    let outcome = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Outline(args) => outline::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Index(args) => registers::run(registers::Register::Index, &args),
        Command::People(args) => registers::run(registers::Register::People, &args),
        Command::Decisions(args) => registers::run(registers::Register::Decisions, &args),
        Command::Actions(args) => registers::run(registers::Register::Actions, &args),
        Command::Attendance(args) => registers::run(registers::Register::Attendance, &args),
        Command::Lsp => return crate::lsp::run(),
    };
    outcome.into()
}
