//! Benchmarks of issue 5 (docs/performance.md has the figures and how to reproduce them).
//!
//! - `extract/corpus`: `quantext::extract` over the whole benchmark corpus
//!   (`bench/corpus/whitehouse-3mb.txt`, public-domain press releases read as one string), in MB/s.
//! - `baseline/*`: loops that only look at the same bytes for ASCII digits, in MB/s: the floor that
//!   any extractor which must at least find the digits is measured against.
//!   `count_digits` touches each byte once (the compiler vectorises it); `next_digit` jumps from one
//!   digit to the next with a `memchr`-style search, as a scanner finding candidates does.
//! - `parse/*`: `quantext::parse` per expression of the issue-2 semantics table
//!   (`benches/expressions.txt`, 40 expressions), one by one and all 40 in a row.
//!
//! Run: `cargo bench -p quantext --bench extract` (filter: `... -- extract/corpus`).
//! The corpus path can be overridden with `QUANTEXT_BENCH_CORPUS=/path/to/file.txt`.

#![allow(missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const EXPRESSIONS: &str = include_str!("expressions.txt");

fn corpus() -> String {
    let path = std::env::var("QUANTEXT_BENCH_CORPUS").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../bench/corpus/whitehouse-3mb.txt"
        )
        .to_string()
    });
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("benchmark corpus {path}: {e}"))
}

/// Counts the ASCII digits: one pass over every byte, no branches (vectorised).
fn count_digits(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| b.is_ascii_digit()).count()
}

/// Counts the runs of digits by jumping to the next digit (a `memchr`-style search) and then past
/// the run: the least work a scanner that only visits candidate positions does.
fn next_digit(bytes: &[u8]) -> usize {
    let mut runs = 0;
    let mut i = 0;
    while let Some(p) = bytes[i..].iter().position(u8::is_ascii_digit) {
        runs += 1;
        i += p;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
    }
    runs
}

fn bench_extract(c: &mut Criterion) {
    let text = corpus();
    let found = quantext::extract(&text).len();
    eprintln!(
        "corpus: {} bytes, {} quantities, {} digits, {} digit runs",
        text.len(),
        found,
        count_digits(text.as_bytes()),
        next_digit(text.as_bytes())
    );

    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::BytesDecimal(text.len() as u64));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(2));
    g.measurement_time(Duration::from_secs(15));
    g.bench_function("corpus", |b| {
        b.iter(|| quantext::extract(black_box(&text)).len())
    });
    g.finish();

    let mut g = c.benchmark_group("baseline");
    g.throughput(Throughput::BytesDecimal(text.len() as u64));
    g.sample_size(30);
    g.bench_function("count_digits", |b| {
        b.iter(|| count_digits(black_box(text.as_bytes())))
    });
    g.bench_function("next_digit", |b| {
        b.iter(|| next_digit(black_box(text.as_bytes())))
    });
    g.finish();
}

fn bench_parse(c: &mut Criterion) {
    let exprs: Vec<&str> = EXPRESSIONS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    for e in &exprs {
        if let Err(err) = quantext::parse(e) {
            eprintln!("note: parse({e:?}) fails: {err}");
        }
    }

    let mut g = c.benchmark_group("parse");
    g.warm_up_time(Duration::from_millis(300));
    g.measurement_time(Duration::from_secs(1));
    g.throughput(Throughput::Elements(exprs.len() as u64));
    g.bench_function("all_40", |b| {
        b.iter(|| {
            exprs
                .iter()
                .filter(|e| quantext::parse(black_box(e)).is_ok())
                .count()
        })
    });
    g.throughput(Throughput::Elements(1));
    for (i, e) in exprs.iter().enumerate() {
        g.bench_with_input(
            BenchmarkId::new("expr", format!("{i:02} {e}")),
            e,
            |b, e| b.iter(|| quantext::parse(black_box(e))),
        );
    }
    g.finish();
}

criterion_group!(benches, bench_extract, bench_parse);
criterion_main!(benches);
