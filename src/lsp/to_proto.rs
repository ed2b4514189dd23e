//! Analysis answers in the protocol's types: byte ranges become positions
//! through the snapshot's line index, and nothing else is decided here.

use super::server::FIX_ALL_KIND;
use super::state::Snapshot;
use crate::analysis::{
    Completion, CompletionKind, Fold, FoldKind, Hover as AnalysisHover, OutlineKind, OutlineNode,
    Symbol,
};
use crate::rules::{Applicability, Edit, Fix};
use crate::text::{Encoding, LineIndex, TextRange};
use tower_lsp::lsp_types::*;

pub(crate) fn server_capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            _ => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                // Told of a save, the server re-reads a clerk.toml the
                // editor has open with it.
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            },
        )),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![" ".to_owned()]),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::from(FIX_ALL_KIND),
            ]),
            work_done_progress_options: WorkDoneProgressOptions::default(),
            resolve_provider: Some(false),
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![super::server::SHOW_INDEX_COMMAND.to_owned()],
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        ..ServerCapabilities::default()
    }
}

pub(crate) fn location(snapshot: &Snapshot, range: TextRange) -> Location {
    Location::new(snapshot.uri.clone(), snapshot.range(range))
}

/// The flat outline as the protocol's tree.
/// The outline's nodes as a tree: each node's children, and the roots.
fn outline_tree(nodes: &[OutlineNode]) -> (Vec<Vec<usize>>, Vec<usize>) {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut roots = Vec::new();
    for (index, node) in nodes.iter().enumerate() {
        match node.parent {
            Some(parent) if parent < nodes.len() && parent != index => children[parent].push(index),
            _ => roots.push(index),
        }
    }
    (children, roots)
}

/// Every outline node's range and selection range, converted in the
/// outline's order.
fn symbol_ranges(snapshot: &Snapshot, nodes: &[OutlineNode]) -> Vec<(Range, Range)> {
    let mut near = [0usize; 4];
    nodes
        .iter()
        .map(|node| node_ranges(snapshot, node, &mut near))
        .collect()
}

/// A node's range and selection range. Starts move forward through the
/// text and ends nearly so, and each is searched for from the line where
/// the one before was found (`near`: a line for each of the four), so a
/// long outline does not search every line four times a symbol.
fn node_ranges(snapshot: &Snapshot, node: &OutlineNode, near: &mut [usize; 4]) -> (Range, Range) {
    let position = |offset: usize, near: &mut usize| {
        let at = snapshot
            .index
            .line_col_near(&snapshot.text, offset, snapshot.encoding, near);
        tower_lsp::lsp_types::Position::new(at.line, at.col)
    };
    let [start, end, selection_start, selection_end] = near;
    let range = Range::new(
        position(node.range.start, start),
        position(node.range.end, end),
    );
    // Clients reject a selection outside the range; keep it inside.
    let selection = if node.range.contains_range(node.selection) {
        Range::new(
            position(node.selection.start, selection_start),
            position(node.selection.end, selection_end),
        )
    } else {
        Range::new(range.start, range.start)
    };
    (range, selection)
}

/// One outline node as a symbol's fields: its name, detail, kind, range
/// and selection range.
fn symbol_fields(
    node: &OutlineNode,
    (range, selection): (Range, Range),
) -> (&str, Option<&str>, SymbolKind, Range, Range) {
    let name = if node.name.trim().is_empty() {
        "(untitled)"
    } else {
        &node.name
    };
    let kind = match node.kind {
        OutlineKind::Meeting => SymbolKind::MODULE,
        OutlineKind::Attendance => SymbolKind::ARRAY,
        OutlineKind::Item => SymbolKind::NAMESPACE,
        OutlineKind::Section => SymbolKind::OBJECT,
        OutlineKind::ResolutionBlock => SymbolKind::EVENT,
        OutlineKind::Resolution => SymbolKind::ENUM_MEMBER,
    };
    (name, node.detail.as_deref(), kind, range, selection)
}

pub(crate) fn document_symbols(snapshot: &Snapshot, nodes: &[OutlineNode]) -> Vec<DocumentSymbol> {
    let (children, roots) = outline_tree(nodes);
    let ranges = symbol_ranges(snapshot, nodes);
    fn build(
        nodes: &[OutlineNode],
        ranges: &[(Range, Range)],
        children: &[Vec<usize>],
        index: usize,
    ) -> DocumentSymbol {
        let (name, detail, kind, range, selection_range) =
            symbol_fields(&nodes[index], ranges[index]);
        #[allow(deprecated)]
        DocumentSymbol {
            name: name.to_owned(),
            detail: detail.map(str::to_owned),
            kind,
            tags: None,
            deprecated: None,
            range,
            selection_range,
            children: Some(
                children[index]
                    .iter()
                    .map(|&child| build(nodes, ranges, children, child))
                    .collect(),
            ),
        }
    }
    roots
        .into_iter()
        .map(|root| build(nodes, &ranges, &children, root))
        .collect()
}

/// The outline as the JSON of `document_symbols`, written byte by byte
/// as it is read from the nodes: no tree of symbols is built first, which
/// for a long volume of minutes held as much again as its JSON, and no
/// serializer is gone through, whose small writes of each token took more
/// than half of a 50 MB document's outline. `tests/lsp_stdio.rs` holds it
/// to what `document_symbols` serializes to.
pub(crate) struct DocumentSymbolsJson<'a> {
    snapshot: &'a Snapshot,
    nodes: &'a [OutlineNode],
    children: Vec<Vec<usize>>,
    roots: Vec<usize>,
    /// Where the positions were last found (`node_ranges`): the answer is
    /// written twice, once to count it, and its positions are converted as
    /// it is written rather than held.
    near: std::cell::Cell<[usize; 4]>,
}

impl<'a> DocumentSymbolsJson<'a> {
    pub(crate) fn new(snapshot: &'a Snapshot, nodes: &'a [OutlineNode]) -> Self {
        let (children, roots) = outline_tree(nodes);
        DocumentSymbolsJson {
            snapshot,
            nodes,
            children,
            roots,
            near: std::cell::Cell::new([0; 4]),
        }
    }

    /// How many symbols the outline's top level holds.
    pub(crate) fn root_count(&self) -> usize {
        self.roots.len()
    }

    /// Appends the JSON of the top-level symbol `at` (counted from 0), its
    /// children within it.
    pub(crate) fn write_root(&self, at: usize, out: &mut Vec<u8>) {
        self.write_symbol(self.roots[at], out);
    }

    fn write_symbol(&self, index: usize, out: &mut Vec<u8>) {
        let node = &self.nodes[index];
        let mut near = self.near.get();
        let ranges = node_ranges(self.snapshot, node, &mut near);
        self.near.set(near);
        let (name, detail, kind, range, selection_range) = symbol_fields(node, ranges);
        // The fields, their names and what is left out when absent, as
        // lsp-types writes a `DocumentSymbol`.
        out.extend_from_slice(b"{\"name\":");
        json_string(name, out);
        if let Some(detail) = detail {
            out.extend_from_slice(b",\"detail\":");
            json_string(detail, out);
        }
        out.extend_from_slice(b",\"kind\":");
        json_number(symbol_kind_number(kind), out);
        out.extend_from_slice(b",\"range\":");
        json_range(range, out);
        out.extend_from_slice(b",\"selectionRange\":");
        json_range(selection_range, out);
        out.extend_from_slice(b",\"children\":[");
        for (at, &child) in self.children[index].iter().enumerate() {
            if at > 0 {
                out.push(b',');
            }
            self.write_symbol(child, out);
        }
        out.extend_from_slice(b"]}");
    }
}

/// A symbol kind's number on the wire.
fn symbol_kind_number(kind: SymbolKind) -> u32 {
    // The kinds the outline uses, by the numbers the protocol gives them.
    const NUMBERED: [(SymbolKind, u32); 6] = [
        (SymbolKind::MODULE, 2),
        (SymbolKind::NAMESPACE, 3),
        (SymbolKind::ARRAY, 18),
        (SymbolKind::OBJECT, 19),
        (SymbolKind::ENUM_MEMBER, 22),
        (SymbolKind::EVENT, 24),
    ];
    NUMBERED
        .iter()
        .find(|(known, _)| *known == kind)
        .map_or(1, |(_, number)| *number)
}

fn json_range(range: Range, out: &mut Vec<u8>) {
    for (key, position) in [
        (&b"{\"start\":"[..], range.start),
        (&b",\"end\":"[..], range.end),
    ] {
        out.extend_from_slice(key);
        out.extend_from_slice(b"{\"line\":");
        json_number(position.line, out);
        out.extend_from_slice(b",\"character\":");
        json_number(position.character, out);
        out.push(b'}');
    }
    out.push(b'}');
}

fn json_number(mut number: u32, out: &mut Vec<u8>) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (number % 10) as u8;
        number /= 10;
        if number == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// A JSON string, escaped as serde_json escapes: quotation marks,
/// backslashes and control characters, nothing else.
fn json_string(text: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    let bytes = text.as_bytes();
    let mut from = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let escaped: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[from..at]);
        if escaped.is_empty() {
            out.extend_from_slice(format!("\\u{byte:04x}").as_bytes());
        } else {
            out.extend_from_slice(escaped);
        }
        from = at + 1;
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}

pub(crate) fn folding_ranges(snapshot: &Snapshot, folds: &[Fold]) -> Vec<FoldingRange> {
    folds
        .iter()
        .filter_map(|fold| {
            let start = snapshot.index.line_of(fold.range.start) as u32;
            // A range that ends with its line break ends on the line before.
            let end_offset = snapshot.text[..fold.range.end]
                .trim_end_matches(['\n', '\r'])
                .len();
            let end = snapshot.index.line_of(end_offset.max(fold.range.start)) as u32;
            (end > start).then(|| FoldingRange {
                start_line: start,
                start_character: None,
                end_line: end,
                end_character: None,
                kind: Some(FoldingRangeKind::Region),
                collapsed_text: Some(
                    match fold.kind {
                        FoldKind::Item => "agenda item",
                        FoldKind::Attendance => "attendance",
                        FoldKind::Resolutions => "resolutions",
                    }
                    .to_owned(),
                ),
            })
        })
        .collect()
}

pub(crate) fn completion_items(
    snapshot: &Snapshot,
    completions: Vec<Completion>,
) -> Vec<CompletionItem> {
    completions
        .into_iter()
        .enumerate()
        .map(|(rank, completion)| CompletionItem {
            label: completion.label,
            kind: Some(match completion.kind {
                CompletionKind::Person => CompletionItemKind::CONSTANT,
                CompletionKind::Role | CompletionKind::Title => CompletionItemKind::KEYWORD,
                CompletionKind::Abbreviation => CompletionItemKind::TEXT,
                CompletionKind::Snippet => CompletionItemKind::SNIPPET,
            }),
            detail: completion.detail,
            filter_text: Some(completion.filter),
            sort_text: Some(format!("{rank:04}")),
            insert_text_format: Some(if completion.snippet {
                InsertTextFormat::SNIPPET
            } else {
                InsertTextFormat::PLAIN_TEXT
            }),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                snapshot.range(completion.replace),
                crate::analysis::in_line_endings_of(&snapshot.text, &completion.insert),
            ))),
            ..CompletionItem::default()
        })
        .collect()
}

/// The hover in the mark-up the client shows: Markdown only to a client
/// that said it reads Markdown, plain text to every other.
pub(crate) fn hover(snapshot: &Snapshot, hover: AnalysisHover, kind: MarkupKind) -> Hover {
    let value = match kind {
        MarkupKind::Markdown => hover.markdown(),
        MarkupKind::PlainText => hover.plain_text(),
    };
    Hover {
        contents: HoverContents::Markup(MarkupContent { kind, value }),
        range: Some(snapshot.range(hover.range)),
    }
}

pub(crate) fn text_edits(snapshot: &Snapshot, edits: &[Edit]) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|edit| {
            let new_text = crate::analysis::in_line_endings_of(&snapshot.text, &edit.new_text);
            TextEdit::new(snapshot.range(edit.range), new_text)
        })
        .collect()
}

/// Edits to the snapshot's document, tied to its version so that a client
/// will not apply them to text that has moved on.
pub(crate) fn workspace_edit(snapshot: &Snapshot, edits: &[Edit]) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: None,
        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: snapshot.uri.clone(),
                version: Some(snapshot.version),
            },
            edits: text_edits(snapshot, edits)
                .into_iter()
                .map(OneOf::Left)
                .collect(),
        }])),
        change_annotations: None,
    }
}

pub(crate) fn quick_fix(snapshot: &Snapshot, fix: &Fix, diagnostic: Diagnostic) -> CodeAction {
    CodeAction {
        title: fix.title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(workspace_edit(snapshot, &fix.edits)),
        command: None,
        is_preferred: Some(fix.applicability == Applicability::Safe),
        disabled: None,
        data: None,
    }
}

pub(crate) fn symbol_information(
    uri: &Url,
    text: &str,
    index: &LineIndex,
    encoding: Encoding,
    symbol: Symbol,
) -> SymbolInformation {
    let position = |offset: usize| {
        let at = index.line_col(text, offset, encoding);
        Position::new(at.line, at.col)
    };
    #[allow(deprecated)]
    SymbolInformation {
        name: symbol.name,
        kind: match symbol.kind {
            crate::analysis::SymbolKind::Meeting => SymbolKind::MODULE,
            crate::analysis::SymbolKind::Item => SymbolKind::NAMESPACE,
            crate::analysis::SymbolKind::Resolution => SymbolKind::EVENT,
            crate::analysis::SymbolKind::Person => SymbolKind::CONSTANT,
            crate::analysis::SymbolKind::Abbreviation => SymbolKind::STRING,
        },
        tags: None,
        deprecated: None,
        location: Location::new(
            uri.clone(),
            Range::new(position(symbol.range.start), position(symbol.range.end)),
        ),
        container_name: symbol.container,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The outline's strings and numbers are written as serde_json writes
    /// them: quotation marks, backslashes and every control character
    /// escaped, the rest (non-ASCII too) as it is.
    #[test]
    fn strings_and_numbers_are_written_as_serde_json_writes_them() {
        let strings = [
            "",
            "6. Matters Arising",
            "The \"Chair\" said \\ no",
            "tab\there, line\nend\r, bell \u{7}, nul \u{0}, \u{1f} and \u{7f}",
            "Café — 議事録 🎉",
            "\u{8}\u{c}",
        ];
        for text in strings {
            let mut written = Vec::new();
            json_string(text, &mut written);
            assert_eq!(
                String::from_utf8(written).unwrap(),
                serde_json::to_string(text).unwrap()
            );
        }
        for number in [0, 7, 10, 99, 1_000_000, u32::MAX] {
            let mut written = Vec::new();
            json_number(number, &mut written);
            assert_eq!(written, number.to_string().into_bytes());
        }
        for (kind, number) in [
            (SymbolKind::MODULE, 2),
            (SymbolKind::NAMESPACE, 3),
            (SymbolKind::ARRAY, 18),
            (SymbolKind::OBJECT, 19),
            (SymbolKind::ENUM_MEMBER, 22),
            (SymbolKind::EVENT, 24),
        ] {
            assert_eq!(symbol_kind_number(kind), number);
            assert_eq!(serde_json::to_string(&kind).unwrap(), number.to_string());
        }
    }
}
