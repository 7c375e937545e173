"""The command line as a person uses it: demo, list, show, search, profile, errors, help."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.python import PYTHON
from tutor_app.cli.main import build_parser, main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "demo.sqlite3"
    code, out, _ = run(capsys, "demo", "--projects", "12", "--seed", "4", "--db", str(db))
    assert code == 0 and "12 projects" in out
    return db


def test_list_prints_every_dossier_code_first(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "--db", str(demo_db))
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("CODICE") and "12 dossiers" in err
    assert len(lines) == 13
    assert all(line[:4].isdigit() and line[4] == "-" for line in lines[1:])
    assert "€" in out
    code, out, _ = run(capsys, "--db", str(demo_db), "list", "--lang", "en")
    assert out.startswith("CODE") and code == 0


def test_show_accepts_a_code_or_an_id_and_prints_the_dossier(demo_db: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "list", "--db", str(demo_db))
    project_code = out.splitlines()[1].split()[0]
    code, text, _ = run(capsys, "show", project_code, "--db", str(demo_db))
    assert code == 0 and text.startswith(project_code)
    for heading in ("Investitore:", "Storia delle fasi:", "Riunioni", "Titoli abilitativi", "Tutor:"):
        assert heading in text
    code, english, _ = run(capsys, "show", project_code.lower(), "--db", str(demo_db), "--lang", "en")
    assert code == 0 and "Phase history:" in english and "Permits" in english


def test_unknown_project_is_a_clear_error_with_exit_code_2(demo_db: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "2026-ZZZ-0001", "--db", str(demo_db))
    assert code == 2 and out == "" and "No project '2026-ZZZ-0001'" in err
    assert "Traceback" not in err


def test_search_finds_accented_words_without_accents(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "citta", "--db", str(demo_db))
    assert code == 0 and "città" in out.lower() and "hits" in err


def test_demo_refuses_a_profile_that_already_has_data(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "demo", "--projects", "3", "--db", str(demo_db))
    assert code == 2 and "empty profile" in err


def test_profiles_live_in_the_data_home(tutor_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "profile", "Giulia Bianchi", "--email", "g.bianchi@example.it", "--profile", "giulia")
    assert code == 0 and "Giulia Bianchi" in out
    assert (tutor_home / "profiles" / "giulia" / "tutor.sqlite3").exists()
    code, _, err = run(capsys, "profile", "Altra Persona", "--profile", "giulia")
    assert code == 2 and "already belongs" in err
    code, _, err = run(capsys, "list", "--profile", "../escape")
    assert code == 2 and "not a profile name" in err


def test_every_command_has_help() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    names = set(sub.choices)  # type: ignore[arg-type]
    assert {"demo", "list", "show", "search"} <= names
    for name in names:
        with pytest.raises(SystemExit) as exit_info:
            main([name, "--help"])
        assert exit_info.value.code == 0


def test_the_console_script_reports_its_version() -> None:
    result = subprocess.run([*PYTHON, "-m", "tutor_app", "--version"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and result.stdout.startswith("tutor-app ")


@pytest.mark.parametrize(("argv", "desktop"), [
    ([], True), (["--demo"], True), (["--profile", "giulia"], True), (["--db", "x.sqlite3", "-v"], True),
    (["list"], False), (["--db", "x.sqlite3", "list"], False), (["--help"], False), (["--version"], False),
    (["--profile"], False), (["--bogus"], False),
])
def test_a_plain_start_opens_the_window_without_loading_the_commands(argv: list[str], desktop: bool) -> None:
    from tutor_app.cli.main import desktop_arguments

    args = desktop_arguments(argv)
    assert (args is not None) == desktop
    if args is not None:
        assert args.command is None


def test_starting_the_cli_loads_neither_the_database_nor_reports_nor_sync_libraries() -> None:
    code = ("import sys, tutor_app.cli.main; "
            "print(sorted(m for m in ('sqlalchemy', 'alembic', 'reportlab', 'psycopg') if m in sys.modules))")
    result = subprocess.run([*PYTHON, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
