"""When a one-line field saves itself: on a pause in typing (text, and a number once it reads as
one), when it is left, never for a date half typed or a title emptied for retyping."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from tutor_app.ui.widgets.fields import TEXT_SAVE_DELAY_MS, DateField, FormBinder, IntField, LineField

_KEPT: list[object] = []  # the binder and its window, alive for the test (Python owns them)


def _form(qtbot: Any, *fields: LineField) -> list[dict[str, Any]]:
    saved: list[dict[str, Any]] = []
    binder = FormBinder(lambda values: saved.append(values) or values)
    window = QWidget()
    _KEPT[:] = [binder, window]
    layout = QVBoxLayout(window)
    for field in fields:
        binder.add(field)
        layout.addWidget(field.box)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return saved


def _pause(qtbot: Any) -> None:
    qtbot.wait(TEXT_SAVE_DELAY_MS + 250)


def test_a_line_is_saved_on_a_pause_once_and_not_again_when_left(qtbot: Any) -> None:
    place = LineField("place", "Luogo")
    saved = _form(qtbot, place)
    place.line.setFocus()
    qtbot.keyClicks(place.line, "Municipio")
    assert saved == []                       # still typing
    _pause(qtbot)
    assert saved == [{"place": "Municipio"}]
    qtbot.keyClicks(place.line, " di Agrate")
    qtbot.keyClick(place.line, Qt.Key.Key_Return)  # Enter before the pause: saved at once
    assert saved[-1] == {"place": "Municipio di Agrate"}
    _pause(qtbot)
    place.flush()
    assert len(saved) == 2                   # nothing typed since: nothing saved again


def test_an_emptied_line_waits_for_the_field_to_be_left(qtbot: Any) -> None:
    title = LineField("title", "Titolo")
    saved = _form(qtbot, title)
    title.set_value("Fab Agrate")
    title.line.setFocus()
    title.line.selectAll()
    qtbot.keyClick(title.line, Qt.Key.Key_Delete)
    _pause(qtbot)
    assert saved == []
    title.flush()                            # the dossier is left: the emptied field is saved (and refused)
    assert saved == [{"title": ""}]


def test_a_number_is_saved_on_a_pause_only_once_it_reads_as_one(qtbot: Any) -> None:
    hires = IntField("new_hires", "Nuove assunzioni", "it")
    saved = _form(qtbot, hires)
    hires.line.setFocus()
    qtbot.keyClicks(hires.line, "12x")
    _pause(qtbot)
    assert saved == [] and not hires.has_error  # no message while the tutor is still at it
    qtbot.keyClick(hires.line, Qt.Key.Key_Backspace)
    _pause(qtbot)
    assert saved == [{"new_hires": 12}]


def test_a_date_is_never_saved_on_a_pause(qtbot: Any) -> None:
    follow_up = DateField("follow_up_on", "Follow-up", "it")
    other = LineField("topic", "Argomento")
    saved = _form(qtbot, follow_up, other)
    follow_up.line.setFocus()
    qtbot.keyClicks(follow_up.line, "12/03/20")  # on its way to 12/03/2026, and a date already
    _pause(qtbot)
    follow_up.flush()                            # a sync's reload while it is typed: it waits
    assert saved == []
    qtbot.keyClicks(follow_up.line, "26")
    other.line.setFocus()                        # left: saved
    assert [str(v["follow_up_on"]) for v in saved] == ["2026-03-12"]
