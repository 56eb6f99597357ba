//! `quantext`: find and parse the quantities in text files, from the command line.

#![forbid(unsafe_code)]

mod eval;
mod output;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use quantext::Extractor;

use output::{Format, Record, Writer};

const EXAMPLES: &str = "\
Examples:
  quantext parse 'more than 27,000 pounds'
      {\"text\":\"more than 27,000 pounds\",\"start\":0,\"end\":23,\"kind\":\"measure\",...}
  quantext extract examples/*.txt --format table
  cat article.txt | quantext extract
  quantext extract --lines headlines.txt --format csv > quantities.csv
  quantext eval tests/data/external/duckling/*.jsonl --errors

Exit codes: 0 success; 1 `parse` could not read the expression; 2 a file could not be read
(missing, unreadable, or invalid UTF-8: the error names the file and the byte offset).";

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

/// How much text is handed to the extractor at once: paragraphs are collected up to this size,
/// so memory stays flat on inputs of any size (a single longer line is read whole).
const CHUNK: usize = 1 << 20;

/// Why a file stopped being processed.
#[derive(Debug)]
enum FileError {
    /// Could not open or read it.
    Io(io::Error),
    /// Invalid UTF-8 at this byte offset of the file.
    Utf8(u64),
}

fn extract(args: &ExtractArgs) -> ExitCode {
    let ex = Extractor::new()
        .include_years(args.include_years)
        .include_ordinals(args.include_ordinals);
    let format = match args.format {
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Csv => Format::Csv,
        FormatArg::Table => Format::Table,
    };
    let stdout = io::stdout();
    let mut out = Writer::new(stdout.lock(), format, args.lines);
    let mut failed = false;
    let files: Vec<PathBuf> = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    if out.header().is_err() {
        return ExitCode::SUCCESS;
    }
    for path in &files {
        let name = path.display().to_string();
        let reader: Box<dyn Read> = if name == "-" {
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
        match extract_stream(&ex, reader, &name, args.lines, &mut out) {
            Ok(()) => {}
            Err(Outcome::File(FileError::Io(e))) => {
                eprintln!("quantext: {name}: read error: {e}");
                failed = true;
            }
            Err(Outcome::File(FileError::Utf8(offset))) => {
                eprintln!(
                    "quantext: {name}: invalid UTF-8 at byte {offset}; the rest of this file was skipped"
                );
                failed = true;
            }
            Err(Outcome::OutputClosed) => return ExitCode::SUCCESS,
        }
        if failed && args.fail_fast {
            break;
        }
    }
    if out.finish().is_err() {
        return ExitCode::SUCCESS;
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// Why a stream stopped.
enum Outcome {
    File(FileError),
    /// Standard output was closed (e.g. piped into `head`): stop quietly.
    OutputClosed,
}

/// Reads `reader` line by line, extracts from each line (`--lines`) or from paragraphs of up to
/// [`CHUNK`] bytes, and writes the records. Offsets are bytes from the start of the file, or of the
/// line with `--lines` (each line is its own document).
fn extract_stream<W: Write>(
    ex: &Extractor,
    reader: impl Read,
    source: &str,
    per_line: bool,
    out: &mut Writer<W>,
) -> Result<(), Outcome> {
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let mut line = Vec::new();
    let mut chunk = String::new();
    let mut chunk_start: u64 = 0;
    let mut offset: u64 = 0;
    let mut line_no: u64 = 0;
    let flush = |chunk: &mut String, chunk_start: u64, line: Option<u64>, out: &mut Writer<W>| {
        for q in ex.iter(chunk) {
            let rec = Record {
                source,
                line,
                base: chunk_start,
                quantity: &q,
            };
            out.write(&rec).map_err(|_| Outcome::OutputClosed)?;
        }
        chunk.clear();
        out.flush().map_err(|_| Outcome::OutputClosed)
    };
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| Outcome::File(FileError::Io(e)))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let text = match std::str::from_utf8(&line) {
            Ok(t) => t,
            Err(e) => {
                // Report what came before the bad byte, then stop this file.
                let good = &line[..e.valid_up_to()];
                let good = std::str::from_utf8(good).unwrap_or("");
                let bad_at = offset + e.valid_up_to() as u64;
                if per_line {
                    chunk.push_str(good);
                    flush(&mut chunk, 0, Some(line_no), out)?;
                } else {
                    chunk.push_str(good);
                    flush(&mut chunk, chunk_start, None, out)?;
                }
                return Err(Outcome::File(FileError::Utf8(bad_at)));
            }
        };
        if per_line {
            let body = text.trim_end_matches(['\n', '\r']);
            chunk.push_str(body);
            flush(&mut chunk, 0, Some(line_no), out)?;
        } else {
            if chunk.is_empty() {
                chunk_start = offset;
            }
            chunk.push_str(text);
            let blank = text.trim().is_empty();
            if blank || chunk.len() >= CHUNK {
                flush(&mut chunk, chunk_start, None, out)?;
            }
        }
        offset += n as u64;
    }
    if !chunk.is_empty() {
        flush(&mut chunk, chunk_start, None, out)?;
    }
    Ok(())
}
