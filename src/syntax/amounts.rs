//! Sums of money written with their currency: "£1,234.56", "£12", "$40",
//! "€ 40", "GBP 250", "£3.5m", and the slips a typist makes in them, read
//! as one sum rather than two: "£696. 56" (a space after the point),
//! "£30, 000" (a space after the thousands comma), "£70,00" (a comma for
//! the point). Each is read as its figures before the decimal mark, its
//! decimal part and any scale word after it ("million", "m", "bn", "k"),
//! so that checks can ask whether a sum is written as money is written,
//! and whether a list writes its sums alike.
//!
//! The recogniser reads the shared walk's lines (`walk`): a currency mark
//! is rare in a line, and only the text after one is read. Sums written
//! with the currency after the figures ("40 €", "250 GBP") or in words
//! are not read.

use super::model::{Amount, Block, Currency, Line};
use super::walk::{LineByLine, WalkReader, Word};
use crate::text::TextRange;

/// Reads sums of money off the walk's lines.
pub struct AmountsReader<'t> {
    text: &'t str,
    amounts: Vec<Amount>,
}

impl<'t> AmountsReader<'t> {
    pub fn new(text: &'t str) -> AmountsReader<'t> {
        AmountsReader {
            text,
            amounts: Vec::new(),
        }
    }

    /// The sums found, less those inside markup (code, link targets), each
    /// told whether it stands inside quotation marks.
    pub fn finish(mut self, blocks: &[Block], markup: &[TextRange]) -> Vec<Amount> {
        super::dates::in_prose(self.text, blocks, markup, &mut self.amounts, |amount| {
            (amount.range, &mut amount.quoted)
        });
        self.amounts
    }
}

impl LineByLine for AmountsReader<'_> {
    fn join(parts: Vec<Self>) -> Self {
        let mut reader = AmountsReader::new(parts[0].text);
        reader.amounts = super::walk::joined(parts.into_iter().map(|part| part.amounts).collect());
        reader
    }
}

impl<'t> super::walk::Resumable<'t> for AmountsReader<'t> {
    type Found = Vec<Amount>;

    fn into_found(self) -> Self::Found {
        self.amounts
    }

    fn from_found(text: &'t str, parts: &[(&Self::Found, isize)]) -> Self {
        let mut reader = AmountsReader::new(text);
        reader.amounts = super::model::moved_all(parts);
        reader
    }
}

impl<'w, 't: 'w> WalkReader<'w> for AmountsReader<'t> {
    #[inline]
    fn line(&mut self, line: &Line) {
        let content = line.content.of(self.text);
        let bytes = content.as_bytes();
        // Every sum holds a figure; most lines hold none.
        if !super::words::holds_digit(bytes) {
            return;
        }
        // "£" and "€" open with these bytes in UTF-8; most lines hold none
        // of the three, nor a currency code.
        let mut found: Vec<usize> = memchr::memchr3_iter(b'$', 0xC2, 0xE2, bytes).collect();
        let codes = memchr::memchr3_iter(b'G', b'U', b'E', bytes).filter(|&at| {
            [&b"GBP"[..], b"USD", b"EUR"]
                .iter()
                .any(|code| bytes[at..].starts_with(code))
        });
        let before_codes = found.len();
        found.extend(codes);
        if found.len() > before_codes && before_codes > 0 {
            found.sort_unstable();
        }
        if found.is_empty() {
            return;
        }
        let quoted_line = line.range.of(self.text).trim_start().starts_with('>');
        let mut last_end = 0;
        for at in found {
            if at < last_end {
                continue;
            }
            let Some(currency) = currency_at(content, at) else {
                continue;
            };
            if let Some(mut amount) = read_amount(self.text, line.content.start, at, currency) {
                amount.quoted = quoted_line;
                last_end = amount.range.end - line.content.start;
                self.amounts.push(amount);
            }
        }
    }

    #[inline]
    fn word(&mut self, _word: Word<'w>) {}

    #[inline]
    fn line_end(&mut self) {}
}

/// The currency whose mark or code opens `content` at `at`, and how long
/// the mark is: "£", "$", "€", or "GBP", "USD", "EUR" standing apart from
/// the letters before them.
fn currency_at(content: &str, at: usize) -> Option<(Currency, usize)> {
    // Each mark or code, and whether it is a code (letters, which must
    // stand apart from the letters before them: not "XGBP").
    const MARKS: [(&str, Currency, bool); 6] = [
        ("£", Currency::Pound, false),
        ("$", Currency::Dollar, false),
        ("€", Currency::Euro, false),
        ("GBP", Currency::Pound, true),
        ("USD", Currency::Dollar, true),
        ("EUR", Currency::Euro, true),
    ];
    let rest = &content[at..];
    let after_a_word = content[..at].ends_with(|c: char| c.is_alphanumeric());
    MARKS
        .iter()
        .find(|(mark, _, code)| rest.starts_with(mark) && !(*code && after_a_word))
        .map(|&(mark, currency, _)| (currency, mark.len()))
}

/// Scale words that may follow a sum's figures: "£3.5m", "£14.4 billion".
const SCALES: &[&str] = &[
    "m", "mn", "mil", "million", "millions", "b", "bn", "billion", "billions", "k", "thousand",
    "tn", "trillion",
];

/// The number of ASCII digits at the start of `bytes`.
fn digits(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// Whether two figures stand at `at`, and then no other figure, letter or
/// mark that goes on to a figure ("56 -", "56:", "56." but not "56.30",
/// "56,000" or "56p").
fn pence_at(bytes: &[u8], at: usize) -> bool {
    digits(&bytes[at.min(bytes.len())..]) == 2
        && match bytes.get(at + 2) {
            Some(b) if b.is_ascii_alphanumeric() => false,
            Some(b'.' | b',' | b':' | b'/') => !bytes.get(at + 3).is_some_and(u8::is_ascii_digit),
            _ => true,
        }
}

/// The sum of money whose currency mark stands at `at` in the line's
/// content (which starts at `base` in the text).
fn read_amount(
    text: &str,
    base: usize,
    at: usize,
    (currency, mark_len): (Currency, usize),
) -> Option<Amount> {
    let start = base + at;
    let bytes = text.as_bytes();
    let line_end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |end| start + end);
    let bytes = &bytes[..line_end];
    let mut i = start + mark_len;
    // "€ 40", "GBP 250": one space may part the mark from the figures.
    if bytes.get(i) == Some(&b' ') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let units_start = i;
    let first = digits(&bytes[i..]);
    if first == 0 {
        return None;
    }
    i += first;
    // Thousands groups: ",234", and the slip ", 234" with a space.
    loop {
        let group = |from: usize| {
            let n = digits(&bytes[from.min(bytes.len())..]);
            n == 3 && !bytes.get(from + 3).is_some_and(u8::is_ascii_digit)
        };
        if bytes.get(i) == Some(&b',') && group(i + 1) {
            i += 4;
        } else if bytes.get(i) == Some(&b',')
            && bytes.get(i + 1) == Some(&b' ')
            && first <= 3
            && group(i + 2)
            // Not a list of figures: "£10, 200, 300".
            && !(bytes.get(i + 5) == Some(&b',') && bytes.get(i + 6).is_some_and(u8::is_ascii_digit))
        {
            i += 5;
        } else {
            break;
        }
    }
    let units = TextRange::new(units_start, i);
    // The decimal part: ".56", the slip ". 56", or ",00" for a point.
    let mut fraction = None;
    match bytes.get(i) {
        Some(b'.') => {
            let n = digits(&bytes[i + 1..]);
            if n > 0 {
                fraction = Some(TextRange::new(i, i + 1 + n));
            } else if bytes.get(i + 1) == Some(&b' ') && pence_at(bytes, i + 2) {
                fraction = Some(TextRange::new(i, i + 4));
            }
        }
        // The slip "£3,019 .52": a space before the point.
        Some(b' ') if bytes.get(i + 1) == Some(&b'.') && pence_at(bytes, i + 2) => {
            fraction = Some(TextRange::new(i, i + 4));
        }
        Some(b',') => {
            let n = digits(&bytes[i + 1..]);
            if (1..=2).contains(&n)
                && !bytes
                    .get(i + 1 + n)
                    .is_some_and(|b| matches!(b, b',' | b'.') || b.is_ascii_alphanumeric())
            {
                fraction = Some(TextRange::new(i, i + 1 + n));
            }
        }
        _ => {}
    }
    let figures_end = fraction.map_or(units.end, |fraction| fraction.end);
    let scale = scale_after(text, figures_end);
    Some(Amount {
        range: TextRange::new(start, scale.map_or(figures_end, |scale| scale.end)),
        currency,
        units,
        fraction,
        scale,
        quoted: false,
    })
}

/// A scale word just after a sum's figures, joined to them or parted by a
/// space, a hyphen or a line end: "m", " million", "-million", " B".
fn scale_after(text: &str, end: usize) -> Option<TextRange> {
    let rest = &text[end..];
    let gap = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_whitespace() || c == '-'))
        .map_or(rest.len(), |(at, _)| at);
    if gap > 4 || rest[..gap].matches('\n').count() > 1 {
        return None;
    }
    let word_len = rest[gap..]
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len() - gap, |(at, _)| at);
    let word = &rest[gap..gap + word_len];
    SCALES
        .iter()
        .any(|scale| word.eq_ignore_ascii_case(scale))
        .then(|| TextRange::new(end + gap, end + gap + word_len))
}

#[cfg(test)]
mod tests {
    /// A sum as read: its text, its figures, its decimal part and its scale.
    type Read = (String, String, Option<String>, Option<String>);

    fn amounts(text: &str) -> Vec<Read> {
        crate::syntax::parse(text)
            .amounts
            .iter()
            .map(|a| {
                (
                    a.range.of(text).to_owned(),
                    a.units.of(text).to_owned(),
                    a.fraction.map(|f| f.of(text).to_owned()),
                    a.scale.map(|s| s.of(text).to_owned()),
                )
            })
            .collect()
    }

    fn read(all: &str, units: &str, fraction: Option<&str>, scale: Option<&str>) -> Read {
        (
            all.to_owned(),
            units.to_owned(),
            fraction.map(str::to_owned),
            scale.map(str::to_owned),
        )
    }

    #[test]
    fn reads_the_sums_minutes_write() {
        let text = "Paid £1,234.56 and £12, then $40.00 and € 40; GBP 250 and £3.5m.\n\
                    A grant of £14.4 billion, and -£101.75 back.\n";
        assert_eq!(
            amounts(text),
            vec![
                read("£1,234.56", "1,234", Some(".56"), None),
                read("£12", "12", None, None),
                read("$40.00", "40", Some(".00"), None),
                read("€ 40", "40", None, None),
                read("GBP 250", "250", None, None),
                read("£3.5m", "3", Some(".5"), Some("m")),
                read("£14.4 billion", "14", Some(".4"), Some("billion")),
                read("£101.75", "101", Some(".75"), None),
            ]
        );
    }

    #[test]
    fn reads_the_slips_as_one_sum() {
        let text = "Paid £696. 56 - agreed, £30, 000 for it, and £70,00 plus VAT.\n\
                    Then £104. 58: and £3,019 .52; at £5. 10.30 am.\n\
                    It cost £5. The 12 members; £10, 20 or 30; £1,20,000.\n";
        assert_eq!(
            amounts(text),
            vec![
                read("£696. 56", "696", Some(". 56"), None),
                read("£30, 000", "30, 000", None, None),
                read("£70,00", "70", Some(",00"), None),
                read("£104. 58", "104", Some(". 58"), None),
                read("£3,019 .52", "3,019", Some(" .52"), None),
                read("£5", "5", None, None),
                read("£5", "5", None, None),
                read("£10", "10", None, None),
                read("£1", "1", None, None),
            ]
        );
    }

    #[test]
    fn never_reads_a_word_as_a_code() {
        let text = "The EURO fund, USDA and GBPX; £ and $ alone; £x.\n";
        assert!(amounts(text).is_empty());
    }
}
