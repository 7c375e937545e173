"""PDF/A-2u: the reports pass every check of ``pdfa_checks``, and each check catches the bug it is
for (planted here by breaking the writer, or the bytes, one way at a time)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pdfa_checks import check, pdf_date_value, xmp_values
from pdfcheck import Pdf
from pypdf import PdfReader
from report_fixtures import MIXED_CODE, MIXED_INVESTOR

from tutor_app.reports import DossierOptions, export_dossier
from tutor_app.reports.api import load_dossier_data, render_to_bytes
from tutor_app.reports.dossier import build_dossier
from tutor_app.reports.i18n import Words
from tutor_app.reports.theme import theme
from tutor_app.services.workspace import Workspace


def _bytes(mixed_ws: tuple[Workspace, str], lang: str = "it", story_extra: Callable[[list[Any]], None] | None = None,
           archive: bool = True) -> bytes:
    """A dossier made in memory (not through export_dossier, so the suite-wide check leaves it alone)."""
    ws, project = mixed_ws
    words = Words(lang)
    setup, story = build_dossier(load_dossier_data(ws, project), DossierOptions(lang=lang), words, theme())
    if story_extra is not None:
        story_extra(story)
    if not archive:
        setup.archive = None
    data, _ = render_to_bytes(setup, story)
    return data


def _clauses(data: bytes) -> set[str]:
    return {failure.split(":")[0].removeprefix("ISO 19005-2 ") for failure in check(data)}


def test_every_report_passes(dossier_it: Pdf, dossier_en: Pdf, portfolio_it: Pdf, portfolio_en: Pdf,
                             mixed_ws: tuple[Workspace, str]) -> None:
    for pdf in (dossier_it, dossier_en, portfolio_it, portfolio_en):
        assert check(pdf.path.read_bytes()) == [], pdf.path
    assert check(_bytes(mixed_ws)) == [] and check(_bytes(mixed_ws, "en")) == []


def test_metadata_says_what_the_document_is(mixed_ws: tuple[Workspace, str], tmp_path: Path) -> None:
    ws, project = mixed_ws
    out = tmp_path / "d.pdf"
    export_dossier(ws, project, out)
    data = out.read_bytes()
    xmp = xmp_values(data)
    info = PdfReader(out).metadata
    assert info is not None
    assert xmp["pdfaid:part"] == "2" and xmp["pdfaid:conformance"] == "U"
    assert info.title == xmp["dc:title"] and MIXED_CODE in info.title and "東京精密" in info.title
    assert info.author == xmp["dc:creator"] == "Invest in Lombardy · Servizio di attrazione e accompagnamento " \
                                               "degli investimenti"  # the responsible office
    assert MIXED_INVESTOR in xmp["dc:description"] == info.subject
    assert MIXED_CODE in info["/Keywords"] and MIXED_INVESTOR in info["/Keywords"]
    assert xmp["dc:language"] == "it-IT" and PdfReader(out).trailer["/Root"]["/Lang"] == "it-IT"
    created = pdf_date_value(info["/CreationDate"])
    assert created.utcoffset() == timedelta(hours=1)  # Italian local time in November, offset written
    assert xmp["xmp:CreateDate"].endswith("+01:00")
    assert abs(created - datetime.now(UTC)) < timedelta(minutes=5)  # when it was made, not the data's day
    english = tmp_path / "e.pdf"
    export_dossier(ws, project, english, DossierOptions(lang="en"))
    assert xmp_values(english.read_bytes())["dc:language"] == "en-GB"
    assert PdfReader(english).metadata.author == "Invest in Lombardy · Investment attraction and aftercare service"


# -- planted bugs: each check fails on the file it is written for ----------------------------------------

def test_no_archival_pass_fails_output_intent_and_metadata(mixed_ws: tuple[Workspace, str]) -> None:
    assert {"6.2.3", "6.6.2.1"} <= _clauses(_bytes(mixed_ws, archive=False))


def test_no_eol_before_endstream_fails_6_1_7_1(mixed_ws: tuple[Workspace, str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.pdfbase import pdfdoc

    fixed = pdfdoc.PDFStream.format
    monkeypatch.setattr(pdfdoc.PDFStream, "format",
                        lambda self, doc: fixed(self, doc).removesuffix(b"\nendstream\n") + b"endstream\n")
    assert "6.1.7.1" in _clauses(_bytes(mixed_ws))


def test_header_and_trailer_faults_fail_6_1_2_and_6_1_3(mixed_ws: tuple[Workspace, str]) -> None:
    data = _bytes(mixed_ws)
    assert "6.1.2" in _clauses(b"%PDF-1.4\n%abcd" + data[data.index(b"\n", 10):])
    assert "6.1.3" in _clauses(data.replace(b"/ID", b"/XX") + b"junk")


def test_annotation_without_print_flag_fails_6_3_2(mixed_ws: tuple[Workspace, str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from tutor_app.reports import layout

    monkeypatch.setattr(layout, "printable_annotation", lambda annotation: None)
    assert "6.3.2" in _clauses(_bytes(mixed_ws, story_extra=_add(lambda c: c.linkURL("https://example.it",
                                                                                          (0, 0, 20, 20)))))


def test_forbidden_action_fails_6_5_1(mixed_ws: tuple[Workspace, str]) -> None:
    def launch(canvas: Any) -> None:
        from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString

        canvas._addAnnotation(PDFDictionary({"Type": PDFName("Annot"), "Subtype": PDFName("Link"),
                                             "Rect": PDFArray([0, 0, 10, 10]),
                                             "A": PDFDictionary({"S": PDFName("Launch"),
                                                                 "F": PDFString("calc.exe")})}))

    assert "6.5.1" in _clauses(_bytes(mixed_ws, story_extra=_add(launch)))


def test_cmyk_colour_fails_6_2_4_3(mixed_ws: tuple[Workspace, str]) -> None:
    assert "6.2.4.3" in _clauses(_bytes(mixed_ws, story_extra=_add(lambda c: c.setFillColorCMYK(0, 1, 1, 0))))


def test_a_standard_font_fails_6_2_11_4_1(mixed_ws: tuple[Workspace, str]) -> None:
    def helvetica(canvas: Any) -> None:
        canvas.setFont("Helvetica", 9)
        canvas.drawString(0, 0, "Helvetica")

    assert "6.2.11.4.1" in _clauses(_bytes(mixed_ws, story_extra=_add(helvetica)))


def test_text_with_no_fallback_draws_notdef_and_fails_6_2_11_8(mixed_ws: tuple[Workspace, str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from tutor_app.reports.fonts import BOLD, REGULAR, FallbackFont

    monkeypatch.setattr(FallbackFont, "splitString", TTFont.splitString)  # Noto Sans alone, as before
    for name in (REGULAR, BOLD):  # Noto Sans draws U+0000 as an empty glyph; most fonts draw .notdef
        monkeypatch.delitem(pdfmetrics.getFont(name).face.charToGlyph, 0)
    assert {"6.2.11.8", "6.2.11.7.2"} <= _clauses(_bytes(mixed_ws))


def test_a_code_with_no_unicode_value_fails_6_2_11_7_2(mixed_ws: tuple[Workspace, str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from tutor_app.reports import fonts

    real = fonts.to_unicode_cmap
    monkeypatch.setattr(fonts, "to_unicode_cmap", lambda name, subset, private: real(name, [0xFEFF] * len(subset),
                                                                                      {}))
    assert "6.2.11.7.2" in _clauses(_bytes(mixed_ws))


def test_widths_unlike_the_font_program_fail_6_2_11_5(mixed_ws: tuple[Workspace, str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.pdfbase import pdfmetrics

    widths = pdfmetrics.getFont("NotoSans").face.charWidths
    monkeypatch.setitem(widths, ord("a"), widths[ord("a")] + 80)
    assert "6.2.11.5" in _clauses(_bytes(mixed_ws))


def test_icc_profile_of_the_wrong_kind_fails_6_2_3_and_6_2_4_3(mixed_ws: tuple[Workspace, str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from tutor_app.reports import pdfa

    icc = pdfa._icc_profile()
    monkeypatch.setattr(pdfa, "_icc_profile", lambda: icc[:12] + b"scnrCMYK" + icc[20:])
    assert {"6.2.3", "6.2.4.3"} <= _clauses(_bytes(mixed_ws))


@pytest.mark.parametrize(("change", "clause"), [
    ((b"<pdfaid:part>2", b"<pdfaid:part>1"), "6.6.4"),
    ((b"<pdfaid:conformance>U", b"<pdfaid:conformance>B"), "6.6.4"),
    ((b'id="W5M0MpCehiHzreSzNTczkc9d"', b'id="W5M0MpCehiHzreSzNTczkc9d" encoding="UTF-8"'), "6.6.2.1"),
    ((b"<xmp:CreatorTool>Tutor", b"<xmp:CreatorTool>Somebody else"), "6.6.3"),
    ((b"<xmp:CreateDate>", b"<xmp:CreateDate>1999"), "6.6.3"),
    ((b"<dc:format>", b"<tutor:made xmlns:tutor='urn:x'>1</tutor:made><dc:format>"), "6.6.2.3.1"),
])
def test_metadata_faults_fail_their_clause(mixed_ws: tuple[Workspace, str], monkeypatch: pytest.MonkeyPatch,
                                           change: tuple[bytes, bytes], clause: str) -> None:
    from tutor_app.reports import pdfa

    real = pdfa.xmp_packet

    def broken(meta: Any, producer: str) -> bytes:
        packet = real(meta, producer)
        assert change[0] in packet
        return packet.replace(*change)

    monkeypatch.setattr(pdfa, "xmp_packet", broken)
    assert clause in _clauses(_bytes(mixed_ws))


def _add(draw: Callable[[Any], None]) -> Callable[[list[Any]], None]:
    """A story change: one flowable that calls ``draw`` with the canvas."""
    from reportlab.platypus import Flowable

    class Draw(Flowable):  # type: ignore[misc]
        def wrap(self, *_: float) -> tuple[float, float]:
            return 10, 10

        def draw(self) -> None:
            draw(self.canv)

    return lambda story: story.append(Draw())
