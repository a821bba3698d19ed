"""The package from an install: `cmake --install --component python` into a fresh prefix, then
Debian's interpreter imports it from there, in a fresh process (nothing of the build tree on
its path), and schedules the example."""
import os
import pathlib
import subprocess
import sys

from conftest import BUILD_DIR, TECHFEST

INSTALL_DIR = os.environ["FESTMATCH_PYTHON_INSTALL_DIR"]  # e.g. lib/python3.11/dist-packages


def test_installed_package_imports_from_the_prefix(tmp_path):
    prefix = tmp_path / "prefix"
    subprocess.run(
        [os.environ["CMAKE_COMMAND"], "--install", BUILD_DIR, "--prefix", prefix,
         "--component", "python"],
        check=True, capture_output=True,
    )
    package = prefix / INSTALL_DIR / "festmatch"
    installed = sorted(p.name for p in package.iterdir())
    assert len(installed) == 4, installed
    assert installed[:2] == ["__init__.py", "__init__.pyi"] and installed[3] == "py.typed"
    assert installed[2].startswith("_festmatch.cpython-") and installed[2].endswith(".so")
    assert not (prefix / "include").exists()  # the python component alone

    script = (
        "import festmatch, sys\n"
        f"event = festmatch.read_event({str(TECHFEST)!r})\n"
        "print(festmatch.__file__)\n"
        "print(len(festmatch.schedule(event, seed=1)))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(prefix / INSTALL_DIR)
    out = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path,
                         capture_output=True, text=True, check=True).stdout.split()
    assert pathlib.Path(out[0]) == package / "__init__.py"
    assert out[1] == "234"


def test_prefixes_usr_and_usr_local_need_no_pythonpath():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    path = subprocess.run([sys.executable, "-c", "import sys; print('\\n'.join(sys.path))"],
                          env=env, capture_output=True, text=True, check=True).stdout.split("\n")
    if INSTALL_DIR.endswith("dist-packages"):  # Debian's interpreter
        assert f"/usr/{INSTALL_DIR}" in path
        assert f"/usr/local/{INSTALL_DIR}" in path
    else:
        assert f"{sys.prefix}/{INSTALL_DIR}" in path
