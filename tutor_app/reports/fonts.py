"""The report fonts, and the fallback that lets every script print: Chinese, Japanese, Korean,
Arabic, Hebrew, Greek, Cyrillic, symbols (≥ ≤ ≠, arrows) and emoji.

Each of the four Noto Sans styles is registered as a ``FallbackFont``: to reportlab it is one
TrueType font, so every way text reaches a page (paragraphs, table cells, ``drawString``, chart
labels) and every width measured goes through it, and no layout code needs to know about scripts.
A string whose characters all have a glyph in Noto Sans takes reportlab's own path (checked with
one regular expression; the common case costs next to nothing). Any other string is split into
runs by the first font of the chain that has the glyph; each run is drawn from a subset of that
font, embedded like the first. Right-to-left text is put in visual order per line (the Unicode
bidirectional algorithm, python-bidi) and shaped (HarfBuzz), so Arabic letters join; the shaped
glyphs that have no character of their own get a private code whose ToUnicode entry is the
text they stand for, so the PDF reads back as typed. A character no font has is drawn as U+FFFD
(a real glyph of Noto Sans, never ``.notdef``); ``unprintable`` finds such characters before a
report is made, to warn about them.

The fonts ship in ``resources/fonts`` (licences in ``resources/THIRD_PARTY_NOTICES.txt``).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from typing import Any, Final

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from tutor_app.assets import FALLBACK_FONTS, resource_path

REGULAR: Final = "NotoSans"
BOLD: Final = "NotoSans-Bold"
ITALIC: Final = "NotoSans-Italic"
BOLD_ITALIC: Final = "NotoSans-BoldItalic"
FAMILY: Final = "NotoSans"
REPLACEMENT: Final = "\ufffd"  # drawn for a character no font has: a glyph of Noto Sans, visible, searchable


@dataclass(frozen=True)
class _Face:
    name: str  # the name reportlab and the PDF know the embedded font by
    file: str


_NAMES: Final = ("TutorArabic", "TutorHebrew", "TutorCJK", "TutorSymbols", "TutorEmoji")
_FALLBACKS: Final = tuple(_Face(name, file) for name, file in zip(_NAMES, FALLBACK_FONTS, strict=True))
# Bold text asks the bold Arabic and Hebrew first; CJK, symbols and emoji have one weight only
# (Droid Sans Fallback is the one TrueType CJK font with a free licence).
_BOLD_FALLBACKS: Final = (_Face("TutorArabic-Bold", "NotoSansArabic-Bold.ttf"),
                          _Face("TutorHebrew-Bold", "NotoSansHebrew-Bold.ttf"), *_FALLBACKS[2:])

# The base font of each style, then the fonts asked in turn for a glyph it lacks.
_CHAINS: Final[dict[str, tuple[str, tuple[_Face, ...]]]] = {
    REGULAR: ("NotoSans-Regular.ttf", _FALLBACKS),
    BOLD: ("NotoSans-Bold.ttf", _BOLD_FALLBACKS),
    ITALIC: ("NotoSans-Italic.ttf", _FALLBACKS),
    BOLD_ITALIC: ("NotoSans-BoldItalic.ttf", _BOLD_FALLBACKS),
}
_STRIDE: Final = 100_000  # subset id = member index * _STRIDE + the member's own subset number
_PRIVATE_FIRST: Final = 0xE000
_RTL_TYPES: Final = frozenset({"R", "AL"})
_ATTACHING: Final = frozenset({"Mn", "Me", "Cf"})  # marks and joiners belong with the text before them
_RUNS_CACHED: Final = 8192
_lock = threading.RLock()  # shaping assigns private codes on shared faces; the UI exports on a worker thread


class _Member(TTFont):  # type: ignore[misc]
    """A TrueType font whose ToUnicode map is right for every glyph it draws.

    reportlab writes one UTF-16 unit per code, so a character beyond U+FFFF (emoji) would read
    back as garbage, maps code 0 (``.notdef``) to U+0000, which PDF/A-2u forbids, and knows no
    text for a shaped glyph. Here each code maps to its text in UTF-16 (surrogate pairs included).
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.shapable = False  # shaping is done here, per run, not by reportlab's paragraph code
        self.private_text: dict[int, str] = {}
        self._private_of_glyph: dict[int, int] = {}
        self._next_private = _PRIVATE_FIRST
        self._hb_font: Any = None
        self.filename = filename

    def code_for_glyph(self, glyph: int, text: str) -> str:
        """A character that draws ``glyph`` and reads back as ``text`` (a private one if need be)."""
        face = self.face
        if len(text) == 1 and face.charToGlyph.get(ord(text)) == glyph:
            return text
        private = self._private_of_glyph.get(glyph)
        if private is None:
            while self._next_private in face.charToGlyph:
                self._next_private += 1
            private = self._next_private
            self._next_private += 1
            face.charToGlyph[private] = glyph
            face.glyphToChar.setdefault(glyph, []).append(private)
            # the glyph's own advance (hmtx), as the embedded program has it: PDF/A wants the two equal
            face.charWidths[private] = face._pdfScale(self.hb_font.get_glyph_h_advance(glyph))
            self._private_of_glyph[glyph] = private
            self.private_text[private] = text or "\u200c"  # a glyph with no text of its own (rare)
        return chr(private)

    @property
    def hb_font(self) -> Any:
        if self._hb_font is None:
            import uharfbuzz

            with open(self.filename, "rb") as fh:
                self._hb_font = uharfbuzz.Font(uharfbuzz.Face(fh.read()))
        return self._hb_font

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            doc.idToObject["toUnicodeCMap:" + base].content = to_unicode_cmap(base, subset, self.private_text)


def to_unicode_cmap(name: str, subset: Sequence[int], private_text: dict[int, str]) -> str:
    """A ToUnicode CMap for one 256-code subset (code 0, ``.notdef``, has no text)."""
    entries = []
    for code, char in enumerate(subset):
        if code == 0 and char == 0:
            continue
        text = private_text.get(char) or chr(char)
        entries.append(f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>")
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
             f"/CMapName /{name} def", "/CMapType 2 def",
             "1 begincodespacerange", f"<00> <{max(len(subset) - 1, 0):02X}>", "endcodespacerange"]
    for start in range(0, len(entries), 100):  # a CMap block holds at most 100 entries
        block = entries[start:start + 100]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class FallbackFont(_Member):
    """One registered font name backed by a chain of fonts, asked in turn for each character."""

    def __init__(self, name: str, filename: str, chain: Sequence[_Face]) -> None:
        super().__init__(name, filename)
        self._chain_faces = tuple(chain)
        self._members: list[_Member] | None = None
        self._runs: dict[str, tuple[tuple[int, str], ...]] = {}
        self._font_of_char: dict[str, int] = {}
        self._needs_chain = _not_in(self.face.charToGlyph)
        self._needs_check = _not_in(self.face.charToGlyph, extra="\t\n\r")  # line breaks: nothing to print
        self._width_of = self.face.charWidths.get

    # -- what reportlab calls ------------------------------------------------------------------

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        if isinstance(text, bytes):
            text = text.decode(encoding or "utf-8")
        if self._needs_chain.search(text) is None:
            # reportlab's own sum, in C-speed map calls: measured widths are most of a report's time
            return 0.001 * size * float(sum(map(self._width_of, map(ord, text), repeat(self.face.defaultWidth))))
        members = self.members
        return float(sum(TTFont.stringWidth(members[i], run, size, encoding) for i, run in self.runs(text)))

    def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        if self._needs_chain.search(text) is None:
            return super().splitString(text, doc, encoding)  # type: ignore[no-any-return]
        out: list[tuple[int, bytes]] = []
        members = self.members
        for index, run in self.runs(text):
            for subset, codes in TTFont.splitString(members[index], run, doc, encoding):
                out.append((index * _STRIDE + subset, codes))
        return out

    def getSubsetInternalName(self, subset: int, doc: Any) -> str:
        index, own = divmod(subset, _STRIDE)
        return TTFont.getSubsetInternalName(self.members[index], own, doc)  # type: ignore[no-any-return]

    # -- the chain -----------------------------------------------------------------------------

    @property
    def members(self) -> list[_Member]:
        """This font, then the fallbacks (loaded on first need: the CJK font alone takes 0.2 s)."""
        if self._members is None:
            with _lock:
                if self._members is None:
                    self._members = [self, *(_member(face) for face in self._chain_faces)]
        return self._members

    def font_of(self, char: str) -> int:
        """Index in ``members`` of the first font with a glyph for ``char``; -1 if none has one."""
        found = self._font_of_char.get(char)
        if found is None:
            code = ord(char)
            found = next((i for i, m in enumerate(self.members) if code in m.face.charToGlyph), -1)
            self._font_of_char[char] = found
        return found

    def runs(self, text: str) -> tuple[tuple[int, str], ...]:
        """``text`` as (member index, characters to draw) in the order they go on the line."""
        cached = self._runs.get(text)
        if cached is None:
            with _lock:
                cached = tuple(self._make_runs(text))
                if len(self._runs) >= _RUNS_CACHED:
                    self._runs.clear()
                self._runs[text] = cached
        return cached

    def _make_runs(self, text: str) -> Iterable[tuple[int, str]]:
        assigned = self._assign(text)
        if not any(unicodedata.bidirectional(ch) in _RTL_TYPES for ch, _ in assigned):
            return _group(assigned)
        return self._visual_runs(assigned)

    def _assign(self, text: str) -> list[tuple[str, int]]:
        """Each character with the font that draws it; what none can draw becomes U+FFFD."""
        out: list[tuple[str, int]] = []
        for ch in text:
            index = self.font_of(ch)
            category = unicodedata.category(ch)
            if category in _ATTACHING and out and ord(ch) in self.members[out[-1][1]].face.charToGlyph:
                index = out[-1][1]  # keep a mark or a joiner with its letter, so shaping sees them together
            if index < 0:
                if category == "Cf":
                    continue  # invisible formatting (bidi marks, zero-width space): nothing to draw
                # a control or an odd space reads as a space; anything else as the visible mark
                out.append((" " if category in ("Cc", "Zs", "Zl", "Zp") else REPLACEMENT, 0))
                continue
            out.append((ch, index))
        return out

    def _visual_runs(self, assigned: list[tuple[str, int]]) -> list[tuple[int, str]]:
        """Bidirectional text: runs by level and font, reordered for display, right-to-left runs shaped."""
        levels = _bidi_levels("".join(ch for ch, _ in assigned))
        members = self.members
        # A space or a comma between two right-to-left words is drawn from their font when it has
        # one: the line is then one run, which readers put back in logical order as a whole.
        for i, ((ch, index), level) in enumerate(zip(assigned, levels, strict=True)):
            if index == 0 and level % 2 and i > 0 and levels[i - 1] == level and assigned[i - 1][1] > 0 \
                    and ord(ch) in members[assigned[i - 1][1]].face.charToGlyph:
                assigned[i] = (ch, assigned[i - 1][1])
        pieces: list[tuple[int, int, str]] = []  # level, font, text (logical order)
        for (ch, index), level in zip(assigned, levels, strict=True):
            if pieces and pieces[-1][0] == level and pieces[-1][1] == index:
                pieces[-1] = (level, index, pieces[-1][2] + ch)
            else:
                pieces.append((level, index, ch))
        # rule L2 of the algorithm, on runs: from the highest level down to the lowest odd one,
        # reverse every stretch of runs at that level or above
        order = list(range(len(pieces)))
        highest = max(level for level, _, _ in pieces)
        lowest_odd = min((level for level, _, _ in pieces if level % 2), default=highest + 1)
        for level in range(highest, lowest_odd - 1, -1):
            i = 0
            while i < len(order):
                if pieces[order[i]][0] >= level:
                    j = i
                    while j < len(order) and pieces[order[j]][0] >= level:
                        j += 1
                    order[i:j] = reversed(order[i:j])
                    i = j
                else:
                    i += 1
        out: list[tuple[int, str]] = []
        for k in order:
            level, index, run = pieces[k]
            drawn = _shape_rtl(members[index], run) if level % 2 else run
            if out and out[-1][0] == index:
                out[-1] = (index, out[-1][1] + drawn)
            else:
                out.append((index, drawn))
        return out

    def unprintable(self, text: str) -> str:
        """The characters of ``text`` that no font of the chain can draw (in order, once each)."""
        if self._needs_check.search(text) is None:
            return ""
        seen: dict[str, None] = {}
        for ch in text:
            if self.font_of(ch) < 0 and unicodedata.category(ch) not in ("Cf", "Cc", "Zs", "Zl", "Zp"):
                seen[ch] = None
        return "".join(seen)


def _group(assigned: list[tuple[str, int]]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for ch, index in assigned:
        if out and out[-1][0] == index:
            out[-1] = (index, out[-1][1] + ch)
        else:
            out.append((index, ch))
    return out


def _bidi_levels(text: str) -> list[int]:
    """The resolved embedding level of each character (Unicode bidirectional algorithm, rules P to I)."""
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    base = algorithm.get_base_level(text)
    storage["base_level"], storage["base_dir"] = base, ("L", "R")[base]
    algorithm.get_embedding_levels(text, storage)
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    # rule X9 drops embedding controls and boundary neutrals (a zero-width joiner): they take the
    # level of the character before them, so they stay in its run
    resolved = iter(storage["chars"])
    pending = next(resolved, None)
    levels: list[int] = []
    for ch in text:
        if pending is not None and pending["ch"] == ch:
            levels.append(pending["level"])
            pending = next(resolved, None)
        else:
            levels.append(levels[-1] if levels else base)
    return levels


def _shape_rtl(member: _Member, text: str) -> str:
    """A right-to-left run shaped by HarfBuzz, as characters in display order (left to right)."""
    import uharfbuzz

    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl"
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    uharfbuzz.shape(member.hb_font, buffer, {"kern": True, "liga": True})
    infos = buffer.glyph_infos
    starts = sorted({info.cluster for info in infos})
    ends = {start: (starts[i + 1] if i + 1 < len(starts) else len(text)) for i, start in enumerate(starts)}
    drawn: list[str] = []
    given: set[int] = set()
    for info in infos:
        cluster = info.cluster
        piece = "" if cluster in given else text[cluster:ends[cluster]]
        given.add(cluster)
        drawn.append(member.code_for_glyph(info.codepoint, piece))
    return "".join(drawn)


def _not_in(chars: Iterable[int], extra: str = "") -> re.Pattern[str]:
    """A pattern matching any character outside ``chars`` and ``extra`` (compiled as ranges: C
    speed). Controls are left out of ``chars``: a font's glyph for U+0000 prints nothing."""
    ordered = sorted({*(c for c in chars if c >= 0x20), *map(ord, extra)})
    ranges: list[tuple[int, int]] = []
    for c in ordered:
        if ranges and c == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[^{body}]")


@cache
def _member(face: _Face) -> _Member:
    """One loaded font per file, shared by the chains (so a PDF embeds it once)."""
    return _Member(face.name, str(resource_path("fonts", face.file)))


def register_fonts() -> None:
    """Register the four styles once per process (later calls are free)."""
    with _lock:
        if BOLD_ITALIC in pdfmetrics.getRegisteredFontNames():
            return
        for name, (filename, chain) in _CHAINS.items():
            pdfmetrics.registerFont(FallbackFont(name, str(resource_path("fonts", filename)), chain))
        pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)


def unprintable(text: str) -> str:
    """The characters of ``text`` that no report font can draw (each once, in order)."""
    return _regular().unprintable(text)


@cache
def _regular() -> FallbackFont:
    register_fonts()
    font = pdfmetrics.getFont(REGULAR)
    assert isinstance(font, FallbackFont)
    return font
