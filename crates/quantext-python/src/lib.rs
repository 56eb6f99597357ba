//! The `quantext._quantext` extension module: Python bindings of the quantext core.
//!
//! Conversion only. Every reading comes from the Rust core; this crate turns Rust values into
//! Python objects and back, maps errors to Python exceptions, releases the GIL around extraction
//! and spreads batches over threads (asking Python for signals as they run, so that Ctrl-C stops
//! them). The one thing it adds to the readings is the span conversion: the core reports
//! byte offsets into UTF-8, Python indexes `str` by code point, so every span is converted in one
//! pass over its text ([`CharOffsets`]).
//!
//! The user-facing package is `python/quantext/__init__.py`; the stubs are
//! `python/quantext/_quantext.pyi`.

mod arrow;

use std::borrow::Cow;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBytes, PyDict, PyFloat, PyIterator, PyList, PyModule, PyString, PyType};
use quantext::{Dimension, Number, Quantity};

create_exception!(
    quantext,
    ParseError,
    PyValueError,
    "The text is not one quantity expression.\n\nAttributes: `offset` (code-point index into the \
     input where the problem is), `byte_offset` (the same in UTF-8 bytes), `input`, `expected`, \
     `found`. The message shows the input with a caret under the problem."
);
create_exception!(
    quantext,
    ConversionError,
    PyValueError,
    "A quantity cannot be converted to the requested unit (unknown unit, no unit, another \
     dimension, no fixed factor, or overflow)."
);

// ---------------------------------------------------------------------------------------------
// Text and spans

/// The UTF-8 text of a Python `str`, borrowed when possible. A `str` holding lone surrogates (which
/// UTF-8 cannot encode) is converted with each surrogate replaced by U+FFFD, one code point for
/// one, so that code-point offsets stay valid.
fn text_of<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    if let Ok(t) = s.to_str() {
        return Ok(Cow::Borrowed(t));
    }
    let encoded = s.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
    let bytes = encoded.cast::<PyBytes>()?.as_bytes();
    Ok(Cow::Owned(
        bytes
            .chunks_exact(4)
            .map(|c| {
                char::from_u32(u32::from_le_bytes([c[0], c[1], c[2], c[3]])).unwrap_or('\u{FFFD}')
            })
            .collect(),
    ))
}

/// Converts byte offsets into one text to code-point offsets (Python `str` indices). Offsets asked
/// in increasing order cost one pass over the text in total.
struct CharOffsets<'t> {
    bytes: &'t [u8],
    byte: usize,
    chars: usize,
}

impl<'t> CharOffsets<'t> {
    fn new(text: &'t str) -> CharOffsets<'t> {
        CharOffsets {
            bytes: text.as_bytes(),
            byte: 0,
            chars: 0,
        }
    }

    fn of(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        // Every byte that is not a UTF-8 continuation byte (0b10xx_xxxx) starts a code point.
        self.chars += self.bytes[self.byte..byte]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count();
        self.byte = byte;
        self.chars
    }
}

/// Wraps the quantities found in `text`, converting their spans to code points.
fn wrap_all(text: &str, found: Vec<Quantity>) -> Vec<PyQuantity> {
    let mut offsets = CharOffsets::new(text);
    found
        .into_iter()
        .map(|q| {
            let start = offsets.of(q.start);
            let end = offsets.of(q.end);
            PyQuantity {
                q: Box::new(q),
                start,
                end,
            }
        })
        .collect()
}

/// The number of worker threads for `jobs` texts: `QUANTEXT_NUM_THREADS` if set to a positive
/// integer, else the available parallelism; never more than the number of texts.
fn thread_count(jobs: usize) -> usize {
    std::env::var("QUANTEXT_NUM_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(jobs)
        .max(1)
}

/// How often a long extraction asks Python whether a signal (Ctrl-C) arrived.
const SIGNAL_CHECK_EVERY: Duration = Duration::from_millis(50);

/// How many quantities [`extract_until`] reads between two calls of its `go_on`.
const QUANTITIES_BETWEEN_CHECKS: usize = 256;

/// How far [`extract_until`] reads into a text without quantities between two calls of its
/// `go_on` (a few milliseconds of scanning).
const BYTES_BETWEEN_CHECKS: usize = 1 << 18;

/// Asks Python, at most every [`SIGNAL_CHECK_EVERY`] however often it is ticked, whether a
/// signal handler raised (Ctrl-C in a notebook raises `KeyboardInterrupt`). Ticked without the
/// GIL; it takes the GIL for the question.
struct SignalCheck {
    since: Instant,
}

impl SignalCheck {
    fn new() -> SignalCheck {
        SignalCheck {
            since: Instant::now(),
        }
    }

    /// Reads the clock, and asks Python when the last question is old enough.
    fn tick(&mut self) -> PyResult<()> {
        if self.since.elapsed() >= SIGNAL_CHECK_EVERY {
            Python::attach(|py| py.check_signals())?;
            self.since = Instant::now();
        }
        Ok(())
    }
}

/// The quantities of `text` with spans in code points, asking `go_on` after every
/// [`QUANTITIES_BETWEEN_CHECKS`] quantities, and every [`BYTES_BETWEEN_CHECKS`] of text without
/// one, whether to read on: an error from it ends the reading (a text of hundreds of MB takes
/// seconds).
fn extract_until<E>(
    ex: &quantext::Extractor,
    text: &str,
    mut go_on: impl FnMut() -> Result<(), E>,
) -> Result<Vec<PyQuantity>, E> {
    let mut found = Vec::new();
    let mut it = ex.iter(text);
    loop {
        match it.next_within(BYTES_BETWEEN_CHECKS) {
            quantext::Step::Found(q) => {
                found.push(q);
                if found.len() % QUANTITIES_BETWEEN_CHECKS == 0 {
                    go_on()?;
                }
            }
            quantext::Step::Paused => go_on()?,
            quantext::Step::Done => break,
        }
    }
    Ok(wrap_all(text, found))
}

/// The quantities of some texts of a batch, each with its text's index.
type Delivery = Vec<(usize, Vec<PyQuantity>)>;

/// How much text (in bytes, counting each text as at least [`MIN_TEXT_COST`]) a thread of a batch
/// reads into one [`Delivery`].
const BYTES_PER_DELIVERY: usize = 1 << 16;

/// What a text counts for in [`BYTES_PER_DELIVERY`], however short: a delivery of thousands of
/// one-word texts would keep the calling thread waiting, then busy, for nothing.
const MIN_TEXT_COST: usize = 256;

/// Reads the texts of a batch that `next` hands out (each index once, to one thread) into
/// `delivery`, until about `budget` bytes are read; asks `go_on` within each text as
/// [`extract_until`] does (the caller asks between two calls). Answers whether it stopped for the
/// budget (texts may remain) rather than because none is left.
fn read_texts<E>(
    ex: &quantext::Extractor,
    texts: &(impl Texts + ?Sized),
    next: &AtomicUsize,
    budget: usize,
    mut go_on: impl FnMut() -> Result<(), E>,
    delivery: &mut Delivery,
) -> Result<bool, E> {
    let mut read = 0usize;
    while read < budget {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(t) = texts.text(i) else {
            return Ok(false);
        };
        let found = match t {
            Some(t) => extract_until(ex, t, &mut go_on)?,
            None => Vec::new(),
        };
        read += t.map_or(0, str::len).max(MIN_TEXT_COST);
        delivery.push((i, found));
    }
    Ok(true)
}

/// A worker's `go_on`: an error once `stop` is set.
fn until(stop: &AtomicBool) -> impl Fn() -> Result<(), ()> + '_ {
    || {
        if stop.load(Ordering::Relaxed) {
            Err(())
        } else {
            Ok(())
        }
    }
}

/// A worker of a batch: reads a [`Delivery`] at a time, handing each to `deliver`, until no text
/// is left or `stop` is set.
fn work_through(
    ex: &quantext::Extractor,
    texts: &(impl Texts + ?Sized),
    next: &AtomicUsize,
    stop: &AtomicBool,
    mut deliver: impl FnMut(Delivery),
) {
    while until(stop)().is_ok() {
        let mut delivery = Delivery::new();
        let more = read_texts(
            ex,
            texts,
            next,
            BYTES_PER_DELIVERY,
            until(stop),
            &mut delivery,
        );
        deliver(delivery);
        if more != Ok(true) {
            break;
        }
    }
}

/// Waits for every worker; a worker's panic goes on unwinding on the calling thread.
fn join_all(workers: Vec<std::thread::ScopedJoinHandle<'_, ()>>) {
    for w in workers {
        if let Err(panic) = w.join() {
            std::panic::resume_unwind(panic);
        }
    }
}

/// How the calling thread of a batch runs what needs no GIL: with [`Python::detach`] when it
/// holds the GIL, or as it is when it does not ([`GilReleased`]).
trait WithoutGil {
    fn run<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R;
}

impl WithoutGil for Python<'_> {
    fn run<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        self.detach(f)
    }
}

/// A calling thread that released the GIL already (see [`WithoutGil`]).
struct GilReleased;

impl WithoutGil for GilReleased {
    fn run<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        f()
    }
}

/// Reads every text of a batch on [`thread_count`] threads, and hands each [`Delivery`] to `take`
/// on the calling thread, in no set order. `None` stands for a missing text and gives no
/// quantities.
///
/// The calling thread first runs `fill` (after starting the workers): the texts of a
/// [`Collecting`] are gathered there while the workers read the first ones. When `fill` fails, the
/// workers are stopped and its error is returned. Once `fill` has returned, `texts.text(i)` must
/// not block (the workers are joined after it).
///
/// `n - 1` scoped workers and the calling thread take texts one at a time from one counter (so
/// long and short texts balance out), and deliver about [`BYTES_PER_DELIVERY`] of text at a time.
/// The calling thread reads without the GIL (through `gil`) and runs `take` on its own deliveries
/// and the workers' (sent over a channel) between two of its reads, so that what `take` does with
/// the GIL overlaps the other threads' reading; once no text is left, it waits for the workers'
/// last deliveries. On one thread it reads alone, in the same way.
///
/// After `fill`, the calling thread asks Python for signals as it goes ([`SignalCheck`]); when a
/// handler raises, or `take` fails, the workers stop within [`QUANTITIES_BETWEEN_CHECKS`]
/// quantities or [`BYTES_BETWEEN_CHECKS`] of text and the error is returned, so that a long batch
/// can be stopped (a million articles take minutes).
fn read_batch(
    gil: impl WithoutGil,
    ex: &quantext::Extractor,
    texts: &(impl Texts + ?Sized),
    fill: impl FnOnce() -> PyResult<()>,
    mut take: impl FnMut(Delivery) -> PyResult<()>,
) -> PyResult<()> {
    let threads = thread_count(texts.count_hint());
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        // The channel ends when the last worker's sender is dropped (it ended, or unwound).
        let (sender, mut deliveries) = mpsc::channel::<Delivery>();
        // A thread the system refuses is done without: the others read its share. (A panic here
        // would leave the workers started waiting for texts that `fill` never gathers.)
        let workers: Vec<_> = (1..threads)
            .map_while(|_| {
                let sender = sender.clone();
                let (next, stop) = (&next, &stop);
                std::thread::Builder::new()
                    .spawn_scoped(s, move || {
                        work_through(ex, texts, next, stop, |delivery| {
                            // The calling thread drops its receiver only after every worker
                            // ended, so a send cannot fail.
                            let _ = sender.send(delivery);
                        });
                    })
                    .ok()
            })
            .collect();
        drop(sender);
        if let Err(e) = fill() {
            stop.store(true, Ordering::Relaxed);
            join_all(workers);
            return Err(e);
        }
        let mut check = SignalCheck::new();
        let mut reading = true;
        let outcome = loop {
            let taken = if reading {
                // This thread's own share.
                let read = gil.run(|| {
                    let mut delivery = Delivery::new();
                    let go_on = || check.tick();
                    read_texts(ex, texts, &next, BYTES_PER_DELIVERY, go_on, &mut delivery)
                        .map(|more| (more, delivery))
                });
                read.and_then(|(more, delivery)| {
                    reading = more;
                    take(delivery)
                })
            } else {
                // The receiver goes into the closure and back: a `&Receiver` is not `Send`.
                let (back, received) = gil.run(move || {
                    let received = deliveries.recv_timeout(SIGNAL_CHECK_EVERY);
                    (deliveries, received)
                });
                deliveries = back;
                match received {
                    Ok(delivery) => take(delivery),
                    Err(RecvTimeoutError::Timeout) => Ok(()),
                    Err(RecvTimeoutError::Disconnected) => break Ok(()),
                }
            };
            let taken = taken
                .and_then(|()| deliveries.try_iter().try_for_each(&mut take))
                .and_then(|()| check.tick());
            if let Err(e) = taken {
                stop.store(true, Ordering::Relaxed);
                break Err(e);
            }
        };
        // The workers never take the GIL, so they end while this thread holds it.
        join_all(workers);
        outcome
    })
}

/// The quantities of every text of a batch, read by [`read_batch`] on a thread that released
/// the GIL.
fn run_batch<T: AsRef<str> + Sync>(
    ex: &quantext::Extractor,
    texts: &[Option<T>],
) -> PyResult<Vec<Vec<PyQuantity>>> {
    let mut found: Vec<Vec<PyQuantity>> = texts.iter().map(|_| Vec::new()).collect();
    read_batch(
        GilReleased,
        ex,
        texts,
        || Ok(()),
        |delivery| {
            for (i, qs) in delivery {
                found[i] = qs;
            }
            Ok(())
        },
    )?;
    Ok(found)
}

/// `extract_batch`'s lists: one Python list of quantities per text, in order, made by the calling
/// thread between two of its reads ([`read_batch`]). Made after the last text was read (as until
/// the eleventh session), the objects of a 14 MB batch took 9% of one thread's time while the
/// other core idled.
fn batch_lists<'py>(
    py: Python<'py>,
    ex: &quantext::Extractor,
    items: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    // One list per text and one object per quantity, made with the GIL held: the cyclic
    // garbage collector would run dozens of times over them as they are made (every 700
    // new containers) and find nothing, so it waits until they are all made. It is paused from
    // the first delivery on, not while the texts are gathered (a generator's own garbage).
    let mut paused = None;
    let mut lists: Vec<Option<Bound<'py, PyList>>> = Vec::new();
    let count = read_items(py, ex, items, |i, qs| {
        if paused.is_none() {
            paused = Some(GcPause::new(py)?);
        }
        *slot(&mut lists, i) = Some(PyList::new(py, qs)?);
        Ok(())
    })?;
    lists.resize_with(count, || None);
    let lists = lists
        .into_iter()
        .enumerate()
        .map(|(i, list)| {
            list.ok_or_else(|| {
                PyRuntimeError::new_err(format!("internal error: texts[{i}] was not read"))
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, lists)
}

/// Whether a batch item stands for a missing text: `None`, a float NaN (pandas' missing value in an
/// object column) or `pandas.NA` (in a "string" column).
fn is_missing(item: &Bound<'_, PyAny>) -> bool {
    if item.is_none() {
        return true;
    }
    if let Ok(f) = item.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    item.get_type()
        .name()
        .is_ok_and(|n| n.to_str().is_ok_and(|n| n == "NAType"))
}

/// Pauses Python's cyclic garbage collector while it lives, if it was enabled (restored on drop,
/// also when an error unwinds).
struct GcPause<'py> {
    gc: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    fn new(py: Python<'py>) -> PyResult<GcPause<'py>> {
        let gc = py.import("gc")?;
        if gc.call_method0("isenabled")?.is_truthy()? {
            gc.call_method0("disable")?;
            Ok(GcPause { gc: Some(gc) })
        } else {
            Ok(GcPause { gc: None })
        }
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc
            && let Err(e) = gc.call_method0("enable")
        {
            e.write_unraisable(gc.py(), None);
        }
    }
}

/// The UTF-8 of one text of a batch, readable without the GIL: the `str`'s own UTF-8, which the
/// `PyBackedStr` keeps alive, or a copy with lone surrogates replaced (see [`text_of`]).
enum BatchText {
    Python(PyBackedStr),
    Replaced(String),
}

impl AsRef<str> for BatchText {
    fn as_ref(&self) -> &str {
        match self {
            BatchText::Python(s) => s,
            BatchText::Replaced(s) => s,
        }
    }
}

/// Where the threads of a batch ([`read_batch`]) find its texts, by index.
trait Texts: Sync {
    /// Text `i`: `Some(None)` for a missing text, `None` past the last text.
    fn text(&self, i: usize) -> Option<Option<&str>>;

    /// About how many texts there are (to choose the number of threads).
    fn count_hint(&self) -> usize;
}

/// A text of a batch as a `&str`, `None` for a missing one.
fn as_text(t: &Option<impl AsRef<str>>) -> Option<&str> {
    t.as_ref().map(AsRef::as_ref)
}

impl<T: AsRef<str> + Sync> Texts for [Option<T>] {
    fn text(&self, i: usize) -> Option<Option<&str>> {
        self.get(i).map(as_text)
    }

    fn count_hint(&self) -> usize {
        self.len()
    }
}

/// Items in the first chunk of a [`Collecting`]; each next chunk is twice as long.
const FIRST_CHUNK: usize = 256;

/// Chunks in a [`Collecting`]: as many as `usize` arithmetic allows (55 on 64 bits, room for
/// about 2^63 texts), more than memory holds.
const CHUNKS: usize = (usize::BITS - FIRST_CHUNK.ilog2() - 1) as usize;

/// The texts of a batch, gathered from the Python items by the calling thread (which holds the
/// GIL) while the other threads already read the first ones.
///
/// Gathering a text (a reference and its UTF-8) costs a cache miss: 4 ms for the 45,000
/// paragraphs of the 14 MB corpus, which until the twentieth session the workers waited for. Chunk
/// `k` holds the texts from `FIRST_CHUNK * (2^k - 1)` on, `FIRST_CHUNK * 2^k` of them, and is
/// published as soon as it is full ([`Gathering`]); a thread that asks for a text of a chunk not
/// yet published waits for it. As gathering a text from a list takes about a twentieth of the time
/// its reading takes, on a few threads only the first chunk is waited for (a slow generator makes
/// them wait more).
struct Collecting {
    chunks: [OnceLock<Vec<Option<BatchText>>>; CHUNKS],
    /// How many texts there are, once the items have ended.
    count: OnceLock<usize>,
}

impl Collecting {
    /// No texts yet.
    fn new() -> Collecting {
        Collecting {
            chunks: std::array::from_fn(|_| OnceLock::new()),
            count: OnceLock::new(),
        }
    }

    /// Starts gathering the texts of `items` (see [`batch_item`]), which must not be a single
    /// `str`, and gathers the first chunk at once: a batch of fewer texts than that is then
    /// whole, and its size known ([`Texts::count_hint`]) before any thread starts.
    fn gather<'c, 'py>(&'c self, items: &Bound<'py, PyAny>) -> PyResult<Gathering<'c, 'py>> {
        if items.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "expected an iterable of str (one text per item), got a single str; wrap it in a \
                 list",
            ));
        }
        let mut gathering = Gathering {
            texts: self,
            items: items.try_iter()?,
            k: 0,
            chunk: Vec::with_capacity(FIRST_CHUNK),
        };
        gathering.fill_chunk()?;
        Ok(gathering)
    }
}

/// The gathering of a [`Collecting`]'s texts, chunk by chunk. Every chunk not yet published is
/// published empty when it is dropped, also when an item fails or a panic unwinds, so that no
/// thread waits for ever.
struct Gathering<'c, 'py> {
    texts: &'c Collecting,
    items: Bound<'py, PyIterator>,
    /// The chunk being filled.
    k: usize,
    chunk: Vec<Option<BatchText>>,
}

impl Gathering<'_, '_> {
    /// Gathers texts until chunk `k` is full, or the items end, and publishes it; at the end, also
    /// the number of texts.
    fn fill_chunk(&mut self) -> PyResult<()> {
        while self.chunk.len() < FIRST_CHUNK << self.k {
            let i = chunk_start(self.k) + self.chunk.len();
            match self.items.next() {
                Some(item) => self.chunk.push(batch_item(i, item?)?),
                None => {
                    self.publish()?;
                    let _ = self.texts.count.set(i);
                    return Ok(());
                }
            }
        }
        self.publish()?;
        self.k += 1;
        self.chunk.reserve(FIRST_CHUNK << self.k);
        Ok(())
    }

    /// Publishes chunk `k` as gathered.
    fn publish(&mut self) -> PyResult<()> {
        let chunk = std::mem::take(&mut self.chunk);
        self.texts
            .chunks
            .get(self.k)
            .ok_or_else(|| PyValueError::new_err("too many texts in one batch"))?
            .set(chunk)
            .map_err(|_| PyRuntimeError::new_err("internal error: a chunk of texts set twice"))
    }

    /// Gathers the rest of the texts, and answers how many there are.
    fn finish(mut self) -> PyResult<usize> {
        loop {
            if let Some(&count) = self.texts.count.get() {
                return Ok(count);
            }
            self.fill_chunk()?;
        }
    }
}

impl Drop for Gathering<'_, '_> {
    fn drop(&mut self) {
        for chunk in &self.texts.chunks {
            let _ = chunk.set(Vec::new());
        }
    }
}

/// The chunk of a [`Collecting`] that holds text `i`, and the text's place in it; `None` past the
/// last chunk.
fn chunk_of(i: usize) -> Option<(usize, usize)> {
    let k = (i / FIRST_CHUNK + 1).ilog2() as usize;
    (k < CHUNKS).then(|| (k, i - chunk_start(k)))
}

/// The index of the first text of chunk `k` of a [`Collecting`] (`k <= CHUNKS`).
fn chunk_start(k: usize) -> usize {
    FIRST_CHUNK * ((1 << k) - 1)
}

impl Texts for Collecting {
    fn text(&self, i: usize) -> Option<Option<&str>> {
        let (k, place) = chunk_of(i)?;
        let chunk = self.chunks[k].wait();
        chunk.get(place).map(as_text)
    }

    fn count_hint(&self) -> usize {
        self.count.get().copied().unwrap_or(usize::MAX)
    }
}

/// Item `i` of a batch as a text: a `str`, or `None` for a missing one ([`is_missing`]); any other
/// item is a `TypeError`.
fn batch_item(i: usize, item: Bound<'_, PyAny>) -> PyResult<Option<BatchText>> {
    // A `str` first: `is_missing` asks the type's name, which makes a Python string.
    let item = match item.cast_into::<PyString>() {
        Ok(s) => return batch_text(s).map(Some),
        Err(e) => e.into_inner(),
    };
    if is_missing(&item) {
        return Ok(None);
    }
    Err(PyTypeError::new_err(format!(
        "texts[{i}] is {}, not str",
        item.get_type()
            .name()
            .map_or_else(|_| "?".to_string(), |n| n.to_string())
    )))
}

/// The UTF-8 of one `str` of a batch (see [`BatchText`]).
fn batch_text(s: Bound<'_, PyString>) -> PyResult<BatchText> {
    if let Cow::Owned(replaced) = text_of(&s)? {
        return Ok(BatchText::Replaced(replaced));
    }
    Ok(BatchText::Python(PyBackedStr::try_from(s)?))
}

/// Reads the texts of the Python iterable `items` with [`read_batch`], gathering them while the
/// first ones are read ([`Collecting`]), and hands the quantities of text `i` to `put` (with the
/// GIL, in no set order). Answers how many texts there were.
fn read_items(
    py: Python<'_>,
    ex: &quantext::Extractor,
    items: &Bound<'_, PyAny>,
    mut put: impl FnMut(usize, Vec<PyQuantity>) -> PyResult<()>,
) -> PyResult<usize> {
    let texts = Collecting::new();
    let gathering = texts.gather(items)?;
    let mut count = 0;
    read_batch(
        py,
        ex,
        &texts,
        || gathering.finish().map(|n| count = n),
        |delivery| delivery.into_iter().try_for_each(|(i, qs)| put(i, qs)),
    )?;
    // `texts` is dropped with the GIL held (a `PyBackedStr` holds a reference).
    drop(texts);
    Ok(count)
}

/// Place `i` of `v`, which grows to hold it.
fn slot<T: Default>(v: &mut Vec<T>, i: usize) -> &mut T {
    if i >= v.len() {
        v.resize_with(i + 1, T::default);
    }
    &mut v[i]
}

/// The quantities of every text of `items` ([`read_items`]).
fn batch(
    py: Python<'_>,
    ex: &quantext::Extractor,
    items: &Bound<'_, PyAny>,
) -> PyResult<Vec<Vec<PyQuantity>>> {
    let mut found: Vec<Vec<PyQuantity>> = Vec::new();
    let count = read_items(py, ex, items, |i, qs| {
        *slot(&mut found, i) = qs;
        Ok(())
    })?;
    found.resize_with(count, Vec::new);
    Ok(found)
}

// ---------------------------------------------------------------------------------------------
// Errors

fn parse_error(py: Python<'_>, text: &str, e: quantext::ParseError) -> PyErr {
    let offset = CharOffsets::new(text).of(e.offset);
    let err = ParseError::new_err(e.to_string());
    let value = err.value(py);
    let set = (|| -> PyResult<()> {
        value.setattr("offset", offset)?;
        value.setattr("byte_offset", e.offset)?;
        value.setattr("input", &e.input)?;
        value.setattr("expected", e.expected.as_ref())?;
        value.setattr("found", &e.found)
    })();
    match set {
        Ok(()) => err,
        Err(other) => other,
    }
}

fn conversion_error(e: quantext::ConvertError) -> PyErr {
    ConversionError::new_err(e.to_string())
}

// ---------------------------------------------------------------------------------------------
// Small helpers

fn hash_of(value: &impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

fn float_repr(py: Python<'_>, v: f64) -> PyResult<String> {
    Ok(PyFloat::new(py, v).repr()?.to_string())
}

fn str_repr(py: Python<'_>, s: &str) -> PyResult<String> {
    Ok(PyString::new(py, s).repr()?.to_string())
}

fn opt_str_repr(py: Python<'_>, s: Option<&str>) -> PyResult<String> {
    s.map_or_else(|| Ok("None".to_string()), |s| str_repr(py, s))
}

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

fn exact(n: Option<Number>) -> Option<String> {
    n.map(|n| n.to_string())
}

fn number_from(s: Option<&str>, what: &str) -> PyResult<Option<Number>> {
    s.map(|s| {
        s.parse::<Number>()
            .map_err(|e| PyValueError::new_err(format!("bad {what} {s:?}: {e}")))
    })
    .transpose()
}

// ---------------------------------------------------------------------------------------------
// Result classes

/// One quantity mention and how it reads.
///
/// `==` and `hash()` compare the reading (kind, value, bounds, approximation, unit, entity, rate,
/// change), not the text or span: `parse(str(q)) == q`.
#[pyclass(frozen, module = "quantext", name = "Quantity")]
struct PyQuantity {
    /// Boxed, so that the Python object stays small: it is created with the GIL held, one per
    /// quantity, while the box is filled by the worker threads of `extract_batch`. (Unboxed, the
    /// objects of a 14 MB batch took 13 MB of pymalloc arenas, which are given back and faulted
    /// in again at every call: 2,460 page faults a call against 237, one thread.)
    q: Box<Quantity>,
    /// Code-point offsets into the Python `str` the quantity came from.
    start: usize,
    end: usize,
}

#[pymethods]
impl PyQuantity {
    /// The mention as written.
    #[getter]
    fn text(&self) -> &str {
        &self.q.text
    }

    /// Index of the mention's first character in the source `str`.
    #[getter]
    fn start(&self) -> usize {
        self.start
    }

    /// Index just past the mention's last character in the source `str`.
    #[getter]
    fn end(&self) -> usize {
        self.end
    }

    /// `(start, end)`.
    #[getter]
    fn span(&self) -> (usize, usize) {
        (self.start, self.end)
    }

    /// "count", "measure", "money", "percent", "ratio", "age", "year" or "ordinal".
    #[getter]
    fn kind(&self) -> &'static str {
        self.q.kind.as_str()
    }

    /// The stated number as a float, or None for a range or a vague magnitude.
    #[getter]
    fn value(&self) -> Option<f64> {
        self.q.value.map(|n| n.to_f64())
    }

    /// The stated number exactly: a decimal ("51.4") or a fraction ("1/3"); None when `value` is.
    #[getter]
    fn value_exact(&self) -> Option<String> {
        exact(self.q.value)
    }

    /// The lower end of the interval, or None when unbounded below.
    #[getter]
    fn lower(&self) -> Option<PyBound> {
        self.q.lower.map(PyBound)
    }

    /// The upper end of the interval, or None when unbounded above.
    #[getter]
    fn upper(&self) -> Option<PyBound> {
        self.q.upper.map(PyBound)
    }

    /// Whether the text hedges the number ("about", "nearly").
    #[getter]
    fn approximate(&self) -> bool {
        self.q.approximate
    }

    /// The unit or currency, if any.
    #[getter]
    fn unit(&self) -> Option<PyUnit> {
        self.q.unit.clone().map(PyUnit)
    }

    /// The counted thing as written ("pills"), if any.
    #[getter]
    fn entity(&self) -> Option<&str> {
        self.q.entity.as_deref()
    }

    /// The denominator of a rate as written ("day"), if any.
    #[getter]
    fn per(&self) -> Option<&str> {
        self.q.per.as_deref()
    }

    /// A reported change ("up 116% from 2020"), if any.
    #[getter]
    fn change(&self) -> Option<PyChange> {
        self.q.change.clone().map(PyChange)
    }

    /// True when the quantity is one exact number (not hedged, both bounds equal to the value).
    fn is_exact(&self) -> bool {
        self.q.is_exact()
    }

    /// The quantity in another unit of the same dimension ("kg", "kilogram"), bounds converted
    /// too. Raises ConversionError otherwise.
    fn to(&self, unit: &str) -> PyResult<PyQuantity> {
        let q = self.q.to(unit).map_err(conversion_error)?;
        Ok(PyQuantity {
            q: Box::new(q),
            start: self.start,
            end: self.end,
        })
    }

    /// The JSON contract of the CLI and the golden files as a dict, with `start` and `end` as
    /// `str` indices.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let json = serde_json::to_string(&self.q)
            .map_err(|e| PyValueError::new_err(format!("cannot serialise: {e}")))?;
        let d = py
            .import("json")?
            .call_method1("loads", (json,))?
            .cast_into::<PyDict>()?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        Ok(d)
    }

    /// The canonical English form, which `parse` reads back to an equal quantity.
    fn __str__(&self) -> String {
        self.q.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let q = &self.q;
        let bound = |b: Option<quantext::Bound>| -> PyResult<String> {
            b.map_or_else(
                || Ok("None".to_string()),
                |b| {
                    Ok(format!(
                        "({}, {})",
                        float_repr(py, b.value.to_f64())?,
                        if b.inclusive {
                            "inclusive"
                        } else {
                            "exclusive"
                        }
                    ))
                },
            )
        };
        let mut s = format!(
            "Quantity(text={}, kind={}, value={}, lower={}, upper={}",
            str_repr(py, &q.text)?,
            str_repr(py, q.kind.as_str())?,
            q.value
                .map_or_else(|| Ok("None".to_string()), |v| float_repr(py, v.to_f64()))?,
            bound(q.lower)?,
            bound(q.upper)?,
        );
        if q.approximate {
            s.push_str(", approximate=True");
        }
        if let Some(u) = &q.unit {
            s.push_str(&format!(", unit={}", str_repr(py, &u.name)?));
        }
        if let Some(e) = &q.entity {
            s.push_str(&format!(", entity={}", str_repr(py, e)?));
        }
        if let Some(p) = &q.per {
            s.push_str(&format!(", per={}", str_repr(py, p)?));
        }
        if let Some(c) = &q.change {
            s.push_str(&format!(
                ", change=({}, {})",
                str_repr(py, c.direction.as_str())?,
                opt_str_repr(py, c.reference.as_deref())?
            ));
        }
        s.push(')');
        Ok(s)
    }

    /// Notebook display: the mention, marked, with its reading.
    fn _repr_html_(&self) -> String {
        let reading = html_escape(&self.q.to_string());
        let kind = self.q.kind.as_str();
        let unit = self
            .q
            .unit
            .as_ref()
            .map(|u| format!(", {} ({})", html_escape(&u.name), u.dimension.as_str()))
            .unwrap_or_default();
        format!(
            "<span class=\"quantext-quantity\"><mark title=\"{reading}\">{}</mark> &rarr; \
             <code>{reading}</code> <small>{kind}{unit}</small></span>",
            html_escape(&self.q.text)
        )
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.q == other.q
    }

    fn __hash__(&self) -> u64 {
        hash_of(&self.q)
    }

    /// Pickling: the JSON form plus the exact numbers (JSON has floats only) and the spans.
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(
        Bound<'py, PyAny>,
        (
            String,
            usize,
            usize,
            Option<String>,
            Option<String>,
            Option<String>,
        ),
    )> {
        let this = slf.get();
        let json = serde_json::to_string(&this.q)
            .map_err(|e| PyValueError::new_err(format!("cannot serialise: {e}")))?;
        let q = &this.q;
        Ok((
            slf.get_type().getattr("_from_state")?,
            (
                json,
                this.start,
                this.end,
                exact(q.value),
                exact(q.lower.map(|b| b.value)),
                exact(q.upper.map(|b| b.value)),
            ),
        ))
    }

    /// Rebuilds a pickled Quantity (see `__reduce__`).
    #[classmethod]
    #[pyo3(signature = (json, start, end, value, lower, upper))]
    fn _from_state(
        _cls: &Bound<'_, PyType>,
        json: &str,
        start: usize,
        end: usize,
        value: Option<&str>,
        lower: Option<&str>,
        upper: Option<&str>,
    ) -> PyResult<PyQuantity> {
        let mut q: Quantity = serde_json::from_str(json)
            .map_err(|e| PyValueError::new_err(format!("bad Quantity state: {e}")))?;
        q.value = number_from(value, "value")?;
        if let (Some(b), Some(v)) = (q.lower.as_mut(), number_from(lower, "lower")?) {
            b.value = v;
        }
        if let (Some(b), Some(v)) = (q.upper.as_mut(), number_from(upper, "upper")?) {
            b.value = v;
        }
        Ok(PyQuantity {
            q: Box::new(q),
            start,
            end,
        })
    }
}

/// One end of the interval a quantity lies in.
#[pyclass(frozen, module = "quantext", name = "Bound")]
struct PyBound(quantext::Bound);

#[pymethods]
impl PyBound {
    /// The end point as a float, in the quantity's unit.
    #[getter]
    fn value(&self) -> f64 {
        self.0.value.to_f64()
    }

    /// The end point exactly: a decimal ("27000") or a fraction ("1/3").
    #[getter]
    fn value_exact(&self) -> String {
        self.0.value.to_string()
    }

    /// Whether the end point itself is included ("at least": yes, "more than": no).
    #[getter]
    fn inclusive(&self) -> bool {
        self.0.inclusive
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Bound(value={}, inclusive={})",
            float_repr(py, self.0.value.to_f64())?,
            if self.0.inclusive { "True" } else { "False" }
        ))
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.0 == other.0
    }

    fn __hash__(&self) -> u64 {
        hash_of(&self.0)
    }
}

/// A unit of measure or a currency. Two units are equal when their name and dimension are.
#[pyclass(frozen, module = "quantext", name = "Unit")]
struct PyUnit(quantext::Unit);

#[pymethods]
impl PyUnit {
    /// Singular English name ("pound"), or the ISO 4217 code of a currency ("USD").
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }

    /// What the unit measures ("mass", "length", "currency", ...).
    #[getter]
    fn dimension(&self) -> &'static str {
        self.0.dimension.as_str()
    }

    /// The short form ("lb", "$").
    #[getter]
    fn symbol(&self) -> &str {
        &self.0.symbol
    }

    /// The SI (or reference) unit of the dimension ("kg"); None for currencies.
    #[getter]
    fn si_unit(&self) -> Option<&str> {
        self.0.si_unit.as_deref()
    }

    /// How many SI units one of this unit is; None for currencies.
    #[getter]
    fn si_factor(&self) -> Option<f64> {
        self.0.si_factor
    }

    /// Added after scaling to reach the SI unit (non-zero for Celsius and Fahrenheit).
    #[getter]
    fn si_offset(&self) -> f64 {
        self.0.si_offset
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Unit(name={}, dimension={}, symbol={})",
            str_repr(py, &self.0.name)?,
            str_repr(py, self.0.dimension.as_str())?,
            str_repr(py, &self.0.symbol)?
        ))
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.0 == other.0
    }

    fn __hash__(&self) -> u64 {
        hash_of(&self.0)
    }
}

/// A reported change: "up 116% from 2020" is direction "up", reference "2020".
#[pyclass(frozen, module = "quantext", name = "Change")]
struct PyChange(quantext::Change);

#[pymethods]
impl PyChange {
    /// "up" or "down".
    #[getter]
    fn direction(&self) -> &'static str {
        self.0.direction.as_str()
    }

    /// What the change is measured against, as written ("2020", "last year"), if said.
    #[getter]
    fn reference(&self) -> Option<&str> {
        self.0.reference.as_deref()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Change(direction={}, reference={})",
            str_repr(py, self.direction())?,
            opt_str_repr(py, self.reference())?
        ))
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.0 == other.0
    }

    fn __hash__(&self) -> u64 {
        hash_of(&self.0)
    }
}

// ---------------------------------------------------------------------------------------------
// Extractor

const UNIT_KEYS: [&str; 8] = [
    "name",
    "dimension",
    "symbol",
    "si_unit",
    "si_factor",
    "si_offset",
    "words",
    "symbols",
];

/// Reads one custom unit: {"name", "dimension", "symbol", "si_unit", "si_factor", "si_offset",
/// "words", "symbols"}; name and dimension are required.
fn unit_spec(spec: &Bound<'_, PyAny>) -> PyResult<(quantext::Unit, Vec<String>, Vec<String>)> {
    let d = spec
        .cast::<PyDict>()
        .map_err(|_| PyTypeError::new_err("each unit must be a dict (see quantext.UnitSpec)"))?;
    for key in d.keys() {
        let key: String = key.extract()?;
        if !UNIT_KEYS.contains(&key.as_str()) {
            return Err(PyValueError::new_err(format!(
                "unknown unit key {key:?}; expected one of {}",
                UNIT_KEYS.join(", ")
            )));
        }
    }
    fn get<'py, T: for<'a> FromPyObject<'a, 'py>>(
        d: &Bound<'py, PyDict>,
        key: &str,
    ) -> PyResult<Option<T>> {
        match d.get_item(key)? {
            Some(v) if !v.is_none() => v.extract().map(Some).map_err(|e| {
                PyTypeError::new_err(format!("unit key {key:?}: {}", Into::<PyErr>::into(e)))
            }),
            _ => Ok(None),
        }
    }
    let name: String =
        get(d, "name")?.ok_or_else(|| PyValueError::new_err("a unit needs a \"name\""))?;
    let dim: String = get(d, "dimension")?
        .ok_or_else(|| PyValueError::new_err("a unit needs a \"dimension\""))?;
    let dimension = Dimension::from_name(&dim).ok_or_else(|| {
        let all: Vec<&str> = Dimension::ALL.iter().map(|d| d.as_str()).collect();
        PyValueError::new_err(format!(
            "unknown dimension {dim:?}; expected one of {}",
            all.join(", ")
        ))
    })?;
    let symbol: String = get(d, "symbol")?.unwrap_or_else(|| name.clone());
    let si_unit: Option<String> = get(d, "si_unit")?;
    let si_factor: Option<f64> = get(d, "si_factor")?;
    let si_offset: f64 = get(d, "si_offset")?.unwrap_or(0.0);
    let words: Vec<String> = get(d, "words")?.unwrap_or_else(|| vec![name.clone()]);
    let symbols: Vec<String> = get(d, "symbols")?.unwrap_or_default();
    let unit = quantext::Unit {
        name: Cow::Owned(name),
        dimension,
        symbol: Cow::Owned(symbol),
        si_unit: si_unit.map(Cow::Owned),
        si_factor,
        si_offset,
    };
    Ok((unit, words, symbols))
}

/// Extraction options: years and ordinals reported or not, custom units and counted things.
#[pyclass(frozen, module = "quantext", name = "Extractor")]
struct PyExtractor {
    inner: quantext::Extractor,
    include_years: bool,
    include_ordinals: bool,
    units: Vec<String>,
    entities: Vec<String>,
}

#[pymethods]
impl PyExtractor {
    #[new]
    #[pyo3(signature = (*, include_years = false, include_ordinals = false, units = None, entities = None))]
    fn new(
        include_years: bool,
        include_ordinals: bool,
        units: Option<&Bound<'_, PyAny>>,
        entities: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyExtractor> {
        let mut inner = quantext::Extractor::new()
            .include_years(include_years)
            .include_ordinals(include_ordinals);
        let mut unit_names = Vec::new();
        if let Some(units) = units {
            if units.is_instance_of::<PyDict>() {
                return Err(PyTypeError::new_err(
                    "units must be a list of dicts, not one dict",
                ));
            }
            for spec in units.try_iter()? {
                let (unit, words, symbols) = unit_spec(&spec?)?;
                unit_names.push(unit.name.to_string());
                let words: Vec<&str> = words.iter().map(String::as_str).collect();
                let symbols: Vec<&str> = symbols.iter().map(String::as_str).collect();
                inner = inner.with_unit(unit, &words, &symbols);
            }
        }
        let mut entity_list = Vec::new();
        if let Some(entities) = entities {
            if entities.is_instance_of::<PyString>() {
                return Err(PyTypeError::new_err(
                    "entities must be a list of str, not one str",
                ));
            }
            for e in entities.try_iter()? {
                entity_list.push(e?.extract::<String>()?);
            }
        }
        let entities = entity_list;
        for e in &entities {
            inner = inner.with_entity(e);
        }
        Ok(PyExtractor {
            inner,
            include_years,
            include_ordinals,
            units: unit_names,
            entities,
        })
    }

    /// Whether calendar years are reported (kind "year").
    #[getter]
    fn include_years(&self) -> bool {
        self.include_years
    }

    /// Whether ordinals are reported (kind "ordinal").
    #[getter]
    fn include_ordinals(&self) -> bool {
        self.include_ordinals
    }

    /// Parses `text` as exactly one quantity expression; raises ParseError otherwise.
    fn parse(&self, py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<PyQuantity> {
        let text = text_of(text)?;
        match self.inner.parse(&text) {
            Ok(q) => {
                let mut offsets = CharOffsets::new(&text);
                let (start, end) = (offsets.of(q.start), offsets.of(q.end));
                Ok(PyQuantity {
                    q: Box::new(q),
                    start,
                    end,
                })
            }
            Err(e) => Err(parse_error(py, &text, e)),
        }
    }

    /// Every quantity in `text`, in order, non-overlapping; spans are `str` indices. A signal
    /// handler that raises (Ctrl-C) stops the reading of a long text.
    fn extract(&self, py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<Vec<PyQuantity>> {
        let text = text_of(text)?;
        let ex = &self.inner;
        py.detach(|| {
            let mut check = SignalCheck::new();
            extract_until(ex, &text, || check.tick())
        })
    }

    /// `extract` over many texts, in parallel with the GIL released except to make the Python
    /// objects. Missing texts (`None`, NaN, `pandas.NA`) give `[]`. A signal
    /// handler that raises (Ctrl-C) stops the batch.
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        batch_lists(py, &self.inner, texts)
    }

    /// `extract_batch` as columns (one list per column, one row per quantity), for DataFrames.
    fn _columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let found = batch(py, &self.inner, texts)?;
        let rows: usize = found.iter().map(Vec::len).sum();
        let mut c = Columns::with_capacity(rows);
        for (doc, qs) in found.iter().enumerate() {
            for q in qs {
                c.push(doc, q);
            }
        }
        c.into_dict(py)
    }

    /// Extraction over one Arrow string array given as its buffers, with the output columns as
    /// Arrow buffers: the engine of `quantext.extract_arrow` (which documents the result).
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (validity, validity_offset, offsets, data, length, offset_width, first_doc))]
    fn _arrow_chunk<'py>(
        &self,
        py: Python<'py>,
        validity: Option<&Bound<'py, PyBytes>>,
        validity_offset: usize,
        offsets: &Bound<'py, PyBytes>,
        data: &Bound<'py, PyBytes>,
        length: usize,
        offset_width: usize,
        first_doc: usize,
    ) -> PyResult<arrow::ArrowChunk<'py>> {
        let input = arrow::StringArray {
            validity: validity.map(|v| v.as_bytes()),
            validity_offset,
            offsets: offsets.as_bytes(),
            data: data.as_bytes(),
            length,
            offset_width,
        };
        arrow::extract_chunk(py, &self.inner, &input, first_doc)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let list = |v: &[String]| -> PyResult<String> {
            let items = v
                .iter()
                .map(|s| str_repr(py, s))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(format!("[{}]", items.join(", ")))
        };
        Ok(format!(
            "Extractor(include_years={}, include_ordinals={}, units={}, entities={})",
            if self.include_years { "True" } else { "False" },
            if self.include_ordinals {
                "True"
            } else {
                "False"
            },
            list(&self.units)?,
            list(&self.entities)?,
        ))
    }
}

/// The columns of `extract_frame`.
#[derive(Default)]
struct Columns<'q> {
    doc: Vec<usize>,
    start: Vec<usize>,
    end: Vec<usize>,
    text: Vec<&'q str>,
    kind: Vec<&'static str>,
    value: Vec<Option<f64>>,
    lower: Vec<Option<f64>>,
    lower_inclusive: Vec<Option<bool>>,
    upper: Vec<Option<f64>>,
    upper_inclusive: Vec<Option<bool>>,
    approximate: Vec<bool>,
    unit: Vec<Option<&'q str>>,
    dimension: Vec<Option<&'static str>>,
    si_factor: Vec<Option<f64>>,
    entity: Vec<Option<&'q str>>,
    per: Vec<Option<&'q str>>,
    change_direction: Vec<Option<&'static str>>,
    change_reference: Vec<Option<&'q str>>,
}

impl<'q> Columns<'q> {
    fn with_capacity(n: usize) -> Columns<'q> {
        let mut c = Columns::default();
        c.doc.reserve(n);
        c.start.reserve(n);
        c.end.reserve(n);
        c.text.reserve(n);
        c.value.reserve(n);
        c
    }

    fn push(&mut self, doc: usize, pq: &'q PyQuantity) {
        let row = pq.q.flat();
        self.doc.push(doc);
        self.start.push(pq.start);
        self.end.push(pq.end);
        self.text.push(row.text);
        self.kind.push(row.kind);
        self.value.push(row.value);
        self.lower.push(row.lower);
        self.lower_inclusive.push(row.lower_inclusive);
        self.upper.push(row.upper);
        self.upper_inclusive.push(row.upper_inclusive);
        self.approximate.push(row.approximate);
        self.unit.push(row.unit);
        self.dimension.push(row.dimension);
        self.si_factor.push(row.si_factor);
        self.entity.push(row.entity);
        self.per.push(row.per);
        self.change_direction.push(row.change_direction);
        self.change_reference.push(row.change_reference);
    }

    fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("doc", self.doc)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("text", self.text)?;
        d.set_item("kind", self.kind)?;
        d.set_item("value", self.value)?;
        d.set_item("lower", self.lower)?;
        d.set_item("lower_inclusive", self.lower_inclusive)?;
        d.set_item("upper", self.upper)?;
        d.set_item("upper_inclusive", self.upper_inclusive)?;
        d.set_item("approximate", self.approximate)?;
        d.set_item("unit", self.unit)?;
        d.set_item("dimension", self.dimension)?;
        d.set_item("si_factor", self.si_factor)?;
        d.set_item("entity", self.entity)?;
        d.set_item("per", self.per)?;
        d.set_item("change_direction", self.change_direction)?;
        d.set_item("change_reference", self.change_reference)?;
        Ok(d)
    }
}

/// Find and parse quantities in English text: the compiled core of the `quantext` package.
#[pymodule(name = "_quantext")]
mod quantext_python {
    #[pymodule_export]
    use super::{PyBound, PyChange, PyExtractor, PyQuantity, PyUnit};

    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        let py = m.py();
        m.add("ParseError", py.get_type::<super::ParseError>())?;
        m.add("ConversionError", py.get_type::<super::ConversionError>())?;
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        m.add("FLAT_COLUMNS", quantext::model::FLAT_COLUMNS.to_vec())?;
        m.add("ARROW_COLUMNS", super::arrow::COLUMN_TYPES.to_vec())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_hold_the_texts_in_order_each_twice_as_many_as_the_last() {
        let mut expected = (0, 0);
        for i in 0..FIRST_CHUNK * 40 {
            assert_eq!(chunk_of(i), Some(expected), "text {i}");
            expected.1 += 1;
            if expected.1 == FIRST_CHUNK << expected.0 {
                expected = (expected.0 + 1, 0);
            }
        }
        assert_eq!(expected.0, 5);
        // The last chunk is addressed without overflow, and nothing past it.
        let last = CHUNKS - 1;
        assert_eq!(chunk_of(chunk_start(last)), Some((last, 0)));
        let end = chunk_start(CHUNKS);
        assert_eq!(chunk_of(end - 1), Some((last, (FIRST_CHUNK << last) - 1)));
        assert_eq!(chunk_of(end), None);
        assert_eq!(chunk_of(usize::MAX), None);
    }
}
