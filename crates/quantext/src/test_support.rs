//! Helpers shared by the unit tests.

use std::cell::Cell;

thread_local! {
    static FAST_PATHS_OFF: Cell<bool> = const { Cell::new(false) };
}

/// Whether the fast paths ([`crate::fast_paths_on`]) are turned off on this thread.
pub(crate) fn fast_paths_off() -> bool {
    FAST_PATHS_OFF.get()
}

/// `f`'s result with the fast paths off, to compare them with the long way round.
pub(crate) fn without_fast_paths<R>(f: impl FnOnce() -> R) -> R {
    FAST_PATHS_OFF.set(true);
    let r = f();
    FAST_PATHS_OFF.set(false);
    r
}

/// The first `bytes` (to a character boundary) of the benchmark corpus: news text.
pub(crate) fn news_sample(bytes: usize) -> String {
    let corpus = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../bench/corpus/whitehouse-3mb.txt"
    ))
    .expect("benchmark corpus");
    let mut cut = bytes.min(corpus.len());
    while !corpus.is_char_boundary(cut) {
        cut += 1;
    }
    corpus[..cut].to_string()
}

/// [`news_sample`] as written, upper-cased and with every word capitalised, for tests of the
/// case rules of look-ups.
pub(crate) fn news_in_three_cases(bytes: usize) -> [String; 3] {
    let news = news_sample(bytes);
    let capitalised = news
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let upper = news.to_uppercase();
    [news, upper, capitalised]
}
