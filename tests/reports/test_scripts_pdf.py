"""Every script prints and reads back as typed (issue 15): Chinese, Japanese, Korean, Arabic, Hebrew,
Greek, Cyrillic, symbols and emoji; a character no font has shows as U+FFFD and is listed; the
document control fields and the region file."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pdfcheck import TODAY_FIXED, Pdf, ink_share, read_pdf, render_pages, squash
from pypdf import PdfReader
from report_fixtures import (
    MIXED_CODE,
    MIXED_CONTACTS,
    MIXED_INVESTOR,
    MIXED_SYMBOLS,
    MIXED_WEBSITE,
    NO_GLYPH,
    make_mixed_project,
)

from tutor_app.cli.main import main
from tutor_app.reports import DossierOptions, ReportResult, export_dossier
from tutor_app.reports.control import DocumentControl
from tutor_app.reports.glyphs import Unprintable
from tutor_app.services.workspace import Workspace

CONTROL = DocumentControl(protocol="R1.2026.0001234", version="2", classification="riservato",
                          distribution=("Assessore allo Sviluppo economico", "DG Sviluppo economico"),
                          signatory="Dott.ssa Laura Verdi", signatory_role="Dirigente U.O. Attrazione investimenti")


@pytest.fixture(scope="module")
def mixed_it(mixed_ws: tuple[Workspace, str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Pdf, ReportResult]:
    ws, project = mixed_ws
    out = tmp_path_factory.mktemp("pdf") / "mixed-it.pdf"
    result = export_dossier(ws, project, out, DossierOptions(control=CONTROL))
    return read_pdf(out), result


@pytest.fixture(scope="module")
def mixed_en(mixed_ws: tuple[Workspace, str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Pdf, ReportResult]:
    ws, project = mixed_ws
    out = tmp_path_factory.mktemp("pdf") / "mixed-en.pdf"
    result = export_dossier(ws, project, out, DossierOptions(lang="en", control=CONTROL))
    return read_pdf(out), result


@pytest.mark.parametrize("which", ["mixed_it", "mixed_en"])
def test_every_script_reads_back_as_typed(which: str, request: pytest.FixtureRequest) -> None:
    pdf, _ = request.getfixturevalue(which)
    text = squash(pdf.text)
    typed = [MIXED_INVESTOR, MIXED_WEBSITE, "東京精密", "さくら精密株式会社", MIXED_SYMBOLS, "≥", "≤", "≠", "👍",
             *MIXED_CONTACTS, *MIXED_CONTACTS.values()]
    missing = [t for t in typed if t not in text]
    assert not missing, missing
    assert f"{MIXED_INVESTOR} ·" in squash(pdf.pages[0]) or MIXED_INVESTOR in squash(pdf.pages[0])  # the cover


def test_a_character_no_font_has_shows_the_mark_and_is_listed(mixed_it: tuple[Pdf, ReportResult],
                                                            mixed_en: tuple[Pdf, ReportResult]) -> None:
    pdf, result = mixed_it
    assert "Portafortuna \ufffd consegnato" in pdf.text and NO_GLYPH not in pdf.text
    assert result.unprintable == (Unprintable(f"Dossier {MIXED_CODE} · Nota di aftercare · testo", NO_GLYPH),)
    assert mixed_en[1].unprintable == (Unprintable(f"Dossier {MIXED_CODE} · Aftercare note · text", NO_GLYPH),)


def test_fallback_fonts_are_embedded(mixed_it: tuple[Pdf, ReportResult]) -> None:
    pdf, _ = mixed_it
    names = set()
    for page in pdf.reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert {"NotoSans-Regular", "NotoSans-Bold", "DroidSansFallback", "NotoSansArabic-Regular",
            "NotoSansArabic-Bold", "NotoSansHebrew-Regular", "DejaVuSans", "Symbola"} <= names, names


def test_right_to_left_runs_go_in_display_order_and_arabic_is_shaped() -> None:
    from reportlab.pdfbase import pdfmetrics

    from tutor_app.reports.fonts import REGULAR, register_fonts

    register_fonts()
    font = pdfmetrics.getFont(REGULAR)
    hebrew = font.members.index(next(m for m in font.members if m.fontName == "TutorHebrew"))
    assert font.runs("שרה כהן") == ((hebrew, "ןהכ הרש"),)  # one run, right to left, its space included
    assert font.runs("Contatto: שרה כהן (CFO)") == ((0, "Contatto: "), (hebrew, "ןהכ הרש"), (0, " (CFO)"))
    # "a book of 12 pages": the number stays left to right, the words around it swap sides
    assert font.runs("ספר 12 עמודים") == ((hebrew, "םידומע"), (0, " 12"), (hebrew, " רפס"))
    [(index, drawn)] = font.runs("محمد")
    arabic = font.members[index]
    assert arabic.fontName == "TutorArabic"
    # joined forms are glyphs of their own (no character of theirs): private codes reading back as typed
    private = [ch for ch in drawn if 0xE000 <= ord(ch) <= 0xF8FF]
    assert len(private) >= 3
    assert "".join(arabic.private_text.get(ord(ch), ch) for ch in reversed(drawn)) == "محمد"
    assert font.stringWidth("محمد", 10) != sum(font.stringWidth(ch, 10) for ch in "محمد")


def test_pages_render_in_both_languages(mixed_it: tuple[Pdf, ReportResult], mixed_en: tuple[Pdf, ReportResult],
                                        tmp_path: Path) -> None:
    for lang, (pdf, _) in (("it", mixed_it), ("en", mixed_en)):
        folder = tmp_path / lang
        folder.mkdir()
        pngs = render_pages(pdf.path, folder, dpi=60)
        assert len(pngs) == len(pdf.pages) and min(ink_share(png) for png in pngs) > 0.01


def test_control_fields_and_marking_on_every_page(mixed_it: tuple[Pdf, ReportResult],
                                                 mixed_en: tuple[Pdf, ReportResult]) -> None:
    for (pdf, _), mark, protocol, words in (
            (mixed_it, "RISERVATO", "Protocollo n. R1.2026.0001234", ("LISTA DI DISTRIBUZIONE", "FIRMA")),
            (mixed_en, "CONFIDENTIAL", "Reference no. R1.2026.0001234", ("DISTRIBUTION LIST", "SIGNATURE"))):
        for number, page in enumerate(pdf.pages, start=1):
            assert mark in page and protocol in squash(page), number
        last = squash(pdf.pages[-1])
        for expected in (*words, "DG Sviluppo economico", "Dott.ssa Laura Verdi", "Dirigente U.O."):
            assert expected in last, expected


def test_without_control_fields_the_region_default_marks_every_page(mixed_ws: tuple[Workspace, str],
                                                                    tmp_path: Path) -> None:
    ws, project = mixed_ws
    out = tmp_path / "plain.pdf"
    export_dossier(ws, project, out)
    pdf = read_pdf(out)
    assert all("USO INTERNO" in page for page in pdf.pages)
    assert "Controllo del documento" not in pdf.text and "Protocollo" not in pdf.text


@pytest.fixture
def region_file(tmp_path: Path) -> Iterator[Path]:
    """A region file beside the machine's tutor.conf (conftest points TUTOR_MACHINE_CONFIG at tmp_path)."""
    from tutor_app import paths
    from tutor_app.reports.branding import branding
    from tutor_app.reports.theme import theme

    path = paths.region_file_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    branding.cache_clear()
    theme.cache_clear()
    yield path
    branding.cache_clear()
    theme.cache_clear()


def test_a_region_file_sets_agency_office_classification_and_logo(region_file: Path, tmp_path: Path) -> None:
    from tutor_app.assets import resource_path

    shutil.copy(resource_path("branding", "logo.png"), region_file.parent / "marchio.png")
    region_file.write_text(json.dumps({
        "_doc": "Regione di prova", "agency": {"it": "Agenzia Regionale di Prova", "en": "Test Regional Agency"},
        "office": {"it": "Direzione Generale Sviluppo Economico", "en": "Directorate-General for Economic Development"},
        "classification": "riservato", "logo": "marchio.png"}), encoding="utf-8")
    with Workspace.open(db=tmp_path / "r.sqlite3", today=lambda: TODAY_FIXED) as ws:
        project = make_mixed_project(ws)
        out = tmp_path / "r.pdf"
        export_dossier(ws, project, out)
    pdf = read_pdf(out)
    assert PdfReader(out).metadata.author == "Direzione Generale Sviluppo Economico"
    assert all("RISERVATO" in page and "Agenzia Regionale di Prova" in page for page in pdf.pages)
    images = [x for page in pdf.reader.pages for x in page.images]
    assert images, "the region's logo is drawn"


@pytest.mark.parametrize(("content", "detail"), [
    ("{not json", "Expecting property name"),
    ('{"classification": "segreto"}', "classification must be one of"),
    ('{"agencia": {"it": "x"}}', "unknown keys agencia"),
    ('{"logo": "missing.png"}', "logo 'missing.png'"),
])
def test_a_bad_region_file_is_a_known_error(region_file: Path, tmp_path: Path, content: str, detail: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    region_file.write_text(content, encoding="utf-8")
    db = tmp_path / "b.sqlite3"
    with Workspace.open(db=db, today=lambda: TODAY_FIXED) as ws:
        make_mixed_project(ws)
    out = tmp_path / "b.pdf"
    assert main(["export-pdf", MIXED_CODE, "--db", str(db), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"Il file della regione {region_file} non è utilizzabile" in err and detail in err
    assert not out.exists()


def test_cli_takes_control_fields_and_lists_unprintable_characters(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite3"
    with Workspace.open(db=db, today=lambda: TODAY_FIXED) as ws:
        make_mixed_project(ws)
    out = tmp_path / "c.pdf"
    assert main(["export-pdf", MIXED_CODE, "--db", str(db), "--out", str(out), "--protocol", "42/2026",
                 "--doc-version", "1.1", "--distribution", "Giunta regionale", "--distribution", "SUAP di Vimercate",
                 "--classification", "uso_interno", "--signatory", "Laura Verdi"]) == 0
    captured = capsys.readouterr()
    assert f"tutor-app: Dossier {MIXED_CODE} · Nota di aftercare · testo: nessun font ha un glifo per U+1F9FF" \
        in captured.err and "Scritto" in captured.out
    text = squash(read_pdf(out).text)
    for expected in ("Protocollo n. 42/2026", "Versione 1.1", "Giunta regionale", "SUAP di Vimercate", "USO INTERNO",
                     "Laura Verdi"):
        assert expected in text, expected
    english = tmp_path / "e.pdf"
    assert main(["portfolio-pdf", "--db", str(db), "--out", str(english), "--lang", "en",
                 "--classification", "pubblico", "--protocol", "7/2026"]) == 0
    captured = capsys.readouterr()
    assert "no font has a glyph" not in captured.err  # the note is not in the portfolio
    text = read_pdf(english).text
    assert "Reference no. 7/2026" in text and "INTERNAL USE" not in text and "CONFIDENTIAL" not in text
    assert main(["export-pdf", MIXED_CODE, "--db", str(db), "--out", str(out), "--lang", "en"]) == 0
    assert "Aftercare note · text: no font has a glyph for U+1F9FF" in capsys.readouterr().err
