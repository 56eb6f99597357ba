"""Notebook display: Quantity._repr_html_ and highlight(), escaped."""

from __future__ import annotations

import html
import re

import quantext as qx

ISSUE_TEXT = "Officials seized more than 27,000 pounds, about 4 million pills a day."


def test_highlight_marks_every_quantity_with_its_reading() -> None:
    h = qx.highlight(ISSUE_TEXT)
    assert isinstance(h, qx.Highlight)
    out = h._repr_html_()
    marks = re.findall(r'<mark [^>]*title="([^"]*)"[^>]*>(.*?)<span', out)
    found = qx.extract(ISSUE_TEXT)
    assert [html.unescape(t) for _, t in marks] == [q.text for q in found]
    for (title, _), q in zip(marks, found):
        assert str(q) in html.unescape(title)
    # The text outside the marks is all there.
    assert _visible_text(out) == ISSUE_TEXT
    assert str(h) == (
        "Officials seized [more than 27,000 pounds], [about 4 million pills a day]."
    )


def test_highlight_escapes_the_text() -> None:
    text = '<script>alert("x")</script> seized more than 27,000 pounds & <b>5 km</b> \'q\''
    out = qx.highlight(text)._repr_html_()
    assert "<script>" not in out and "</script>" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out and "&amp;" in out
    assert _visible_text(out) == text


def _visible_text(out: str) -> str:
    without_labels = re.sub(r"<span[^>]*>[A-Z]+</span>", "", out)
    return html.unescape(re.sub(r"<[^>]+>", "", without_labels))


def test_highlight_escapes_the_title() -> None:
    # A custom unit whose name would break out of the title attribute.
    unit: qx.UnitSpec = {
        "name": 'zz"><script>',
        "dimension": "length",
        "si_unit": "m",
        "si_factor": 1.0,
        "words": ["zorks"],
    }
    out = qx.highlight("It is 5 zorks long.", units=[unit])._repr_html_()
    assert "<script>" not in out
    assert "&quot;&gt;&lt;script&gt;" in out


def test_quantity_repr_html_escapes() -> None:
    q = qx.parse("more than 27,000 pounds")
    out = q._repr_html_()
    assert "<mark" in out and "more than 27,000 pounds" in out and str(q) in out
    unit: qx.UnitSpec = {"name": "<i>zork</i>", "dimension": "length", "words": ["zorks"]}
    z = qx.extract("5 zorks", units=[unit])
    assert z and "<i>" not in z[0]._repr_html_()
