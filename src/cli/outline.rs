//! `clerk outline`: the shape of one set of minutes, as an indented tree
//! with line numbers or as nested JSON.

use super::files::{self, Unchecked};
use super::output::{error_line, trouble_line, untrusted};
use super::position::{Located, Span};
use super::{Outcome, OutlineArgs, OutlineFormat};
use crate::analysis::{outline, OutlineKind, OutlineNode};
use serde::Serialize;
use std::io::Write;

pub(crate) fn run(args: &OutlineArgs) -> Outcome {
    let from_stdin = args.file.as_os_str() == files::STDIN_NAME;
    let text = match files::read(from_stdin, &args.file) {
        Ok((text, encoding)) => {
            if encoding == files::TextEncoding::Windows1252 {
                let note = Unchecked::whole_file(
                    args.file.display().to_string(),
                    files::TextEncoding::WINDOWS_1252_NOTE,
                );
                anstream::eprintln!("clerk: {}", untrusted(&note.to_string()));
            }
            text
        }
        Err(message) => {
            let unchecked = Unchecked::whole_file(args.file.display().to_string(), message);
            anstream::eprintln!("{}", trouble_line(&unchecked));
            return Outcome::Failed;
        }
    };
    // A fault in the parser must end in a message, not a crash.
    let nodes = match std::panic::catch_unwind(|| outline(&text, &crate::syntax::parse(&text))) {
        Ok(nodes) => nodes,
        Err(_) => {
            let message = format!(
                "{}: could not be outlined because of a fault in clerk; please report it",
                untrusted(&args.file.display().to_string())
            );
            anstream::eprintln!("{}", error_line(&message));
            return Outcome::Failed;
        }
    };
    let located = Located::new(&text);
    let rendered = match args.format {
        OutlineFormat::Human => human(&args.file.display().to_string(), &located, &nodes),
        OutlineFormat::Json => {
            let tree = children_of(None, &nodes, &located);
            let mut json = serde_json::to_string_pretty(&tree).unwrap_or_else(|_| "[]".to_owned());
            json.push('\n');
            json
        }
    };
    let _ = std::io::stdout().write_all(rendered.as_bytes());
    Outcome::Clean
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
