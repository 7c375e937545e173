"""The page machinery shared by every report: cover and body pages, running header and footer,
``Pagina X di Y``, bookmarks, the outline and a table of contents — all in one layout pass.

Why one pass: the usual recipes for "page X of Y" and a table of contents lay the document
out twice (``multiBuild``) or replay every page at the end (and then bookmarks point at the
wrong pages). Here each number that is only known later — the page total, the page of each
section in the contents — is a PDF form XObject: pages reference it by name while they are
drawn, and it is defined once, at save time. Viewers and text extraction see ordinary text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.flowables import Spacer

from tutor_app.reports.blocks import clip
from tutor_app.reports.branding import draw_logo
from tutor_app.reports.control import DocumentControl, control_line, draw_control_line, draw_marking, marking
from tutor_app.reports.i18n import Words
from tutor_app.reports.pdfa import ArchiveMeta, mark_archival, printable_annotation
from tutor_app.reports.progress import Tracker
from tutor_app.reports.theme import BOLD, PAGE_MARGIN, REGULAR, Theme

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN = 25 * mm
BOTTOM_MARGIN = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * PAGE_MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
TOTAL_FORM = "pagetotal"
_FURNITURE_FORM = "furniture"
_FOOTER_SIZE = 7.5
_FOOTER_BASE = 11 * mm


@dataclass
class Deferred:
    """Texts known only later (page total, section pages), drawn into forms at save time."""

    texts: dict[str, str] = field(default_factory=dict)
    wanted: dict[str, tuple[str, float, bool]] = field(default_factory=dict)  # name -> font, size, right
    pages: int = 0

    def use(self, canvas: Canvas, name: str, font: str, size: float, right: bool = False) -> None:
        """Draw the form ``name`` at the current origin (its text is set later)."""
        self.wanted[name] = (font, size, right)
        canvas.doForm(name)

    def define_all(self, canvas: Canvas) -> None:
        self.texts[TOTAL_FORM] = str(self.pages)
        for name, (font, size, right) in self.wanted.items():
            value = self.texts.get(name, "")
            canvas.beginForm(name, -300, -10, 300, 30)
            canvas.setFont(font, size)
            if right:
                canvas.drawRightString(0, 0, value)
            else:
                canvas.drawString(0, 0, value)
            canvas.endForm()


class ReportCanvas(Canvas):  # type: ignore[misc]
    """A canvas that counts its pages, fills in the deferred numbers and makes the file PDF/A
    (``pdfa.py``) before saving."""

    def __init__(self, *args: Any, deferred: Deferred, archive: ArchiveMeta | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deferred = deferred
        self.archive = archive

    def showPage(self) -> None:
        self.deferred.pages += 1
        super().showPage()

    def _addAnnotation(self, annotation: Any, name: str | None = None, addtopage: int = 1) -> None:
        printable_annotation(annotation)
        super()._addAnnotation(annotation, name, addtopage)

    def save(self) -> None:
        self.deferred.define_all(self)
        if self.archive is not None:
            mark_archival(self, self.archive)
        super().save()


@dataclass(frozen=True)
class CoverFact:
    label: str
    value: str


@dataclass
class PageSetup:
    """What the page furniture says: the running title, the freshness line, the cover."""

    words: Words
    theme: Theme
    running_title: str
    freshness: str
    title: str                      # the PDF's document title (viewer's title bar)
    subject: str = ""
    draw_cover: Callable[[Canvas], None] | None = None
    archive: ArchiveMeta | None = None  # None: a plain PDF (a preview of a part), not an archival one
    control: DocumentControl = field(default_factory=DocumentControl)


class Heading(Paragraph):  # type: ignore[misc]
    """A section heading that is also a bookmark, an outline entry and (optionally) a contents line."""

    def __init__(self, text: str, style: Any, key: str, level: int = 0, outline: str | None = None,
                 in_contents: bool = False, closed: bool = True) -> None:
        super().__init__(text, style)
        self.key = key
        self.level = level
        self.outline_text = outline or text
        self.in_contents = in_contents
        self.closed = closed
        self.keepWithNext = True

    def draw(self) -> None:
        super().draw()
        canvas = self.canv
        canvas.bookmarkHorizontal(self.key, 0, self.height + 6)
        canvas.addOutlineEntry(self.outline_text, self.key, level=self.level, closed=self.closed)
        if self.in_contents and isinstance(canvas, ReportCanvas):
            canvas.deferred.texts[f"toc-{self.key}"] = str(canvas.getPageNumber())


class OutlineMark(Flowable):  # type: ignore[misc]
    """An outline entry with no visible heading (e.g. one per meeting, under its section)."""

    def __init__(self, text: str, key: str, level: int) -> None:
        super().__init__()
        self.text, self.key, self.level = text, key, level
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, 14)
        self.canv.addOutlineEntry(self.text, self.key, level=self.level, closed=True)


@dataclass(frozen=True)
class ContentsEntry:
    key: str
    text: str
    level: int = 0


class Contents(Flowable):  # type: ignore[misc]
    """A table of contents whose page numbers are filled in when the document is saved."""

    def __init__(self, entries: Sequence[ContentsEntry], theme: Theme) -> None:
        super().__init__()
        self.entries = list(entries)
        self.theme = theme
        self.line = 19.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.line * len(self.entries)

    def draw(self) -> None:
        canvas = self.canv
        p = self.theme.palette
        y = self.line * len(self.entries)
        for entry in self.entries:
            y -= self.line
            indent = 16 * entry.level
            font, size = (BOLD, 10.5) if entry.level == 0 else (REGULAR, 9.5)
            canvas.setFont(font, size)
            canvas.setFillColor(p.ink if entry.level == 0 else p.muted)
            canvas.drawString(indent, y + 5, entry.text)
            text_end = indent + canvas.stringWidth(entry.text, font, size) + 6
            canvas.setStrokeColor(p.rule)
            canvas.setDash(0.5, 2.5)
            canvas.setLineWidth(0.8)
            canvas.line(text_end, y + 5, self.width - 28, y + 5)
            canvas.setDash()
            canvas.saveState()
            canvas.translate(self.width, y + 5)
            canvas.setFillColor(p.ink)
            if isinstance(canvas, ReportCanvas):
                canvas.deferred.use(canvas, f"toc-{entry.key}", font, size, right=True)
            canvas.restoreState()
            canvas.linkRect("", entry.key, (indent, y, self.width, y + self.line), relative=1, thickness=0)


def contents_entries(story: Sequence[Flowable]) -> list[ContentsEntry]:
    """A contents line for every heading of ``story`` marked for the contents, in order (also
    those inside a frame kept whole, such as the dossier's first page)."""
    out: list[ContentsEntry] = []
    for flowable in story:
        if isinstance(flowable, Heading) and flowable.in_contents:
            out.append(ContentsEntry(flowable.key, flowable.outline_text, flowable.level))
        inner = getattr(flowable, "_content", None)
        if isinstance(inner, list):
            out += contents_entries(inner)
    return out


class ReportDocument(BaseDocTemplate):  # type: ignore[misc]
    """An A4 report: a cover page, then body pages with a running header and a numbered footer."""

    def __init__(self, filename: str, setup: PageSetup, tracker: Tracker) -> None:
        self.setup = setup
        self.tracker = tracker
        self.deferred = Deferred()
        self._flowables_total = 0
        self._furniture_defined = False
        super().__init__(
            filename, pagesize=A4, leftMargin=PAGE_MARGIN, rightMargin=PAGE_MARGIN,
            topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN, title=setup.title,
            author=setup.theme.brand.text("agency", setup.words.lang), subject=setup.subject,
            creator="Tutor", lang=setup.words.lang, invariant=False,
            # without this every page starts in Helvetica, an unembedded standard font
            initialFontName=REGULAR, initialFontSize=9)
        body = Frame(PAGE_MARGIN, BOTTOM_MARGIN, FRAME_WIDTH, FRAME_HEIGHT,
                     id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        cover = Frame(PAGE_MARGIN, BOTTOM_MARGIN, FRAME_WIDTH, PAGE_HEIGHT - 2 * BOTTOM_MARGIN, id="cover")
        self.addPageTemplates([
            PageTemplate("cover", [cover], onPage=self._on_cover),
            PageTemplate("body", [body], onPage=self._on_body),
        ])

    def build_story(self, story: list[Flowable]) -> None:
        self._flowables_total = max(1, len(story))
        self.build(story, canvasmaker=self._make_canvas)

    def _make_canvas(self, *args: Any, **kwargs: Any) -> ReportCanvas:
        canvas = ReportCanvas(*args, deferred=self.deferred, archive=self.setup.archive, **kwargs)
        canvas.setPageCompression(1)
        return canvas

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        self.tracker.check()
        self.tracker.fraction(1 - len(flowables) / self._flowables_total)
        super().handle_flowable(flowables)

    @property
    def pages(self) -> int:
        return self.deferred.pages

    # -- page furniture --------------------------------------------------------------------

    def _on_cover(self, canvas: Canvas, _doc: Any) -> None:
        setup = self.setup
        if setup.draw_cover is not None:
            canvas.saveState()
            setup.draw_cover(canvas)
            canvas.restoreState()
        right, top = PAGE_WIDTH - PAGE_MARGIN, PAGE_HEIGHT - 12 * mm
        draw_marking(canvas, marking(setup.control, setup.theme.brand, setup.words), right, top, setup.theme)
        canvas.setFillColor(setup.theme.palette.ink)
        draw_control_line(canvas, control_line(setup.control, setup.words), right, top - 22, FRAME_WIDTH / 2)

    def _on_body(self, canvas: Canvas, _doc: Any) -> None:
        # Header, rules and freshness line are the same on every page: drawn once into a form
        # and reused, so a 400-page portfolio does not redraw the logo 400 times.
        if not self._furniture_defined:
            canvas.beginForm(_FURNITURE_FORM)
            self._draw_furniture(canvas)
            canvas.endForm()
            self._furniture_defined = True
        canvas.saveState()
        canvas.doForm(_FURNITURE_FORM)
        # "Pagina X di " then the total, a form filled in at save time; room for four digits.
        base = _FOOTER_BASE
        slot = canvas.stringWidth("0000", REGULAR, _FOOTER_SIZE)
        right = PAGE_WIDTH - PAGE_MARGIN - slot
        canvas.setFillColor(self.setup.theme.palette.ink)
        canvas.setFont(REGULAR, _FOOTER_SIZE)
        canvas.drawRightString(right, base, self.setup.words("page_of", n=canvas.getPageNumber()) + " ")
        canvas.translate(right, base)
        self.deferred.use(canvas, TOTAL_FORM, REGULAR, _FOOTER_SIZE)
        canvas.restoreState()

    def _draw_furniture(self, canvas: Canvas) -> None:
        setup, p = self.setup, self.setup.theme.palette
        brand, lang = setup.theme.brand, setup.words.lang
        # header: the mark and the agency on the left, what this document is on the right
        top = PAGE_HEIGHT - 13 * mm
        draw_logo(canvas, PAGE_MARGIN, top - 4, 15, brand)
        canvas.setFillColor(p.primary)
        canvas.setFont(BOLD, 8.5)
        canvas.drawString(PAGE_MARGIN + 20, top + 3.5, brand.text("agency", lang))
        canvas.setFillColor(p.muted)
        canvas.setFont(REGULAR, 7)
        canvas.drawString(PAGE_MARGIN + 20, top - 4, brand.text("region", lang))
        # the classification marking at the right end, the running title before it
        label = marking(setup.control, brand, setup.words)
        label_w = canvas.stringWidth(label, BOLD, 7.5) + 16 if label else 0
        draw_marking(canvas, label, PAGE_WIDTH - PAGE_MARGIN, top + 9, setup.theme)
        canvas.setFillColor(p.muted)
        canvas.setFont(REGULAR, 7.5)
        canvas.drawRightString(PAGE_WIDTH - PAGE_MARGIN - label_w, top,
                               clip(setup.running_title, FRAME_WIDTH * 0.62 - label_w, REGULAR, 7.5))
        canvas.setStrokeColor(p.rule)
        canvas.setLineWidth(0.6)
        canvas.line(PAGE_MARGIN, top - 9, PAGE_WIDTH - PAGE_MARGIN, top - 9)
        # footer: how fresh the data is, on the left
        canvas.line(PAGE_MARGIN, _FOOTER_BASE + 10, PAGE_WIDTH - PAGE_MARGIN, _FOOTER_BASE + 10)
        canvas.setFont(REGULAR, _FOOTER_SIZE)
        left = " · ".join(t for t in (control_line(setup.control, setup.words), setup.freshness) if t)
        canvas.drawString(PAGE_MARGIN, _FOOTER_BASE, clip(left, FRAME_WIDTH - 90, REGULAR, _FOOTER_SIZE))


def vspace(points: float) -> Spacer:
    return Spacer(1, points)


def section_break(section: Sequence[Flowable], most: float) -> CondPageBreak:
    """A page break before a section unless ``most`` points are left, or as much as the whole
    section takes when it is shorter: a two-line section never moves alone to a new page."""
    return CondPageBreak(min(most, _height(section, most)))


def _height(flowables: Sequence[Flowable], most: float) -> float:
    """The height of ``flowables`` laid out alone, counted until it reaches ``most``."""
    need = 0.0
    for flowable in flowables:
        if need >= most:
            break
        inner = getattr(flowable, "_content", None)
        if isinstance(inner, list):  # a group kept together: its parts (it cannot wrap off a canvas)
            need += _height(inner, most - need)
            continue
        _, h = flowable.wrap(FRAME_WIDTH, 10_000)
        need += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return need
