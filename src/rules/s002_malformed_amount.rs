//! S002 malformed-amount: a sum of money written as money is not written, such as "£696. 56", or a list that writes its sums two ways.
//!
//! ## What it checks
//! Each sum of money written with its currency ("£", "$", "€", "GBP"):
//! - a space slipped in after the decimal point ("£696. 56"), before it
//!   ("£3,019 .52") or after the thousands comma ("£30, 000");
//! - a comma where the decimal point goes ("£70,00");
//! - pence (or cents) of one figure ("£12.5"), where money has two.
//!
//! And each list of sums (the items of one list or the rows of one
//! table, holding three sums or more): where most
//! write their pence ("£12.00", "£4.50") and some do not ("£12"), or most
//! write whole pounds ("£12") and some add ".00", the form the list uses
//! less is reported once, naming the form it uses most. The list's form
//! must be written at least twice as often as the other.
//!
//! ## Why it matters
//! A sum is what a decision spends or a payment makes; a broken one
//! ("£696. 56") reads as two figures, and a reader cannot tell "£12.5"
//! from a slip for "£12.50" or "£125". Style guides ask for sums written
//! alike throughout a list, so that the pence line up and none looks
//! forgotten.
//!
//! ## When it stays silent
//! - On a sum with a scale word ("£1.5m", "£14.4 billion", "£2.5k"), and
//!   on the start of a range ("£1.5-2m").
//! - On a comma in euros ("€12,50"): much of Europe writes a decimal
//!   comma.
//! - On sums in quotation marks or block quotes: someone else's words.
//! - On a list of whole pounds beside sums with pence other than ".00"
//!   ("£10" beside "£12.50"): both are needed to write them.
//! - When neither of a list's two forms is used twice as often as the
//!   other, or the list holds
//!   fewer than three sums; and on the sums of a paragraph, where a round
//!   sum ("a budget of £5,000") stands beside exact ones as prose writes
//!   them.
//! - On whole pounds of five figures or more without a comma ("£71246")
//!   in a list with pence: the point may be lost ("£712.46").
//!
//! ## Fixes
//! Removing the space after a decimal point is safe where the pence are
//! "00" or no word follows them ("£696. 56 -"); where a word follows, a
//! sentence may have ended at the point ("£500. 25 members"), so the fix
//! is unsafe. Removing the space after a thousands comma, and writing a
//! point for a comma, are unsafe: "£30, 000" may be two figures of a list,
//! "£70,00" a slip for "£7,000". Pence of one figure have no fix: "£12.5"
//! may be "£12.50" or "£125". In a list, writing ".00" after whole pounds
//! where the list writes pence, or taking ".00" away where it writes
//! whole pounds, is safe.
//!
//! ## Example
//! ```text
//! Payments: Hall hire £36.00, insurance £721.59, hedge cutting £85.
//! ```
//! Use instead "£85.00", as the rest of the list writes its sums.

use super::{Applicability, Context, Edit, Rule, Sink};
use crate::syntax::{Amount, Block, Currency, MarkerKind};
use crate::text::TextRange;

pub const RULE: Rule = Rule {
    info: &crate::registry::S002,
    check,
};

/// Most related places a finding lists.
const MOST_RELATED: usize = 5;

/// The longest a list's item may be, in bytes: an item of a list of sums
/// names a payee or a purpose, not a paragraph.
const ITEM: usize = 160;

fn check(cx: &Context, sink: &mut Sink) {
    // One pass over the sums, each list reported as it ends: a sum's text
    // is read once, while it is at hand, for both questions.
    let mut lists = Lists::new(cx);
    for amount in cx.doc.amounts.iter().filter(|amount| !amount.quoted) {
        malformed(cx, sink, amount);
        if let Some(list) = lists.add(amount) {
            mixed_pence(cx.text, sink, &list);
        }
    }
    if let Some(list) = lists.finish() {
        mixed_pence(cx.text, sink, &list);
    }
}

/// Reports a sum written as money is not written.
fn malformed(cx: &Context, sink: &mut Sink, amount: &Amount) {
    let text = cx.text;
    let written = amount.range.of(text);
    let mark = &text[amount.range.start..amount.units.start];
    let units = amount.units.of(text);
    if let Some(at) = units.find(", ") {
        let mended = format!(
            "{mark}{}{}",
            units.replacen(", ", ",", 1),
            fraction_of(text, amount)
        );
        let space = amount.units.start + at + 1;
        sink.push(
            amount.range,
            format!("\"{written}\" has a space after its thousands comma: write \"{mended}\""),
        )
        .fix(
            format!("Write \"{mended}\""),
            Applicability::Unsafe,
            vec![Edit::replace(TextRange::new(space, space + 1), "")],
        );
        return;
    }
    if amount.scale.is_some() || continues_as_a_range(text, amount.range.end) {
        return;
    }
    let Some(fraction) = amount.fraction else {
        return;
    };
    let decimals = fraction.of(text);
    if let Some(pence) = decimals
        .strip_prefix(". ")
        .or_else(|| decimals.strip_prefix(" ."))
    {
        // "£3,019 .52": the space stands before the point, not after it.
        let before = decimals.starts_with(' ');
        let space = fraction.start + usize::from(!before);
        let mended = format!("{mark}{units}.{pence}");
        let after = text[fraction.end..].trim_start_matches([' ', '\t']);
        let word_follows = after.starts_with(|c: char| c.is_alphanumeric());
        let applicability = if pence == "00" || !word_follows {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        sink.push(
            amount.range,
            format!(
                "\"{written}\" has a space {} its decimal point: write \"{mended}\"",
                if before { "before" } else { "after" }
            ),
        )
        .fix(
            format!("Write \"{mended}\""),
            applicability,
            vec![Edit::replace(TextRange::new(space, space + 1), "")],
        );
    } else if let Some(pence) = decimals.strip_prefix(',') {
        if amount.currency == Currency::Euro || pence.len() != 2 {
            return; // a decimal comma, or a figure cut short
        }
        let mended = format!("{mark}{units}.{pence}");
        sink.push(
            amount.range,
            format!("\"{written}\" has a comma where its decimal point goes: write \"{mended}\""),
        )
        .fix(
            format!("Write \"{mended}\""),
            Applicability::Unsafe,
            vec![Edit::replace(
                TextRange::new(fraction.start, fraction.start + 1),
                ".",
            )],
        );
    } else if decimals.len() == 2 {
        sink.push(
            amount.range,
            format!("\"{written}\" has one figure after its decimal point, where money has two"),
        );
    }
}

/// The decimal part of a sum as written, or nothing.
fn fraction_of<'t>(text: &'t str, amount: &Amount) -> &'t str {
    amount.fraction.map_or("", |fraction| fraction.of(text))
}

/// Whether a range goes on after the sum: "£1.5-2m", "£2.5 to £3m".
fn continues_as_a_range(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches([' ', '\t']);
    let rest = ["-", "–", "to "]
        .iter()
        .find_map(|joiner| rest.strip_prefix(joiner));
    rest.is_some_and(|rest| {
        rest.trim_start_matches([' ', '\t', '£', '$', '€'])
            .starts_with(|c: char| c.is_ascii_digit())
    })
}

/// How a sum writes its pence, for the lists that mix them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pence {
    /// "£12": whole pounds.
    None,
    /// "£12.00".
    Zero,
    /// "£12.50".
    Some,
}

/// The sums of one list: the items of a list or rows of a table that
/// follow one another, each holding a sum, all in one currency.
struct List {
    currency: Currency,
    sums: Vec<(TextRange, Pence)>,
}

/// What the currency's smaller unit and its whole sums are called.
fn names(currency: Currency) -> (&'static str, &'static str) {
    match currency {
        Currency::Pound => ("pence", "whole pounds"),
        Currency::Dollar => ("cents", "whole dollars"),
        Currency::Euro => ("cents", "whole euros"),
    }
}

/// The lists of sums in the minutes, gathered sum by sum in text order.
/// A paragraph's sums are no list: prose writes a round sum ("a budget
/// of £5,000") beside exact ones.
struct Lists<'a> {
    text: &'a str,
    blocks: &'a [Block],
    /// The block the sum stands in: the first not ending before it.
    index: usize,
    /// The block the last sum of the list stood in.
    last_block: usize,
    list: Option<List>,
}

impl<'a> Lists<'a> {
    fn new(cx: &'a Context) -> Self {
        Lists {
            text: cx.text,
            blocks: &cx.doc.blocks,
            index: 0,
            last_block: usize::MAX,
            list: None,
        }
    }

    /// A list's item is short ("2. £40.25 from the collection"): a
    /// numbered paragraph of prose ("6.3 It was agreed to ...") is no item.
    fn is_row(&self, block: &Block) -> bool {
        block.marker.as_ref().is_some_and(|marker| {
            !matches!(marker.kind, MarkerKind::Paragraph { .. }) && block.content.len() <= ITEM
        }) || block.content.of(self.text).trim_start().starts_with('|')
    }

    /// Takes the next sum (in text order, not quoted); the list it ends,
    /// if any.
    fn add(&mut self, amount: &Amount) -> Option<List> {
        let blocks = self.blocks;
        while self.index + 1 < blocks.len() && blocks[self.index].range.end < amount.range.start {
            self.index += 1;
        }
        let index = self.index;
        let form = pence_of(self.text, amount).filter(|_| {
            blocks
                .get(index)
                .is_some_and(|block| block.range.start <= amount.range.start && self.is_row(block))
        });
        let Some(form) = form else {
            return self.list.take();
        };
        let goes_on = (self.last_block == index || self.last_block.wrapping_add(1) == index)
            && self
                .list
                .as_ref()
                .is_some_and(|list| list.currency == amount.currency);
        let ended = if goes_on { None } else { self.list.take() };
        self.last_block = index;
        self.list
            .get_or_insert(List {
                currency: amount.currency,
                sums: Vec::new(),
            })
            .sums
            .push((amount.range, form));
        ended
    }

    /// The list the last sum belonged to, if any.
    fn finish(self) -> Option<List> {
        self.list
    }
}

/// How a well-formed sum writes its pence; `None` for a sum with a scale
/// word or a malformed one, which count in no list.
fn pence_of(text: &str, amount: &Amount) -> Option<Pence> {
    let units = amount.units.of(text);
    if amount.scale.is_some() || units.contains(' ') {
        return None;
    }
    // "£71246" among sums with pence may be "£712.46" with its point lost.
    if units.len() > 4 && !units.contains(',') {
        return None;
    }
    match amount.fraction.map(|fraction| fraction.of(text)) {
        None => Some(Pence::None),
        Some(".00") => Some(Pence::Zero),
        Some(pence) if pence.len() == 3 && pence.starts_with('.') => Some(Pence::Some),
        Some(_) => None,
    }
}

/// Reports the sums of a list whose pence are written the way the list
/// writes them less.
fn mixed_pence(text: &str, sink: &mut Sink, list: &List) {
    let sums = &list.sums;
    if sums.len() < 3 {
        return;
    }
    let (pence, whole_sums) = names(list.currency);
    let whole: Vec<TextRange> = filter(sums, |form| form == Pence::None);
    let with_pence: Vec<TextRange> = filter(sums, |form| form != Pence::None);
    let total = sums.len();
    // The list's form is the one it writes at least twice as often.
    let (fewer, more) = (
        whole.len().min(with_pence.len()),
        whole.len().max(with_pence.len()),
    );
    if fewer == 0 || more < 2 * fewer {
        return;
    }
    if whole.len() < with_pence.len() {
        let written = whole[0].of(text);
        let message = format!(
            "\"{written}\" has no {pence}, but {} of the {total} sums in this list have them: write \"{written}.00\"",
            with_pence.len()
        );
        let edits = whole
            .iter()
            .map(|range| Edit::insert(range.end, ".00"))
            .collect();
        report(
            sink,
            &whole,
            with_pence[0],
            message,
            &format!("Write the {pence}, as the list does"),
            edits,
        );
    } else {
        // Whole pounds are the list's form: only ".00" may be taken away.
        if sums.iter().any(|(_, form)| *form == Pence::Some) {
            return;
        }
        let written = with_pence[0].of(text);
        let bare = &written[..written.len() - 3];
        let message = format!(
            "\"{written}\" has {pence} of \".00\", but {} of the {total} sums in this list are {whole_sums}: write \"{bare}\"",
            whole.len()
        );
        let edits = with_pence
            .iter()
            .map(|range| Edit::replace(TextRange::new(range.end - 3, range.end), ""))
            .collect();
        report(
            sink,
            &with_pence,
            whole[0],
            message,
            &format!("Write {whole_sums} without \".00\", as the list does"),
            edits,
        );
    }
}

fn filter(list: &[(TextRange, Pence)], wanted: impl Fn(Pence) -> bool) -> Vec<TextRange> {
    list.iter()
        .filter(|(_, form)| wanted(*form))
        .map(|(range, _)| *range)
        .collect()
}

fn report(
    sink: &mut Sink,
    minority: &[TextRange],
    usual: TextRange,
    message: String,
    title: &str,
    edits: Vec<Edit>,
) {
    let finding = sink.push(minority[0], message);
    for range in minority.iter().skip(1).take(MOST_RELATED) {
        finding.related(*range, "written this way again");
    }
    finding.related(usual, "the list's usual form");
    finding.fix(title, Applicability::Safe, edits);
}
