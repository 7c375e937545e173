"""Who signs the PDFs: the agency's names, colours and mark, read from ``resources/branding``,
then from the region file IT ships beside the installation (``paths.region_file_path()``:
``region.json``, described in the README), whose keys override the built-in ones: the agency,
the responsible office (the documents' author), the default classification, a logo image.

The mark is kept as a handful of vector shapes (``logo.json``) rather than a bitmap so the PDFs
draw it crisp at any size and for free (decoding and compressing a large PNG would cost more
than laying out a whole dossier). ``write_svg`` and ``write_png`` make the same mark for the
desktop app and the web from the same source.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Rect
from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas

from tutor_app.assets import load_json, resource_path
from tutor_app.domain.errors import RegionFileError

CLASSIFICATIONS = ("riservato", "uso_interno", "pubblico")  # the markings a document can carry
_NAMES = ("agency", "region", "unit", "office", "confidential")  # each {"it": ..., "en": ...}


@dataclass(frozen=True, slots=True)
class Branding:
    """The agency as the documents name it, in both languages."""

    agency: dict[str, str]
    region: dict[str, str]
    unit: dict[str, str]
    address: str
    website: str
    confidential: dict[str, str]
    colours: dict[str, str]
    logo: tuple[dict[str, Any], ...]
    logo_size: float
    office: dict[str, str]
    classification: str             # the default marking, one of CLASSIFICATIONS
    logo_image: Path | None = None  # a region's own mark (PNG or JPEG), drawn instead of the shapes

    def text(self, which: str, lang: str) -> str:
        names: dict[str, str] = getattr(self, which)
        return names.get(lang) or names["it"]

    def colour(self, name: str) -> Color:
        return HexColor(self.colours[name])


@lru_cache(maxsize=1)
def branding() -> Branding:
    """The built-in branding, overridden by the region file where IT installed one."""
    from tutor_app.paths import region_file_path

    data = dict(load_json("branding", "agency.json"))
    logo = load_json("branding", data.get("logo", "logo.json"))
    path = region_file_path()
    image = None
    if path.is_file():
        region = _read_region(path)
        data.update({k: v for k, v in region.items() if k != "logo"})
        if "logo" in region:
            image = path.parent / region["logo"]
            if not image.is_file() or image.suffix.lower() not in (".png", ".jpg", ".jpeg"):
                raise RegionFileError(str(path), f"logo {region['logo']!r} is not a PNG or JPEG file beside it")
    return Branding(
        agency=data["agency"], region=data["region"], unit=data["unit"], address=data["address"],
        website=data["website"], confidential=data["confidential"], colours=data["colours"],
        logo=tuple(logo["shapes"]), logo_size=float(logo["size"]), office=data["office"],
        classification=data["classification"], logo_image=image)


def _read_region(path: Path) -> dict[str, Any]:
    import json

    try:
        region = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RegionFileError(str(path), str(exc)) from exc
    if not isinstance(region, dict):
        raise RegionFileError(str(path), "not a JSON object")
    region = {k: v for k, v in region.items() if not k.startswith("_")}  # "_doc": a note for people
    known = {*_NAMES, "address", "website", "colours", "classification", "logo"}
    unknown = sorted(set(region) - known)
    if unknown:
        raise RegionFileError(str(path), f"unknown keys {', '.join(unknown)}; expected {', '.join(sorted(known))}")
    for key in _NAMES:
        names = region.get(key)
        if names is not None and not (isinstance(names, dict) and isinstance(names.get("it"), str)
                                      and all(isinstance(v, str) for v in names.values())):
            raise RegionFileError(str(path), f'{key} must be {{"it": "...", "en": "..."}}')
    for key in ("address", "website", "logo"):
        if key in region and not isinstance(region[key], str):
            raise RegionFileError(str(path), f"{key} must be a text")
    if "classification" in region and region["classification"] not in CLASSIFICATIONS:
        raise RegionFileError(str(path), f"classification must be one of {', '.join(CLASSIFICATIONS)}")
    return region


def draw_logo(canvas: Canvas, x: float, y: float, size: float, brand: Branding | None = None) -> None:
    """Draw the mark with its lower-left corner at (x, y), ``size`` points wide and high."""
    brand = brand or branding()
    if brand.logo_image is not None:
        canvas.drawImage(str(brand.logo_image), x, y, size, size, preserveAspectRatio=True, anchor="sw",
                         mask="auto")
        return
    scale = size / brand.logo_size
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(scale, scale)
    for shape in brand.logo:
        canvas.setFillColor(HexColor(shape["fill"]))
        if shape["kind"] == "rect":
            canvas.roundRect(shape["x"], shape["y"], shape["w"], shape["h"], shape.get("r", 0), stroke=0, fill=1)
        elif shape["kind"] == "circle":
            canvas.circle(shape["cx"], shape["cy"], shape["r"], stroke=0, fill=1)
    canvas.restoreState()


def logo_drawing(size: float, brand: Branding | None = None) -> Drawing:
    """The mark as a reportlab Drawing (what ``write_svg`` renders)."""
    brand = brand or branding()
    scale = size / brand.logo_size
    drawing = Drawing(size, size)
    for shape in brand.logo:
        fill = HexColor(shape["fill"])
        if shape["kind"] == "rect":
            r = shape.get("r", 0) * scale
            drawing.add(Rect(shape["x"] * scale, shape["y"] * scale, shape["w"] * scale, shape["h"] * scale,
                             rx=r, ry=r, fillColor=fill, strokeColor=None))
        elif shape["kind"] == "circle":
            drawing.add(Circle(shape["cx"] * scale, shape["cy"] * scale, shape["r"] * scale,
                               fillColor=fill, strokeColor=None))
    return drawing


def write_svg(path: Path, size: float = 256) -> None:
    from reportlab.graphics import renderSVG

    renderSVG.drawToFile(logo_drawing(size), str(path))


def write_png(path: Path, pixels: int = 512) -> None:
    """A raster copy (window icons), drawn 4x larger and scaled down so the edges are smooth."""
    from PIL import Image, ImageDraw

    brand = branding()
    big = pixels * 4
    scale = big / brand.logo_size
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    for shape in brand.logo:
        fill = shape["fill"]
        if shape["kind"] == "rect":
            # PIL's y axis points down; the shapes are described with y up.
            x0, x1 = shape["x"] * scale, (shape["x"] + shape["w"]) * scale
            y0, y1 = big - (shape["y"] + shape["h"]) * scale, big - shape["y"] * scale
            pen.rounded_rectangle((x0, y0, x1, y1), radius=shape.get("r", 0) * scale, fill=fill)
        elif shape["kind"] == "circle":
            cx, cy, r = shape["cx"] * scale, big - shape["cy"] * scale, shape["r"] * scale
            pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)
    image.resize((pixels, pixels), Image.Resampling.LANCZOS).save(path)


def branding_dir() -> Path:
    return resource_path("branding")
