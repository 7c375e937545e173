"""PDF/A-2u (ISO 19005-2, level U) for the reports: what AgID's rules for conservation ask of a PDF.

reportlab writes most of it already (embedded TrueType subsets with ToUnicode maps, no
encryption, no JavaScript, a file identifier). What it lacks is added here, in the same pass,
while the document is saved — so no second program reads and rewrites the file:

- the XMP metadata stream with the PDF/A identification (clauses 6.6.2.1, 6.6.4), saying the
  same as the document information dictionary (6.6.3): title, author (the responsible office),
  subject, keywords, language, creation and modification dates in local time with their offset;
- the sRGB output intent (6.2.3), since every colour is DeviceRGB (or DeviceGray);
- the print flag on every annotation (6.3.2);
- an end-of-line marker before every ``endstream`` (6.1.7.1), which reportlab leaves out.

The fonts' side (no ``.notdef`` drawn, ToUnicode values for level U) is ``fonts.py``'s.
``tests/reports/pdfa_checks.py`` checks every requirement on every PDF the test suite makes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, Final
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfdoc

from tutor_app.assets import resource_path

CREATOR: Final = "Tutor"
OUTPUT_CONDITION: Final = "sRGB IEC61966-2.1"
LANGUAGE_TAGS: Final = {"it": "it-IT", "en": "en-GB"}
_PACKET_ID: Final = "W5M0MpCehiHzreSzNTczkc9d"  # the fixed id every XMP packet carries (XMP part 1)


@dataclass(frozen=True)
class ArchiveMeta:
    """What the document says it is, in its information dictionary and its XMP metadata alike."""

    title: str
    author: str                 # the responsible office
    subject: str
    keywords: Sequence[str]
    lang: str                   # "it" or "en"
    created: datetime           # aware, in local time: the offset is written with it

    @property
    def keyword_text(self) -> str:
        return "; ".join(k for k in self.keywords if k)

    @property
    def language_tag(self) -> str:
        return LANGUAGE_TAGS.get(self.lang, self.lang)


def pdf_date(moment: datetime) -> str:
    """``D:20261125103000+01'00'`` (ISO 32000-1 7.9.4), in the moment's own offset."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("a PDF/A date needs its offset from UTC")
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'"


def xmp_date(moment: datetime) -> str:
    """``2026-11-25T10:30:00+01:00``: the same instant and offset as ``pdf_date``."""
    return moment.replace(microsecond=0).isoformat()


class _Info(pdfdoc.PDFInfo):  # type: ignore[misc]
    """The document information dictionary, written from the same values as the XMP packet."""

    def __init__(self, meta: ArchiveMeta, producer: str) -> None:
        super().__init__()
        self.meta = meta
        self.producer = producer

    def format(self, document: Any) -> bytes:
        m = self.meta
        created = pdfdoc.PDFString(pdf_date(m.created))
        info = pdfdoc.PDFDictionary({
            "Title": pdfdoc.PDFString(m.title), "Author": pdfdoc.PDFString(m.author),
            "Subject": pdfdoc.PDFString(m.subject), "Keywords": pdfdoc.PDFString(m.keyword_text),
            "Creator": pdfdoc.PDFString(CREATOR), "Producer": pdfdoc.PDFString(self.producer),
            "CreationDate": created, "ModDate": created,
        })
        return info.format(document)  # type: ignore[no-any-return]


def xmp_packet(meta: ArchiveMeta, producer: str) -> bytes:
    """The XMP metadata: PDF/A identification plus the document information, in UTF-8."""
    def alt(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'

    keywords = "".join(f"<rdf:li>{escape(k)}</rdf:li>" for k in meta.keywords if k)
    when = xmp_date(meta.created)
    body = f"""<?xpacket begin="\ufeff" id="{_PACKET_ID}"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>U</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title>{alt(meta.title)}</dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description>{alt(meta.subject)}</dc:description>
   <dc:subject><rdf:Bag>{keywords}</rdf:Bag></dc:subject>
   <dc:language><rdf:Bag><rdf:li>{escape(meta.language_tag)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
   <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>
   <pdf:Producer>{escape(producer)}</pdf:Producer>
   <pdf:Keywords>{escape(meta.keyword_text)}</pdf:Keywords>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""
    return body.encode("utf-8")


@lru_cache(maxsize=1)
def _icc_profile() -> bytes:
    return resource_path("color", "sRGB.icc").read_bytes()


def producer_name() -> str:
    from reportlab import Version

    return f"ReportLab {Version}"


def mark_archival(canvas: Any, meta: ArchiveMeta) -> None:
    """Make the document being saved by ``canvas`` a PDF/A-2u file (call just before ``save``)."""
    _install_stream_fix()
    doc = canvas._doc
    producer = producer_name()
    doc.info = _Info(meta, producer)
    metadata = pdfdoc.PDFStream(
        pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"), "Subtype": pdfdoc.PDFName("XML")}),
        xmp_packet(meta, producer), filters=[])  # unfiltered: any tool can read it (6.6.2.1)
    profile = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 3}), _icc_profile(), filters=[pdfdoc.PDFZCompress])
    intent = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": pdfdoc.PDFString(OUTPUT_CONDITION),
        "Info": pdfdoc.PDFString(OUTPUT_CONDITION), "RegistryName": pdfdoc.PDFString("http://www.color.org"),
        "DestOutputProfile": doc.Reference(profile, "tutorOutputProfile")})
    catalog = doc.Catalog
    catalog.Metadata = doc.Reference(metadata, "tutorMetadata")
    catalog.Lang = pdfdoc.PDFString(meta.language_tag)
    # the catalog writes only the keys it lists: OutputIntents joins them, for this document only
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]
    catalog.OutputIntents = pdfdoc.PDFArray([intent])


def printable_annotation(annotation: Any) -> None:
    """Set the Print flag (and no hiding flag) on an annotation (6.3.2): a link to a page of the
    document (reportlab's LinkAnnotation) or one given as a plain dictionary (``linkURL``)."""
    if isinstance(annotation, pdfdoc.PDFDictionary):
        annotation["F"] = 4
    elif isinstance(getattr(annotation, "otherkw", None), dict):
        annotation.otherkw["F"] = 4
    else:
        raise TypeError(f"not an annotation reportlab lets us flag: {annotation!r}")


@lru_cache(maxsize=1)
def _install_stream_fix() -> None:
    """reportlab writes ``…data endstream``; PDF/A wants an end-of-line marker before
    ``endstream``, not counted in /Length (6.1.7.1). Every stream reportlab formats gets one
    (installed once per process: the cache makes later calls free)."""
    original = pdfdoc.PDFStream.format
    tail = b"endstream\n"

    def format_with_eol(self: Any, document: Any) -> bytes:
        out: bytes = original(self, document)
        if not out.endswith(tail):
            raise ValueError("reportlab's stream format changed: check tutor_app/reports/pdfa.py")
        return out[:-len(tail)] + b"\n" + tail

    pdfdoc.PDFStream.format = format_with_eol
