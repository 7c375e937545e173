"""The PDF export dialog: generation off the GUI thread, progress, preview, cancel, save."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFileDialog

import tutor_app.ui  # noqa: F401  (Qt binding work-arounds first)
from tutor_app.services.dossiers import list_dossiers
from tutor_app.services.workspace import Workspace
from tutor_app.ui.export_dialog import ExportDialog


def _export_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "tutor-export"]


def test_dossier_preview_then_save(
    qtbot: pytest.FixtureRequest, demo_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = list_dossiers(demo_workspace)[0]
    dialog = ExportDialog(demo_workspace, row.id)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert row.code in dialog.heading.text()
    assert not dialog.save_button.isEnabled()
    values: list[int] = []
    dialog.progress.valueChanged.connect(values.append)
    dialog.generate()
    assert dialog.running or dialog.report is not None  # the GUI thread did not do the work
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)  # type: ignore[attr-defined]
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.document.pageCount() == dialog.report.pages >= 3
    assert values and values[-1] == 1000
    assert dialog.save_button.isEnabled() and dialog.progress.isHidden()
    target = tmp_path / "chosen" / "mine"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF files (*.pdf)"))
    dialog.save()
    saved = target.with_suffix(".pdf")
    assert dialog.saved_to == saved and saved.read_bytes()[:4] == b"%PDF"
    assert sorted(p.name for p in saved.parent.iterdir()) == ["mine.pdf"]
    assert not _export_threads()


def test_portfolio_with_filters_sections_and_english(qtbot: pytest.FixtureRequest, demo_workspace: Workspace) -> None:
    dialog = ExportDialog(demo_workspace)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    province = next(r.province for r in list_dossiers(demo_workspace) if r.province)
    dialog.filters["province"].setCurrentIndex(dialog.filters["province"].findData(province))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.sections["upcoming"].setChecked(False)
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)  # type: ignore[attr-defined]
    from pypdf import PdfReader

    assert dialog.report is not None
    text = "\n".join(page.extract_text() for page in PdfReader(dialog.report.path).pages)
    assert "PORTFOLIO REPORT" in text and "Upcoming working-table" not in text
    for key in dialog.sections:
        dialog.sections[key].setChecked(False)
    assert not dialog.generate_button.isEnabled()  # nothing to export


def test_cancel_stops_the_work_and_closing_leaves_nothing(
    qtbot: pytest.FixtureRequest, demo_workspace: Workspace
) -> None:
    dialog = ExportDialog(demo_workspace)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    folder = dialog._folder
    original = dialog._job

    def job_that_sees_cancel(out: Path, cancel: threading.Event):  # type: ignore[no-untyped-def]
        cancel.set()  # as if Cancel were pressed while the worker runs: it stops at its next check
        return original(out, cancel)

    dialog._job = job_that_sees_cancel  # type: ignore[method-assign]
    dialog.generate()
    qtbot.waitUntil(
        lambda: not dialog.running and "Cancelled" in dialog.status.text(),  # type: ignore[attr-defined]
        timeout=20_000,
    )
    assert dialog.report is None and not dialog.save_button.isEnabled()
    assert list(folder.iterdir()) == []  # no half-written preview
    dialog.reject()
    assert not folder.exists() and not _export_threads()


def test_screenshot_of_the_dialog(qtbot: pytest.FixtureRequest, demo_workspace: Workspace, tmp_path: Path) -> None:
    """Render the dialog with a preview (the PNG is for people to look at; the test checks it is not empty)."""
    row = list_dossiers(demo_workspace)[1]
    dialog = ExportDialog(demo_workspace, row.id)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.resize(1100, 760)
    dialog.show()
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)  # type: ignore[attr-defined]
    qtbot.wait(200)  # type: ignore[attr-defined]
    shot = tmp_path / "export_dialog.png"
    assert dialog.grab().save(str(shot))
    from PIL import Image

    image = Image.open(shot).convert("L")
    assert image.width >= 1000 and sum(1 for count in image.histogram() if count) > 50


@pytest.mark.parametrize(("language", "heading"), [
    ("it", "1 campo contiene caratteri che nessun font può stampare; nel PDF compare \ufffd al loro posto:"),
    ("en", "1 field holds characters no font can print; the PDF shows \ufffd in their place:"),
])
def test_control_fields_reach_the_pdf_and_unprintable_characters_are_listed(
    qtbot: pytest.FixtureRequest, tmp_path: Path, language: str, heading: str
) -> None:
    from pypdf import PdfReader
    from report_fixtures import make_mixed_project

    from tutor_app.ui.i18n import Translations

    translations = Translations()
    translations.install(language)
    try:
        with Workspace.open(db=tmp_path / "m.sqlite3") as ws:
            dialog = ExportDialog(ws, make_mixed_project(ws))
            qtbot.addWidget(dialog)  # type: ignore[attr-defined]
            dialog.language.setCurrentIndex(dialog.language.findData(language))
            dialog.protocol.setText("R1.2026.0000042")
            dialog.version.setText("3")
            dialog.classification.setCurrentIndex(dialog.classification.findData("riservato"))
            dialog.distribution.setPlainText("Giunta regionale\n\nSUAP di Vimercate\n")
            dialog.signatory.setText("Laura Verdi")
            dialog.generate()
            qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)  # type: ignore[attr-defined]
            assert dialog.report is not None
            text = "\n".join(page.extract_text() for page in PdfReader(dialog.report.path).pages)
            mark = "RISERVATO" if language == "it" else "CONFIDENTIAL"
            for expected in (mark, "R1.2026.0000042", "Giunta regionale", "SUAP di Vimercate", "Laura Verdi"):
                assert expected in text, expected
            status = dialog.status.text()
            where = "Nota di aftercare · testo" if language == "it" else "Aftercare note · text"
            assert heading in status and where in status and "U+1F9FF" in status
            assert len(dialog.warnings) == 1
            dialog.reject()
    finally:
        translations.uninstall()


def test_a_control_field_too_long_is_said_and_nothing_starts(qtbot: pytest.FixtureRequest,
                                                             demo_workspace: Workspace) -> None:
    dialog = ExportDialog(demo_workspace, list_dossiers(demo_workspace)[0].id)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.protocol.setText("9" * 201)
    dialog.generate()
    assert not dialog.running and dialog.report is None
    assert dialog.status.text() == "Protocol no.: The text is too long."  # the suite runs in English


@pytest.mark.parametrize(("lang", "said"), [
    ("it", {"phase": "Tutte le fasi", "sector": "Tutti i settori", "province": "Tutte le province"}),
    ("en", {"phase": "All phases", "sector": "All sectors", "province": "All provinces"}),
])
def test_each_all_choice_of_the_portfolio_agrees_with_its_noun(
    qtbot: pytest.FixtureRequest, demo_workspace: Workspace, speaking: Callable[[str], bool], lang: str,
    said: dict[str, str],
) -> None:
    """As the list's filters say it: "Tutte le fasi", not "Fase: Tutti"."""
    speaking(lang)
    dialog = ExportDialog(demo_workspace)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert {key: combo.itemText(0) for key, combo in dialog.filters.items()} == said
    assert all(combo.itemData(0) is None for combo in dialog.filters.values())  # still "no filter"


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("dossier", [True, False], ids=["dossier", "portfolio"])
def test_the_choices_fit_their_panel_and_the_preview_says_how_to_make_it(
        qtbot: pytest.FixtureRequest, demo_workspace: Workspace, speaking: Callable[[str], bool], lang: str,
        dossier: bool) -> None:
    """Every choice fits the panel, nothing under its edge (a long classification choice pushed it
    past its scroll area: the title cut, the combos' arrows hidden); before the first preview its
    place says how to make it (it was a grey box), and the PDF replaces the sentence."""
    from PySide6.QtWidgets import QScrollArea

    speaking(lang)
    dialog = ExportDialog(demo_workspace, list_dossiers(demo_workspace)[0].id if dossier else None)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    qtbot.waitExposed(dialog)  # type: ignore[attr-defined]
    choices = dialog.findChild(QScrollArea, "exportChoices")
    assert choices.horizontalScrollBar().maximum() == 0
    assert choices.widget().width() <= choices.viewport().width()
    assert dialog.preview_note.isVisible() and dialog.preview_note.text()
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)  # type: ignore[attr-defined]
    assert not dialog.preview_note.isVisible()


@pytest.mark.parametrize(("lang", "pdf_lang", "said"), [
    ("it", "en", "Nessun progetto corrisponde alla selezione (Fase: {phase_it} · Provincia: {province}): non c'è "
                 "nulla da riportare."),
    ("en", "it", "No project matches the selection (Phase: {phase_en} · Province: {province}); nothing to report."),
])
def test_a_portfolio_selection_with_no_dossier_is_said_in_the_windows_language(
        qtbot: pytest.FixtureRequest, demo_workspace: Workspace, speaking: Callable[[str], bool], lang: str,
        pdf_lang: str, said: str) -> None:
    """The window's language, not the PDF's: the sentence is for the person at the window."""
    from tutor_app.domain.enums import Phase
    from tutor_app.domain.places import PROVINCE_BY_CODE

    speaking(lang)
    rows = list_dossiers(demo_workspace)
    province, phase = next((p, f) for p in PROVINCE_BY_CODE for f in Phase
                           if not any(r.province == p and r.phase == f for r in rows))
    dialog = ExportDialog(demo_workspace)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.filters["province"].setCurrentIndex(dialog.filters["province"].findData(province))
    dialog.filters["phase"].setCurrentIndex(dialog.filters["phase"].findData(phase.value))
    dialog.language.setCurrentIndex(dialog.language.findData(pdf_lang))
    dialog.generate()
    expected = said.format(province=PROVINCE_BY_CODE[province].name, phase_it=phase.label("it"),
                           phase_en=phase.label("en"))
    qtbot.waitUntil(lambda: dialog.status.text() == expected, timeout=20_000)  # type: ignore[attr-defined]
    assert dialog.report is None and not dialog.running
