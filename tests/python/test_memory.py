"""No memory growth over 1,000 calls of each entry point: the resident set (/proc/self/statm)
after 1,000 more calls stays within 512 KiB of what it was after a warm-up. Keeping what one
call makes grows it far more: 1,000 schedules of the example by 16 MiB, 1,000 InputErrors with
their diagnostics by 3.4 MiB, 1,000 score matrices (73 x 24, 17 bytes a pair) by 29 MiB."""
import gc
import os

import pytest

import festmatch
from conftest import TECHFEST

CALLS = 1000
TOLERANCE = 512 * 1024  # bytes: malloc's arenas and Python's free lists settle within this
PAGE = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    gc.collect()
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


@pytest.fixture(scope="module")
def event():
    return festmatch.read_event(TECHFEST)


def schedule_and_read_all(event):
    plan = festmatch.schedule(event, seed=3, threads=1)
    plan.meetings, plan.meetings_array, plan.unscheduled, plan.shortfalls, plan.stats
    plan.to_json()


def score_matrix(event):
    score, base, eligible = festmatch.score_matrix(event, threads=1)
    assert score.shape == (73, 24)


def explain(event):
    festmatch.explain(event, "S001", "INV01")


def input_error(event):
    try:
        festmatch.Event.from_dict({"format": "festmatch-event/1", "startups": [{"id": 1}]})
    except festmatch.InputError as e:
        assert e.diagnostics


def stopped_solve(event):
    def stop(stage, fraction):
        if stage == "selection":
            raise KeyError(stage)

    try:
        festmatch.schedule(event, threads=1, progress=stop)
    except KeyError:
        pass


def event_round_trip(event):
    assert festmatch.Event.from_dict(event.to_dict()) == event


CASES = [schedule_and_read_all, score_matrix, explain, input_error, stopped_solve, event_round_trip]


@pytest.mark.parametrize("call", CASES, ids=[c.__name__ for c in CASES])
def test_no_growth_over_1000_calls(call, event):
    for _ in range(100):  # warm-up: caches, free lists, malloc arenas
        call(event)
    before = rss()
    for _ in range(CALLS):
        call(event)
    after = rss()
    print(f"\n{call.__name__}: RSS {before / 2**20:.1f} MiB -> {after / 2**20:.1f} MiB "
          f"({(after - before) / 1024:+.0f} KiB over {CALLS} calls)")
    assert after - before <= TOLERANCE
