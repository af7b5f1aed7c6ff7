"""A normal, non-editable `pip install .` ships the gazetteer inside the wheel."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Copy the tracked tree so the build never writes into the checkout.
    src = out / "src"
    shutil.copytree(
        REPO,
        src,
        ignore=shutil.ignore_patterns(
            ".git", "__pycache__", "*.egg-info", ".pytest_cache", "build", "dist"
        ),
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        pytest.fail(f"wheel build failed:\n{proc.stdout}\n{proc.stderr}")
    return next(out.glob("geoinc-*.whl"))


def test_wheel_contains_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "geoinc/_data/places.npz" in names
    assert "geoinc/_data/regions.gpkg" in names
    assert "geoinc/gazetteer.py" in names
    assert "geoinc/py.typed" in names  # PEP 561: the package's type hints are for users too
    assert "geoinc/lang/en/taxonomy_weapons.tsv" in names
    assert not any(n.startswith("gazetteer/") for n in names)


def test_installed_wheel_works_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300
    )
    py = venv / "bin" / "python"
    # --ignore-installed: a geoinc already in the outer site-packages (as after `pip install .`)
    # would otherwise satisfy the requirement and leave the venv without the wheel or its script.
    subprocess.run(
        [
            str(py),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--ignore-installed",
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    code = (
        "import geoinc, geoinc._data as d\n"
        "from geoinc.gazetteer import Gazetteer\n"
        "import sys\n"
        "assert str(d.data_dir()).startswith(sys.prefix), (d.data_dir(), sys.prefix)\n"
        "assert 'site-packages' in str(d.data_dir()), d.data_dir()\n"
        "print(Gazetteer.default().best('Kharkiv').geonameid)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run(
        [str(py), "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300
    )
    assert out.stdout.strip() == "706483", out.stderr
    cli = subprocess.run(
        [str(venv / "bin" / "geoinc"), "geocode", "Belgorod"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert cli.returncode == 0 and "578072" in cli.stdout, cli.stderr
