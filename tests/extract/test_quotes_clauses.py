"""Tests for newsprism.extract.quotes_clauses (the clause a cue reports) on invented sentences."""

from __future__ import annotations

from newsprism.extract.quotes_clauses import clause_bounds, reported_clauses
from newsprism.extract.quotes_cues import find_cues


def _clauses(nlp, text: str) -> dict[str, str]:
    """Each cue's text -> the text of the clause it reports."""
    doc = nlp(text)
    out = {}
    for lo, hi, hit in reported_clauses(doc, find_cues(doc)):
        out[doc[hit.first : hit.last + 1].text] = doc[lo : hi + 1].text
    return out


def test_that_clause_is_the_content(nlp):
    got = _clauses(nlp, "Mira Holt said that the pier would reopen in May.")
    assert got == {"said": "that the pier would reopen in May"}


def test_object_content_leaves_out_the_setting_of_the_report(nlp):
    got = _clauses(nlp, "The ferry union criticised the new timetable during a rally in Portwell.")
    assert got["criticised"] == "the new timetable"


def test_according_to_reports_the_rest_of_the_clause(nlp):
    got = _clauses(nlp, "According to the harbour master, the slipway needs new planks.")
    assert got["According to"] == "the slipway needs new planks"


def test_clause_bounds_trims_edge_punctuation_but_keeps_quote_marks(nlp):
    doc = nlp('He said: "the pier, the slipway," and left.')
    # tokens 2..9 are ': " the pier , the slipway ,' -> the colon and the final comma go
    assert clause_bounds(doc, 2, 9) == (3, 8)
    assert doc[3].text == '"' and doc[8].text == "slipway"
    assert clause_bounds(doc, 2, 2) is None  # only punctuation: no clause
