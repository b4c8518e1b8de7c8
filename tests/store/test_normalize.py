from newsprism.store.normalize import content_hash, normalise_url


def test_normalise_url_drops_noise():
    a = normalise_url("https://WWW.Example.COM/news/story-1/?utm_source=tw&utm_medium=x&id=7#c")
    b = normalise_url("http://example.com/news/story-1?id=7&fbclid=abc")
    assert a == b == "example.com/news/story-1?id=7"


def test_normalise_url_keeps_meaningful_parts():
    assert normalise_url("https://example.com/a?page=2") != normalise_url("https://example.com/a")
    assert normalise_url("https://example.com:8080/a") == "example.com:8080/a"
    assert normalise_url(None) is None and normalise_url("  ") is None


def test_content_hash_ignores_case_and_spacing():
    assert content_hash("Floods  hit\nRiverton.") == content_hash(" floods hit riverton. ")
    assert content_hash("Floods hit Riverton.") != content_hash("Floods hit Lakeside.")
