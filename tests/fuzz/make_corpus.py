#!/usr/bin/env python3
"""Writes the fuzzers' seed corpus (tests/fuzz/corpus/) from a generated event and the bundled
example folder, trimmed so that each seed is small. Run by hand when the formats change:
    tests/fuzz/make_corpus.py GENERATED_EVENT.json
"""
import json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))

def trim_event(ev, n_startups, n_investors, n_slots):
    s_ids = {s["id"] for s in ev["startups"][:n_startups]}
    i_ids = {i["id"] for i in ev["investors"][:n_investors]}
    slot_ids = {s["id"] for s in ev["slots"][:n_slots]}
    ev["startups"] = ev["startups"][:n_startups]
    ev["investors"] = ev["investors"][:n_investors]
    ev["slots"] = ev["slots"][:n_slots]
    for p in ev["startups"] + ev["investors"]:
        for key in ("available", "unavailable"):
            if key in p:
                p[key] = [x for x in p[key] if x in slot_ids] or [ev["slots"][0]["id"]]
    for key in ("requests", "blocked", "pinned"):
        ev[key] = [r for r in ev.get(key, []) if r["startup"] in s_ids and r["investor"] in i_ids
                   and r.get("slot", next(iter(slot_ids))) in slot_ids]
    return ev

def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)

ev = json.load(open(sys.argv[1], encoding="utf-8"))
small = trim_event(json.loads(json.dumps(ev)), 6, 4, 5)
write(os.path.join(here, "corpus/event-json/small.json"), json.dumps(small, ensure_ascii=False, indent=1))
tiny = trim_event(json.loads(json.dumps(ev)), 2, 2, 2)
write(os.path.join(here, "corpus/event-json/tiny.json"), json.dumps(tiny, ensure_ascii=False))

# The example folder, each CSV cut to its header and a few rows, joined with "@@ NAME" lines.
folder = os.path.join(root, "examples/techfest-haiphong")
parts = [open(os.path.join(folder, "event.json"), encoding="utf-8", newline="").read()]
for name in ("startups.csv", "investors.csv", "slots.csv", "requests.csv", "blocked.csv", "pinned.csv"):
    path = os.path.join(folder, name)
    if os.path.exists(path):
        lines = open(path, encoding="utf-8", newline="").read().splitlines(keepends=True)
        parts.append("@@ " + name + "\n" + "".join(lines[:6]))
write(os.path.join(here, "corpus/event-folder/example.txt"), "\n".join(parts))

# A schedule for the fuzz target's fixed event (see schedule_target.hpp).
schedule = {"format": "festmatch-schedule/1",
            "meetings": [{"slot": "a", "table": "T1", "startup": "s1", "investor": "i1", "score": 0.8, "mode": "in-person", "pinned": False},
                         {"slot": "b", "table": None, "startup": "s2", "investor": "i2", "score": 0.7, "mode": "online", "pinned": True}],
            "unscheduled": [{"startup": "s1", "investor": "i2", "by": "startup", "priority": "want", "reason": "no slot where both are free"}],
            "stats": {"meetings": 2, "objective": 3.5, "score_total": 1.5, "upper_bound": 3.6, "gap": 0.03, "startups_below_min": 2, "stage_ms": {"select": 1.0}}}
write(os.path.join(here, "corpus/schedule-json/small.json"), json.dumps(schedule, indent=1))
