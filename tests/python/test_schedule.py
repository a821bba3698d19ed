"""schedule(): the schedule file byte for byte as `festmatch schedule` writes it, the Schedule's
attributes, the progress callback, exceptions from it, the GIL released during a solve, and
Ctrl-C stopping one."""
import json
import signal
import subprocess
import sys
import textwrap
import threading
import time

import numpy as np
import pytest

import festmatch
from conftest import TECHFEST, run_cli

STAGES = [
    "scores",
    "candidates",
    "selection",
    "bound",
    "placement",
    "search",
    "compaction",
    "tables",
    "reasons",
]


@pytest.fixture(scope="module")
def techfest():
    return festmatch.read_event(TECHFEST)


@pytest.mark.parametrize(
    "which,objective,seed",
    [("example folder", "fair", 1), ("example folder", "total", 7), ("websummit", "fair", 1)],
)
def test_to_json_is_the_file_festmatch_schedule_writes(which, objective, seed, websummit, tmp_path):
    path = TECHFEST if which == "example folder" else websummit
    out = tmp_path / "schedule.json"
    run_cli("schedule", path, "--output", out, "--objective", objective, "--seed", seed)
    plan = festmatch.schedule(festmatch.read_event(path), objective=objective, seed=seed)
    assert plan.to_json().encode("utf-8") == out.read_bytes()


def test_attributes_are_the_files_fields(techfest):
    plan = festmatch.schedule(techfest, seed=1)
    file = json.loads(plan.to_json())
    assert plan.meetings == file["meetings"]
    assert plan.unscheduled == file["unscheduled"]
    assert plan.shortfalls == file["shortfalls"]
    stats = plan.stats
    assert list(stats["stage_ms"]) == STAGES and all(ms >= 0 for ms in stats["stage_ms"].values())
    assert file["stats"]["stage_ms"] == {}  # as the command line writes it without --timings
    assert {k: v for k, v in stats.items() if k != "stage_ms"} == {
        k: v for k, v in file["stats"].items() if k != "stage_ms"
    }
    assert len(plan) == stats["meetings"] == 234
    assert plan.event is techfest
    assert repr(plan) == "<festmatch.Schedule: 234 meetings, 23 requests not met, 10 short>"
    timed = json.loads(plan.to_json(timings=True))
    assert list(timed["stats"]["stage_ms"]) == STAGES


def test_meetings_array_matches_meetings(techfest):
    plan = festmatch.schedule(techfest)
    array, meetings = plan.meetings_array, plan.meetings
    fields = ("slot", "table", "startup", "investor", "score", "online", "pinned")
    assert array.dtype.names == fields
    assert [array.dtype[k] for k in range(7)] == [np.dtype(np.int32)] * 4 + [
        np.dtype(np.float64), np.dtype(np.bool_), np.dtype(np.bool_)
    ]
    assert len(array) == len(meetings) and not array.flags.owndata
    ids = techfest.slot_ids, techfest.table_ids, techfest.startup_ids, techfest.investor_ids
    for row, m in zip(array, meetings):
        assert ids[0][row["slot"]] == m["slot"]
        assert (ids[1][row["table"]] if row["table"] >= 0 else None) == m["table"]
        assert ids[2][row["startup"]] == m["startup"] and ids[3][row["investor"]] == m["investor"]
        assert row["score"] == m["score"]
        assert bool(row["online"]) == (m["mode"] == "online") and bool(row["pinned"]) == m["pinned"]
    assert array["pinned"].sum() == sum(m["pinned"] for m in meetings) > 0
    # Numbers at numpy's speed: meetings per startup, as the list says.
    per_startup = np.bincount(array["startup"], minlength=len(techfest.startup_ids))
    assert per_startup[techfest.startup_ids.index("S012")] == sum(
        m["startup"] == "S012" for m in meetings
    )


def test_from_json_reads_a_schedule_file_back(techfest):
    plan = festmatch.schedule(techfest, seed=3)
    again = festmatch.Schedule.from_json(techfest, plan.to_json())
    assert again.to_json() == plan.to_json() and again.meetings == plan.meetings
    broken = plan.to_json().replace('"table":"A1"', '"table":"Z9"', 1)
    with pytest.raises(festmatch.InputError) as caught:
        festmatch.Schedule.from_json(techfest, broken)
    assert any("Z9" in d["message"] and d["pointer"] for d in caught.value.diagnostics)


def test_spread_agenda_is_the_file_of_festmatch_schedule_agenda_spread(techfest, tmp_path):
    out = tmp_path / "schedule.json"
    run_cli("schedule", TECHFEST, "--output", out, "--agenda", "spread")
    spread = festmatch.schedule(techfest, agenda="spread")
    assert spread.to_json().encode("utf-8") == out.read_bytes()
    assert "compaction" not in spread.stats["stage_ms"]
    compact = festmatch.schedule(techfest)
    # The same pairs, and so the same objective; fewer idle slots and days.
    pairs = lambda plan: sorted((m["startup"], m["investor"]) for m in plan.meetings)
    assert pairs(spread) == pairs(compact)
    assert spread.stats["objective"] == pytest.approx(compact.stats["objective"], rel=1e-12)
    assert compact.stats["idle_slots"] < spread.stats["idle_slots"]
    assert compact.stats["days_attended"] < spread.stats["days_attended"]


def test_arguments_are_checked(techfest):
    with pytest.raises(ValueError, match="'fair' or 'total'"):
        festmatch.schedule(techfest, objective="best")
    with pytest.raises(ValueError, match="'compact' or 'spread'"):
        festmatch.schedule(techfest, agenda="tight")
    with pytest.raises(ValueError, match="threads"):
        festmatch.schedule(techfest, threads=-1)
    with pytest.raises(TypeError, match="progress"):
        festmatch.schedule(techfest, progress=42)
    with pytest.raises(TypeError):
        festmatch.schedule(techfest, seed=-1)


def test_progress_sees_every_stage_in_order(techfest):
    seen = []
    festmatch.schedule(techfest, progress=lambda stage, fraction: seen.append((stage, fraction)))
    assert [s for s, _ in seen] == STAGES
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


class Stop(Exception):
    pass


@pytest.mark.parametrize("at", STAGES)
def test_an_exception_from_progress_stops_the_solve_and_propagates(at, techfest):
    reference = festmatch.schedule(techfest, seed=5).to_json()
    seen = []

    def progress(stage, fraction):
        seen.append(stage)
        if stage == at:
            raise Stop(at)

    with pytest.raises(Stop) as caught:
        festmatch.schedule(techfest, seed=5, threads=2, progress=progress)
    assert caught.value.args == (at,)
    assert seen == STAGES[: STAGES.index(at) + 1]  # nothing ran after it
    assert festmatch.schedule(techfest, seed=5).to_json() == reference  # and all is well after


def test_the_gil_is_released_while_scheduling(websummit):
    """A second Python thread counts while the main thread schedules Web Summit (2,000 x 1,500)
    on one thread: at 50 % to 100 % of its rate alone on 2 cores; had the solve held the GIL,
    at 0.5 %."""
    event = festmatch.read_event(websummit)
    count, stop = 0, False

    def spin():
        nonlocal count
        while not stop:
            count += 1

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        time.sleep(0.2)  # the rate of counting alone
        alone = count / 0.2
        before, t0 = count, time.perf_counter()
        festmatch.schedule(event, threads=1)
        seconds = time.perf_counter() - t0
        during = count - before
    finally:
        stop = True
        spinner.join()
    share = during / (alone * seconds)
    print(f"\nGIL: {during} counts in {seconds * 1000:.0f} ms of solving; alone {alone:.0f}/s;"
          f" {share:.0%} of the rate alone")
    assert seconds > 0.05  # a solve long enough to tell
    assert share > 0.1  # holding the GIL: under 0.01


def test_two_threads_schedule_one_event_at_once(techfest):
    reference = festmatch.schedule(techfest, seed=9).to_json()
    results = [None, None]

    def run(k):
        results[k] = festmatch.schedule(techfest, seed=9, threads=1).to_json()

    threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [reference, reference]


def test_ctrl_c_stops_a_solve(websummit):
    """SIGINT, as Ctrl-C sends it, once the solve has passed its first stage: KeyboardInterrupt
    at the next stage boundary, the remaining stages not run, and the module usable afterwards.
    The child's progress callback is a SimpleQueue's put, which runs no Python code and checks
    no signals (a thread prints what it gets), so the module's own check is what stops it."""
    child = textwrap.dedent(
        f"""
        import queue, threading, festmatch
        event = festmatch.read_event({str(websummit)!r})
        reference = festmatch.schedule(event, threads=1).to_json()
        stages = queue.SimpleQueue()
        def report():
            while (stage := stages.get()) is not None:
                print(stage, flush=True)
        reporter = threading.Thread(target=report)
        reporter.start()
        try:
            festmatch.schedule(event, threads=1, progress=stages.put)
            outcome = "finished"
        except KeyboardInterrupt:
            outcome = "interrupted"
        stages.put(None)
        reporter.join()
        print(outcome)
        print("same" if festmatch.schedule(event, threads=1).to_json() == reference else "differs")
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "scores\n"
        proc.send_signal(signal.SIGINT)  # the solve goes on, without the GIL
        out, _ = proc.communicate(timeout=120)
    finally:
        proc.kill()
    lines = ["scores"] + out.strip().splitlines()
    print("\nCtrl-C after 'scores':", " | ".join(lines))
    stages = [line for line in lines if line in STAGES]
    assert stages == STAGES[: len(stages)] and "reasons" not in stages
    assert lines[len(stages):] == ["interrupted", "same"]
