//! The folder's view of actions: each action with an owner that the
//! document model holds (`syntax::actions` recognises them), as the
//! register shows it, and the sentences of later minutes that may report
//! one done.

use crate::syntax::{BlockKind, Document};
use crate::text::TextRange;
use regex::Regex;
use std::sync::LazyLock;

/// An action found in one set of minutes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundAction {
    /// Who is to act, as written: "The Clerk", "Cllr Stone".
    pub owner: String,
    /// What they are to do, from the verb: "contact Highways about the verge".
    pub what: String,
    /// When by, if the minutes say: "the next meeting", "14 March".
    pub by_when: Option<String>,
    /// The owner and the action.
    pub range: TextRange,
}

/// Every action with an owner in the paragraphs of the minutes, in text
/// order, as the document model holds them (`syntax::actions`).
pub fn actions(text: &str, doc: &Document) -> Vec<FoundAction> {
    doc.actions(text)
        .iter()
        .filter_map(|action| {
            let owner = action.owner?;
            Some(FoundAction {
                owner: one_line(owner.of(text)),
                what: one_line(action.what.of(text)),
                by_when: action.by_when.map(|when| when.of(text).to_owned()),
                range: action.range,
            })
        })
        .collect()
}

/// A sentence of later minutes that may report an action done: it names
/// an owner and holds a past form or "done", "completed", "actioned".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundReport {
    /// The sentence, on one line.
    pub text: String,
    pub range: TextRange,
}

/// Who a sentence must name to report an action: an officer by role, a
/// person by title and surname.
static OWNER_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(?:Clerk|Chair(?:man|woman|person)?|Treasurer|RFO)\b",
        r"|\b(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z]",
    ))
    .unwrap()
});

/// Words that say a thing is over.
const DONE_WORDS: [&str; 5] = ["done", "completed", "actioned", "complete", "carried"];

/// Words that say it is not, or not yet: a sentence holding one reports
/// nothing done, whatever else it says.
const NOT_DONE: [&str; 11] = [
    "not",
    "no",
    "still",
    "awaiting",
    "awaited",
    "yet",
    "chase",
    "chasing",
    "outstanding",
    "pending",
    "unable",
];

/// Pairs of words that set work rather than report it: "the Clerk was
/// asked to", "it was agreed that".
const SET_WORK: [(&str, &str); 6] = [
    ("was", "asked"),
    ("were", "asked"),
    ("was", "requested"),
    ("were", "requested"),
    ("was", "agreed"),
    ("agreed", "to"),
];

/// Irregular past forms of verbs actions open with.
const IRREGULAR: [(&str, &[&str]); 16] = [
    ("write", &["wrote", "written"]),
    ("send", &["sent"]),
    ("speak", &["spoke", "spoken"]),
    ("get", &["got", "gotten"]),
    ("buy", &["bought"]),
    ("put", &["put"]),
    ("seek", &["sought"]),
    ("make", &["made"]),
    ("give", &["gave", "given"]),
    ("take", &["took", "taken"]),
    ("find", &["found"]),
    ("pay", &["paid"]),
    ("tell", &["told"]),
    ("meet", &["met"]),
    ("set", &["set"]),
    ("draw", &["drew", "drawn"]),
];

/// Words that are no action's main words.
const SMALL_WORDS: [&str; 52] = [
    "to",
    "the",
    "a",
    "an",
    "with",
    "for",
    "about",
    "on",
    "in",
    "of",
    "and",
    "its",
    "their",
    "his",
    "her",
    "all",
    "any",
    "some",
    "two",
    "three",
    "four",
    "further",
    "again",
    "regarding",
    "re",
    "that",
    "this",
    "these",
    "those",
    "up",
    "out",
    "back",
    "be",
    "is",
    "if",
    "at",
    "from",
    "whether",
    "more",
    "new",
    "also",
    "it",
    "them",
    "him",
    "matter",
    "matters",
    "issue",
    "same",
    "as",
    "into",
    "there",
    "what",
];

/// The sentences of the paragraphs that may report an action done.
pub fn reports(text: &str, doc: &Document) -> Vec<FoundReport> {
    let mut found = Vec::new();
    for block in &doc.blocks {
        if block.kind != BlockKind::Paragraph {
            continue;
        }
        let content = block.content.of(text);
        let mut start = 0;
        for (end, _) in content
            .match_indices(['.', ';', '!', '?'])
            .map(|(at, stop)| (at + stop.len(), ()))
            .chain(std::iter::once((content.len(), ())))
        {
            if end <= start {
                continue;
            }
            let sentence = &content[start..end];
            let from = start;
            start = end;
            if !OWNER_NAMED.is_match(sentence) {
                continue;
            }
            let words = words_of(sentence);
            let signal = words.iter().any(|word| {
                word.ends_with("ed")
                    || DONE_WORDS.contains(&word.as_str())
                    || IRREGULAR
                        .iter()
                        .any(|(_, forms)| forms.contains(&word.as_str()))
            });
            if !signal {
                continue;
            }
            let lead = sentence.len() - sentence.trim_start().len();
            found.push(FoundReport {
                text: one_line(sentence.trim()),
                range: TextRange::new(
                    block.content.start + from + lead,
                    block.content.start + from + sentence.trim_end().len(),
                ),
            });
        }
    }
    found
}

fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|word| !word.is_empty())
        .map(|word| word.to_lowercase().replace('’', "'"))
        .collect()
}

/// The word a name is known by in a report: "clerk", "chair", or a surname.
fn owner_keys(owner: &str) -> Vec<String> {
    let words = words_of(owner);
    for role in [
        "clerk",
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "treasurer",
        "rfo",
    ] {
        if words.iter().any(|word| word == role) {
            return vec![if role.starts_with("chair") {
                "chair"
            } else {
                role
            }
            .to_owned()];
        }
    }
    let titles = [
        "cllr",
        "cllrs",
        "councillor",
        "councillors",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "and",
    ];
    words
        .into_iter()
        .filter(|word| !titles.contains(&word.as_str()) && word.len() > 1)
        .collect()
}

/// A word without its plural's "s", to match "quote" with "quotes".
fn stem(word: &str) -> &str {
    word.strip_suffix("es")
        .filter(|rest| rest.ends_with('s') || rest.ends_with('x') || rest.ends_with("sh"))
        .or_else(|| word.strip_suffix('s').filter(|rest| rest.len() > 2))
        .unwrap_or(word)
}

/// Whether `word` is a past form of `verb`: "contacted", "written".
fn past_of(word: &str, verb: &str) -> bool {
    if let Some((_, forms)) = IRREGULAR.iter().find(|(base, _)| *base == verb) {
        return forms.contains(&word);
    }
    let Some(rest) = word.strip_suffix("ed").or_else(|| word.strip_suffix('d')) else {
        return false;
    };
    rest == verb
        || (word.ends_with("ed") && verb.ends_with('e') && format!("{rest}e") == verb)
        || (verb.ends_with('y') && rest.strip_suffix('i') == verb.strip_suffix('y'))
        || (rest.len() == verb.len() + 1
            && rest.starts_with(verb)
            && rest.ends_with(&verb[verb.len() - 1..]))
}

/// How near the action's main word must stand to the verb's past form:
/// "had contacted Highways", "the quotes had been obtained".
const NEAR: usize = 5;

/// Whether a sentence of later minutes reports the action done: it names
/// the owner, before the words that say it was done; it shares the
/// action's main words (the verb's object) and says the verb in a past
/// form near the first of them, or says done, completed or actioned of
/// them all; and it says nothing of not yet, still or awaiting, and sets
/// the owner no new action ("the Clerk to ...").
pub fn reports_done(owner: &str, what: &str, by_when: Option<&str>, report: &str) -> bool {
    let words = words_of(report);
    if words
        .iter()
        .any(|word| NOT_DONE.contains(&word.as_str()) || word.ends_with("n't"))
    {
        return false;
    }
    let keys = owner_keys(owner);
    let Some(named) = words.iter().position(|word| keys.contains(word)) else {
        return false;
    };
    // The owner set a new action, or work set again, is no report of the
    // old one done.
    if words.windows(2).any(|pair| {
        (keys.contains(&pair[0]) && pair[1] == "to")
            || SET_WORK.contains(&(pair[0].as_str(), pair[1].as_str()))
    }) {
        return false;
    }
    let what = match by_when.and_then(|when| what.rfind(when)) {
        Some(at) => what[..at]
            .trim_end()
            .trim_end_matches(" by")
            .trim_end_matches(" before"),
        None => what,
    };
    let action = words_of(what);
    let Some((verb, rest)) = action.split_first() else {
        return false;
    };
    // The same verb again, as an infinitive, is work to do, not done.
    if words
        .windows(2)
        .any(|pair| pair[0] == "to" && pair[1] == *verb)
    {
        return false;
    }
    let main: Vec<&str> = rest
        .iter()
        .map(String::as_str)
        .filter(|word| !SMALL_WORDS.contains(word) && !word.chars().all(|c| c.is_ascii_digit()))
        .take(2)
        .collect();
    let Some(first) = main.first() else {
        return false;
    };
    let at = |wanted: &str| -> Vec<usize> {
        (0..words.len())
            .filter(|&i| stem(&words[i]) == stem(wanted))
            .collect()
    };
    let firsts = at(first);
    let verb_done = (named..words.len())
        .filter(|&i| past_of(&words[i], verb))
        .any(|i| firsts.iter().any(|&j| i.abs_diff(j) <= NEAR));
    // "had been done", "was completed", "is now actioned"; not "to be done".
    let said_done = (named.max(1)..words.len())
        .filter(|&i| {
            DONE_WORDS[..3].contains(&words[i].as_str())
                && [
                    "been", "was", "were", "is", "are", "now", "has", "have", "had",
                ]
                .contains(&words[i - 1].as_str())
        })
        .any(|i| firsts.iter().any(|&j| i.abs_diff(j) <= 2 * NEAR))
        && main.iter().all(|word| !at(word).is_empty());
    verb_done || said_done
}

/// Words run onto one line, as a register shows them.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, String, Option<String>)> {
        let doc = crate::syntax::parse(text);
        actions(text, &doc)
            .into_iter()
            .map(|action| (action.owner, action.what, action.by_when))
            .collect()
    }

    #[test]
    fn reads_owner_action_and_date() {
        let found = read(
            "4. Verges\n\nThe grass is long. The Clerk to contact Highways about the verge by the next meeting.\n",
        );
        assert_eq!(
            found,
            vec![(
                "The Clerk".to_owned(),
                "contact Highways about the verge by the next meeting".to_owned(),
                Some("the next meeting".to_owned())
            )]
        );
    }

    #[test]
    fn reads_people_and_action_labels() {
        let found = read("The bench is broken. Action: Cllr Stone to obtain two quotes.\n");
        assert_eq!(found[0].0, "Cllr Stone");
        assert_eq!(found[0].1, "obtain two quotes");
        assert_eq!(found[0].2, None);
    }

    #[test]
    fn hears_an_action_reported_done_and_only_then() {
        let done = |report: &str| {
            reports_done(
                "The Clerk",
                "contact Highways about the verge by the next meeting",
                Some("the next meeting"),
                report,
            )
        };
        assert!(done("The Clerk had contacted Highways about the verge."));
        assert!(done(
            "The Clerk reported that contacting Highways about the verge had been done."
        ));
        assert!(!done("The Clerk is still awaiting a reply from Highways."));
        assert!(!done("The Clerk had not contacted Highways."));
        assert!(!done("Cllr Stone had contacted Highways."));
        assert!(!done("The Clerk had contacted the police."));
        assert!(!done("The Clerk to contact Highways again."));
        assert!(!done("The Clerk had been asked to contact Highways."));
        assert!(!done(
            "The Clerk was asked to find out whether Highways had been contacted."
        ));
        assert!(!done("Highways had contacted the Clerk."));
        assert!(done(
            "The Clerk had contacted Highways and requested a visit."
        ));
        assert!(reports_done(
            "The Clerk",
            "write to the IDB",
            None,
            "The Clerk has written to the IDB."
        ));
        assert!(reports_done(
            "Cllr Quill",
            "obtain three quotes for the bench",
            None,
            "Cllr Quill reported that the quotes had been obtained."
        ));
    }

    #[test]
    fn passes_over_what_is_no_action() {
        assert!(read("The Clerk spoke to the Chair.\n").is_empty());
        assert!(read("It was said that Highways to the east are poor.\n").is_empty());
        assert!(read("The NCC to repair the road.\n").is_empty());
    }
}
