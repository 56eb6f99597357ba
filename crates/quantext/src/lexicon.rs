//! Lexicons: units, currencies, number words, vague magnitudes, qualifier phrases, change phrases and
//! word lists, loaded once from the tab-separated tables under `crates/quantext/data/`.
//!
//! The tables are data, not code: adding a unit is one line in `units.tsv`. Each table's header
//! comment documents its columns. [`Lexicon::builtin`] parses them on first use; an
//! [`crate::Extractor`] may extend a copy with [`Lexicon::add_unit`].
//!
//! Look-ups go through a byte trie ([`Trie`]) that finds the longest phrase at a position in one
//! pass: phrases match case-insensitively (ASCII) or exactly, a space in a phrase matches any run of
//! spaces, tabs or no-break spaces in the text, and a phrase that ends in a letter or digit only
//! matches where the text's word ends too ("in" does not match "inch").

use std::borrow::Cow;
use std::collections::HashMap;
#[cfg(fuzzing)]
use std::hash::{BuildHasherDefault, DefaultHasher};
use std::sync::{Arc, OnceLock};

use crate::model::{Dimension, Direction, Unit};
use crate::number::Number;

const UNITS_TSV: &str = include_str!("../data/units.tsv");
const CURRENCIES_TSV: &str = include_str!("../data/currencies.tsv");
const NUMBERS_TSV: &str = include_str!("../data/numbers.tsv");
const VAGUE_TSV: &str = include_str!("../data/vague.tsv");
const QUALIFIERS_TSV: &str = include_str!("../data/qualifiers.tsv");
const CHANGES_TSV: &str = include_str!("../data/changes.tsv");
const WORDS_TSV: &str = include_str!("../data/words.tsv");

/// A byte trie mapping phrases to values, for longest-match look-up in running text.
#[derive(Debug, Clone)]
pub struct Trie<T> {
    nodes: Vec<Node>,
    values: Vec<(T, bool)>,
    /// The root's children indexed directly by byte (0 = none): the first step of every look-up,
    /// and for most words of running text the only one.
    root: Vec<u32>,
    /// Whether any phrase is case-sensitive. When none is, one walk on the lowercased text finds
    /// everything.
    has_sensitive: bool,
    /// A filter (one bit per hash of [`pack_letters`]) of the first runs of letters of the phrases
    /// that begin with an ASCII letter. A phrase that matches text beginning with a letter has the
    /// same first run of letters as the text (a phrase ends where a word ends, or its run of
    /// letters is followed by a non-letter that the text must repeat), so a word whose run is not
    /// in the filter needs no walk.
    first_runs: Vec<u64>,
    /// The node reached by the first run of letters of each phrase whose run is stored in lower
    /// case and at most eight letters long, by the run packed ([`packed_letters`]). A walk jumps
    /// there in one look-up instead of a step per letter: a lowercased walk, or one on a run the
    /// text writes in lower case (both then take the same path). No match can end inside a run
    /// of letters, and only a phrase with the text's own first run can match, so the jump skips
    /// nothing the walk would find; a run that begins no phrase ends the walk. (Jumping over
    /// the later runs of a phrase too was tried: the test at every step cost more than it saved.)
    run_nodes: PackedMap<u32>,
}

/// The words that open a range ("from 5 to 10", "between 5 and 10"): triggers that the grammar
/// reads as the start of an amount, not as qualifiers.
pub(crate) const RANGE_OPENERS: [&str; 2] = ["from", "between"];

/// What a trigger's leading letters are as a whole word of text (the value of the scanner's
/// table of trigger words).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TriggerWord {
    /// They are a whole one-word trigger ("about", "twenty", "from").
    pub whole: bool,
    /// As a whole word they are a phrase that only goes before an amount: a pre qualifier
    /// ("about"), a pre change ("up") or a range opener ("from"). An expression that begins
    /// with one needs an amount (or a longer phrase) after it; see
    /// [`Lexicon::may_begin_expression_packed`].
    pub opens: bool,
    /// What may follow them in a phrase, by first byte: bit `k` is set when some phrase goes on
    /// with a word whose first letter has the number `k` ([`LETTER_NUMBER`], either case), bit 0
    /// when one goes on with something else, every bit when one ends with them. A cheap test
    /// before the pair filter: "in the" passes, "s with" (the "S" of "S$") does not.
    pub next: u32,
}

/// An open-addressing hash table keyed by non-zero packed runs of letters ([`pack_letters`]): the
/// trie's first runs ([`Trie::run_nodes`]) and the scanner's trigger words
/// ([`Lexicon::is_trigger_packed`]). A look-up costs a multiplication and a probe or two; the
/// table grows to stay at most half full.
#[derive(Debug, Clone)]
pub(crate) struct PackedMap<V> {
    /// Keys (0, which no run packs to, marks an empty slot) and values; a power of two long.
    slots: Vec<(u64, V)>,
    len: usize,
}

impl<V> Default for PackedMap<V> {
    fn default() -> Self {
        PackedMap {
            slots: Vec::new(),
            len: 0,
        }
    }
}

impl<V: Copy + Default> PackedMap<V> {
    /// An empty table with room for `n` keys at a quarter full (fewer probes for the scanner,
    /// which asks at every word that passes its filters).
    fn with_capacity(n: usize) -> PackedMap<V> {
        PackedMap {
            slots: vec![(0, V::default()); (4 * n).next_power_of_two().max(8)],
            len: 0,
        }
    }

    fn home(slots: usize, key: u64) -> usize {
        (key.wrapping_mul(0xA076_1D64_78BD_642F) >> (64 - slots.trailing_zeros())) as usize
    }

    /// Adds `key` (not 0) with `value`; when it is there already, `merge` combines the two. Not
    /// inlined: inlined into `Trie::insert` it made loading the lexicon 3% dearer.
    #[inline(never)]
    fn insert(&mut self, key: u64, value: V, merge: impl FnOnce(&mut V, V)) {
        if 2 * (self.len + 1) > self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            self.slots = vec![(0, V::default()); (2 * old.len()).max(64)];
            for (k, v) in old.into_iter().filter(|&(k, _)| k != 0) {
                let i = self.slot_of(k);
                self.slots[i] = (k, v);
            }
        }
        let i = self.slot_of(key);
        let slot = &mut self.slots[i];
        if slot.0 == key {
            merge(&mut slot.1, value);
        } else {
            *slot = (key, value);
            self.len += 1;
        }
    }

    /// The slot that holds `key`, or the empty one where it goes (the table is never full).
    fn slot_of(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = Self::home(self.slots.len(), key);
        while self.slots[i].0 != key && self.slots[i].0 != 0 {
            i = (i + 1) & mask;
        }
        i
    }

    /// The value of `key`, or `None` when it is not in the table (0 finds an empty slot first).
    pub(crate) fn get(&self, key: u64) -> Option<V> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = Self::home(self.slots.len(), key);
        loop {
            match self.slots[i] {
                (0, _) => return None,
                (k, v) if k == key => return Some(v),
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// The bit of [`Trie::first_runs`] for a packed run of letters (14 bits).
fn first_run_slot(packed: u64) -> usize {
    (packed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 50) as usize
}

#[derive(Debug, Clone, Default)]
struct Node {
    /// Children, sorted by byte.
    children: Vec<(u8, u32)>,
    /// Indexes into `values` of the phrases ending here.
    ends: Vec<u32>,
}

/// Whether a trie entry matches regardless of ASCII case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// "Pounds", "POUNDS" and "pounds" all match "pounds".
    Insensitive,
    /// Only the exact bytes match ("M" is not "m").
    Sensitive,
}

/// What [`Trie::find_pair`] found for each of its two predicates: the length and the value.
pub type FoundPair<'t, T> = (Option<(usize, &'t T)>, Option<(usize, &'t T)>);

/// A match found by [`Trie::longest`]: the phrase's length in the text and its values.
#[derive(Debug, Clone)]
pub struct TrieMatch<'t, T> {
    /// The bytes of the text the phrase covers.
    pub len: usize,
    trie: &'t Trie<T>,
    node: usize,
    exact: bool,
}

impl<'t, T> TrieMatch<'t, T> {
    /// The values stored for the matched phrase (those whose case rule the text satisfies).
    pub fn values(&self) -> impl Iterator<Item = &'t T> + '_ {
        let trie = self.trie;
        let exact = self.exact;
        trie.nodes[self.node].ends.iter().filter_map(move |&i| {
            let (v, needs_exact) = &trie.values[i as usize];
            (exact || !needs_exact).then_some(v)
        })
    }

    /// The first value stored for the matched phrase.
    pub fn first(&self) -> &'t T {
        let trie = self.trie;
        let exact = self.exact;
        trie.nodes[self.node]
            .ends
            .iter()
            .find_map(|&i| {
                let (v, needs_exact) = &trie.values[i as usize];
                (exact || !needs_exact).then_some(v)
            })
            .expect("a match has at least one value")
    }
}

/// What each byte can begin: white space that [`space_len`] measures ([`SPACE`]: space, tab, and
/// the first bytes of the no-break, `0xC2`, and the thin and narrow no-break spaces, `0xE2`) or
/// a line break ([`LINE_BREAK`]: `\n`, `\r`). A table, so that the commonest answer, nothing,
/// costs one load: white space is asked for some 300,000 times a MB.
pub(crate) static SPACE_CLASS: [u8; 256] = {
    let mut t = [0; 256];
    t[b' ' as usize] = SPACE;
    t[b'\t' as usize] = SPACE;
    t[0xC2] = SPACE;
    t[0xE2] = SPACE;
    t[b'\n' as usize] = LINE_BREAK;
    t[b'\r' as usize] = LINE_BREAK;
    t
};

/// [`SPACE_CLASS`]: the byte may begin a space.
pub(crate) const SPACE: u8 = 1;
/// [`SPACE_CLASS`]: the byte may begin a line break.
pub(crate) const LINE_BREAK: u8 = 2;

/// The length of the white space (space, tab, no-break, thin or narrow no-break space) at byte `i`.
pub fn space_len(b: &[u8], i: usize) -> usize {
    let Some(&c) = b.get(i) else {
        return 0;
    };
    // Most bytes begin no white space: one look-up answers for them.
    if SPACE_CLASS[usize::from(c)] & SPACE == 0 {
        return 0;
    }
    match c {
        b' ' | b'\t' => 1,
        0xC2 if b.get(i + 1) == Some(&0xA0) => 2,
        0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x89 | 0xAF)) => 3,
        _ => 0,
    }
}

/// True when the character starting at byte `i` of `s` continues a word (a letter or digit).
pub fn is_word_char_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => s
            .get(i..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_alphanumeric),
    }
}

impl<T> Default for Trie<T> {
    fn default() -> Self {
        Trie {
            nodes: vec![Node::default()],
            values: Vec::new(),
            root: vec![0; 256],
            has_sensitive: false,
            first_runs: vec![0; 1 << 8],
            run_nodes: PackedMap::default(),
        }
    }
}

impl<T> Trie<T> {
    /// Adds a phrase. Case-insensitive phrases are stored lowercased.
    pub fn insert(&mut self, phrase: &str, case: Case, value: T) {
        let phrase = phrase.trim();
        if phrase.is_empty() {
            return;
        }
        let idx = self.values.len() as u32;
        self.values.push((value, case == Case::Sensitive));
        self.has_sensitive |= case == Case::Sensitive;
        if phrase.starts_with(|c: char| c.is_ascii_alphabetic()) {
            filter_set(
                &mut self.first_runs,
                first_run_slot(packed_letters(phrase.as_bytes())),
            );
        }
        // The first run of letters, recorded in `run_nodes` when a walk can jump over it: stored
        // in lower case, and at most eight letters (longer runs are walked).
        let bytes = phrase.as_bytes();
        let run = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let record_run = (1..=8).contains(&run)
            && (case == Case::Insensitive || bytes[..run].iter().all(u8::is_ascii_lowercase));
        let mut node = 0usize;
        let mut last_space = false;
        for (at, &b) in bytes.iter().enumerate() {
            if record_run && at == run {
                self.run_nodes
                    .insert(packed_letters(bytes), node as u32, |_, _| {}); // one run, one node
            }
            let b = if b == b'\t' { b' ' } else { b };
            if b == b' ' && last_space {
                continue;
            }
            last_space = b == b' ';
            let key = match case {
                Case::Insensitive => b.to_ascii_lowercase(),
                Case::Sensitive => b,
            };
            node = match self.nodes[node]
                .children
                .binary_search_by_key(&key, |c| c.0)
            {
                Ok(i) => self.nodes[node].children[i].1 as usize,
                Err(i) => {
                    let new = self.nodes.len();
                    self.nodes.push(Node::default());
                    self.nodes[node].children.insert(i, (key, new as u32));
                    if node == 0 {
                        self.root[key as usize] = new as u32;
                    }
                    new
                }
            };
        }
        if record_run && run == bytes.len() {
            self.run_nodes
                .insert(packed_letters(bytes), node as u32, |_, _| {}); // one run, one node
        }
        self.nodes[node].ends.push(idx);
    }

    fn child(&self, node: usize, key: u8) -> Option<usize> {
        if node == 0 {
            let c = self.root[key as usize];
            return (c != 0).then_some(c as usize);
        }
        let children = &self.nodes[node].children;
        children
            .binary_search_by_key(&key, |c| c.0)
            .ok()
            .map(|i| children[i].1 as usize)
    }

    fn accepts(&self, node: usize, exact: bool, pred: &impl Fn(&T) -> bool) -> bool {
        self.nodes[node].ends.iter().any(|&i| {
            let (v, needs_exact) = &self.values[i as usize];
            (exact || !needs_exact) && pred(v)
        })
    }

    /// The longest phrase that starts at byte 0 of `text` and, when it ends in a letter or digit,
    /// ends where a word of the text ends.
    #[inline]
    pub fn longest<'t>(&'t self, text: &str) -> Option<TrieMatch<'t, T>> {
        if !self.may_start(text) {
            return None;
        }
        self.longest_where(text, |_| true)
    }

    /// Whether some phrase matches at the start of `text`: [`Trie::longest`]`(text).is_some()`,
    /// with each walk stopped at its first match.
    pub fn matches(&self, text: &str) -> bool {
        self.may_start(text)
            && self
                .longest_where_pair::<true>(text, &|_| true, &|_| false)
                .0
                .is_some()
    }

    /// Whether some phrase may begin `text`: one whose first run of letters is the text's (when
    /// the text begins with a letter), or one that begins with its first byte. Most look-ups in
    /// running text end here, without a walk.
    #[inline]
    pub(crate) fn may_start(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        match bytes.first() {
            None => false,
            Some(b) if b.is_ascii_alphabetic() => {
                filter_has(&self.first_runs, first_run_slot(packed_letters(bytes)))
            }
            Some(&b) => self.root[b as usize] != 0,
        }
    }

    /// Whether some phrase begins with byte `b` (compared as the text's first byte is: a letter
    /// as written, not folded).
    pub(crate) fn may_begin_with(&self, b: u8) -> bool {
        self.root[b as usize] != 0
    }

    /// Like [`Trie::longest`], but only phrases with a value accepted by `pred` count; returns the
    /// length and the first such value.
    #[inline]
    pub fn find<'t>(&'t self, text: &str, pred: impl Fn(&T) -> bool) -> Option<(usize, &'t T)> {
        if !self.may_start(text) {
            return None;
        }
        let m = self.longest_where(text, &pred)?;
        let v = m.values().find(|v| pred(v))?;
        Some((m.len, v))
    }

    /// [`Trie::find`] for two predicates at once, in one walk: the same answers as two calls.
    #[inline]
    pub fn find_pair<'t>(
        &'t self,
        text: &str,
        pred_a: impl Fn(&T) -> bool,
        pred_b: impl Fn(&T) -> bool,
    ) -> FoundPair<'t, T> {
        if !self.may_start(text) {
            return (None, None);
        }
        let (ma, mb) = self.longest_where_pair::<false>(text, &pred_a, &pred_b);
        let a = ma.and_then(|m| m.values().find(|v| pred_a(v)).map(|v| (m.len, v)));
        let b = mb.and_then(|m| m.values().find(|v| pred_b(v)).map(|v| (m.len, v)));
        (a, b)
    }

    /// [`Trie::longest_where`] for two predicates in the same walks. Two linear walks: one on the
    /// exact bytes (every entry may match), and, only when the text had an ASCII capital on the
    /// way, one on the lowercased bytes (case-insensitive entries only). The longer match wins; at
    /// equal length the exact one. A trie without case-sensitive entries needs only the second
    /// walk. Inlined into `longest_where`, where the second predicate is always false. With
    /// `FIRST`, each walk stops at its first match for `pred_a`, and a match of the exact walk
    /// is answer enough: [`Trie::matches`].
    #[inline(always)]
    fn longest_where_pair<'t, const FIRST: bool>(
        &'t self,
        text: &str,
        pred_a: &impl Fn(&T) -> bool,
        pred_b: &impl Fn(&T) -> bool,
    ) -> (Option<TrieMatch<'t, T>>, Option<TrieMatch<'t, T>>) {
        if !self.has_sensitive {
            let (a, b, _) = self.walk_pair::<FIRST>(text, pred_a, pred_b, true);
            return (a, b);
        }
        let (exact_a, exact_b, saw_upper) = self.walk_pair::<FIRST>(text, pred_a, pred_b, false);
        if !saw_upper || FIRST && exact_a.is_some() {
            return (exact_a, exact_b);
        }
        let (folded_a, folded_b, _) = self.walk_pair::<FIRST>(text, pred_a, pred_b, true);
        let longer = |exact: Option<TrieMatch<'t, T>>, folded: Option<TrieMatch<'t, T>>| match (
            exact, folded,
        ) {
            (Some(a), Some(b)) => Some(if b.len > a.len { b } else { a }),
            (a, b) => a.or(b),
        };
        (longer(exact_a, folded_a), longer(exact_b, folded_b))
    }

    fn longest_where<'t>(
        &'t self,
        text: &str,
        pred: impl Fn(&T) -> bool,
    ) -> Option<TrieMatch<'t, T>> {
        self.longest_where_pair::<false>(text, &pred, &|_: &T| false)
            .0
    }

    /// One walk down the trie along `text`, lowercasing ASCII when `fold`: the longest match
    /// acceptable to each of two predicates, and whether an ASCII capital letter was passed.
    #[inline(always)]
    fn walk_pair<'t, const FIRST: bool>(
        &'t self,
        text: &str,
        pred: &impl Fn(&T) -> bool,
        pred_b: &impl Fn(&T) -> bool,
        fold: bool,
    ) -> (Option<TrieMatch<'t, T>>, Option<TrieMatch<'t, T>>, bool) {
        let bytes = text.as_bytes();
        let exact = !fold;
        let mut best = None;
        let mut best_b = None;
        let mut saw_upper = false;
        let mut node = 0usize;
        let mut pos = 0usize;
        // A first run of up to eight letters is taken in one step (see `run_nodes`).
        if crate::fast_paths_on() && bytes.first().is_some_and(u8::is_ascii_alphabetic) {
            let packed = packed_letters(bytes);
            let run = (71 - packed.leading_zeros() as usize) / 8;
            if (run < 8 || !bytes.get(8).is_some_and(u8::is_ascii_alphabetic))
                && (fold || bytes[..run].iter().all(u8::is_ascii_lowercase))
            {
                crate::work::count();
                match self.run_nodes.get(packed) {
                    Some(n) => {
                        node = n as usize;
                        pos = run;
                    }
                    // No phrase begins with this run; nor was a capital passed (a lowercased
                    // walk's flag is not read).
                    None => return (None, None, false),
                }
            }
        }
        loop {
            crate::work::count();
            if pos > 0
                && !self.nodes[node].ends.is_empty()
                && (!bytes[pos - 1].is_ascii_alphanumeric() || !is_word_char_at(text, pos))
            {
                let here = || TrieMatch {
                    len: pos,
                    trie: self,
                    node,
                    exact,
                };
                if self.accepts(node, exact, pred_b) {
                    best_b = Some(here());
                }
                if self.accepts(node, exact, pred) {
                    best = Some(here());
                    if FIRST {
                        break;
                    }
                }
            }
            if pos >= bytes.len() {
                break;
            }
            let sp = space_len(bytes, pos);
            let (key, step) = if sp > 0 {
                let mut p = pos + sp;
                while let n @ 1.. = space_len(bytes, p) {
                    p += n;
                }
                (b' ', p - pos)
            } else {
                let b = bytes[pos];
                if b.is_ascii_uppercase() {
                    saw_upper = true;
                }
                (if fold { b.to_ascii_lowercase() } else { b }, 1)
            };
            match self.child(node, key) {
                Some(c) => {
                    node = c;
                    pos += step;
                }
                None => break,
            }
        }
        (best, best_b, saw_upper)
    }
}

/// A unit entry of the lexicon.
#[derive(Debug, Clone)]
pub struct UnitEntry {
    /// The unit itself.
    pub unit: Unit,
}

/// How a unit alias may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AliasRule {
    /// Exact case required (symbols such as "M", "kWh").
    pub exact: bool,
    /// The alias is ambiguous ("in", "m") and needs a context that confirms it (end of text,
    /// punctuation, or a dimension adjective such as "thick").
    pub needs_context: bool,
}

/// A currency alias: which currency, and how many of it one unit of the alias is (a cent is 0.01).
#[derive(Debug, Clone)]
pub struct CurrencyEntry {
    /// The currency as a unit (name = ISO code).
    pub unit: Unit,
    /// Multiplier from the alias to the currency (1, or 0.01 for cents and pence).
    pub factor: Number,
    /// Whether the alias may stand before the number ("$5", "USD 5").
    pub prefix: bool,
    /// Exact case required.
    pub exact: bool,
    /// An ambiguous word ("grand") accepted only before punctuation or the end of the text,
    /// written with a leading `?` in the table.
    pub needs_context: bool,
}

/// The role a number word plays in a spelled-out number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberClass {
    /// zero to nine
    Unit,
    /// ten to nineteen
    Teen,
    /// twenty, thirty, ... ninety
    Tens,
    /// hundred
    Hundred,
    /// thousand, million, billion, ...; also dozen
    Scale,
    /// abbreviated scale after digits: k, mn, bn, tn (case-sensitive)
    ScaleAbbr,
    /// half, third, quarter, ... (denominators)
    Fraction,
    /// double, twice, triple, ... (ratios)
    Multiple,
    /// first, second, ... and 1st, 2nd as suffixes
    Ordinal,
}

/// A number word entry.
#[derive(Debug, Clone, Copy)]
pub struct NumberWord {
    /// The word's value.
    pub value: Number,
    /// Its role.
    pub class: NumberClass,
    /// Exact case required.
    pub exact: bool,
}

/// A vague magnitude ("hundreds", "a few", "dozens").
#[derive(Debug, Clone, Copy)]
pub struct Vague {
    /// Inclusive lower bound.
    pub lower: Number,
    /// Exclusive upper bound.
    pub upper: Number,
    /// The multiplier this word contributes after "of" ("hundreds of thousands": 1000).
    pub scale: Option<Number>,
    /// The phrase needs a following scale word, unit or counted thing ("a few", "several").
    pub needs_follow: bool,
}

/// What a qualifier phrase does to the bounds of the number it qualifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// more than: lower bound, exclusive
    LowerExclusive,
    /// at least: lower bound, inclusive
    LowerInclusive,
    /// less than: upper bound, exclusive
    UpperExclusive,
    /// up to: upper bound, inclusive
    UpperInclusive,
    /// about: approximate, value kept, bounds at the value
    Approximate,
    /// nearly: approximate, upper bound exclusive
    ApproximateBelow,
    /// just over: approximate, lower bound exclusive
    ApproximateAbove,
    /// exactly: no change
    Exact,
}

impl Effect {
    fn from_name(s: &str) -> Option<Effect> {
        Some(match s {
            "lower_exclusive" => Effect::LowerExclusive,
            "lower_inclusive" => Effect::LowerInclusive,
            "upper_exclusive" => Effect::UpperExclusive,
            "upper_inclusive" => Effect::UpperInclusive,
            "approximate" => Effect::Approximate,
            "approximate_below" => Effect::ApproximateBelow,
            "approximate_above" => Effect::ApproximateAbove,
            "exact" => Effect::Exact,
            _ => return None,
        })
    }
}

/// Where a qualifier stands relative to its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// before: "more than 5"
    Pre,
    /// after: "5 or more"
    Post,
}

/// A change phrase's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeRole {
    /// before the amount: "up", "rose by", "an increase of"
    Pre(Direction),
    /// after the amount: "increase", "drop"
    Post(Direction),
    /// introduces the reference: "from", "since", "compared with"
    Prep,
    /// a reference phrase: "last year", "a year earlier"
    Reference,
}

/// How the lexicon's maps hash their keys: with random keys, as `HashMap` does by default, except
/// in fuzz builds, where fixed keys make a run with a given seed the same on every machine (how
/// many probes a look-up takes is part of the coverage libFuzzer follows).
#[cfg(not(fuzzing))]
type KeyHasher = std::hash::RandomState;
#[cfg(fuzzing)]
type KeyHasher = BuildHasherDefault<DefaultHasher>;

/// All lexicons, loaded from the data tables.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Unit aliases.
    pub units: Trie<(Arc<UnitEntry>, AliasRule)>,
    /// Units by name and by symbol (for [`crate::Quantity`] conversion and printing).
    pub units_by_name: HashMap<String, Arc<UnitEntry>, KeyHasher>,
    /// Currency aliases.
    pub currencies: Trie<CurrencyEntry>,
    /// Currencies by ISO code.
    pub currencies_by_code: HashMap<String, Unit, KeyHasher>,
    /// How to write an amount of each currency so that it reads back: its first prefix alias
    /// ("$", "SAR"; `true`) or, when it has none, its first word ("german marks"; `false`).
    pub currency_forms: HashMap<String, (String, bool), KeyHasher>,
    /// Number words.
    pub numbers: Trie<NumberWord>,
    /// Vague magnitudes.
    pub vague: Trie<Vague>,
    /// Qualifier phrases.
    pub qualifiers: Trie<(Position, Effect)>,
    /// Change phrases.
    pub changes: Trie<ChangeRole>,
    /// Word lists by class (see `words.tsv`).
    pub words: Trie<WordClass>,
    /// The first words of every phrase that can begin an expression: the scanner runs the parser
    /// only where one of these (or a digit or currency sign) starts a word.
    pub triggers: Trie<()>,
    /// The leading letters (lowercase, at most 8, packed into a u64) of every trigger phrase,
    /// with what they are as a whole word ([`TriggerWord`]): a cheap test before walking
    /// `triggers` at each word of running text; for whole words a hit answers without a walk,
    /// when the text's word ends after those letters.
    trigger_words: PackedMap<TriggerWord>,
    /// A 65,536-bit filter over every trigger phrase's pair (its leading letters, what follows
    /// them: see [`continuation`]; [`ANY_CONTINUATION`] for phrases that end with their first
    /// word). A word of text whose pair is not set starts no phrase, and the trie walk is skipped
    /// ("a new", "in the").
    trigger_pair_filter: Vec<u64>,
    /// The third stage, for a pair whose second word is a run of letters: a 65,536-bit filter
    /// over every trigger phrase's triple (its leading letters, its second word's, what follows
    /// the second word; [`ANY_CONTINUATION`] for phrases that end with their second word). "in
    /// the United States" passes the pair filter ("in the region of") and stops here.
    trigger_triple_filter: Vec<u64>,
    /// A 65,536-bit filter over `trigger_words` (one bit per multiplicative hash): most words of
    /// running text are rejected by one load, before the table is probed.
    trigger_filter: Vec<u64>,
    /// The one-word `currency_before` words ("ringgit"), packed: triggers only before a digit.
    trigger_currency_words: Vec<u64>,
    /// The first three letters of every trigger word: bit `k` of entry `32 * i + j` is set when
    /// some trigger begins with the letters numbered `i`, `j` and `k` (`b & 0x1F`, either case),
    /// 0 standing for "no letter" (the word ended; after a one-letter word every bit is set).
    /// Row 0 (a first byte that is no letter) has every bit set. The scanner's first test at
    /// each word, made on three bytes before any packing ("the", "said" and "house" stop here).
    trigger_initials: Box<Initials>,
    /// The first letters (a bit per ASCII letter, lowercase) of the `unit_adjective` words: a cheap
    /// test before looking one up after every bare number.
    unit_adjective_initials: u32,
}

fn filter_slot(w: u64) -> usize {
    (w.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

fn pair_slot(first: u64, next: u64) -> usize {
    filter_slot(first ^ next.wrapping_mul(0xD6E8_FEB8_6659_FD93).rotate_left(29))
}

fn filter_has(filter: &[u64], slot: usize) -> bool {
    filter[slot >> 6] & (1 << (slot & 63)) != 0
}

fn filter_set(filter: &mut [u64], slot: usize) {
    filter[slot >> 6] |= 1 << (slot & 63);
}

/// Packs the lowercase ASCII letters at the start of `word` (at most the first eight) into a
/// u64; the flag tells whether the run of letters is longer than eight.
pub fn pack_letters(word: &[u8]) -> (u64, bool) {
    let longer = word.len() > 8 && word[..9].iter().all(u8::is_ascii_alphabetic);
    (packed_letters(word), longer)
}

/// The letters a packed run holds (see [`pack_letters`]), as a string.
fn unpack_letters(packed: u64) -> String {
    let bytes = packed.to_le_bytes();
    let len = bytes.iter().position(|&b| b == 0).unwrap_or(8);
    String::from_utf8_lossy(&bytes[..len]).into_owned()
}

/// [`pack_letters`]`(b).0`, without a loop: the first eight bytes are tested for ASCII letters
/// all at once (each byte's high bit says whether it is one), and those before the first
/// non-letter kept, lowercased.
pub(crate) fn packed_letters(b: &[u8]) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let raw = match b.first_chunk::<8>() {
        Some(chunk) => u64::from_le_bytes(*chunk),
        None => {
            let mut buf = [0u8; 8];
            buf[..b.len()].copy_from_slice(b);
            u64::from_le_bytes(buf)
        }
    };
    // Setting bit 5 lowercases an ASCII letter; a letter is then 0x61..=0x7A with bit 7 clear.
    let lower = raw | (0x20 * ONES);
    let low7 = lower & !HIGH;
    let at_least_a = (low7 + (0x80 - 0x61) * ONES) & HIGH;
    let above_z = (low7 + (0x80 - 0x7B) * ONES) & HIGH;
    let letter = at_least_a & !above_z & !raw & HIGH;
    // The high bit of the first byte that is no letter, isolated: the bytes below it are kept
    // (all eight when every byte is a letter, where `first` is 0 and the mask wraps to all ones).
    let not_letter = !letter & HIGH;
    let first = not_letter & not_letter.wrapping_neg();
    lower & (first >> 7).wrapping_sub(1)
}

/// Each byte's number for [`has_initials`]: 1 to 26 for an ASCII letter in either
/// case, 0 for every other byte ([`letter_number`] as a table).
static LETTER_NUMBER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = letter_number(b as u8);
        b += 1;
    }
    t
};

/// Records in a table of first letters (32 x 32 entries of 32 bits: bit `k` of entry `32 * i + j`
/// for the letters numbered `i`, `j`, `k`, 0 for "no letter") the first three letters of a word
/// packed by [`pack_letters`]. After a one-letter word every bit is set: any third byte may
/// follow, so that [`has_initials`] need not ask whether the second byte was a letter.
fn set_initials(table: &mut Initials, packed: u64) {
    let [first, second, third, ..] = packed.to_le_bytes();
    let thirds = if second == 0 {
        u32::MAX
    } else {
        1 << (third & 0x1F)
    };
    table[32 * usize::from(first & 0x1F) + usize::from(second & 0x1F)] |= thirds;
}

/// Whether a word recorded by [`set_initials`] may begin `text` (which begins with an ASCII
/// letter), judged by its first three bytes, without branches on them.
#[inline]
pub(crate) fn has_initials(table: &Initials, text: &[u8]) -> bool {
    let letter = |i: usize| {
        text.get(i)
            .map_or(0, |&c| usize::from(LETTER_NUMBER[usize::from(c)]))
    };
    let (i, j, k) = (letter(0), letter(1), letter(2));
    // Letter numbers are below 32: the index is in bounds, and the masks let the compiler see it.
    table[32 * (i & 31) + (j & 31)] & (1 << (k & 31)) != 0
}

/// A table of first letters: see [`set_initials`]. The lexicon's has every bit of row 0 set (a
/// first byte that is no letter turns nothing away), which [`words_without_initials`] relies on.
pub(crate) type Initials = [u32; 32 * 32];

/// A byte's letter number (1 to 26 for an ASCII letter in either case, else 0) by arithmetic,
/// so that the compiler can compute it for many bytes at once; [`LETTER_NUMBER`] is its table.
#[inline]
const fn letter_number(b: u8) -> u8 {
    // Above 0x7F, `b | 0x20` is no lowercase letter either.
    if (b | 0x20).wrapping_sub(b'a') < 26 {
        b & 0x1F
    } else {
        0
    }
}

/// [`has_initials`] for every word of a 64-byte block at once: of the words that start at the
/// set bits of `words` (bit `i` for byte `at + i` of `bytes`), those that begin with an ASCII
/// letter and fail the test. The letter numbers of the block and the two bytes after it are
/// computed together first (bytes past the end count as non-letters, as `has_initials` counts
/// them), so that each word costs one table look-up and no bounds test. The words that begin
/// with no letter pass without a test of their own: the table's row 0 has every bit set, as
/// the lexicon builds it.
#[inline]
pub(crate) fn words_without_initials(table: &Initials, bytes: &[u8], at: usize, words: u64) -> u64 {
    let mut numbers = [0u8; 66];
    let block = bytes
        .get(at..at + 66)
        .and_then(|b| <&[u8; 66]>::try_from(b).ok());
    if let Some(block) = block {
        for (n, &b) in numbers.iter_mut().zip(block) {
            *n = letter_number(b);
        }
    } else {
        for (n, &b) in numbers.iter_mut().zip(bytes.get(at..).unwrap_or_default()) {
            *n = letter_number(b);
        }
    }
    let mut left = words;
    let mut away = 0u64;
    while left != 0 {
        let i = (left.trailing_zeros() & 63) as usize;
        left &= left - 1;
        let (first, second, third) = (numbers[i], numbers[i + 1], numbers[i + 2]);
        let thirds = table[32 * usize::from(first & 31) + usize::from(second & 31)];
        // A word that begins with no letter finds every bit set (row 0 of the table).
        let known = thirds & (1 << (third & 31)) != 0;
        away |= u64::from(!known) << i;
    }
    away
}

/// The continuation of a phrase that is its first word alone: any text after it may match.
const ANY_CONTINUATION: u64 = u64::MAX;

/// What follows the run of `letters` ASCII letters at the start of `b`, for the second trigger
/// test: after white space (as the tries match it), the next word's first letters packed as by
/// [`pack_letters`] when it begins with a letter, else the next byte; `None` at the end.
#[inline]
fn continuation(b: &[u8], letters: usize) -> Option<u64> {
    continuation_at(b, letters).map(|(c, _)| c)
}

/// [`continuation`], with where it starts in `b`.
#[inline]
fn continuation_at(b: &[u8], letters: usize) -> Option<(u64, usize)> {
    let mut p = letters;
    while let n @ 1.. = space_len(b, p) {
        p += n;
    }
    let c = *b.get(p)?;
    let next = if c.is_ascii_alphabetic() {
        packed_letters(&b[p..])
    } else {
        u64::from(c)
    };
    Some((next, p))
}

/// The end of the run of ASCII letters that starts at `p` in `b` (`None` when none starts there).
#[inline]
fn letters_end(b: &[u8], p: usize) -> Option<usize> {
    let run = b
        .get(p..)?
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    (run > 0).then_some(p + run)
}

/// The slot of a trigger triple (first word, second word, what follows) in the third filter.
fn triple_slot(first: u64, second: u64, next: u64) -> usize {
    pair_slot(
        first ^ second.wrapping_mul(0xA076_1D64_78BD_642F).rotate_left(17),
        next,
    )
}

/// The classes of `words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordClass {
    /// Function words that end a counted-thing phrase.
    Stop,
    /// Words before a number that make it an identifier ("Section 427", "Title 42").
    Label,
    /// Month names and abbreviations.
    Month,
    /// Words after "a", "an", "each", "every" that make a rate ("a day").
    RatePeriod,
    /// Adverbs that are rates ("annually" = per year); the value is in `words.tsv` as `rate_adverb`.
    RateAdverb,
    /// Adjectives that confirm an ambiguous unit symbol ("2 in thick").
    DimensionAdjective,
    /// Irregular plural nouns that can end a counted thing ("people", "children").
    PluralNoun,
    /// Capitalised words that may start a sentence before a number without making it an identifier.
    SentenceStart,
    /// Words after a number that make it a time of day ("pm", "a.m.", "o'clock").
    TimeOfDay,
    /// Words before a number that make it a year ("fiscal", "FY", "in", "since").
    YearCue,
    /// Units and coins that are a quantity of one after "a"/"an" ("a kilogram", "a dime").
    ArticleUnit,
    /// Adjectives that may stand between a number and its unit ("5 straight days").
    UnitAdjective,
    /// Street types: a number before capitalised words and one of them is a street address
    /// ("123 Random Street").
    Street,
    /// Currency words that may stand before a number ("ringgit 42").
    CurrencyBefore,
    /// Label words after which a number word is still a count ("the top five books").
    LabelCount,
    /// Singular nouns ending in -s ("series", "species"): after a lone "one" a counted thing,
    /// not a verb.
    SingularS,
    /// Verbs of turning ("rotate", "turned"): degrees after them are an angle.
    Turning,
    /// Words between a verb of turning and the degrees ("left", "by").
    TurningLink,
    /// Words of warmth after degrees ("colder"): a temperature after all.
    Warmth,
}

impl WordClass {
    fn from_name(s: &str) -> Option<WordClass> {
        Some(match s {
            "stop" => WordClass::Stop,
            "label" => WordClass::Label,
            "month" => WordClass::Month,
            "rate_period" => WordClass::RatePeriod,
            "rate_adverb" => WordClass::RateAdverb,
            "article_unit" => WordClass::ArticleUnit,
            "unit_adjective" => WordClass::UnitAdjective,
            "currency_before" => WordClass::CurrencyBefore,
            "dimension_adjective" => WordClass::DimensionAdjective,
            "plural_noun" => WordClass::PluralNoun,
            "sentence_start" => WordClass::SentenceStart,
            "time_of_day" => WordClass::TimeOfDay,
            "year_cue" => WordClass::YearCue,
            "street" => WordClass::Street,
            "label_count" => WordClass::LabelCount,
            "singular_s" => WordClass::SingularS,
            "turning" => WordClass::Turning,
            "warmth" => WordClass::Warmth,
            "turning_link" => WordClass::TurningLink,
            _ => return None,
        })
    }
}

/// A problem in a lexicon table: which table, which line, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{table} line {line}: {message}")]
pub struct LexiconError {
    /// The table's file name.
    pub table: &'static str,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

fn rows(
    table: &'static str,
    text: &'static str,
) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    let _ = table;
    text.lines().enumerate().filter_map(|(i, line)| {
        let trimmed = line.trim_end_matches('\r');
        if trimmed.trim().is_empty() || trimmed.trim_start().starts_with('#') {
            None
        } else {
            Some((i + 1, trimmed.split('\t').collect()))
        }
    })
}

fn split_aliases(s: &str) -> impl Iterator<Item = &str> {
    s.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty() && *a != "-")
}

fn num(table: &'static str, line: usize, s: &str) -> Result<Number, LexiconError> {
    s.trim().parse().map_err(|_| LexiconError {
        table,
        line,
        message: format!("{s:?} is not a number"),
    })
}

fn col<'a>(
    table: &'static str,
    line: usize,
    cols: &[&'a str],
    i: usize,
) -> Result<&'a str, LexiconError> {
    cols.get(i).map(|s| s.trim()).ok_or_else(|| LexiconError {
        table,
        line,
        message: format!("expected at least {} tab-separated columns", i + 1),
    })
}

fn opt_cow(s: &'static str) -> Option<Cow<'static, str>> {
    (s != "-" && !s.is_empty()).then_some(Cow::Borrowed(s))
}

impl Lexicon {
    /// The built-in lexicon, parsed from the bundled tables on first use.
    ///
    /// # Panics
    /// Never at run time for a released build: the bundled tables are checked by the test suite
    /// (`Lexicon::load` is called by every test); a malformed table is a build defect.
    pub fn builtin() -> &'static Arc<Lexicon> {
        static LEXICON: OnceLock<Arc<Lexicon>> = OnceLock::new();
        LEXICON.get_or_init(|| {
            Arc::new(Lexicon::load().unwrap_or_else(|e| panic!("bundled lexicon is invalid: {e}")))
        })
    }

    /// Parses the bundled tables.
    pub fn load() -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon {
            units: Trie::default(),
            units_by_name: HashMap::default(),
            currencies: Trie::default(),
            currencies_by_code: HashMap::default(),
            currency_forms: HashMap::default(),
            numbers: Trie::default(),
            vague: Trie::default(),
            qualifiers: Trie::default(),
            changes: Trie::default(),
            words: Trie::default(),
            triggers: Trie::default(),
            trigger_words: PackedMap::default(),
            trigger_pair_filter: Vec::new(),
            trigger_triple_filter: Vec::new(),
            trigger_filter: Vec::new(),
            trigger_currency_words: Vec::new(),
            trigger_initials: Box::new([0; 32 * 32]),
            unit_adjective_initials: 0,
        };
        lex.load_units()?;
        lex.load_currencies()?;
        lex.load_numbers()?;
        lex.load_vague()?;
        lex.load_qualifiers()?;
        lex.load_changes()?;
        lex.load_words()?;
        lex.load_triggers();
        Ok(lex)
    }

    fn load_units(&mut self) -> Result<(), LexiconError> {
        const T: &str = "units.tsv";
        for (line, cols) in rows(T, UNITS_TSV) {
            let name = col(T, line, &cols, 0)?;
            let dim_name = col(T, line, &cols, 1)?;
            let dimension = Dimension::from_name(dim_name).ok_or_else(|| LexiconError {
                table: T,
                line,
                message: format!("unknown dimension {dim_name:?}"),
            })?;
            let symbol = col(T, line, &cols, 2)?;
            let si_unit = col(T, line, &cols, 3)?;
            let si_factor = col(T, line, &cols, 4)?;
            let si_factor = if si_factor == "-" {
                None
            } else {
                Some(num(T, line, si_factor)?.to_f64())
            };
            let si_offset = num(T, line, col(T, line, &cols, 5)?)?.to_f64();
            let words = cols.get(6).copied().unwrap_or("");
            let symbols = cols.get(7).copied().unwrap_or("");
            let unit = Unit {
                name: Cow::Borrowed(name),
                dimension,
                symbol: Cow::Borrowed(symbol),
                si_unit: opt_cow(si_unit),
                si_factor,
                si_offset,
            };
            self.add_unit_aliases(unit, split_aliases(words), split_aliases(symbols));
        }
        Ok(())
    }

    /// Adds a unit with its case-insensitive `words` and case-sensitive `symbols` (a symbol
    /// written `?in` is ambiguous and needs a confirming context). The unit becomes findable by its
    /// name and symbol too.
    pub fn add_unit<'a>(
        &mut self,
        unit: Unit,
        words: impl IntoIterator<Item = &'a str>,
        symbols: impl IntoIterator<Item = &'a str>,
    ) {
        self.add_unit_aliases(unit, words.into_iter(), symbols.into_iter());
    }

    fn add_unit_aliases<'a>(
        &mut self,
        unit: Unit,
        words: impl Iterator<Item = &'a str>,
        symbols: impl Iterator<Item = &'a str>,
    ) {
        let entry = Arc::new(UnitEntry { unit });
        let name = entry.unit.name.to_string();
        self.units_by_name
            .entry(name.to_lowercase())
            .or_insert_with(|| entry.clone());
        self.units_by_name
            .entry(entry.unit.symbol.to_string())
            .or_insert_with(|| entry.clone());
        self.units.insert(
            &name,
            Case::Insensitive,
            (
                entry.clone(),
                AliasRule {
                    exact: false,
                    needs_context: false,
                },
            ),
        );
        for w in words {
            self.units_by_name
                .entry(w.to_lowercase())
                .or_insert_with(|| entry.clone());
            self.units.insert(
                w,
                Case::Insensitive,
                (
                    entry.clone(),
                    AliasRule {
                        exact: false,
                        needs_context: false,
                    },
                ),
            );
        }
        for s in symbols {
            let (s, needs_context) = match s.strip_prefix('?') {
                Some(rest) => (rest, true),
                None => (s, false),
            };
            if !needs_context {
                self.units_by_name
                    .entry(s.to_string())
                    .or_insert_with(|| entry.clone());
            }
            self.units.insert(
                s,
                Case::Sensitive,
                (
                    entry.clone(),
                    AliasRule {
                        exact: true,
                        needs_context,
                    },
                ),
            );
        }
    }

    /// The trigger phrases: every phrase that can begin an expression, in full ("more than",
    /// "a few", "a million"), so that a frequent word such as "a" starts a parse only where a
    /// quantity phrase really begins.
    fn load_triggers(&mut self) {
        let mut words = Vec::new();
        let mut whole = Vec::new();
        let mut currency_words = Vec::new();
        let mut pairs = Vec::new();
        let mut triples = Vec::new();
        let mut add = |p: &str, case: Case| {
            if p.starts_with(|c: char| c.is_ascii_alphabetic()) {
                self.triggers.insert(p, case, ());
                // Words longer than eight letters are filed under their first eight.
                let (w, long) = pack_letters(p.as_bytes());
                words.push(w);
                let b = p.trim().as_bytes();
                let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
                match continuation_at(b, letters) {
                    None => pairs.push((w, ANY_CONTINUATION)),
                    Some((second, at)) => {
                        pairs.push((w, second));
                        if let Some(end) = letters_end(b, at) {
                            let next = continuation(b, end).unwrap_or(ANY_CONTINUATION);
                            triples.push((w, second, next));
                        }
                    }
                }
                if !long && case == Case::Insensitive && p.bytes().all(|b| b.is_ascii_alphabetic())
                {
                    whole.push(w);
                }
            }
        };
        for table in [QUALIFIERS_TSV, CHANGES_TSV] {
            for (_, cols) in rows("", table) {
                if cols.get(1).map(|s| s.trim()) == Some("pre") {
                    split_aliases(cols[0]).for_each(|p| add(p, Case::Insensitive));
                }
            }
        }
        for (_, cols) in rows("vague.tsv", VAGUE_TSV) {
            split_aliases(cols[0]).for_each(|p| add(p, Case::Insensitive));
        }
        for (_, cols) in rows("numbers.tsv", NUMBERS_TSV) {
            let class = cols.get(2).map(|s| s.trim());
            if class == Some("scale_abbr") || class == Some("ordinal") {
                continue;
            }
            for w in split_aliases(cols[0]) {
                add(w, Case::Insensitive);
                // "a tens" for "a twenty-first" (1/21).
                if matches!(class, Some("scale" | "hundred" | "fraction" | "tens")) {
                    add(&format!("a {w}"), Case::Insensitive);
                    add(&format!("an {w}"), Case::Insensitive);
                }
            }
        }
        for (_, cols) in rows("currencies.tsv", CURRENCIES_TSV) {
            if let Some(prefixes) = cols.get(3) {
                split_aliases(prefixes).for_each(|p| add(p, Case::Sensitive));
            }
        }
        for (_, cols) in rows("words.tsv", WORDS_TSV) {
            if cols.first().map(|s| s.trim()) == Some("article_unit")
                && let Some(ws) = cols.get(1)
            {
                for w in split_aliases(ws) {
                    add(&format!("a {w}"), Case::Insensitive);
                    add(&format!("an {w}"), Case::Insensitive);
                }
            }
            if cols.first().map(|s| s.trim()) == Some("currency_before")
                && let Some(ws) = cols.get(1)
            {
                // One word starts a parse only before a digit ("ringgit 42", not "the dollar"):
                // see `is_trigger_packed`. Phrases ("malaysian ringgit") are triggers.
                for w in split_aliases(ws) {
                    if w.contains(' ') {
                        add(w, Case::Insensitive);
                    } else {
                        currency_words.push(pack_letters(w.as_bytes()).0);
                    }
                }
            }
        }
        for w in RANGE_OPENERS.into_iter().chain([
            "aged",
            "age",
            "ages",
            "minus",
            "negative",
            "absolute zero",
        ]) {
            add(w, Case::Insensitive);
        }
        words.extend(currency_words.iter().copied());
        // A currency word starts a parse only before a digit, which `is_trigger_packed` checks
        // after the filters: let any continuation through the pair filter.
        pairs.extend(currency_words.iter().map(|&w| (w, ANY_CONTINUATION)));
        words.sort_unstable();
        words.dedup();
        whole.sort_unstable();
        whole.dedup();
        let mut filter = vec![0u64; 1 << 10];
        for &w in &words {
            filter_set(&mut filter, filter_slot(w));
        }
        // A packed word holds its lowercase letters from the low byte up, then zeros.
        let mut initials = Box::new([0u32; 32 * 32]);
        for &w in &words {
            set_initials(&mut initials, w);
        }
        // A first byte that is no letter (number 0) turns nothing away: the block-wide test
        // then needs no test of its own for the digits and signs among its words.
        initials[..32].fill(u32::MAX);
        self.trigger_initials = initials;
        currency_words.sort_unstable();
        currency_words.dedup();
        self.trigger_currency_words = currency_words;
        self.trigger_filter = filter;
        let mut table = PackedMap::with_capacity(words.len());
        for &w in &words {
            let whole = whole.binary_search(&w).is_ok();
            let word = TriggerWord {
                whole,
                opens: whole && self.opens_amount(&unpack_letters(w)),
                next: 0,
            };
            table.insert(w, word, |old, new| {
                old.whole |= new.whole;
                old.opens |= new.opens;
            });
        }
        // Each pair goes into the pair filter, and its next word's first letter into the word's
        // `next` letters.
        let mut pair_filter = vec![0u64; 1 << 10];
        for (w, next) in pairs {
            filter_set(&mut pair_filter, pair_slot(w, next));
            let letters = match next {
                ANY_CONTINUATION => u32::MAX,
                _ => 1 << LETTER_NUMBER[usize::from((next & 0xFF) as u8)],
            };
            let word = TriggerWord {
                next: letters,
                ..TriggerWord::default()
            };
            table.insert(w, word, |old, new| old.next |= new.next);
        }
        self.trigger_words = table;
        self.trigger_pair_filter = pair_filter;
        let mut triple_filter = vec![0u64; 1 << 10];
        for (w, second, next) in triples {
            filter_set(&mut triple_filter, triple_slot(w, second, next));
        }
        self.trigger_triple_filter = triple_filter;
    }

    /// The first three letters of every trigger and of every letter currency code that may be
    /// attached to digits ("USD5"), for [`has_initials`]: the scanner's cheapest test at each word,
    /// before it packs the word for [`Lexicon::is_trigger_packed`]. A word it turns away begins no
    /// trigger; one it lets through may or may not.
    pub(crate) fn trigger_initials(&self) -> &Initials {
        &self.trigger_initials
    }

    /// Whether `word` (lowercase letters), as a whole phrase, only goes before an amount: it is
    /// a whole pre qualifier or pre change as the grammar's look-ups match it ([`TriggerWord`]),
    /// or a range opener.
    fn opens_amount(&self, word: &str) -> bool {
        let whole = |len: Option<usize>| len == Some(word.len());
        whole(
            self.qualifiers
                .find(word, |(pos, _)| *pos == Position::Pre)
                .map(|(len, _)| len),
        ) || whole(
            self.changes
                .find(word, |role| matches!(role, ChangeRole::Pre(_)))
                .map(|(len, _)| len),
        ) || RANGE_OPENERS.contains(&word)
    }

    /// Whether a trigger phrase can begin at the start of `text` (a word of running text).
    pub fn is_trigger(&self, text: &str) -> bool {
        let (packed, _) = pack_letters(text.as_bytes());
        let letters = text.bytes().take_while(u8::is_ascii_alphabetic).count();
        self.is_trigger_packed(text, packed, letters)
    }

    /// [`Lexicon::is_trigger`] for a word whose first letters (at most eight, lowercase) the
    /// caller packed already, `letters` being the length of its whole run of ASCII letters.
    pub fn is_trigger_packed(&self, text: &str, packed: u64, letters: usize) -> bool {
        self.trigger_packed::<false>(text, packed, letters)
    }

    /// [`Lexicon::is_trigger_packed`] for the scanner, which asks whether an expression may
    /// begin: false also for a word that only goes before an amount ([`TriggerWord::opens`])
    /// when what follows it can begin neither the amount nor a longer phrase
    /// ([`Lexicon::no_amount_after`]): "from the", "about how", "up the". The grammar would
    /// fail there and the scanner resume after the word, where it goes on anyway.
    pub(crate) fn may_begin_expression_packed(
        &self,
        text: &str,
        packed: u64,
        letters: usize,
    ) -> bool {
        self.trigger_packed::<true>(text, packed, letters)
    }

    /// [`Lexicon::is_trigger_packed`], and with `EXPRESSION`
    /// [`Lexicon::may_begin_expression_packed`].
    #[inline(always)]
    fn trigger_packed<const EXPRESSION: bool>(
        &self,
        text: &str,
        packed: u64,
        letters: usize,
    ) -> bool {
        if !filter_has(&self.trigger_filter, filter_slot(packed)) {
            return false;
        }
        let Some(word) = self.trigger_words.get(packed) else {
            return false;
        };
        if letters <= 8 && word.whole && !is_word_char_at(text, letters) {
            return !(EXPRESSION && word.opens && self.no_amount_after(text, packed, letters));
        }
        // The word and what follows it must begin some phrase before the trie is walked: first
        // the next word's first letter, after one space, then the pair filter.
        let b = text.as_bytes();
        if let [b' ', c, ..] = b[letters..]
            && c.is_ascii_alphabetic()
            && word.next & (1 << LETTER_NUMBER[usize::from(c)]) == 0
        {
            return false;
        }
        let next = continuation_at(b, letters);
        let pair_known = |c: u64| filter_has(&self.trigger_pair_filter, pair_slot(packed, c));
        // Whether some phrase ends with the word (its pair with any continuation went into the
        // pair filter), without a look-up: every bit of its next letters is set exactly then
        // (letters and other continuations set bits 0 to 26 only).
        let ends_any = word.next == u32::MAX;
        if !(next.is_some_and(|(c, _)| pair_known(c)) || ends_any) {
            return false;
        }
        // And so must the first two words and what follows them, when the second is a word
        // and no phrase is the first word alone.
        if !ends_any
            && let Some((second, at)) = next
            && let Some(second_end) = letters_end(b, at)
        {
            let triple_known =
                |c: u64| filter_has(&self.trigger_triple_filter, triple_slot(packed, second, c));
            if !(continuation(b, second_end).is_some_and(triple_known)
                || triple_known(ANY_CONTINUATION))
            {
                return false;
            }
        }
        self.triggers.matches(text)
            || text.as_bytes().get(letters) == Some(&b' ')
                && text
                    .as_bytes()
                    .get(letters + 1)
                    .is_some_and(u8::is_ascii_digit)
                && self.trigger_currency_words.binary_search(&packed).is_ok()
    }

    /// Whether, after a whole trigger word that only goes before an amount (`packed`, the
    /// `letters` letters that begin `text`), the grammar is sure to fail: one space and then a
    /// word that
    ///
    /// - begins no core of an expression ([`Lexicon::begins_no_core`], which
    ///   `expr::core_begins` agrees with): no qualifier, number, currency or other trigger begins
    ///   there ("from the", "from this", "about all");
    /// - does not go on a phrase that begins with the trigger word (the pair filter: "up to");
    /// - is not "by", which a change takes before its amount ("rose by 5%").
    ///
    /// With one space, every look-up and the pair filter see the same next word. Off with the
    /// fast paths, so that tests compare it with the grammar.
    #[inline]
    fn no_amount_after(&self, text: &str, packed: u64, letters: usize) -> bool {
        const BY: u64 = u16::from_le_bytes(*b"by") as u64;
        let b = text.as_bytes();
        if b.get(letters) != Some(&b' ')
            || !b.get(letters + 1).is_some_and(u8::is_ascii_alphabetic)
            || !crate::fast_paths_on()
        {
            return false;
        }
        // After an ASCII space, `letters + 1` is a character boundary.
        let rest = &text[letters + 1..];
        // The three-letter test first: it turns most words away by itself.
        let initials = has_initials(&self.trigger_initials, rest.as_bytes());
        let next = packed_letters(rest.as_bytes());
        next != BY
            && !filter_has(&self.trigger_pair_filter, pair_slot(packed, next))
            && (!initials || self.begins_no_core(rest))
    }

    /// Whether no core of an expression (a number, an amount of money, a trigger phrase) begins
    /// at `text`, which begins with an ASCII letter: `expr::core_begins`'s answer "nothing".
    /// Most words are turned away by their first three letters ([`has_initials`]) without a
    /// look-up; the others when they begin no trigger phrase (the scanner's filters, then the
    /// trie), no currency prefix ("US$"), no attached currency code ("USD5") and no currency
    /// word before a number ("ringgit 42"). It errs only towards "a core may begin", which costs
    /// a parse: a word longer than eight letters whose first eight are a currency word's
    /// ("renminbis 42") passes the trigger test, where the look-ups find nothing. Out of line:
    /// the scanner asks it only after an opener whose next word's first letters begin a trigger.
    #[inline(never)]
    pub(crate) fn begins_no_core(&self, text: &str) -> bool {
        let b = text.as_bytes();
        if !has_initials(&self.trigger_initials, b) && crate::fast_paths_on() {
            return true;
        }
        let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        !(self.trigger_packed::<false>(text, packed_letters(b), letters)
            || self.currencies.find(text, |c| c.prefix).is_some()
            || crate::unit::attached_code(self, text).is_some()
            || crate::unit::currency_word_before(self, text).is_some())
    }

    fn load_currencies(&mut self) -> Result<(), LexiconError> {
        const T: &str = "currencies.tsv";
        for (line, cols) in rows(T, CURRENCIES_TSV) {
            let code = col(T, line, &cols, 0)?;
            let symbol = col(T, line, &cols, 1)?;
            let factor = num(T, line, col(T, line, &cols, 2)?)?;
            let prefixes = cols.get(3).copied().unwrap_or("");
            let words = cols.get(4).copied().unwrap_or("");
            let unit = Unit {
                name: Cow::Borrowed(code),
                dimension: Dimension::Currency,
                symbol: Cow::Borrowed(symbol),
                si_unit: None,
                si_factor: None,
                si_offset: 0.0,
            };
            self.currencies_by_code
                .entry(code.to_string())
                .or_insert_with(|| unit.clone());
            if factor == Number::ONE {
                let form = split_aliases(prefixes)
                    .next()
                    .map(|p| (p.to_string(), true))
                    .or_else(|| split_aliases(words).last().map(|w| (w.to_string(), false)));
                if let Some(form) = form {
                    let slot = self
                        .currency_forms
                        .entry(code.to_string())
                        .or_insert(form.clone());
                    if form.1 && !slot.1 {
                        *slot = form;
                    }
                }
            }
            for p in split_aliases(prefixes) {
                self.currencies.insert(
                    p,
                    Case::Sensitive,
                    CurrencyEntry {
                        unit: unit.clone(),
                        factor,
                        prefix: true,
                        exact: true,
                        needs_context: false,
                    },
                );
            }
            for w in split_aliases(words) {
                let (w, needs_context) = match w.strip_prefix('?') {
                    Some(w) => (w, true),
                    None => (w, false),
                };
                self.currencies.insert(
                    w,
                    Case::Insensitive,
                    CurrencyEntry {
                        unit: unit.clone(),
                        factor,
                        prefix: false,
                        exact: false,
                        needs_context,
                    },
                );
            }
        }
        Ok(())
    }

    fn load_numbers(&mut self) -> Result<(), LexiconError> {
        const T: &str = "numbers.tsv";
        for (line, cols) in rows(T, NUMBERS_TSV) {
            let words = col(T, line, &cols, 0)?;
            let value = num(T, line, col(T, line, &cols, 1)?)?;
            let class_name = col(T, line, &cols, 2)?;
            let class = match class_name {
                "unit" => NumberClass::Unit,
                "teen" => NumberClass::Teen,
                "tens" => NumberClass::Tens,
                "hundred" => NumberClass::Hundred,
                "scale" => NumberClass::Scale,
                "scale_abbr" => NumberClass::ScaleAbbr,
                "fraction" => NumberClass::Fraction,
                "multiple" => NumberClass::Multiple,
                "ordinal" => NumberClass::Ordinal,
                other => {
                    return Err(LexiconError {
                        table: T,
                        line,
                        message: format!("unknown number class {other:?}"),
                    });
                }
            };
            let exact = class == NumberClass::ScaleAbbr;
            let case = if exact {
                Case::Sensitive
            } else {
                Case::Insensitive
            };
            for w in split_aliases(words) {
                self.numbers.insert(
                    w,
                    case,
                    NumberWord {
                        value,
                        class,
                        exact,
                    },
                );
            }
        }
        Ok(())
    }

    fn load_vague(&mut self) -> Result<(), LexiconError> {
        const T: &str = "vague.tsv";
        for (line, cols) in rows(T, VAGUE_TSV) {
            let phrases = col(T, line, &cols, 0)?;
            let lower = num(T, line, col(T, line, &cols, 1)?)?;
            let upper = num(T, line, col(T, line, &cols, 2)?)?;
            let scale = col(T, line, &cols, 3)?;
            let scale = if scale == "-" {
                None
            } else {
                Some(num(T, line, scale)?)
            };
            let needs_follow = col(T, line, &cols, 4)? == "yes";
            for p in split_aliases(phrases) {
                self.vague.insert(
                    p,
                    Case::Insensitive,
                    Vague {
                        lower,
                        upper,
                        scale,
                        needs_follow,
                    },
                );
            }
        }
        Ok(())
    }

    fn load_qualifiers(&mut self) -> Result<(), LexiconError> {
        const T: &str = "qualifiers.tsv";
        for (line, cols) in rows(T, QUALIFIERS_TSV) {
            let phrases = col(T, line, &cols, 0)?;
            let pos = match col(T, line, &cols, 1)? {
                "pre" => Position::Pre,
                "post" => Position::Post,
                other => {
                    return Err(LexiconError {
                        table: T,
                        line,
                        message: format!("position must be pre or post, not {other:?}"),
                    });
                }
            };
            let effect_name = col(T, line, &cols, 2)?;
            let effect = Effect::from_name(effect_name).ok_or_else(|| LexiconError {
                table: T,
                line,
                message: format!("unknown effect {effect_name:?}"),
            })?;
            for p in split_aliases(phrases) {
                self.qualifiers.insert(p, Case::Insensitive, (pos, effect));
            }
        }
        Ok(())
    }

    fn load_changes(&mut self) -> Result<(), LexiconError> {
        const T: &str = "changes.tsv";
        for (line, cols) in rows(T, CHANGES_TSV) {
            let phrases = col(T, line, &cols, 0)?;
            let role = col(T, line, &cols, 1)?;
            let dir = match cols.get(2).map(|s| s.trim()) {
                Some("up") => Some(Direction::Up),
                Some("down") => Some(Direction::Down),
                _ => None,
            };
            let role = match (role, dir) {
                ("pre", Some(d)) => ChangeRole::Pre(d),
                ("post", Some(d)) => ChangeRole::Post(d),
                ("prep", _) => ChangeRole::Prep,
                ("reference", _) => ChangeRole::Reference,
                _ => {
                    return Err(LexiconError {
                        table: T,
                        line,
                        message: "role must be pre/post (with up/down), prep or reference".into(),
                    });
                }
            };
            for p in split_aliases(phrases) {
                self.changes.insert(p, Case::Insensitive, role);
            }
        }
        Ok(())
    }

    fn load_words(&mut self) -> Result<(), LexiconError> {
        const T: &str = "words.tsv";
        for (line, cols) in rows(T, WORDS_TSV) {
            let class_name = col(T, line, &cols, 0)?;
            let class = WordClass::from_name(class_name).ok_or_else(|| LexiconError {
                table: T,
                line,
                message: format!("unknown word class {class_name:?}"),
            })?;
            for w in split_aliases(col(T, line, &cols, 1)?) {
                self.words.insert(w, Case::Insensitive, class);
                if class == WordClass::UnitAdjective
                    && let Some(c) = w.bytes().next().filter(u8::is_ascii_alphabetic)
                {
                    self.unit_adjective_initials |= 1 << (c.to_ascii_lowercase() - b'a');
                }
            }
        }
        Ok(())
    }

    /// Looks a unit up by name, symbol or alias ("kg", "kilogram", "kilograms"), or a currency by
    /// its ISO code ("USD").
    pub fn find_unit(&self, name: &str) -> Option<Unit> {
        if let Some(e) = self.units_by_name.get(name) {
            return Some(e.unit.clone());
        }
        if let Some(e) = self.units_by_name.get(&name.to_lowercase()) {
            return Some(e.unit.clone());
        }
        self.currencies_by_code.get(&name.to_uppercase()).cloned()
    }

    /// Whether a word starting with `b` may be a `unit_adjective` ("5 straight days").
    pub fn may_be_unit_adjective(&self, b: u8) -> bool {
        b.is_ascii_alphabetic()
            && self.unit_adjective_initials & (1 << (b.to_ascii_lowercase() - b'a')) != 0
    }

    /// The word class of the whole word at the start of `text`, if it is in `words.tsv`.
    pub fn word_class(&self, text: &str, class: WordClass) -> Option<usize> {
        self.words
            .longest(text)
            .filter(|m| m.values().any(|c| *c == class))
            .map(|m| m.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every trie of the lexicon answers the same with and without the jump over the first run
    /// of letters (`run_nodes`): at every letter of news text (as written, upper-cased,
    /// capitalised) and of the lexicon's own tables (every phrase, after a tab or a `|`), in both
    /// walks (exact and lowercased). Matches are compared by length and node. `Trie::matches`,
    /// which stops at the first match, agrees with `longest` there too.
    #[test]
    fn the_first_run_jump_walks_as_the_bytes_do() {
        fn same<T>(name: &str, trie: &Trie<T>, text: &str) -> usize {
            let key = |m: &Option<TrieMatch<'_, T>>| m.as_ref().map(|m| (m.len, m.node, m.exact));
            let mut found = 0;
            for (p, c) in text.char_indices() {
                if !c.is_ascii_alphabetic() {
                    continue;
                }
                let at = &text[p..];
                assert_eq!(trie.matches(at), trie.longest(at).is_some(), "{name} {p}");
                for fold in [false, true] {
                    let (a, b, up) = trie.walk_pair::<false>(at, &|_| true, &|_| false, fold);
                    let (a0, b0, up0) = crate::test_support::without_fast_paths(|| {
                        trie.walk_pair::<false>(at, &|_| true, &|_| false, fold)
                    });
                    let context: String = at.chars().take(30).collect();
                    assert_eq!(key(&a), key(&a0), "{name} fold={fold} {context:?}");
                    assert_eq!(key(&b), key(&b0), "{name} fold={fold} {context:?}");
                    // Where the run held no capital, the lowercased walk's flag is not read.
                    assert!(up == up0 || fold, "{name} {context:?}");
                    found += usize::from(a.is_some());
                }
            }
            found
        }
        let lex = Lexicon::builtin();
        let [news, upper, capitalised] = crate::test_support::news_in_three_cases(40_000);
        let tables = [
            UNITS_TSV,
            CURRENCIES_TSV,
            NUMBERS_TSV,
            VAGUE_TSV,
            QUALIFIERS_TSV,
            CHANGES_TSV,
            WORDS_TSV,
        ]
        .join("\n");
        let mut found = 0;
        for text in [
            news,
            upper,
            capitalised,
            tables.clone(),
            tables.to_uppercase(),
        ] {
            found += same("units", &lex.units, &text);
            found += same("currencies", &lex.currencies, &text);
            found += same("numbers", &lex.numbers, &text);
            found += same("vague", &lex.vague, &text);
            found += same("qualifiers", &lex.qualifiers, &text);
            found += same("changes", &lex.changes, &text);
            found += same("words", &lex.words, &text);
            found += same("triggers", &lex.triggers, &text);
        }
        assert!(found > 10_000, "{found}");
    }

    /// The loop-free packer agrees with the byte-by-byte definition for every byte value at every one of the
    /// first nine positions, after runs of letters of every length, and on short inputs.
    /// The definition the packers are tested against: byte by byte.
    fn pack_letters_by_byte(word: &[u8]) -> (u64, bool) {
        let mut packed = 0u64;
        for (i, &b) in word.iter().enumerate() {
            if !b.is_ascii_alphabetic() {
                return (packed, false);
            }
            if i == 8 {
                return (packed, true);
            }
            packed |= (b.to_ascii_lowercase() as u64) << (8 * i);
        }
        (packed, false)
    }

    #[test]
    fn packed_letters_agrees_with_pack_letters() {
        for len in 0..=9 {
            for b in 0..=255u8 {
                for prefix in ["", "a", "Ab", "abcdefgh", "ABCDEFGHI"] {
                    let mut bytes = prefix.as_bytes().to_vec();
                    bytes.truncate(len);
                    bytes.push(b);
                    bytes.extend_from_slice(b"xyz");
                    for end in 0..=bytes.len() {
                        let w = &bytes[..end];
                        assert_eq!(pack_letters(w), pack_letters_by_byte(w), "{w:?}");
                    }
                }
            }
        }
    }

    /// The letter numbers by arithmetic are those of ASCII letters, in both cases, for every byte.
    #[test]
    fn letter_numbers_are_those_of_ascii_letters() {
        for b in 0..=255u8 {
            let want = if b.is_ascii_alphabetic() { b & 0x1F } else { 0 };
            assert_eq!(letter_number(b), want, "{b:#x}");
            assert_eq!(LETTER_NUMBER[usize::from(b)], want, "{b:#x}");
        }
    }

    /// The block-wide three-letter test gives, bit for bit, what `has_initials` gives at each
    /// position, from every starting point of a text, near its end too (where fewer than the 66
    /// bytes the block reads are left).
    #[test]
    fn block_initials_agree_with_has_initials() {
        let lex = Lexicon::builtin();
        let table = lex.trigger_initials();
        let mut text = crate::test_support::news_sample(3_000);
        text.push_str(" Up to a dozen USD5 tw th m Mo MOR ab");
        let bytes = text.as_bytes();
        for at in 0..=bytes.len() {
            let left = bytes.len() - at;
            let words = if left >= 64 {
                u64::MAX
            } else {
                (1u64 << left) - 1
            };
            let mut want = 0u64;
            for i in 0..64.min(left) {
                let rest = &bytes[at + i..];
                let away = rest[0].is_ascii_alphabetic() && !has_initials(table, rest);
                want |= u64::from(away) << i;
            }
            assert_eq!(
                words_without_initials(table, bytes, at, words),
                want,
                "at {at}"
            );
        }
    }

    /// The three-letter test never turns away a word that begins a trigger or a currency code
    /// attached to digits: at every word start of 40 KB of news, in its case, upper-cased and
    /// capitalised, and in words made for the edge cases.
    #[test]
    fn trigger_initials_keep_every_trigger() {
        let lex = Lexicon::builtin();
        let [news, upper, capitalised] = crate::test_support::news_in_three_cases(40_000);
        let made = "a dozen A\u{a0}dozen a\tthird an eighth USD5 usd 5 Rs20 RS20 GBP3.01 ringgit 42 \
                    Ringgit 42 malaysian ringgit 42 more than 5 up to 9 zero k m x >3 a 5 an 8";
        let mut checked = 0;
        for text in [news, upper, capitalised, made.to_string()] {
            let bytes = text.as_bytes();
            for (p, c) in text.char_indices() {
                if !c.is_ascii_alphabetic() {
                    continue;
                }
                let at = &text[p..];
                let accepted = lex.is_trigger(at) || crate::unit::attached_code(lex, at).is_some();
                if accepted {
                    checked += 1;
                    assert!(
                        has_initials(lex.trigger_initials(), &bytes[p..]),
                        "{:?}",
                        at.chars().take(30).collect::<String>()
                    );
                }
            }
        }
        assert!(checked > 300, "{checked}");
        // And it does turn words away.
        for word in ["the ", "The", "said", "house", "xq"] {
            assert!(
                !has_initials(lex.trigger_initials(), word.as_bytes()),
                "{word}"
            );
        }
    }

    /// One walk for two predicates finds what two walks find: the units' plain and ambiguous
    /// aliases, and two word classes, at every character of news in its case and upper-cased.
    #[test]
    fn find_pair_equals_two_finds() {
        let lex = Lexicon::builtin();
        let news = crate::test_support::news_sample(20_000);
        let plain = |u: &(Arc<UnitEntry>, AliasRule)| !u.1.needs_context;
        let ambiguous = |u: &(Arc<UnitEntry>, AliasRule)| u.1.needs_context;
        let stop = |c: &WordClass| *c == WordClass::Stop;
        let month = |c: &WordClass| *c == WordClass::Month;
        let mut found = 0;
        for text in [
            news.clone(),
            news.to_uppercase(),
            "5 in thick, 3 M, 2 m, 7 In".to_string(),
        ] {
            for (p, _) in text.char_indices() {
                let at = &text[p..];
                let pair = lex.units.find_pair(at, plain, ambiguous);
                let len = |f: Option<(usize, &(Arc<UnitEntry>, AliasRule))>| {
                    f.map(|(l, u)| (l, u.0.unit.name.to_string()))
                };
                assert_eq!(
                    len(pair.0),
                    len(lex.units.find(at, plain)),
                    "{:?}",
                    at.chars().take(20).collect::<String>()
                );
                assert_eq!(
                    len(pair.1),
                    len(lex.units.find(at, ambiguous)),
                    "{:?}",
                    at.chars().take(20).collect::<String>()
                );
                found += usize::from(pair.0.is_some()) + usize::from(pair.1.is_some());
                let words = lex.words.find_pair(at, stop, month);
                assert_eq!(words.0.map(|w| w.0), lex.words.find(at, stop).map(|w| w.0));
                assert_eq!(words.1.map(|w| w.0), lex.words.find(at, month).map(|w| w.0));
            }
        }
        assert!(found > 500, "{found}");
    }

    /// Every built-in trie finds with its filters what it finds without them: at every character
    /// of 40 KB of news, in the text's case and upper-cased.
    #[test]
    fn filtered_lookups_equal_full_walks() {
        fn check<T>(name: &str, trie: &Trie<T>, text: &str) {
            for (p, _) in text.char_indices() {
                let at = &text[p..];
                let fast = trie.longest(at).map(|m| m.len);
                let full = trie.longest_where(at, |_| true).map(|m| m.len);
                assert_eq!(fast, full, "{name} at {:.40?}", at);
            }
        }
        let news = crate::test_support::news_sample(40_000);
        let lex = Lexicon::builtin();
        for text in [
            news.clone(),
            crate::test_support::news_sample(10_000).to_uppercase(),
        ] {
            check("units", &lex.units, &text);
            check("currencies", &lex.currencies, &text);
            check("numbers", &lex.numbers, &text);
            check("vague", &lex.vague, &text);
            check("qualifiers", &lex.qualifiers, &text);
            check("changes", &lex.changes, &text);
            check("words", &lex.words, &text);
            check("triggers", &lex.triggers, &text);
        }
    }

    /// The first-run filter never hides a phrase: every phrase of the built-in tries that begins
    /// with a letter is still found at the start of a text, in any case.
    #[test]
    fn first_run_filter_keeps_every_phrase() {
        let mut trie = Trie::default();
        let phrases = [
            "km/h",
            "a",
            "per cent",
            "sq. ft",
            "Mt",
            "hundreds",
            "thousands of",
            "m2",
        ];
        for (i, p) in phrases.iter().enumerate() {
            trie.insert(p, Case::Insensitive, i);
        }
        for p in phrases {
            for text in [p.to_string(), p.to_uppercase(), format!("{p} later")] {
                let m = trie.longest(&text).unwrap_or_else(|| panic!("{text:?}"));
                assert_eq!(m.len, p.len(), "{text:?}");
            }
        }
        assert!(trie.longest("people").is_none());
        assert!(trie.longest("kmh").is_none());
    }

    #[test]
    fn currency_before_words_are_currency_words() {
        let lex = Lexicon::load().expect("bundled tables parse");
        for (_, cols) in rows("words.tsv", WORDS_TSV) {
            if cols.first().map(|s| s.trim()) != Some("currency_before") {
                continue;
            }
            for w in split_aliases(cols[1]) {
                let m = lex.currencies.longest(w).expect(w);
                assert_eq!(m.len, w.len(), "{w}");
                assert_eq!(m.first().factor, Number::ONE, "{w}");
                let text = format!("{w} 42");
                assert!(
                    crate::unit::currency_word_before(&lex, &text).is_some(),
                    "{w}"
                );
            }
        }
    }

    #[test]
    fn bundled_tables_load() {
        let lex = Lexicon::load().expect("bundled tables parse");
        assert!(lex.find_unit("kg").is_some());
        assert!(lex.find_unit("pound").is_some());
        assert!(lex.find_unit("USD").is_some());
    }

    /// Words of running English that must never be read as a unit right after a number: "6pm" is
    /// a time, "the 1990s" a decade, "5 in the" a preposition, "K" and "M" are scales.
    #[test]
    fn no_unit_aliases_that_are_common_words() {
        let lex = Lexicon::load().unwrap();
        for word in [
            "pm", "am", "s", "h", "t", "l", "st", "d", "a", "an", "at", "in", "m", "K", "M", "B",
            "G", "T", "k", "b", "point", "points", "c", "bar",
        ] {
            let unconditional = lex
                .units
                .find(word, |(_, rule)| !rule.needs_context)
                .filter(|(len, _)| *len == word.len());
            assert!(
                unconditional.is_none(),
                "{word:?} is an unconditional unit alias of {:?}",
                unconditional.map(|(_, (e, _))| e.unit.name.to_string())
            );
        }
    }

    /// The packed-run table finds what was put in, with its flags or-ed, and nothing else,
    /// also when it is full to its quarter and keys collide, and after growing.
    #[test]
    fn packed_map_table() {
        let words: Vec<u64> = (1..=40u64).map(|i| i * 0x1_0000_0000).collect();
        let mut t = PackedMap::with_capacity(words.len());
        let or = |flag: &mut bool, more: bool| *flag |= more;
        for (i, &w) in words.iter().enumerate() {
            t.insert(w, i % 2 == 0, or);
        }
        t.insert(words[1], true, or);
        t.insert(words[2], false, or);
        for (i, &w) in words.iter().enumerate() {
            assert_eq!(t.get(w), Some(i % 2 == 0 || i == 1), "word {i}");
        }
        for missing in [0, 1, 41 * 0x1_0000_0000, u64::MAX] {
            assert_eq!(t.get(missing), None);
        }
        assert_eq!(PackedMap::<bool>::default().get(words[0]), None);
        // Grown from empty past half full several times (as the tries' first-run tables are),
        // keeping every key with the value it was first given.
        let mut grown = PackedMap::default();
        for (i, &w) in words.iter().chain(&words).enumerate() {
            grown.insert(w, i as u32, |_, _| {});
        }
        for (i, &w) in words.iter().enumerate() {
            assert_eq!(grown.get(w), Some(i as u32), "word {i}");
        }
        assert_eq!(grown.get(41 * 0x1_0000_0000), None);
        let word = |w: &str| {
            Lexicon::builtin()
                .trigger_words
                .get(pack_letters(w.as_bytes()).0)
        };
        let flags = |w: &str| word(w).map(|t| (t.whole, t.opens));
        assert_eq!(flags("about"), Some((true, true)));
        assert_eq!(flags("from"), Some((true, true)));
        assert_eq!(flags("up"), Some((true, true)));
        assert_eq!(flags("twenty"), Some((true, false)));
        assert_eq!(flags("hundreds"), Some((true, false)));
        assert!(word("more").is_some_and(|w| !w.opens));
        // What may follow: anything after a whole phrase; after "in" ("in excess of", "in the
        // region of") an "e" or a "t", not an "h"; after "s" (the "S" of "S$") no letter.
        let letter = |c: u8| 1u32 << LETTER_NUMBER[usize::from(c)];
        assert_eq!(word("about").map(|t| t.next), Some(u32::MAX));
        let after_in = word("in").map_or(0, |t| t.next);
        assert!(after_in & letter(b'e') != 0 && after_in & letter(b't') != 0);
        assert_eq!(after_in & letter(b'h'), 0);
        let after_s = word("s").map_or(0, |t| t.next);
        assert_eq!(after_s & !1, 0, "{after_s:#b}");
        assert_eq!(word("house"), None);
    }

    /// The trigger filters (first letters, then first letters and what follows them, then the
    /// first two words and what follows them) only skip trie walks that would find nothing:
    /// `is_trigger` agrees with the walk at every word of a stretch of news text and at every
    /// trigger phrase, in any case and before any text.
    #[test]
    fn trigger_filters_agree_with_the_trie() {
        let lex = Lexicon::builtin();
        let check = |text: &str| {
            assert_eq!(
                lex.is_trigger(text),
                lex.triggers.longest(text).is_some(),
                "{:?}",
                text.chars().take(30).collect::<String>()
            );
        };
        let news = include_str!("../../../bench/corpus/whitehouse-3mb.txt");
        let news = &news[..news.floor_char_boundary(300_000)];
        for (i, _) in news.match_indices(|c: char| c.is_ascii_alphabetic()) {
            check(&news[i..]);
        }
        let mut phrases = Vec::new();
        for table in [
            QUALIFIERS_TSV,
            CHANGES_TSV,
            VAGUE_TSV,
            NUMBERS_TSV,
            CURRENCIES_TSV,
        ] {
            for (_, cols) in rows("", table) {
                for col in cols.iter().take(4) {
                    phrases.extend(split_aliases(col).map(str::to_string));
                }
            }
        }
        for p in phrases
            .iter()
            .filter(|p| p.starts_with(|c: char| c.is_ascii_alphabetic()))
        {
            for variant in [p.clone(), p.to_uppercase(), p.replace(' ', "\u{a0}")] {
                for tail in [
                    "", " ", " 5", ".", "s", "\nx", " the", "-", "5", " of the", " x", "x y",
                ] {
                    check(&format!("{variant}{tail}"));
                }
            }
        }
    }

    /// The scanner passes over a word that only goes before an amount ("from", "about", "up")
    /// when nothing after it can begin the amount or a longer phrase
    /// ([`Lexicon::may_begin_expression_packed`]); the grammar fails there. What is extracted is
    /// the same as with the rule off, after every such word of the tables, in three cases,
    /// before every second word of a phrase it begins ("up to", "about as many as"), before "by"
    /// ("rose by") and before words that begin an amount or nothing.
    #[test]
    fn words_before_no_amount_are_passed_over_as_the_grammar_fails_there() {
        let lex = Lexicon::builtin();
        let mut phrases: Vec<&str> = Vec::new();
        for table in [QUALIFIERS_TSV, CHANGES_TSV] {
            for (_, cols) in rows("", table) {
                phrases.extend(split_aliases(cols[0]));
            }
        }
        let openers: Vec<&str> = phrases
            .iter()
            .copied()
            .chain(RANGE_OPENERS)
            .filter(|p| p.bytes().all(|b| b.is_ascii_alphabetic()) && p.len() <= 8)
            .filter(|p| lex.opens_amount(&p.to_ascii_lowercase()))
            .collect();
        assert!(openers.len() > 40, "{openers:?}");
        let ex = crate::Extractor::new();
        let mut passed_over = 0;
        for w in &openers {
            let mut next: Vec<&str> = phrases
                .iter()
                .filter_map(|p| p.strip_prefix(w)?.strip_prefix(' ')?.split(' ').next())
                .collect();
            next.extend([
                "by",
                "BY",
                "to",
                "than",
                "least",
                "of",
                "and",
                "the",
                "The",
                "a",
                "an",
                "how",
                "for",
                "it",
                "as",
                "nearly",
                "five",
                "Half",
                "dozens",
                "USD5",
                "ringgit",
                "x",
                // Words whose first three letters begin a trigger: some begin none ("this",
                // "President", "assistance"), some do ("more", "under", "AGE", "Rs").
                "this",
                "all",
                "President",
                "assistance",
                "thirst",
                "doze",
                "fiver",
                "per-country",
                "US",
                "U.S.",
                "dollars",
                "Rs",
                "mid",
                "more",
                "AGE",
                "under",
            ]);
            let capitalised = w[..1].to_uppercase() + &w[1..];
            for x in next {
                for w in [w.to_string(), w.to_uppercase(), capitalised.clone()] {
                    let text = format!("{w} {x}");
                    let packed = pack_letters(text.as_bytes()).0;
                    if !lex.may_begin_expression_packed(&text, packed, w.len()) {
                        passed_over += 1;
                    }
                    for text in [
                        format!("{text} 5 kg of rice"),
                        format!("Then {text} 5."),
                        text,
                    ] {
                        let fast = serde_json::to_string(&ex.extract(&text)).unwrap();
                        let slow =
                            serde_json::to_string(&crate::test_support::without_fast_paths(|| {
                                ex.extract(&text)
                            }))
                            .unwrap();
                        assert_eq!(fast, slow, "{text:?}");
                    }
                }
            }
        }
        assert!(passed_over > 500, "{passed_over}");
        let expression_may_begin = |t: &str| {
            let letters = t.bytes().take_while(u8::is_ascii_alphabetic).count();
            lex.may_begin_expression_packed(t, pack_letters(t.as_bytes()).0, letters)
        };
        for t in [
            "from the house",
            "About how",
            "up the hill",
            "under Secretary",
            "from this pandemic",
            "about this",
            "From President Biden",
        ] {
            assert!(!expression_may_begin(t), "{t}");
        }
        for t in [
            "from 5",
            "from five",
            "about a dozen",
            "up to 5",
            "rose by 5%",
            "from  the",
            "from\tthe",
            "twenty the",
            "about\u{a0}the",
            "from thirty",
            "from US$5",
            "from USD5",
            "from ringgit 42",
            "from dollar 22.5 million",
            "about a dozen",
        ] {
            assert!(expression_may_begin(t), "{t}");
        }
    }

    /// `space_len`'s table answers as the byte-by-byte match it stands before: for every first
    /// byte, before the bytes that make or unmake the no-break, thin and narrow no-break spaces,
    /// and at the end of the text.
    #[test]
    fn space_len_answers_as_the_byte_match() {
        fn by_match(b: &[u8], i: usize) -> usize {
            match b.get(i) {
                Some(b' ' | b'\t') => 1,
                Some(0xC2) if b.get(i + 1) == Some(&0xA0) => 2,
                Some(0xE2)
                    if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x89 | 0xAF)) =>
                {
                    3
                }
                _ => 0,
            }
        }
        let next = [
            None,
            Some(0xA0),
            Some(0x80),
            Some(0x89),
            Some(0xAF),
            Some(b' '),
            Some(b'a'),
        ];
        let mut spaces = 0;
        for first in 0..=255u8 {
            for second in next {
                for third in next {
                    let bytes: Vec<u8> =
                        [Some(first), second, third].into_iter().flatten().collect();
                    assert_eq!(space_len(&bytes, 0), by_match(&bytes, 0), "{bytes:x?}");
                    spaces += usize::from(space_len(&bytes, 0) > 0);
                }
            }
        }
        assert_eq!(space_len(b"", 0), 0);
        assert!(spaces > 100, "{spaces}");
    }

    #[test]
    fn trie_longest_and_boundaries() {
        let mut t = Trie::default();
        t.insert("in", Case::Sensitive, 1);
        t.insert("inch", Case::Insensitive, 2);
        t.insert("square feet", Case::Insensitive, 3);
        t.insert("M", Case::Sensitive, 4);
        assert_eq!(t.longest("inch wide").unwrap().len, 4);
        assert_eq!(*t.longest("in thick").unwrap().first(), 1);
        assert!(t.longest("inside").is_none());
        assert_eq!(t.longest("Square  feet.").unwrap().len, 12);
        assert_eq!(*t.longest("square\u{a0}feet").unwrap().first(), 3);
        assert!(t.longest("m ").is_none());
        assert_eq!(*t.longest("M ").unwrap().first(), 4);
        assert_eq!(*t.longest("INCH").unwrap().first(), 2);
        assert!(t.longest("IN").is_none());
    }
}
