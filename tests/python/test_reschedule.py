"""reschedule(): the same file as `festmatch reschedule` on the same changed event, history and
kept meetings unchanged, changes listed, revision and now."""
import json

import festmatch
from conftest import TECHFEST, run_cli


def cancelled_copy(tmp_path, investor):
    """The Techfest folder with `investor` cancelled through a status column."""
    folder = tmp_path / "techfest"
    folder.mkdir()
    for f in TECHFEST.iterdir():
        if f.suffix in (".csv", ".json"):
            (folder / f.name).write_bytes(f.read_bytes())
    lines = (folder / "investors.csv").read_text(encoding="utf-8-sig").splitlines()
    lines = [lines[0] + ",status"] + [
        line + (",cancelled" if line.startswith(investor + ",") else ",") for line in lines[1:]
    ]
    (folder / "investors.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_reschedule_is_the_file_festmatch_reschedule_writes(tmp_path):
    first = tmp_path / "s1.json"
    run_cli("schedule", TECHFEST, "--output", first)
    folder = cancelled_copy(tmp_path, "INV03")
    second = tmp_path / "s2.json"
    run_cli("reschedule", folder, "--schedule", first, "--now", "d2-0900", "--output", second)

    before = festmatch.schedule(festmatch.read_event(TECHFEST))
    changed = festmatch.read_event(folder)
    after = festmatch.reschedule(changed, before, now="d2-0900")
    assert after.to_json().encode("utf-8") == second.read_bytes()
    assert after.revision == 2
    assert after.now == "2023-09-19T09:00+07:00"
    assert before.revision == 1 and before.now is None and before.changes == []

    file = json.loads(second.read_text(encoding="utf-8"))
    assert after.changes == [
        {**c, "from": c.get("from"), "to": c.get("to"), "reason": c.get("reason", "")}
        for c in file["changes"]
    ]
    assert after.changes and all(
        c["change"] == "cancelled" and c["investor"] == "INV03" and c["to"] is None
        and c["reason"] == "investor INV03 is cancelled"
        for c in after.changes
    )
    # History and every meeting without INV03 stay exactly where they were.
    kept = {(m["startup"], m["investor"]): (m["slot"], m["table"]) for m in after.meetings}
    for m in before.meetings:
        if m["investor"] != "INV03" or m["slot"] < "d2-0900":
            assert kept[(m["startup"], m["investor"])] == (m["slot"], m["table"])


def test_reschedule_errors(tmp_path):
    event = festmatch.read_event(TECHFEST)
    plan = festmatch.schedule(event)
    try:
        festmatch.reschedule(event, plan, now="d2-0930x")
        raise AssertionError("expected InputError")
    except festmatch.InputError as e:
        assert "unknown slot 'd2-0930x'; did you mean 'd2-0930'?" in str(e)


def test_reschedule_after_a_participant_was_deleted():
    """An investor deleted from the event (not cancelled): the same as `festmatch reschedule`
    on an edited folder — its history stays, its later meetings are cancelled as removed."""
    before = festmatch.schedule(festmatch.read_event(TECHFEST))
    data = festmatch.read_event(TECHFEST).to_dict()
    # The first investor with two meetings or more; `now` is its last meeting's slot (slot ids
    # sort in time here), so it has meetings both before and after `now`.
    slots_of = {}
    for m in before.meetings:
        slots_of.setdefault(m["investor"], []).append(m["slot"])
    gone = next(v["id"] for v in data["investors"] if len(slots_of.get(v["id"], [])) >= 2)
    now = max(slots_of[gone])
    data["investors"] = [v for v in data["investors"] if v["id"] != gone]
    for key in ("requests", "blocked", "pinned"):
        data[key] = [x for x in data.get(key, []) if x.get("investor") != gone]
    changed = festmatch.Event.from_dict(data)
    after = festmatch.reschedule(changed, before, now=now)

    theirs = [m for m in before.meetings if m["investor"] == gone]
    places = {(m["startup"], m["investor"]): (m["slot"], m["table"]) for m in after.meetings}
    for m in theirs:
        if m["slot"] < now:  # history stays, the deleted investor named in it
            assert places[(m["startup"], gone)] == (m["slot"], m["table"])
        else:
            assert (m["startup"], gone) not in places
    cancelled = [c for c in after.changes if c["investor"] == gone]
    assert len(cancelled) == sum(m["slot"] >= now for m in theirs) > 0
    assert all(c["change"] == "cancelled" and c["reason"] == f"investor {gone} was removed from the event"
               for c in cancelled)
    assert gone in after.to_json()


def test_reschedule_move_cost(tmp_path):
    """A late startup that can come to one slot only, where the investor it must meet already
    meets a kept partner: with move_cost the kept meeting moves to make room (the same file as
    `festmatch reschedule --move-cost`), by default it stays; a negative cost is refused."""
    before = festmatch.schedule(festmatch.read_event(TECHFEST))
    data = festmatch.read_event(TECHFEST).to_dict()
    # Kept meetings from d2-0900 on: the late startup asks for one of their investors, with a
    # meeting to spare, in that meeting's slot; the first that moves is the case.
    for m in before.meetings:
        if m["slot"] < "d2-1000":
            continue
        grown = json.loads(json.dumps(data))
        late = dict(next(s for s in grown["startups"] if s["id"] == m["startup"]))
        late.update(id="LATE", name="Late Registrant", available=[m["slot"]], max_meetings=1)
        late.pop("unavailable", None)
        grown["startups"].append(late)
        for v in grown["investors"]:
            if v["id"] == m["investor"] and "max_meetings" in v:
                v["max_meetings"] += 1
        grown["blocked"] += [{"startup": "LATE", "investor": v["id"], "reason": "not this one"}
                             for v in grown["investors"] if v["id"] != m["investor"]]
        changed = festmatch.Event.from_dict(grown)
        moving = festmatch.reschedule(changed, before, now="d2-0900", move_cost=0.0)
        moved = [c for c in moving.changes if c["change"] == "moved"]
        if not moved:
            continue
        assert all(c["reason"] == f"moved to make room for LATE with {m['investor']}" for c in moved)
        assert any(x["startup"] == "LATE" and x["slot"] == m["slot"] for x in moving.meetings)
        fixed = festmatch.reschedule(changed, before, now="d2-0900")
        assert not any(x["startup"] == "LATE" for x in fixed.meetings)
        assert moving.stats["objective"] > fixed.stats["objective"]

        event_file, first, second = tmp_path / "e.json", tmp_path / "s1.json", tmp_path / "s2.json"
        event_file.write_text(json.dumps(grown), encoding="utf-8")
        first.write_text(before.to_json(), encoding="utf-8")
        run_cli("reschedule", event_file, "--schedule", first, "--now", "d2-0900",
                "--move-cost", "0", "--output", second)
        assert json.loads(second.read_text(encoding="utf-8"))["meetings"] == json.loads(
            moving.to_json())["meetings"]
        break
    else:
        raise AssertionError("no kept meeting moved for a late registrant")

    for bad in (-1.0, float("nan")):
        try:
            festmatch.reschedule(changed, before, now="d2-0900", move_cost=bad)
            raise AssertionError("expected ValueError")
        except ValueError as e:
            assert "move_cost" in str(e)
