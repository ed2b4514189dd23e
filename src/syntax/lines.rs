//! The first pass: lines, front matter, list markers, and the grouping of
//! lines into blocks (paragraphs and list items).

use super::model::{Line, LineKind, ListMarker, MarkerKind, NumberStyle};
use crate::text::TextRange;

/// Splits `text` into lines at `\n`, `\r\n` or a lone `\r`, and classifies each.
pub fn split_lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 40 + 1);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            None => break,
            Some(found) => {
                let end = i + found;
                lines.push(make_line(text, TextRange::new(start, end)));
                i = end + 1;
                if bytes[end] == b'\r' && bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                start = i;
            }
        }
    }
    lines.push(make_line(text, TextRange::new(start, bytes.len())));
    mark_front_matter(text, &mut lines);
    lines
}

fn make_line(text: &str, range: TextRange) -> Line {
    // Most lines are empty, or open with a letter or a digit and end in a
    // printed character: nothing to trim or strip, and plainly blank or not.
    let bytes = range.of(text).as_bytes();
    let kind = match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if first.is_ascii_alphanumeric() && last.is_ascii_graphic() => {
            Some(LineKind::Text)
        }
        (None, _) => Some(LineKind::Blank),
        _ => None,
    };
    if let Some(kind) = kind {
        return Line {
            range,
            content: range,
            kind,
        };
    }
    let content = line_content(text, range);
    let blank = is_blank(content.of(text));
    Line {
        range,
        content,
        kind: if blank {
            LineKind::Blank
        } else {
            LineKind::Text
        },
    }
}

/// The line trimmed of white space, block quote marks and Markdown heading marks.
fn line_content(text: &str, range: TextRange) -> TextRange {
    // A byte-order mark at the start of the file is not part of the text.
    let range = match range.of(text).strip_prefix('\u{feff}') {
        Some(_) => TextRange::new(range.start + '\u{feff}'.len_utf8(), range.end),
        None => range,
    };
    let mut content = crate::text::trim_range(text, range);
    loop {
        let slice = content.of(text);
        let stripped = if let Some(rest) = slice.strip_prefix('>') {
            rest
        } else if slice.starts_with('#') {
            let rest = slice.trim_start_matches('#');
            if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                rest
            } else {
                break;
            }
        } else {
            break;
        };
        let start = content.end - stripped.len();
        content = crate::text::trim_range(text, TextRange::new(start, content.end));
    }
    content
}

/// Nothing but white space, a lone pandoc line break, or an empty HTML comment.
fn is_blank(content: &str) -> bool {
    let content = content.trim();
    content.is_empty()
        || content == "\\"
        || content == "&nbsp;"
        || content
            .chars()
            .all(|c| c == '*' || c == '_' || c.is_whitespace())
            && content.len() <= 4
        || (content.starts_with("<!--")
            && content.ends_with("-->")
            && content[4..content.len() - 3].trim().is_empty())
}

/// Marks YAML front matter: a `---` line among the first lines, closed by
/// another `---` line, with `key: value` lines between.
fn mark_front_matter(text: &str, lines: &mut [Line]) {
    let mut non_blank_seen = 0;
    let mut open = None;
    for (index, line) in lines.iter().enumerate().take(8) {
        if line.kind == LineKind::Blank {
            continue;
        }
        if line.range.of(text).trim_end() == "---" {
            open = Some(index);
            break;
        }
        non_blank_seen += 1;
        if non_blank_seen > 2 {
            return;
        }
    }
    let Some(open) = open else { return };
    let close = lines
        .iter()
        .enumerate()
        .skip(open + 1)
        .take(80)
        .find(|(_, line)| {
            line.range.of(text).trim_end() == "---" || line.range.of(text).trim_end() == "..."
        })
        .map(|(index, _)| index);
    let Some(close) = close else { return };
    let looks_like_yaml = lines[open + 1..close].iter().all(|line| {
        let slice = line.range.of(text);
        slice.trim().is_empty()
            || slice.contains(':')
            || slice.trim_start().starts_with('-')
            || slice.starts_with(' ')
    });
    if looks_like_yaml && close > open + 1 {
        for line in &mut lines[open..=close] {
            line.kind = LineKind::FrontMatter;
        }
    }
}

/// Reads a list marker at the start of `content`, returning it and where
/// the text after it starts.
pub fn list_marker(text: &str, content: TextRange) -> Option<(ListMarker, usize)> {
    let slice = content.of(text);
    let (kind, len) = marker_kind(slice)?;
    let rest = &slice[len..];
    // A marker is followed by white space (non-breaking spaces count) or ends the line.
    let after_ws = rest.trim_start();
    if !rest.is_empty() && after_ws.len() == rest.len() {
        return None;
    }
    let marker = ListMarker {
        range: TextRange::new(content.start, content.start + len),
        kind,
    };
    Some((marker, content.end - after_ws.len()))
}

fn marker_kind(slice: &str) -> Option<(MarkerKind, usize)> {
    let bytes = slice.as_bytes();
    let first = *bytes.first()?;
    // Bullets, escaped or not. Each opens with one of these bytes; a line
    // opening with a letter or a digit is settled without trying them.
    let may_be_bullet = matches!(first, b'\\' | b'-' | b'*' | b'+' | 0xC2 | 0xE2);
    let bullets = [
        "\\*", "\\-", "-", "*", "+", "•", "·", "‣", "▪", "◦", "–", "—",
    ];
    for bullet in bullets.into_iter().take_while(|_| may_be_bullet) {
        if let Some(rest) = slice.strip_prefix(bullet) {
            if rest.starts_with(char::is_whitespace) {
                let ch = bullet.trim_start_matches('\\').chars().next().unwrap();
                return Some((MarkerKind::Bullet(ch), bullet.len()));
            }
        }
    }
    if first.is_ascii_digit() {
        return numeric_marker(slice);
    }
    if first == b'(' {
        // (1), (a), (iv)
        let close = slice[1..].find(')')? + 1;
        let inner = &slice[1..close];
        let len = close + 1;
        let len = if slice[len..].starts_with('.') {
            len + 1
        } else {
            len
        };
        return letter_or_number(inner, NumberStyle::Enclosed).map(|kind| (kind, len));
    }
    if first.is_ascii_alphabetic() {
        // a) A: iv) a.
        let word_len = slice.bytes().take_while(u8::is_ascii_alphabetic).count();
        if word_len > 4 {
            return None;
        }
        let word = &slice[..word_len];
        let style = match slice.as_bytes().get(word_len) {
            Some(b')') => NumberStyle::Paren,
            Some(b':') if word_len == 1 && first.is_ascii_uppercase() => NumberStyle::Colon,
            Some(b'.') if word_len == 1 && first.is_ascii_lowercase() => NumberStyle::Dot,
            _ => return None,
        };
        return letter_or_number(word, style).map(|kind| (kind, word_len + 1));
    }
    None
}

fn numeric_marker(slice: &str) -> Option<(MarkerKind, usize)> {
    let digits = slice.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 4 {
        return None;
    }
    let value: u32 = slice[..digits].parse().ok()?;
    let rest = &slice[digits..];
    // 118.2, 6.1, 3.1.1 (a paragraph number), unless it reads as a time or an amount.
    let mut parts = vec![value];
    let mut at = digits;
    while slice[at..].starts_with('.') {
        let more = slice[at + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if more == 0 || more > 3 {
            break;
        }
        parts.push(slice[at + 1..at + 1 + more].parse().ok()?);
        at += 1 + more;
    }
    if parts.len() > 1 {
        let after = &slice[at..];
        let after = after.strip_prefix('.').unwrap_or(after);
        let len = slice.len() - after.len();
        if after.is_empty() || after.starts_with(char::is_whitespace) {
            return Some((MarkerKind::Paragraph { parts }, len));
        }
        return None;
    }
    for (suffix, style) in [
        ("\\.", NumberStyle::Dot),
        (".", NumberStyle::Dot),
        (")", NumberStyle::Paren),
    ] {
        if rest.starts_with(suffix) {
            return Some((MarkerKind::Number { value, style }, digits + suffix.len()));
        }
    }
    // A bare number: alone, or followed by a tab or two spaces.
    if rest.trim().is_empty()
        || rest.starts_with('\t')
        || rest.starts_with("  ")
        || rest.starts_with('\u{a0}')
    {
        return Some((
            MarkerKind::Number {
                value,
                style: NumberStyle::Bare,
            },
            digits,
        ));
    }
    None
}

fn letter_or_number(inner: &str, style: NumberStyle) -> Option<MarkerKind> {
    if inner.is_empty() || inner.len() > 4 {
        return None;
    }
    if inner.bytes().all(|b| b.is_ascii_digit()) {
        return Some(MarkerKind::Number {
            value: inner.parse().ok()?,
            style,
        });
    }
    if !inner.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let lower = inner.to_ascii_lowercase();
    // "i", "v" and "x" alone are read as letters only where the list says so;
    // longer runs of i, v, x are Roman numerals.
    if inner.len() > 1 {
        if lower.bytes().all(|b| matches!(b, b'i' | b'v' | b'x')) {
            return super::lexicon::roman_value(&lower)
                .map(|value| MarkerKind::Roman { value, style });
        }
        return None;
    }
    if lower == "i" && style != NumberStyle::Colon {
        return Some(MarkerKind::Roman { value: 1, style });
    }
    let ch = inner.chars().next()?;
    Some(MarkerKind::Letter {
        value: (ch.to_ascii_lowercase() as u32) - ('a' as u32) + 1,
        upper: ch.is_ascii_uppercase(),
        style,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(line: &str) -> Option<MarkerKind> {
        list_marker(line, TextRange::new(0, line.len())).map(|(marker, _)| marker.kind)
    }

    #[test]
    fn reads_list_markers() {
        assert_eq!(
            marker("1.\u{a0} \u{a0}That"),
            Some(MarkerKind::Number {
                value: 1,
                style: NumberStyle::Dot
            })
        );
        assert_eq!(
            marker("6\\. Matters"),
            Some(MarkerKind::Number {
                value: 6,
                style: NumberStyle::Dot
            })
        );
        assert_eq!(
            marker("276."),
            Some(MarkerKind::Number {
                value: 276,
                style: NumberStyle::Dot
            })
        );
        assert_eq!(
            marker("(b) That"),
            Some(MarkerKind::Letter {
                value: 2,
                upper: false,
                style: NumberStyle::Enclosed
            })
        );
        assert_eq!(
            marker("A:        Welcomes"),
            Some(MarkerKind::Letter {
                value: 1,
                upper: true,
                style: NumberStyle::Colon
            })
        );
        assert_eq!(
            marker("(ii) the"),
            Some(MarkerKind::Roman {
                value: 2,
                style: NumberStyle::Enclosed
            })
        );
        assert_eq!(
            marker("118.2 RESOLVED"),
            Some(MarkerKind::Paragraph {
                parts: vec![118, 2]
            })
        );
        assert_eq!(marker("-       That"), Some(MarkerKind::Bullet('-')));
        assert_eq!(marker("\\* item"), Some(MarkerKind::Bullet('*')));
        assert_eq!(marker("**Bold**"), None);
        assert_eq!(marker("10.00am start"), None);
        assert_eq!(marker("2019 was"), None);
        assert_eq!(marker("A. Smith"), None);
    }

    #[test]
    fn finds_front_matter_after_a_source_line() {
        let text = "Source: x\n\n---\ntitle: \"T\"\n---\n\nBody\n";
        let lines = split_lines(text);
        let kinds: Vec<LineKind> = lines.iter().map(|line| line.kind).collect();
        assert_eq!(kinds[2], LineKind::FrontMatter);
        assert_eq!(kinds[4], LineKind::FrontMatter);
        assert_eq!(kinds[6], LineKind::Text);
    }

    #[test]
    fn non_breaking_space_lines_are_blank() {
        let text = "a\n\u{a0}\r\n<!-- -->\nb";
        let kinds: Vec<LineKind> = split_lines(text).iter().map(|line| line.kind).collect();
        assert_eq!(
            kinds,
            vec![
                LineKind::Text,
                LineKind::Blank,
                LineKind::Blank,
                LineKind::Text
            ]
        );
    }
}
