"""score_matrix and explain: the same numbers as the command line (`festmatch score`,
`festmatch explain --format json`), and numpy arrays that are views of the library's memory."""
import csv
import gc
import io
import json

import numpy as np
import pytest

import festmatch
from conftest import TECHFEST, run_cli

COMPONENTS = ["sector", "stage", "ticket", "country", "language"]


def cli_scores(event_path):
    """`festmatch score EVENT` as {(startup, investor): row}; numbers exact to 5e-10."""
    text = run_cli("score", event_path).stdout.decode("utf-8")
    return {(r["startup"], r["investor"]): r for r in csv.DictReader(io.StringIO(text))}


@pytest.fixture(scope="module")
def techfest_preset(tmp_path_factory):
    path = tmp_path_factory.mktemp("techfest") / "techfest.json"
    run_cli("generate", "--preset", "techfest", "--seed", 42, "--output", path)
    return path


@pytest.mark.parametrize("which", ["example folder", "techfest preset"])
def test_score_matrix_equals_festmatch_score(which, techfest_preset):
    path = TECHFEST if which == "example folder" else techfest_preset
    event = festmatch.read_event(path)
    score, base, eligible = festmatch.score_matrix(event)
    rows = cli_scores(path)
    n, m = len(event.startup_ids), len(event.investor_ids)
    assert score.shape == base.shape == eligible.shape == (n, m)
    assert len(rows) == n * m
    expected_score = np.empty((n, m))
    expected_base = np.empty((n, m))
    expected_eligible = np.empty((n, m), dtype=bool)
    for r, s in enumerate(event.startup_ids):
        for c, i in enumerate(event.investor_ids):
            row = rows[(s, i)]
            expected_score[r, c] = float(row["score"])
            expected_base[r, c] = float(row["base"])
            expected_eligible[r, c] = row["eligible"] == "true"
    assert np.abs(score - expected_score).max() <= 5e-10
    assert np.abs(base - expected_base).max() <= 5e-10
    assert np.array_equal(eligible, expected_eligible)
    assert 0 < eligible.sum() < n * m  # both kinds of pair are compared


def test_explain_components_equal_festmatch_score_for_every_pair():
    event = festmatch.read_event(TECHFEST)
    rows = cli_scores(TECHFEST)
    for (s, i), row in rows.items():
        x = festmatch.explain(event, s, i)
        values = {c["name"]: c["value"] for c in x["components"]}
        assert list(values) == COMPONENTS
        for name in COMPONENTS + ["bonus", "base", "score"]:
            got = values[name] if name in values else x[name]
            assert abs(got - float(row[name])) <= 5e-10, (s, i, name)
        assert x["eligible"] == (row["eligible"] == "true")


def test_arrays_are_views_of_one_owner_without_a_copy():
    event = festmatch.read_event(TECHFEST)
    matrix = festmatch.score_matrix(event)
    assert isinstance(matrix, festmatch.ScoreMatrix)
    assert matrix._fields == ("score", "base", "eligible")
    owner = matrix.score.base
    assert type(owner).__name__ == "PyCapsule"
    for array, dtype in zip(matrix, (np.float64, np.float64, np.bool_)):
        assert array.dtype == dtype
        assert not array.flags.owndata and array.base is owner
        assert array.flags.f_contiguous  # Eigen's column-major memory, as it is
    # The memory lives as long as an array does, not the event or the tuple.
    expected = matrix.score.copy()
    score = matrix.score
    del matrix, owner, event
    gc.collect()
    festmatch.score_matrix(festmatch.read_event(TECHFEST))  # reuse freed memory, if any
    assert np.array_equal(score, expected)


def test_threads_do_not_change_the_scores():
    event = festmatch.read_event(TECHFEST)
    one, all_cores = festmatch.score_matrix(event, threads=1), festmatch.score_matrix(event)
    for a, b in zip(one, all_cores):
        assert np.array_equal(a, b)
    with pytest.raises(ValueError):
        festmatch.score_matrix(event, threads=-1)


def pairs_worth_explaining():
    blocked = next(csv.DictReader(open(TECHFEST / "blocked.csv", encoding="utf-8-sig")))
    requested = next(csv.DictReader(open(TECHFEST / "requests.csv", encoding="utf-8-sig")))
    return [
        ("S001", "INV01"),  # eligible
        ("S001", "INV02"),  # no common sector
        (blocked["startup"], blocked["investor"]),
        (requested["startup"], requested["investor"]),
    ]


@pytest.mark.parametrize("startup,investor", pairs_worth_explaining())
def test_explain_equals_festmatch_explain_json(startup, investor):
    event = festmatch.read_event(TECHFEST)
    cli = json.loads(run_cli("explain", TECHFEST, startup, investor, "--format", "json").stdout)
    assert festmatch.explain(event, startup, investor) == cli


def test_explain_rules_and_requests():
    event = festmatch.read_event(TECHFEST)
    blocked_s, blocked_i = pairs_worth_explaining()[2]
    x = festmatch.explain(event, blocked_s, blocked_i)
    assert x["eligible"] is False and x["rule"] == "blocked" and x["reason"]
    ok = festmatch.explain(event, "S001", "INV01")
    assert ok["eligible"] is True and ok["rule"] is None and ok["reason"] == ""
    req_s, req_i = pairs_worth_explaining()[3]
    requested = festmatch.explain(event, req_s, req_i)
    assert {"by": "startup", "priority": "want"} in requested["requests"]
    assert requested["bonus"] >= 0.25


def test_explain_unknown_id_names_the_nearest():
    event = festmatch.read_event(TECHFEST)
    with pytest.raises(festmatch.InputError) as caught:
        festmatch.explain(event, "S0001", "INV01")
    assert caught.value.diagnostics[0]["message"] == "unknown startup 'S0001'; did you mean 'S001'?"
    cli = run_cli("explain", TECHFEST, "S0001", "INV01", expect=1).stderr.decode()
    assert caught.value.diagnostics[0]["message"] in cli
