"""Document control: what makes a report a document of the administration — the classification
marking on every page, protocol number and version, the distribution list, a signature block —
and the archive metadata (``pdfa.ArchiveMeta``) every report carries.

Region-level values (agency, responsible office, default classification) come from the branding
(``branding.py``, overridden by the region file IT ships); the per-document ones from the export
dialog or the CLI options, as a ``DocumentControl``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table, TableStyle

from tutor_app.domain.errors import TooLongError, UnknownChoiceError
from tutor_app.reports.blocks import clip, facts_grid
from tutor_app.reports.branding import CLASSIFICATIONS, Branding
from tutor_app.reports.i18n import Words
from tutor_app.reports.pdfa import ArchiveMeta
from tutor_app.reports.theme import BOLD, REGULAR, Theme

_TEXT_LIMIT = 200  # a protocol number or a name, not a paragraph


@dataclass(frozen=True)
class DocumentControl:
    """The per-document fields; empty ones are left out (the classification falls back on the region's)."""

    protocol: str = ""
    version: str = ""
    distribution: tuple[str, ...] = ()
    classification: str | None = None
    signatory: str = ""
    signatory_role: str = ""

    def validated(self) -> DocumentControl:
        """The same fields trimmed, with the classification checked (ValidationError names the field)."""
        if self.classification is not None and self.classification not in CLASSIFICATIONS:
            raise UnknownChoiceError("classification", self.classification, tuple(CLASSIFICATIONS))
        texts = {"protocol": self.protocol, "version": self.version, "signatory": self.signatory,
                 "signatory_role": self.signatory_role}
        for name, value in texts.items():
            if len(value.strip()) > _TEXT_LIMIT:
                raise TooLongError(name, len(value.strip()), _TEXT_LIMIT)
        return replace(self, protocol=self.protocol.strip(), version=self.version.strip(),
                       signatory=self.signatory.strip(), signatory_role=self.signatory_role.strip(),
                       distribution=tuple(d.strip() for d in self.distribution if d.strip()))

    @property
    def has_fields(self) -> bool:
        """Whether the document has a control section (any field but the classification given)."""
        return bool(self.protocol or self.version or self.distribution or self.signatory or self.signatory_role)

    def classification_of(self, brand: Branding) -> str:
        return self.classification or brand.classification


def marking(control: DocumentControl, brand: Branding, words: Words) -> str:
    """The marking every page carries (``RISERVATO``); none for a public document."""
    level = control.classification_of(brand)
    return "" if level == "pubblico" else words(f"class_{level}").upper()


def control_line(control: DocumentControl, words: Words) -> str:
    """``Prot. 123/2026 · versione 2`` (what is given of it), under the running title and on the cover."""
    parts = []
    if control.protocol:
        parts.append(f"{words('protocol')} {control.protocol}")
    if control.version:
        parts.append(f"{words('doc_version')} {control.version}")
    return " · ".join(parts)


def draw_marking(canvas: Canvas, text: str, right: float, top: float, theme: Theme) -> None:
    """The classification as a red-bordered label whose top right corner is at (right, top)."""
    if not text:
        return
    size = 7.5
    width = canvas.stringWidth(text, BOLD, size) + 10
    p = theme.palette
    canvas.saveState()
    canvas.setStrokeColor(p.danger)
    canvas.setFillColor(p.white)
    canvas.setLineWidth(0.8)
    canvas.rect(right - width, top - 12, width, 12, stroke=1, fill=1)
    canvas.setFillColor(p.danger)
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(right - width / 2, top - 9, text)
    canvas.restoreState()


def draw_control_line(canvas: Canvas, text: str, right: float, y: float, width: float) -> None:
    if text:
        canvas.setFont(REGULAR, 7)
        canvas.drawRightString(right, y, clip(text, width, REGULAR, 7))


def control_section(control: DocumentControl, brand: Branding, words: Words, theme: Theme,
                    width: float) -> list[Flowable]:
    """The last block of a document: its control fields, the distribution list and a signature block."""
    if not control.has_fields:
        return []
    lang = words.lang
    pairs: list[tuple[str, str | Flowable]] = [
        (words("responsible_office"), brand.text("office", lang)),
        (words("classification"), words(f"class_{control.classification_of(brand)}")),
    ]
    if control.protocol:
        pairs.append((words("protocol"), control.protocol))
    if control.version:
        pairs.append((words("doc_version"), control.version))
    if control.distribution:
        pairs.append((words("distribution"), "\n".join(control.distribution)))
    # one block: a signature alone on a last page would sign nothing the reader can see
    return [CondPageBreak(70 * mm), KeepTogether([
        Paragraph(escape(words("sec_control")), theme.h2), facts_grid(pairs, width, theme, columns=1),
        _signature_block(control, brand, words, theme, width)])]


def _signature_block(control: DocumentControl, brand: Branding, words: Words, theme: Theme,
                     width: float) -> Table:
    """Who signs, on the left; a line to sign on and one for the date, on the right."""
    who = [words("signature_for"), brand.text("office", words.lang)]
    who += [t for t in (control.signatory, control.signatory_role) if t]
    left = Paragraph("<br/>".join(escape(w) for w in who), theme.cell)
    lines = Table([[Paragraph(escape(words("signature").upper()), theme.label), ""],
                   [Paragraph(escape(words("signature_date").upper()), theme.label), ""]],
                  colWidths=[60, width * 0.5 - 66], rowHeights=[30, 30],
                  style=TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                    ("LINEBELOW", (1, 0), (1, -1), 0.6, theme.palette.ink)]))
    style = TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("TOPPADDING", (0, 0), (-1, -1), 14), ("LEFTPADDING", (0, 0), (0, 0), 6)])
    return Table([[left, lines]], colWidths=[width * 0.5, width * 0.5], style=style, hAlign="LEFT")


def archive_meta(title: str, subject: str, keywords: Sequence[str], created: datetime, brand: Branding,
                 words: Words) -> ArchiveMeta:
    """The document's metadata: the responsible office signs it; dates in Italian local time."""
    return ArchiveMeta(title=title, author=brand.text("office", words.lang), subject=subject,
                       keywords=tuple(dict.fromkeys(k for k in keywords if k)), lang=words.lang,
                       created=words.local(created))
