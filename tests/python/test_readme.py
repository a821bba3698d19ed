"""The README's Python example runs exactly as printed, in the source tree, and its
schedule text is the command line's file."""
import re

from conftest import SOURCE_DIR, TECHFEST, run_cli


def test_readme_python_example(tmp_path, monkeypatch, capsys):
    readme = (SOURCE_DIR / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert len(blocks) == 1
    monkeypatch.chdir(SOURCE_DIR)  # the example's paths are relative to the source tree
    names = {}
    exec(compile(blocks[0], "README.md", "exec"), names)
    assert capsys.readouterr().out == "234 meetings; 23 requests not met; True\n"
    out = tmp_path / "schedule.json"
    run_cli("schedule", TECHFEST, "--output", out, "--seed", 1)
    assert names["text"].encode() == out.read_bytes()
