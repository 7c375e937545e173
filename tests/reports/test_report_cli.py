"""``tutor-app export-pdf`` and ``portfolio-pdf``: exit codes, messages, and no file left behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfcheck import TODAY_FIXED, read_pdf
from report_fixtures import PROJECT_CODE, make_big_project

from tutor_app.cli.main import main
from tutor_app.services.workspace import Workspace


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.sqlite3"
    with Workspace.open(db=path, today=lambda: TODAY_FIXED) as ws:
        make_big_project(ws, meetings=3, permits=3, notes=2)
    return path


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_export_pdf_writes_the_dossier(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "dossier.pdf"
    out.parent.mkdir()
    assert main(["export-pdf", PROJECT_CODE.lower(), "--db", str(db), "--out", str(out), "--lang", "en"]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert "1. Brief for the table" in read_pdf(out).text
    assert _files(out.parent) == ["dossier.pdf"]


def test_store_options_work_before_the_command(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    assert main(["--db", str(db), "export-pdf", PROJECT_CODE, "-o", str(out)]) == 0
    assert out.stat().st_size > 10_000


def test_unknown_project_exits_2_with_a_message(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(["export-pdf", "2026-ZZZ-0001", "--db", str(db), "--out", str(folder / "x.pdf")]) == 2
    assert "Nessun progetto «2026-ZZZ-0001» in questo profilo." in capsys.readouterr().err
    assert _files(folder) == []


@pytest.mark.parametrize("where", ["missing-folder/x.pdf", "a-folder", "a-file/x.pdf"])
def test_unwritable_output_exits_2_and_leaves_nothing(db: Path, tmp_path: Path, where: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "a-file").write_text("not a folder")
    before = _files(tmp_path)
    assert main(["export-pdf", PROJECT_CODE, "--db", str(db), "--out", str(tmp_path / where)]) == 2
    assert f"Impossibile scrivere il file {tmp_path / where}" in capsys.readouterr().err
    assert main(["export-pdf", PROJECT_CODE, "--db", str(db), "--out", str(tmp_path / where), "--lang", "en"]) == 2
    assert f"Cannot write to {tmp_path / where}" in capsys.readouterr().err
    assert _files(tmp_path) == before and _files(tmp_path / "a-folder") == []


def test_a_pdf_exported_onto_a_link_goes_to_its_target_and_the_link_stays(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "dossier.pdf"
    target.write_bytes(b"old")
    link = tmp_path / "latest.pdf"
    link.symlink_to(target)
    dangling = tmp_path / "next.pdf"
    dangling.symlink_to(shared / "next.pdf")
    assert main(["export-pdf", PROJECT_CODE, "--db", str(db), "--out", str(link)]) == 0
    assert link.is_symlink() and link.resolve() == target
    assert target.read_bytes().startswith(b"%PDF") and str(target) in capsys.readouterr().out
    assert main(["export-pdf", PROJECT_CODE, "--db", str(db), "--out", str(dangling)]) == 0
    assert dangling.is_symlink() and (shared / "next.pdf").read_bytes().startswith(b"%PDF")
    assert _files(shared) == ["dossier.pdf", "next.pdf"]
    assert not [n for n in _files(tmp_path) if n.endswith(".part")]


def test_a_pdf_exported_onto_a_fifo_or_a_device_is_refused_and_the_node_stays(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os
    import stat

    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    link = tmp_path / "null.pdf"
    link.symlink_to("/dev/null")
    for where, word in ((fifo, "FIFO"), (link, "dispositivo")):
        assert main(["export-pdf", PROJECT_CODE, "--db", str(db), "--out", str(where)]) == 2
        assert f"Impossibile scrivere il file {where}" in (err := capsys.readouterr().err) and word in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and link.is_symlink()
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    assert not [n for n in _files(tmp_path) if n.endswith(".part")]


def test_existing_pdf_is_replaced_whole(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    out.write_bytes(b"old")
    assert main(["export-pdf", PROJECT_CODE, "--db", str(db), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_portfolio_pdf_and_its_filters(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "p.pdf"
    assert main(["portfolio-pdf", "--db", str(db), "--out", str(out), "--province", "MB", "--tutor", "MRS",
                 "--sector", "manufacturing", "--phase", "permitting"]) == 0
    assert PROJECT_CODE in read_pdf(out).text
    capsys.readouterr()
    empty = tmp_path / "empty.pdf"
    assert main(["portfolio-pdf", "--db", str(db), "--out", str(empty), "--province", "SO"]) == 2
    assert capsys.readouterr().err == ("tutor-app: Nessun progetto corrisponde alla selezione (Provincia: Sondrio): "
                                       "non c'è nulla da riportare.\n")
    assert main(["portfolio-pdf", "--db", str(db), "--out", str(empty), "--province", "SO", "--lang", "en"]) == 2
    assert capsys.readouterr().err == ("tutor-app: No project matches the selection (Province: Sondrio); nothing to "
                                       "report.\n")
    assert not empty.exists()


@pytest.mark.parametrize(("argv", "italian", "english"), [
    (("--phase", "someday"), "--phase: valore sconosciuto «someday»; valori ammessi: lead, ",
     "--phase: unknown value 'someday'; expected one of: lead, "),
    (("--province", "XX"), "--province: «XX» non è una provincia della Lombardia (BG, ",
     "--province: 'XX' is not a province of Lombardy (BG, "),
    (("--tutor", "Nobody"), "Nessun tutor «Nobody» in questo profilo (indica le iniziali, l'e-mail o il nome e "
                            "cognome). I tutor: Chiara Bianchi (CBI), Mario Rossi (MRS).",
     "No tutor 'Nobody' in this profile (give initials, e-mail or full name). The tutors: Chiara Bianchi (CBI), "
     "Mario Rossi (MRS)."),
    (("--protocol", "R" * 201), "--protocol: il testo è troppo lungo (201 caratteri, al massimo 200)",
     "--protocol: is too long (201 characters, at most 200)"),
    (("--signatory-role", "r" * 205), "--signatory-role: il testo è troppo lungo (205 caratteri, al massimo 200)",
     "--signatory-role: is too long (205 characters, at most 200)"),
])
def test_bad_portfolio_options_exit_2_in_the_users_language(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], italian: str,
        english: str) -> None:
    for lang, message in (("it", italian), ("en", english)):
        assert main(["portfolio-pdf", "--db", str(db), "--out", str(tmp_path / "p.pdf"), *argv, "--lang", lang]) == 2
        assert capsys.readouterr().err.startswith(f"tutor-app: {message}")
    assert not (tmp_path / "p.pdf").exists()


_SECTIONS = "brief, summary, timeline, actions, meetings, permits, aftercare, contacts, pending"


@pytest.mark.parametrize(("sections", "italian", "english"), [
    ("summary,cover", f"sezione sconosciuta «cover»; scegli tra: {_SECTIONS}",
     f"unknown section 'cover'; choose from: {_SECTIONS}"),
    ("cover,index", f"sezioni sconosciute «cover», «index»; scegli tra: {_SECTIONS}",
     f"unknown sections 'cover', 'index'; choose from: {_SECTIONS}"),
    (",", f"nessuna sezione indicata; scegli tra: {_SECTIONS}", f"no section given; choose from: {_SECTIONS}"),
])
def test_a_dossier_pdf_refuses_sections_that_are_none_in_the_users_language(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], sections: str, italian: str,
        english: str) -> None:
    out = tmp_path / "d.pdf"
    for lang, message in (("it", italian), ("en", english)):
        assert main(["export-pdf", PROJECT_CODE, "--db", str(db), "--out", str(out), "--sections", sections,
                     "--lang", lang]) == 2
        assert capsys.readouterr().err == f"tutor-app: --sections: {message}\n"
    assert not out.exists()


def test_a_missing_profile_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.sqlite3"
    assert main(["portfolio-pdf", "--db", str(missing), "--out", str(tmp_path / "p.pdf")]) == 2
    assert f"Il file dei dati {missing} non esiste." in capsys.readouterr().err
    assert _files(tmp_path) == []
