"""``tutor-app import``: the dry run printed first, a question before writing, exit 2 listing every
error (writing nothing), ``--only-valid`` and ``--errors`` as explicit choices."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from tests.unit import test_cli
from tests.unit.test_cli import run
from tests.unit.test_import import DATA, snapshot
from tutor_app.services.workspace import Workspace

demo_db = test_cli.demo_db  # the command-line tests' small demo region, a fixture here too


def test_a_dry_run_prints_every_row_and_the_totals_and_writes_nothing(demo_db: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    with Workspace.open(db=demo_db) as ws:
        before = snapshot(ws)
    code, out, _ = run(capsys, "import", str(DATA / "fiera_2026_excel_cp1252.csv"), "--db", str(demo_db), "--dry-run")
    assert code == 0
    assert "codifica Windows-1252, separatore punto e virgola (;)" in out
    assert "Riga 6: nuovo «Nuovo magazzino Lodi», «SOCIETA' ALFA SPA» — investitore della riga 5" in out
    assert "Riga 9: ignorata (riga dei totali)" in out
    assert "investitori nuovi: 3" in out and "dossier nuovi: 5" in out and "168.100.001\u00a0€" in out
    with Workspace.open(db=demo_db) as ws:
        assert snapshot(ws) == before


def test_wrong_rows_exit_2_listing_every_error_and_nothing_is_written(demo_db: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    with Workspace.open(db=demo_db) as ws:
        before = snapshot(ws)
    errors_out = tmp_path / "errori.xlsx"
    code, out, err = run(capsys, "import", str(DATA / "fiera_2026_errori.csv"), "--db", str(demo_db), "--yes",
                         "--errors", str(errors_out), "--lang", "en")
    assert code == 2
    assert out.count(f"{DATA / 'fiera_2026_errori.csv'}, row ") == 11  # every error, each with file and row
    assert "row 8, column “Provincia”: “ZZ” is not a province of Lombardy" in out
    assert "7 rows have errors" in err and "nothing was written" in err
    assert errors_out.exists()
    with Workspace.open(db=demo_db) as ws:
        assert snapshot(ws) == before
    code, out, _ = run(capsys, "import", str(DATA / "fiera_2026_errori.csv"), "--db", str(demo_db), "--yes",
                       "--only-valid")
    assert code == 0 and "2 dossier nuovi" in out and "7 righe con errori lasciate fuori" in out


def test_without_yes_it_asks_and_a_no_writes_nothing(demo_db: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    with Workspace.open(db=demo_db) as ws:
        before = snapshot(ws)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: nobody to ask
    code, _, err = run(capsys, "import", str(DATA / "fiera_2026_formattato.xlsx"), "--db", str(demo_db))
    assert code == 1 and "--yes" in err

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert run(capsys, "import", str(DATA / "fiera_2026_formattato.xlsx"), "--db", str(demo_db))[0] == 1
    with Workspace.open(db=demo_db) as ws:
        assert snapshot(ws) == before
    monkeypatch.setattr("sys.stdin", Terminal("s\n"))
    code, out, _ = run(capsys, "import", str(DATA / "fiera_2026_formattato.xlsx"), "--db", str(demo_db))
    assert code == 0 and "Importato: 5 dossier nuovi" in out


def test_a_missing_column_is_a_known_error_naming_it(tmp_path: Path, demo_db: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "poche_colonne.csv"
    path.write_text("Ragione sociale;Paese;Titolo\nAlfa;IT;Fab\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(path), "--db", str(demo_db))
    assert code == 2 and "mancano colonne obbligatorie: «Tipo», «Settore», «Funzione»" in err


def test_a_mapping_saved_by_one_import_reads_the_next(tmp_path: Path, demo_db: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "crm.csv"
    path.write_text("Cliente;Nazione;Iniziativa;Categoria;Comparto;Ambito\nAlfa;DE;Fab;Espansione;ICT;Servizi\n",
                    encoding="utf-8")
    maps = ["--map", "investor=Cliente", "--map", "title=Iniziativa", "--map", "kind=Categoria",
            "--map", "sector=Comparto", "--map", "function=Ambito"]
    code, out, _ = run(capsys, "import", str(path), "--db", str(demo_db), "--dry-run", *maps, "--save-mapping", "CRM")
    assert code == 0 and "Corrispondenza «CRM» salvata." in out
    other = tmp_path / "crm2.csv"
    shutil.copyfile(path, other)
    code, out, _ = run(capsys, "import", str(other), "--db", str(demo_db), "--mapping", "CRM", "--yes")
    assert code == 0 and "Importato: 1 dossier nuovo, 0 aggiornati, 1 investitore nuovo" in out
    # The time as Italian writes it: "0,0 s", never "0.0 s".
    assert re.search(r"1 investitore nuovo, 0 completati \(\d+,\d s\)\. Le modifiche vanno", out), out
    (tmp_path / "crm3.csv").write_text("Cliente;Nazione;Iniziativa;Categoria;Comparto;Ambito\n"
                                       "Beta;DE;Lab;Espansione;ICT;Servizi\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", str(tmp_path / "crm3.csv"), "--db", str(demo_db), "--mapping", "CRM", "--yes",
                       "--lang", "en")
    assert code == 0 and re.search(r"0 completed \(\d+\.\d s\)\. The changes go", out), out
