//! Arrow in, Arrow out, without a Python object per text or per quantity.
//!
//! The Python side (`quantext.extract_arrow`) hands over the parts of the three buffers of an
//! Arrow string array (validity bitmap, offsets, UTF-8 data) that a slice of texts uses, as
//! `bytes`; this module reads the texts straight
//! from them, extracts on all cores with the GIL released, and builds every output column as
//! Arrow buffers (validity bitmaps, values, string offsets and data). Python wraps those buffers
//! with `pyarrow.Array.from_buffers`: a handful of objects per column, none per row.
//!
//! The columns are `doc` + [`quantext::model::FLAT_COLUMNS`], with the types of
//! [`COLUMN_TYPES`]; spans are code-point (`str`) indices, as everywhere in the Python API.

use std::borrow::Cow;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::{PyQuantity, run_batch};

/// The Arrow type of every output column, in output order: "int64", "float64", "bool" or
/// "string". The Python side maps these names to pyarrow types.
pub(crate) const COLUMN_TYPES: [(&str, &str); 18] = [
    ("doc", "int64"),
    ("start", "int64"),
    ("end", "int64"),
    ("text", "string"),
    ("kind", "string"),
    ("value", "float64"),
    ("lower", "float64"),
    ("lower_inclusive", "bool"),
    ("upper", "float64"),
    ("upper_inclusive", "bool"),
    ("approximate", "bool"),
    ("unit", "string"),
    ("dimension", "string"),
    ("si_factor", "float64"),
    ("entity", "string"),
    ("per", "string"),
    ("change_direction", "string"),
    ("change_reference", "string"),
];

/// The input: one Arrow string (`int32` offsets) or large string (`int64` offsets) array, given
/// as the parts of its buffers that it uses (so that a small slice of a large array costs only
/// the bytes of the slice).
pub(crate) struct StringArray<'b> {
    /// The validity bitmap (bit set = present), or `None` when no entry is null.
    pub validity: Option<&'b [u8]>,
    /// The bit of `validity` that belongs to the first entry (a slice starts mid-byte).
    pub validity_offset: usize,
    /// The offsets of the entries: `length + 1` little-endian integers of `offset_width` bytes.
    pub offsets: &'b [u8],
    /// The UTF-8 data from the first entry's offset on (offsets are relative to the first).
    pub data: &'b [u8],
    /// The number of entries.
    pub length: usize,
    /// 4 for `string`, 8 for `large_string`.
    pub offset_width: usize,
}

impl<'b> StringArray<'b> {
    /// The texts, `None` for null entries; a clear error for buffers that do not make a valid
    /// string array (too short, offsets out of order or out of range, invalid UTF-8).
    pub(crate) fn texts(&self) -> Result<Vec<Option<Cow<'b, str>>>, String> {
        let w = self.offset_width;
        if w != 4 && w != 8 {
            return Err(format!("offset width must be 4 or 8 bytes, not {w}"));
        }
        let needed = self
            .length
            .checked_add(1)
            .and_then(|n| n.checked_mul(w))
            .ok_or("array length overflows")?;
        if self.offsets.len() < needed {
            return Err(format!(
                "the offsets buffer has {} bytes, an array of {} entries needs {needed}",
                self.offsets.len(),
                self.length,
            ));
        }
        let bits = self.validity_offset.saturating_add(self.length);
        if let Some(v) = self.validity
            && v.len().saturating_mul(8) < bits
        {
            return Err(format!(
                "the validity bitmap has {} bits, the array needs {bits}",
                v.len() * 8,
            ));
        }
        let at = |k: usize| -> i64 {
            let b = &self.offsets[k * w..(k + 1) * w];
            if w == 4 {
                i64::from(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            } else {
                i64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
            }
        };
        let base = at(0);
        // An offset as an index into `data`: relative to the first entry's.
        let rel = |k: usize| -> Result<usize, String> {
            let v = at(k);
            v.checked_sub(base)
                .and_then(|d| usize::try_from(d).ok())
                .ok_or_else(|| format!("offset {v} of entry {k} is before the first ({base})"))
        };
        let mut out = Vec::with_capacity(self.length);
        let mut start = 0usize;
        for i in 0..self.length {
            let end = rel(i + 1)?;
            let present = self.validity.is_none_or(|v| {
                let bit = self.validity_offset + i;
                v[bit / 8] & (1 << (bit % 8)) != 0
            });
            if !present {
                out.push(None);
                start = end;
                continue;
            }
            if end < start || end > self.data.len() {
                return Err(format!(
                    "text {i}: offsets {start}..{end} are out of order or beyond the {} bytes of data",
                    self.data.len()
                ));
            }
            let text = std::str::from_utf8(&self.data[start..end]).map_err(|e| {
                format!(
                    "text {i} is not valid UTF-8 (byte {} of the text)",
                    e.valid_up_to()
                )
            })?;
            out.push(Some(Cow::Borrowed(text)));
            start = end;
        }
        Ok(out)
    }
}

/// A bitmap in Arrow's layout (least significant bit first).
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    len: usize,
    zeros: usize,
}

impl Bits {
    fn push(&mut self, bit: bool) {
        if self.len.is_multiple_of(8) {
            self.bytes.push(0);
        }
        if bit {
            if let Some(last) = self.bytes.last_mut() {
                *last |= 1 << (self.len % 8);
            }
        } else {
            self.zeros += 1;
        }
        self.len += 1;
    }

    /// The bitmap as a validity buffer: `None` when every entry is valid (Arrow's convention).
    fn validity(self, py: Python<'_>) -> Option<Bound<'_, PyBytes>> {
        (self.zeros > 0).then(|| PyBytes::new(py, &self.bytes))
    }
}

/// The bytes of a slice of plain numbers, little-endian.
fn le_bytes<'py, T: Copy, const N: usize>(
    py: Python<'py>,
    values: &[T],
    to: impl Fn(T) -> [u8; N],
) -> Bound<'py, PyBytes> {
    let mut out = Vec::with_capacity(values.len() * N);
    for &v in values {
        out.extend_from_slice(&to(v));
    }
    PyBytes::new(py, &out)
}

#[derive(Default)]
struct Int64Column(Vec<i64>);

#[derive(Default)]
struct Float64Column {
    values: Vec<f64>,
    valid: Bits,
}

impl Float64Column {
    fn push(&mut self, v: Option<f64>) {
        self.values.push(v.unwrap_or(0.0));
        self.valid.push(v.is_some());
    }
}

#[derive(Default)]
struct BoolColumn {
    values: Bits,
    valid: Bits,
}

impl BoolColumn {
    fn push(&mut self, v: Option<bool>) {
        self.values.push(v.unwrap_or(false));
        self.valid.push(v.is_some());
    }
}

struct StringColumn {
    offsets: Vec<i32>,
    data: Vec<u8>,
    valid: Bits,
}

impl Default for StringColumn {
    fn default() -> StringColumn {
        StringColumn {
            offsets: vec![0],
            data: Vec::new(),
            valid: Bits::default(),
        }
    }
}

impl StringColumn {
    fn push(&mut self, s: Option<&str>) -> Result<(), String> {
        if let Some(s) = s {
            self.data.extend_from_slice(s.as_bytes());
        }
        let end = i32::try_from(self.data.len())
            .map_err(|_| "a string column exceeds 2 GiB; pass fewer texts at once".to_string())?;
        self.offsets.push(end);
        self.valid.push(s.is_some());
        Ok(())
    }
}

/// Every output column of one batch.
#[derive(Default)]
struct Table {
    doc: Int64Column,
    start: Int64Column,
    end: Int64Column,
    text: StringColumn,
    kind: StringColumn,
    value: Float64Column,
    lower: Float64Column,
    lower_inclusive: BoolColumn,
    upper: Float64Column,
    upper_inclusive: BoolColumn,
    approximate: BoolColumn,
    unit: StringColumn,
    dimension: StringColumn,
    si_factor: Float64Column,
    entity: StringColumn,
    per: StringColumn,
    change_direction: StringColumn,
    change_reference: StringColumn,
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Table {
    fn push(&mut self, doc: usize, pq: &PyQuantity) -> Result<(), String> {
        let row = pq.q.flat();
        self.doc.0.push(to_i64(doc));
        self.start.0.push(to_i64(pq.start));
        self.end.0.push(to_i64(pq.end));
        self.text.push(Some(row.text))?;
        self.kind.push(Some(row.kind))?;
        self.value.push(row.value);
        self.lower.push(row.lower);
        self.lower_inclusive.push(row.lower_inclusive);
        self.upper.push(row.upper);
        self.upper_inclusive.push(row.upper_inclusive);
        self.approximate.push(Some(row.approximate));
        self.unit.push(row.unit)?;
        self.dimension.push(row.dimension)?;
        self.si_factor.push(row.si_factor);
        self.entity.push(row.entity)?;
        self.per.push(row.per)?;
        self.change_direction.push(row.change_direction)?;
        self.change_reference.push(row.change_reference)?;
        Ok(())
    }

    /// `{column: [buffers...]}` in the order `pyarrow.Array.from_buffers` takes them.
    fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let d = PyDict::new(py);
        let ints = |c: Int64Column| -> (Option<Bound<'_, PyBytes>>, Bound<'_, PyBytes>) {
            (None, le_bytes(py, &c.0, i64::to_le_bytes))
        };
        let floats = |c: Float64Column| {
            (
                c.valid.validity(py),
                le_bytes(py, &c.values, f64::to_le_bytes),
            )
        };
        let bools = |c: BoolColumn| (c.valid.validity(py), PyBytes::new(py, &c.values.bytes));
        let strings = |c: StringColumn| {
            (
                c.valid.validity(py),
                le_bytes(py, &c.offsets, i32::to_le_bytes),
                PyBytes::new(py, &c.data),
            )
        };
        d.set_item("doc", ints(self.doc))?;
        d.set_item("start", ints(self.start))?;
        d.set_item("end", ints(self.end))?;
        d.set_item("text", strings(self.text))?;
        d.set_item("kind", strings(self.kind))?;
        d.set_item("value", floats(self.value))?;
        d.set_item("lower", floats(self.lower))?;
        d.set_item("lower_inclusive", bools(self.lower_inclusive))?;
        d.set_item("upper", floats(self.upper))?;
        d.set_item("upper_inclusive", bools(self.upper_inclusive))?;
        d.set_item("approximate", bools(self.approximate))?;
        d.set_item("unit", strings(self.unit))?;
        d.set_item("dimension", strings(self.dimension))?;
        d.set_item("si_factor", floats(self.si_factor))?;
        d.set_item("entity", strings(self.entity))?;
        d.set_item("per", strings(self.per))?;
        d.set_item("change_direction", strings(self.change_direction))?;
        d.set_item("change_reference", strings(self.change_reference))?;
        Ok(d)
    }
}

/// The result of one string array: the number of rows, the columns as Arrow buffers, and the
/// list offsets (`int32`, one per text plus one) that group the rows by text.
pub(crate) type ArrowChunk<'py> = (usize, Bound<'py, PyDict>, Bound<'py, PyBytes>);

/// Extracts from every text of `input` (in parallel, GIL released) and builds the columns; `doc`
/// counts from `first_doc`.
pub(crate) fn extract_chunk<'py>(
    py: Python<'py>,
    ex: &quantext::Extractor,
    input: &StringArray<'_>,
    first_doc: usize,
) -> PyResult<ArrowChunk<'py>> {
    let built = py.detach(|| -> PyResult<(usize, Table, Vec<i32>)> {
        let texts = input.texts().map_err(PyValueError::new_err)?;
        let found = run_batch(ex, &texts)?;
        let mut table = Table::default();
        let mut list_offsets = Vec::with_capacity(found.len() + 1);
        list_offsets.push(0i32);
        let mut rows = 0usize;
        for (i, qs) in found.iter().enumerate() {
            for q in qs {
                table
                    .push(first_doc + i, q)
                    .map_err(PyValueError::new_err)?;
            }
            rows += qs.len();
            list_offsets.push(i32::try_from(rows).map_err(|_| {
                PyValueError::new_err("more than 2^31 quantities; pass fewer texts at once")
            })?);
        }
        Ok((rows, table, list_offsets))
    });
    let (rows, table, list_offsets) = built?;
    Ok((
        rows,
        table.into_dict(py)?,
        le_bytes(py, &list_offsets, i32::to_le_bytes),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offsets32(v: &[i32]) -> Vec<u8> {
        v.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    #[test]
    fn reads_texts_nulls_and_slices() {
        // The entries 1..4 of ["ab", "5 kg", null, "xyz"]: offsets relative to the first (2),
        // data from byte 2 on, validity from bit 1 on.
        let data = b"5 kgxyz";
        let offs = offsets32(&[2, 6, 6, 9]);
        let validity = [0b0000_1011u8];
        let a = StringArray {
            validity: Some(&validity),
            validity_offset: 1,
            offsets: &offs,
            data,
            length: 3,
            offset_width: 4,
        };
        let texts = a.texts().unwrap();
        let got: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
        assert_eq!(got, [Some("5 kg"), None, Some("xyz")]);
    }

    #[test]
    fn rejects_bad_buffers_with_a_reason() {
        let offs = offsets32(&[0, 4, 2]);
        let mut a = StringArray {
            validity: None,
            validity_offset: 0,
            offsets: &offs,
            data: b"abcd",
            length: 2,
            offset_width: 4,
        };
        assert!(a.texts().unwrap_err().contains("text 1: offsets 4..2"));
        a.length = 5;
        assert!(
            a.texts()
                .unwrap_err()
                .contains("offsets buffer has 12 bytes")
        );
        let before = offsets32(&[3, 1]);
        a.offsets = &before;
        a.length = 1;
        assert!(a.texts().unwrap_err().contains("before the first (3)"));
        let offs = offsets32(&[0, 2]);
        let bad = StringArray {
            validity: None,
            validity_offset: 0,
            offsets: &offs,
            data: b"a\xff",
            length: 1,
            offset_width: 4,
        };
        assert!(bad.texts().unwrap_err().contains("not valid UTF-8 (byte 1"));
        let one_byte = [0xffu8];
        let short = StringArray {
            validity: Some(&one_byte),
            validity_offset: 8,
            ..bad
        };
        assert!(
            short
                .texts()
                .unwrap_err()
                .contains("bitmap has 8 bits, the array needs 9")
        );
        let wide = StringArray {
            offset_width: 2,
            ..bad
        };
        assert!(wide.texts().unwrap_err().contains("offset width"));
    }

    #[test]
    fn columns_are_doc_then_the_flat_columns() {
        let names: Vec<&str> = COLUMN_TYPES.iter().map(|(n, _)| *n).collect();
        assert_eq!(names[0], "doc");
        assert_eq!(names[1..], quantext::model::FLAT_COLUMNS);
    }

    #[test]
    fn bitmaps_are_least_significant_bit_first() {
        let mut b = Bits::default();
        for bit in [true, false, true, true, false, false, false, false, true] {
            b.push(bit);
        }
        assert_eq!(b.bytes, [0b0000_1101, 0b0000_0001]);
        assert_eq!(b.zeros, 5);
    }
}
