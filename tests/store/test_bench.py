from newsprism.store.bench import bench_insert, synthetic


def test_synthetic_is_deterministic_and_grouped():
    a = [x.article.text for x in synthetic(30, seed=3)]
    b = [x.article.text for x in synthetic(30, seed=3)]
    assert a == b and len(set(a)) == 30
    assert all(x.entities and x.figures for x in synthetic(10))


def test_bench_insert_reports_each_size():
    rows = bench_insert((150, 300), window=50, batch=50, rounds=5)
    assert [r["n"] for r in rows] == [150, 300]
    assert rows[0]["ratio"] == 1.0 and rows[0]["wall_ratio"] == 1.0
    assert all(r["ms_per_article"] > 0 and r["cpu_ms_per_article"] > 0 for r in rows)
    assert [r["stories"] <= r["n"] for r in rows] == [True, True]
    assert all(r["candidates_mean"] < 20 for r in rows)
