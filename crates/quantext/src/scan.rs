//! Finding quantity expressions in running text.
//!
//! The scanner walks the text once. Only at *candidate* positions — a digit or a currency sign at
//! the start of a word, or a word that can begin an expression ("more", "about", "twenty",
//! "hundreds", "up") — does it run the expression parser; everything else is skipped byte by byte.
//! A successful parse is checked against the filters that keep non-quantities out: years,
//! dates, clock times, ordinals, identifiers ("Section 427", "COVID-19", "Title 42"), scores
//! ("won 3-1"), the pronoun "one", and ratio words used as other parts of speech. Matches never
//! overlap; the scan resumes after each match, so a longer expression always wins over the numbers
//! inside it.

use std::sync::Arc;

use crate::error::ParseError;
use crate::expr::{Ctx, Meta, Parsed, expression};
use crate::lexicon::{Case, Lexicon, Trie, WordClass, is_word_char_at};
use crate::model::{Kind, Quantity, Unit};
use crate::number::Number;
use crate::numeral::Form;
use crate::tokens::{starts_sentence, word_before, ws0};

/// Extraction options: which non-quantities to report anyway, and extra units or counted things.
///
/// ```
/// use quantext::{Extractor, Kind};
/// let ex = Extractor::new().include_years(true);
/// let found = ex.extract("Seizures rose in 2022.");
/// assert_eq!(found[0].kind, Kind::Year);
///
/// let ex = Extractor::new().with_entity("pill presses");
/// assert_eq!(ex.extract("2,200 pill presses")[0].entity.as_deref(), Some("pill presses"));
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    lex: Arc<Lexicon>,
    entities: Option<Arc<Trie<()>>>,
    include_years: bool,
    include_ordinals: bool,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// The default extractor: built-in lexicon, no years, dates or ordinals reported.
    pub fn new() -> Extractor {
        Extractor {
            lex: Lexicon::builtin().clone(),
            entities: None,
            include_years: false,
            include_ordinals: false,
        }
    }

    /// Report calendar years ("in 2022") as quantities of kind [`Kind::Year`].
    pub fn include_years(mut self, yes: bool) -> Extractor {
        self.include_years = yes;
        self
    }

    /// Report ordinals ("19th") as quantities of kind [`Kind::Ordinal`].
    pub fn include_ordinals(mut self, yes: bool) -> Extractor {
        self.include_ordinals = yes;
        self
    }

    /// Adds a unit, with case-insensitive `words` ("smoot", "smoots") and case-sensitive
    /// `symbols` ("sm").
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use quantext::{Dimension, Extractor, Unit};
    /// let smoot = Unit {
    ///     name: Cow::Borrowed("smoot"),
    ///     dimension: Dimension::Length,
    ///     symbol: Cow::Borrowed("smoot"),
    ///     si_unit: Some(Cow::Borrowed("m")),
    ///     si_factor: Some(1.7018),
    ///     si_offset: 0.0,
    /// };
    /// let ex = Extractor::new().with_unit(smoot, &["smoot", "smoots"], &[]);
    /// let q = &ex.extract("The bridge is 364.4 smoots long.")[0];
    /// assert_eq!(q.unit.as_ref().unwrap().name, "smoot");
    /// ```
    pub fn with_unit(mut self, unit: Unit, words: &[&str], symbols: &[&str]) -> Extractor {
        Arc::make_mut(&mut self.lex).add_unit(unit, words.iter().copied(), symbols.iter().copied());
        self
    }

    /// Declares a counted thing ("pill presses"): after a number it is taken whole as the
    /// entity, before the built-in heuristics.
    pub fn with_entity(mut self, phrase: &str) -> Extractor {
        let trie = self
            .entities
            .get_or_insert_with(|| Arc::new(Trie::default()));
        Arc::make_mut(trie).insert(phrase, Case::Insensitive, ());
        self
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            lex: &self.lex,
            entities: self.entities.as_deref(),
            memo: None,
        }
    }

    /// Parses `expr` as one quantity expression; see [`crate::parse`].
    pub fn parse(&self, expr: &str) -> Result<Quantity, ParseError> {
        let start = expr.len() - expr.trim_start().len();
        let result = expression(self.ctx(), &expr[start..]);
        match result {
            Ok((rest, (parsed, _))) => {
                let end = expr.len() - rest.len();
                if parsed.meta.time_of_day {
                    return Err(ParseError::new(expr, start, "a quantity, not a clock time"));
                }
                if parsed.meta.ordinal && !self.include_ordinals {
                    return Err(ParseError::new(expr, start, "a quantity, not an ordinal"));
                }
                let trailing = ws0(rest);
                if !trailing.trim().is_empty() {
                    return Err(ParseError::new(
                        expr,
                        expr.len() - trailing.len(),
                        "end of input",
                    ));
                }
                let mut q = parsed.quantity;
                if parsed.meta.ordinal {
                    q.kind = Kind::Ordinal;
                }
                q.start = start;
                q.end = end;
                q.text = expr[start..end].to_string();
                Ok(q)
            }
            Err(nom::Err::Error(f) | nom::Err::Failure(f)) => {
                let offset = expr.len() - f.at.len();
                Err(ParseError::new(expr, offset, f.expected))
            }
            Err(nom::Err::Incomplete(_)) => Err(ParseError::new(expr, expr.len(), "more input")),
        }
    }

    /// Every quantity in `text`, in order, non-overlapping, with byte spans into `text`.
    pub fn extract(&self, text: &str) -> Vec<Quantity> {
        let mut found = Vec::new();
        let mut it = self.iter(text);
        while it
            .scan_next::<false, _>(usize::MAX, |q| found.push(q))
            .is_some()
        {}
        found
    }

    /// An iterator over the quantities in `text` (lazy: scanning stops when you stop).
    pub fn iter<'e, 't>(&'e self, text: &'t str) -> Quantities<'e, 't> {
        Quantities {
            extractor: self,
            text,
            pos: 0,
            block: None,
            word_before: None,
        }
    }
}

/// The iterator returned by [`Extractor::iter`] and [`crate::extract_iter`].
#[derive(Debug, Clone)]
pub struct Quantities<'e, 't> {
    extractor: &'e Extractor,
    text: &'t str,
    pos: usize,
    /// The candidate mask of the last 64-byte block looked at, and where the block starts.
    block: Option<(usize, u64)>,
    /// The last answer of `word_before_number`: the number's start, and the word's start and
    /// length with what it says. The shortcuts ask it before the grammar runs, `judge` after,
    /// about the same number.
    word_before: Option<WordBeforeAt>,
}

/// A remembered answer of `Quantities::word_before_number`: where the number starts, and the
/// word's start, length and classes.
type WordBeforeAt = (usize, Option<(usize, usize, WordBefore)>);

/// What the word right before a number says about it (see `Quantities::word_before_number`).
#[derive(Debug, Clone, Copy)]
struct WordBefore {
    /// Only spaces stand between the word and the number.
    adjacent: bool,
    /// A capitalised month name: "January 20" is a date.
    month: bool,
    /// A month, a label ("Section", "Title") or a capitalised word that does not begin a
    /// sentence: the number is part of a name or a date, unless it has a unit.
    names: bool,
}

/// What the filters decided about a parsed candidate.
///
/// The quantity itself stays where it was parsed, changed in place: moving a `Quantity` (384
/// bytes) through the filters cost a copy at each step, three or four for every quantity found.
enum Verdict {
    /// A quantity, spanning these byte offsets of the text.
    Emit { start: usize, end: usize },
    /// Not a quantity; resume scanning at this byte offset.
    Skip(usize),
}

/// Whether a non-letter at byte `p` can begin an expression: a digit, a sign or a decimal point
/// before a digit, "$", "~", "<" or ">", or a non-ASCII currency sign, minus sign or vulgar fraction. Curly
/// quotes and dashes, the commonest non-ASCII characters of news text, are not.
fn is_candidate_byte(text: &str, p: usize) -> bool {
    let b = text.as_bytes();
    match b[p] {
        c if c.is_ascii_digit() => true,
        b'$' | b'~' => true,
        // Not inside "<>", "=>", "=<", "->" (operators and arrows, not bounds).
        b'<' | b'>' => p == 0 || !matches!(b[p - 1], b'<' | b'>' | b'=' | b'-' | b'!'),
        // ".08" only where a number can begin, not in "wait...5" or "3..5".
        b'.' => {
            b.get(p + 1).is_some_and(u8::is_ascii_digit)
                && (p == 0 || !(b[p - 1] == b'.' || b[p - 1].is_ascii_alphanumeric()))
        }
        b'-' | b'+' => {
            b.get(p + 1).is_some_and(u8::is_ascii_digit)
                || b.get(p + 1) == Some(&b'.') && b.get(p + 2).is_some_and(u8::is_ascii_digit)
        }
        c if c >= 0x80 => {
            let Some(c) = text[p..].chars().next() else {
                return false;
            };
            !matches!(c, '“' | '”' | '‘' | '’' | '—' | '–' | '…' | '\u{a0}' | '•')
        }
        _ => false,
    }
}

/// Whether one to three capitalised words and a street type follow ("Random Street", "Martin
/// Luther King Jr. Boulevard" is too long and stays a number).
fn street_after(lex: &Lexicon, after: &str) -> bool {
    let mut r = after;
    for words in 0..4 {
        let next = r.trim_start_matches(' ');
        if next.len() == r.len() || !next.starts_with(|c: char| c.is_ascii_uppercase()) {
            return false;
        }
        if words > 0
            && let Some(len) = lex.word_class(next, WordClass::Street)
            && !is_word_char_at(next, len)
        {
            return true;
        }
        let len = next.bytes().take_while(u8::is_ascii_alphabetic).count();
        r = &next[len..];
    }
    false
}

/// When the text before `start` is only a minus sign and spaces ("- 1,200,000" at the start of
/// the text): the offset of the sign.
fn spaced_minus(text: &str, start: usize) -> Option<usize> {
    let head = &text[..start];
    let trimmed = head.trim_start();
    let after_sign = trimmed.strip_prefix(['-', '−'])?;
    let spaces = !after_sign.is_empty() && after_sign.bytes().all(|b| b == b' ' || b == b'\t');
    spaces.then_some(head.len() - trimmed.len())
}

/// The end of the token that starts at `pos` (up to the next white space).
fn token_end(text: &str, pos: usize) -> usize {
    let b = text.as_bytes();
    let mut p = pos;
    while p < b.len() && !b[p].is_ascii_whitespace() {
        p += 1;
    }
    // Stay on a char boundary.
    while p < b.len() && !text.is_char_boundary(p) {
        p += 1;
    }
    p.max(pos + 1).min(text.len())
}

/// The end of the word starting at `pos` (letters and digits).
fn word_end(text: &str, pos: usize) -> usize {
    let mut p = pos;
    for c in text[pos..].chars() {
        if c.is_alphanumeric() {
            p += c.len_utf8();
        } else {
            break;
        }
    }
    if p == pos {
        p += text[pos..].chars().next().map_or(1, char::len_utf8);
    }
    p
}

/// True when the entity read after a lone "one" is a single lowercase word ending in "s" (not
/// "ss", "us", "is", nor a singular noun of the `singular_s` class of words.tsv such as "series"
/// or "species"): "one costs", "one experiences" have a verb there, since "one" takes no plural
/// noun ("one or more conditions" is no lone "one").
fn verb_after_one(lex: &Lexicon, entity: &str) -> bool {
    entity.bytes().all(|b| b.is_ascii_lowercase())
        && entity.ends_with('s')
        && !["ss", "us", "is"].iter().any(|e| entity.ends_with(e))
        && lex.word_class(entity, WordClass::SingularS) != Some(entity.len())
}

/// A cheap first test for `plus_minus_before`: the text before `start` ends with "±", "-", "/",
/// " or" or "minus" (spaces aside).
fn may_follow_plus_minus(text: &str, start: usize) -> bool {
    let mut e = start;
    while e > 0 && text.as_bytes()[e - 1] == b' ' {
        e -= 1;
    }
    let head = &text.as_bytes()[..e];
    let ends =
        |w: &[u8]| head.len() >= w.len() && head[head.len() - w.len()..].eq_ignore_ascii_case(w);
    match head.last() {
        Some(0xB1 | b'-' | b'/') => true,
        Some(b'r' | b'R') => ends(b" or"),
        Some(b's' | b'S') => ends(b"minus"),
        _ => false,
    }
}

/// Where "±", "+/-" or "plus or minus" begins right before a plain quantity that starts at
/// `start` (a value with no bound, hedge or change, not zero): "±3%", "plus or minus 3 points" (the
/// quantity is "minus 3 points" there), "+/-3" (the quantity is "-3"). The span takes in the sign
/// only after a function word, punctuation or the start of the text: in "0 doses plus or minus 2"
/// the quantity before took "plus" ("N plus" is at least N) and the span stays "minus 2".
#[inline(never)]
fn plus_minus_before(lex: &Lexicon, text: &str, start: usize, q: &Quantity) -> Option<usize> {
    let v = q.value?;
    let plain = q.lower.is_some_and(|b| b.inclusive && b.value == v)
        && q.upper.is_some_and(|b| b.inclusive && b.value == v)
        && !q.approximate
        && q.change.is_none()
        && v != Number::ZERO
        && !matches!(q.kind, Kind::Ratio | Kind::Age | Kind::Year | Kind::Ordinal);
    if !plain {
        return None;
    }
    let head = text[..start].trim_end_matches([' ', '\u{a0}']);
    let ends_with_words = |h: &str, w: &str| {
        let Some(at) = h.len().checked_sub(w.len()) else {
            return false;
        };
        h.is_char_boundary(at)
            && h[at..].eq_ignore_ascii_case(w)
            && h[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    };
    // The sign begins the span when nothing before it can have ended a quantity ("5 kg+" is at
    // least 5 kg).
    let words_start = |at: usize| {
        let before = text[..at].trim_end();
        let safe = match before.chars().next_back() {
            None => true,
            Some(c) if c.is_alphanumeric() => word_before(text, at).is_some_and(|(ws, w)| {
                ws + w.len() == before.len() && lex.word_class(w, WordClass::Stop) == Some(w.len())
            }),
            Some(c) => matches!(c, '.' | ',' | ';' | ':' | '(' | '!' | '?' | '—' | '–'),
        };
        if safe { at } else { start }
    };
    let rest = &text[start..];
    if v.is_negative() {
        // The numeral took the "minus": "plus or minus 3", "+/-3".
        let minus_word = rest
            .get(..5)
            .is_some_and(|w| w.eq_ignore_ascii_case("minus"));
        if minus_word && ends_with_words(head, "plus or") {
            return Some(words_start(head.len() - "plus or".len()));
        }
        if rest.starts_with('-') && text[..start].ends_with("+/") {
            return Some(words_start(start - 2));
        }
        return None;
    }
    if let Some(h) = head.strip_suffix('±').or_else(|| head.strip_suffix("+/-")) {
        return Some(words_start(h.len()));
    }
    ends_with_words(head, "plus or minus").then(|| words_start(head.len() - "plus or minus".len()))
}

/// True when a verb of turning (`turning` in words.tsv) stands right before byte `start`, or
/// before one word of `turning_link` there: "Rotate 90°", "turned by 180 degrees", "turn left 45
/// degrees".
fn turning_before(lex: &Lexicon, text: &str, start: usize) -> bool {
    let is = |w: &str, class| lex.word_class(w, class) == Some(w.len());
    match word_before(text, start) {
        Some((s, w)) if is(w, WordClass::TurningLink) => {
            word_before(text, s).is_some_and(|(_, w)| is(w, WordClass::Turning))
        }
        Some((_, w)) => is(w, WordClass::Turning),
        None => false,
    }
}

/// True for a word of ASCII letters and digits with at least one of each ("i7", "A320").
fn is_model_code(w: &str) -> bool {
    // Most words before a number have no digit: the cheap test first.
    w.bytes().any(|b| b.is_ascii_digit())
        && w.bytes().all(|b| b.is_ascii_alphanumeric())
        && w.bytes().any(|b| b.is_ascii_alphabetic())
}

/// The candidate mask of the 64 bytes of `bytes` from `at`
/// ([`candidates_at`](crate::classify::candidates_at)) without the words whose first three
/// letters begin no trigger, currency prefix or currency word
/// ([`has_initials`](crate::lexicon::has_initials)): four words in five of running text. The
/// test is made for the whole block at once
/// ([`words_without_initials`](crate::lexicon::words_without_initials)), without a branch on its
/// answer, which the scanner took at every word and which no predictor guesses well.
#[inline]
fn candidates_with_initials(bytes: &[u8], at: usize, initials: &crate::lexicon::Initials) -> u64 {
    let mask = crate::classify::candidates_at(bytes, at);
    mask & !crate::lexicon::words_without_initials(initials, bytes, at, mask)
}

impl<'t> Quantities<'_, 't> {
    fn is_word_start(&self, pos: usize) -> bool {
        if pos == 0 {
            return true;
        }
        // The byte before is almost always ASCII (a space): no UTF-8 decoding then.
        let prev = self.text.as_bytes()[pos - 1];
        if prev.is_ascii() {
            return !prev.is_ascii_alphanumeric() && prev != b'_';
        }
        self.text[..pos]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '_')
    }

    /// The first position at or after `from` where an expression may begin: a word that starts
    /// with a trigger ("more", "twenty", "up"; not a word such as "from" or "about" before a word
    /// that can begin no amount: [`Lexicon::may_begin_expression_packed`]) or with a currency
    /// code and digits ("USD5"), a
    /// digit, sign or non-ASCII candidate character at the start of a word, or a comparison sign
    /// anywhere ("x>10"). The text is looked at 64 bytes at a time through
    /// [`candidates_with_initials`], which keeps only bytes that can begin a word and, of the
    /// words, those whose first three letters may begin a trigger; each of these then costs one
    /// packed look-up. The last block's mask is kept for the next search, which mostly starts in
    /// the same block.
    fn next_candidate(&mut self, from: usize) -> Option<usize> {
        let text = self.text;
        let bytes = text.as_bytes();
        let lex = &self.extractor.lex;
        let initials = lex.trigger_initials();
        if from >= bytes.len() {
            return None;
        }
        let (mut base, mut mask) = match self.block {
            Some((base, mask)) if base <= from && from < base + 64 => {
                (base, mask & (u64::MAX << (from - base)))
            }
            _ => {
                let mask = candidates_with_initials(bytes, from, initials);
                self.block = Some((from, mask));
                (from, mask)
            }
        };
        loop {
            while mask != 0 {
                let p = base + mask.trailing_zeros() as usize;
                mask &= mask - 1;
                let b = bytes[p];
                let found = if b.is_ascii_alphabetic() {
                    // The block's mask holds only words whose first three letters may begin a
                    // trigger, a currency prefix or a currency word.
                    let packed = crate::lexicon::packed_letters(&bytes[p..]);
                    let mut letters = (71 - packed.leading_zeros() as usize) / 8;
                    if letters == 8 {
                        while bytes.get(p + letters).is_some_and(u8::is_ascii_alphabetic) {
                            letters += 1;
                        }
                    }
                    (lex.may_begin_expression_packed(&text[p..], packed, letters)
                        || bytes.get(p + letters).is_some_and(u8::is_ascii_digit)
                            && crate::unit::attached_code(lex, &text[p..]).is_some())
                        && self.is_word_start(p)
                } else if matches!(b, b'<' | b'>') {
                    is_candidate_byte(text, p)
                } else {
                    // The mask leaves out continuation bytes; the test keeps to char boundaries
                    // whatever the mask says.
                    text.is_char_boundary(p) && is_candidate_byte(text, p) && self.is_word_start(p)
                };
                if found {
                    return Some(p);
                }
            }
            base += 64;
            if base >= bytes.len() {
                return None;
            }
            mask = candidates_with_initials(bytes, base, initials);
            self.block = Some((base, mask));
        }
    }

    /// Where to resume after a candidate that [`judge`](Self::judge) is sure to skip whatever the
    /// grammar reads there, so that the grammar is not run (a ninth of the candidates of news
    /// text). Numbers of up to four digits followed by white space, or by one mark of punctuation
    /// (`,` `.` `)` `;` `:`) and white space, or by the end of the text, in three cases:
    ///
    /// - after a hyphen that follows a letter or a digit ("COVID-19 pandemic", "K-12");
    /// - a bare year with a mark after it, when years are not reported ("in 2021, the", "since
    ///   1990."); with only white space after it, a year may begin a range, take a unit or a
    ///   scale, and is parsed;
    /// - after a capitalised month name ("January 20, 2021", "May 5 people"), or with a mark
    ///   after it (so no unit), after a capitalised word or a label that names something
    ///   ("Title 42,", "Fort Worth 2.", "section 3."), as `judge` tells them apart.
    ///
    /// Ordinals ("May 5th") and attached units have letters after their digits. Every rule of
    /// `judge` that can apply to these skips them, to the end of their digits or of their token
    /// (the mark, where no expression begins in between), or further over words that begin no
    /// expression ("5 pm"). `tests::shortcuts_skip_as_the_grammar_does` compares them with the
    /// grammar.
    fn skip_without_parsing(&mut self, p: usize) -> Option<usize> {
        if !crate::fast_paths_on() {
            return None;
        }
        let b = self.text.as_bytes();
        let digits = b[p..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 4 {
            return None;
        }
        let end = p + digits;
        let mark = b
            .get(end)
            .copied()
            .filter(|c| matches!(c, b',' | b'.' | b')' | b';' | b':'));
        let after_mark = end + usize::from(mark.is_some());
        if !b.get(after_mark).is_none_or(u8::is_ascii_whitespace) {
            return None;
        }
        let lex = &self.extractor.lex;
        // A unit or currency the user added may begin with the mark.
        if mark.is_some_and(|m| lex.units.may_begin_with(m) || lex.currencies.may_begin_with(m)) {
            return None;
        }
        // "COVID-19": a code (and no "±", "+/-" or "plus or minus", which end otherwise).
        if p >= 2 && b[p - 1] == b'-' && b[p - 2].is_ascii_alphanumeric() {
            return Some(end);
        }
        if may_follow_plus_minus(self.text, p) {
            return None;
        }
        let year = digits == 4
            && mark.is_some()
            && !self.extractor.include_years
            && (1000..=2199).contains(
                &b[p..end]
                    .iter()
                    .fold(0u32, |v, d| v * 10 + u32::from(d - b'0')),
            );
        if year {
            return Some(end);
        }
        // A word right before: a cheap look at the bytes first, as this runs at every number
        // that is not a year.
        let mut e = p;
        while e > 0 && b[e - 1] == b' ' {
            e -= 1;
        }
        if e == p || e == 0 || !(b[e - 1].is_ascii_alphabetic() || b[e - 1] == b'.') {
            return None;
        }
        // `judge`'s two rules by words: a month, or a name with no unit (none follows a mark).
        let (_, before) = self.word_before_number(p)?;
        (before.adjacent && (before.month || before.names && mark.is_some())).then_some(end)
    }

    /// The word right before a number that starts at `start`, and what `judge`'s look-behind
    /// rules make of it.
    fn word_before_number(&mut self, start: usize) -> Option<(&'t str, WordBefore)> {
        let text = self.text;
        if let Some((at, found)) = self.word_before
            && at == start
            && crate::fast_paths_on()
        {
            return found.map(|(s, len, before)| (&text[s..s + len], before));
        }
        let found = self.word_before_number_uncached(start);
        self.word_before = Some((start, found));
        found.map(|(s, len, before)| (&text[s..s + len], before))
    }

    /// [`Self::word_before_number`] without the memo, the word as its start and length.
    fn word_before_number_uncached(&self, start: usize) -> Option<(usize, usize, WordBefore)> {
        let text = self.text;
        let (wstart, w) = word_before(text, start)?;
        // One look-up of the word for its four classes.
        let entry = self
            .extractor
            .lex
            .words
            .longest(w)
            .filter(|m| m.len == w.len());
        let class_is = |class| {
            entry
                .as_ref()
                .is_some_and(|m| m.values().any(|c| *c == class))
        };
        let month = class_is(WordClass::Month) && w.starts_with(|c: char| c.is_uppercase());
        let capitalised = w.starts_with(|c: char| c.is_uppercase())
            && !starts_sentence(text, wstart)
            && !class_is(WordClass::SentenceStart)
            && !class_is(WordClass::Stop);
        let adjacent = text[wstart + w.len()..start]
            .chars()
            .all(|c| c == ' ' || c == '\u{a0}');
        let before = WordBefore {
            adjacent,
            month,
            names: month || capitalised || class_is(WordClass::Label),
        };
        Some((wstart, w.len(), before))
    }

    fn judge(&mut self, cand: usize, parsed: &mut Parsed, start: usize, end: usize) -> Verdict {
        let text = self.text;
        let lex = &self.extractor.lex;
        let meta: Meta = parsed.meta;
        let q = &mut parsed.quantity;
        let core_start = start + meta.core_start;
        let starts_with_digit = text[start..].starts_with(|c: char| c.is_ascii_digit());
        let after = &text[end..];
        let skip_token = Verdict::Skip(token_end(text, cand));
        if meta.time_of_day {
            return Verdict::Skip(end.max(cand + 1));
        }
        // "a margin of error of plus or minus 3 percentage points", "±3%", "+/- 0.5 mm": a
        // tolerance with no value before it is the range from -d to d (not -3 points, nor 3%).
        if may_follow_plus_minus(text, start)
            && let Some(pm_start) = plus_minus_before(lex, text, start, q)
        {
            let d = q
                .value
                .map_or(Number::ZERO, |v| if v.is_negative() { -v } else { v });
            q.value = None;
            q.lower = Some(crate::model::Bound::inclusive(-d));
            q.upper = Some(crate::model::Bound::inclusive(d));
            return Verdict::Emit {
                start: pm_start,
                end,
            };
        }
        // A quote mark read as inches or feet that closes a quotation ("Apollo 11""): the
        // number without it.
        if let Some(u) = &q.unit
            && matches!(&*u.name, "inch" | "foot")
            && let Some(qpos) = text[start..end].find(['"', '\'']).map(|i| start + i)
            && crate::unit::closes_quotation(text, qpos)
        {
            let number_end = start + text[start..qpos].trim_end().len();
            if let Ok((rest, (reparsed, start_slice))) =
                expression(self.extractor.ctx(), &text[cand..number_end])
            {
                let s2 = cand + (number_end - cand - start_slice.len());
                let e2 = number_end - rest.len();
                if e2 > s2 {
                    *parsed = reparsed;
                    return self.judge(cand, parsed, s2, e2);
                }
            }
            return Verdict::Skip(end.max(cand + 1));
        }
        if meta.ordinal {
            if self.extractor.include_ordinals && starts_with_digit {
                q.kind = Kind::Ordinal;
                return Verdict::Emit { start, end };
            }
            return Verdict::Skip(end.max(cand + 1));
        }
        // Attached letters or a slash: "5G", "1990s", "7/31/2024", "24/7".
        if is_word_char_at(text, end)
            || (after.starts_with('/') && after[1..].starts_with(|c: char| c.is_ascii_digit()))
            || (after.starts_with(':') && after[1..].starts_with(|c: char| c.is_ascii_digit()))
            || (after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit()))
        {
            return skip_token;
        }
        // Look-behind on the numeral when the expression starts with it.
        if starts_with_digit || text[start..].starts_with(['-', '−']) {
            let prev = text[..start].chars().next_back();
            // "COVID-19", "F-35", "I-95", "#5", "$" handled by the currency path.
            if let Some(c) = prev
                && matches!(
                    c,
                    '-' | '‑' | '#' | '/' | '\\' | '@' | '_' | '.' | ':' | '&' | '='
                )
            {
                let before = text[..start - c.len_utf8()].chars().next_back();
                if c != '-' || before.is_some_and(char::is_alphanumeric) {
                    return skip_token;
                }
            }
            if let Some((w, before)) = self.word_before_number(start) {
                if before.adjacent && before.names && q.unit.is_none() {
                    return skip_token;
                }
                if before.adjacent && before.month {
                    return skip_token;
                }
                // "Core i7 860 Processor": a bare number after a code of letters and digits is
                // part of a model name.
                if before.adjacent
                    && q.kind == Kind::Count
                    && q.entity.is_none()
                    && is_model_code(w)
                {
                    return skip_token;
                }
                // "between 40 and 30 degrees", "between 3 and 1 dollars": the first end of a
                // "between" that makes no range is no quantity of its own.
                if w.eq_ignore_ascii_case("between")
                    && q.unit.is_none()
                    && q.entity.is_none()
                    && ws0(after)
                        .get(..4)
                        .is_some_and(|a| a.eq_ignore_ascii_case("and "))
                    && {
                        let next = ws0(&ws0(after)[4..]);
                        next.starts_with(|c: char| c.is_ascii_digit())
                            || next
                                .get(..8)
                                .is_some_and(|w| w.eq_ignore_ascii_case("between "))
                    }
                {
                    return Verdict::Skip(end);
                }
            }
            // "31 Jul 2024", "5 May": a day before a month.
            if q.unit.is_none()
                && let Some(e) = &q.entity
            {
                let first = e.split_whitespace().next().unwrap_or("");
                // The capital first: a cheap test that most entities fail ("people").
                if first.starts_with(|c: char| c.is_uppercase())
                    && lex.word_class(first, WordClass::Month) == Some(first.len())
                {
                    return Verdict::Skip(end);
                }
            }
            if q.unit.is_none() && q.entity.is_none() {
                let r = ws0(after);
                if r.starts_with(|c: char| c.is_uppercase())
                    && let Some(len) = lex.word_class(r, WordClass::Month)
                    && !is_word_char_at(r, len)
                {
                    return Verdict::Skip(end);
                }
            }
            // "123 Random Street": a house number.
            if q.unit.is_none()
                && q.entity.is_none()
                && matches!(
                    meta.numeral_form,
                    Some(Form::Digits {
                        grouped: false,
                        decimal: false,
                        ..
                    })
                )
                && street_after(lex, after)
            {
                return Verdict::Skip(end);
            }
            // List markers: "1. " or "2) " at the start of a line.
            if starts_sentence(text, start)
                && (after.starts_with(". ") || after.starts_with(')'))
                && q.unit.is_none()
                && matches!(meta.numeral_form, Some(Form::Digits { int_len: 1..=2, .. }))
                && text[..start]
                    .trim_end_matches([' ', '\t'])
                    .ends_with(['\n'])
                || start == 0
                    && (after.starts_with(". ") || after.starts_with(") "))
                    && q.unit.is_none()
            {
                return Verdict::Skip(end);
            }
        }
        // Years: a bare four-digit number from 1000 to 2199.
        let year_like = |f: Form, v: Option<Number>| {
            matches!(
                f,
                Form::Digits {
                    int_len: 4,
                    grouped: false,
                    decimal: false
                }
            ) && v.is_some_and(|v| {
                v.is_integer() && v >= Number::from(1000) && v <= Number::from(2199)
            })
        };
        if let Some(f) = meta.numeral_form
            && q.unit.is_none()
            && !meta.prefixed
            && year_like(f, q.value)
        {
            if self.extractor.include_years {
                let year_end = start + text[start..].bytes().take_while(u8::is_ascii_digit).count();
                q.kind = Kind::Year;
                q.entity = None;
                q.per = None;
                return Verdict::Emit {
                    start,
                    end: year_end,
                };
            }
            let year_end = start + text[start..].bytes().take_while(u8::is_ascii_digit).count();
            return Verdict::Skip(year_end);
        }
        if let Some((fa, fb)) = meta.range_forms
            && q.unit.is_none()
        {
            let yl = |f: Form| {
                matches!(
                    f,
                    Form::Digits {
                        int_len: 4,
                        grouped: false,
                        decimal: false
                    }
                )
            };
            let short = |f: Form| {
                matches!(
                    f,
                    Form::Digits {
                        int_len: 2 | 4,
                        grouped: false,
                        decimal: false
                    }
                )
            };
            let lo = q.lower.map(|b| b.value);
            let hi = q.upper.map(|b| b.value);
            // "2018-2020", "2012-13"; but "1000-5000" has no year at its upper end.
            if yl(fa) && short(fb) && year_like(fa, lo) && (!yl(fb) || year_like(fb, hi)) {
                return Verdict::Skip(end);
            }
        }
        // "version two", "Chapter Eleven": a number word right after a label is a name.
        if let Some(Form::Words { .. }) = meta.numeral_form
            && q.unit.is_none()
            && !meta.prefixed
            && let Some((wstart, w)) = word_before(text, start)
            && lex.word_class(w, WordClass::Label) == Some(w.len())
            // "the top five books", "order four tests", "building zero emissions housing".
            && lex.word_class(w, WordClass::LabelCount) != Some(w.len())
            && text[wstart + w.len()..start].chars().all(|c| c == ' ')
            && !text[start..].starts_with(|c: char| c.is_ascii_digit())
            // "... 3bs. Nine hundred people": after a label that ends with a full stop, a
            // capitalised number word may begin a sentence; reading it as a name would make the
            // result depend on whether the text was split into sentences first.
            && !(w.ends_with('.') && text[start..].starts_with(|c: char| c.is_uppercase()))
        {
            return Verdict::Skip(end);
        }
        // The pronoun "one": "one of the", "no one", "the one who"; and before a verb in the
        // third person, which the entity reads as a plural noun ("That one costs 3 dimes", "a
        // loved one experiences"): "one" with a single plural word after it disagrees in number.
        if let Some(Form::Words { lone_one: true }) = meta.numeral_form
            && q.unit.is_none()
            && q.entity.as_deref().is_none_or(|e| {
                verb_after_one(lex, e) && text[start..end].split_whitespace().count() == 2
            })
            && !meta.prefixed
            // A text that is only "one" (a form field, a spoken answer) is the number.
            && !(text[..start].trim().is_empty() && text[end..].trim().is_empty())
        {
            return Verdict::Skip(end);
        }
        // Ratio words used otherwise: "the second half", "double-digit", "a quarter" (of a year).
        if meta.bare_ratio_word {
            let prev = word_before(text, core_start).map(|(_, w)| w.to_ascii_lowercase());
            let bad_prev = matches!(
                prev.as_deref(),
                Some(
                    "the"
                        | "first"
                        | "second"
                        | "third"
                        | "fourth"
                        | "last"
                        | "final"
                        | "latter"
                        | "former"
                        | "this"
                        | "that"
                        | "each"
                        | "every"
                        | "next"
                        | "previous"
                )
            );
            let r = ws0(after);
            let next_ok = after.is_empty()
                || after.starts_with([',', '.', ';', ':', ')', '!', '?', '"', '”'])
                || [
                    "of", "the", "that", "as", "its", "their", "his", "her", "our", "what", "from",
                    "in", "since", "over", "this", "those", "these", "all", "an", "a", "to", "by",
                    "compared", "last", "and",
                ]
                .iter()
                .any(|w| {
                    r.len() >= w.len()
                        && r.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
                        && !is_word_char_at(r, w.len())
                });
            let hyphenated = after.starts_with('-');
            if hyphenated || bad_prev || !(meta.prefixed || next_ok) {
                return Verdict::Skip(end.max(cand + 1));
            }
        }
        // "Mendez, 36, was arrested": an age in apposition.
        if q.kind == Kind::Count
            && q.entity.is_none()
            && starts_with_digit
            && after.starts_with(',')
            && q.value
                .is_some_and(|v| v.is_integer() && v > Number::ZERO && v < Number::from(120))
            && matches!(
                meta.numeral_form,
                Some(Form::Digits {
                    int_len: 1..=3,
                    grouped: false,
                    decimal: false
                })
            )
        {
            let head = text[..start].trim_end_matches([' ', '\u{a0}']);
            if let Some(h) = head.strip_suffix(',')
                && let Some((_, w)) = word_before(h, h.len())
                && w.starts_with(|c: char| c.is_uppercase())
                && lex.word_class(w, WordClass::Month) != Some(w.len())
                && let Some(year) = lex.find_unit("year")
            {
                q.kind = Kind::Age;
                q.unit = Some(year);
            }
        }
        // "Rotate 90°", "turned by 180 degrees": degrees after a verb of turning (words.tsv,
        // `turning`) are an angle, not a temperature, unless a word of warmth follows ("turned
        // 10 degrees colder").
        if let Some(u) = &q.unit
            && u.name == "degree"
            && turning_before(lex, text, start)
            && !{
                let next = ws0(after);
                lex.word_class(next, WordClass::Warmth)
                    .is_some_and(|len| !is_word_char_at(next, len))
            }
            && let Some(arc) = lex.find_unit("degree of arc")
        {
            q.unit = Some(arc);
        }
        // "- 1 4/5" at the very start of the text: a minus sign, not a dash ("ages 5 - 20") or a
        // list bullet on a later line.
        let start = match spaced_minus(text, start) {
            Some(sign) if starts_with_digit && q.change.is_none() => {
                match (q.value, q.lower, q.upper) {
                    (Some(v), Some(lo), Some(hi)) if lo.value == v && hi.value == v => {
                        q.value = Some(-v);
                        q.lower = Some(crate::model::Bound { value: -v, ..lo });
                        q.upper = Some(crate::model::Bound { value: -v, ..hi });
                        sign
                    }
                    _ => start,
                }
            }
            _ => start,
        };
        Verdict::Emit { start, end }
    }

    /// A coin word that is the whole text ("dime", "nickel."): its value in its currency. In
    /// running text a bare "nickel" is the metal, so only a text of that one word counts. Likewise
    /// a time unit after "a" as the whole text ("a month": one month), which in running text is
    /// mostly a rate or a date ("once a month", "a month ago").
    fn lone_coin(&self) -> Option<Quantity> {
        let text = self.text;
        if text.len() > 24 {
            return None;
        }
        let t = text.trim_start();
        let start = text.len() - t.len();
        let word = t.trim_end().trim_end_matches(['.', '!', '?']).trim_end();
        let lex = &self.extractor.lex;
        if let Some(rest) = ["a ", "an ", "A ", "An "]
            .iter()
            .find_map(|a| word.strip_prefix(a))
            .map(str::trim_start)
            && lex.word_class(rest, WordClass::ArticleUnit) == Some(rest.len())
            && let Some(u) = lex.find_unit(rest)
            && u.dimension == crate::model::Dimension::Time
        {
            return Some(Quantity {
                text: word.to_string(),
                start,
                end: start + word.len(),
                unit: Some(u),
                ..Quantity::new(Kind::Measure, Number::ONE)
            });
        }
        if word.is_empty() || lex.word_class(word, WordClass::ArticleUnit) != Some(word.len()) {
            return None;
        }
        let m = lex.currencies.longest(word)?;
        let coin = m.first();
        if m.len != word.len() || coin.needs_context || coin.factor >= Number::ONE {
            return None;
        }
        Some(Quantity {
            text: word.to_string(),
            start,
            end: start + word.len(),
            unit: Some(coin.unit.clone()),
            ..Quantity::new(Kind::Money, coin.factor)
        })
    }

    /// The quantity `judge` let through, with its span and text.
    fn finish(&self, q: &mut Quantity, start: usize, end: usize) {
        q.start = start;
        q.end = end;
        q.text = self.text[start..end].to_string();
    }
}

/// What [`Quantities::next_within`] found.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // returned at once, as `Option<Quantity>` is: no box
pub enum Step {
    /// The next quantity.
    Found(Quantity),
    /// No quantity yet in the stretch of text looked at; call again to go on.
    Paused,
    /// The end of the text: no more quantities.
    Done,
}

impl Quantities<'_, '_> {
    /// The next quantity, as [`Iterator::next`] gives it, but [`Step::Paused`] instead when the
    /// scan reaches a place where an expression may begin `bytes` or more further into the text
    /// without having found one, so that a caller reading a long text can do something between
    /// two stretches of it (check for an interrupt, report progress). Text where no expression
    /// can begin is passed over without a pause, at the speed of the block search. Calling it
    /// again goes on where it stopped; the quantities are those of the iterator, in the same
    /// order.
    ///
    /// ```
    /// use quantext::{Extractor, Step};
    ///
    /// let text = "Up from the start, about the same. ".repeat(1000) + "Then 5 kg of it.";
    /// let ex = Extractor::new();
    /// let mut it = ex.iter(&text);
    /// let (mut found, mut pauses) = (Vec::new(), 0);
    /// loop {
    ///     match it.next_within(4096) {
    ///         Step::Found(q) => found.push(q.text),
    ///         Step::Paused => pauses += 1,
    ///         Step::Done => break,
    ///     }
    /// }
    /// assert_eq!(found, ["5 kg"]);
    /// assert!(pauses >= 4);
    /// ```
    pub fn next_within(&mut self, bytes: usize) -> Step {
        let limit = self.pos.saturating_add(bytes.max(1));
        match self.scan_next::<true, _>(limit, |q| q) {
            Some(q) => Step::Found(q),
            None if self.pos < self.text.len() => Step::Paused,
            None => Step::Done,
        }
    }

    /// The next quantity, handed to `emit` (`next` and `next_within` return it, `extract` pushes
    /// it onto its vector; the reading is moved out only when emitted); `None` at the
    /// end of the text, or, when `PAUSE`, at the first candidate at or after byte `limit`, where
    /// the scan stops (`pos` is then that candidate, before the end). `Iterator::next` and
    /// `extract` have their own copies without the test.
    #[inline(always)]
    fn scan_next<const PAUSE: bool, R>(
        &mut self,
        limit: usize,
        emit: impl FnOnce(Quantity) -> R,
    ) -> Option<R> {
        let text = self.text;
        let bytes = text.as_bytes();
        let ctx = self.extractor.ctx();
        if self.pos == 0
            && let Some(q) = self.lone_coin()
        {
            self.pos = bytes.len();
            return Some(emit(q));
        }
        while let Some(p) = self.next_candidate(self.pos) {
            if PAUSE && p >= limit {
                // Resumed here, the search finds this candidate again.
                self.pos = p;
                return None;
            }
            let b = bytes[p];
            if let Some(to) = self.skip_without_parsing(p) {
                self.pos = to;
                continue;
            }
            // The reading is judged and finished where the grammar left it, and moved out only
            // when it is emitted (a `Quantity` is 384 bytes).
            let mut read = expression(ctx, &text[p..]);
            let mut emitted = false;
            match &mut read {
                Ok((rest, (parsed, start_slice))) => {
                    let start = text.len() - start_slice.len();
                    let end = text.len() - rest.len();
                    if end <= start {
                        self.pos = word_end(text, p);
                        continue;
                    }
                    match self.judge(p, parsed, start, end) {
                        Verdict::Emit { start, end } => {
                            self.pos = end.max(p + 1);
                            self.finish(&mut parsed.quantity, start, end);
                            emitted = true;
                        }
                        Verdict::Skip(to) => {
                            let mut to = to.max(p + 1);
                            while to < bytes.len() && !text.is_char_boundary(to) {
                                to += 1;
                            }
                            self.pos = to;
                        }
                    }
                }
                Err(nom::Err::Failure(_)) => {
                    self.pos = token_end(text, p);
                }
                Err(_) => {
                    self.pos = if b.is_ascii_digit() {
                        let mut q = p;
                        while q < bytes.len()
                            && (bytes[q].is_ascii_alphanumeric()
                                || matches!(bytes[q], b',' | b'.')
                                    && q + 1 < bytes.len()
                                    && bytes[q + 1].is_ascii_digit())
                        {
                            q += 1;
                        }
                        q
                    } else {
                        word_end(text, p)
                    };
                }
            }
            if emitted && let Ok((_, (parsed, _))) = read {
                return Some(emit(parsed.quantity));
            }
        }
        self.pos = bytes.len();
        None
    }
}

impl Iterator for Quantities<'_, '_> {
    type Item = Quantity;

    fn next(&mut self) -> Option<Quantity> {
        self.scan_next::<false, _>(usize::MAX, |q| q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A day before a capitalised month is a date, also when the month begins a declared counted
    /// thing (the built-in entity reading stops at a month word, so only a declared one can begin
    /// with it); in lower case the month word is no month.
    #[test]
    fn a_day_before_a_month_is_no_count_even_of_a_declared_thing() {
        let ex = Extractor::new().with_entity("May Day");
        assert!(ex.extract("The rally on 1 May Day drew crowds.").is_empty());
        let found = ex.extract("They held 3 may day rallies.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].entity.as_deref(), Some("may day"));
    }

    /// The shortcuts (`skip_without_parsing`) skip what the grammar and `judge` skip, to where
    /// they resume, and emit nothing they would not: over 1 MB of news and over years and numbers
    /// in many contexts, with years or ordinals reported or not. Spans and text are compared too.
    /// (The long way round also walks the tries letter by letter and looks for a post qualifier
    /// twice: every fast path is off.)
    #[test]
    fn shortcuts_skip_as_the_grammar_does() {
        let news = include_str!("../../../bench/corpus/whitehouse-3mb.txt");
        let news = &news[..news.floor_char_boundary(1_000_000)];
        let mut texts = vec![news.to_string()];
        let before = [
            "",
            "in ",
            "In ",
            "Section ",
            "COVID-",
            "No. ",
            "FY",
            "± ",
            "+/- ",
            "plus or minus ",
            "about ",
            "$",
            "US$ ",
            "from ",
            "between 1999 and ",
            "1. ",
            "\n",
            "(",
            "page 5, ",
            "3-",
            "up 5% from ",
            "Route ",
            "the ",
            "January ",
            "Jan. ",
            "May ",
            "may ",
            "JANUARY ",
            "mid-January ",
            "January\n",
            "January  ",
            "Sept. ",
            "December\u{a0}",
            "January 5-",
            "K-",
            "A1-",
            "x-",
            "minus-",
            "plus or minus-",
            "+/",
            "Title ",
            "section ",
            "Fort Worth ",
            "President Biden ",
            "The ",
            "\nThe ",
            ". The ",
            "Mr. ",
            "U.S. ",
        ];
        let numbers = ["2021", "1999", "0999", "2200", "12345", "5", "20"];
        let after = [
            ", the",
            ". The",
            ".",
            ",",
            ")",
            "); ",
            "; and",
            ".\n",
            ",\n5",
            ".5",
            ",000",
            ", 5",
            ") 5 kg",
            ".)",
            ". 5 people",
            ";5",
            ": the",
            ":30",
            ": 5",
            ":\n",
            " pm",
            " a.m. on",
            " o'clock",
            "th",
            "st of",
            " - 10 people",
            " to 10 kg",
            " people",
            " million",
            " percent",
            // A post qualifier looked for once (see `entity_after`), also after a second line
            // break, where the look-ups could differ.
            " or more people",
            " people or more",
            "\n\nor more people",
            " \n or more people",
            "\n\nplus people",
            " plus",
            "",
        ];
        for b in before {
            for n in numbers {
                for a in after {
                    texts.push(format!("{b}{n}{a}"));
                    texts.push(format!("x {b}{n}{a} y"));
                }
            }
        }
        let extractors = [
            Extractor::new(),
            Extractor::new().include_years(true),
            Extractor::new().include_ordinals(true),
        ];
        for ex in &extractors {
            for t in &texts {
                // Everything, spans and text included (`==` compares readings only).
                let fast = serde_json::to_string(&ex.extract(t)).unwrap();
                let slow = serde_json::to_string(&crate::test_support::without_fast_paths(|| {
                    ex.extract(t)
                }))
                .unwrap();
                assert_eq!(fast, slow, "{:?}", t.chars().take(60).collect::<String>());
            }
        }
        // The shortcuts are taken (this test would not see them broken otherwise).
        let ex = Extractor::new();
        assert_eq!(ex.iter("in 2021, the").skip_without_parsing(3), Some(7));
        assert_eq!(
            ex.iter("on January 20, 2021").skip_without_parsing(11),
            Some(13)
        );
        assert_eq!(ex.iter("in 2021 the").skip_without_parsing(3), None);
        assert_eq!(ex.iter("COVID-19 cases").skip_without_parsing(6), Some(8));
        assert_eq!(
            ex.iter("under Title 42, the").skip_without_parsing(12),
            Some(14)
        );
        assert_eq!(ex.iter("Under Title 42 the").skip_without_parsing(12), None);
        assert_eq!(
            ex.iter("under section 3, the").skip_without_parsing(14),
            Some(15)
        );
    }

    /// `next_within` gives the iterator's quantities in the same order, whatever the stretch
    /// between pauses (down to one byte), and pauses in a long text without quantities;
    /// `extract`, which pushes each quantity as it is found, gives them too.
    #[test]
    fn next_within_gives_what_the_iterator_gives() {
        let ex = Extractor::new();
        for text in crate::test_support::news_in_three_cases(20_000)
            .into_iter()
            .chain(["dime".to_string(), "  ".to_string(), String::new()])
        {
            let all: Vec<Quantity> = ex.iter(&text).collect();
            assert_eq!(ex.extract(&text), all, "extract and the iterator differ");
            for stretch in [1, 7, 100, 4096, usize::MAX] {
                let mut it = ex.iter(&text);
                let (mut found, mut pauses) = (Vec::new(), 0usize);
                loop {
                    match it.next_within(stretch) {
                        Step::Found(q) => found.push(q),
                        Step::Paused => pauses += 1,
                        Step::Done => break,
                    }
                    assert!(pauses <= text.len(), "no progress, stretch {stretch}");
                }
                assert_eq!(found, all, "stretch {stretch}");
                if stretch == 1 && text.len() > 1000 {
                    assert!(pauses > all.len(), "stretch 1 paused {pauses} times");
                }
            }
        }
        // Words that begin expressions but no quantity: a pause every 64 KB or so.
        let quiet = "Up from the start, about the same, over the hill. ".repeat(10_000);
        assert_eq!(ex.iter(&quiet).count(), 0);
        let mut it = ex.iter(&quiet);
        let mut pauses = 0;
        while it.next_within(1 << 16) == Step::Paused {
            pauses += 1;
        }
        assert!(pauses >= quiet.len() / (1 << 16) - 1, "{pauses}");
    }

    /// The candidate test byte by byte, as the scanner made it before it looked at blocks.
    fn is_candidate_by_byte(it: &Quantities<'_, '_>, p: usize) -> bool {
        let text = it.text;
        let bytes = text.as_bytes();
        if !text.is_char_boundary(p) {
            return false;
        }
        let b = bytes[p];
        if b.is_ascii_alphabetic() {
            let letters = bytes[p..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            let lex = &it.extractor.lex;
            let packed = crate::lexicon::pack_letters(&bytes[p..]).0;
            (lex.may_begin_expression_packed(&text[p..], packed, letters)
                || bytes.get(p + letters).is_some_and(u8::is_ascii_digit)
                    && crate::unit::attached_code(lex, &text[p..]).is_some())
                && it.is_word_start(p)
        } else {
            is_candidate_byte(text, p) && (it.is_word_start(p) || matches!(b, b'<' | b'>'))
        }
    }

    /// From every starting point, the block search finds the first position the byte-by-byte
    /// test accepts: on news text (the first 40 KB of the benchmark corpus) and on texts built to
    /// put words, digits, signs and non-ASCII characters across block boundaries.
    #[test]
    fn block_search_finds_what_the_byte_test_finds() {
        let mut texts = vec![crate::test_support::news_sample(40_000)];
        for unit in [
            "more than 5 ",
            "x>10 and y<20, ",
            "naïve 5 café—€3 ",
            "USD5 US$5 ~7 -4 +.5 .5 ",
            "twenty-five hundreds_of 1990s ",
            "approximately\u{a0}½ ",
        ] {
            for pad in 0..70 {
                texts.push(format!("{}{}", "a".repeat(pad), unit.repeat(5)));
            }
        }
        let ex = Extractor::new();
        for text in &texts {
            let reference = ex.iter(text);
            let accepted: Vec<usize> = (0..text.len())
                .filter(|&p| is_candidate_by_byte(&reference, p))
                .collect();
            // Forwards, as the scanner moves, and backwards, past the kept block.
            let mut it = ex.iter(text);
            for from in (0..=text.len()).chain((0..=text.len()).rev().step_by(7)) {
                let want = accepted.iter().copied().find(|&p| p >= from);
                assert_eq!(it.next_candidate(from), want, "from {from} in {text:.80?}");
            }
        }
    }
}
