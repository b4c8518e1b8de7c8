from newsprism.extract.entities import canonical_names, extract_entities

TEXT = (
    "Mayor Dana Okafor opened the bridge on Monday. Ms Okafor said the Harbour Police "
    "had helped. Okafor thanked the Harbour Police and the HP for their work. "
    "Later, the Port Ellery Council met."
)


def test_surname_and_honorific_share_the_full_name(nlp):
    ents = extract_entities(nlp(TEXT))
    people = {e.text: e.name for e in ents if e.label == "PERSON"}
    assert people, "spaCy found no person"
    assert set(people.values()) == {"Dana Okafor"}
    assert any(text != "Dana Okafor" for text in people)  # a short form was resolved


def test_offsets_slice_the_text(nlp):
    doc = nlp(TEXT)
    for e in extract_entities(doc):
        assert doc.text[e.start : e.end] == e.text


def test_canonical_names_rules():
    names = canonical_names(
        [
            ("Khan", "PERSON"),
            ("Sadiq Khan", "PERSON"),
            ("Met", "ORG"),
            ("Metropolitan Police", "ORG"),
            ("HMRC", "ORG"),
            ("Her Majesty Revenue Customs", "ORG"),
            ("Smith", "PERSON"),
            ("Anna Smith", "PERSON"),
            ("John Smith", "PERSON"),
        ]
    )
    assert names[("Khan", "PERSON")] == "Sadiq Khan"
    assert names[("Met", "ORG")] == "Metropolitan Police"
    assert names[("HMRC", "ORG")] == "Her Majesty Revenue Customs"
    # Two different Smiths: the surname alone stays ambiguous, not guessed.
    assert names[("Smith", "PERSON")] == "Smith"
    assert names[("Anna Smith", "PERSON")] == "Anna Smith"


def test_split_first_name_is_joined(nlp):
    # The small model sometimes tags a first name as a place; whatever it does, every
    # PERSON mention ends up with one name containing the surname.
    doc = nlp("Councillor Priya Natarajan spoke. Natarajan said the plan would work.")
    names = {e.name for e in extract_entities(doc) if e.label == "PERSON"}
    assert names == {"Priya Natarajan"}
