"""Shared by the Python module's tests (tests/CMakeLists.txt runs each file with pytest).

CTest sets the environment: PYTHONPATH (the build tree's package), FESTMATCH_CLI (the
`festmatch` tool of the same build, the reference the module is compared with),
FESTMATCH_SOURCE_DIR, FESTMATCH_BUILD_DIR, CMAKE_COMMAND and FESTMATCH_PYTHON_INSTALL_DIR.
"""
import os
import pathlib
import subprocess

import pytest


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: run these tests through ctest (ctest -R python)")
    return value


SOURCE_DIR = pathlib.Path(_env("FESTMATCH_SOURCE_DIR"))
BUILD_DIR = pathlib.Path(_env("FESTMATCH_BUILD_DIR"))
CLI = _env("FESTMATCH_CLI")
TECHFEST = SOURCE_DIR / "examples" / "techfest-haiphong"


def run_cli(*args, expect: int = 0) -> subprocess.CompletedProcess:
    """Runs the festmatch tool; stdout and stderr as bytes; checks the exit status."""
    result = subprocess.run([CLI, *map(str, args)], capture_output=True, timeout=600)
    assert result.returncode == expect, result.stderr.decode(errors="replace")
    return result


@pytest.fixture(scope="session")
def websummit(tmp_path_factory) -> pathlib.Path:
    """The Web Summit preset (2,000 startups x 1,500 investors), seed 1, as an event file."""
    path = tmp_path_factory.mktemp("websummit") / "websummit.json"
    run_cli("generate", "--preset", "websummit", "--seed", 1, "--output", path)
    return path
