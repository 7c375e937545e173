"""Who signs the PDFs: the agency's names, colours and mark, read from ``resources/branding``.

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

    def text(self, which: str, lang: str) -> str:
        names: dict[str, str] = getattr(self, which)
        return names.get(lang) or names["it"]

    def colour(self, name: str) -> Color:
        return HexColor(self.colours[name])


@lru_cache(maxsize=1)
def branding() -> Branding:
    data = load_json("branding", "agency.json")
    logo = load_json("branding", data.get("logo", "logo.json"))
    return Branding(
        agency=data["agency"], region=data["region"], unit=data["unit"], address=data["address"],
        website=data["website"], confidential=data["confidential"], colours=data["colours"],
        logo=tuple(logo["shapes"]), logo_size=float(logo["size"]))


def draw_logo(canvas: Canvas, x: float, y: float, size: float, brand: Branding | None = None) -> None:
    """Draw the mark with its lower-left corner at (x, y), ``size`` points wide and high."""
    brand = brand or branding()
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
