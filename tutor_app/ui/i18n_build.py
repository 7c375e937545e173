"""Regenerate the translation catalogues: ``python -m tutor_app.ui.i18n_build``.

1. ``pyside6-lupdate`` collects the translatable strings of ``tutor_app/ui`` into the Qt Linguist
   sources ``resources/i18n/tutor_<lang>.ts`` (existing translations are kept; new strings are
   marked unfinished, to be translated in Qt Linguist or a text editor);
2. what lupdate's Python parser misses is put back from the catalogue as it was (``keep_missed``):
   it reads no ``QCoreApplication.translate(..., n)`` as a plural (and drops the plural forms), and
   no ``tr()`` inside an f-string or split over some expressions; a message it dropped stays when
   its source text is still a string of the code, a plural keeps its forms;
3. ``pyside6-lrelease`` compiles each ``.ts`` into the ``.qm`` the app loads.

Both the ``.ts`` and the ``.qm`` files are committed, so a build needs no Qt tools. Italian is the
full translation; the English catalogue only holds the plural forms of the English source strings.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "tutor_app" / "ui"
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("it", "en")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: it comes with PySide6 (pip install PySide6)")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py") if p.name != "i18n_build.py")


def code_strings() -> set[str]:
    """Every string constant of the UI code (implicit concatenations joined, f-string parts too)."""
    import ast

    found: set[str] = set()
    for name in sources():
        tree = ast.parse((ROOT / name).read_text(encoding="utf-8"))
        found.update(n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str))
    return found


def _messages(root: ET.Element) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            out[(name, message.findtext("source") or "")] = message
    return out


def keep_missed(path: Path, before: ET.Element, strings: set[str]) -> int:
    """Put back what lupdate missed: the plural forms it dropped, the messages it did not find
    whose source is still a string of the code. Returns how many were put back."""
    tree = ET.parse(path)
    root = tree.getroot()
    now = _messages(root)
    contexts = {c.findtext("name"): c for c in root.iter("context")}
    kept = 0
    for (name, source), old in _messages(before).items():
        new = now.get((name, source))
        if new is None and source in strings:
            context = contexts.get(name)
            if context is None:
                context = contexts[name] = ET.SubElement(root, "context")
                ET.SubElement(context, "name").text = name
            context.append(old)
            kept += 1
        elif new is not None and old.get("numerus") == "yes" and new.get("numerus") != "yes":
            new.set("numerus", "yes")
            new.remove(new.find("translation"))  # type: ignore[arg-type]
            new.append(old.find("translation"))  # type: ignore[arg-type]
            kept += 1
    _write(tree, path)
    return kept


def _write(tree: ET.ElementTree[ET.Element], path: Path) -> None:
    ET.indent(tree, space="    ")  # lupdate's own indentation: a rebuild changes only what changed
    with path.open("wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(fh, encoding="utf-8", xml_declaration=False)


def update(languages: tuple[str, ...] = LANGUAGES) -> None:
    strings = code_strings()
    for lang in languages:
        ts = I18N / f"tutor_{lang}.ts"
        before = ET.parse(ts).getroot() if ts.exists() else ET.Element("TS")
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                *sources(),
                "-no-obsolete",
                "-locations",
                "none",
                "-target-language",
                "it_IT" if lang == "it" else "en_GB",
                "-ts",
                str(ts),
            ],
            cwd=ROOT,
            check=True,
        )
        keep_missed(ts, before, strings)


def english_plurals(path: Path | None = None) -> int:
    """Fill the English catalogue's plural forms from the source ("%n day(s)" → "%n day" / "%n days")."""
    path = path if path is not None else I18N / "tutor_en.ts"  # I18N read now: a test points it elsewhere
    tree = ET.parse(path)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if message.get("numerus") != "yes" or translation is None:
            continue
        source = message.findtext("source") or ""
        if any((form.text or "").strip() for form in translation.findall("numerusform")):
            continue  # written already (by hand: "%n field holds…", not the mechanical "%n field hold…")
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        for form in (source.replace("(s)", ""), source.replace("(s)", "s")):
            ET.SubElement(translation, "numerusform").text = form
        translation.attrib.pop("type", None)
        filled += 1
    _write(tree, path)
    return filled


def release(languages: tuple[str, ...] = LANGUAGES) -> None:
    for lang in languages:
        ts = I18N / f"tutor_{lang}.ts"
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release-only", action="store_true", help="only compile the .ts files")
    args = parser.parse_args(argv)
    I18N.mkdir(parents=True, exist_ok=True)
    if not args.release_only:
        update()
        english_plurals()
    release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
