//! `clerk index`, `clerk people`, `clerk decisions`, `clerk actions` and
//! `clerk attendance`: what a folder's minutes hold, put in order, as
//! Markdown (ready to go into a report as an appendix), CSV (for a
//! spreadsheet) or JSON (for a program).

use super::folder::{read, ReadFolder};
use super::output::{error_line, untrusted};
use super::{Outcome, RegisterArgs, RegisterFormat};
use crate::folder::registers::{
    abbreviation_index, actions_register, attendance_register, decisions_register, index_markdown,
    people_register, ActionEntry, AttendanceEntry, DecisionEntry, IndexEntry, Minutes, PersonEntry,
    Source,
};
use std::io::Write;

/// Which register a command writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Register {
    Index,
    People,
    Decisions,
    Actions,
    Attendance,
}

pub(crate) fn run(register: Register, args: &RegisterArgs) -> Outcome {
    let ReadFolder {
        folder,
        config,
        failed,
    } = read(&args.paths, args.all_files);
    let rendered = match register {
        Register::Index => {
            let index = abbreviation_index(&folder, &config);
            match args.format {
                RegisterFormat::Markdown => index_markdown(&index, &folder, &untrusted),
                RegisterFormat::Csv => index_csv(&index),
                RegisterFormat::Json => json(&index),
            }
        }
        Register::People => {
            let people = people_register(&folder);
            match args.format {
                RegisterFormat::Markdown => people_markdown(&people),
                RegisterFormat::Csv => people_csv(&people),
                RegisterFormat::Json => json(&people),
            }
        }
        Register::Decisions => {
            let decisions = decisions_register(&folder);
            match args.format {
                RegisterFormat::Markdown => decisions_markdown(&decisions),
                RegisterFormat::Csv => decisions_csv(&decisions),
                RegisterFormat::Json => json(&decisions),
            }
        }
        Register::Actions => {
            let actions = actions_register(&folder);
            match args.format {
                RegisterFormat::Markdown => actions_markdown(&actions),
                RegisterFormat::Csv => actions_csv(&actions),
                RegisterFormat::Json => json(&actions),
            }
        }
        Register::Attendance => {
            let members = attendance_register(&folder);
            match args.format {
                RegisterFormat::Markdown => attendance_markdown(&members),
                RegisterFormat::Csv => attendance_csv(&members),
                RegisterFormat::Json => json(&members),
            }
        }
    };
    let written = match &args.output_file {
        Some(path) => super::check::write_report(path, rendered.as_bytes()).map_err(|error| {
            format!(
                "{}: the register could not be written: {}",
                path.display(),
                super::files::plain_io_error(&error)
            )
        }),
        None => {
            let mut stdout = std::io::stdout();
            // A reader that stops reading (| head) is no failure of ours.
            let _ = stdout.write_all(rendered.as_bytes());
            let _ = stdout.flush();
            Ok(())
        }
    };
    if let Err(message) = written {
        anstream::eprintln!("{}", error_line(&message));
        return Outcome::Failed;
    }
    if failed {
        Outcome::Failed
    } else {
        Outcome::Clean
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    let mut json = serde_json::to_string_pretty(value).unwrap_or_else(|_| "[]".to_owned());
    json.push('\n');
    json
}

/// A cell of a Markdown table: on one line, with its bars escaped and
/// control characters shown rather than sent to the terminal.
fn cell(text: &str) -> String {
    untrusted(text).replace('|', "\\|")
}

/// A field of a CSV file, quoted when it must be (RFC 4180).
fn field(text: &str) -> String {
    let text = untrusted(text);
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn csv_line(fields: &[&str]) -> String {
    let mut line = fields
        .iter()
        .map(|text| field(text))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// One row per place: where each way of spelling out an abbreviation is
/// first found, where the glossary or the dictionary gives it, and each set
/// of minutes that uses it without spelling it out.
fn index_csv(index: &[IndexEntry]) -> String {
    let mut out = csv_line(&[
        "abbreviation",
        "expansion",
        "source",
        "file",
        "line",
        "date",
        "what",
    ]);
    for entry in index {
        for expansion in &entry.expansions {
            let (source, what) = match expansion.source {
                Source::Minutes => ("minutes", "first spelled out"),
                Source::Glossary => ("glossary", "in the glossary"),
                Source::Dictionary => ("dictionary", "in clerk's dictionary"),
            };
            let (file, line, date) = place_fields(expansion.first_spelled_out.as_ref());
            out.push_str(&csv_line(&[
                &entry.abbreviation,
                &expansion.expansion,
                source,
                &file,
                &line,
                &date,
                what,
            ]));
        }
        for minutes in &entry.used_without_spelling_out {
            let (file, line, date) = place_fields(Some(minutes));
            out.push_str(&csv_line(&[
                &entry.abbreviation,
                "",
                "",
                &file,
                &line,
                &date,
                "used without being spelled out",
            ]));
        }
    }
    out
}

fn place_fields(minutes: Option<&Minutes>) -> (String, String, String) {
    minutes.map_or_else(Default::default, |minutes| {
        (
            minutes.file.clone(),
            minutes.line.to_string(),
            minutes.date.map(|date| date.iso()).unwrap_or_default(),
        )
    })
}

/// The meeting a register row points at: its date, else its file.
fn meeting_cell(minutes: &Minutes) -> String {
    minutes
        .date
        .map_or_else(|| minutes.file.clone(), |date| date.written())
}

fn people_markdown(people: &[PersonEntry]) -> String {
    let mut out = format!(
        "# People\n\n{} people named in the minutes.\n\n",
        people.len()
    );
    if people.is_empty() {
        return out;
    }
    out.push_str("| Person | Written as | Roles | First named | Minutes |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for person in people {
        let forms: Vec<String> = person
            .forms
            .iter()
            .map(|form| format!("{} ({}×)", form.form, form.count))
            .collect();
        let roles: Vec<String> = person
            .roles
            .iter()
            .map(|held| {
                let (first, last) = (meeting_cell(&held.first), meeting_cell(&held.last));
                if first == last {
                    format!("{} ({first})", held.role)
                } else {
                    format!("{} ({first} to {last})", held.role)
                }
            })
            .collect();
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            cell(&person.name),
            cell(&forms.join("; ")),
            cell(&roles.join("; ")),
            cell(&person.first_named.called()),
            person.minutes
        ));
    }
    out
}

fn people_csv(people: &[PersonEntry]) -> String {
    let mut out = csv_line(&[
        "person",
        "written as",
        "roles",
        "first named in",
        "line",
        "date",
        "minutes",
    ]);
    for person in people {
        let forms: Vec<String> = person
            .forms
            .iter()
            .map(|form| format!("{} ({})", form.form, form.count))
            .collect();
        let roles: Vec<String> = person
            .roles
            .iter()
            .map(|held| {
                let date = |minutes: &Minutes| minutes.date.map(|d| d.iso()).unwrap_or_default();
                format!(
                    "{} ({} to {})",
                    held.role,
                    date(&held.first),
                    date(&held.last)
                )
            })
            .collect();
        let (file, line, date) = place_fields(Some(&person.first_named));
        out.push_str(&csv_line(&[
            &person.name,
            &forms.join("; "),
            &roles.join("; "),
            &file,
            &line,
            &date,
            &person.minutes.to_string(),
        ]));
    }
    out
}

fn decisions_markdown(decisions: &[DecisionEntry]) -> String {
    let mut out = format!("# Decisions\n\n{} resolutions.\n\n", decisions.len());
    if decisions.is_empty() {
        return out;
    }
    out.push_str("| Meeting | Body | Minute | Resolution | Where |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for decision in decisions {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {}, line {} |\n",
            cell(&meeting_cell(&decision.minutes)),
            cell(decision.body.as_deref().unwrap_or("")),
            cell(decision.minute.as_deref().unwrap_or("")),
            cell(&decision.first_words),
            cell(&decision.minutes.file),
            decision.minutes.line
        ));
    }
    out
}

fn decisions_csv(decisions: &[DecisionEntry]) -> String {
    let mut out = csv_line(&["date", "body", "minute", "resolution", "file", "line"]);
    for decision in decisions {
        let (file, line, date) = place_fields(Some(&decision.minutes));
        out.push_str(&csv_line(&[
            &date,
            decision.body.as_deref().unwrap_or(""),
            decision.minute.as_deref().unwrap_or(""),
            &decision.first_words,
            &file,
            &line,
        ]));
    }
    out
}

fn actions_markdown(actions: &[ActionEntry]) -> String {
    let mut out = format!("# Actions\n\n{} actions.\n\n", actions.len());
    if actions.is_empty() {
        return out;
    }
    out.push_str("| Meeting | Minute | Who | Action | By | Where | Reported done |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
    for action in actions {
        let done = action.done.as_ref().map_or(String::new(), |done| {
            format!("{}, line {}", done.called(), done.line)
        });
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {}, line {} | {} |\n",
            cell(&meeting_cell(&action.minutes)),
            cell(action.minute.as_deref().unwrap_or("")),
            cell(&action.owner),
            cell(&action.action),
            cell(action.by_when.as_deref().unwrap_or("")),
            cell(&action.minutes.file),
            action.minutes.line,
            cell(&done)
        ));
    }
    out
}

fn actions_csv(actions: &[ActionEntry]) -> String {
    let mut out = csv_line(&[
        "date",
        "minute",
        "who",
        "action",
        "by",
        "file",
        "line",
        "done_date",
        "done_file",
        "done_line",
    ]);
    for action in actions {
        let (file, line, date) = place_fields(Some(&action.minutes));
        let (done_file, done_line, done_date) = place_fields(action.done.as_ref());
        out.push_str(&csv_line(&[
            &date,
            action.minute.as_deref().unwrap_or(""),
            &action.owner,
            &action.action,
            action.by_when.as_deref().unwrap_or(""),
            &file,
            &line,
            &done_date,
            &done_file,
            &done_line,
        ]));
    }
    out
}

/// Each member's totals, then each meeting that names them.
fn attendance_markdown(members: &[AttendanceEntry]) -> String {
    let meetings: usize = members.iter().map(|member| member.meetings.len()).sum();
    let mut out = format!(
        "# Attendance\n\n{} people in the attendance lists of the minutes, {meetings} entries in all.\n\n",
        members.len()
    );
    if members.is_empty() {
        return out;
    }
    out.push_str("| Member | Present | Apologies | Absent | In attendance |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for member in members {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            cell(&member.name),
            member.present,
            member.apologies,
            member.absent,
            member.in_attendance
        ));
    }
    out.push_str("\n## Each meeting\n\n| Member | Meeting | Body | Attendance | Where |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for member in members {
        for meeting in &member.meetings {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {}, line {} |\n",
                cell(&member.name),
                cell(&meeting_cell(&meeting.minutes)),
                cell(meeting.body.as_deref().unwrap_or("")),
                meeting.attendance.as_str(),
                cell(&meeting.minutes.file),
                meeting.minutes.line
            ));
        }
    }
    out
}

/// One row per member per meeting.
fn attendance_csv(members: &[AttendanceEntry]) -> String {
    let mut out = csv_line(&["member", "date", "body", "attendance", "file", "line"]);
    for member in members {
        for meeting in &member.meetings {
            let (file, line, date) = place_fields(Some(&meeting.minutes));
            out.push_str(&csv_line(&[
                &member.name,
                &date,
                meeting.body.as_deref().unwrap_or(""),
                meeting.attendance.as_str(),
                &file,
                &line,
            ]));
        }
    }
    out
}
