"""Tests for newsprism.repair: each repair kind, negatives, and the offset map."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.model import Repair
from newsprism.repair import Repaired, repair

FIXTURES = Path(__file__).parent / "fixtures" / "repair"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_NOISY = SEEDS / "000_f73b811785e2215b.txt"
SEED_CLEAN = SEEDS / "003_78557f209d958fe5.txt"


def _read(name: str) -> str:
    return (FIXTURES / name).read_text("utf-8")


def _apply(original: str, repairs: tuple[Repair, ...]) -> str:
    out, pos = [], 0
    for r in repairs:
        out.append(original[pos : r.start])
        out.append(r.after)
        pos = r.end
    out.append(original[pos:])
    return "".join(out)


def _find(res: Repaired, kind: str, before: str, at: int) -> Repair:
    """The repair of ``kind`` starting at ``at``; fails with the list if absent."""
    for r in res.repairs:
        if r.kind == kind and r.start == at:
            assert r.before == before
            assert res.original[r.start : r.end] == before
            return r
    raise AssertionError(f"no {kind} repair at {at}: {res.repairs}")


def _check_invariants(res: Repaired) -> None:
    prev_end = 0
    for r in res.repairs:
        assert res.original[r.start : r.end] == r.before
        assert r.before and r.after and r.before != r.after
        assert r.start >= prev_end
        prev_end = r.end
    assert _apply(res.original, res.repairs) == res.text


# ---------------------------------------------------------------- each kind


@pytest.fixture(scope="module")
def noisy() -> Repaired:
    return repair(_read("noisy_council.txt"))


def test_noisy_fixture_invariants(noisy: Repaired) -> None:
    _check_invariants(noisy)


def test_spacing_after_comma(noisy: Repaired) -> None:
    at = noisy.original.index("docks,with") + len("docks")
    r = _find(noisy, "spacing", ",", at)
    assert r.after == ", "
    assert "docks, with" in noisy.text


def test_spelling_with_context(noisy: Repaired) -> None:
    at = noisy.original.index("ther were")
    assert _find(noisy, "spelling", "ther", at).after == "there"
    at = noisy.original.index("teh mayor")
    assert _find(noisy, "spelling", "teh", at).after == "the"
    at = noisy.original.index("becuase")
    assert _find(noisy, "spelling", "becuase", at).after == "because"


def test_case_name_from_article_evidence(noisy: Repaired) -> None:
    at = noisy.original.index("okafor")
    assert _find(noisy, "case_name", "okafor", at).after == "Okafor"


def test_case_name_multiword(noisy: Repaired) -> None:
    at = noisy.original.index("harbour Authority")
    assert _find(noisy, "case_name", "harbour", at).after == "Harbour"


def test_case_sentence(noisy: Repaired) -> None:
    at = noisy.original.index("plan. the harbour") + len("plan. ")
    assert _find(noisy, "case_sentence", "the", at).after == "The"
    at = noisy.original.index("safe. the work") + len("safe. ")
    assert _find(noisy, "case_sentence", "the", at).after == "The"
    assert _find(noisy, "case_sentence", "riverton", 0).after == "Riverton"


def test_lower_case_mid_sentence_common_words_stay(noisy: Repaired) -> None:
    # "the harbour authority" (after the fixed sentence start) has no capitalised
    # neighbour, so it is left alone.
    at = noisy.original.index("harbour authority")
    assert all(r.start != at for r in noisy.repairs)


def test_possessive(noisy: Repaired) -> None:
    at = noisy.original.index("CouncilS")
    r = _find(noisy, "possessive", "CouncilS", at)
    assert r.after == "Council's"  # the fixture uses straight apostrophes
    assert len(r.after) == len(r.before) + 1


def test_mojibake_is_local(noisy: Repaired) -> None:
    at = noisy.original.index("â€™")
    r = _find(noisy, "mojibake", "â€™", at)
    assert r.after == "’"
    assert "don’t expect" in noisy.text


def test_spans_after_repairs_map_back(noisy: Repaired) -> None:
    start = noisy.text.index("Harbour Authority offices")
    ostart, oend = noisy.to_original(start, start + len("Harbour Authority offices"))
    assert noisy.original[ostart:oend] == "harbour Authority offices"
    start = noisy.text.index("expect delays")
    ostart, oend = noisy.to_original(start, start + len("expect delays"))
    assert noisy.original[ostart:oend] == "expect delays"


def test_curly_apostrophe_style_is_kept() -> None:
    text = "The City’s mayor spoke. Later the CityS budget was cut, said the City’s staff."
    res = repair(text)
    r = _find(res, "possessive", "CityS", text.index("CityS"))
    assert r.after == "City’s"


def test_place_lexicon_and_stoplist() -> None:
    res = repair("Officials flew from paris to meet the council after a hot bath.")
    assert [(r.before, r.after, r.kind) for r in res.repairs] == [("paris", "Paris", "case_name")]


def test_known_first_name_before_surname() -> None:
    text = "The report was signed by Mayor Jane smith, and Smith later defended it."
    res = repair(text)
    assert _find(res, "case_name", "smith", text.index("smith")).after == "Smith"


def test_surname_after_abbreviated_title() -> None:
    text = "Dr. okafor spoke first. Later the panel thanked Okafor for her work."
    res = repair(text)
    assert _find(res, "case_name", "okafor", text.index("okafor")).after == "Okafor"


def test_spacing_after_full_stop_before_capital() -> None:
    text = "The vote was done.The council then adjourned."
    res = repair(text)
    assert _find(res, "spacing", ".", text.index(".The")).after == ". "
    assert res.text == "The vote was done. The council then adjourned."


# ---------------------------------------------------------------- negatives


def test_negatives_untouched() -> None:
    res = repair(_read("negatives.txt"))
    assert res.repairs == ()
    assert res.text is res.original


def test_clean_paragraph_gets_zero_repairs() -> None:
    res = repair(_read("clean.txt"))
    assert res.repairs == ()
    assert res.text is res.original
    assert res.to_original(3, 40) == (3, 40)


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose to 9,000 units, up 1.5 per cent, at a 3:1 ratio by 10:30 today.",
        "The U.S. team met the U.K. delegation at 9 a.m. on Friday.",
        "Some bodies, e.g. the council, disagree; others, i.e. the mayor, agree.",
        "See www.example.org or mail info@example.com and example.com/path,page today.",
        'She called it "teh end" and ‘recieve’ in print.',
        "Sales of the iPhone rose. iPhone owners and eBay sellers were happy.",
        "Will Smith said that Smith will go. It may rain in May, said Mark Hope.",
        "The London Bridge was busy. london is big and paris is bigger.",
    ],
)
def test_specific_negatives(text: str) -> None:
    res = repair(text)
    _check_invariants(res)
    for r in res.repairs:
        # Only the two lexicon places in the last case may change.
        assert (r.before, r.after) in {("london", "London"), ("paris", "Paris")}


def test_non_english_text_gets_no_word_repairs() -> None:
    text = "Die Daten.Weder die Stadt noch die Bank haben die Daten verloren, sagt die Polizei."
    res = repair(text)
    assert [(r.before, r.kind) for r in res.repairs] == [(".", "spacing")]


def test_role_before_full_name_untouched() -> None:
    text = "The Founder Jeff Bezos Prize was given. Later, company founder Jeff Bezos spoke."
    assert repair(text).repairs == ()


def test_common_noun_after_name_untouched() -> None:
    text = "The American Farm Bureau said on Monday that American farm exports fell again."
    assert repair(text).repairs == ()


def test_hard_wrapped_lines_not_capitalised() -> None:
    text = "The council said on Monday that\nthe budget was final and would not change.\n"
    assert repair(text).repairs == ()
    text = "The plan was drawn up by engineers from the U.S.\nthe budget was approved later.\n"
    assert repair(text).repairs == ()


def test_mojibake_pound_sign_and_crlf_paragraphs() -> None:
    text = "The plan costs Â£12 million, officials said.\r\nthe vote is due in June this year."
    res = repair(text)
    _check_invariants(res)
    assert _find(res, "mojibake", "Â£", text.index("Â£")).after == "£"
    assert _find(res, "case_sentence", "the", text.index("the vote")).after == "The"


def test_empty_and_whitespace() -> None:
    for text in ("", " ", "\n\n"):
        res = repair(text)
        assert res.repairs == () and res.text is text
        assert res.to_original(0, len(text)) == (0, len(text))


# ---------------------------------------------------------------- offset map

_ALPHABET = [
    "a",
    "b",
    "Z",
    "x",
    " ",
    " ",
    "  ",
    ",",
    ".",
    ";",
    ":",
    '"',
    "'",
    "“",
    "”",
    "‘",
    "’",
    "1",
    "7",
    "\n",
    "â€™",
    "Ã©",
    "Â£",
    "city",
    "The",
    "the",
    "ther were",
    "teh",
    "CouncilS",
    "Council",
    "paris",
    "London,with",
    "done.The",
    "e.g.",
    "U.S.",
    "okafor",
    "Okafor",
    "Dana",
]


def _texts() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_ALPHABET), max_size=60).map("".join)


def _new_ranges(res: Repaired) -> list[tuple[int, int]]:
    out, shift = [], 0
    for r in res.repairs:
        start = r.start + shift
        shift += len(r.after) - len(r.before)
        out.append((start, r.end + shift))
    return out


@settings(max_examples=300, deadline=None)
@given(text=_texts(), data=st.data())
def test_offset_map_properties(text: str, data: st.DataObject) -> None:
    res = repair(text)
    _check_invariants(res)
    if not res.repairs:
        assert res.text == text
    n = len(res.text)
    s = data.draw(st.integers(0, n))
    e = data.draw(st.integers(s, n))
    os_, oe = res.to_original(s, e)
    assert 0 <= os_ <= oe <= len(text)
    # monotone in both ends
    s2 = data.draw(st.integers(s, n))
    e2 = data.draw(st.integers(max(e, s2), n))
    os2, oe2 = res.to_original(s2, e2)
    assert os_ <= os2 and oe <= oe2
    # a span touching no repair maps to exactly the same characters
    touches = any(ns < e and s < ne for ns, ne in _new_ranges(res))
    if not touches:
        assert text[os_:oe] == res.text[s:e]
    # the whole text maps to the whole original
    assert res.to_original(0, n) == (0, len(text))


def test_to_original_rejects_bad_spans(noisy: Repaired) -> None:
    with pytest.raises(ValueError):
        noisy.to_original(5, 2)
    with pytest.raises(ValueError):
        noisy.to_original(0, len(noisy.text) + 1)


def test_speed_of_clean_text() -> None:
    text = _read("clean.txt") * 6  # about 5 KB
    repair(text)
    t0 = time.perf_counter()
    for _ in range(10):
        repair(text)
    per_call = (time.perf_counter() - t0) / 10
    assert per_call < 0.05  # generous: the machine may be busy


# ---------------------------------------------------------------- real seeds


@pytest.mark.skipif(not SEED_NOISY.exists(), reason="shared seeds absent")
def test_seed_noisy_repairs() -> None:
    original = SEED_NOISY.read_text("utf-8")
    res = repair(original)
    _check_invariants(res)
    pairs = {(r.before, r.after) for r in res.repairs}
    # every comma glued between two words is spaced
    glued = [m.start() for m in re.finditer(r"(?<=[a-z]),(?=[a-z])", original)]
    spacing = [r.start for r in res.repairs if r.kind == "spacing" and r.before == ","]
    assert glued and set(glued) <= set(spacing)
    by_before = {r.before: r for r in res.repairs}
    assert ("ther", "there") in pairs
    assert original[by_before["ther"].end :].startswith(" were")
    assert ("khan", "Khan") in pairs
    assert by_before["MetS"].after in {"Met's", "Met’s"}
    assert ("metropolitan", "Metropolitan") in pairs
    assert original[by_before["metropolitan"].end :].startswith(" Police")
    assert by_before["london"].start == 0 and by_before["london"].after == "London"
    the = [r for r in res.repairs if r.before == "the" and r.after == "The"]
    assert the and all(original[r.start - 2 : r.start] == ". " for r in the)
    assert original[the[0].end :].startswith(" Met ")


@pytest.mark.skipif(not SEED_CLEAN.exists(), reason="shared seeds absent")
def test_seed_clean_untouched() -> None:
    res = repair(SEED_CLEAN.read_text("utf-8"))
    assert res.repairs == ()
    assert res.text is res.original


def test_day_and_month_names_are_capitalised_but_not_ambiguous_ones():
    text = "Crews left on friday, a week after the fire in november. The fair may open in march."
    r = repair(text)
    fixed = {(x.before, x.after, x.kind) for x in r.repairs}
    assert fixed == {("friday", "Friday", "case_name"), ("november", "November", "case_name")}
    for x in r.repairs:
        assert text[x.start : x.end] == x.before
