//! How `clerk check` shows what it found: for people (with the line of text
//! underlined, or one line each), as JSON for programs, as GitHub workflow
//! commands, or in the formats other CI systems read (SARIF, JUnit, GitLab
//! Code Quality: `sarif`, `junit` and `gitlab` beside this).

use super::files::Unchecked;
use super::fix::is_applicable;
use super::gitlab::CodeQualityReport;
use super::junit::JunitReport;
use super::position::{Located, Span};
use super::sarif::SarifLog;
use super::settings::SettingsMistake;
use super::Format;
use crate::rules::{Applicability, Finding, Severity};
use annotate_snippets::{Annotation, AnnotationKind, Group, Level, Patch, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use serde::Serialize;
use std::io::Write;

/// Collects and writes the report of one `clerk check` run.
pub(crate) struct Reporter {
    format: Format,
    options: ReportOptions,
    out: Destination,
    /// JSON is written once, at the end, as one list.
    json: Vec<JsonFinding>,
    /// So are SARIF, JUnit and Code Quality, each one document.
    sarif: SarifLog,
    junit: JunitReport,
    code_quality: CodeQualityReport,
    /// The clerk.toml files with mistakes told so far.
    broken_files: std::collections::HashSet<String>,
    /// With --statistics: each check's counts, by code.
    statistics: std::collections::BTreeMap<&'static str, CheckCount>,
    tally: Tally,
}

/// How a run's report is to be shown, beside its format.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ReportOptions {
    /// No closing summary.
    pub quiet: bool,
    /// List each file passed over as not minutes.
    pub verbose: bool,
    /// The report goes to standard error: standard output carries mended text.
    pub to_stderr: bool,
    /// The report goes to a file (--output-file), written when it is whole.
    pub to_file: bool,
    /// Counts per check instead of each finding.
    pub statistics: bool,
    /// The fixes as a diff instead of the findings.
    pub diff: bool,
}

/// Where the report goes.
enum Destination {
    Stream(Box<dyn Write>),
    /// Held until the end, for --output-file.
    Buffer(Vec<u8>),
}

/// One check's line in --statistics.
#[derive(Clone, Debug, Serialize)]
struct CheckCount {
    code: &'static str,
    name: &'static str,
    count: usize,
    fixable_with_fix: usize,
    fixable_with_unsafe_fixes: usize,
}

/// Counts for the closing summary and the exit code.
#[derive(Default, Debug)]
pub(crate) struct Tally {
    pub files_checked: usize,
    pub files_with_problems: usize,
    pub problems: usize,
    /// Problems at warning or error level: these fail the run.
    pub failing: usize,
    pub fixable_safe: usize,
    pub fixable_unsafe: usize,
    pub fixed: usize,
    pub files_fixed: usize,
    pub unchecked: usize,
    /// clerk.toml files with mistakes (their files are checked with the
    /// rest of their settings, or the defaults).
    pub broken_settings: usize,
    /// The mistakes in them, all told.
    pub settings_mistakes: usize,
    /// Those of them that could not be read at all: their files were
    /// checked with the defaults.
    pub settings_unread: usize,
    /// Files found in folders that do not read as minutes, passed over.
    pub not_minutes: usize,
}

impl Reporter {
    pub fn new(format: Format, options: ReportOptions) -> Reporter {
        // Colour follows the choice made for the whole run (--color,
        // NO_COLOR, FORCE_COLOR; on a terminal only, by default).
        let out = if options.to_file {
            Destination::Buffer(Vec::new())
        } else if options.to_stderr {
            Destination::Stream(Box::new(anstream::AutoStream::auto(std::io::stderr())))
        } else {
            Destination::Stream(Box::new(anstream::AutoStream::auto(std::io::stdout())))
        };
        Reporter {
            format,
            options,
            out,
            json: Vec::new(),
            sarif: SarifLog::default(),
            junit: JunitReport::default(),
            code_quality: CodeQualityReport::default(),
            broken_files: std::collections::HashSet::new(),
            statistics: std::collections::BTreeMap::new(),
            tally: Tally::default(),
        }
    }

    /// Reports the findings in one file.
    pub fn file(&mut self, shown: &str, text: &str, findings: &[Finding]) {
        self.tally.files_checked += 1;
        if !findings.is_empty() {
            self.tally.files_with_problems += 1;
        }
        let located = Located::new(text);
        for finding in findings {
            self.tally.problems += 1;
            if finding.severity >= Severity::Warning {
                self.tally.failing += 1;
            }
            let safe = is_applicable(finding, false);
            if safe {
                self.tally.fixable_safe += 1;
            } else if is_applicable(finding, true) {
                self.tally.fixable_unsafe += 1;
            }
            if self.options.statistics {
                let count = self.statistics.entry(finding.code).or_insert(CheckCount {
                    code: finding.code,
                    name: finding.name,
                    count: 0,
                    fixable_with_fix: 0,
                    fixable_with_unsafe_fixes: 0,
                });
                count.count += 1;
                count.fixable_with_fix += usize::from(safe);
                count.fixable_with_unsafe_fixes +=
                    usize::from(!safe && is_applicable(finding, true));
                continue;
            }
            if self.options.diff {
                continue;
            }
            let rendered = match self.format {
                Format::Human => human(shown, &located, finding),
                Format::Concise => concise(shown, &located, finding),
                Format::Github => github(shown, &located, finding),
                Format::JsonLines => {
                    let json = JsonFinding::new(shown, &located, finding);
                    serde_json::to_string(&json).unwrap_or_default() + "\n"
                }
                Format::Json => {
                    self.json.push(JsonFinding::new(shown, &located, finding));
                    continue;
                }
                Format::Sarif | Format::Junit | Format::Gitlab => continue,
            };
            self.write(&rendered);
        }
        if self.options.statistics || self.options.diff {
            return;
        }
        match self.format {
            Format::Sarif => self.sarif.file(shown, &located, findings),
            Format::Junit => self.junit.file(shown, &located, findings),
            Format::Gitlab => self.code_quality.file(shown, &located, findings),
            _ => {}
        }
    }

    /// With --diff: shows the fixes to one file as a unified diff.
    pub fn diff(&mut self, shown: &str, before: &str, after: &str, count: usize) {
        let shown = untrusted(shown);
        let diff = similar::TextDiff::from_lines(before, after)
            .unified_diff()
            .context_radius(3)
            .header(&shown, &shown)
            .to_string();
        // The minutes' own control characters are shown, not obeyed; the
        // line ends are the diff's.
        let lines: Vec<String> = diff
            .split('\n')
            .map(|line| visible(line).into_owned())
            .collect();
        self.write(&lines.join("\n"));
        self.fixed(count);
    }

    /// Notes fixes written to a file.
    pub fn fixed(&mut self, count: usize) {
        if count > 0 {
            self.tally.fixed += count;
            self.tally.files_fixed += 1;
        }
    }

    /// Reports a file that could not be checked. In JSON mode this goes to
    /// standard error, so that standard output stays one valid list.
    pub fn unchecked(&mut self, unchecked: &Unchecked) {
        self.tally.unchecked += 1;
        self.trouble(unchecked, "clerk could not check this file");
    }

    /// Reports a mistake in a clerk.toml. The files it governs are still
    /// checked, with the rest of its settings (or the defaults, when it
    /// could not be read at all); under --fix (`fixing`) they are not
    /// mended, since what is left may mend what the clerk switched off.
    pub fn broken_settings(&mut self, mistake: &SettingsMistake, fixing: bool) {
        let error = &mistake.error;
        let path = error
            .path
            .as_ref()
            .map(|path| path.display().to_string())
            .unwrap_or_default();
        self.tally.settings_mistakes += 1;
        if self.broken_files.insert(path.clone()) {
            self.tally.broken_settings += 1;
            self.tally.settings_unread += usize::from(!mistake.rest_kept);
        }
        let used = if mistake.rest_kept {
            "the rest of its settings"
        } else {
            "the default settings"
        };
        let trouble = Unchecked {
            path,
            line: error.line,
            column: error.column,
            message: format!(
                "{}; its files are checked with {used}{}",
                error.message,
                if fixing {
                    ", and not fixed until it is mended"
                } else {
                    ""
                }
            ),
        };
        self.trouble(&trouble, "settings file has a mistake");
    }

    /// Counts a file found in a folder that does not read as minutes, and
    /// with --verbose says so.
    pub fn not_minutes(&mut self, shown: &str) {
        self.tally.not_minutes += 1;
        if self.options.verbose {
            self.note(&Unchecked::whole_file(
                shown,
                "passed over: it does not read as minutes (name it *.minutes.txt or \
                 *.minutes.md, or use --all-files, to check it)",
            ));
        }
    }

    /// Tells of something passed over that costs no checking (a link back
    /// to a folder already being checked), so it leaves the exit code alone.
    pub fn note(&mut self, note: &Unchecked) {
        match self.format {
            Format::Github => {
                let line = github_command(
                    "notice",
                    &note.path,
                    None,
                    None,
                    "clerk passed this over",
                    &note.message,
                );
                self.write(&line);
            }
            _ => {
                let mut stderr = anstream::stderr();
                let _ = writeln!(stderr, "clerk: {}", shown_trouble(note));
            }
        }
    }

    fn trouble(&mut self, trouble: &Unchecked, title: &str) {
        match self.format {
            Format::Github => {
                let line = github_command(
                    "error",
                    &trouble.path,
                    trouble.line.map(|line| (line, trouble.column.unwrap_or(1))),
                    None,
                    title,
                    &trouble.message,
                );
                self.write(&line);
            }
            _ => {
                match self.format {
                    Format::Sarif => self.sarif.trouble(trouble),
                    Format::Junit => self.junit.trouble(trouble, title),
                    _ => {}
                }
                // Standard output holds one document (or the findings
                // alone); the trouble is told on standard error too.
                let mut stderr = anstream::stderr();
                let _ = writeln!(stderr, "{}", trouble_line(trouble));
            }
        }
    }

    /// Whether something could not be checked so far, or a clerk.toml is broken.
    pub fn troubled(&self) -> bool {
        self.tally.unchecked > 0 || self.tally.broken_settings > 0
    }

    /// Writes what is left (the JSON list, the summary) and returns the
    /// counts, and the report itself when it goes to a file.
    pub fn finish(mut self) -> (Tally, Option<Vec<u8>>) {
        if self.options.diff {
            if !self.options.quiet {
                let said = if self.tally.fixed > 0 {
                    format!(
                        "Would fix {} in {}.",
                        count(self.tally.fixed, "problem"),
                        count(self.tally.files_fixed, "file")
                    )
                } else {
                    "No fixes to make.".to_owned()
                };
                let _ = writeln!(anstream::stderr(), "{said}");
            }
            return self.close();
        }
        if self.options.statistics {
            let mut counts: Vec<CheckCount> = self.statistics.values().cloned().collect();
            counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
            if self.format == Format::Json {
                let json = serde_json::to_string_pretty(&counts).unwrap_or_default();
                self.write(&format!("{json}\n"));
                return self.close();
            }
            let table = statistics_table(&counts);
            self.write(&table);
        }
        match self.format {
            Format::Json => {
                let json =
                    serde_json::to_string_pretty(&self.json).unwrap_or_else(|_| "[]".to_owned());
                self.write(&format!("{json}\n"));
            }
            Format::Sarif => {
                let log = std::mem::take(&mut self.sarif).finish();
                self.write(&log);
            }
            Format::Junit => {
                let report = std::mem::take(&mut self.junit).finish();
                self.write(&report);
            }
            Format::Gitlab => {
                let report = std::mem::take(&mut self.code_quality).finish();
                self.write(&report);
            }
            Format::Human | Format::Concise if !self.options.quiet => {
                let summary = summary(&self.tally);
                self.write(&summary);
            }
            _ => {}
        }
        self.close()
    }

    fn close(self) -> (Tally, Option<Vec<u8>>) {
        match self.out {
            Destination::Stream(mut stream) => {
                let _ = stream.flush();
                (self.tally, None)
            }
            // A file is never coloured: the styling is taken out. The
            // minutes' own control characters were made visible before.
            Destination::Buffer(bytes) => match self.format {
                Format::Human | Format::Concise | Format::Github => (
                    self.tally,
                    Some(anstream::adapter::strip_bytes(&bytes).into_vec()),
                ),
                _ => (self.tally, Some(bytes)),
            },
        }
    }

    fn write(&mut self, text: &str) {
        match &mut self.out {
            // A closed pipe (`clerk check | head`) is not worth a panic.
            Destination::Stream(stream) => {
                let _ = stream.write_all(text.as_bytes());
            }
            Destination::Buffer(bytes) => bytes.extend_from_slice(text.as_bytes()),
        }
    }
}

/// --statistics for people: each check with its count and what can be
/// fixed, the most frequent first.
fn statistics_table(counts: &[CheckCount]) -> String {
    let count_width = counts
        .iter()
        .map(|count| count.count.to_string().len())
        .max()
        .unwrap_or(1);
    let name_width = counts
        .iter()
        .map(|count| count.name.len())
        .max()
        .unwrap_or(0);
    let mut table = String::new();
    for count in counts {
        let mut fixable = Vec::new();
        if count.fixable_with_fix > 0 {
            fixable.push(format!("{} fixable with --fix", count.fixable_with_fix));
        }
        if count.fixable_with_unsafe_fixes > 0 {
            let more = if fixable.is_empty() {
                "fixable"
            } else {
                "more"
            };
            fixable.push(format!(
                "{} {more} with --unsafe-fixes",
                count.fixable_with_unsafe_fixes
            ));
        }
        let line = format!(
            "{:>count_width$}  {}  {:<name_width$}  {}",
            count.count,
            count.code,
            count.name,
            fixable.join(", ")
        );
        table.push_str(line.trim_end());
        table.push('\n');
    }
    table
}

/// `clerk: message` in the error colour, for standard error. The message
/// may quote a file name, the settings or the command line, so control
/// characters in it are made visible; only its own line ends are kept.
pub(crate) fn error_line(message: &str) -> String {
    let style = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    let lines: Vec<String> = message.split('\n').map(untrusted).collect();
    format!("{style}clerk:{style:#} {}", lines.join("\n"))
}

/// `clerk: path:line:column: message` for something that could not be
/// checked, with every control character in the path and the message
/// made visible: a line end in a file name is shown as ␊, not obeyed.
pub(crate) fn trouble_line(trouble: &Unchecked) -> String {
    error_line(&shown_trouble(trouble))
}

fn shown_trouble(trouble: &Unchecked) -> String {
    Unchecked {
        path: untrusted(&trouble.path),
        message: untrusted(&trouble.message),
        ..trouble.clone()
    }
    .to_string()
}

fn severity_level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn severity_style(severity: Severity) -> Style {
    let colour = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Blue,
    };
    Style::new().fg_color(Some(colour.into())).bold()
}

/// One finding for people: `path:line:col: CODE [name] message`, then the
/// text with the span underlined and related places labelled, then whether
/// a fix is on offer.
fn human(shown: &str, located: &Located, finding: &Finding) -> String {
    // The first line is the concise format's.
    let mut out = concise(shown, located, finding);
    let mut marks = vec![Mark {
        range: finding.range,
        kind: AnnotationKind::Primary,
        label: None,
    }];
    let labels: Vec<String> = finding
        .related
        .iter()
        .take(MAX_RELATED_SHOWN)
        .map(|related| untrusted(&related.message))
        .collect();
    marks.extend(
        finding
            .related
            .iter()
            .zip(&labels)
            .map(|(related, label)| Mark {
                range: related_mark(located.text, related.range),
                kind: AnnotationKind::Context,
                label: Some(label.as_str()),
            }),
    );
    let (excerpts, places) = snippets(shown, located, marks);
    let mut group = Group::with_level(severity_level(finding.severity)).elements(excerpts);
    let hidden = finding.related.len().saturating_sub(MAX_RELATED_SHOWN);
    if hidden > 0 {
        let noun = if hidden == 1 { "place" } else { "places" };
        group = group.element(Level::NOTE.message(format!(
            "and {hidden} more related {noun}, listed in full by --format json"
        )));
    }
    let mut report = vec![group];
    if !finding.alternatives.is_empty() {
        // Readings a person must choose among: named, and applied by no flag.
        let titles: Vec<String> = finding.fixes().map(|fix| untrusted(&fix.title)).collect();
        let title = format!(
            "fixes to choose from, which --fix and --unsafe-fixes leave to a person: {}",
            titles.join("; or ")
        );
        let group = report.pop().expect("the finding's own group");
        report.push(group.element(Level::HELP.message(title)));
    } else if let Some(fix) = &finding.fix {
        let how = match fix.applicability {
            Applicability::Safe => "run with --fix to apply it",
            Applicability::Unsafe => {
                "an unsafe fix: read it first, then run with --unsafe-fixes to apply it"
            }
        };
        let title = format!("fix available: {} ({how})", untrusted(&fix.title));
        match preview(located, fix) {
            // Shown as a before-and-after of the lines it changes.
            Some(snippet) => {
                report.push(Group::with_title(Level::HELP.secondary_title(title)).element(snippet))
            }
            None => {
                let group = report.pop().expect("the finding's own group");
                report.push(group.element(Level::HELP.message(title)));
            }
        }
    }
    let mut rendered = Renderer::styled().term_width(RENDER_WIDTH).render(&report);
    places.name_places(&mut rendered);
    out.push_str(&rendered);
    out.push_str("\n\n");
    out
}

/// Longest a related place is underlined in full, in bytes.
const LONGEST_RELATED_MARK: usize = 40;

/// Where a related place is underlined: the whole of a short one, and the
/// first word of a long one (a whole resolution, "resolution 2 of 3"), whose
/// label already says what it is; a line of dashes says nothing more.
fn related_mark(text: &str, range: crate::text::TextRange) -> crate::text::TextRange {
    if range.len() <= LONGEST_RELATED_MARK {
        return range;
    }
    let within = range.of(text);
    let start = range.start + (within.len() - within.trim_start().len());
    let word = text[start..range.end]
        .find(char::is_whitespace)
        .map_or(range.end, |end| start + end.max(1));
    crate::text::TextRange::new(start, word)
}

/// One finding on one line: `path:line:column: CODE [name] message`.
fn concise(shown: &str, located: &Located, finding: &Finding) -> String {
    let start = located.position(finding.range.start);
    let bold = Style::new().bold();
    let code_style = severity_style(finding.severity);
    format!(
        "{bold}{}:{}:{}:{bold:#} {code_style}{}{code_style:#} [{}] {}\n",
        untrusted(shown),
        start.line,
        start.column,
        finding.code,
        finding.name,
        untrusted(&finding.message)
    )
}

/// Text from the minutes, a file name or the settings, with control
/// characters that could upset a terminal made harmless: each shown as
/// [`visible`] does, a tab as spaces, and the marks that turn text
/// right-to-left as U+FFFD, as the renderer shows them in the excerpts.
pub(crate) fn untrusted(text: &str) -> String {
    visible(&annotate_snippets::normalize_untrusted_str(text)).into_owned()
}

/// `text` with every control character but the tab made visible, so that a
/// terminal shows it rather than obeys it (ESC [ 2 J clears the screen,
/// ESC ] 0 ; ... BEL retitles the window): a C0 control as its picture
/// (ESC as ␛, a line end as ␊), DEL as ␡, and a C1 control, which has no
/// picture, as `\u{9b}`. Each takes the columns it is shown in.
pub(crate) fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c != '\t' && is_control(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_visible(&mut shown, c);
    }
    std::borrow::Cow::Owned(shown)
}

/// A C0 control, DEL or a C1 control.
fn is_control(c: char) -> bool {
    c <= '\u{1f}' || ('\u{7f}'..='\u{9f}').contains(&c)
}

/// A C1 control: U+0080 to U+009F. Some terminals obey them (U+009B begins
/// a control sequence as ESC [ does), and the renderer passes them through.
fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

fn push_visible(out: &mut String, c: char) {
    match c {
        '\t' => out.push(c),
        '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
        '\u{7f}' => out.push('\u{2421}'),
        c if is_c1(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        c => out.push(c),
    }
}

/// A line of the excerpts (or a fix's before-and-after) with its C1
/// controls made visible, and the byte ranges of its marks (or edits)
/// moved to fall where they did. The renderer shows C0 controls as their
/// pictures itself; C1 controls it would pass to the terminal.
fn c1_visible<'l>(
    line: std::borrow::Cow<'l, str>,
    ranges: Vec<std::ops::Range<usize>>,
) -> (std::borrow::Cow<'l, str>, Vec<std::ops::Range<usize>>) {
    if !line.chars().any(is_c1) {
        return (line, ranges);
    }
    let mut shown = String::with_capacity(line.len() + 8);
    // Where each control was, and how many bytes longer it is when shown.
    let mut grown: Vec<(usize, usize)> = Vec::new();
    for (at, c) in line.char_indices() {
        let before = shown.len();
        if is_c1(c) {
            push_visible(&mut shown, c);
            grown.push((at, shown.len() - before - c.len_utf8()));
        } else {
            shown.push(c);
        }
    }
    let moved = |offset: usize| {
        offset
            + grown
                .iter()
                .take_while(|(at, _)| *at < offset)
                .map(|(_, longer)| longer)
                .sum::<usize>()
    };
    let ranges = ranges
        .into_iter()
        .map(|range| moved(range.start)..moved(range.end))
        .collect();
    (std::borrow::Cow::Owned(shown), ranges)
}

/// How many lines a fix may touch and still be shown as a before-and-after.
const MAX_PREVIEW_LINES: usize = 8;

/// How long a line may be and still be shown whole, before and after a fix.
const MAX_PREVIEW_LINE_BYTES: usize = 400;

/// The lines a fix changes, with its edits as patches, when they are few
/// enough to read at a glance.
/// A fix's line longer than this is previewed around the change only.
const LONGEST_WHOLE_PREVIEW_LINE: usize = 120;

/// How many bytes of the line either side of a change its preview shows.
const PREVIEW_CONTEXT: usize = 40;

fn preview<'a>(located: &'a Located, fix: &'a crate::rules::Fix) -> Option<Snippet<'a, Patch<'a>>> {
    let text = located.text;
    let index = &located.index;
    let fits = |edit: &&crate::rules::Edit| {
        edit.range.start <= edit.range.end
            && edit.range.end <= text.len()
            && text.is_char_boundary(edit.range.start)
            && text.is_char_boundary(edit.range.end)
    };
    if fix.edits.is_empty() || !fix.edits.iter().all(|edit| fits(&edit)) {
        return None;
    }
    let first = fix
        .edits
        .iter()
        .map(|edit| index.line_of(edit.range.start))
        .min()?;
    let last = fix
        .edits
        .iter()
        .map(|edit| index.line_of(edit.range.end))
        .max()?;
    if last - first >= MAX_PREVIEW_LINES {
        return None;
    }
    let start = index.line_start(first);
    let end = if last + 1 < index.line_count() {
        index.line_start(last + 1)
    } else {
        text.len()
    };
    // A diff repeats whole lines, so a fix over several lines of which one
    // is very long (a whole meeting typed as one paragraph) is described,
    // not shown; within one line it is shown around the change (below).
    if first != last
        && (first..=last)
            .any(|line| index.line_end(line) - index.line_start(line) > MAX_PREVIEW_LINE_BYTES)
    {
        return None;
    }
    // A change inside one long line is shown with only the words around
    // it, cut at spaces and marked "…" where cut, not as two copies of the
    // whole line.
    let (start, end, before, after) = if first == last
        && index.line_end(first) - index.line_start(first) > LONGEST_WHOLE_PREVIEW_LINE
    {
        let line_end = index.line_end(first);
        let changed_start = fix.edits.iter().map(|edit| edit.range.start).min()?;
        let changed_end = fix.edits.iter().map(|edit| edit.range.end).max()?;
        let from = crate::text::floor_char_boundary(
            text,
            changed_start.saturating_sub(PREVIEW_CONTEXT).max(start),
        );
        let from = match text[from..changed_start].find(' ') {
            Some(space) if from > start => from + space + 1,
            _ => from,
        };
        let to =
            crate::text::floor_char_boundary(text, (changed_end + PREVIEW_CONTEXT).min(line_end));
        let to = match text[changed_end..to].rfind(' ') {
            Some(space) if to < line_end => changed_end + space,
            _ => to,
        };
        (
            from,
            to,
            if from > start { "…" } else { "" },
            if to < line_end { "…" } else { "" },
        )
    } else {
        (start, end, "", "")
    };
    let source = lone_carriage_returns_as_line_feeds(&text[start..end]);
    let source: std::borrow::Cow<'_, str> = if before.is_empty() && after.is_empty() {
        source
    } else {
        std::borrow::Cow::Owned(format!("{before}{source}{after}"))
    };
    let ranges = fix
        .edits
        .iter()
        .map(|edit| {
            (edit.range.start - start + before.len())..(edit.range.end - start + before.len())
        })
        .collect();
    let (source, ranges) = c1_visible(source, ranges);
    // The new text's C0 controls are shown by the renderer, and its line
    // ends are the fix's own; its C1 controls are made visible here.
    let patches = fix.edits.iter().zip(ranges).map(|(edit, range)| {
        let (new_text, _) = c1_visible(
            std::borrow::Cow::Borrowed(edit.new_text.as_str()),
            Vec::new(),
        );
        Patch::new(range, new_text)
    });
    Some(
        Snippet::source(source)
            .line_start(first + 1)
            .patches(patches),
    )
}

/// A span to underline in the snippet, with its label.
struct Mark<'a> {
    range: crate::text::TextRange,
    kind: AnnotationKind,
    label: Option<&'a str>,
}

/// How many related places are shown under one finding: enough to make
/// the point without burying the next finding.
const MAX_RELATED_SHOWN: usize = 3;

/// How many characters a line may hold and still be shown whole. A longer
/// one (a whole meeting typed as one paragraph, or a page converted to one
/// line) is cut around its marks, so that showing a finding costs what is
/// shown, not what the line holds.
const LONG_LINE_CHARS: usize = 200;

/// How many characters of a cut line are kept either side of a mark.
const CONTEXT_CHARS: usize = 60;

/// How many characters of a mark are kept in a cut line; a longer mark is
/// underlined as far as that and cut there.
const LONG_MARK_CHARS: usize = 80;

/// Stands where a cut line lost text.
const CUT: &str = "…";

/// Wide enough for any cut line, so that the renderer never cuts a line a
/// second time (at 140 columns, with `...`, and hiding marks beyond).
const RENDER_WIDTH: usize = 10_000;

/// The excerpts of the text that hold the marks: each mark on the line it
/// starts on, and only those lines, each cut down when it is long, so that
/// a long document, or a long line, with many findings is rendered in time
/// proportional to what is shown.
fn snippets<'a>(
    shown: &'a str,
    located: &'a Located,
    marks: Vec<Mark<'a>>,
) -> (Vec<Snippet<'a, Annotation<'a>>>, Places) {
    let text = located.text;
    let index = &located.index;
    // Each mark with its line, in text order. A mark that runs on past its
    // line is underlined to the line's end: one line is shown for each place.
    let mut marks: Vec<(usize, Mark)> = marks
        .into_iter()
        .map(|mark| {
            let start = crate::text::floor_char_boundary(text, mark.range.start);
            let line = index.line_of(start);
            let line_end = index.line_end(line);
            let start = start.min(line_end);
            let end = crate::text::floor_char_boundary(text, mark.range.end).clamp(start, line_end);
            let range = crate::text::TextRange::new(start, end);
            (line, Mark { range, ..mark })
        })
        .collect();
    marks.sort_by_key(|(line, mark)| (*line, mark.range.start));
    // Marks on one line, or on lines next to each other, share an excerpt.
    let mut regions: Vec<(usize, Vec<(usize, Mark)>)> = Vec::new();
    for (line, mark) in marks {
        match regions.last_mut() {
            Some((_, region_marks))
                if region_marks
                    .last()
                    .is_some_and(|(last, _)| line <= last + 1) =>
            {
                region_marks.push((line, mark));
            }
            _ => regions.push((line, vec![(line, mark)])),
        }
    }
    let mut excerpts = Vec::new();
    let mut places = Places::default();
    for (number, (first, marks)) in regions.into_iter().enumerate() {
        // The header line already names the file and place of the first
        // excerpt; later ones say where they are, at their first mark.
        let place = (number > 0).then(|| {
            let position = located.position(marks[0].1.range.start);
            format!("{}:{}:{}", untrusted(shown), position.line, position.column)
        });
        let mut source = String::new();
        let mut annotations = Vec::new();
        let mut marks = marks.into_iter().peekable();
        while let Some(&(line, _)) = marks.peek() {
            if line > first {
                source.push('\n');
            }
            let line_start = index.line_start(line);
            let mut on_line = Vec::new();
            while let Some((_, mark)) = marks.next_if(|(next, _)| *next == line) {
                on_line.push(mark);
            }
            let ranges: Vec<std::ops::Range<usize>> = on_line
                .iter()
                .map(|mark| (mark.range.start - line_start)..(mark.range.end - line_start))
                .collect();
            // The line's content only: the line index may end a line where
            // the renderer would not (a lone `\r`), so lines are joined here
            // with the `\n` that both agree on.
            let (cut, ranges) = cut_around(&text[line_start..index.line_end(line)], &ranges);
            let (cut, ranges) = c1_visible(cut, ranges);
            let offset = source.len();
            source.push_str(&cut);
            annotations.extend(on_line.into_iter().zip(ranges).map(|(mark, range)| {
                mark.kind
                    .span((range.start + offset)..(range.end + offset))
                    .label(mark.label)
            }));
        }
        let snippet = Snippet::source(source)
            .line_start(first + 1)
            .fold(true)
            .annotations(annotations);
        excerpts.push(match place {
            None => snippet,
            Some(place) => {
                // The renderer would count the place's column in the cut
                // line, so it is given a stand-in name, replaced afterwards
                // by the place as counted in the file. A private-use
                // character keeps the stand-in apart from any text.
                let stand_in = format!("\u{f8ff}clerk-excerpt-{number}\u{f8ff}");
                places.0.push((stand_in.clone(), place));
                snippet.path(stand_in)
            }
        });
    }
    (excerpts, places)
}

/// Where a finding's later excerpts are: each one's stand-in name, as
/// rendered, and its place in the file.
#[derive(Default)]
struct Places(Vec<(String, String)>);

impl Places {
    /// Puts each later excerpt's place, `path:line:column`, where the
    /// renderer wrote its stand-in name and a place of its own counting.
    fn name_places(&self, rendered: &mut String) {
        for (stand_in, place) in &self.0 {
            let Some(start) = rendered.find(stand_in.as_str()) else {
                continue;
            };
            // The stand-in, then `:line:column` in digits.
            let after = &rendered[start + stand_in.len()..];
            let mut colons = 0;
            let length = after
                .char_indices()
                .find(|&(_, c)| {
                    colons += usize::from(c == ':');
                    !(c == ':' && colons <= 2 || c.is_ascii_digit())
                })
                .map_or(after.len(), |(at, _)| at);
            rendered.replace_range(start..start + stand_in.len() + length, place);
        }
    }
}

/// One line's text as shown, and where its marks (byte ranges within the
/// line, on character boundaries) fall in it: the line itself when it is
/// short, or else only the text around each mark, with [`CUT`] where text
/// was left out. Cuts fall between characters, never inside one.
fn cut_around<'l>(
    line: &'l str,
    marks: &[std::ops::Range<usize>],
) -> (std::borrow::Cow<'l, str>, Vec<std::ops::Range<usize>>) {
    if line.char_indices().nth(LONG_LINE_CHARS).is_none() {
        return (std::borrow::Cow::Borrowed(line), marks.to_vec());
    }
    // What is kept of each mark, and the text kept around it. After a mark
    // that is itself cut, the line is cut at once: text shown after the
    // underline's end would look unmarked when it is not.
    let kept: Vec<std::ops::Range<usize>> = marks
        .iter()
        .map(|mark| mark.start..mark.end.min(chars_after(line, mark.start, LONG_MARK_CHARS)))
        .collect();
    let mut windows: Vec<std::ops::Range<usize>> = marks
        .iter()
        .zip(&kept)
        .map(|(mark, kept)| {
            let end = if kept.end < mark.end {
                kept.end
            } else {
                chars_after(line, kept.end, CONTEXT_CHARS)
            };
            chars_before(line, kept.start, CONTEXT_CHARS)..end
        })
        .collect();
    windows.sort_by_key(|window| window.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for window in windows {
        match merged.last_mut() {
            Some(last) if window.start <= last.end => last.end = last.end.max(window.end),
            _ => merged.push(window),
        }
    }
    // Each window with where its text begins in the cut line.
    let mut cut = String::new();
    let mut placed = Vec::new();
    for window in merged {
        if window.start > 0 {
            cut.push_str(CUT);
        }
        placed.push((window.clone(), cut.len()));
        cut.push_str(&line[window]);
    }
    if placed
        .last()
        .is_some_and(|(window, _)| window.end < line.len())
    {
        cut.push_str(CUT);
    }
    let ranges = kept
        .into_iter()
        .map(|kept| {
            let (window, at) = placed
                .iter()
                .find(|(window, _)| window.start <= kept.start && kept.end <= window.end)
                .expect("every mark lies in its own window");
            (kept.start - window.start + at)..(kept.end - window.start + at)
        })
        .collect();
    (std::borrow::Cow::Owned(cut), ranges)
}

/// The offset `count` characters after `at` in `text`, or its end.
fn chars_after(text: &str, at: usize, count: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(count)
        .map_or(text.len(), |(offset, _)| at + offset)
}

/// The offset `count` characters before `at` in `text`, or its start.
fn chars_before(text: &str, at: usize, count: usize) -> usize {
    match count.checked_sub(1) {
        None => at,
        Some(last) => text[..at]
            .char_indices()
            .rev()
            .nth(last)
            .map_or(0, |(offset, _)| offset),
    }
}

fn lone_carriage_returns_as_line_feeds(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |at: usize| bytes[at] == b'\r' && bytes.get(at + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return std::borrow::Cow::Borrowed(text);
    }
    let swapped: Vec<u8> = (0..bytes.len())
        .map(|at| if lone(at) { b'\n' } else { bytes[at] })
        .collect();
    // Only ASCII bytes changed, so the text is still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(swapped).unwrap_or_else(|_| text.to_owned()))
}

/// The closing lines, in a clerk's words.
fn summary(tally: &Tally) -> String {
    let mut lines = Vec::new();
    if tally.fixed > 0 {
        lines.push(format!(
            "Fixed {} in {}.",
            count(tally.fixed, "problem"),
            count(tally.files_fixed, "file")
        ));
    }
    if tally.problems > 0 {
        let mut fixable = Vec::new();
        if tally.fixable_safe > 0 {
            fixable.push(format!("{} fixable with --fix", tally.fixable_safe));
        }
        if tally.fixable_unsafe > 0 {
            let more = if tally.fixable_safe > 0 {
                " more"
            } else {
                " fixable"
            };
            fixable.push(format!(
                "{}{more} with --unsafe-fixes",
                tally.fixable_unsafe
            ));
        }
        let fixable = if fixable.is_empty() {
            String::new()
        } else {
            format!(" ({})", fixable.join(", "))
        };
        lines.push(format!(
            "Found {} in {}{fixable}.",
            count(tally.problems, "problem"),
            count(tally.files_with_problems, "file")
        ));
    } else if tally.files_checked == 0 && tally.unchecked == 0 {
        lines.push("No minutes files found to check.".to_owned());
    } else if tally.files_checked > 0 {
        let all = if tally.unchecked == 0 {
            "All checked: n"
        } else {
            "N"
        };
        lines.push(format!(
            "{all}o problems found in {}.",
            count(tally.files_checked, "file")
        ));
    }
    if tally.unchecked > 0 {
        lines.push(format!(
            "{} could not be checked.",
            count(tally.unchecked, "file")
        ));
    }
    if tally.not_minutes > 0 {
        let (does, them) = if tally.not_minutes == 1 {
            ("does", "it")
        } else {
            ("do", "them")
        };
        lines.push(format!(
            "Skipped {} that {does} not read as minutes; use --all-files to check {them}.",
            count(tally.not_minutes, "file")
        ));
    }
    if tally.broken_settings > 0 {
        let one = tally.broken_settings == 1;
        let (has, its) = if one {
            ("has", "its")
        } else {
            ("have", "their")
        };
        let mistakes = if tally.settings_mistakes <= 1 {
            "a mistake".to_owned()
        } else {
            count(tally.settings_mistakes, "mistake")
        };
        let used = if tally.settings_unread == 0 {
            format!("the rest of {its} settings")
        } else if tally.settings_unread == tally.broken_settings {
            "the default settings".to_owned()
        } else {
            "what could be read of their settings, or the defaults".to_owned()
        };
        lines.push(format!(
            "{} {has} {mistakes}; {its} files were checked with {used}.",
            count(tally.broken_settings, "settings file")
        ));
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn count(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),

        _ => format!("{n} {noun}s"),
    }
}

/// One finding as a GitHub workflow command.
fn github(shown: &str, located: &Located, finding: &Finding) -> String {
    let span = located.span(finding.range);
    let command = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    github_command(
        command,
        shown,
        Some((span.start.line, span.start.column)),
        Some((span.end.line, span.end.column)),
        &format!("{} {}", finding.code, finding.name),
        &finding.message,
    )
}

fn github_command(
    command: &str,
    file: &str,
    start: Option<(u32, u32)>,
    end: Option<(u32, u32)>,
    title: &str,
    message: &str,
) -> String {
    let mut properties = vec![format!("file={}", escape_property(file))];
    if let Some((line, column)) = start {
        properties.push(format!("line={line}"));
        properties.push(format!("col={column}"));
    }
    if let Some((line, column)) = end {
        properties.push(format!("endLine={line}"));
        properties.push(format!("endColumn={column}"));
    }
    properties.push(format!("title={}", escape_property(title)));
    format!(
        "::{command} {}::{}\n",
        properties.join(","),
        escape_data(message)
    )
}

/// GitHub's escaping for a command's message. GitHub decodes only `%25`,
/// `%0D` and `%0A`; any other control character would reach the log as it
/// is, where ESC sequences are obeyed, so it is made [`visible`].
fn escape_data(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => escaped.push_str("%25"),
            '\r' => escaped.push_str("%0D"),
            '\n' => escaped.push_str("%0A"),
            c => push_visible(&mut escaped, c),
        }
    }
    escaped
}

/// GitHub's escaping for a command's properties, which also end at `,` and `:`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The public JSON form of a finding; its shape is a contract.
#[derive(Serialize)]
struct JsonFinding {
    path: String,
    code: &'static str,
    name: &'static str,
    severity: Severity,
    message: String,
    range: Span,
    related: Vec<JsonRelated>,
    fix: Option<JsonFix>,
    /// Other readings beside `fix`, for a person to choose among; left out
    /// when there are none, as for most findings.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    alternatives: Vec<JsonFix>,
}

#[derive(Serialize)]
struct JsonRelated {
    message: String,
    range: Span,
}

#[derive(Serialize)]
struct JsonFix {
    title: String,
    applicability: Applicability,
    edits: Vec<JsonEdit>,
}

#[derive(Serialize)]
struct JsonEdit {
    range: Span,
    new_text: String,
}

impl JsonFinding {
    fn new(shown: &str, located: &Located, finding: &Finding) -> JsonFinding {
        JsonFinding {
            path: shown.to_owned(),
            code: finding.code,
            name: finding.name,
            severity: finding.severity,
            message: finding.message.clone(),
            range: located.span(finding.range),
            related: finding
                .related
                .iter()
                .map(|related| JsonRelated {
                    message: related.message.clone(),
                    range: located.span(related.range),
                })
                .collect(),
            fix: finding.fix.as_ref().map(|fix| JsonFix::new(located, fix)),
            alternatives: finding
                .alternatives
                .iter()
                .map(|fix| JsonFix::new(located, fix))
                .collect(),
        }
    }
}

impl JsonFix {
    fn new(located: &Located, fix: &crate::rules::Fix) -> JsonFix {
        JsonFix {
            title: fix.title.clone(),
            applicability: fix.applicability,
            edits: fix
                .edits
                .iter()
                .map(|edit| JsonEdit {
                    range: located.span(edit.range),
                    new_text: edit.new_text.clone(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::single_range_in_vec_init,
    reason = "a list of one mark's range is what the cutting tests mean"
)]
mod tests {
    use super::*;
    use crate::rules::{Edit, Fix, Related};
    use crate::text::TextRange;

    /// A finding made by hand, so the rendering is tested whatever the checks find.
    fn sample(text: &str) -> Finding {
        let at = |needle: &str| {
            let start = text.find(needle).unwrap();
            TextRange::new(start, start + needle.len())
        };
        let second = text.rfind("DfE").unwrap();
        Finding {
            code: "A001",
            name: "undefined-abbreviation",
            severity: Severity::Warning,
            message: "DfE (Department for Education) is used but never spelled out".into(),
            range: at("DfE"),
            related: vec![Related {
                message: "also used here".into(),
                range: TextRange::new(second, second + 3),
            }],
            fix: Some(Fix {
                title: "Spell out DfE at its first use".into(),
                applicability: Applicability::Safe,
                edits: vec![Edit::replace(at("DfE"), "Department for Education (DfE)")],
            }),
            alternatives: Vec::new(),
        }
    }

    const SAMPLE: &str = "Minutes\n\n2. Budget\nMr Patel said the DfE grant, for the café, was late.\nThe DfE agreed.\n";

    #[test]
    fn human_shows_the_line_the_span_the_related_place_and_the_fix() {
        let located = Located::new(SAMPLE);
        let rendered = human("minutes/2024-03.txt", &located, &sample(SAMPLE));
        let plain = anstream::adapter::strip_str(&rendered).to_string();
        insta::assert_snapshot!(plain);
    }

    #[test]
    fn far_related_places_get_their_own_excerpts_and_only_three_are_shown() {
        let mut text = String::from("The DfE wrote.\n");
        for line in 2..=50 {
            text.push_str(if line % 10 == 0 {
                "Again the DfE.\n"
            } else {
                "Nothing here.\n"
            });
        }
        let uses: Vec<TextRange> = text
            .match_indices("DfE")
            .map(|(at, _)| TextRange::new(at, at + 3))
            .collect();
        let finding = finding_at(uses[0], &uses[1..]);
        let rendered = human("m.txt", &Located::new(&text), &finding);
        insta::assert_snapshot!(anstream::adapter::strip_str(&rendered).to_string());
    }

    #[test]
    fn a_fix_in_a_very_long_line_is_shown_around_the_change() {
        let text = format!("Minutes\n{} the DfE wrote.\n", "word ".repeat(200));
        let rendered = human("m.txt", &Located::new(&text), &sample(&text));
        let plain = anstream::adapter::strip_str(&rendered).to_string();
        assert!(
            plain.contains("2 - …word word word word word word  the DfE wrote.\n"),
            "{plain}"
        );
        assert!(
            plain.contains(
                "2 + …word word word word word word  the Department for Education (DfE) wrote.\n"
            ),
            "{plain}"
        );
    }

    #[test]
    fn a_fix_over_lines_of_which_one_is_very_long_is_described_not_shown() {
        let text = format!("Minutes\n{}\nthe DfE wrote.\n", "word ".repeat(200));
        let mut finding = sample(&text);
        let first = text.find("word").unwrap();
        let fix = finding.fix.as_mut().unwrap();
        fix.edits.push(crate::rules::Edit::replace(
            crate::text::TextRange::new(first, first + 4),
            "Word",
        ));
        fix.edits.sort_by_key(|edit| edit.range);
        let rendered = human("m.txt", &Located::new(&text), &finding);
        let plain = anstream::adapter::strip_str(&rendered).to_string();
        assert!(
            plain.contains("= help: fix available: Spell out DfE at its first use (run with --fix to apply it)"),
            "{plain}"
        );
        assert!(
            !plain.contains("Department for Education (DfE) wrote"),
            "{plain}"
        );
    }

    #[test]
    fn control_characters_in_the_minutes_do_not_reach_the_terminal() {
        let text = "the DfE\u{1b}[2J wrote\n";
        let mut finding = sample(text);
        finding.message = "DfE\u{1b}[2J is odd".into();
        let rendered = human("m\u{7}.txt", &Located::new(text), &finding);
        // The styling's own escapes are stripped; the minutes' ones must
        // have been made visible before that.
        let plain = anstream::adapter::strip_str(&rendered).to_string();
        assert!(
            plain.starts_with("m␇.txt:1:5: A001 [undefined-abbreviation] DfE␛[2J is odd\n"),
            "{plain:?}"
        );
        assert!(plain.contains("the DfE␛[2J wrote"), "{plain:?}");
    }

    #[test]
    fn c1_controls_and_line_ends_are_shown_too_and_marks_move_with_them() {
        assert_eq!(visible("a\u{9b}31m\nb\tc\u{7f}"), "a\\u{9b}31m␊b\tc␡");
        assert_eq!(untrusted("x\u{1b}]0;t\u{7}\u{85}"), "x␛]0;t␇\\u{85}");
        let line = "a\u{9b}b\u{80}\u{80}DfE";
        let at = line.find("DfE").unwrap();
        let (shown, ranges) = c1_visible(std::borrow::Cow::Borrowed(line), vec![at..at + 3, 0..1]);
        assert_eq!(shown, "a\\u{9b}b\\u{80}\\u{80}DfE");
        assert_eq!(&shown[ranges[0].clone()], "DfE");
        assert_eq!(&shown[ranges[1].clone()], "a");
    }

    #[test]
    fn c1_controls_in_the_minutes_do_not_reach_the_terminal_and_carets_stay_put() {
        let text = "the \u{9b}2J\u{9b}DfE wrote\n";
        let mut finding = sample(text);
        finding.related.clear();
        finding.fix = None;
        let plain = anstream::adapter::strip_str(&human("m.txt", &Located::new(text), &finding))
            .to_string();
        assert!(!plain.contains('\u{9b}'), "{plain:?}");
        assert!(
            plain.contains("1 | the \\u{9b}2J\\u{9b}DfE wrote\n"),
            "{plain}"
        );
        assert_eq!(underlined(&plain), ["DfE"], "{plain}");
    }

    #[test]
    fn json_follows_the_contract() {
        let located = Located::new(SAMPLE);
        let json = serde_json::to_value(JsonFinding::new(
            "minutes/2024-03.txt",
            &located,
            &sample(SAMPLE),
        ))
        .unwrap();
        let offset = SAMPLE.find("DfE").unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "path": "minutes/2024-03.txt",
                "code": "A001",
                "name": "undefined-abbreviation",
                "severity": "warning",
                "message": "DfE (Department for Education) is used but never spelled out",
                "range": {"start": {"line": 4, "column": 19, "offset": offset},
                          "end": {"line": 4, "column": 22, "offset": offset + 3}},
                "related": [{"message": "also used here",
                             "range": {"start": {"line": 5, "column": 5, "offset": SAMPLE.rfind("DfE").unwrap()},
                                       "end": {"line": 5, "column": 8, "offset": SAMPLE.rfind("DfE").unwrap() + 3}}}],
                "fix": {"title": "Spell out DfE at its first use", "applicability": "safe",
                        "edits": [{"range": {"start": {"line": 4, "column": 19, "offset": offset},
                                             "end": {"line": 4, "column": 22, "offset": offset + 3}},
                                   "new_text": "Department for Education (DfE)"}]}
            })
        );
    }

    #[test]
    fn github_counts_columns_in_characters() {
        let text = "Caf\u{e9} DfE\n";
        let mut finding = sample("DfE DfE");
        finding.range = TextRange::new(6, 9);
        finding.related.clear();
        let line = github("m.txt", &Located::new(text), &finding);
        assert_eq!(
            line,
            "::warning file=m.txt,line=1,col=6,endLine=1,endColumn=9,title=A001 undefined-abbreviation::DfE (Department for Education) is used but never spelled out\n"
        );
    }

    #[test]
    fn lone_carriage_returns_end_lines_in_the_snippet_too() {
        let text = "Minutes\rthe DfE\r\nnext";
        let located = Located::new(text);
        let mut finding = sample("DfE DfE");
        finding.range = TextRange::new(12, 15);
        finding.related.clear();
        finding.fix = None;
        let rendered =
            anstream::adapter::strip_str(&human("m.txt", &located, &finding)).to_string();
        assert!(rendered.starts_with("m.txt:2:5: A001"), "{rendered}");
        assert!(rendered.contains("2 | the DfE\n"), "{rendered}");
        assert_eq!(
            lone_carriage_returns_as_line_feeds("a\r\nb\rc"),
            "a\r\nb\nc"
        );
    }

    /// The text under each run of `^` in a plain rendering, read off the
    /// source line above it column by column (an emoji takes two).
    fn underlined(plain: &str) -> Vec<String> {
        let lines: Vec<&str> = plain.lines().collect();
        let mut runs = Vec::new();
        for pair in lines.windows(2) {
            let (source, marks) = (pair[0], pair[1]);
            let (Some(bar), true) = (source.find(" | "), marks.contains('^')) else {
                continue;
            };
            let mut columns = Vec::new();
            for c in source[bar + 3..].chars() {
                let width = if c >= '\u{1f300}' { 2 } else { 1 };
                columns.extend(
                    std::iter::repeat_n(Some(c), 1).chain(std::iter::repeat_n(None, width - 1)),
                );
            }
            let mut run = String::new();
            for (column, mark) in marks.get(bar + 3..).unwrap_or("").chars().enumerate() {
                if mark == '^' {
                    run.extend(columns.get(column).copied().flatten());
                } else if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
            if !run.is_empty() {
                runs.push(run);
            }
        }
        runs
    }

    /// A finding at `range`, with `related` places and no fix.
    fn finding_at(range: TextRange, related: &[TextRange]) -> Finding {
        let mut finding = sample("DfE DfE");
        finding.range = range;
        finding.related = related
            .iter()
            .map(|&range| Related {
                message: "used here too".into(),
                range,
            })
            .collect();
        finding.fix = None;
        finding
    }

    #[test]
    fn a_long_line_is_cut_around_a_finding_near_its_start_middle_and_end() {
        let filler = "the committee noted the report. ".repeat(100);
        let text = format!("DfE {filler}DfE {filler}DfE");
        let located = Located::new(&text);
        let uses: Vec<TextRange> = text
            .match_indices("DfE")
            .map(|(at, _)| TextRange::new(at, at + 3))
            .collect();
        for (place, &range) in ["start", "middle", "end"].iter().zip(&uses) {
            let finding = finding_at(range, &[]);
            let plain =
                anstream::adapter::strip_str(&human("m.txt", &located, &finding)).to_string();
            assert_eq!(underlined(&plain), ["DfE"], "{place}: {plain}");
            assert!(plain.len() < 600, "{place}: {plain}");
            let column = located.position(range.start).column;
            assert!(
                plain.starts_with(&format!("m.txt:1:{column}: A001")),
                "{place}: {plain}"
            );
            let source = plain.lines().find(|line| line.starts_with("1 | ")).unwrap();
            // Cut where text was left out, and only there.
            assert_eq!(
                source.starts_with("1 | …"),
                *place != "start",
                "{place}: {source}"
            );
            assert_eq!(source.ends_with('…'), *place != "end", "{place}: {source}");
        }
    }

    #[test]
    fn a_later_excerpt_in_a_cut_line_is_named_by_its_place_in_the_file() {
        let filler = "the committee noted the report. ".repeat(20);
        let text = format!("{filler}DfE\n\n{filler}DfE {filler}\n");
        let located = Located::new(&text);
        let first = text.find("DfE").unwrap();
        let second = text.rfind("DfE").unwrap();
        let finding = finding_at(
            TextRange::new(first, first + 3),
            &[TextRange::new(second, second + 3)],
        );
        let plain = anstream::adapter::strip_str(&human("m.txt", &located, &finding)).to_string();
        let column = located.position(second).column;
        assert!(
            plain.contains(&format!("::: m.txt:3:{column}\n")),
            "{plain}"
        );
        assert!(!plain.contains("clerk-excerpt"), "{plain}");
    }

    #[test]
    fn cuts_fall_between_characters_however_wide() {
        // Every character around the word is two, three or four bytes, so a
        // cut by bytes would split one.
        for filler in ["é", "😀", "é😀x"] {
            let side = filler.repeat(150);
            let text = format!("{side}DfE{side}");
            let word = side.len();
            let (cut, ranges) = cut_around(&text, &[word..word + 3]);
            assert_eq!(&cut[ranges[0].clone()], "DfE", "{cut}");
            assert!(cut.starts_with(CUT) && cut.ends_with(CUT), "{cut}");
            let kept = cut.trim_matches('…');
            assert!(text.contains(kept), "{cut}");
            assert!(kept.chars().count() <= 2 * CONTEXT_CHARS + 3, "{cut}");
            let finding = finding_at(TextRange::new(word, word + 3), &[]);
            let plain =
                anstream::adapter::strip_str(&human("m.txt", &Located::new(&text), &finding))
                    .to_string();
            assert_eq!(underlined(&plain), ["DfE"], "{plain}");
        }
    }

    #[test]
    fn a_long_mark_in_a_long_line_is_underlined_as_far_as_its_cut() {
        let text = format!(
            "{}{}{}",
            "a ".repeat(200),
            "B".repeat(500),
            " c".repeat(200)
        );
        let start = 400;
        let (cut, ranges) = cut_around(&text, &[start..start + 500]);
        assert_eq!(&cut[ranges[0].clone()], "B".repeat(LONG_MARK_CHARS));
        assert!(
            cut.ends_with(&format!("{}…", "B".repeat(LONG_MARK_CHARS))),
            "{cut}"
        );
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let line = "x".repeat(LONG_LINE_CHARS);
        let (cut, ranges) = cut_around(&line, &[3..5]);
        assert_eq!(cut, line);
        assert_eq!(ranges, [3..5]);
    }

    #[test]
    fn a_five_megabyte_line_with_hundreds_of_findings_is_shown_in_small_pieces() {
        // A whole year of meetings pasted as one line, the DfE in it every
        // 16 KB or so: each finding is shown by a few hundred bytes of the line.
        let unit = "Ms Tina Marsh, Head of Finance, presented the report on the café. ";
        let mut text = String::new();
        while text.len() < 5_000_000 {
            for _ in 0..250 {
                text.push_str(unit);
            }
            text.push_str("The DfE 😀 wrote. ");
        }
        let located = Located::new(&text);
        let uses: Vec<TextRange> = text
            .match_indices("DfE")
            .map(|(at, _)| TextRange::new(at, at + 3))
            .collect();
        assert!(uses.len() > 200, "{}", uses.len());
        let mut total_bytes = 0;
        for (n, &range) in uses.iter().enumerate() {
            // Each use a finding, its neighbours (near and far) related.
            let related: Vec<TextRange> = uses
                .iter()
                .skip(n + 1)
                .step_by(37)
                .take(5)
                .copied()
                .collect();
            let finding = finding_at(range, &related);
            let rendered = human("m.txt", &located, &finding);
            assert!(
                rendered.len() < 4_000,
                "finding {n}: {} bytes",
                rendered.len()
            );
            total_bytes += rendered.len();
            let plain = anstream::adapter::strip_str(&rendered).to_string();
            assert_eq!(underlined(&plain), ["DfE"], "finding {n}: {plain}");
            let column = located.position(range.start).column;
            assert!(plain.starts_with(&format!("m.txt:1:{column}: ")), "{plain}");
            // The related places shown share the line, and so its excerpt.
            let shown = related.len().min(MAX_RELATED_SHOWN);
            assert_eq!(plain.matches("--- used here too").count(), shown, "{plain}");
            if related.len() > MAX_RELATED_SHOWN {
                let hidden = related.len() - MAX_RELATED_SHOWN;
                assert!(
                    plain.contains(&format!("= note: and {hidden} more related place")),
                    "{plain}"
                );
            }
        }
        assert!(total_bytes < uses.len() * 4_000);
    }

    #[test]
    fn github_escapes_follow_the_workflow_rules() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(
            escape_data("a\u{1b}[2J\u{7}\u{9b}b\tc"),
            "a␛[2J␇\\u{9b}b\tc"
        );
        assert_eq!(escape_property("x\u{1b},y"), "x␛%2Cy");
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
        let line = github_command(
            "warning",
            "x,y:z.txt",
            Some((2, 3)),
            Some((2, 6)),
            "A001 name",
            "m\nn",
        );
        assert_eq!(
            line,
            "::warning file=x%2Cy%3Az.txt,line=2,col=3,endLine=2,endColumn=6,title=A001 name::m%0An\n"
        );
    }

    #[test]
    fn summaries_speak_plainly() {
        let mut tally = Tally {
            files_checked: 3,
            ..Tally::default()
        };
        assert_eq!(
            summary(&tally),
            "All checked: no problems found in 3 files.\n"
        );
        tally.problems = 3;
        tally.files_with_problems = 2;
        tally.fixable_safe = 1;
        assert_eq!(
            summary(&tally),
            "Found 3 problems in 2 files (1 fixable with --fix).\n"
        );
        tally.fixable_unsafe = 1;
        assert_eq!(
            summary(&tally),
            "Found 3 problems in 2 files (1 fixable with --fix, 1 more with --unsafe-fixes).\n"
        );
        let tally = Tally {
            files_checked: 1,
            problems: 1,
            files_with_problems: 1,
            unchecked: 1,
            ..Tally::default()
        };
        assert_eq!(
            summary(&tally),
            "Found 1 problem in 1 file.\n1 file could not be checked.\n"
        );
        let mut tally = Tally {
            files_checked: 2,
            broken_settings: 1,
            settings_mistakes: 1,
            settings_unread: 1,
            ..Tally::default()
        };
        assert_eq!(
            summary(&tally),
            "All checked: no problems found in 2 files.\n\
             1 settings file has a mistake; its files were checked with the default settings.\n"
        );
        tally.settings_mistakes = 3;
        tally.settings_unread = 0;
        assert_eq!(
            summary(&tally).lines().last(),
            Some("1 settings file has 3 mistakes; its files were checked with the rest of its settings.")
        );
        tally.broken_settings = 2;
        tally.settings_mistakes = 4;
        assert_eq!(
            summary(&tally).lines().last(),
            Some("2 settings files have 4 mistakes; their files were checked with the rest of their settings.")
        );
        let tally = Tally {
            unchecked: 1,
            ..Tally::default()
        };
        assert_eq!(summary(&tally), "1 file could not be checked.\n");
    }
}
