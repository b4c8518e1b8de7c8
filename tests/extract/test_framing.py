"""Tests for newsprism.extract.framing on invented text (and the shared seeds when present)."""

from __future__ import annotations

import json
import math
import re
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from newsprism import nlp, settings
from newsprism.extract import framing
from newsprism.extract import framing_score as model
from newsprism.model import Cue, Quote, Signal, Speaker

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "framing"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture(scope="module")
def pipeline():
    return nlp.load()


def quotes_in(text: str, speaker: str = "someone", kind: str = "direct") -> list[Quote]:
    """Quote objects for every double-quoted span (straight or curly) of ``text``."""
    out = []
    for m in re.finditer(r"“[^”]*”|\"[^\"]*\"", text):
        out.append(Quote(m.start(), m.end(), m.group(), kind, Speaker(speaker, 0, 1), None))
    return out


def signals_by_kind(sentences) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for sent in sentences:
        for sig in sent.signals:
            out.setdefault(sig.kind, []).append(sig.text)
    return out


@pytest.fixture(scope="module")
def article(pipeline):
    text = (FIXTURES / "article.txt").read_text("utf-8")
    doc = pipeline(text)
    quotes = quotes_in(text, speaker="The chief")
    return text, doc, quotes, framing.extract_sentences(doc, quotes)


def test_one_sentence_per_doc_sentence_and_offsets(article):
    text, doc, _, sentences = article
    assert len(sentences) == len(list(doc.sents))
    for sent, span in zip(sentences, doc.sents, strict=True):
        assert sent.start == span.start_char
        assert text[sent.start:sent.end] == span.text.rstrip()
        assert 0.0 <= sent.loaded <= 1.0
        for sig in sent.signals:
            assert text[sig.start:sig.end] == sig.text
            assert sent.start <= sig.start < sig.end <= sent.end


def test_signal_kinds(article):
    _, _, _, sentences = article
    found = signals_by_kind(sentences)
    assert {"soared", "slammed"} <= set(found["loaded"])
    assert "utterly" in found["intensifier"]
    assert {"so-called", "claimed"} <= set(found["doubt_cue"])
    assert found["possessive_frame"] == ["Mayor Jane Doe's Springfield"]
    assert "critics say" in found["vague_source"]
    assert "appeared to" in found["hedge"]
    assert found["discourse_push"] == ["Indeed", "Despite"]
    assert found["scare_quote"] == ["'experts'"]
    assert found["unattributed_claim"] == ["40 per cent"]


def test_despite_only_at_sentence_start(pipeline):
    sents = framing.extract_sentences(pipeline("He left despite the rain. Despite it all, he won."))
    kinds = [[s.kind for s in sent.signals] for sent in sents]
    assert "discourse_push" not in kinds[0]
    assert "discourse_push" in kinds[1]


def test_attributed_figure_is_not_a_claim(pipeline):
    doc = pipeline("Burglaries fell by 12 per cent, police said.\n\nRobberies rose by 40 per cent.")
    found = signals_by_kind(framing.extract_sentences(doc))
    assert found.get("unattributed_claim") == ["40 per cent"]


def test_ordinary_organisation_possessive_is_not_a_frame(pipeline):
    doc = pipeline("The Acme company's Springfield plant reopened. Oxfam's charity shop closed.")
    assert "possessive_frame" not in signals_by_kind(framing.extract_sentences(doc))


def test_putins_russia(pipeline):
    found = signals_by_kind(framing.extract_sentences(pipeline("Life in Putin's Russia is hard.")))
    assert found["possessive_frame"] == ["Putin's Russia"]


@pytest.mark.parametrize(("text", "frame"), [
    # the small pipeline calls this person FAC and runs the entity on over the town
    ("Life in Helen Osei's Riverton is hard.", "Helen Osei's Riverton"),
    # here it finds the person but leaves the town unlabelled
    ("Helen Osei's Riverton has changed.", "Helen Osei's Riverton"),
    # one PERSON entity over name, 's and town (curly apostrophe)
    ("Under Kwame Mensah’s Eastbridge, rents soared.", "Kwame Mensah’s Eastbridge"),
    ("Voters rejected Marta Kowalski's Harbour Board.", "Marta Kowalski's Harbour Board"),
])
def test_possessive_frame_despite_entity_labels(pipeline, text, frame):
    found = signals_by_kind(framing.extract_sentences(pipeline(text)))
    assert found.get("possessive_frame") == [frame]


@pytest.mark.parametrize("text", [
    "Helen Osei's report was late.",  # common-noun head
    "The council's budget was cut.",  # common-noun possessor
    "Helen Osei's Riverton office closed.",  # the place only modifies "office"
    "Helen Osei's Monday speech was short.",
    "Riverton Council's Springfield is broke.",  # an organisation's, not a person's
    "She was treated at St Mary's Hospital.",  # a name that holds a 's
    "The Riverton Fishermen's Guild met on Tuesday.",
])
def test_ordinary_possessives_are_not_frames(pipeline, text):
    found = signals_by_kind(framing.extract_sentences(pipeline(text)))
    assert "possessive_frame" not in found, found


def test_possessive_frame_without_a_parse(pipeline):
    with pipeline.select_pipes(disable=["parser"]):
        doc = pipeline("Life in Putin's Russia is hard. Helen Osei's report was late.")
    assert not doc.has_annotation("DEP")
    found = signals_by_kind(framing.extract_sentences(doc))
    assert found["possessive_frame"] == ["Putin's Russia"]


def test_quoted_loading_belongs_to_the_speaker(pipeline):
    quoted = 'The minister said: "This is an utterly disgraceful and shameful decision."'
    plain = "This is an utterly disgraceful and shameful decision, the minister said."
    q = quotes_in(quoted, speaker="The minister")
    inside = framing.extract_sentences(pipeline(quoted), q)
    outside = framing.extract_sentences(pipeline(plain))
    assert inside[0].signals and all(
        framing.voice_of(s, q) == "The minister" for s in inside[0].signals
    )
    threshold = settings.get("framing", "loaded_threshold")
    assert inside[0].loaded < threshold <= outside[0].loaded


def test_all_quoted_sentence_scores_zero(pipeline):
    text = '"This is an utterly disgraceful and shameful decision."'
    sents = framing.extract_sentences(pipeline(text), quotes_in(text))
    assert sents[0].signals and sents[0].loaded == 0.0


def test_quoted_tokens_are_not_counted(pipeline):
    text = 'The health minister told reporters on Monday: "This is a shameful decision."'
    doc = pipeline(text)
    found = framing.sentence_hits(doc, quotes_in(text))[0]
    counted = {doc[int(i)].text for i in found.counted()}
    assert {"minister", "told", "reporters"} <= counted
    assert not counted & {"shameful", "decision"}


def test_bare_attribution_is_too_little_outlet_voice_to_judge(pipeline):
    text = '"We will reopen the pier when it is safe to do so," she said.'
    doc = pipeline(text)
    found = framing.sentence_hits(doc, quotes_in(text))[0]
    assert len(found.counted()) == 0  # only "said" is a word of the outlet's own
    (sent,) = framing.extract_sentences(doc, quotes_in(text))
    assert sent.loaded == 0.0 and sent.reasons == ()


def test_scare_quotes_from_quotes_extractor_are_outlet_voice(pipeline):
    text = "The 'reform' was shameful."
    scare = [Quote(4, 12, "'reform'", "scare", None, None)]
    sents = framing.extract_sentences(pipeline(text), scare)
    assert [s.text for s in sents[0].signals if s.kind == "scare_quote"] == ["'reform'"]
    assert framing.voice_of(sents[0].signals[0], scare) is None
    assert sents[0].loaded > 0


def test_score_is_explained_by_words(pipeline):
    """The logit is the intercept, the signals' shares, the dampers and the tokens' shares;
    explain() names signals and the top context tokens with their spans."""
    w = model.default_weights()
    assert w.context is not None  # shipped in data/framing/context.toml
    text = ("The council met on Tuesday to discuss the harbour budget. The shameful plan "
            "soared, officials said. It met.")
    doc = pipeline(text)
    for found, sent in zip(framing.sentence_hits(doc), framing.extract_sentences(doc),
                           strict=True):
        assert sent.loaded == pytest.approx(framing.loaded_score(found), abs=1e-4)
        shares = framing.explain(found)
        signals = [(g, v) for g, v in shares if g.kind != "context"]
        context = [(g, v) for g, v in shares if g.kind == "context"]
        assert [g for g, _ in signals] == [h.signal for h in found.hits if h.voice is None]
        assert len(context) <= settings.get("framing", "explain_tokens")
        for g, v in context:
            assert v > 0 and text[g.start:g.end] == g.text and g.text.isalpha()
        x = found.vector()
        k = len(model.FEATURES)
        wx = sum(v for _, v in signals)
        if not signals and not len(found.counted()):
            assert sent.loaded == 0.0  # "It met.": too little of the outlet's voice to judge
            continue
        logit = (w.intercept + wx + float(x[k:] @ w.dampers)
                 + model.context_effect(framing.context_term(found), wx))
        assert sent.loaded == pytest.approx(1 / (1 + math.exp(-logit)), abs=1e-4)
        idx, terms = found.token_terms(w.context)
        assert terms.sum() == pytest.approx(framing.context_term(found))
        # counted: the outlet's tokens outside named entities, once it has enough own words
        own = [t for t in doc if found.start <= t.idx < found.end and not t.is_space
               and not t.ent_type_]
        words = sum(1 for t in own if not t.is_punct and not t.is_stop)
        enough = words >= settings.get("framing", "context_min_words")
        assert len(idx) == (len(own) if enough else 0)
    # the contextual term may cancel at most context_max_damping of the signals' evidence
    cap = settings.get("framing", "context_max_damping")
    assert model.context_effect(-5.0, 2.0) == pytest.approx(-cap * 2.0)
    assert model.context_effect(-5.0, 0.0) == -5.0 and model.context_effect(1.5, 2.0) == 1.5


def test_context_term_raises_loaded_wording(pipeline):
    plain = framing.sentence_hits(pipeline("The committee will meet on Thursday."))[0]
    loaded = framing.sentence_hits(pipeline("The disgraceful committee will meet."))[0]
    assert framing.loaded_score(plain) < framing.loaded_score(loaded)


def test_without_contextual_weights_the_signals_still_score(pipeline):
    doc = pipeline("The shameful plan soared.")
    found = framing.sentence_hits(doc)[0]
    w = replace(model.default_weights(), context=None)
    assert framing.context_term(found, w) == 0.0
    assert not [g for g, _ in framing.explain(found, w) if g.kind == "context"]
    assert framing.loaded_score(found, w) > 0.5


def test_score_model_properties():
    w = model.Weights(-1.0, tuple(1.0 for _ in model.FEATURES), (-1.0, -1.0, -1.0))
    assert model.score(model.vector([]), w) == pytest.approx(1 / (1 + math.e))
    one = model.score(model.vector(["loaded.emotive"]), w)
    two = model.score(model.vector(["loaded.emotive", "hedge"]), w)
    damped = model.score(model.vector(["loaded.emotive", "hedge"], attributed=True), w)
    assert 0 < damped < two and 0 < one < two <= 1
    for feats, damp in ((["hedge", "hedge", "loaded.sneer"], (True, 2, 3, 10)), ([], (0, 0, 0, 0))):
        assert model.fast_score(feats, damp, w, 0.3) == pytest.approx(
            model.score(model.vector(feats, *damp), w, 0.3))
    assert sum(model.contributions(["hedge", "hedge"], w)) == pytest.approx(
        float(model.vector(["hedge", "hedge"])[:len(model.FEATURES)] @ w.weights))


def test_fit_recovers_a_contextual_direction():
    rng = np.random.default_rng(0)
    pooled = rng.normal(size=(400, 4))
    y = (pooled[:, 0] + 0.1 * rng.normal(size=400) > 0).astype(float)
    x = np.zeros((400, len(model.FEATURES) + len(model.DAMPERS)))
    w = model.fit(x, y, pooled, "test-vectors")
    assert w.context is not None and w.context.vectors == "test-vectors"
    u = np.array(w.context.weights)
    assert u[0] > 2 * np.abs(u[1:]).max()
    # the term is centred: the training rows' mean vector adds nothing to the logit
    assert w.context.term(pooled.mean(0)) == pytest.approx(0.0, abs=1e-5)


def test_profile(article):
    text, _, quotes, sentences = article
    cue = Cue("said", 0, 4, "neutral")
    quotes = [Quote(q.start, q.end, q.text, q.kind, q.speaker, cue) for q in quotes]
    extra = Quote(0, 5, "Crime", "indirect", Speaker("a police spokesperson", 0, 1),
                  Cue("claimed", 0, 1, "doubtful"))
    prof = framing.profile(sentences, [*quotes, extra], text)
    json.dumps(prof)
    assert prof["sentences"] == len(sentences)
    assert prof["cue_stances"] == {"neutral": len(quotes), "doubtful": 1}
    assert prof["sources"]["anonymous"] == 1
    assert prof["sources"]["vague"] >= 1
    assert prof["quoted_loading"]["The chief"]["signals"] >= 2
    assert prof["words"]["quoted"] > 0
    assert 0 <= prof["loaded_share"] <= 1
    assert all(t["sentence"]["loaded"] > 0 for t in prof["top_signals"])


@pytest.mark.parametrize("name, expected", [
    ("Jessica Smith", "person"), ("the Metropolitan Police", "organisation"),
    ("a spokesperson", "anonymous"), ("critics", "vague"), ("the annual report", "document"),
])
def test_source_type(name, expected):
    assert framing.source_type(name) == expected


def test_throughput(pipeline):
    text = (FIXTURES / "article.txt").read_text("utf-8")
    doc = pipeline(" ".join([text.replace("\n", " ")] * 20))
    framing.extract_sentences(doc)
    start = time.perf_counter()
    n = sum(len(framing.extract_sentences(doc)) for _ in range(5))
    assert n / (time.perf_counter() - start) > 1000  # loose: the machine is shared


def _seed(prefix: str) -> Path | None:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.exists() else []
    return found[0] if found else None


@pytest.mark.skipif(_seed("003") is None, reason="shared seeds absent")
def test_seed_003(pipeline):
    text = _seed("003").read_text("utf-8")
    quotes = quotes_in(text)
    found = signals_by_kind(framing.extract_sentences(pipeline(text), quotes))
    assert {"soared", "damning"} <= set(found["loaded"])
    assert "Sadiq Khan’s London" in found["possessive_frame"]
    assert "claimed" in found["doubt_cue"]
    assert {"‘politically correct’", "‘Asian’"} <= set(found["scare_quote"])
    assert "research showing" in found["vague_source"]


@pytest.mark.skipif(_seed("000") is None, reason="shared seeds absent")
def test_seed_000(pipeline):
    text = _seed("000").read_text("utf-8")
    quotes = quotes_in(text, speaker="spokesperson")
    doc = pipeline(text)
    sentences = framing.extract_sentences(doc, quotes)
    hits = {s.text: s for sent in sentences for s in sent.signals}
    for word in ("utterly", "abhorrent", "woefully"):
        assert framing.voice_of(hits[word], quotes) == "spokesperson"
    index = next(i for i, s in enumerate(sentences)
                 if any(g.text == "abhorrent" for g in s.signals))
    unquoted = framing.extract_sentences(doc)[index]  # as if the outlet had said it
    assert sentences[index].loaded < unquoted.loaded
    prof = framing.profile(sentences, quotes, text)
    assert prof["quoted_loading"]["spokesperson"]["signals"] >= 3


def test_empty_and_blank_docs(pipeline):
    assert framing.extract_sentences(pipeline("")) == []
    sents = framing.extract_sentences(pipeline("   \n\n  "))
    assert all(s.loaded == 0.0 and not s.signals for s in sents)


def test_innermost_quote_speaks():
    outer = Quote(0, 60, "x" * 60, "indirect", Speaker("Outer", 0, 1), None)
    inner = Quote(10, 30, "y" * 20, "partial", Speaker("Inner", 0, 1), None)
    sig = Signal(12, 18, "z" * 6, "loaded")
    assert framing.voice_of(sig, [outer, inner]) == "Inner"
    assert framing.voice_of(Signal(40, 45, "w" * 5, "loaded"), [outer, inner]) == "Outer"
    assert framing.voice_of(Signal(70, 75, "v" * 5, "loaded"), [outer, inner]) is None


@pytest.mark.parametrize("name", [
    "loaded.tsv", "intensifiers.txt", "doubt_cues.txt", "hedges.txt", "vague_sources.txt",
    "discourse.txt", "attribution.txt", "titles.txt", "naming.txt", "sources.toml",
])
def test_lexicons_carry_provenance(name):
    from newsprism import settings

    head = settings.data_path(f"framing/{name}").read_text("utf-8")[:1500]
    assert "Provenance" in head and "benchmark" in head


def test_lexicon_categories_match_model():
    from newsprism.extract import framing_lexicon

    categories = {e.category for e in framing_lexicon.terms()["loaded"].values()}
    assert categories == set(model.LOADED_CATEGORIES)
