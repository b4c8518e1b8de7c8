"""Tests for newsprism.extract.wordpieces and the framing term built on it (invented text)."""

from __future__ import annotations

import json
import struct

import numpy as np
import pytest

from newsprism import nlp
from newsprism.errors import ModelNotInstalled
from newsprism.extract import framing, wordpieces
from newsprism.extract import framing_score as model
from newsprism.model import Quote, Speaker


@pytest.fixture(scope="module")
def pipeline():
    return nlp.load()


def tiny(pieces: list[str]) -> wordpieces.WordPieces:
    """A made-up vocabulary with a 2-wide table (row i = [i, 1])."""
    vocab = {p: i for i, p in enumerate(["[UNK]", *pieces])}
    table = np.array([[float(i), 1.0] for i in range(len(vocab))], dtype=np.float32)
    return wordpieces.WordPieces(vocab, table, "test")


def test_greedy_longest_match_with_continuation_pieces():
    wp = tiny(["un", "##aff", "##able", "##a", "aff", "run", "##ning", ",", "'", "s"])
    assert wp.pieces("unaffable") == ["un", "##aff", "##able"]
    assert wp.pieces("Running,") == ["run", "##ning", ","]  # lower-cased, comma split off
    assert wp.pieces("Runner's") == ["[UNK]", "'", "s"]  # no piece for "##ner": whole word
    assert wp.pieces("x" * (wordpieces.MAX_WORD_CHARS + 1)) == ["[UNK]"]
    assert wp.ids(" ") == () and wp.ids("") == ()
    vectors, counts = wp.vectors(["unaffable", " ", "run"])
    assert counts.tolist() == [3, 0, 1]
    assert vectors.tolist() == [[1 + 2 + 3, 3], [0, 0], [6, 1]]


def test_basic_words_lowercase_strip_accents_split_punctuation():
    assert wordpieces.basic_words("Café-Zürich!") == ["cafe", "-", "zurich", "!"]
    assert wordpieces.basic_words("U.S.") == ["u", ".", "s", "."]
    assert wordpieces.basic_words("a\u200bb 12%") == ["ab", "12", "%"]  # control char dropped
    # printable ASCII takes a shortcut; tabs and control characters take the full path
    assert wordpieces.basic_words("Don't-stop! (x_y)") == [
        "don", "'", "t", "-", "stop", "!", "(", "x", "_", "y", ")"]
    assert wordpieces.basic_words("a\tb\x01c") == ["a", "bc"]


def test_read_tensor_from_a_handmade_safetensors_file(tmp_path):
    data = np.arange(6, dtype="<f4").reshape(3, 2)
    other = np.zeros(4, dtype="<f4")
    header = {"__metadata__": {"format": "pt"},
              "other": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
              "emb": {"dtype": "F32", "shape": [3, 2], "data_offsets": [16, 40]}}
    raw = json.dumps(header).encode()
    path = tmp_path / "t.safetensors"
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + other.tobytes() + data.tobytes())
    assert wordpieces.read_tensor(path, "emb").tolist() == data.tolist()
    with pytest.raises(ModelNotInstalled):
        wordpieces.read_tensor(path, "missing")


def test_shipped_table_splits_words():
    wp = wordpieces.load()
    assert wp.width == 384 and len(wp.table) == len(wp.vocab)
    assert wp.pieces("Café") == ["cafe"]
    assert wp.pieces("harbourmaster") == ["harbour", "##master"]
    assert wp.pieces("☃") == ["[UNK]"]
    # the pieces spell the word (lower-cased, accents stripped)
    for word in ("unbelievably", "Zürich", "councillors"):
        joined = "".join(p.removeprefix("##") for p in wp.pieces(word))
        assert joined == wordpieces.basic_words(word)[0]


def test_context_projection_keeps_one_cache_per_text():
    """The framing term memoises its projection per token text; the table's own id cache
    is not filled a second time for the same texts."""
    wp = wordpieces.load()
    ctx = model.Context(tuple([0.001] * wp.width), 0.0, wordpieces.PACKAGE, wp.version)
    word = "harbourmasterly"  # made up: no other test projects it
    assert wp.split(word) == wp.split(word) and len(wp.split(word)) > 1
    wp._ids.pop(word, None)
    values, counts = ctx.project([word])
    assert counts.tolist() == [len(wp.split(word))]
    assert values[0] == pytest.approx(float(wp.table[list(wp.split(word))].sum() * 0.001), rel=1e-4)
    assert word in ctx._memo and word not in wp._ids
    assert wp.ids(word) == wp.split(word)  # the cached path gives the same ids


def test_shares_sum_to_the_term_and_use_the_table(pipeline):
    w = model.default_weights()
    assert w.context is not None and w.context.vectors == wordpieces.PACKAGE
    doc = pipeline("The ferry operator raised fares again this winter, angering commuters.")
    found = framing.sentence_hits(doc)[0]
    idx, shares = found.token_terms(w.context)
    assert len(idx) and shares.sum() == pytest.approx(framing.context_term(found))
    # each share is (u . v_t - offset * k_t) / N, straight from the table
    words = [found.doc_tokens.words[i] for i in idx]
    vectors, counts = wordpieces.load().vectors(words)
    expect = (vectors.astype(np.float64) @ np.array(w.context.weights)
              - w.context.offset * counts) / counts.sum()
    assert shares == pytest.approx(expect, abs=1e-5)
    # and the term is the weights applied to the mean piece vector
    total, n = found.pooled()
    assert n == counts.sum()
    assert w.context.term(total / n) == pytest.approx(framing.context_term(found), abs=1e-5)


def quote_around(text: str, inner: str) -> list[Quote]:
    start = text.index(inner) - 1
    return [Quote(start, start + len(inner) + 2, text[start:start + len(inner) + 2], "direct",
                  Speaker("Ana Lindqvist", 0, 1), None)]


def test_a_quoted_word_contributes_nothing(pipeline):
    """The outlet's term does not change with the words inside a speech quote."""
    base = ('Ana Lindqvist called the ferry timetable "{}" at the harbour meeting, '
            "and the board promised to review the timetable before the spring season.")
    terms = []
    for inner in ("a total disgrace", "a modest change"):
        text = base.format(inner)
        doc = pipeline(text)
        found = framing.sentence_hits(doc, quote_around(text, inner))
        assert len(found) == 1
        idx, shares = found[0].token_terms(model.default_weights().context)
        counted = {found[0].doc_tokens.words[i] for i in idx}
        assert not counted & set(inner.split()[1:])
        terms.append(framing.context_term(found[0]))
    assert terms[0] == pytest.approx(terms[1], abs=1e-9)


def test_clear_error_when_the_package_is_missing(monkeypatch):
    monkeypatch.setattr(wordpieces.importlib.util, "find_spec", lambda name: None)
    wordpieces.load.cache_clear()
    try:
        with pytest.raises(ModelNotInstalled, match=wordpieces.PACKAGE):
            wordpieces.load()
        fresh = model.Context((0.0,) * 384, 0.0, wordpieces.PACKAGE, wordpieces.PACKAGE_VERSION)
        with pytest.raises(ModelNotInstalled, match=wordpieces.PACKAGE):
            fresh.project(["harbour"])
    finally:
        wordpieces.load.cache_clear()


def test_weights_for_another_table_are_refused():
    other = model.Context((0.0,) * 4, 0.0, wordpieces.PACKAGE, wordpieces.PACKAGE_VERSION)
    with pytest.raises(ModelNotInstalled, match="refit"):
        other.project(["harbour"])
