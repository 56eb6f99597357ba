//! Low-level token helpers shared by the parsers: white space, word boundaries, keywords and
//! look-ups in the lexicon tries, each as a nom-style parser over `&str`.

use crate::error::{Res, fail};
use crate::lexicon::{SPACE_CLASS, Trie, is_word_char_at, space_len};

/// Whether byte `i` of `b` exists and can begin the white space [`ws0`] skips: a space or a line
/// break ([`SPACE_CLASS`]).
#[inline(always)]
fn space_starts_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|&c| SPACE_CLASS[usize::from(c)] != 0)
}

/// Skips spaces, tabs, no-break spaces and at most one line break. Never fails.
#[inline(always)]
pub(crate) fn ws0(i: &str) -> &str {
    let b = i.as_bytes();
    // Most calls stand at a word already: no byte that can begin white space, nothing to skip.
    if !space_starts_at(b, 0) {
        return i;
    }
    // The next commonest: one space before a word.
    if b[0] == b' ' && !space_starts_at(b, 1) {
        return &i[1..];
    }
    ws0_general(i)
}

/// [`ws0`] without its shortcuts.
fn ws0_general(i: &str) -> &str {
    let b = i.as_bytes();
    let mut p = 0;
    let mut newlines = 0;
    loop {
        let n = space_len(b, p);
        if n > 0 {
            p += n;
            continue;
        }
        match b.get(p) {
            Some(b'\n') if newlines == 0 => {
                newlines += 1;
                p += 1;
            }
            Some(b'\r') if b.get(p + 1) == Some(&b'\n') && newlines == 0 => {
                newlines += 1;
                p += 2;
            }
            _ => break,
        }
    }
    &i[p..]
}

/// A case-insensitive (ASCII) keyword that ends at a word boundary, after optional white space.
/// Call [`Kw::parse`] on it, as on a nom parser.
pub(crate) fn kw(word: &'static str) -> Kw {
    Kw(word)
}

/// The keyword parser made by [`kw`]. An inherent `parse`, not a nom closure, so that it can be
/// inlined: the grammar tries hundreds of thousands of keywords a MB, nearly all failing at the
/// first letter.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Kw(&'static str);

impl Kw {
    /// The keyword at the start of `i` (after optional white space) and the rest of the input.
    #[inline(always)]
    pub(crate) fn parse<'a>(&self, i: &'a str) -> Res<'a, &'a str> {
        let word = self.0;
        let start = ws0(i);
        let n = word.len();
        // Most calls fail at the first letter.
        if start.as_bytes().first().map(u8::to_ascii_lowercase)
            != word.as_bytes().first().map(u8::to_ascii_lowercase)
        {
            return fail(start, "a word");
        }
        let matches = start.len() >= n
            && start.as_bytes()[..n].eq_ignore_ascii_case(word.as_bytes())
            && start.is_char_boundary(n);
        if !matches {
            return fail(start, "a word");
        }
        let last_is_word = word
            .as_bytes()
            .last()
            .is_some_and(|b| b.is_ascii_alphanumeric());
        if last_is_word && is_word_char_at(start, n) {
            return fail(start, "a word");
        }
        Ok((&start[n..], &start[..n]))
    }
}

/// The longest phrase of `trie` at `i` (after optional white space) accepted by `pred`.
pub(crate) fn lookup<'a, 't, T>(
    trie: &'t Trie<T>,
    i: &'a str,
    pred: impl Fn(&T) -> bool,
    expected: &'static str,
) -> Res<'a, &'t T> {
    let start = ws0(i);
    match trie.find(start, pred) {
        Some((len, v)) => Ok((&start[len..], v)),
        None => fail(start, expected),
    }
}

/// True when `i` starts with an ASCII digit.
pub(crate) fn starts_digit(i: &str) -> bool {
    i.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

/// The word that ends right before byte `pos` of `full` (skipping white space), with its start.
/// A word here is a run of letters, digits, '.', '\'', '-' and '&'.
pub(crate) fn word_before(full: &str, pos: usize) -> Option<(usize, &str)> {
    // ASCII bytes are read directly; at the first other byte the characters are decoded.
    let b = full.as_bytes();
    let mut end = pos;
    while end > 0 && matches!(b[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
        end -= 1;
    }
    let mut start = end;
    while start > 0 {
        match b[start - 1] {
            c if c.is_ascii_alphanumeric() || matches!(c, b'.' | b'\'' | b'-' | b'&') => start -= 1,
            0x80.. => return word_before_by_chars(full, pos),
            _ => break,
        }
    }
    (start < end).then(|| (start, &full[start..end]))
}

/// [`word_before`] character by character.
fn word_before_by_chars(full: &str, pos: usize) -> Option<(usize, &str)> {
    let head = &full[..pos];
    let trimmed = head.trim_end_matches([' ', '\t', '\u{a0}', '\n', '\r']);
    let end = trimmed.len();
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '-' | '&' | '§'))
        .last()
        .map(|(i, _)| i)?;
    Some((start, &full[start..end]))
}

/// True when byte `pos` of `full` begins a sentence: only white space, bullets or opening marks
/// stand between it and the start of the text, a line break, or a sentence-ending mark.
pub(crate) fn starts_sentence(full: &str, pos: usize) -> bool {
    for c in full[..pos].chars().rev() {
        match c {
            ' ' | '\t' | '\u{a0}' | '"' | '“' | '‘' | '\'' | '(' | '[' | '•' | '*' | '–' | '—' =>
            {
                continue;
            }
            '\n' | '.' | '!' | '?' | ':' | ';' => return true,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{word_before, word_before_by_chars, ws0, ws0_general};

    /// `word_before` finds what the character loop finds, before every character of news (in
    /// three cases) and of text with non-ASCII letters, no-break spaces and "§".
    #[test]
    fn word_before_agrees_with_the_character_loop() {
        let odd = "naïve 5 café\u{a0}7 § 12 Zürich's 3 x–4 a\u{a0} 9 \n\r 8 é.5 AT&T 6 '5 ";
        for text in crate::test_support::news_in_three_cases(40_000)
            .into_iter()
            .chain([odd.to_string()])
        {
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                let from: String = text[..pos].chars().rev().take(30).collect();
                assert_eq!(
                    word_before(&text, pos),
                    word_before_by_chars(&text, pos),
                    "{from:?}"
                );
            }
        }
    }

    /// The shortcuts of `ws0` (nothing to skip; one space before a word) give what the general
    /// loop gives, on every kind of white space and what follows it, three pieces deep.
    #[test]
    fn ws0_shortcuts_agree_with_the_general_loop() {
        let pieces = [
            "", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{a0}", "\u{2009}", "\u{202f}", "\u{2014}",
            "\u{c2}", "a", "5", "$", "-", "x", "\u{e9}", "\x0b", "\x0c",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(ws0(&s).as_ptr(), ws0_general(&s).as_ptr(), "{s:?}");
                    assert_eq!(ws0(&s), ws0_general(&s), "{s:?}");
                }
            }
        }
    }

    /// White space as the tries match it, at most one line break; the early return for input
    /// that starts at a word changes nothing.
    #[test]
    fn ws0_skips_spaces_and_one_line_break() {
        for (input, rest) in [
            ("5 kg", "5 kg"),
            ("kg", "kg"),
            ("", ""),
            ("  \t5", "5"),
            ("\u{a0}5", "5"),
            ("\u{2009}\u{202f}5", "5"),
            ("\u{2014}5", "\u{2014}5"),
            ("\u{e9}5", "\u{e9}5"),
            (" \n 5", "5"),
            ("\r\n5", "5"),
            ("\n\n5", "\n5"),
            ("\r5", "\r5"),
        ] {
            assert_eq!(ws0(input), rest, "{input:?}");
        }
    }
}
