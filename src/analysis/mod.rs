//! Questions asked of one analysed document: its findings, its outline and,
//! for the language server, completion, hover and navigation. Plain data in
//! byte ranges; no protocol types.

mod outline;

pub use outline::{outline, OutlineKind, OutlineNode};

use crate::config::Config;
use crate::rules::{run_checks_in_folder, Finding, FolderWords};
use crate::syntax::{parse, Document};

/// A document parsed and checked.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub doc: Document,
    pub findings: Vec<Finding>,
}

/// Parses `text` and runs every check `config` enables.
pub fn analyze(text: &str, config: &Config) -> Analysis {
    analyze_in_folder(text, config, None)
}

/// Parses `text` and runs every check, with what the other minutes of its
/// folder say.
pub fn analyze_in_folder(text: &str, config: &Config, folder: Option<&FolderWords>) -> Analysis {
    let doc = parse(text);
    let findings = run_checks_in_folder(text, &doc, config, folder);
    Analysis { doc, findings }
}

/// Analyses a new version of a document as [`analyze_in_folder`] does,
/// taking up what the parse of an earlier version (analysed by this
/// function) found where the edit left the lines alone
/// (`syntax::parse_after`): the findings are the same.
pub fn analyze_after(
    text: &str,
    config: &Config,
    folder: Option<&FolderWords>,
    earlier: Option<crate::syntax::Earlier<'_>>,
) -> Analysis {
    let doc = crate::syntax::parse_after(text, earlier);
    let findings = run_checks_in_folder(text, &doc, config, folder);
    Analysis { doc, findings }
}

mod actions;
mod completion;
mod folding;
mod hover;
mod navigation;
mod people;

pub use actions::{config_addition, fix_all, in_line_endings_of, ConfigAddition};
pub use completion::{completions, completions_in_folder, Completion, CompletionKind};
pub use folding::{folding_ranges, Fold, FoldKind};
pub use hover::{hover, hover_in_folder, Hover};
pub use navigation::{
    decision_symbols, definition, name_problem, prepare_rename, references, rename, symbols,
    target_at, RenameRefusal, Symbol, SymbolKind, Target,
};
pub use people::{all_people, document_people, is_honorific, KnownPerson, PersonSource};
