//! `quantext eval GOLD.jsonl... [--errors] [--json]`: score the extractor against gold files.
//!
//! A gold file is JSON Lines, one document per line (blank lines are skipped):
//!
//! ```json
//! {"text": "It weighs more than 5 kg.", "quantities": [
//!    {"text": "more than 5 kg", "start": 10, "end": 24, "kind": "measure", "value": 5,
//!     "lower": {"value": 5, "inclusive": false}, "upper": null, "unit": {"name": "kilogram"}}],
//!  "source": "where it comes from", "scope": {"kind": ["measure"]}}
//! ```
//!
//! A gold quantity holds only the fields that are known: a field that is absent is not checked,
//! a field that is `null` must be null in the prediction, an object is checked field by field
//! (a bound `{"value": 5}` without `"inclusive"` checks the value only). Numbers compare with a
//! relative tolerance of 1e-9. `start`/`end` are byte offsets (end exclusive); without them a gold
//! quantity is found by its `text` (case-insensitive containment either way).
//!
//! Predictions are paired one to one with gold quantities whose spans overlap, greedily by best
//! overlap (intersection over union). For each metric a true positive is a pair that is right on
//! that metric: `detection` (any pair), `value`, `bounds` (`lower` and `upper`), `unit` (`unit`,
//! and `kind` when the gold gives it) and `all` (every field the gold gives). Precision is true
//! positives over predictions, recall true positives over gold quantities; with no predictions
//! precision is 1, with no gold quantities recall is 1.
//!
//! A document with an empty `quantities` list is a negative: whatever is predicted there is a false
//! positive. The optional `scope` says what the gold would list at all (a peer suite that only
//! reports money says nothing about counts): a prediction that matches no gold quantity counts as
//! a false positive only when it is in scope. Scope keys, all of which must hold: `kind` (list of
//! kinds), `dimension` (list of unit dimensions; a prediction without a unit is out of scope) and
//! `range` (`true`: only predictions that are intervals rather than one exact point).

use std::fmt;
use std::path::PathBuf;

use quantext::Extractor;
use serde::Serialize;
use serde_json::{Map, Value};

/// The metrics a report scores, in display order.
pub const METRICS: [&str; 5] = ["detection", "value", "bounds", "unit", "all"];

/// Relative tolerance for comparing numbers.
const TOLERANCE: f64 = 1e-9;

/// Fields that place a quantity rather than describe it; never compared as values.
const SPAN_FIELDS: [&str; 3] = ["text", "start", "end"];

/// Arguments of `quantext eval`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct EvalArgs {
    /// Gold files (JSON Lines: {"text": ..., "quantities": [...]} per line).
    #[arg(required = true, value_name = "GOLD.jsonl")]
    pub files: Vec<PathBuf>,
    /// List every miss, wrong reading and false positive.
    #[arg(long)]
    pub errors: bool,
    /// Print the report as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Scores `args.files` against what `extractor` finds in their documents.
///
/// Fails on an unreadable file or a malformed document, naming `file:line`.
pub fn run(args: &EvalArgs, extractor: &Extractor) -> Result<Report, String> {
    let mut report = Report {
        files: Vec::new(),
        total: Counts::default(),
        errors: Vec::new(),
        as_json: args.json,
    };
    for path in &args.files {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let mut counts = Counts::default();
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = Location {
                file: path.display().to_string(),
                line: index + 1,
            };
            let doc = Document::parse(line).map_err(|e| format!("{}:{}: {e}", at.file, at.line))?;
            let predictions = extractor
                .extract(&doc.text)
                .iter()
                .map(serde_json::to_value)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("{}:{}: {e}", at.file, at.line))?;
            let errors = if args.errors {
                Some(&mut report.errors)
            } else {
                None
            };
            score_document(&doc, &predictions, &mut counts, errors, &at);
        }
        report.total.add(&counts);
        report.files.push(FileReport {
            path: path.display().to_string(),
            counts,
        });
    }
    Ok(report)
}

/// The outcome of an evaluation: counts per file and in total, and the errors when asked for.
///
/// `Display` prints a table (or JSON when `--json` was given), followed by the errors.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// One entry per gold file, in the order given.
    pub files: Vec<FileReport>,
    /// All files together.
    pub total: Counts,
    /// Misses, wrong readings and false positives (collected only with `--errors`).
    pub errors: Vec<EvalError>,
    #[serde(skip)]
    as_json: bool,
}

impl Report {
    /// F1 over all files for `metric` ("detection", "value", "bounds", "unit" or "all");
    /// NaN for an unknown metric name.
    pub fn f1(&self, metric: &str) -> f64 {
        self.total.f1(metric)
    }

    /// The report as pretty-printed JSON, with precision, recall and F1 per metric.
    pub fn to_json(&self) -> String {
        let file = |path: &str, c: &Counts| {
            let mut o = Map::new();
            o.insert("path".into(), Value::from(path));
            o.insert(
                "counts".into(),
                serde_json::to_value(c).unwrap_or(Value::Null),
            );
            o.insert("scores".into(), c.scores());
            Value::Object(o)
        };
        let mut o = Map::new();
        o.insert(
            "files".into(),
            Value::Array(
                self.files
                    .iter()
                    .map(|f| file(&f.path, &f.counts))
                    .collect(),
            ),
        );
        o.insert("total".into(), file("total", &self.total));
        o.insert(
            "errors".into(),
            serde_json::to_value(&self.errors).unwrap_or(Value::Null),
        );
        serde_json::to_string_pretty(&Value::Object(o)).unwrap_or_default()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.as_json {
            return writeln!(f, "{}", self.to_json());
        }
        let width = self
            .files
            .iter()
            .map(|r| r.path.chars().count())
            .chain([5])
            .max()
            .unwrap_or(5);
        write!(
            f,
            "{:<width$} {:>6} {:>6} {:>6}",
            "file", "docs", "gold", "pred"
        )?;
        for m in METRICS {
            write!(f, " {m:>9}")?;
        }
        writeln!(f)?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: &Counts| -> fmt::Result {
            write!(
                f,
                "{name:<width$} {:>6} {:>6} {:>6}",
                c.documents, c.gold, c.predicted
            )?;
            for m in METRICS {
                write!(f, " {:>9.3}", c.f1(m))?;
            }
            writeln!(f)
        };
        for r in &self.files {
            row(f, &r.path, &r.counts)?;
        }
        if self.files.len() > 1 {
            row(f, "total", &self.total)?;
        }
        writeln!(f)?;
        write!(f, "{:<10}", "total")?;
        for m in METRICS {
            write!(f, " {m:>9}")?;
        }
        writeln!(f)?;
        for (label, which) in [("precision", 0), ("recall", 1), ("F1", 2)] {
            write!(f, "{label:<10}")?;
            for m in METRICS {
                let v = match which {
                    0 => self.total.precision(m),
                    1 => self.total.recall(m),
                    _ => self.f1(m),
                };
                write!(f, " {v:>9.3}")?;
            }
            writeln!(f)?;
        }
        if !self.errors.is_empty() {
            writeln!(f)?;
            for e in &self.errors {
                writeln!(f, "{e}")?;
            }
        }
        Ok(())
    }
}

/// The counts of one gold file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The file as given on the command line.
    pub path: String,
    /// Its counts.
    pub counts: Counts,
}

/// Documents, gold quantities, counted predictions and true positives per metric.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Documents read.
    pub documents: usize,
    /// Gold quantities.
    pub gold: usize,
    /// Predictions counted: matched ones, and unmatched ones in their document's scope.
    pub predicted: usize,
    /// Matched pairs.
    pub detection: usize,
    /// Matched pairs whose value is right.
    pub value: usize,
    /// Matched pairs whose bounds are right.
    pub bounds: usize,
    /// Matched pairs whose unit (and kind) is right.
    pub unit: usize,
    /// Matched pairs right on every field the gold gives.
    pub all: usize,
}

impl Counts {
    /// True positives for `metric`, or `None` for an unknown metric name.
    pub fn true_positives(&self, metric: &str) -> Option<usize> {
        Some(match metric {
            "detection" => self.detection,
            "value" => self.value,
            "bounds" => self.bounds,
            "unit" => self.unit,
            "all" => self.all,
            _ => return None,
        })
    }

    /// True positives over predictions (1 when nothing was predicted); NaN for an unknown metric.
    pub fn precision(&self, metric: &str) -> f64 {
        match self.true_positives(metric) {
            None => f64::NAN,
            Some(_) if self.predicted == 0 => 1.0,
            Some(tp) => tp as f64 / self.predicted as f64,
        }
    }

    /// True positives over gold quantities (1 when there are none); NaN for an unknown metric.
    pub fn recall(&self, metric: &str) -> f64 {
        match self.true_positives(metric) {
            None => f64::NAN,
            Some(_) if self.gold == 0 => 1.0,
            Some(tp) => tp as f64 / self.gold as f64,
        }
    }

    /// The harmonic mean of precision and recall (0 when both are 0); NaN for an unknown metric.
    pub fn f1(&self, metric: &str) -> f64 {
        let (p, r) = (self.precision(metric), self.recall(metric));
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: &Counts) {
        self.documents += other.documents;
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.detection += other.detection;
        self.value += other.value;
        self.bounds += other.bounds;
        self.unit += other.unit;
        self.all += other.all;
    }

    fn scores(&self) -> Value {
        let mut o = Map::new();
        for m in METRICS {
            let mut s = Map::new();
            s.insert("precision".into(), Value::from(self.precision(m)));
            s.insert("recall".into(), Value::from(self.recall(m)));
            s.insert("f1".into(), Value::from(self.f1(m)));
            o.insert(m.into(), Value::Object(s));
        }
        Value::Object(o)
    }
}

/// One miss, wrong reading or false positive, for `--errors`.
#[derive(Debug, Clone, Serialize)]
pub struct EvalError {
    /// The gold file.
    pub file: String,
    /// The 1-based line of the document in it.
    pub line: usize,
    /// "missed", "wrong" or "false positive".
    pub kind: &'static str,
    /// The document text.
    pub text: String,
    /// The gold quantity (missed, wrong), as written in the gold file.
    pub expected: Option<Value>,
    /// The prediction (wrong, false positive), reduced to the fields worth reading.
    pub got: Option<Value>,
    /// The metrics a wrong reading fails.
    pub failed: Vec<&'static str>,
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.kind)?;
        if !self.failed.is_empty() {
            write!(f, " ({})", self.failed.join(", "))?;
        }
        writeln!(f, ": {}", compact(&Value::from(self.text.as_str())))?;
        if let Some(e) = &self.expected {
            writeln!(f, "    expected {}", compact(e))?;
        }
        match &self.got {
            Some(g) => write!(f, "    got      {}", compact(g)),
            None => write!(f, "    got      nothing"),
        }
    }
}

/// Compact JSON, with an object's keys in the order of the data model (text, start, end, kind,
/// value, ...) rather than alphabetical.
fn compact(v: &Value) -> String {
    const ORDER: [&str; 15] = [
        "text",
        "start",
        "end",
        "kind",
        "value",
        "lower",
        "upper",
        "approximate",
        "unit",
        "name",
        "dimension",
        "entity",
        "per",
        "change",
        "inclusive",
    ];
    match v {
        Value::Object(o) => {
            let rank = |k: &str| ORDER.iter().position(|x| *x == k).unwrap_or(ORDER.len());
            let mut keys: Vec<&String> = o.keys().collect();
            keys.sort_by_key(|k| (rank(k), k.as_str()));
            let fields: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{}:{}", compact(&Value::from(k.as_str())), compact(&o[k])))
                .collect();
            format!("{{{}}}", fields.join(","))
        }
        _ => serde_json::to_string(v).unwrap_or_default(),
    }
}

/// Where a document is, for messages.
struct Location {
    file: String,
    line: usize,
}

/// A parsed gold document.
struct Document {
    text: String,
    gold: Vec<Map<String, Value>>,
    scope: Option<Scope>,
}

impl Document {
    fn parse(line: &str) -> Result<Document, String> {
        let v: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
        let Value::Object(mut o) = v else {
            return Err("a document must be a JSON object".into());
        };
        let text = match o.remove("text") {
            Some(Value::String(s)) => s,
            _ => return Err("\"text\" must be a string".into()),
        };
        let gold = match o.remove("quantities") {
            Some(Value::Array(a)) => a,
            _ => return Err("\"quantities\" must be a list".into()),
        };
        let mut quantities = Vec::with_capacity(gold.len());
        for (i, q) in gold.into_iter().enumerate() {
            let Value::Object(q) = q else {
                return Err(format!("quantity {i} is not an object"));
            };
            check_span(&text, &q).map_err(|e| format!("quantity {i}: {e}"))?;
            quantities.push(q);
        }
        let scope = match o.remove("scope") {
            None | Some(Value::Null) => None,
            Some(s) => Some(Scope::parse(&s)?),
        };
        Ok(Document {
            text,
            gold: quantities,
            scope,
        })
    }
}

/// Checks that a gold span is a valid byte range of `text` and agrees with the gold `text`.
fn check_span(text: &str, q: &Map<String, Value>) -> Result<(), String> {
    let (start, end) = match (q.get("start"), q.get("end")) {
        (None, None) => return Ok(()),
        (Some(s), Some(e)) => match (s.as_u64(), e.as_u64()) {
            (Some(s), Some(e)) => (s as usize, e as usize),
            _ => return Err("\"start\"/\"end\" must be byte offsets".into()),
        },
        _ => return Err("\"start\" and \"end\" go together".into()),
    };
    let slice = (start <= end)
        .then(|| text.get(start..end))
        .flatten()
        .ok_or_else(|| format!("span {start}..{end} is not a byte range of the text"))?;
    if let Some(Value::String(t)) = q.get("text")
        && t != slice
    {
        return Err(format!(
            "\"text\" {t:?} differs from the text at {start}..{end} ({slice:?})"
        ));
    }
    Ok(())
}

/// Which predictions a document's gold would list at all.
#[derive(Debug, Default)]
struct Scope {
    kinds: Option<Vec<String>>,
    dimensions: Option<Vec<String>>,
    range: bool,
}

impl Scope {
    fn parse(v: &Value) -> Result<Scope, String> {
        let Value::Object(o) = v else {
            return Err("\"scope\" must be an object".into());
        };
        let list = |key: &str| -> Result<Option<Vec<String>>, String> {
            match o.get(key) {
                None => Ok(None),
                Some(Value::Array(a)) => a
                    .iter()
                    .map(|x| {
                        x.as_str()
                            .map(str::to_owned)
                            .ok_or_else(|| format!("scope {key:?} must list strings"))
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map(Some),
                Some(_) => Err(format!("scope {key:?} must be a list")),
            }
        };
        for key in o.keys() {
            if !["kind", "dimension", "range"].contains(&key.as_str()) {
                return Err(format!("unknown scope key {key:?}"));
            }
        }
        Ok(Scope {
            kinds: list("kind")?,
            dimensions: list("dimension")?,
            range: o.get("range").and_then(Value::as_bool).unwrap_or(false),
        })
    }

    fn contains(&self, p: &Value) -> bool {
        if let Some(kinds) = &self.kinds {
            let kind = p.get("kind").and_then(Value::as_str).unwrap_or("");
            if !kinds.iter().any(|k| k == kind) {
                return false;
            }
        }
        if let Some(dims) = &self.dimensions {
            let dim = p
                .get("unit")
                .and_then(|u| u.get("dimension"))
                .and_then(Value::as_str);
            if !dim.is_some_and(|d| dims.iter().any(|x| x == d)) {
                return false;
            }
        }
        !(self.range && is_point(p))
    }
}

/// True when a prediction is one exact point: both bounds inclusive and equal.
fn is_point(p: &Value) -> bool {
    let end = |key: &str| {
        p.get(key)
            .filter(|b| b.get("inclusive").and_then(Value::as_bool) == Some(true))
            .and_then(|b| b.get("value"))
            .and_then(Value::as_f64)
    };
    matches!((end("lower"), end("upper")), (Some(l), Some(u)) if numbers_equal(l, u))
}

/// How well a gold quantity and a prediction overlap, in (0, 1]; `None` when they do not.
fn overlap(gold: &Map<String, Value>, pred: &Value) -> Option<f64> {
    let p_start = pred.get("start").and_then(Value::as_u64).unwrap_or(0);
    let p_end = pred.get("end").and_then(Value::as_u64).unwrap_or(0);
    if let (Some(gs), Some(ge)) = (
        gold.get("start").and_then(Value::as_u64),
        gold.get("end").and_then(Value::as_u64),
    ) {
        let inter = ge.min(p_end).saturating_sub(gs.max(p_start));
        if inter == 0 {
            return None;
        }
        let union = ge.max(p_end) - gs.min(p_start);
        return Some(inter as f64 / union as f64);
    }
    let g = gold.get("text").and_then(Value::as_str)?.to_lowercase();
    let p = pred.get("text").and_then(Value::as_str)?.to_lowercase();
    if g.is_empty() || p.is_empty() || !(g.contains(&p) || p.contains(&g)) {
        return None;
    }
    Some(g.len().min(p.len()) as f64 / g.len().max(p.len()) as f64)
}

/// Pairs gold quantities with predictions one to one, greedily by best overlap.
/// Returns `(gold index, prediction index)` pairs.
fn assign(gold: &[Map<String, Value>], preds: &[Value]) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (g, gq) in gold.iter().enumerate() {
        for (p, pq) in preds.iter().enumerate() {
            if let Some(score) = overlap(gq, pq) {
                candidates.push((score, g, p));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold_used = vec![false; gold.len()];
    let mut pred_used = vec![false; preds.len()];
    let mut pairs = Vec::new();
    for (_, g, p) in candidates {
        if !gold_used[g] && !pred_used[p] {
            gold_used[g] = true;
            pred_used[p] = true;
            pairs.push((g, p));
        }
    }
    pairs.sort_unstable();
    pairs
}

fn numbers_equal(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= TOLERANCE * a.abs().max(b.abs())
}

/// Whether `pred` agrees with everything `gold` specifies: absent gold fields are not checked,
/// null must be null, objects are compared field by field, numbers within the tolerance.
fn agrees(gold: &Value, pred: &Value) -> bool {
    match (gold, pred) {
        (Value::Null, p) => p.is_null(),
        (Value::Number(g), Value::Number(p)) => match (g.as_f64(), p.as_f64()) {
            (Some(g), Some(p)) => numbers_equal(g, p),
            _ => false,
        },
        (Value::Object(g), Value::Object(p)) => g
            .iter()
            .all(|(k, gv)| agrees(gv, p.get(k).unwrap_or(&Value::Null))),
        (Value::Array(g), Value::Array(p)) => {
            g.len() == p.len() && g.iter().zip(p).all(|(g, p)| agrees(g, p))
        }
        (g, p) => g == p,
    }
}

/// Whether the fields `keys` that `gold` gives agree with `pred`.
fn agrees_on(gold: &Map<String, Value>, pred: &Value, keys: &[&str]) -> bool {
    keys.iter().all(|k| match gold.get(*k) {
        None => true,
        Some(g) => agrees(g, pred.get(*k).unwrap_or(&Value::Null)),
    })
}

/// The metrics (besides detection) a matched pair is right on, in `METRICS` order.
fn judge(gold: &Map<String, Value>, pred: &Value) -> [bool; 4] {
    let value = agrees_on(gold, pred, &["value"]);
    let bounds = agrees_on(gold, pred, &["lower", "upper"]);
    let unit = agrees_on(gold, pred, &["unit", "kind"]);
    let all = gold
        .iter()
        .filter(|(k, _)| !SPAN_FIELDS.contains(&k.as_str()))
        .all(|(k, g)| agrees(g, pred.get(k).unwrap_or(&Value::Null)));
    [value, bounds, unit, all]
}

/// A prediction reduced to what is worth reading in an error listing.
fn brief(pred: &Value) -> Value {
    let mut o = Map::new();
    for key in [
        "text",
        "start",
        "end",
        "kind",
        "value",
        "lower",
        "upper",
        "approximate",
        "unit",
        "entity",
        "per",
        "change",
    ] {
        let v = pred.get(key).cloned().unwrap_or(Value::Null);
        let v = match (key, v) {
            ("unit", Value::Object(u)) => {
                let mut short = Map::new();
                for k in ["name", "dimension"] {
                    if let Some(x) = u.get(k) {
                        short.insert(k.into(), x.clone());
                    }
                }
                Value::Object(short)
            }
            ("approximate", Value::Bool(false)) => continue,
            ("lower" | "upper", _) if is_point(pred) => continue,
            (_, Value::Null) if key != "value" => continue,
            (_, v) => v,
        };
        o.insert(key.into(), v);
    }
    Value::Object(o)
}

fn score_document(
    doc: &Document,
    preds: &[Value],
    counts: &mut Counts,
    mut errors: Option<&mut Vec<EvalError>>,
    at: &Location,
) {
    counts.documents += 1;
    counts.gold += doc.gold.len();
    let pairs = assign(&doc.gold, preds);
    let mut matched_gold = vec![false; doc.gold.len()];
    let mut matched_pred = vec![false; preds.len()];
    let mut error = |kind: &'static str, expected: Option<Value>, got: Option<Value>, failed| {
        if let Some(list) = errors.as_deref_mut() {
            list.push(EvalError {
                file: at.file.clone(),
                line: at.line,
                kind,
                text: doc.text.clone(),
                expected,
                got,
                failed,
            });
        }
    };
    for &(g, p) in &pairs {
        matched_gold[g] = true;
        matched_pred[p] = true;
        let [value, bounds, unit, all] = judge(&doc.gold[g], &preds[p]);
        counts.detection += 1;
        counts.value += usize::from(value);
        counts.bounds += usize::from(bounds);
        counts.unit += usize::from(unit);
        counts.all += usize::from(all);
        if !all {
            let failed = [("value", value), ("bounds", bounds), ("unit", unit)]
                .into_iter()
                .filter(|(_, ok)| !ok)
                .map(|(m, _)| m)
                .chain(["all"])
                .collect();
            error(
                "wrong",
                Some(Value::Object(doc.gold[g].clone())),
                Some(brief(&preds[p])),
                failed,
            );
        }
    }
    counts.predicted += pairs.len();
    for (g, gq) in doc.gold.iter().enumerate() {
        if !matched_gold[g] {
            error("missed", Some(Value::Object(gq.clone())), None, Vec::new());
        }
    }
    for (p, pq) in preds.iter().enumerate() {
        if matched_pred[p] || doc.scope.as_ref().is_some_and(|s| !s.contains(pq)) {
            continue;
        }
        counts.predicted += 1;
        error("false positive", None, Some(brief(pq)), Vec::new());
    }
}

/// Reads one gold file's documents.
#[cfg(test)]
fn read_documents(path: &std::path::Path) -> Result<Vec<Document>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(Document::parse)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(v: Value) -> Document {
        Document::parse(&v.to_string()).unwrap()
    }

    fn score(d: &Document, preds: &[Value]) -> (Counts, Vec<EvalError>) {
        let mut counts = Counts::default();
        let mut errors = Vec::new();
        let at = Location {
            file: "t.jsonl".into(),
            line: 1,
        };
        score_document(d, preds, &mut counts, Some(&mut errors), &at);
        (counts, errors)
    }

    fn pred(text: &str, start: usize, value: Option<f64>, unit: Option<&str>) -> Value {
        json!({
            "text": text, "start": start, "end": start + text.len(), "kind": "measure",
            "value": value, "lower": value.map(|v| json!({"value": v, "inclusive": true})),
            "upper": value.map(|v| json!({"value": v, "inclusive": true})),
            "approximate": false,
            "unit": unit.map(|u| json!({"name": u, "dimension": "mass", "symbol": "x",
                                       "si_unit": "kg", "si_factor": 1.0, "si_offset": 0.0})),
            "entity": null, "per": null, "change": null
        })
    }

    #[test]
    fn overlapping_spans_match_and_fields_are_scored_separately() {
        let d = doc(json!({"text": "about 5 kg and 7 lb", "quantities": [
            {"text": "5 kg", "start": 6, "end": 10, "value": 5, "unit": {"name": "kilogram"}},
            {"text": "7 lb", "start": 15, "end": 19, "value": 7, "unit": {"name": "pound"}}
        ]}));
        let preds = [
            pred("about 5 kg", 0, Some(5.0), Some("kilogram")),
            pred("7 lb", 15, Some(7.000000000001), Some("ounce")),
        ];
        let (c, errors) = score(&d, &preds);
        assert_eq!((c.gold, c.predicted, c.detection), (2, 2, 2));
        assert_eq!((c.value, c.bounds, c.unit, c.all), (2, 2, 1, 1));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].kind, "wrong");
        assert_eq!(errors[0].failed, vec!["unit", "all"]);
        assert_eq!(c.f1("unit"), 0.5);
        assert_eq!(c.f1("detection"), 1.0);
    }

    #[test]
    fn assignment_is_one_to_one_by_best_overlap() {
        // Two gold mentions overlap one long prediction: only the better overlap is matched.
        let d = doc(json!({"text": "5 to 10 kg", "quantities": [
            {"start": 0, "end": 1, "value": 5},
            {"start": 5, "end": 10, "value": 10}
        ]}));
        let (c, errors) = score(&d, &[pred("5 to 10 kg", 0, Some(10.0), None)]);
        assert_eq!((c.detection, c.value, c.predicted, c.gold), (1, 1, 1, 2));
        assert_eq!(errors.iter().filter(|e| e.kind == "missed").count(), 1);
        assert_eq!(errors[0].expected.as_ref().unwrap()["start"], 0);
    }

    #[test]
    fn absent_fields_are_not_checked_but_null_must_be_null() {
        let d = doc(json!({"text": "3 apples", "quantities": [
            {"start": 0, "end": 1, "unit": null, "upper": {"value": 3}}
        ]}));
        let mut p = pred("3", 0, Some(3.0), None);
        p["upper"]["inclusive"] = json!(false);
        let (c, _) = score(&d, &[p]);
        assert_eq!((c.value, c.bounds, c.unit, c.all), (1, 1, 1, 1));
        let (c, _) = score(&d, &[pred("3", 0, Some(3.0), Some("gram"))]);
        assert_eq!((c.unit, c.all), (0, 0));
        let d = doc(json!({"text": "3 apples", "quantities": [
            {"start": 0, "end": 1, "value": null, "lower": {"value": 3, "inclusive": false}}
        ]}));
        let (c, _) = score(&d, &[pred("3", 0, Some(3.0), None)]);
        assert_eq!((c.detection, c.value, c.bounds), (1, 0, 0));
    }

    #[test]
    fn kind_counts_towards_the_unit_metric() {
        let d = doc(json!({"text": "£5", "quantities": [
            {"start": 0, "end": 3, "kind": "money", "unit": {"name": "GBP"}}
        ]}));
        let mut p = pred("£5", 0, Some(5.0), Some("GBP"));
        assert_eq!(score(&d, std::slice::from_ref(&p)).0.unit, 0);
        p["kind"] = json!("money");
        assert_eq!(score(&d, &[p]).0.unit, 1);
    }

    #[test]
    fn gold_without_span_matches_by_text_case_insensitively() {
        let d =
            doc(json!({"text": "It Weighs 5 KG.", "quantities": [{"text": "5 kg", "value": 5}]}));
        let (c, _) = score(&d, &[pred("5 KG", 10, Some(5.0), None)]);
        assert_eq!((c.detection, c.value), (1, 1));
        let (c, _) = score(&d, &[pred("Weighs", 3, Some(5.0), None)]);
        assert_eq!((c.detection, c.predicted), (0, 1));
    }

    #[test]
    fn negatives_count_every_prediction_as_false_positive() {
        let d = doc(json!({"text": "at 6pm", "quantities": []}));
        let (c, errors) = score(&d, &[pred("6", 3, Some(6.0), None)]);
        assert_eq!((c.gold, c.predicted, c.detection), (0, 1, 0));
        assert_eq!(c.precision("detection"), 0.0);
        assert_eq!(c.recall("detection"), 1.0);
        assert_eq!(errors[0].kind, "false positive");
        let (c, _) = score(&d, &[]);
        assert_eq!(c.f1("all"), 1.0);
    }

    #[test]
    fn scope_ignores_unmatched_predictions_outside_it() {
        let d = doc(json!({"text": "All 70 of us paid $5", "quantities": [],
                           "scope": {"kind": ["money"]}}));
        let mut money = pred("$5", 18, Some(5.0), Some("USD"));
        money["kind"] = json!("money");
        let count = pred("70", 4, Some(70.0), None);
        let (c, errors) = score(&d, std::slice::from_ref(&count));
        assert_eq!((c.predicted, errors.len()), (0, 0));
        let (c, _) = score(&d, &[count, money]);
        assert_eq!(c.predicted, 1);
        // Dimension and range scopes.
        let d = doc(json!({"text": "x", "quantities": [],
                           "scope": {"dimension": ["temperature"], "range": true}}));
        let mut hot = pred("x", 0, Some(40.0), Some("degree"));
        hot["unit"]["dimension"] = json!("temperature");
        assert_eq!(
            score(&d, std::slice::from_ref(&hot)).0.predicted,
            0,
            "a point is out"
        );
        hot["upper"] = Value::Null;
        assert_eq!(score(&d, &[hot]).0.predicted, 1);
    }

    #[test]
    fn scoped_predictions_still_match_gold_of_other_kinds() {
        let d = doc(
            json!({"text": "$20", "quantities": [{"start": 1, "end": 3, "value": 20}],
                           "scope": {"kind": ["count"]}}),
        );
        let mut money = pred("$20", 0, Some(20.0), Some("USD"));
        money["kind"] = json!("money");
        let (c, _) = score(&d, &[money]);
        assert_eq!((c.detection, c.value, c.predicted), (1, 1, 1));
    }

    #[test]
    fn malformed_documents_are_rejected() {
        let bad = [
            json!({"quantities": []}),
            json!({"text": "abc", "quantities": [{"start": 0, "end": 9}]}),
            json!({"text": "é", "quantities": [{"start": 0, "end": 1}]}),
            json!({"text": "abc", "quantities": [{"text": "ab", "start": 1, "end": 3}]}),
            json!({"text": "abc", "quantities": [{"start": 1}]}),
            json!({"text": "abc", "quantities": [], "scope": {"kinds": ["count"]}}),
        ];
        for b in bad {
            assert!(Document::parse(&b.to_string()).is_err(), "{b}");
        }
        assert!(
            Document::parse(
                "{\"text\": \"é\", \"quantities\": [{\"text\": \"é\", \"start\": 0, \"end\": 2}]}"
            )
            .is_ok()
        );
    }

    #[test]
    fn numbers_compare_with_relative_tolerance() {
        assert!(numbers_equal(1e12, 1e12 + 1.0));
        assert!(!numbers_equal(1.0, 1.0001));
        assert!(numbers_equal(0.0, 0.0));
        assert!(!numbers_equal(0.0, 1e-300));
    }

    #[test]
    fn errors_print_fields_in_model_order() {
        let v = json!({"value": 5, "unit": {"name": "kilogram"}, "text": "5 kg", "end": 4,
                       "start": 0, "zz": 1});
        assert_eq!(
            compact(&v),
            r#"{"text":"5 kg","start":0,"end":4,"value":5,"unit":{"name":"kilogram"},"zz":1}"#
        );
        let b = brief(&pred("5 kg", 0, Some(5.0), Some("kilogram")));
        assert!(
            b.get("lower").is_none(),
            "an exact point hides its bounds: {b}"
        );
    }

    #[test]
    fn unknown_metric_is_nan() {
        assert!(Counts::default().f1("detecton").is_nan());
    }

    #[test]
    fn run_reads_files_and_reports() {
        let dir = std::env::temp_dir().join(format!("quantext-eval-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("gold.jsonl");
        std::fs::write(
            &path,
            "{\"text\": \"no numbers here\", \"quantities\": []}\n\n\
             {\"text\": \"\", \"quantities\": []}\n",
        )
        .unwrap();
        assert_eq!(read_documents(&path).unwrap().len(), 2);
        let args = EvalArgs {
            files: vec![path.clone()],
            errors: true,
            json: false,
        };
        let report = run(&args, &Extractor::new()).unwrap();
        assert_eq!(report.total.documents, 2);
        assert_eq!(report.total.gold, 0);
        let table = report.to_string();
        assert!(table.contains("detection"), "{table}");
        let json: Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(json["total"]["counts"]["documents"], 2);
        std::fs::write(&path, "{\"text\": 1}\n").unwrap();
        let err = run(&args, &Extractor::new()).unwrap_err();
        assert!(err.contains("gold.jsonl:1:"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
