"""The pipeline maps every span found on repaired text back onto the original."""

from dataclasses import dataclass

from newsprism.model import Cue, Quote, Repair, Speaker
from newsprism.pipeline import map_back


@dataclass(frozen=True)
class ShiftByOne:
    """A stand-in repair map: one character was inserted at repaired index 5."""

    original: str
    repairs: tuple = (Repair(4, 5, ",", ", ", "spacing"),)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        def one(i: int) -> int:
            return i if i <= 5 else i - 1

        return one(start), one(end)


def test_map_back_moves_nested_spans_and_reslices_text():
    original = "abcd,efgh said Jo"
    q = Quote(
        start=6, end=10, text="efgh", kind="indirect",
        speaker=Speaker(name="Jo Bloggs", start=16, end=18),
        cue=Cue(text="said", start=11, end=15, stance="neutral"),
    )  # fmt: skip
    moved = map_back(q, ShiftByOne(original))
    assert (moved.start, moved.end, moved.text) == (5, 9, "efgh")
    assert moved.speaker == Speaker(name="Jo Bloggs", start=15, end=17)
    assert moved.cue.text == original[moved.cue.start : moved.cue.end] == "said"
