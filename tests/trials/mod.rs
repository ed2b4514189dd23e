//! The test runner for tests that need something the project does not hold
//! (an editor, a program, a file built elsewhere, `../shared`): each test is
//! a libtest-mimic trial, and one whose need is missing here is marked
//! ignored, with what it needs in its line and a note saying how to get it,
//! so cargo's summary counts it as ignored rather than as passed. Under
//! CI=true nothing CI must have may be missing: such a test runs and fails,
//! saying what to install.
//!
//! A test file using it is a `harness = false` test target in Cargo.toml
//! whose `main` adds each test with [`Trials::add`] and ends with
//! [`Trials::run`]; filters, `--exact`, `--skip`, `--ignored` and
//! `--include-ignored` work as they do for cargo's own harness.

#![allow(dead_code)]

use libtest_mimic::{Arguments, Failed, FormatSetting, Trial};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, OnceLock};

/// Whether this run is CI's (`CI=true`), where nothing may be skipped.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| !value.is_empty() && value != "false" && value != "0")
}

/// Something a test needs from outside the project, found out once.
pub struct Need {
    /// What it is, as the test's line names it: "nvim", "emacs with Eglot".
    what: String,
    /// How to get it, for the note and the failure.
    how: String,
    /// Whether CI must have it. An editor newer than Debian ships is not
    /// something CI installs, so a test that needs one is ignored on CI too.
    required_on_ci: bool,
    is_present: Box<dyn Fn() -> bool + Send + Sync>,
    found: OnceLock<bool>,
}

impl Need {
    /// A need met when `is_present` says so.
    pub fn new(
        what: impl Into<String>,
        how: impl Into<String>,
        is_present: impl Fn() -> bool + Send + Sync + 'static,
    ) -> Arc<Need> {
        Arc::new(Need {
            what: what.into(),
            how: how.into(),
            required_on_ci: true,
            is_present: Box::new(is_present),
            found: OnceLock::new(),
        })
    }

    /// A need that CI does not have to meet either (see `required_on_ci`).
    pub fn not_required_on_ci(
        what: impl Into<String>,
        how: impl Into<String>,
        is_present: impl Fn() -> bool + Send + Sync + 'static,
    ) -> Arc<Need> {
        let mut need = Need::new(what, how, is_present);
        Arc::get_mut(&mut need).unwrap().required_on_ci = false;
        need
    }

    /// `program` run with `version_args` succeeds.
    pub fn program(program: &str, version_args: &[&str], how: &str) -> Arc<Need> {
        let owned_program = program.to_owned();
        let owned_args: Vec<String> = version_args.iter().map(|arg| arg.to_string()).collect();
        Need::new(program, how, move || runs(&owned_program, &owned_args))
    }

    /// A file or folder exists at `path`.
    pub fn path(what: impl Into<String>, path: PathBuf, how: &str) -> Arc<Need> {
        Need::new(what, how, move || path.exists())
    }

    /// Whether it is here (asked once, then remembered).
    pub fn is_met(&self) -> bool {
        *self.found.get_or_init(|| (self.is_present)())
    }

    /// What a test that runs without it says.
    fn failure(&self, ci: bool) -> String {
        let ci = if ci { " and CI=true" } else { "" };
        format!(
            "{} is needed for this test{ci}, but it is not here: {}",
            self.what, self.how
        )
    }
}

/// Whether `program args` runs and succeeds, saying nothing.
pub fn runs(program: &str, args: &[String]) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// The tests of one test file, and the notes on those ignored.
pub struct Trials {
    arguments: Arguments,
    ci: bool,
    trials: Vec<Trial>,
    /// Each need found missing, with how many tests it leaves ignored.
    ignored_for: Vec<(Arc<Need>, usize)>,
}

impl Trials {
    /// Reads the command line cargo passes to a test binary.
    pub fn from_command_line() -> Trials {
        Trials::new(Arguments::from_args(), in_ci())
    }

    pub fn new(arguments: Arguments, ci: bool) -> Trials {
        Trials {
            arguments,
            ci,
            trials: Vec::new(),
            ignored_for: Vec::new(),
        }
    }

    /// Adds `test`, to be run only where every one of `needs` is met:
    /// elsewhere it is ignored (or, under CI=true, fails). Needs are looked
    /// for only when the command line selects the test.
    pub fn add(&mut self, name: &str, needs: &[&Arc<Need>], test: fn()) {
        let needs: Vec<Arc<Need>> = needs.iter().map(|need| Arc::clone(need)).collect();
        let ci = self.ci;
        let for_the_runner = needs.clone();
        let trial = Trial::test(name, move || {
            if let Some(missing) = for_the_runner.iter().find(|need| !need.is_met()) {
                return Err(Failed::from(missing.failure(ci)));
            }
            test();
            Ok(())
        });
        if self.arguments.is_filtered_out(&trial) {
            self.trials.push(trial);
            return;
        }
        let missing: Vec<&Arc<Need>> = needs.iter().filter(|need| !need.is_met()).collect();
        // On CI a missing need that CI must have fails the test; any other
        // missing need, on CI or not, leaves it ignored.
        let ignored = missing.iter().any(|need| !(self.ci && need.required_on_ci));
        if !ignored {
            self.trials.push(trial);
            return;
        }
        let names: Vec<&str> = missing.iter().map(|need| need.what.as_str()).collect();
        self.trials.push(
            trial
                .with_kind(format!("needs {}", names.join(", ")))
                .with_ignored_flag(true),
        );
        let runs_anyway = self.arguments.ignored || self.arguments.include_ignored;
        if !runs_anyway {
            for need in missing {
                match self
                    .ignored_for
                    .iter_mut()
                    .find(|(seen, _)| Arc::ptr_eq(seen, need))
                {
                    Some((_, count)) => *count += 1,
                    None => self.ignored_for.push((Arc::clone(need), 1)),
                }
            }
        }
    }

    /// One line for each missing need: how many tests it leaves ignored,
    /// and how to get it.
    pub fn notes(&self) -> Vec<String> {
        self.ignored_for
            .iter()
            .map(|(need, count)| {
                let (tests, need_it, they) = if *count == 1 {
                    ("1 test".to_owned(), "needs", "it fails")
                } else {
                    (format!("{count} tests"), "need", "they fail")
                };
                let on_ci = if need.required_on_ci {
                    format!("with CI=true {they} instead")
                } else {
                    "CI does not need it either".to_owned()
                };
                format!(
                    "ignored: {tests} that {need_it} {}, which is not here ({}); {on_ci}",
                    need.what, need.how
                )
            })
            .collect()
    }

    /// Runs the tests the command line selects, after the notes, and exits
    /// as cargo's harness does.
    pub fn run(self) -> ! {
        // `--list` and `--format json` are read by programs: no notes there.
        let for_people =
            !self.arguments.list && !matches!(self.arguments.format, Some(FormatSetting::Json));
        if for_people {
            for note in self.notes() {
                println!("{note}");
            }
        }
        libtest_mimic::run(&self.arguments, self.trials).exit()
    }
}

/// Adds each named test function to `trials` with the same needs.
#[allow(unused_macros)]
macro_rules! add_tests {
    ($trials:expr, $needs:expr, $($test:ident),+ $(,)?) => {
        $( $trials.add(stringify!($test), &$needs, $test); )+
    };
}
