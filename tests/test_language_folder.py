"""A language is a folder of data: the whole pipeline runs on a folder given as ``lang``.

The toy language is English with a handful of words changed (issue 10): its casualty verb
is "zapped". Nothing in the code knows it.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import geoinc

EN = Path(geoinc.__file__).parent / "lang" / "en"
TEXT = "Drones struck Kharkiv on Saturday; three people were zapped and 4 were bonked."


def _toy(tmp_path: Path) -> Path:
    toy = tmp_path / "toy"
    shutil.copytree(EN, toy)
    data = json.loads((toy / "casualties.json").read_text(encoding="utf-8"))
    data.update(killed_verbs=["zapped"], injured_verbs=["bonked"], triggers=["zap", "bonk"])
    (toy / "casualties.json").write_text(json.dumps(data), encoding="utf-8")
    return toy


def _figures(frame) -> tuple:
    row = frame.iloc[0]
    return row.place_name, row.killed_best, row.injured_best


def test_pipeline_runs_on_a_language_folder(tmp_path):
    toy = _toy(tmp_path)
    frame = geoinc.extract([TEXT], lang=str(toy), published=date(2023, 12, 31))
    assert _figures(frame) == ("Kharkiv", 3, 4)
    # the bundled English knows neither word: the same text gives no figure
    frame = geoinc.extract([TEXT], lang="en", published=date(2023, 12, 31))
    assert str(frame.iloc[0].killed_best) != "3"
