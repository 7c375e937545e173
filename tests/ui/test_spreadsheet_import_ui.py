"""The spreadsheet import wizard (issue 14): file → mapping → dry run → write, over the same
service as ``tutor-app import``; a wrong file or a stopped dry run writes nothing."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from PySide6.QtWidgets import QWizard

import tutor_app.ui  # noqa: F401  (Qt binding work-arounds first)
from tests.ui.conftest import OpenApp
from tutor_app.services.workspace import Workspace
from tutor_app.ui.spreadsheet_import import SpreadsheetImportWizard

DATA = Path(__file__).parents[1] / "data"


def _count(ws: Workspace, table: str) -> int:
    with ws.store.read() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)


def _to_preview(qtbot: Any, wizard: SpreadsheetImportWizard, path: Path) -> None:
    assert wizard.use_file(path)
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    qtbot.waitUntil(lambda: wizard.plan is not None or wizard.task is None, timeout=20_000)


def _wizard(qtbot: Any, open_app: OpenApp, ws: Workspace) -> tuple[Any, SpreadsheetImportWizard]:
    window = open_app(ws).window
    wizard = window.import_spreadsheet()
    assert isinstance(wizard, SpreadsheetImportWizard)
    return window, wizard


def test_a_fair_sheet_from_file_to_dossiers(qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace) -> None:
    window, wizard = _wizard(qtbot, open_app, tutor_workspace)
    assert not wizard.file_page.isComplete()
    _to_preview(qtbot, wizard, DATA / "fiera_2026_excel_cp1252.csv")
    assert "Windows-1252" in wizard.file_page.info_label.text()
    plan = wizard.plan
    assert plan is not None and plan.totals.errors == 0 and plan.totals.new_projects > 0
    assert _count(tutor_workspace, "projects") == 0  # the dry run wrote nothing
    assert wizard.preview_page.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.write_result is not None, timeout=20_000)
    assert wizard.write_result.projects_created == plan.totals.new_projects == _count(tutor_workspace, "projects")
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == plan.totals.new_projects, timeout=10_000)
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()


def test_a_damaged_file_lists_every_error_and_writes_nothing(qtbot: Any, open_app: OpenApp,
                                                             tutor_workspace: Workspace, tmp_path: Path) -> None:
    _window, wizard = _wizard(qtbot, open_app, tutor_workspace)
    _to_preview(qtbot, wizard, DATA / "fiera_2026_errori.csv")
    plan = wizard.plan
    assert plan is not None and plan.totals.errors >= 2
    page = wizard.preview_page
    model = page.model
    assert page.errors_only.isChecked()
    shown = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert len(shown) == plan.totals.errors  # every wrong row, not only the first
    assert all(model.index(r, 1).data(0x0100) == "error" for r in range(model.rowCount()))
    assert not page.isComplete() and "Importa solo le righe valide" in page.why_label.text()
    saved = page.save_errors(str(tmp_path / "errori.xlsx"))
    assert saved is not None and saved.exists()
    assert _count(tutor_workspace, "projects") == 0


def test_only_the_valid_rows_writes_exactly_those(qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace) -> None:
    _window, wizard = _wizard(qtbot, open_app, tutor_workspace)
    _to_preview(qtbot, wizard, DATA / "fiera_2026_errori.csv")
    plan = wizard.plan
    assert plan is not None
    valid = plan.totals.new_projects
    assert valid > 0
    wizard.preview_page.only_valid.setChecked(True)
    assert wizard.preview_page.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.write_result is not None, timeout=20_000)
    assert _count(tutor_workspace, "projects") == valid
    assert wizard.write_result.rows_left_out == plan.totals.errors


def test_stopping_the_dry_run_writes_nothing(qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace,
                                             tmp_path: Path) -> None:
    big = tmp_path / "grande.csv"
    lines = (DATA / "fiera_2026_excel_utf8.csv").read_text(encoding="utf-8-sig").splitlines()
    header_at = next(i for i, line in enumerate(lines) if line.startswith("Ragione sociale"))
    body = [line for line in lines[header_at + 1:] if line.strip(";") and not line.lower().startswith("total")]
    rows = [f"Azienda {n};{body[0].split(';', 2)[2]}" for n in range(10_000)]
    big.write_text("\n".join([lines[header_at], *rows]), encoding="utf-8")
    _window, wizard = _wizard(qtbot, open_app, tutor_workspace)
    assert wizard.use_file(big)
    wizard.next()
    wizard.next()
    assert wizard.task is not None
    wizard.preview_page.stop()
    assert "nulla" in wizard.preview_page.totals_label.text()
    started = time.monotonic()
    assert wizard.ctx.tasks.wait_idle(20_000)
    assert time.monotonic() - started < 5  # the worker stopped reading, it did not run to the end
    assert wizard.plan is None and not wizard.preview_page.isComplete()
    assert _count(tutor_workspace, "projects") == 0


def _big_sheet(tmp_path: Path, rows: int) -> Path:
    big = tmp_path / "grande.csv"
    lines = (DATA / "fiera_2026_excel_utf8.csv").read_text(encoding="utf-8-sig").splitlines()
    header_at = next(i for i, line in enumerate(lines) if line.startswith("Ragione sociale"))
    body = [line for line in lines[header_at + 1:] if line.strip(";") and not line.lower().startswith("total")]
    big.write_text("\n".join([lines[header_at], *(f"Azienda {n};;{body[0].split(';', 2)[2]}" for n in range(rows))]),
                   encoding="utf-8")
    return big


@pytest.mark.parametrize("how", ["stop", "close"])
def test_stopping_the_write_rolls_it_back_and_says_so(qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace,
                                                      tmp_path: Path, how: str) -> None:
    """Stop (or the window's close button) while the rows are written: the one transaction rolls
    back, the page says nothing was written, and the window stays until it has said so."""
    _window, wizard = _wizard(qtbot, open_app, tutor_workspace)
    _to_preview(qtbot, wizard, _big_sheet(tmp_path, 3000))
    assert wizard.plan is not None and wizard.plan.totals.new_projects == 3000
    waiting = _count(tutor_workspace, "outbox")  # the profile's own tutor record
    wizard.next()
    page = wizard.write_page
    assert page.writing and page.stop_button.isVisible() and not page.isComplete()
    if how == "stop":
        page.stop_button.click()
    else:
        wizard.reject()
        assert wizard.isVisible()
    assert wizard.ctx.tasks.wait_idle(20_000)
    qtbot.waitUntil(lambda: not page.writing, timeout=5_000)
    assert _count(tutor_workspace, "projects") == _count(tutor_workspace, "investors") == 0
    assert _count(tutor_workspace, "outbox") == waiting
    assert page.summary_label.text().startswith("Importazione interrotta: non è stato scritto nulla.")
    assert wizard.write_result is None and page.isComplete() and not page.stop_button.isVisible()
    wizard.reject()
    assert not wizard.isVisible()


def test_a_stop_after_the_commit_says_what_was_written(qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Stop pressed once the transaction is committed: the rows are there, and the page says so."""
    from tutor_app.services import importing

    _window, wizard = _wizard(qtbot, open_app, tutor_workspace)
    _to_preview(qtbot, wizard, DATA / "fiera_2026_excel_cp1252.csv")
    write = importing.write

    def write_then_stop(*args: Any, **kwargs: Any) -> Any:
        result = write(*args, **kwargs)
        wizard.write_page._stop.set()  # the click that comes just too late
        return result
    monkeypatch.setattr(importing, "write", write_then_stop)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.write_result is not None, timeout=20_000)
    assert _count(tutor_workspace, "projects") == wizard.write_result.projects_created > 0
    assert wizard.write_page.summary_label.text().startswith("Importato: dossier nuovi")


def test_a_bug_in_the_write_says_nothing_was_written_and_lets_the_window_close(
        qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from tutor_app.services import importing
    from tutor_app.ui import spreadsheet_import

    shown: list[BaseException] = []
    monkeypatch.setattr(spreadsheet_import, "show_error", lambda _parent, exc: shown.append(exc) or False)
    _window, wizard = _wizard(qtbot, open_app, tutor_workspace)
    _to_preview(qtbot, wizard, DATA / "fiera_2026_excel_cp1252.csv")

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("a bug in the write")
    monkeypatch.setattr(importing, "write", broken)
    wizard.next()
    page = wizard.write_page
    qtbot.waitUntil(lambda: not page.writing, timeout=10_000)
    assert [str(e) for e in shown] == ["a bug in the write"]  # the crash dialog, with the details
    assert page.summary_label.text() == "Non è stato scritto nulla." and page.isComplete()
    assert _count(tutor_workspace, "projects") == 0


def test_a_mapping_edit_changes_the_outcome(qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace) -> None:
    _window, wizard = _wizard(qtbot, open_app, tutor_workspace)
    assert wizard.use_file(DATA / "fiera_2026_excel_cp1252.csv")
    wizard.next()
    page = wizard.mapping_page
    title_column = wizard.columns["title"]
    page.combo(title_column).setCurrentIndex(0)  # "not imported"
    assert not page.isComplete() and "Titolo" in page.problem_label.text()
    notes = wizard.header.header.index("Note")  # type: ignore[union-attr]
    page.combo(notes).setCurrentIndex(page.combo(notes).findData("title"))
    assert page.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=20_000)
    import csv

    lines = list(csv.reader((DATA / "fiera_2026_excel_cp1252.csv").read_text(encoding="cp1252").splitlines(),
                            delimiter=";"))[3:]
    notes_cells = {line[notes] for line in lines if len(line) > notes and line[notes]}
    titles = {r.detail.get("title") for r in wizard.plan.rows() if r.outcome == "new"}  # type: ignore[union-attr]
    assert titles and titles <= notes_cells  # the titles now come from the "Note" column


def test_the_preview_model_is_a_sound_model(qtbot: Any, qtmodeltester: Any, open_app: OpenApp,
                                            tutor_workspace: Workspace) -> None:
    _window, wizard = _wizard(qtbot, open_app, tutor_workspace)
    _to_preview(qtbot, wizard, DATA / "fiera_2026_errori.csv")
    qtmodeltester.check(wizard.preview_page.model)
    wizard.preview_page.errors_only.setChecked(False)
    qtmodeltester.check(wizard.preview_page.model)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_step_speaks_the_users_language(qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace,
                                              ui_settings: Any, lang: str) -> None:
    import csv

    from tests.ui.test_languages import _norm, _problems, _texts

    ui_settings.language_choice = lang
    window = open_app(tutor_workspace, ui_settings).window
    wizard = window.import_spreadsheet()
    path = DATA / "fiera_2026_errori.csv"
    user = {_norm(cell) for line in csv.reader(path.read_text(encoding="cp1252").splitlines(), delimiter=";")
            for cell in line if cell} | {_norm(str(path))}
    seen = list(_texts(wizard))
    assert wizard.use_file(path)
    seen += list(_texts(wizard))
    wizard.next()
    seen += list(_texts(wizard))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=20_000)
    seen += list(_texts(wizard))
    wizard.preview_page.only_valid.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.write_result is not None, timeout=20_000)
    seen += list(_texts(wizard))
    problems = _problems(seen, lang, user)
    assert not problems, "\n".join(problems[:40])


def test_a_saved_mapping_profile_is_offered_and_used(qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    from tutor_app.services import importing

    _window, wizard = _wizard(qtbot, open_app, tutor_workspace)
    assert wizard.use_file(DATA / "fiera_2026_excel_cp1252.csv")
    wizard.next()
    page = wizard.mapping_page
    notes = wizard.header.header.index("Note")  # type: ignore[union-attr]
    page.combo(notes).setCurrentIndex(page.combo(notes).findData("title"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Fiera con note", True))
    page.save_profile()
    assert importing.mappings(tutor_workspace)["Fiera con note"]["title"] == "Note"
    wizard.back()
    assert wizard.use_file(DATA / "fiera_2026_excel_cp1252.csv")  # a new start: the automatic mapping
    wizard.next()
    assert wizard.columns["title"] != notes
    at = page.profile_combo.findData("Fiera con note")
    assert at > 0
    page.profile_combo.setCurrentIndex(at)
    page.profile_combo.activated.emit(at)
    assert wizard.columns["title"] == notes and page.combo(notes).currentData() == "title"
