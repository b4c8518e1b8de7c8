import pytest

from newsprism.extract.dates import extract_dates, parse_published, resolve

PUB = parse_published("2024-03-15")  # a Friday


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("5 November 2018", "2018-11-05", "day"),
        ("November 5, 2018", "2018-11-05", "day"),
        ("November 2018", "2018-11", "month"),
        ("in 2017", "2017", "year"),
        ("since 2022", "2022", "year"),
        ("the 1990s", "1990s", "decade"),
        ("in November", "2023-11", "month"),  # latest November before March 2024
        ("in January", "2024-01", "month"),
        ("on Wednesday", "2024-03-13", "day"),
        ("Friday", "2024-03-15", "day"),
        ("yesterday", "2024-03-14", "day"),
        ("last year", "2023", "year"),
        ("this year", "2024", "year"),
        ("last month", "2024-02", "month"),
        ("three years ago", "2021", "year"),
        ("2 March", "2024-03-02", "day"),
    ],
)
def test_resolve(text, value, granularity):
    assert resolve(text, PUB) == (value, granularity)


def test_relative_dates_stay_unresolved_without_published():
    assert resolve("last year", None) == (None, "year")
    assert resolve("in November", None) == (None, "month")
    assert resolve("2017", None) == ("2017", "year")


def test_durations_are_not_dates(nlp):
    doc = nlp("The review covers a 15-year period and took 12 months. It began in 2019.")
    found = extract_dates(doc, "2024-03-15")
    assert [d.text for d in found] == ["2019"]
    assert found[0].value == "2019"


def test_extract_dates_offsets(nlp):
    doc = nlp("The figures were released on Friday, a year after the report in November 2022.")
    for d in extract_dates(doc, "2024-03-15"):
        assert doc.text[d.start : d.end] == d.text
    values = {d.text: d.value for d in extract_dates(doc, "2024-03-15")}
    assert values.get("Friday") == "2024-03-15"
    assert values.get("November 2022") == "2022-11"


def test_parse_published():
    assert parse_published("2018-03-12T10:00:00Z").isoformat() == "2018-03-12"
    assert parse_published("not a date") is None
    assert parse_published(None) is None


def test_future_sentences_resolve_forward(nlp):
    doc = nlp("Fares will rise from 1 April. The council met in April. A vote is due next Friday.")
    found = {d.text: d.value for d in extract_dates(doc, "2023-01-12")}
    assert found["1 April"] == "2023-04-01"
    assert found["April"] == "2022-04"
    assert found["next Friday"] == "2023-01-13"
    assert resolve("Friday", PUB, future=True) == ("2024-03-15", "day")
    assert resolve("in June", PUB, future=True) == ("2024-06", "month")


def test_headline_infinitive_and_set_to_are_future(nlp):
    found = {d.text: d.value for d in extract_dates(nlp("Bridge tolls to rise in April"),
                                                    "2023-01-12")}
    assert found == {"April": "2023-04"}
    doc = nlp("The pool is set to reopen in March. The club decided to close in March.")
    values = [d.value for d in extract_dates(doc, "2023-06-12")]
    assert values == ["2024-03", "2023-03"]  # "decided to close" is past


def test_future_modal_elsewhere_in_the_sentence_does_not_move_a_past_date(nlp):
    doc = nlp("The building passed its inspection in November and we will cooperate fully.")
    [found] = extract_dates(doc, "2024-03-16")
    assert found.value == "2023-11"


def test_dates_in_verbless_text_resolve_without_hanging(nlp):
    """A date whose clause has no verb up to the root ("Storm damage, December 2008.") once
    looped forever: the walk up the parse compared Token objects by identity."""
    import signal

    doc = nlp("Storm damage across Riverton, 9 December 2008. Flood warnings, Friday.")
    assert any(t.dep_ == "ROOT" and t.pos_ not in ("VERB", "AUX") for t in doc)
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("extract_dates did not return"))
    signal.alarm(10)
    try:
        found = {d.text: d.value for d in extract_dates(doc)}
    finally:
        signal.alarm(0)
    assert found["9 December 2008"] == "2008-12-09"
    assert found["Friday"] is None  # no publication date to place it


def _with_ents(nlp, text, ents):
    """``text`` parsed, its entities replaced by ``ents`` [(first word, last word + 1, label)]."""
    from spacy.tokens import Span

    doc = nlp(text)
    doc.ents = [Span(doc, a, b, label=label) for a, b, label in ents]
    return doc


def test_time_entity_that_names_a_day_is_a_date(nlp):
    # "late Saturday night": the recogniser's TIME, but it places the event on a day
    text = "The warehouse burned late Saturday night near the docks."
    doc = _with_ents(nlp, text, [(3, 6, "TIME")])
    found = extract_dates(doc, "2024-03-15")
    assert [(d.text, d.value, d.granularity) for d in found] == [
        ("late Saturday night", "2024-03-09", "day")
    ]


def test_time_entity_without_a_day_is_not_a_date(nlp):
    doc = _with_ents(nlp, "The doors open at 7 p.m. for the hearing.", [(4, 6, "TIME")])
    assert extract_dates(doc, "2024-03-15") == []


def test_weekday_and_month_outside_date_entities(nlp):
    # the recogniser swallowed "June 11" into a product name and missed the weekday
    text = "Orrin Phone June 11 launch: shops opened Tuesday to long queues."
    doc = _with_ents(nlp, text, [(0, 4, "ORG")])
    found = {d.text: (d.value, d.granularity) for d in extract_dates(doc, "2024-06-14")}
    assert found == {"June 11": ("2024-06-11", "day"), "Tuesday": ("2024-06-11", "day")}
    for d in extract_dates(doc, "2024-06-14"):
        assert text[d.start : d.end] == d.text


def test_upper_case_dateline_without_entities(nlp):
    doc = _with_ents(nlp, "WEDNESDAY, MARCH 6, 2019. Flood waters rose in Dunmore.", [])
    found = {d.text: d.value for d in extract_dates(doc)}
    assert found == {"WEDNESDAY": None, "MARCH 6, 2019": "2019-03-06"}


def test_month_words_that_are_not_months(nlp):
    # "May" the modal and "march" the noun are not dates; nor is a lower-case weekday word
    doc = _with_ents(nlp, "May the march go ahead? Protesters said it may, friday or not.", [])
    assert extract_dates(doc, "2024-03-15") == []


def test_unresolved_weekday_without_published_keeps_its_name(nlp):
    doc = _with_ents(nlp, "Crews worked through Sunday afternoon.", [(3, 5, "TIME")])
    [ref] = extract_dates(doc)
    assert (ref.text, ref.value, ref.granularity) == ("Sunday afternoon", None, "day")
