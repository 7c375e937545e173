"""The Qt Linguist catalogue rebuild (``python -m tutor_app.ui.i18n_build``) needs no hand edits
afterwards: what lupdate's Python parser misses (plurals of QCoreApplication.translate, tr() in
f-strings...) is kept, no translation is lost, and no Italian message is left unfinished."""

from __future__ import annotations

import os
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tutor_app.ui import i18n_build


def _messages(path: Path) -> dict[tuple[str, str], tuple[str | None, tuple[str, ...], str | None]]:
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.findall("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = tuple(f.text or "" for f in translation.findall("numerusform")) or (translation.text or "",)
            out[(context.findtext("name") or "", message.findtext("source") or "")] = (
                message.get("numerus"), forms, translation.get("type"))
    return out


def test_keep_missed_puts_back_a_dropped_message_and_a_lost_plural(tmp_path: Path) -> None:
    before = ET.fromstring(
        "<TS><context><name>C</name>"
        "<message numerus='yes'><source>%n day(s) late</source><translation>"
        "<numerusform>in ritardo di %n giorno</numerusform><numerusform>in ritardo di %n giorni</numerusform>"
        "</translation></message>"
        "<message><source>Legal limit</source><translation>Termine di legge</translation></message>"
        "<message><source>Gone from the code</source><translation>Sparito</translation></message>"
        "</context></TS>")
    after = tmp_path / "t.ts"  # what lupdate wrote: the plural read as a plain message, the rest missed
    after.write_text("<TS><context><name>C</name><message><source>%n day(s) late</source>"
                     "<translation type='unfinished'>in ritardo di %n giorno</translation></message>"
                     "</context></TS>", encoding="utf-8")
    assert i18n_build.keep_missed(after, before, {"%n day(s) late", "Legal limit"}) == 2
    kept = _messages(after)
    assert kept[("C", "%n day(s) late")] == ("yes", ("in ritardo di %n giorno", "in ritardo di %n giorni"), None)
    assert kept[("C", "Legal limit")] == (None, ("Termine di legge",), None)
    assert ("C", "Gone from the code") not in kept


@pytest.mark.slow
def test_a_full_rebuild_loses_no_translation_and_leaves_nothing_unfinished(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("pyside6-lupdate is not installed beside this Python")
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    real = i18n_build.I18N
    touched = {p.name: p.stat().st_mtime_ns for p in real.glob("tutor_*.*")}
    for lang in i18n_build.LANGUAGES:
        shutil.copy(real / f"tutor_{lang}.ts", tmp_path / f"tutor_{lang}.ts")
    monkeypatch.setattr(i18n_build, "I18N", tmp_path)
    assert i18n_build.main([]) == 0
    assert {p.name: p.stat().st_mtime_ns for p in real.glob("tutor_*.*")} == touched  # the copy only
    strings = i18n_build.code_strings()
    for lang in i18n_build.LANGUAGES:
        old, new = _messages(i18n_build.ROOT / "resources" / "i18n" / f"tutor_{lang}.ts"), _messages(
            tmp_path / f"tutor_{lang}.ts")
        lost = [key for key in old if key not in new and key[1] in strings]
        assert not lost, f"{lang}: the rebuild lost {lost}"
        changed = [key for key in old.keys() & new.keys() if old[key][:2] != new[key][:2] and old[key][2] is None]
        assert not changed, f"{lang}: the rebuild changed finished translations {changed}"
        if lang == "it":
            unfinished = [key for key, (_n, forms, kind) in new.items() if kind == "unfinished" or not all(forms)]
            assert not unfinished, f"Italian messages to translate: {unfinished}"
        assert (tmp_path / f"tutor_{lang}.qm").stat().st_size > 1000
