//! Helpers shared by the unit tests.

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
