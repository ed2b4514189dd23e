//! `clerk outline`: the shape of each set of minutes, as an indented tree
//! with line numbers or as nested JSON; files and folders are taken as
//! `clerk check` takes them.

use super::files::{self, Unchecked};
use super::output::{error_line, trouble_line, untrusted};
use super::position::{Located, Span};
use super::settings::{Overrides, SettingsCache};
use super::{Outcome, OutlineArgs, OutlineFormat};
use crate::analysis::{outline, OutlineKind, OutlineNode};
use crate::folder::reads_as_minutes::{named_as_minutes, reads_as_minutes};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

pub(crate) fn run(args: &OutlineArgs) -> Outcome {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    // One file named alone keeps the JSON shape it always had: its nodes.
    let one_file =
        paths.len() == 1 && (paths[0].as_os_str() == files::STDIN_NAME || paths[0].is_file());
    // A clerk.toml only says here which files a folder holds.
    let mut settings = SettingsCache::new(None, Overrides::default());
    let (targets, unreadable) = files::collect_to_read(&paths, &mut settings);
    let mut failed = unreadable;
    let mut human_outlines = Vec::new();
    let mut json_outlines = Vec::new();
    for target in &targets {
        let shown = target.shown.display().to_string();
        let Some((text, doc, nodes)) = outline_of(target, &shown, &mut failed) else {
            continue;
        };
        let judged = !args.all_files && !target.named && !named_as_minutes(&target.shown);
        if judged && !reads_as_minutes(&text, &doc) {
            continue;
        }
        let located = Located::new(&text);
        match args.format {
            OutlineFormat::Human => human_outlines.push(human(&shown, &located, &nodes)),
            OutlineFormat::Json => json_outlines.push(JsonOutline {
                path: shown,
                outline: children_of(None, &nodes, &located),
            }),
        }
    }
    let rendered = match args.format {
        OutlineFormat::Human => human_outlines.join("\n"),
        OutlineFormat::Json => {
            let json = if one_file && json_outlines.len() == 1 {
                serde_json::to_string_pretty(&json_outlines[0].outline)
            } else {
                serde_json::to_string_pretty(&json_outlines)
            };
            let mut json = json.unwrap_or_else(|_| "[]".to_owned());
            json.push('\n');
            json
        }
    };
    let _ = std::io::stdout().write_all(rendered.as_bytes());
    if failed {
        Outcome::Failed
    } else {
        Outcome::Clean
    }
}

/// One file's text and outline, or `None` (and `failed` set) when it
/// cannot be read or outlined, which is told on standard error.
fn outline_of(
    target: &files::Target,
    shown: &str,
    failed: &mut bool,
) -> Option<(String, crate::syntax::Document, Vec<OutlineNode>)> {
    let text = match files::read(target.from_stdin, &target.absolute) {
        Ok((text, encoding)) => {
            if encoding == files::TextEncoding::Windows1252 {
                let note = Unchecked::whole_file(shown, files::TextEncoding::WINDOWS_1252_NOTE);
                anstream::eprintln!("clerk: {}", untrusted(&note.to_string()));
            }
            text
        }
        Err(message) => {
            anstream::eprintln!("{}", trouble_line(&Unchecked::whole_file(shown, message)));
            *failed = true;
            return None;
        }
    };
    // A fault in the parser must end in a message, not a crash.
    let outlined = std::panic::catch_unwind(|| {
        let doc = crate::syntax::parse(&text);
        let nodes = outline(&text, &doc);
        (doc, nodes)
    });
    match outlined {
        Ok((doc, nodes)) => Some((text, doc, nodes)),
        Err(_) => {
            let message = format!(
                "{}: could not be outlined because of a fault in clerk; please report it",
                untrusted(shown)
            );
            anstream::eprintln!("{}", error_line(&message));
            *failed = true;
            None
        }
    }
}

/// One file's outline among several, in JSON.
#[derive(Serialize)]
struct JsonOutline {
    path: String,
    outline: Vec<JsonNode>,
}

/// One node of the nested JSON outline.
#[derive(Serialize)]
struct JsonNode {
    kind: OutlineKind,
    name: String,
    detail: Option<String>,
    range: Span,
    children: Vec<JsonNode>,
}

/// The nodes whose parent is `parent`, each with its own children, in text order.
fn children_of(parent: Option<usize>, nodes: &[OutlineNode], located: &Located) -> Vec<JsonNode> {
    nodes
        .iter()
        .enumerate()
        .filter(|(_, node)| node.parent == parent)
        .map(|(index, node)| JsonNode {
            kind: node.kind,
            name: node.name.clone(),
            detail: node.detail.clone(),
            range: located.span(node.range),
            children: children_of(Some(index), nodes, located),
        })
        .collect()
}

/// The outline as an indented tree, each line led by its line number. The
/// names come from the minutes, so their control characters are shown,
/// not passed to the terminal.
fn human(shown: &str, located: &Located, nodes: &[OutlineNode]) -> String {
    let shown = untrusted(shown);
    if nodes.is_empty() {
        return format!("{shown}: no meeting, agenda items or resolutions recognised\n");
    }
    let lines: Vec<u32> = nodes
        .iter()
        .map(|node| located.position(node.selection.start).line)
        .collect();
    let width = lines.iter().max().map_or(1, |line| line.to_string().len());
    let mut out = format!("{shown}\n");
    for (node, line) in nodes.iter().zip(&lines) {
        let depth = depth(node, nodes);
        let indent = "  ".repeat(depth);
        out.push_str(&format!(
            "{line:>width$}  {indent}{}",
            untrusted(&node.name)
        ));
        if let Some(detail) = &node.detail {
            out.push_str(&format!("  ({})", untrusted(detail)));
        }
        out.push('\n');
    }
    out
}

/// How deep a node sits; a parent index that loops is cut off rather than followed for ever.
fn depth(node: &OutlineNode, nodes: &[OutlineNode]) -> usize {
    let mut depth = 0;
    let mut parent = node.parent;
    while let Some(index) = parent {
        depth += 1;
        if depth > nodes.len() {
            break;
        }
        parent = nodes.get(index).and_then(|node| node.parent);
    }
    depth
}
