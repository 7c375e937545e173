"""The README's examples name dossiers of the demo region that exist on any day it is made."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tutor_app.domain.codes import CODE_RE
from tutor_app.services.demo import build_region

README = Path(__file__).resolve().parents[2] / "README.md"
CODE = re.compile(CODE_RE.pattern.strip("^$"))


def _demo_codes_named() -> set[str]:
    """Project codes in README lines that run on the demo profile."""
    return {match.group(0) for line in README.read_text(encoding="utf-8").splitlines() if "--profile demo" in line
            for match in CODE.finditer(line)}


def test_the_readme_names_demo_dossiers() -> None:
    assert _demo_codes_named(), "the README's demo examples name no dossier: this test would check nothing"


@pytest.mark.parametrize("days_later", [0, 45, 200, 400, 1000])
def test_every_dossier_the_readme_names_is_in_the_demo_region_whatever_the_day(days_later: int) -> None:
    # `tutor-app demo --projects 300 --profile demo` (default seed), made on a later day.
    region = build_region(300, today=date.today() + timedelta(days=days_later))
    codes = {p["code"] for p in region.tables["projects"]}
    assert _demo_codes_named() <= codes


def test_the_readme_s_import_example_runs_on_the_demo_region(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    import shlex

    from tutor_app.cli.main import main

    lines = [line.split("#")[0].strip() for line in README.read_text(encoding="utf-8").splitlines()
             if line.startswith("tutor-app import") and "--profile demo" in line]
    assert lines, "the README shows no import on the demo profile: this test would check nothing"
    assert main(["demo", "--projects", "300", "--profile", "demo"]) == 0
    root = README.parent
    for line in lines:
        argv = [str(root / a) if a.startswith("tests/data/") else a for a in shlex.split(line)[1:]]
        assert main(argv) == 0, line
    out = capsys.readouterr().out
    assert "dossier nuovi: 5" in out


def test_the_readme_s_export_examples_run_on_the_demo_region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    import shlex

    from openpyxl import load_workbook

    from tutor_app.cli.main import main

    lines = [line.split("#")[0].strip() for line in README.read_text(encoding="utf-8").splitlines()
             if line.startswith("tutor-app export-table") and "--profile demo" in line]
    assert len(lines) >= 2, "the README shows no table export on the demo profile: this test would check nothing"
    assert main(["demo", "--projects", "300", "--profile", "demo"]) == 0
    monkeypatch.chdir(tmp_path)
    for line in lines:
        argv = shlex.split(line)[1:]
        assert main(argv) == 0, line
        book = load_workbook(tmp_path / argv[2], read_only=True)
        sheets = book.worksheets
        assert sheets and all(sheet.max_row and sheet.max_row > 1 for sheet in sheets), line
    out = capsys.readouterr().out
    assert "Scritto scaduti-vvf.xlsx" in out and "Tutta la regione" in out


def test_the_readme_s_search_example_finds_accented_words_typed_without_accents(
        capsys: pytest.CaptureFixture[str]) -> None:
    import shlex

    from tutor_app.cli.main import main

    lines = [line.split("#")[0].strip() for line in README.read_text(encoding="utf-8").splitlines()
             if line.startswith("tutor-app search") and "--profile demo" in line]
    assert lines, "the README shows no search on the demo profile: this test would check nothing"
    assert main(["demo", "--projects", "300", "--profile", "demo"]) == 0
    capsys.readouterr()
    for line in lines:
        argv = shlex.split(line)[1:]
        words = argv[1].split()
        assert argv[1].isascii(), line  # typed without accents, as the comment says
        assert main(argv) == 0, line
        out = capsys.readouterr().out
        hits = out.splitlines()
        assert hits, f"{line}: no hits on the demo region"
        marked = {w.lower() for hit in hits for w in re.findall(r"\[(\w+)\]", hit)}
        assert any(not w.isascii() for w in marked), f"{line}: no accented word found"
        assert all(any(_plain(m).startswith(w.lower()) for m in marked) for w in words), line  # every word


def _plain(word: str) -> str:
    """The word without its accents (as the full-text index compares it)."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
