"""PDF/A-2u checks, written against the clauses of ISO 19005-2:2011 (no validator can be installed
here). ``check(data)`` returns the failures of one PDF as "clause: what is wrong"; every PDF the
test suite makes goes through it (``tests/conftest.py``).

The checks read the file as bytes and with pypdf, and parse the embedded TrueType programs
themselves, so they do not trust what the writer (reportlab, ``tutor_app/reports``) thinks it wrote.
"""

from __future__ import annotations

import io
import re
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript", "/Hide",
                     "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView"}
FORBIDDEN_ANNOTATIONS = {"/3D", "/Sound", "/Screen", "/Movie", "/FileAttachment"}  # the last: PDF/A-3 only
STANDARD_14 = {"Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Helvetica", "Helvetica-Bold",
               "Helvetica-Oblique", "Helvetica-BoldOblique", "Courier", "Courier-Bold", "Courier-Oblique",
               "Courier-BoldOblique", "Symbol", "ZapfDingbats"}
NS = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
      "pdf": "http://ns.adobe.com/pdf/1.3/", "pdfaid": "http://www.aiim.org/pdfa/ns/id/"}
# 6.6.2.3.1: the schemas XMP itself defines (a property of any other needs an extension schema)
PREDEFINED = {NS["dc"], NS["xmp"], NS["pdf"], NS["pdfaid"], "http://ns.adobe.com/xap/1.0/mm/",
              "http://ns.adobe.com/xap/1.0/rights/", "http://ns.adobe.com/xap/1.0/t/pg/"}
XML_NS = "http://www.w3.org/XML/1998/namespace"


@dataclass
class Report:
    failures: list[str] = field(default_factory=list)
    fonts: dict[int, Any] = field(default_factory=dict)  # per file: pypdf object ids are reused later

    def fail(self, clause: str, message: str) -> None:
        if len(self.failures) < 40:
            self.failures.append(f"ISO 19005-2 {clause}: {message}")


def check(data: bytes) -> list[str]:
    """Every PDF/A-2u failure found in ``data`` (empty: the file passes)."""
    report = Report()
    _file_structure(data, report)
    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"].get_object()
    _output_intent(catalog, report)
    _metadata(reader, catalog, report)
    _annotations_and_actions(reader, catalog, report)
    for resources, content in _content_streams(reader):
        _content(resources, content, report)
    return report.failures


# -- 6.1 file structure ---------------------------------------------------------------------------

def _file_structure(data: bytes, report: Report) -> None:
    header = re.match(rb"%PDF-1\.[0-7](\r\n|\r|\n)%([\x80-\xff]{4})", data)
    if not header:
        report.fail("6.1.2", "the header is not %PDF-1.n then a comment of four bytes above 127")
    if not re.search(rb"%%EOF(\r\n|\r|\n)?$", data):
        report.fail("6.1.3", "data follows the last %%EOF marker")
    trailer = data[data.rfind(b"trailer"):]
    if b"/ID" not in trailer:
        report.fail("6.1.3", "the trailer has no file identifier (ID)")
    if b"/Encrypt" in trailer:
        report.fail("6.1.3", "the file is encrypted")
    if re.search(rb"/(LZWDecode|Crypt)\b", data):
        report.fail("6.1.7.2", "an LZWDecode or Crypt filter is used")
    if re.search(rb"/(F|FFilter|FDecodeParms)\s*[(/\[<]", _stream_dicts(data)):
        report.fail("6.1.7.1", "a stream refers to an external file (F, FFilter, FDecodeParms)")
    for match in re.finditer(rb"\bstream(\r\n|\n|\r)?", data):
        start = match.end()
        if match.group(1) not in (b"\r\n", b"\n"):
            report.fail("6.1.7.1", f"the stream keyword at byte {match.start()} is not followed by CRLF or LF")
            continue
        head = data[max(0, data.rfind(b" obj", 0, match.start())):match.start()]
        length = re.findall(rb"/Length\s+(\d+)(?!\s+\d+\s+R)", head)
        if not length:
            continue  # an indirect /Length: pypdf resolves it, and reportlab never writes one
        end = start + int(length[-1])
        if not re.match(rb"(\r\n|\n|\r)endstream", data[end:end + 12]):
            report.fail("6.1.7.1", f"the stream at byte {match.start()} has no EOL before endstream, or a wrong Length")


def _stream_dicts(data: bytes) -> bytes:
    return b"".join(data[max(0, m.start() - 400):m.start()] for m in re.finditer(rb"\bstream\r?\n", data))


# -- 6.2.3 / 6.2.4 output intent and colour ----------------------------------------------------------

def _output_intent(catalog: DictionaryObject, report: Report) -> None:
    intents = [i.get_object() for i in catalog.get("/OutputIntents", [])]
    pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    if not pdfa:
        report.fail("6.2.3", "no PDF/A output intent (S /GTS_PDFA1): device colours have no meaning")
        return
    profiles = {id(i["/DestOutputProfile"].get_object()) for i in pdfa if "/DestOutputProfile" in i}
    if len(profiles) != 1:
        report.fail("6.2.3", "the output intents do not share one destination profile")
        return
    stream = pdfa[0]["/DestOutputProfile"].get_object()
    icc = stream.get_data()
    if len(icc) < 128 or icc[36:40] != b"acsp":
        report.fail("6.2.3", "the destination output profile is not an ICC profile")
        return
    if icc[8] > 4:
        report.fail("6.2.3", f"ICC profile version {icc[8]} is newer than ICC.1:2004-10 (version 4)")
    if icc[12:16] not in (b"mntr", b"prtr"):
        report.fail("6.2.3", f"ICC profile class {icc[12:16]!r} is neither output (prtr) nor monitor (mntr)")
    if icc[16:20] != b"RGB " or stream.get("/N") != 3:
        report.fail("6.2.4.3", "the output intent is not RGB with N 3, so DeviceRGB is not allowed")


# -- 6.3 annotations, 6.5 actions ---------------------------------------------------------------------

def _annotations_and_actions(reader: PdfReader, catalog: DictionaryObject, report: Report) -> None:
    if "/AA" in catalog:
        report.fail("6.5.2", "the document catalog has an additional-actions (AA) entry")
    _action(catalog.get("/OpenAction"), report)
    for page in reader.pages:
        if "/AA" in page:
            report.fail("6.5.2", "a page has an additional-actions (AA) entry")
        for ref in page.get("/Annots", []):
            annotation = ref.get_object()
            subtype = annotation.get("/Subtype")
            if subtype in FORBIDDEN_ANNOTATIONS:
                report.fail("6.3.1", f"annotation type {subtype} is not permitted")
            if subtype != "/Popup":
                flags = int(annotation.get("/F", 0))
                if not flags & 4 or flags & (1 | 2 | 32 | 256):
                    report.fail("6.3.2", f"a {subtype} annotation has F={flags}: Print must be set, "
                                         "Hidden, Invisible, NoView and ToggleNoView clear")
            if subtype not in ("/Popup", "/Link") and "/AP" not in annotation:
                report.fail("6.3.3", f"a {subtype} annotation has no appearance (AP)")
            _action(annotation.get("/A"), report)
    outline = catalog.get("/Outlines")
    stack = [outline.get_object().get("/First")] if outline is not None else []
    while stack:
        item = stack.pop()
        if item is None:
            continue
        item = item.get_object()
        _action(item.get("/A"), report)
        stack += [item.get("/Next"), item.get("/First")]


def _action(action: Any, report: Report) -> None:
    if action is None:
        return
    action = action.get_object()
    if isinstance(action, DictionaryObject):
        if action.get("/S") in FORBIDDEN_ACTIONS:
            report.fail("6.5.1", f"a {action['/S']} action is not permitted")
        if action.get("/S") == "/Named" and action.get("/N") not in ("/NextPage", "/PrevPage", "/FirstPage",
                                                                      "/LastPage"):
            report.fail("6.5.1", f"named action {action.get('/N')} is not permitted")


# -- 6.6 metadata -------------------------------------------------------------------------------------

def _metadata(reader: PdfReader, catalog: DictionaryObject, report: Report) -> None:
    ref = catalog.get("/Metadata")
    if ref is None:
        report.fail("6.6.2.1", "the document catalog has no Metadata stream")
        return
    stream = ref.get_object()
    if stream.get("/Type") != "/Metadata" or stream.get("/Subtype") != "/XML":
        report.fail("6.6.2.1", "the metadata stream is not Type /Metadata, Subtype /XML")
    xml = stream.get_data()
    packet = re.match(rb"<\?xpacket ([^?]*)\?>", xml)
    if not packet:
        report.fail("6.6.2.1", "the metadata is not an XMP packet (no xpacket header)")
    elif re.search(rb"\b(bytes|encoding)\s*=", packet.group(1)):
        report.fail("6.6.2.1", "the xpacket header uses the bytes or encoding attribute")
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        report.fail("6.6.2.1", f"the XMP is not well-formed XML: {exc}")
        return
    properties: dict[str, list[ET.Element]] = {}
    for description in root.iter(f"{{{NS['rdf']}}}Description"):
        for name, value in description.attrib.items():  # properties may also be written as attributes
            if name.startswith("{") and not name.startswith(f"{{{NS['rdf']}}}"):
                element = ET.Element(name)
                element.text = value
                properties.setdefault(name, []).append(element)
        for child in description:
            properties.setdefault(child.tag, []).append(child)
    for tag in properties:
        namespace = tag[1:].split("}")[0]
        if namespace not in PREDEFINED:
            report.fail("6.6.2.3.1", f"property {tag} is in no predefined schema and no extension schema")

    def value(prefix: str, name: str) -> str | None:
        found = properties.get(f"{{{NS[prefix]}}}{name}")
        if not found:
            return None
        element = found[0]
        items = element.findall(f".//{{{NS['rdf']}}}li")
        if items:
            default = [i for i in items if i.get(f"{{{XML_NS}}}lang") == "x-default"]
            return (default or items)[0].text or ""
        return element.text or ""

    if value("pdfaid", "part") != "2":
        report.fail("6.6.4", f"pdfaid:part is {value('pdfaid', 'part')!r}, not 2")
    if value("pdfaid", "conformance") not in ("A", "B", "U"):
        report.fail("6.6.4", f"pdfaid:conformance is {value('pdfaid', 'conformance')!r}")
    elif value("pdfaid", "conformance") == "B":
        report.fail("6.6.4", "conformance B: the reports claim level U (every glyph has its Unicode value)")
    creators = properties.get(f"{{{NS['dc']}}}creator", [])
    if creators and len(creators[0].findall(f".//{{{NS['rdf']}}}li")) != 1:
        report.fail("6.6.3", "dc:creator must hold exactly the Author of the information dictionary")
    info = reader.trailer.get("/Info")
    info = info.get_object() if info is not None else {}
    pairs = {"/Title": ("dc", "title"), "/Author": ("dc", "creator"), "/Subject": ("dc", "description"),
             "/Keywords": ("pdf", "Keywords"), "/Creator": ("xmp", "CreatorTool"), "/Producer": ("pdf", "Producer")}
    for key, (prefix, name) in pairs.items():
        if key in info and str(info[key]) != value(prefix, name):
            report.fail("6.6.3", f"info {key} {str(info[key])!r} differs from {prefix}:{name} {value(prefix, name)!r}")
    for key, name in (("/CreationDate", "CreateDate"), ("/ModDate", "ModifyDate")):
        if key in info:
            xmp_value = value("xmp", name)
            try:
                same = xmp_value is not None and pdf_date_value(str(info[key])) == datetime.fromisoformat(xmp_value)
            except ValueError:
                same = False
            if not same:
                report.fail("6.6.3", f"info {key} {info[key]} is not the same moment as xmp:{name} {xmp_value}")
    if "/Trapped" in info and info["/Trapped"] not in ("/True", "/False"):
        report.fail("6.6.3", "Trapped is neither True nor False")


def pdf_date_value(text: str) -> datetime:
    """``D:20261125103000+01'00'`` as an aware datetime (raises on a date without its offset)."""
    match = re.fullmatch(r"D:(\d{14})([+-])(\d\d)'(\d\d)'?", text)
    if not match:
        raise ValueError(f"not a full PDF date with an offset from UTC: {text!r}")
    stamp, sign, hours, minutes = match.groups()
    return datetime.strptime(f"{stamp}{sign}{hours}{minutes}", "%Y%m%d%H%M%S%z")


def xmp_values(data: bytes) -> dict[str, str]:
    """The XMP properties of a PDF as ``prefix:name`` -> text (first list item): for other tests."""
    reader = PdfReader(io.BytesIO(data))
    root = ET.fromstring(reader.trailer["/Root"]["/Metadata"].get_object().get_data())
    out: dict[str, str] = {}
    prefixes = {uri: prefix for prefix, uri in NS.items()}
    for description in root.iter(f"{{{NS['rdf']}}}Description"):
        for child in description:
            uri, name = child.tag[1:].split("}")
            items = child.findall(f".//{{{NS['rdf']}}}li")
            out[f"{prefixes.get(uri, uri)}:{name}"] = (items[0].text if items else child.text) or ""
    return out


# -- 6.2 content: colours, fonts, glyphs ---------------------------------------------------------------

def _content_streams(reader: PdfReader) -> Iterator[tuple[DictionaryObject, bytes]]:
    """(resources, decoded content) of every page and every form XObject they draw (once each)."""
    seen: set[int] = set()

    def forms(resources: DictionaryObject) -> Iterator[tuple[DictionaryObject, bytes]]:
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            key = ref.idnum if isinstance(ref, IndirectObject) else id(xobject)
            if key in seen or xobject.get("/Subtype") != "/Form":
                continue
            seen.add(key)
            inner = xobject.get("/Resources")
            inner = inner.get_object() if inner is not None else resources
            yield inner, xobject.get_data()
            yield from forms(inner)

    for page in reader.pages:
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        contents = page.get_contents()
        yield resources, contents.get_data() if contents is not None else b""
        yield from forms(resources)


_TOKEN = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|/[^\s/\[\]()<>{}%]+|\[|\]|[-+.\d]+|[A-Za-z'\"*]+")


@dataclass
class _FontInfo:
    name: str
    to_unicode: dict[int, str] | None
    glyph_of_code: dict[int, int] | None  # from the embedded program's cmap (simple TrueType fonts)


def _content(resources: DictionaryObject, content: bytes, report: Report) -> None:
    fonts = resources.get("/Font") or {}
    for ref in fonts.values():
        _font_dict(ref.get_object(), report)
    for space in (resources.get("/ColorSpace") or {}).values():
        if "DeviceCMYK" in str(space.get_object()):
            report.fail("6.2.4.3", "DeviceCMYK is used with an RGB output intent")
    stack: list[str | None] = []
    current: str | None = None
    operands: list[bytes] = []
    for token in _TOKEN.findall(content):
        first = token[:1]
        if first in b"(<[]/" or first.isdigit() or first in b"-+.":
            operands.append(token)
            continue
        op = token.decode("latin-1")
        if op in ("k", "K"):
            report.fail("6.2.4.3", "DeviceCMYK colour (k/K) with an RGB output intent")
        elif op == "q":
            stack.append(current)
        elif op == "Q" and stack:
            current = stack.pop()
        elif op == "Tf" and len(operands) >= 2:
            current = operands[-2].decode("latin-1")
        elif op in ("Tj", "TJ", "'", '"'):
            strings = [t for t in operands if t[:1] in b"(<"]
            if current is None or current not in fonts:
                report.fail("6.2.11.4.1", f"text shown with no font or an unknown one ({current})")
            else:
                _glyphs(_font_info(fonts[current].get_object(), report), strings, report)
        operands = []


def _font_dict(font: DictionaryObject, report: Report) -> None:
    key = id(font)
    if key in report.fonts:
        return
    report.fonts[key] = None
    base = str(font.get("/BaseFont", "")).lstrip("/")
    subtype = font.get("/Subtype")
    descriptor_font = font["/DescendantFonts"][0].get_object() if subtype == "/Type0" else font
    descriptor = descriptor_font.get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor is not None else {}
    if subtype == "/Type3":
        return
    if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        report.fail("6.2.11.4.1", f"font {base} is not embedded" + (" (a standard 14 font)"
                                                                    if base.split("+")[-1] in STANDARD_14 else ""))
        return
    if subtype == "/TrueType":
        flags = int(descriptor.get("/Flags", 0))
        program = descriptor["/FontFile2"].get_object().get_data()
        tables = _ttf_tables(program)
        if flags & 4:  # symbolic
            if "/Encoding" in font:
                report.fail("6.2.11.6", f"symbolic TrueType font {base} has an Encoding entry")
            subtables = _cmap_subtables(program, tables)
            if len(subtables) != 1 and (3, 0) not in subtables:
                report.fail("6.2.11.6", f"the cmap of symbolic font {base} has {len(subtables)} encodings and no (3,0)")
        elif font.get("/Encoding") not in ("/MacRomanEncoding", "/WinAnsiEncoding"):
            report.fail("6.2.11.6", f"non-symbolic TrueType font {base} has neither MacRoman nor WinAnsi encoding")
        _widths(font, program, tables, base, report)


def _font_info(font: DictionaryObject, report: Report) -> _FontInfo:
    key = -id(font)
    info = report.fonts.get(key)
    if info is None:
        base = str(font.get("/BaseFont", "")).lstrip("/")
        to_unicode = None
        if "/ToUnicode" in font:
            to_unicode = _parse_to_unicode(font["/ToUnicode"].get_object().get_data())
        else:
            report.fail("6.2.11.7.2", f"font {base} has no ToUnicode map (level U)")
        glyphs = None
        descriptor = font.get("/FontDescriptor")
        if font.get("/Subtype") == "/TrueType" and descriptor is not None:
            program = descriptor.get_object()["/FontFile2"].get_object().get_data()
            glyphs = _code_to_glyph(program, _ttf_tables(program))
        info = report.fonts[key] = _FontInfo(base, to_unicode, glyphs)
    return info


def _glyphs(font: _FontInfo, strings: list[bytes], report: Report) -> None:
    for raw in strings:
        for code in _string_bytes(raw):
            if font.glyph_of_code is not None and font.glyph_of_code.get(code, 0) == 0:
                report.fail("6.2.11.8", f"code {code} of font {font.name} draws the .notdef glyph")
            if font.to_unicode is not None:
                text = font.to_unicode.get(code)
                if not text or any(ch in "\x00\ufeff\ufffe" for ch in text):
                    report.fail("6.2.11.7.2", f"code {code} of font {font.name} has no usable Unicode value: {text!r}")


def _string_bytes(raw: bytes) -> bytes:
    if raw[:1] == b"<":
        digits = re.sub(rb"\s", b"", raw[1:-1])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
    body, out, i = raw[1:-1], bytearray(), 0
    escapes = {b"n": 10, b"r": 13, b"t": 9, b"b": 8, b"f": 12, b"(": 40, b")": 41, b"\\": 92}
    while i < len(body):
        ch = body[i:i + 1]
        if ch == b"\\":
            nxt = body[i + 1:i + 2]
            octal = re.match(rb"[0-7]{1,3}", body[i + 1:i + 4])
            if octal:
                out.append(int(octal.group(), 8) & 0xFF)
                i += 1 + len(octal.group())
                continue
            if nxt in escapes:
                out.append(escapes[nxt])
            i += 2
            continue
        out += ch
        i += 1
    return bytes(out)


def _parse_to_unicode(cmap: bytes) -> dict[int, str]:
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(dst, 16)
            for n, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(start + n)
    return out


# -- embedded TrueType programs (read here, not with the writer's own parser) ---------------------------

def _ttf_tables(program: bytes) -> dict[bytes, tuple[int, int]]:
    count = struct.unpack(">H", program[4:6])[0]
    tables = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack(">4sIII", program[12 + 16 * i:28 + 16 * i])
        tables[tag] = (offset, length)
    return tables


def _cmap_subtables(program: bytes, tables: dict[bytes, tuple[int, int]]) -> dict[tuple[int, int], int]:
    offset = tables[b"cmap"][0]
    count = struct.unpack(">H", program[offset + 2:offset + 4])[0]
    out = {}
    for i in range(count):
        platform, encoding, sub = struct.unpack(">HHI", program[offset + 4 + 8 * i:offset + 12 + 8 * i])
        out[(platform, encoding)] = offset + sub
    return out


def _code_to_glyph(program: bytes, tables: dict[bytes, tuple[int, int]]) -> dict[int, int]:
    """Code -> glyph id from the program's one (1,0) or (3,0) cmap subtable (formats 0, 4, 6)."""
    subtables = _cmap_subtables(program, tables)
    where = subtables.get((3, 0), subtables.get((1, 0), next(iter(subtables.values()))))
    fmt = struct.unpack(">H", program[where:where + 2])[0]
    out: dict[int, int] = {}
    if fmt == 0:
        out = dict(enumerate(program[where + 6:where + 262]))
    elif fmt == 6:
        first, count = struct.unpack(">HH", program[where + 6:where + 10])
        ids = struct.unpack(f">{count}H", program[where + 10:where + 10 + 2 * count])
        out = {first + i: g for i, g in enumerate(ids)}
    elif fmt == 4:
        segs = struct.unpack(">H", program[where + 6:where + 8])[0] // 2
        base = where + 14
        ends = struct.unpack(f">{segs}H", program[base:base + 2 * segs])
        starts = struct.unpack(f">{segs}H", program[base + 2 * segs + 2:base + 4 * segs + 2])
        deltas = struct.unpack(f">{segs}h", program[base + 4 * segs + 2:base + 6 * segs + 2])
        range_at = base + 6 * segs + 2
        ranges = struct.unpack(f">{segs}H", program[range_at:range_at + 2 * segs])
        for s in range(segs):
            for code in range(starts[s], ends[s] + 1):
                if ranges[s] == 0:
                    glyph = (code + deltas[s]) & 0xFFFF
                else:
                    at = range_at + 2 * s + ranges[s] + 2 * (code - starts[s])
                    glyph = struct.unpack(">H", program[at:at + 2])[0]
                    glyph = (glyph + deltas[s]) & 0xFFFF if glyph else 0
                out[code & 0xFF if code >= 0xF000 else code] = glyph
    return out


def _widths(font: DictionaryObject, program: bytes, tables: dict[bytes, tuple[int, int]], base: str,
            report: Report) -> None:
    """6.2.11.5: each Widths entry is the advance of the glyph the code draws (within 1/1000 em)."""
    head, hhea, hmtx = tables[b"head"][0], tables[b"hhea"][0], tables[b"hmtx"][0]
    units = struct.unpack(">H", program[head + 18:head + 20])[0]
    metrics = struct.unpack(">H", program[hhea + 34:hhea + 36])[0]
    glyphs = _code_to_glyph(program, tables)
    first = int(font.get("/FirstChar", 0))
    for i, width in enumerate(font.get("/Widths", ArrayObject())):
        glyph = glyphs.get(first + i, 0)
        index = min(glyph, metrics - 1)
        advance = struct.unpack(">H", program[hmtx + 4 * index:hmtx + 4 * index + 2])[0] * 1000 / units
        if glyph and abs(float(width) - advance) > 1:
            report.fail("6.2.11.5", f"font {base} code {first + i}: Widths says {float(width):.1f}, "
                                    f"the program {advance:.1f}")
            return


__all__ = ["check", "pdf_date_value", "xmp_values"]
