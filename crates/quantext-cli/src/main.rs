//! `quantext`: find and parse the quantities in text files, from the command line.

#![forbid(unsafe_code)]

mod eval;
mod output;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use clap::{Parser, Subcommand, ValueEnum};
use quantext::Extractor;

use output::{Format, Formatter, Record};

const EXAMPLES: &str = "\
Examples:
  quantext parse 'more than 27,000 pounds'
      {\"text\":\"more than 27,000 pounds\",\"start\":0,\"end\":23,\"kind\":\"measure\",...}
  quantext extract examples/*.txt --format table
  cat article.txt | quantext extract
  quantext extract --lines headlines.txt --format csv > quantities.csv
  quantext eval tests/data/external/duckling/*.jsonl --errors

Exit codes: 0 success; 1 `parse` could not read the expression; 2 a file could not be read
(missing, unreadable, or invalid UTF-8: the error names the file and the byte offset); 3 an
internal error (a bug) while extracting a document: it is named on stderr, the others go on.";

/// Find and parse the quantities in English text: numbers, bounds, units, rates and changes.
#[derive(Debug, Parser)]
#[command(name = "quantext", version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse one quantity expression and print it as one JSON line.
    Parse {
        /// The expression, e.g. "more than 27,000 pounds" (may start with "-": `quantext parse -5°C`).
        #[arg(allow_hyphen_values = true)]
        expr: String,
        /// Also report ordinals ("19th").
        #[arg(long)]
        include_ordinals: bool,
    },
    /// Extract every quantity from files (or standard input) as JSON Lines, CSV or a table.
    Extract(ExtractArgs),
    /// Score extraction against annotated documents ({"text": ..., "quantities": [...]} per line):
    /// precision, recall and F1 for detection, value, bounds, unit and all fields together.
    Eval(eval::EvalArgs),
}

#[derive(Debug, clap::Args)]
struct ExtractArgs {
    /// Files to read; standard input when none (or "-").
    files: Vec<PathBuf>,
    /// Treat each input line as its own document and add its 1-based `line` number.
    #[arg(long)]
    lines: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Jsonl)]
    format: FormatArg,
    /// Report calendar years ("in 2022") as quantities of kind "year".
    #[arg(long)]
    include_years: bool,
    /// Report ordinals ("19th") as quantities of kind "ordinal".
    #[arg(long)]
    include_ordinals: bool,
    /// Stop at the first file that cannot be read.
    #[arg(long)]
    fail_fast: bool,
    /// Worker threads (default: QUANTEXT_NUM_THREADS, else every core). Output keeps input order.
    #[arg(long)]
    threads: Option<usize>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// One JSON object per line (the data contract, plus `source` and `line`).
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// An aligned table for reading.
    Table,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse {
            expr,
            include_ordinals,
        } => {
            let ex = Extractor::new().include_ordinals(include_ordinals);
            match ex.parse(&expr) {
                Ok(q) => {
                    let line = serde_json::to_string(&q).unwrap_or_default();
                    println!("{line}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("quantext: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Extract(args) => extract(&args),
        Command::Eval(args) => match eval::run(&args, &Extractor::new()) {
            Ok(report) => {
                let mut out = io::stdout().lock();
                // A closed pipe (`| head`) is not an error worth reporting.
                let _ = write!(out, "{report}").and_then(|_| out.flush());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("quantext: {e}");
                ExitCode::from(2)
            }
        },
    }
}

/// How much text a chunk holds: paragraphs are collected up to this size (a longer single line is
/// read whole), so memory stays flat on inputs of any size.
const CHUNK: usize = 1 << 20;

/// How much text one job for a worker thread holds (several paragraphs or lines).
const JOB: usize = 256 << 10;

/// Why a file stopped being processed.
#[derive(Debug)]
enum FileError {
    /// Could not open or read it.
    Io(io::Error),
    /// Invalid UTF-8 at this byte offset of the file.
    Utf8(u64),
}

/// One document of a job: text, its byte offset in the file, its line number with `--lines`.
struct Doc {
    text: String,
    base: u64,
    line: Option<u64>,
}

/// A unit of work: documents of one source, numbered so the output keeps the input's order.
struct Job {
    seq: u64,
    source: Arc<str>,
    docs: Vec<Doc>,
}

/// How many worker threads: `--threads`, else QUANTEXT_NUM_THREADS, else all cores.
fn thread_count(arg: Option<usize>) -> usize {
    arg.or_else(|| std::env::var("QUANTEXT_NUM_THREADS").ok()?.parse().ok())
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
        .max(1)
}

/// `quantext extract`: a pipeline. This thread reads the files in order and cuts them into jobs;
/// worker threads extract and format them; a writer thread puts the results back in input order.
/// Channels are bounded, so at most a few jobs per thread are in flight and memory stays flat.
fn extract(args: &ExtractArgs) -> ExitCode {
    let ex = Extractor::new()
        .include_years(args.include_years)
        .include_ordinals(args.include_ordinals);
    let format = match args.format {
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Csv => Format::Csv,
        FormatArg::Table => Format::Table,
    };
    let fmt = Formatter::new(format, args.lines);
    let threads = thread_count(args.threads);
    let files: Vec<PathBuf> = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let output_closed = AtomicBool::new(false);
    let internal_error = AtomicBool::new(false);
    let mut failed = false;
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(2 * threads);
    let job_rx = Mutex::new(job_rx);
    let (out_tx, out_rx) = mpsc::sync_channel::<(u64, String)>(2 * threads);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (job_rx, out_tx, ex, fmt) = (&job_rx, out_tx.clone(), &ex, &fmt);
            let internal_error = &internal_error;
            scope.spawn(move || {
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => break,
                    };
                    let Ok(job) = job else { break };
                    let mut text = String::new();
                    for doc in &job.docs {
                        if !extract_document(ex, fmt, &job.source, doc, &mut text) {
                            internal_error.store(true, Ordering::Relaxed);
                        }
                    }
                    if out_tx.send((job.seq, text)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(out_tx);
        let closed = &output_closed;
        scope.spawn(move || {
            let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
            let mut pending = BTreeMap::new();
            let mut next = 0u64;
            let header = fmt.header();
            let mut ok = out.write_all(header.as_bytes()).is_ok();
            for (seq, text) in out_rx {
                pending.insert(seq, text);
                while let Some(text) = pending.remove(&next) {
                    next += 1;
                    // After a closed pipe keep draining, so the workers never block.
                    ok = ok && out.write_all(text.as_bytes()).is_ok();
                }
                ok = ok && (pending.len() > 1 || out.flush().is_ok());
                if !ok {
                    closed.store(true, Ordering::Relaxed);
                }
            }
            if !(ok && out.flush().is_ok()) {
                closed.store(true, Ordering::Relaxed);
            }
        });
        let mut seq = 0u64;
        let mut send = |source: &Arc<str>, docs: Vec<Doc>| -> bool {
            if docs.is_empty() {
                return true;
            }
            let job = Job {
                seq,
                source: source.clone(),
                docs,
            };
            seq += 1;
            job_tx.send(job).is_ok() && !output_closed.load(Ordering::Relaxed)
        };
        for path in &files {
            let name: Arc<str> = Arc::from(path.display().to_string());
            let reader: Box<dyn Read> = if &*name == "-" {
                Box::new(io::stdin().lock())
            } else {
                match File::open(path) {
                    Ok(f) => Box::new(f),
                    Err(e) => {
                        eprintln!("quantext: {name}: cannot open: {e}");
                        failed = true;
                        if args.fail_fast {
                            break;
                        }
                        continue;
                    }
                }
            };
            match read_jobs(reader, &name, args.lines, &mut send) {
                Ok(true) => {}
                Ok(false) => break, // output closed
                Err(FileError::Io(e)) => {
                    eprintln!("quantext: {name}: read error: {e}");
                    failed = true;
                }
                Err(FileError::Utf8(offset)) => {
                    eprintln!(
                        "quantext: {name}: invalid UTF-8 at byte {offset}; the rest of this file was skipped"
                    );
                    failed = true;
                }
            }
            if failed && args.fail_fast {
                break;
            }
        }
        drop(job_tx);
    });
    if internal_error.load(Ordering::Relaxed) {
        ExitCode::from(3)
    } else if failed && !output_closed.load(Ordering::Relaxed) {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// Formats the quantities of one document into `out`. A panic inside the library (a bug: it
/// should never happen) is contained here, so the pipeline neither hangs nor loses the other
/// documents: the document is named on stderr, whatever it gave before the panic is kept, and
/// `false` is returned so `extract` exits with code 3.
fn extract_document(
    ex: &Extractor,
    fmt: &Formatter,
    source: &str,
    doc: &Doc,
    out: &mut String,
) -> bool {
    let before = out.len();
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // Fault injection for the CLI tests, compiled into debug builds only.
        #[cfg(debug_assertions)]
        if let Ok(marker) = std::env::var("QUANTEXT_DEBUG_PANIC_ON")
            && !marker.is_empty()
            && doc.text.contains(&marker)
        {
            panic!("injected by QUANTEXT_DEBUG_PANIC_ON");
        }
        for q in ex.iter(&doc.text) {
            let rec = Record {
                source,
                line: doc.line,
                base: doc.base,
                quantity: &q,
            };
            fmt.record(&rec, out);
        }
    }));
    if caught.is_ok() {
        return true;
    }
    // Keep only whole output lines: a record may have been half written when the panic came.
    let keep = out[before..].rfind('\n').map_or(before, |i| before + i + 1);
    out.truncate(keep);
    let place = match doc.line {
        Some(line) => format!("line {line}"),
        None => format!("the paragraph at byte {}", doc.base),
    };
    eprintln!(
        "quantext: {source}: internal error while extracting {place}; the rest of its quantities \
         are missing from the output. This is a bug in quantext: please report it with that text."
    );
    false
}

/// Reads `reader` line by line and hands `send` jobs of documents: each line (`--lines`), or
/// paragraphs of up to [`CHUNK`] bytes. Offsets are bytes from the start of the file, or of the line
/// with `--lines` (each line is its own document). Returns `Ok(false)` when `send` says to stop.
/// On invalid UTF-8 the text before the bad byte is still sent.
fn read_jobs(
    reader: impl Read,
    source: &Arc<str>,
    per_line: bool,
    send: &mut impl FnMut(&Arc<str>, Vec<Doc>) -> bool,
) -> Result<bool, FileError> {
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let mut raw = Vec::new();
    let mut docs: Vec<Doc> = Vec::new();
    let mut job_bytes = 0usize;
    let mut chunk = String::new();
    let mut chunk_start: u64 = 0;
    let mut offset: u64 = 0;
    let mut line_no: u64 = 0;
    loop {
        raw.clear();
        let n = reader.read_until(b'\n', &mut raw).map_err(FileError::Io)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let (text, bad) = match std::str::from_utf8(&raw) {
            Ok(t) => (t, None),
            Err(e) => (
                std::str::from_utf8(&raw[..e.valid_up_to()]).unwrap_or(""),
                Some(offset + e.valid_up_to() as u64),
            ),
        };
        if per_line {
            let body = text.trim_end_matches(['\n', '\r']);
            job_bytes += body.len();
            docs.push(Doc {
                text: body.to_string(),
                base: 0,
                line: Some(line_no),
            });
        } else {
            if chunk.is_empty() {
                chunk_start = offset;
            }
            chunk.push_str(text);
            if bad.is_some() || text.trim().is_empty() || chunk.len() >= CHUNK {
                job_bytes += chunk.len();
                docs.push(Doc {
                    text: std::mem::take(&mut chunk),
                    base: chunk_start,
                    line: None,
                });
            }
        }
        if let Some(at) = bad {
            send(source, std::mem::take(&mut docs));
            return Err(FileError::Utf8(at));
        }
        if job_bytes >= JOB && !send(source, std::mem::take(&mut docs)) {
            return Ok(false);
        } else if job_bytes >= JOB {
            job_bytes = 0;
        }
        offset += n as u64;
    }
    if !chunk.is_empty() {
        docs.push(Doc {
            text: chunk,
            base: chunk_start,
            line: None,
        });
    }
    Ok(send(source, docs))
}
