#!/usr/bin/env python3
"""Convert the peer test suites in ../shared/dev/ into quantext gold files.

Usage: python3 scripts/convert_peers.py [SHARED_DIR]        (default: ../shared, next to the repo)

Reads   SHARED/dev/recognizers-text/{cases,negatives}.jsonl
        SHARED/dev/quantulum3/cases.jsonl
        SHARED/dev/duckling/cases.jsonl
Writes  tests/data/external/<suite>/<model-or-dimension>.jsonl   (gold documents, one per line)
        tests/data/external/<suite>/differences.json            (cases read deliberately differently)
        tests/data/external/<suite>/LICENSE                     (copied unchanged)
Python 3.11 standard library only. Re-runnable and deterministic: same input, byte-identical output.

Gold format, one JSON object per line:
  {"text": ..., "quantities": [Q...], "source": "<peer>@<commit>:<file>#<index>", "scope": {...}?,
   "notes": [...]?}
  Q holds only the Quantity fields the peer actually tells: "text", "start", "end" (BYTE offsets into
  the UTF-8 text, end exclusive), "kind", "value", "lower"/"upper" ({"value", "inclusive"?} or null),
  "unit" ({"name"} or null), "per". A field that is absent is not checked; a field that is null must
  be null. A bound without "inclusive" checks only its value.
  "scope" (optional) says which predictions the peer would have reported at all: a prediction that
  matches no gold quantity is a false positive only when it is in scope. Keys, all of which must
  hold: "kind" (list of kinds), "dimension" (list of unit dimensions; a prediction without a unit is
  out), "range" (true: only predictions that are intervals, not one exact point). Single-model peer
  suites need it: Recognizers' CurrencyModel lists no counts, so "All 70 of us" has no currency but
  quantext is right to report 70 there.
  A document with an empty "quantities" list is a negative (for what is in its scope).

Conversion rules (also in tests/data/external/README.md):

Recognizers-Text (commit 90e968e, MIT)
  R1  One document per (model, input); results become quantities, negatives.jsonl inputs become
      negatives. Character offsets are converted to UTF-8 byte offsets; "text" is the input slice (the
      peer lower-cases some of its "text" fields).
  R2  NumberModel / NumberModelPercentMode: kind "count", value, unit null, scope kind [count].
      Fractions (subtype "fraction") assert no kind: quantext may read "two thirds" or "one in five" as
      kind "ratio". A number that sits inside a money or unit expression of the input ("$20", "3
      years", "2mil SEK") asserts the value only (we read "$20" as money; the peer reports the bare
      number). Those inputs are listed in NUMBER_INSIDE_UNIT.
  R3  NumberRangeModel: their interval strings "(a,b)", "[a,b]", "[30,)", "(,100]" become lower/upper
      bounds with inclusivity; a missing end is null. Their default reads "between A and B" (and
      "A-B", "A to B", "from A to B", "A through B", "A~B") as [A,B); ours is [A,B]: a "[a,b)" whose
      phrase has no explicit upper-exclusive word (less/lower/below/under/smaller/fewer) gets an
      inclusive upper bound. value: the bound for one-sided intervals ("more than X" => value X,
      lower X exclusive, upper null), the point for [x,x], null for two-sided ranges. No kind or unit
      is asserted ("more than thirty years old" is an age for us). Scope: kind [count, ratio], range.
  R4  PercentModel: kind "percent", unit "percent", value from "N%". PercentModelPercentMode reads
      fractions as percentages ("one out of three" = 33.3%): ours is a ratio, so those become kind
      "ratio", value N/100, no unit asserted. Scope kind [percent] ([percent, ratio] in PercentMode).
      "percent of 10" (the peer: 10%) is the number 10 in our gold: "percent of N" is a part of N.
  R5  CurrencyModel: kind "money", unit = ISO 4217 code (their isoCurrency when given, else
      CURRENCY_NAMES). "Cent" => USD x 0.01, "Pence"/"Penny" => GBP x 0.01, "Satoshi" => BTC x 1e-8.
      Ambiguous names ("Franc") assert no unit; "Sen" (a hundredth of an unknown currency) asserts
      neither unit nor value. Scope kind [money].
  R6  DimensionModel: kind "measure", unit mapped by the unit NAME (DIMENSION_UNITS), not by their
      type: gallons come classed as Weight and stay "gallon"; "Ton" written "tonne(s)" or "t" is our
      "metric ton"; "Degree" is an angle there, our "degree of arc" ("rotate 90 degrees", "turn left 45
      degrees"; a bare degree is a temperature in quantext, docs/semantics.md). Compound lengths ("5 ft
      2 in", given as 5.1667 foot) assert kind only: which unit
      quantext reports for a compound is not fixed. Scope: kind [measure], dimensions length, area,
      volume, mass, speed, information, angle (their DimensionModel has no time or temperature).
  R7  AgeModel: kind "age", unit year/month/week/day ("Age" asserts no unit). Scope kind [age].
  R8  TemperatureModel: kind "measure", unit "degree Celsius" (C) / "degree Fahrenheit" (F) /
      "kelvin" / "degree" (Degree). Scope kind [measure], dimension [temperature].
  R9  Results with value null (a bare unit or currency name: "dollar", "fahrenheit", "mcg") are
      dropped: quantext reports a quantity only where a number is said. R9b: after "a"/"an", a unit
      of quantext's words.tsv article_unit list is one of that unit ("a metric ton"), span
      including the article, recorded in differences.json.
  R10 OrdinalModel, OrdinalModelSuppressExtendedTypes, NumberModelExperimentalMode and
      NumberRangeModelExperimentalMode are converted the same way (ordinals: kind "ordinal", numeric
      value; relative ones like "next"/"last" assert no value) but are OUT OF SCOPE: quantext does not
      report ordinals by default, and the experimental modes are peer options we do not copy.

quantulum3 (commit 168aef7, MIT)
  Q1  One document per sentence; needs_classifier sentences go to needs_classifier.jsonl, the rest
      to quantities.jsonl. Spans are character offsets => byte offsets. No scope: quantulum3 reports
      every quantity, counts included.
  Q2  A range (uncertainty given, surface not "+/-"/"±") becomes lower/upper inclusive with value
      null; "X ± d" keeps value X with bounds X-d, X+d inclusive.
  Q3  Units by QUANTULUM_UNITS: "dimensionless" => kind count, unit null; "percentage" => kind
      percent, unit percent; "pound sterling" => money GBP; "dollar" => USD; "euro" => EUR; "cent" =>
      USD x 0.01; "dime" => USD x 0.1; "penny" => GBP x 0.01; "pound-mass" => pound; "tonne" =>
      metric ton; "degree fahrenheit" => degree Fahrenheit; "dozen"/"baker's dozen"/"gross" => kind
      count, value x 12 / 13 / 144 (quantext reads "a dozen eggs" as 12); "cubic centimetre" written
      "ml" => millilitre; "<money> per <unit>" => money with "per" as written; "watt per minute" => watt per "min", "litre per
      kilometre" => litre per "km", "joule per square metre per year" => joule per square metre
      per "year", "kilometre per square second" => kilometre per second squared. Other units keep their
      quantulum3 name (already singular lowercase English), kind measure.
  Q4  quantulum3's "entity" is a dimension name ("length"), not our counted thing: not asserted.
  Q5  A dimensionless fraction ("1/40", "two thirds") asserts no kind, as in R2. Duckling numerals
      written as fractions ("1/5") likewise.

Duckling (commit 2c22658, BSD-3-Clause)
  D1  Each example is a whole input: one document, one quantity spanning the whole text (start 0,
      end = byte length). "negative" examples are negatives. Analyzer tests ("intersect": only a token
      count; "range": one token at a span) that give no value: "range" ones become a detection-only
      quantity (span + kind); "intersect" ones go to analyzer.json (not a gold file: no spans).
  D2  Duckling reads "around 4" as exactly 4; ours is approximate: "approximate" is never asserted.
  D3  Intervals: Duckling gives from and/or to but not inclusivity, so only bound values are
      asserted unless the phrase tells: more than/over/above/exceeding/greater than => lower
      exclusive; at least/no less than/minimum => lower inclusive; under/less than/below/lower than/
      fewer than => upper exclusive; up to/at most/no more than/maximum => upper inclusive; between/
      from-to/dash/"~" => both inclusive. One-sided intervals assert value = the bound ("under $30"
      => value 30, upper 30 exclusive, lower null); two-sided assert value null.
  D4  Numeral => kind count, unit null (a numeral inside a unit expression, "3km", "10.99$", asserts
      the value only). Ordinal => Ordinal.jsonl, out of scope. Duration => kind measure, unit
      second/minute/hour/day/week/month/year. Distance/Volume/Quantity => kind measure with our unit
      names; Duckling's "m" is our "metre"; Quantity "unnamed" (latent "four") => kind count.
      Temperature as R8. Quantity "product" ("meat") is not asserted.
  D5  Duckling normalises values (0.002 kg => 2 gram, 1.5 hours => 90 minute, a month and a half =>
      45 day); quantext keeps the unit written. When the text names exactly one unit the value is
      converted back to it with Duckling's own factors (month = 30 days, year = 365 days). When it
      names several ("7 feet 10 inches", "2 years 3 months") or a bare number follows the unit ("1
      hour thirty") the quantity is compound: kind only, the peer's total kept in "notes".
  D6  AmountOfMoney => kind money, unit ISO code: "$" => USD, "£" => GBP, "cent" => USD x 0.01 (GBP x
      0.01 when written penny/pennies/pence: our currencies table); "unknown" ("42 bucks"), "dinar",
      "riyal", "rial" assert no unit. Regional English (EN_AU, EN_CA, ...) takes its currency from the
      locale, which quantext does not have: kind and value only, in AmountOfMoney_regional.jsonl.

Deliberate differences: the OVERRIDES tables below drop a single expectation (the rest of the
document is kept, possibly becoming a negative, which is then our reading) or move a whole document
out of the gold files into differences.json, each with its reason. README.md lists them.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "tests" / "data" / "external"

RT = "recognizers-text"
Q3 = "quantulum3"
DK = "duckling"

RT_PEER = "microsoft/Recognizers-Text@90e968e"
Q3_PEER = "nielstron/quantulum3@168aef7"
DK_PEER = "facebook/duckling@2c22658"


# --------------------------------------------------------------------------------------------------
# helpers


def clean(x: float) -> float | int:
    """A float rounded to 12 significant digits (kills 0.30000000000000004 noise); ints stay ints."""
    if isinstance(x, bool):
        raise TypeError(x)
    f = float(f"{float(x):.12g}")
    if f.is_integer() and abs(f) < 2**53:
        return int(f)
    return f


def byte_span(text: str, cstart: int, cend: int) -> tuple[int, int]:
    """Character offsets (end exclusive) to UTF-8 byte offsets."""
    return len(text[:cstart].encode("utf-8")), len(text[:cend].encode("utf-8"))


def span_fields(text: str, cstart: int, cend: int) -> dict:
    b0, b1 = byte_span(text, cstart, cend)
    return {"text": text[cstart:cend], "start": b0, "end": b1}


def bound(value, inclusive=None):
    b = {"value": clean(value)}
    if inclusive is not None:
        b["inclusive"] = inclusive
    return b


FIELD_ORDER = ["text", "start", "end", "kind", "value", "lower", "upper", "unit", "per"]


def ordered(q: dict) -> dict:
    out = {k: q[k] for k in FIELD_ORDER if k in q}
    for k in sorted(q):
        if k not in out:
            out[k] = q[k]
    return out


def doc(text: str, quantities: list, source: str, scope: dict | None = None, notes=None) -> dict:
    qs = sorted((ordered(q) for q in quantities), key=lambda q: (q.get("start", 0), q.get("end", 0)))
    d = {"text": text, "quantities": qs, "source": source}
    if scope:
        d["scope"] = scope
    if notes:
        d["notes"] = notes
    return d


class Sink:
    """Collects documents per output file and the deliberate differences per suite."""

    def __init__(self) -> None:
        self.files: dict[str, list] = defaultdict(list)
        self.diffs: dict[str, list] = defaultdict(list)
        self.analyzer: list = []

    def add(self, suite: str, name: str, d: dict) -> None:
        self.files[f"{suite}/{name}.jsonl"].append(d)

    def differ(self, suite: str, entry: dict) -> None:
        self.diffs[suite].append(entry)

    def write(self) -> dict[str, tuple[int, int]]:
        counts = {}
        for rel, docs in sorted(self.files.items()):
            path = OUT / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8", newline="\n") as f:
                for d in docs:
                    f.write(json.dumps(d, ensure_ascii=False, sort_keys=False) + "\n")
            counts[rel] = (len(docs), sum(len(d["quantities"]) for d in docs))
        for suite, entries in sorted(self.diffs.items()):
            path = OUT / suite / "differences.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            entries = sorted(entries, key=lambda e: (e["source"], e.get("dropped", {}).get("start", -1)))
            with path.open("w", encoding="utf-8", newline="\n") as f:
                json.dump(entries, f, ensure_ascii=False, indent=1)
                f.write("\n")
        if self.analyzer:
            with (OUT / DK / "analyzer.json").open("w", encoding="utf-8", newline="\n") as f:
                json.dump(self.analyzer, f, ensure_ascii=False, indent=1)
                f.write("\n")
        return counts


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# --------------------------------------------------------------------------------------------------
# Recognizers-Text

RT_IN_SCOPE = {
    "NumberModel": "NumberModel",
    "NumberModelPercentMode": "NumberModelPercentMode",
    "NumberRangeModel": "NumberRangeModel",
    "PercentModel": "PercentModel",
    "PercentModelPercentMode": "PercentModelPercentMode",
    "CurrencyModel": "CurrencyModel",
    "DimensionModel": "DimensionModel",
    "AgeModel": "AgeModel",
    "TemperatureModel": "TemperatureModel",
}
RT_OUT_OF_SCOPE = [
    "OrdinalModel",
    "OrdinalModelSuppressExtendedTypes",
    "NumberModelExperimentalMode",
    "NumberRangeModelExperimentalMode",
]

RT_SCOPES = {
    "NumberModel": {"kind": ["count"]},
    "NumberModelExperimentalMode": {"kind": ["count"]},
    "NumberModelPercentMode": {"kind": ["count"]},
    "NumberRangeModel": {"kind": ["count", "ratio"], "range": True},
    "NumberRangeModelExperimentalMode": {"kind": ["count", "ratio"], "range": True},
    "PercentModel": {"kind": ["percent"]},
    "PercentModelPercentMode": {"kind": ["percent", "ratio"]},
    "CurrencyModel": {"kind": ["money"]},
    "DimensionModel": {
        "kind": ["measure"],
        "dimension": ["length", "area", "volume", "mass", "speed", "information", "angle"],
    },
    "AgeModel": {"kind": ["age"]},
    "TemperatureModel": {"kind": ["measure"], "dimension": ["temperature"]},
    "OrdinalModel": {"kind": ["ordinal"]},
    "OrdinalModelSuppressExtendedTypes": {"kind": ["ordinal"]},
}

# name => (ISO code or None when ambiguous, factor). isoCurrency wins when the peer gives it.
CURRENCY_NAMES = {
    "Dollar": ("USD", 1),
    "United States dollar": ("USD", 1),
    "Australian dollar": ("AUD", 1),
    "Canadian dollar": ("CAD", 1),
    "Hong Kong dollar": ("HKD", 1),
    "New Zealand dollar": ("NZD", 1),
    "British pound": ("GBP", 1),
    "Pound": ("GBP", 1),
    "Euro": ("EUR", 1),
    "Chinese yuan": ("CNY", 1),
    "Japanese yen": ("JPY", 1),
    "Mexican peso": ("MXN", 1),
    "Swiss franc": ("CHF", 1),
    "Turkish lira": ("TRY", 1),
    "Costa Rican colón": ("CRC", 1),
    "Georgian lari": ("GEL", 1),
    "Lao kip": ("LAK", 1),
    "Sri Lankan rupee": ("LKR", 1),
    "Kuwaiti dinar": ("KWD", 1),
    "Finnish markka": ("FIM", 1),
    "Netherlands guilder": ("NLG", 1),
    "Peseta": ("ESP", 1),
    "Rupee": ("INR", 1),  # our currencies table: a plain rupee is INR
    "Bitcoin": ("BTC", 1),
    "Satoshi": ("BTC", 1e-8),
    "Cent": ("USD", 0.01),
    "Pence": ("GBP", 0.01),
    "Penny": ("GBP", 0.01),
    "Franc": (None, 1),  # French, Swiss, Belgian...: assert no unit
    "Sen": (None, None),  # a hundredth of yen/ringgit/riel...: assert neither unit nor value
}

DIMENSION_UNITS = {
    "Acre": "acre",
    "Square kilometer": "square kilometre",
    "Square meter": "square metre",
    "Bit": "bit",
    "Megabit": "megabit",
    "Megabyte": "megabyte",
    "Decimeter": "decimetre",
    "Foot": "foot",
    "Inch": "inch",
    "Kilometer": "kilometre",
    "Meter": "metre",
    "Mile": "mile",
    "Millimeter": "millimetre",
    "Picometer": "picometre",
    "Centimeter per millisecond": "centimetre per millisecond",
    "Kilometer per hour": "kilometre per hour",
    "Kilometer per millisecond": "kilometre per millisecond",
    "Meter per millisecond": "metre per millisecond",
    "Mile per hour": "mile per hour",
    "Barrel": "barrel",
    "Cubic foot": "cubic foot",
    "Cup": "cup",
    "Milliliter": "millilitre",
    "Tablespoon": "tablespoon",
    "Teaspoon": "teaspoon",
    "Dram": "dram",
    "Gallon": "gallon",  # classed as Weight by the peer
    "Gram": "gram",
    "Kilogram": "kilogram",
    "Metric ton": "metric ton",
    "Microgram": "microgram",
    "Ounce": "ounce",
    "Pound": "pound",
    "Ton": "ton",  # "tonne(s)" / "t" => metric ton, see rt_dimension_unit
    "Degree": "degree of arc",  # the Dimension model's degree is an angle (R9)
    "Radian": "radian",
    "Turn": "turn",
}

AGE_UNITS = {"Year": "year", "Month": "month", "Week": "week", "Day": "day", "Age": None}
TEMPERATURE_UNITS = {"C": "degree Celsius", "F": "degree Fahrenheit", "K": "kelvin", "Degree": "degree"}

# Number results inside a money or unit expression of the input: value only (R2).
NUMBER_INSIDE_UNIT = {
    "hundred thousand dollars",
    "I can give you 3 hundred and 21 yuan.",
    "I want to earn $10000 in 3 years",
    "I want to earn $2000 over 3 years",
    "$20",
    "That account revenue target is US$ 1MM",
    "2mil SEK can't buy you a big apartment anyome",
    "The weight is 45{kg)",
}

# Compound lengths (R6): kind only.
RT_COMPOUND = {
    "The length is 12 ft 2 in more or less",
    "he is 5 ft 2 in",
    "he is 5 feet 2 inches",
    "he is 5 feet and 2 inches.",
}

# Deliberate differences. Key: (model family, input). Value: (action, reason[, payload]).
#   "drop"        drop every result of the document (it stays, as a negative: our reading is nothing)
#   ("drop", texts)  drop only the results whose text (input slice) is in `texts`
#   "move"        move the whole document to differences.json
#   ("set", q)    replace the (single) result's asserted fields by our reading q; a "text" in q
#                 also replaces the span (its first occurrence in the input)
IDENTIFIER = "an identifier, not a quantity: quantext leaves identifiers out"
def set_range(lo: float, hi: float, unit: str, kind: str = "measure", text: str | None = None) -> tuple:
    """An override action: the quantity becomes our reading, the inclusive range lo-hi of `unit`
    (value null), over the peer's span or over `text` when the peer's span is shorter."""
    q = {
        "kind": kind,
        "value": None,
        "lower": {"value": lo, "inclusive": True},
        "upper": {"value": hi, "inclusive": True},
        "unit": {"name": unit},
    }
    return ("set", q if text is None else {"text": text, **q})


RT_OVERRIDES = {
    ("Number", "192.168.1.2"): ("drop", "an IP address: " + IDENTIFIER),
    ("Number", "Any time to meet on 5/17/2018?"): ("drop", "a date: quantext leaves dates and years out"),
    ("Number", "My phone number is +1-222-2222/2222"): ("drop", "a phone number: " + IDENTIFIER),
    ("Number", "SCP-173"): ("drop", "a catalogue number: " + IDENTIFIER),
    (
        "Number",
        "we will be working on releasing version two and a previous version will still be maintained",
    ): ("drop", '"version two" is a label (words.tsv label "version"): ' + IDENTIFIER),
    ("NumberPercentMode", "one out of three"): (
        "drop",
        'PercentMode splits "one out of three" into 1 and 3; quantext reads one ratio 1/3 (kind ratio)',
    ),
    ("NumberPercentMode", "1 in twenty-one"): (
        "drop",
        'PercentMode splits "1 in twenty-one" into 1 and 21; quantext reads one ratio 1/21 (kind ratio)',
    ),
    ("NumberRange", "He ranks between the tenth and the fifteenth."): (
        "drop",
        "a range of ordinals (ranks): quantext does not report ordinals by default",
    ),
    ("NumberRange", "He ranks higher than the tenth but lower than the fifteenth."): (
        "drop",
        "a range of ordinals (ranks): quantext does not report ordinals by default",
    ),
    ("NumberRange", "How about more than 2 in 5"): (
        "move",
        'the peer reads "more than 2" left to right, by design; quantext reads "2 in 5" as a ratio '
        "qualified by \"more than\" (lower 0.4 exclusive)",
    ),
    ("NumberRange", "The number is from 200 to 300 in 2008"): (
        "move",
        "a peer negative; quantext reads the range 200-300 (and leaves the year 2008 out)",
    ),
    ("Currency", "its quarterly operating profit improved to 361 million pounds "): (
        "move",
        'a plain "pounds" is mass in quantext (currencies.tsv: money needs £, GBP, sterling or '
        '"British pounds"); the peer reads GBP',
    ),
    ("Dimension", "He said: 2 pm is 2 picometer"): (
        ("drop", {"2 pm"}),
        '"2 pm" is a clock time, never picometres (units.tsv); "2 picometer" is kept',
    ),
    **{
        (fam, text): (
            ("set", {"kind": "count", "value": value, "unit": None}),
            f'"{text}" is a part of {value}, not {value}%: in English "percent of N" names the whole '
            "the percentage is taken of (docs/semantics.md); the peer's reading is a calque. quantext "
            f"reads the number {value} and no percentage",
        )
        for fam, text, value in [
            ("Percent", "percent of 10", 10),
            ("Percent", "per cent of 210", 210),
            ("Percent", "percents of twenty", 20),
            ("Percent", "per cent of twenty-two", 22),
            ("PercentMode", "percents of twenty", 20),
        ]
    },
    ("PercentMode", "one third"): (
        ("add", {"kind": "ratio", "value": 1 / 3}),
        'a peer negative, although the same mode reads "one out of three" as 33.3% (R4: our ratio '
        '1/3): "one third" is that same ratio in quantext',
    ),
    (
        "Dimension",
        "then , to make these gardenettes quite literally rooms , ms . bartlett had thrown up windowless "
        "walls (brick, lattice, hedge ) eight to 10 feet tall, casting her interiors into day - long "
        "stygian shade.",
    ): (
        set_range(8, 10, "foot", text="eight to 10 feet"),
        'the peer reads only "10 feet"; quantext reads the range "eight to 10 feet" (8-10 feet, as '
        '"20 to 30 million" in docs/semantics.md)',
    ),
    (
        "Dimension",
        "in 1995 canon introduced the first commercially available slr lens with internal image "
        "stabilization , ef 75 -300mm f / 4 - 5 . 6 is usm.",
    ): (
        set_range(75, 300, "millimetre", text="75 -300mm"),
        'the peer reads only "300mm"; "ef 75 -300mm" is a 75-300 mm zoom lens, a range in quantext',
    ),
    ("Age", "He is about 40 - 50 years old."): (
        set_range(40, 50, "year", kind="age"),
        'the peer reads only "50 years old" = 50; quantext reads the range 40-50 years (value null, '
        "both bounds inclusive)",
    ),
}

RT_FAMILY = {
    "NumberModel": "Number",
    "NumberModelExperimentalMode": "Number",
    "NumberModelPercentMode": "NumberPercentMode",
    "NumberRangeModel": "NumberRange",
    "NumberRangeModelExperimentalMode": "NumberRange",
    "PercentModel": "Percent",
    "PercentModelPercentMode": "PercentMode",
    "CurrencyModel": "Currency",
    "DimensionModel": "Dimension",
    "AgeModel": "Age",
    "TemperatureModel": "Temperature",
    "OrdinalModel": "Ordinal",
    "OrdinalModelSuppressExtendedTypes": "Ordinal",
}

INTERVAL_RE = re.compile(r"^([\[(])\s*([^,]*)\s*,\s*([^,\])]*)\s*([\])])$")
UPPER_EXCLUSIVE_WORDS = re.compile(r"\b(less|lower|below|under|smaller|fewer)\b|<", re.I)


FRACTION_RE = re.compile(
    r"/|[½⅓⅔¼¾⅕⅙⅛]|\b(half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|"
    r"ninths?|tenths?|hundredths?|thousandths?)\b",
    re.I,
)


def rt_number(s: str) -> float:
    return float(s.strip().rstrip("%"))


def rt_interval(s: str, phrase: str) -> dict:
    m = INTERVAL_RE.match(s.strip())
    if not m:
        raise ValueError(f"bad interval {s!r}")
    lo_br, lo, hi, hi_br = m.groups()
    lo, hi = lo.strip(), hi.strip()
    q: dict = {}
    lower = bound(float(lo), lo_br == "[") if lo else None
    upper = bound(float(hi), hi_br == "]") if hi else None
    # R3: their [A,B) for between/dash/to/through is our [A,B].
    if lower and upper and lo_br == "[" and hi_br == ")" and not UPPER_EXCLUSIVE_WORDS.search(phrase):
        upper["inclusive"] = True
    q["lower"] = lower
    q["upper"] = upper
    if lower and upper:
        q["value"] = lower["value"] if lower["value"] == upper["value"] else None
    else:
        q["value"] = (lower or upper)["value"]
    return q


def rt_dimension_unit(name: str, surface: str) -> str:
    if name == "Ton" and (re.search(r"tonne", surface, re.I) or re.search(r"\dt$", surface)):
        return "metric ton"
    return DIMENSION_UNITS[name]


_ARTICLE_UNITS: set[str] = set()


def article_units() -> set[str]:
    """The units quantext reads as one after "a"/"an" (words.tsv, class article_unit)."""
    if not _ARTICLE_UNITS:
        for line in (REPO / "crates" / "quantext" / "data" / "words.tsv").read_text().splitlines():
            cols = line.split("\t")
            if len(cols) > 1 and cols[0].strip() == "article_unit":
                _ARTICLE_UNITS.update(w.strip().lower() for w in cols[1].split("|"))
    return _ARTICLE_UNITS


def rt_result(model: str, rec: dict, surface: str) -> dict | None:
    """Asserted fields for one result, or None when it must be dropped (R9)."""
    res = rec["resolution"] or {}
    val = res.get("value")
    fam = RT_FAMILY.get(model, model)
    if fam in ("Number", "NumberPercentMode"):
        q = {"value": clean(rt_number(val))}
        if rec["input"] in NUMBER_INSIDE_UNIT:
            return q
        if res.get("subtype") != "fraction":
            q["kind"] = "count"
        q["unit"] = None
        return q
    if fam == "NumberRange":
        return rt_interval(val, surface)
    if fam in ("Percent", "PercentMode"):
        if val in (None, "null"):
            return None
        pct = rt_number(val)
        if fam == "PercentMode" and not re.search(r"%|percent|per cent", surface, re.I):
            return {"kind": "ratio", "value": clean(pct / 100)}
        return {"kind": "percent", "value": clean(pct), "unit": {"name": "percent"}}
    if fam == "Currency":
        if val is None:
            return None
        code, factor = CURRENCY_NAMES[res["unit"]]
        if res.get("isoCurrency"):
            code = res["isoCurrency"]
        q = {"kind": "money"}
        if factor is not None:
            q["value"] = clean(rt_number(val) * factor)
        if code:
            q["unit"] = {"name": code}
        return q
    if fam == "Dimension":
        if val is None:
            return None
        if rec["input"] in RT_COMPOUND:
            return {"kind": "measure"}
        return {
            "kind": "measure",
            "value": clean(rt_number(val)),
            "unit": {"name": rt_dimension_unit(res["unit"], surface)},
        }
    if fam == "Age":
        q = {"kind": "age", "value": clean(rt_number(val))}
        unit = AGE_UNITS[res["unit"]]
        if unit:
            q["unit"] = {"name": unit}
        return q
    if fam == "Temperature":
        if val is None:
            return None
        return {
            "kind": "measure",
            "value": clean(rt_number(val)),
            "unit": {"name": TEMPERATURE_UNITS[res["unit"]]},
        }
    if fam == "Ordinal":
        q = {"kind": "ordinal"}
        if res.get("relativeTo") == "start":
            q["value"] = clean(float(val))
        return q
    raise ValueError(model)


def convert_recognizers(shared: Path, sink: Sink) -> None:
    src = shared / "dev" / RT
    cases = read_jsonl(src / "cases.jsonl")
    negatives = read_jsonl(src / "negatives.jsonl")
    groups: dict[tuple[str, int], list] = defaultdict(list)
    heads: dict[tuple[str, int], dict] = {}
    for rec in cases:
        key = (rec["model"], rec["case_index"])
        groups[key].append(rec)
        heads.setdefault(key, rec)
    for rec in negatives:
        key = (rec["model"], rec["case_index"])
        assert key not in groups, key
        groups[key] = []
        heads[key] = rec

    used_overrides = set()
    for key in sorted(groups, key=lambda k: (k[0], k[1])):
        model, index = key
        if model not in RT_IN_SCOPE and model not in RT_OUT_OF_SCOPE:
            raise SystemExit(f"unknown Recognizers model {model!r}: add it to a scope list")
        head = heads[key]
        text = head["input"]
        recs = sorted(groups[key], key=lambda r: r.get("result_index", 0))
        commit_src = head["source"].split(":", 1)[1]
        source = f"{RT_PEER}:{commit_src}#{index}"
        in_scope = model in RT_IN_SCOPE
        fam = RT_FAMILY[model]
        override = RT_OVERRIDES.get((fam, text)) if in_scope else None
        if override:
            used_overrides.add((fam, text))
        quantities, notes = [], []
        for rec in recs:
            surface = text[rec["start"] : rec["end_exclusive"]]
            q = rt_result(model, rec, surface)
            article = re.search(r"\b(an?)\s+$", text[: rec["start"]], re.I)
            if q is None and article and in_scope and surface.lower() in article_units():
                # R9b: "a metric ton" is one metric ton in quantext (words.tsv article_unit).
                one = dict(rec, resolution=dict(rec["resolution"] or {}, value="1"))
                q = rt_result(model, one, surface)
                if q is not None:
                    q.update(span_fields(text, article.start(), rec["end_exclusive"]))
                    sink.differ(
                        RT,
                        {
                            "source": source,
                            "model": model,
                            "text": text,
                            "replaced": q,
                            "peer": rec["resolution"],
                            "reason": 'a unit after "a"/"an" is a quantity of one in quantext '
                            "(words.tsv article_unit); the peer gives no value (R9b)",
                        },
                    )
                    quantities.append((q, rec))
                    continue
            if q is None:
                entry_q = span_fields(text, rec["start"], rec["end_exclusive"])
                if in_scope:
                    sink.differ(
                        RT,
                        {
                            "source": source,
                            "model": model,
                            "text": text,
                            "dropped": entry_q,
                            "peer": rec["resolution"],
                            "reason": "a bare unit or currency name without a number (R9): not a quantity",
                        },
                    )
                continue
            q.update(span_fields(text, rec["start"], rec["end_exclusive"]))
            if (
                fam == "Dimension"
                and text in RT_COMPOUND
                or (fam == "Number" and text in NUMBER_INSIDE_UNIT)
            ):
                notes.append(f"peer: {surface!r} = {json.dumps(rec['resolution'], ensure_ascii=False)}")
            quantities.append((q, rec))
        scope = RT_SCOPES[model]
        if override:
            action, reason = override[0], override[1]
            if action == "move":
                sink.differ(
                    RT,
                    {
                        "source": source,
                        "model": model,
                        "text": text,
                        "moved": True,
                        "peer": [r["resolution"] for r in recs],
                        "reason": reason,
                    },
                )
                continue
            if action == "drop" or (isinstance(action, tuple) and action[0] == "drop"):
                only = action[1] if isinstance(action, tuple) else None
                kept = []
                for q, rec in quantities:
                    if only is None or q["text"] in only:
                        sink.differ(
                            RT,
                            {
                                "source": source,
                                "model": model,
                                "text": text,
                                "dropped": {k: q[k] for k in ("text", "start", "end")},
                                "peer": rec["resolution"],
                                "reason": reason,
                            },
                        )
                    else:
                        kept.append((q, rec))
                quantities = kept
            elif isinstance(action, tuple) and action[0] == "set":
                assert len(quantities) == 1, key
                q, rec = quantities[0]
                new = dict(action[1])
                if "text" in new:
                    start = text.encode().find(new["text"].encode())
                    assert start >= 0, key
                    new["start"], new["end"] = start, start + len(new["text"].encode())
                else:
                    new.update({k: q[k] for k in ("text", "start", "end")})
                sink.differ(
                    RT,
                    {
                        "source": source,
                        "model": model,
                        "text": text,
                        "replaced": new,
                        "peer": rec["resolution"],
                        "reason": reason,
                    },
                )
                quantities = [(new, rec)]
            elif isinstance(action, tuple) and action[0] == "add":
                # A peer negative that holds a quantity in our semantics: the whole input.
                assert not quantities, key
                new = dict(action[1])
                new.update(span_fields(text, 0, len(text)))
                sink.differ(
                    RT,
                    {"source": source, "model": model, "text": text, "added": new, "reason": reason},
                )
                quantities = [(new, None)]
        sink.add(RT, model, doc(text, [q for q, _ in quantities], source, scope, notes))
    missing = set(RT_OVERRIDES) - used_overrides
    if missing:
        raise SystemExit(f"unused Recognizers overrides (peer data changed?): {sorted(missing)}")


# --------------------------------------------------------------------------------------------------
# quantulum3

# quantulum3 unit => (kind, our unit name or None, value factor, per)
QUANTULUM_UNITS = {
    "dimensionless": ("count", None, 1, None),
    "percentage": ("percent", "percent", 1, None),
    "pound sterling": ("money", "GBP", 1, None),
    "dollar": ("money", "USD", 1, None),
    "euro": ("money", "EUR", 1, None),
    "cent": ("money", "USD", 0.01, None),
    "dime": ("money", "USD", 0.1, None),
    "penny": ("money", "GBP", 0.01, None),
    "dollar per hour": ("money", "USD", 1, "hour"),
    "dollar per kilogram": ("money", "USD", 1, "kg"),
    # quantext has no compound "watt per minute" unit: "W/min" is watt with the rate "min".
    "watt per minute": ("measure", "watt", 1, "min"),
    "litre per kilometre": ("measure", "litre", 1, "km"),
    # "J/m^2 per year": the unit is J/m^2 and "per year" the rate (docs/semantics.md, Rates and changes).
    "joule per square metre per year": ("measure", "joule per square metre", 1, "year"),
    "pound-mass": ("measure", "pound", 1, None),
    "tonne": ("measure", "metric ton", 1, None),
    "degree fahrenheit": ("measure", "degree Fahrenheit", 1, None),
    "degree Fahrenheit": ("measure", "degree Fahrenheit", 1, None),
    "degree Celsius": ("measure", "degree Celsius", 1, None),
    # quantext names accelerations "<length> per second squared" (units.tsv).
    "kilometre per square second": ("measure", "kilometre per second squared", 1, None),
    "dozen": ("count", None, 12, None),
    "baker's dozen": ("count", None, 13, None),
    "gross": ("count", None, 144, None),
    "count per week": ("count", None, 1, "week"),
}

COMPOUND = (
    'a compound amount ("twenty-one years and six months") is one quantity in quantext, in the '
    "first unit (21.5 years; docs/semantics.md, Compound amounts)"
)

Q3_OVERRIDES = {
    # (id, surface or None for the whole document) => (action, reason)
    ("quantities#3", "2"): ("drop", '"Voyager 2" is a name: ' + IDENTIFIER),
    ("quantities#3", "1979"): ("drop", "a year: quantext leaves years out by default"),
    ("quantities#4", "101"): ("drop", '"English 101" is a course number: ' + IDENTIFIER),
    ("quantities#25", "1960"): ("drop", 'a year ("the 1960s"): quantext leaves years out by default'),
    ("quantities#47", "32"): ("drop", '"South 32 Ltd" is a company name: ' + IDENTIFIER),
    ("quantities#55", "2013"): ("drop", "a year: quantext leaves years out by default"),
    ("quantities#61", "860"): ("drop", '"Core i7 860" is a model number: ' + IDENTIFIER),
    ("quantities#63", "2005"): ("drop", "a year: quantext leaves years out by default"),
    ("quantities#63", "2011"): ("drop", "a year: quantext leaves years out by default"),
    ("quantities.ambiguity#5", "9031"): ("drop", '"Bahco 9031" is a product number: ' + IDENTIFIER),
    ("quantities#10", "twenty-one years"): ("drop", COMPOUND),
    ("quantities#10", "six months"): ("drop", COMPOUND),
    ("quantities#17", "3 years"): ("drop", COMPOUND),
    ("quantities#17", "2 months"): ("drop", COMPOUND),
    ("quantities#17", "14 days"): ("drop", COMPOUND),
    ("quantities#17", "16 hours"): ("drop", COMPOUND),
    ("quantities#74", None): ("move", '"pm" after a number is never picometres in quantext (units.tsv)'),
    ("quantities#75", None): ("move", '"pm" after a number is never picometres in quantext (units.tsv)'),
    ("quantities#76", None): ("move", '"am" after a number is never attometres in quantext (units.tsv)'),
}


# Quantities quantulum3 does not list but quantext's documented semantics report: (id, surface) =>
# (asserted fields, reason). Added as detection + kind + unit only.
Q3_ADDITIONS = {
    # The sum is given in the largest unit that writes it exactly (here hours): kind only.
    ("quantities#17", "3 years, 2 months, 14 days, and 16 hours"): ({"kind": "measure"}, COMPOUND),
    ("quantities#10", "twenty-one years and six months"): (
        {"kind": "measure", "unit": {"name": "year"}},
        COMPOUND,
    ),
    ("quantities#2", "at least several hundred years"): (
        {"kind": "measure", "unit": {"name": "year"}},
        'quantulum3 lists nothing here; "several hundred" is a vague quantity in quantext (vague.tsv: '
        "[300, 1000) years, lower inclusive with \"at least\")",
    ),
}


def q3_quantity(text: str, e: dict) -> dict:
    q = span_fields(text, e["span"][0], e["span"][1])
    unit = e["unit"]
    if unit in QUANTULUM_UNITS:
        kind, name, factor, per = QUANTULUM_UNITS[unit]
    elif unit == "cubic centimetre" and re.search(r"ml\b", e["surface"], re.I):
        kind, name, factor, per = "measure", "millilitre", 1, None
    else:
        kind, name, factor, per = "measure", unit, 1, None
    if not (kind == "count" and unit == "dimensionless" and FRACTION_RE.search(e["surface"])):
        q["kind"] = kind  # a bare fraction asserts no kind: quantext may read it as a ratio (R2)
    q["unit"] = {"name": name} if name else None
    if per:
        q["per"] = per
    value = e["value"] * factor
    if e.get("uncertainty") is not None and e.get("lower") is not None:
        q["lower"] = bound(e["lower"] * factor, True)
        q["upper"] = bound(e["upper"] * factor, True)
        if re.search(r"±|\+/-", e["surface"]):
            q["value"] = clean(value)
        else:
            q["value"] = None
    else:
        q["value"] = clean(value)
    return q


def convert_quantulum(shared: Path, sink: Sink) -> None:
    used = set()
    for rec in read_jsonl(shared / "dev" / Q3 / "cases.jsonl"):
        text = rec["text"]
        stem, index = rec["id"].rsplit("#", 1)
        source = f"{Q3_PEER}:{rec['source_file']}#{index}"
        name = "needs_classifier" if rec["needs_classifier"] else "quantities"
        whole = Q3_OVERRIDES.get((rec["id"], None))
        if whole:
            used.add((rec["id"], None))
            sink.differ(
                Q3,
                {
                    "source": source,
                    "text": text,
                    "moved": True,
                    "peer": rec["expected"],
                    "reason": whole[1],
                },
            )
            continue
        quantities = []
        for e in rec["expected"]:
            ov = Q3_OVERRIDES.get((rec["id"], e["surface"]))
            if ov:
                used.add((rec["id"], e["surface"]))
                sink.differ(
                    Q3,
                    {
                        "source": source,
                        "text": text,
                        "dropped": span_fields(text, e["span"][0], e["span"][1]),
                        "peer": e,
                        "reason": ov[1],
                    },
                )
                continue
            quantities.append(q3_quantity(text, e))
        for (qid, surface), (fields, reason) in Q3_ADDITIONS.items():
            if qid != rec["id"]:
                continue
            used.add((qid, surface))
            at = text.index(surface)
            q = span_fields(text, at, at + len(surface))
            q.update(fields)
            quantities.append(q)
            sink.differ(Q3, {"source": source, "text": text, "added": q, "peer": rec["expected"],
                             "reason": reason})
        sink.add(Q3, name, doc(text, quantities, source))
    missing = (set(Q3_OVERRIDES) | set(Q3_ADDITIONS)) - used
    if missing:
        raise SystemExit(f"unused quantulum3 overrides (peer data changed?): {sorted(missing)}")


# --------------------------------------------------------------------------------------------------
# Duckling

DK_MONEY = {
    "$": ("USD", 1),
    "£": ("GBP", 1),
    "cent": ("USD", 0.01),
    "unknown": (None, 1),
    "dinar": (None, 1),
    "riyal": (None, 1),
    "rial": (None, 1),
}

DK_MEASURE_UNITS = {
    "m": "metre",
    "celsius": "degree Celsius",
    "fahrenheit": "degree Fahrenheit",
    "degree": "degree",
}

# Written units, for D5. (our name, family, factor to the family's base in Duckling's own terms)
_L = r"(?<![A-Za-z])"  # a unit starts a word or follows a digit ("500000mg")
_R = r"(?![A-Za-z])"
WRITTEN_UNITS = [
    (_L + r"(milligrams?|mg)" + _R, "milligram", "mass", 0.001),
    (_L + r"(kilograms?|kgs?|k\.gs?\.?)" + _R, "kilogram", "mass", 1000),
    (_L + r"(grams?|gs?|g\.)" + _R, "gram", "mass", 1),
    (_L + r"(pounds?|lbs?)" + _R, "pound", "mass-lb", 1),
    (_L + r"(ounces?|oz)" + _R, "ounce", "mass-oz", 1),
    (_L + r"cups?" + _R, "cup", "cup", 1),
    (_L + r"(sec|secs|seconds?)" + _R + r"|\d\s*\"", "second", "time", 1),
    (_L + r"(min|mins|minutes?)" + _R + r"|\d\s*'", "minute", "time", 60),
    (_L + r"(h|hrs?|hours?)" + _R, "hour", "time", 3600),
    (_L + r"days?" + _R, "day", "time", 86400),
    (_L + r"weeks?" + _R, "week", "time", 604800),
    (_L + r"months?" + _R, "month", "time", 30 * 86400),
    (_L + r"years?" + _R, "year", "time", 365 * 86400),
    (_L + r"(kms?|kilomet(er|re)s?)" + _R, "kilometre", "length", 1000),
    (_L + r"(cm|centimet(er|re)s?)" + _R, "centimetre", "length", 0.01),
    (_L + r"(mm|millimet(er|re)s?)" + _R, "millimetre", "length", 0.001),
    (_L + r"(m|met(er|re)s?)" + _R, "metre", "length", 1),
    (_L + r"(mi|miles?)" + _R, "mile", "length", 1609.344),
    (_L + r"(in|inch|inches)" + _R + r"|\d\s*(''|\")", "inch", "length", 0.0254),
    (_L + r"(ft|foot|feet)" + _R + r"|\d\s*'(?!')", "foot", "length", 0.3048),
    (_L + r"(yds?|yards?)" + _R, "yard", "length", 0.9144),
    (_L + r"(millilit(er|re)s?|mls?)" + _R, "millilitre", "volume", 0.001),
    (_L + r"(hectolit(er|re)s?)" + _R, "hectolitre", "volume", 100),
    (_L + r"(lit(er|re)s?|l)" + _R, "litre", "volume", 1),
    (_L + r"(gallons?|gals?)" + _R, "gallon", "volume-gal", 1),
]

DK_PEER_FACTORS = {
    ("mass", "gram"): 1,
    ("time", "second"): 1,
    ("time", "minute"): 60,
    ("time", "hour"): 3600,
    ("time", "day"): 86400,
    ("time", "week"): 604800,
    ("time", "month"): 30 * 86400,
    ("time", "quarter"): 90 * 86400,
    ("time", "year"): 365 * 86400,
}

NUMBER_WORD = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty)\b|\d",
    re.I,
)

LOWER_EXCL = re.compile(r"\b(more than|over|above|exceeding|greater than|higher than)\b", re.I)
LOWER_INCL = re.compile(r"\b(at least|no less than|minimum|min\.?)\b", re.I)
UPPER_EXCL = re.compile(r"\b(less than|under|below|lower than|fewer than)\b", re.I)
UPPER_INCL = re.compile(r"\b(at most|no more than|up to|maximum|max\.?)\b", re.I)

DK_OVERRIDES = {
    # (dimension, locale, text) => (action, reason[, payload])
    ("AmountOfMoney", "EN", "ten pounds"): (
        "move",
        'a plain "pounds" is mass in quantext (currencies.tsv); the peer reads GBP',
    ),
    ("Duration", "EN", "2m"): ("move", '"2m" is 2 metres in quantext (units.tsv "m"); the peer reads minutes'),
    ("Duration", "EN", "2 m"): ("move", '"2 m" is 2 metres in quantext (units.tsv "m"); the peer reads minutes'),
    ("Duration", "EN", '1"'): (
        "set",
        '1" is 1 inch in quantext (a quote mark after a number is inches, as in the peer\'s own Distance '
        'corpus: 5"); the peer reads 1 second',
        {"kind": "measure", "value": 1, "unit": {"name": "inch"}},
    ),
    ("Duration", "EN", "2'"): (
        "set",
        "2' is 2 feet in quantext (a single quote mark after a number is feet, as in the peer's own "
        "Distance corpus: 2 yd 7'); the peer reads 2 minutes",
        {"kind": "measure", "value": 2, "unit": {"name": "foot"}},
    ),
    ("Duration", "EN", "3 quarters"): (
        "move",
        '"3 quarters" is the fraction 3/4 in quantext (numbers.tsv); the peer reads 3 quarter-years',
    ),
    ("Distance", "EN", "3k"): ("move", '"3k" is the number 3000 in quantext (numbers.tsv "k"); the peer reads 3 km'),
    ("Numeral", "EN", "30 l"): ("move", '"30 l" is 30 litres in quantext; the peer reads 30 lakh'),
    ("Numeral", "EN", "a few"): (
        "move",
        '"a few" is vague ([2,10), vague.tsv) and only a quantity before a noun in quantext; the peer reads 3',
    ),
    ("Numeral", "EN", "few"): (
        "move",
        '"few" is vague ([2,10), vague.tsv) and only a quantity before a noun in quantext; the peer reads 3',
    ),
    ("Numeral", "EN", "a couple"): (
        "move",
        '"a couple" is vague ([2,3), vague.tsv) and only a quantity before a noun in quantext; the peer reads 2',
    ),
    ("Numeral", "EN", "a couple of"): (
        "move",
        '"a couple of" is vague ([2,3), vague.tsv) and only a quantity before a noun in quantext; the peer reads 2',
    ),
    ("AmountOfMoney", "EN", "7-9 lakh rupees"): (
        "set",
        'the peer gives from = 7 (its "lakh" applies to 9 only); quantext reads 700000-900000 INR',
        {"kind": "money", "value": None, "lower": {"value": 700000, "inclusive": True},
         "upper": {"value": 900000, "inclusive": True}, "unit": {"name": "INR"}},
    ),
}
for _t in ("five", "5", "about 5", "7.2", "7.20000"):
    DK_OVERRIDES[("AmountOfMoney", "EN", _t)] = (
        "move",
        "a latent amount of money (a bare number); quantext never reads a bare number as money: a count",
    )
for _loc in ("EN_AU", "EN_BZ", "EN_CA", "EN_GB", "EN_IE", "EN_IN", "EN_JM", "EN_NZ", "EN_PH", "EN_TT",
             "EN_US", "EN_ZA"):
    for _t in ("quarter", "a quarter", "four quarters"):
        DK_OVERRIDES[("AmountOfMoney", _loc, _t)] = (
            "move",
            f'"{_t}": "quarter" is the fraction 1/4 in quantext (numbers.tsv), not a 25-cent coin',
        )


def written_units(text: str) -> list[tuple[str, str, float, int]]:
    found = []
    taken: list[tuple[int, int]] = []
    for pattern, name, family, factor in WRITTEN_UNITS:
        for m in re.finditer(pattern, text, re.I):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            found.append((name, family, factor, e))
    return found


def dk_measure(dimension: str, exp: dict, text: str) -> tuple[dict, list, float]:
    """kind/unit/value (or bounds) for a Duckling measure, with notes (D5)."""
    unit = exp["unit"]
    name = DK_MEASURE_UNITS.get(unit, unit)
    notes = []
    q: dict = {"kind": "measure"}
    if dimension == "Quantity" and unit == "unnamed":
        q = {"kind": "count", "unit": None}
        name = None
    units = written_units(text) if dimension in ("Quantity", "Duration", "Distance", "Volume") else []
    distinct = sorted({u[0] for u in units})
    family = {"gram": "mass", "second": "time", "minute": "time", "hour": "time", "day": "time",
              "week": "time", "month": "time", "quarter": "time", "year": "time"}.get(unit)
    factor = 1.0
    if len(distinct) > 1 or (
        units and NUMBER_WORD.search(text[max(u[3] for u in units):]) and exp["type"] == "value"
    ):
        notes.append(f"compound; peer: {json.dumps(exp, ensure_ascii=False)}")
        return q, notes, 1.0
    if len(distinct) == 1 and family and units[0][1] == family:
        written = units[0]
        factor = DK_PEER_FACTORS[(family, unit)] / written[2]
        name = written[0]
    if name is not None:
        q["unit"] = {"name": name}
    if factor != 1:
        notes.append(f"value converted to the written unit; peer: {json.dumps(exp, ensure_ascii=False)}")
    return q, notes, factor


def dk_interval(q: dict, exp: dict, text: str, factor: float) -> None:
    lo = exp.get("from")
    hi = exp.get("to")
    between = exp.get("bound") == "between"
    lower = upper = None
    if lo is not None:
        incl = True if between else (False if LOWER_EXCL.search(text) else (True if LOWER_INCL.search(text) else None))
        lower = bound(lo * factor, incl)
    if hi is not None:
        incl = True if between else (False if UPPER_EXCL.search(text) else (True if UPPER_INCL.search(text) else None))
        upper = bound(hi * factor, incl)
    q["lower"] = lower
    q["upper"] = upper
    q["value"] = None if (lower and upper) else (lower or upper)["value"]


def convert_duckling(shared: Path, sink: Sink) -> None:
    per_source: dict[str, int] = defaultdict(int)
    used = set()
    for rec in read_jsonl(shared / "dev" / DK / "cases.jsonl"):
        dim, loc, section, text = rec["dimension"], rec["locale"], rec["section"], rec["text"]
        index = per_source[rec["source"]]
        per_source[rec["source"]] += 1
        source = f"{DK_PEER}:{rec['source']}#{index}"
        exp = rec["expected"]
        full = {"text": text, "start": 0, "end": len(text.encode("utf-8"))}
        name = dim
        if dim == "AmountOfMoney" and loc != "EN":
            name = "AmountOfMoney_regional"
        notes: list = []
        if section == "negative":
            sink.add(DK, name, doc(text, [], source))
            continue
        if section == "intersect":
            # A token-count test without spans or values: nothing a gold file can score (an empty
            # "quantities" list would wrongly read as a negative). Kept in analyzer.json.
            sink.analyzer.append({"source": source, "dimension": dim, "text": text, "peer": exp})
            continue
        if section == "range":
            s, e = exp["span"]
            q = span_fields(text, s, e)
            q["kind"] = {"Numeral": "count", "AmountOfMoney": "money"}.get(dim, "measure")
            notes.append(f"{dim} range test: exactly one token, at this span")
            sink.add(DK, name, doc(text, [q], source, notes=notes))
            continue
        ov = DK_OVERRIDES.get((dim, loc, text))
        if ov:
            used.add((dim, loc, text))
            if ov[0] == "move":
                sink.differ(DK, {"source": source, "text": text, "moved": True, "peer": exp, "reason": ov[1]})
                continue
        q = dict(full)
        factor = 1.0
        if dim == "Numeral":
            q["value"] = clean(exp["value"])
            if section != "surround_first_token":
                if not FRACTION_RE.search(text):
                    q["kind"] = "count"  # a fraction ("1/5") asserts no kind (R2)
                q["unit"] = None
            else:
                notes.append("a numeral inside a unit expression: value only (D4)")
        elif dim == "Ordinal":
            q["kind"] = "ordinal"
            q["value"] = clean(exp["value"])
        elif dim == "AmountOfMoney":
            unit = exp["unit"]
            code, factor = DK_MONEY.get(unit, (unit, 1))
            if unit == "cent" and re.search(r"penn(y|ies)|pence", text, re.I):
                code = "GBP"
            q["kind"] = "money"
            if loc == "EN" and code:
                q["unit"] = {"name": code}
            if exp["type"] == "value":
                q["value"] = clean(exp["value"] * factor)
            else:
                dk_interval(q, exp, text, factor)
        else:
            fields, notes2, factor = dk_measure(dim, exp, text)
            notes += notes2
            q.update(fields)
            if not any(n.startswith("compound") for n in notes2):
                if exp["type"] == "value":
                    q["value"] = clean(exp["value"] * factor)
                else:
                    dk_interval(q, exp, text, factor)
        if ov and ov[0] == "set":
            new = dict(ov[2])
            new.update(full)
            sink.differ(DK, {"source": source, "text": text, "replaced": new, "peer": exp, "reason": ov[1]})
            q = new
        sink.add(DK, name, doc(text, [q], source, notes=notes))
    missing = set(DK_OVERRIDES) - used
    if missing:
        raise SystemExit(f"unused Duckling overrides (peer data changed?): {sorted(missing)}")


# --------------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("shared", nargs="?", default=str(REPO.parent / "shared"), help="the shared/ folder")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "dev").is_dir():
        print(f"no dev/ folder under {shared}", file=sys.stderr)
        return 2
    sink = Sink()
    convert_recognizers(shared, sink)
    convert_quantulum(shared, sink)
    convert_duckling(shared, sink)
    # Remove our previous outputs so renamed files do not linger (README.md is kept).
    for suite in (RT, Q3, DK):
        d = OUT / suite
        if d.is_dir():
            for p in d.iterdir():
                if p.suffix in (".jsonl", ".json"):
                    p.unlink()
    counts = sink.write()
    for suite in (RT, Q3, DK):
        shutil.copyfile(shared / "dev" / suite / "LICENSE", OUT / suite / "LICENSE")
    for rel, (ndocs, nq) in counts.items():
        print(f"{rel}\t{ndocs} documents\t{nq} quantities")
    for suite, entries in sorted(sink.diffs.items()):
        print(f"{suite}/differences.json\t{len(entries)} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
