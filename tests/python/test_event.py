"""Events: read_event, Event.from_dict/to_dict/from_json/to_json, warnings, and errors mapped
to InputError / InfeasibleError with the command line's diagnostics and locations."""
import copy
import json
import shutil

import pytest

import festmatch
from conftest import TECHFEST, run_cli


def test_read_event_reads_the_example_folder():
    event = festmatch.read_event(TECHFEST)
    assert event.name == "Techfest Hải Phòng 2023 — investor connection sessions"
    assert len(event.startup_ids) == 73 and event.startup_ids[0] == "S001"
    assert len(event.investor_ids) == 24 and event.investor_ids[0] == "INV01"
    assert len(event.slot_ids) == 30 and len(event.table_ids) == 12
    assert repr(event).startswith("<festmatch.Event 'Techfest Hải Phòng 2023")
    assert festmatch.read_event(str(TECHFEST)) == event  # str or os.PathLike


def test_warnings_are_the_command_lines():
    event = festmatch.read_event(TECHFEST, check_partners=True)
    stderr = run_cli("validate", TECHFEST).stderr.decode()  # validate checks partners too
    printed = [line for line in stderr.splitlines() if ": warning: " in line]
    assert len(event.warnings) == len(printed) == 1
    w = event.warnings[0]
    assert w == {
        "file": str(TECHFEST / "requests.csv"),
        "line": 31,
        "column": None,
        "pointer": None,
        "message": w["message"],
        "severity": "warning",
    }
    assert printed[0] == f"{w['file']}:31:1: warning: {w['message']}"
    assert "S021" in w["message"]


def test_to_json_is_the_event_file_and_from_json_reads_it(websummit):
    text = websummit.read_text(encoding="utf-8")
    event = festmatch.read_event(websummit)
    assert event.to_json() == text  # the generator writes the same writer's text
    assert festmatch.Event.from_json(text) == event
    assert len(event.startup_ids) == 2000 and len(event.investor_ids) == 1500


def test_dict_round_trip():
    event = festmatch.read_event(TECHFEST)
    d = event.to_dict()
    assert d["format"] == "festmatch-event/1"
    assert d["startups"][0]["id"] == "S001"
    again = festmatch.Event.from_dict(d)
    assert again == event and again is not event
    assert again.to_dict() == d


def test_events_differ_when_their_content_does():
    d = festmatch.read_event(TECHFEST).to_dict()
    fewer = {**d, "requests": d["requests"][1:]}
    assert festmatch.Event.from_dict(fewer) != festmatch.Event.from_dict(d)
    assert festmatch.Event.from_dict(d) != "not an event"


def test_from_dict_errors_carry_every_problem_by_pointer():
    d = festmatch.read_event(TECHFEST).to_dict()
    bad = copy.deepcopy(d)
    bad["startups"][0]["stage"] = "sed"
    bad["investors"][2]["max_meetings"] = "ten"
    with pytest.raises(festmatch.InputError) as caught:
        festmatch.Event.from_dict(bad)
    err = caught.value
    assert isinstance(err, ValueError) and isinstance(err, festmatch.Error)
    by_pointer = {x["pointer"]: x for x in err.diagnostics}
    assert sorted(by_pointer) == ["/investors/2/max_meetings", "/startups/0/stage"]
    stage = by_pointer["/startups/0/stage"]
    assert stage["file"] is None and stage["line"] is None and stage["severity"] == "error"
    assert stage["message"] == "unknown stage 'sed'; did you mean 'seed'?"
    assert "<input>:/startups/0/stage: error: unknown stage 'sed'; did you mean 'seed'?" in (
        str(err).splitlines()
    )


def test_from_dict_with_values_json_cannot_hold():
    d = festmatch.read_event(TECHFEST).to_dict()
    d["options"]["min_score"] = float("nan")
    with pytest.raises(festmatch.InputError, match="not JSON"):
        festmatch.Event.from_dict(d)
    d["options"]["min_score"] = object()
    with pytest.raises(TypeError):
        festmatch.Event.from_dict(d)


def test_json_syntax_errors_by_line_and_column():
    with pytest.raises(festmatch.InputError) as caught:
        text = '{\n  "format": "festmatch-event/1",\n  "sectors": [}\n'
        festmatch.Event.from_json(text, "e.json")
    [d] = caught.value.diagnostics
    assert (d["file"], d["line"], d["column"]) == ("e.json", 3, 15)
    assert d["pointer"] is None


def test_folder_errors_are_what_validate_prints(tmp_path):
    folder = tmp_path / "techfest"
    shutil.copytree(TECHFEST, folder)
    startups = (folder / "startups.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    assert ",seed," in startups[1]
    startups[1] = startups[1].replace(",seed,", ",sed,", 1)
    (folder / "startups.csv").write_text("".join(startups), encoding="utf-8")
    requests = (folder / "requests.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    requests[2] = requests[2].replace("INV17", "INV99", 1)
    (folder / "requests.csv").write_text("".join(requests), encoding="utf-8")

    with pytest.raises(festmatch.InputError) as caught:
        festmatch.read_event(folder)
    err = caught.value
    cli = run_cli("validate", folder, expect=1).stderr.decode()
    assert str(err) + "\n" == cli
    located = [(x["file"], x["line"], x["column"]) for x in err.diagnostics]
    assert located == [
        (str(folder / "startups.csv"), 2, 4),
        (str(folder / "requests.csv"), 3, 2),
    ]
    assert "did you mean 'seed'" in err.diagnostics[0]["message"]


def test_a_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(festmatch.InputError) as caught:
        festmatch.read_event(tmp_path / "nowhere")
    assert str(tmp_path / "nowhere") in str(caught.value)
    assert caught.value.diagnostics[0]["severity"] == "error"


def test_pins_that_break_a_rule_are_infeasible(tmp_path):
    d = festmatch.read_event(TECHFEST).to_dict()
    pin = d["pinned"][0]
    other = next(i["id"] for i in d["investors"] if i["id"] != pin["investor"])
    d["pinned"].append({"startup": pin["startup"], "investor": other, "slot": pin["slot"]})
    with pytest.raises(festmatch.InfeasibleError) as caught:
        festmatch.Event.from_dict(d)
    err = caught.value
    assert not isinstance(err, ValueError) and isinstance(err, festmatch.Error)
    assert err.diagnostics and all(x["severity"] == "error" for x in err.diagnostics)
    assert pin["startup"] in str(err)
    # The command line says the same, with exit status 3.
    path = tmp_path / "event.json"
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(festmatch.InfeasibleError) as from_file:
        festmatch.read_event(path)
    cli = run_cli("validate", path, expect=3).stderr.decode()
    assert str(from_file.value) + "\n" == cli
