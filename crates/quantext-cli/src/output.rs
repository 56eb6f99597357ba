//! Output formats of `quantext extract`: JSON Lines, CSV and an aligned table. Records are
//! formatted into strings (by the worker threads), so output is only ever written in whole lines.

use quantext::Quantity;
use serde::Serialize;

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON Lines: the data contract plus `source` (and `line`).
    Jsonl,
    /// CSV with a header.
    Csv,
    /// A fixed-width table.
    Table,
}

/// One extracted quantity with where it came from.
#[derive(Debug)]
pub struct Record<'a> {
    /// File name, or "-" for standard input.
    pub source: &'a str,
    /// 1-based line number with `--lines`.
    pub line: Option<u64>,
    /// Byte offset of the extracted chunk in the file (added to the quantity's offsets).
    pub base: u64,
    /// The quantity (offsets relative to the chunk).
    pub quantity: &'a Quantity,
}

#[derive(Serialize)]
struct JsonRecord<'a> {
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(flatten)]
    quantity: &'a Quantity,
}

/// Formats records in one format.
#[derive(Debug, Clone, Copy)]
pub struct Formatter {
    format: Format,
    lines: bool,
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Shortens `s` to at most `width` characters, marking a cut with "…".
fn fit(s: &str, width: usize) -> String {
    let s = s.replace(['\n', '\t', '\r'], " ");
    if s.chars().count() <= width {
        format!("{s:<width$}")
    } else {
        let cut: String = s.chars().take(width - 1).collect();
        format!("{cut}…")
    }
}

/// The interval in mathematical notation: "[200, 1000)", "(27000, ∞)".
fn interval(q: &Quantity) -> String {
    let lo = match q.lower {
        Some(b) => format!("{}{}", if b.inclusive { "[" } else { "(" }, b.value),
        None => "(-∞".to_string(),
    };
    let hi = match q.upper {
        Some(b) => format!("{}{}", b.value, if b.inclusive { "]" } else { ")" }),
        None => "∞)".to_string(),
    };
    format!("{lo}, {hi}")
}

impl Formatter {
    /// A formatter of `format`; `lines` adds the line column.
    pub fn new(format: Format, lines: bool) -> Formatter {
        Formatter { format, lines }
    }

    /// The header line (CSV and table), or nothing.
    pub fn header(&self) -> String {
        match self.format {
            Format::Jsonl => String::new(),
            Format::Csv => format!("source,line,{}\n", quantext::model::FLAT_COLUMNS.join(",")),
            Format::Table => {
                let line = if self.lines { "line " } else { "" };
                format!(
                    "{:<18} {line}{:<15} {:<36} {:<8} {:<26} {:>1} {:<18} {:<20} {:<8} change\n",
                    "source", "bytes", "text", "kind", "interval", "~", "unit", "entity", "per"
                )
            }
        }
    }

    /// Appends one record as one complete line to `out`.
    pub fn record(&self, r: &Record<'_>, out: &mut String) {
        let q = r.quantity;
        let start = r.base + q.start as u64;
        let end = r.base + q.end as u64;
        let line: String;
        match self.format {
            Format::Jsonl => {
                let shifted;
                let quantity = if r.base == 0 {
                    q
                } else {
                    let mut s = q.clone();
                    s.start = start as usize;
                    s.end = end as usize;
                    shifted = s;
                    &shifted
                };
                let rec = JsonRecord {
                    source: r.source,
                    line: r.line,
                    quantity,
                };
                // Serialising plain data to a String cannot fail.
                line = serde_json::to_string(&rec).unwrap_or_default();
            }
            Format::Csv => {
                let row = q.flat();
                let text = |s: Option<&str>| s.unwrap_or_default().to_string();
                let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
                let flag = |x: Option<bool>| x.map(|v| v.to_string()).unwrap_or_default();
                let fields = [
                    r.source.to_string(),
                    r.line.map(|l| l.to_string()).unwrap_or_default(),
                    start.to_string(),
                    end.to_string(),
                    row.text.to_string(),
                    row.kind.to_string(),
                    num(row.value),
                    num(row.lower),
                    flag(row.lower_inclusive),
                    num(row.upper),
                    flag(row.upper_inclusive),
                    row.approximate.to_string(),
                    text(row.unit),
                    text(row.dimension),
                    num(row.si_factor),
                    text(row.entity),
                    text(row.per),
                    text(row.change_direction),
                    text(row.change_reference),
                ];
                line = fields
                    .iter()
                    .map(|f| csv_field(f))
                    .collect::<Vec<_>>()
                    .join(",");
            }
            Format::Table => {
                let line_no = match (self.lines, r.line) {
                    (true, Some(l)) => format!("{l:<4} "),
                    _ => String::new(),
                };
                let change = q
                    .change
                    .as_ref()
                    .map(|c| {
                        let dir = format!("{:?}", c.direction).to_lowercase();
                        match &c.reference {
                            Some(r) => format!("{dir} from {r}"),
                            None => dir,
                        }
                    })
                    .unwrap_or_default();
                line = format!(
                    "{} {line_no}{} {} {} {} {} {} {} {} {}",
                    fit(r.source, 18),
                    fit(&format!("{start}-{end}"), 15),
                    fit(&q.text, 36),
                    fit(q.kind.as_str(), 8),
                    fit(&interval(q), 26),
                    if q.approximate { "~" } else { " " },
                    fit(q.unit.as_ref().map_or("", |u| &u.name), 18),
                    fit(q.entity.as_deref().unwrap_or(""), 20),
                    fit(q.per.as_deref().unwrap_or(""), 8),
                    change
                )
                .trim_end()
                .to_string();
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
}
