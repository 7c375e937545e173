"""Offscreen screenshots of a tutor's first day: the welcome, the empty Home and list, the new-dossier
dialog's steps, the new dossier, the warning strip, the server settings.

    python tests/ui/first_day_screenshots.py [--lang it|en] [--out screenshots]
    QT_SCALE_FACTOR=1.25 python tests/ui/first_day_screenshots.py --lang en   # a 1366×768 laptop at 125 %

The window is 1366×768 physical pixels at any scale (1093×614 logical at 125 %); dialogs are
shot at the size they open with. Files are named ``first-<lang>-<scale>-NN-what.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
TODAY = date(2026, 11, 25)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="it")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[2] / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="tutor-first-shots-"))
    os.environ["TUTOR_HOME"] = str(home)
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1") or 1)

    from PySide6.QtWidgets import QWidget

    from tests.ui.shots import settle
    from tutor_app.domain import schema
    from tutor_app.domain.enums import Role
    from tutor_app.services import dossiers
    from tutor_app.services.sync_profile import remember_target
    from tutor_app.services.workspace import Workspace
    from tutor_app.store.state import LAST_SYNC
    from tutor_app.ui.app import TutorApp, make_application
    from tutor_app.ui.new_dossier import NewDossierDialog
    from tutor_app.ui.settings import Settings
    from tutor_app.ui.settings_dialog import SettingsDialog
    from tutor_app.ui.welcome import WelcomeDialog

    make_application()
    lang = args.lang
    prefix = f"first-{lang}-{int(scale * 100)}"

    def shot(widget: QWidget, n: int, what: str) -> None:
        settle()
        path = out / f"{prefix}-{n:02d}-{what}.png"
        widget.grab().save(str(path))
        size = widget.size()
        print(f"{path.name}: {size.width()}×{size.height()} logical")

    settings = Settings(home / "desktop.ini")
    settings.language_choice = lang
    tutor = TutorApp(settings)
    ws = Workspace.open(db=home / "first.sqlite3", today=lambda: TODAY)
    welcome = WelcomeDialog(ws, language=lang, on_language=tutor.choose_language)
    welcome.show()
    shot(welcome, 1, "welcome")
    welcome.close()
    ws.create_profile("Maria Rossi", "maria.rossi@regione.example")

    window = tutor.open_workspace(ws, label="")
    window.resize(int(1366 / scale), int(768 / scale))
    settle(lambda: window.list_page.is_loaded and window.home.summary is not None)
    window.sync.shutdown()  # no background sync in the pictures
    shot(window, 2, "home-empty")
    window.show_list()
    shot(window, 3, "list-empty")

    for name, country, sector in (("Siemens AG", "DE", "electronics"), ("Siemens Healthineers", "DE", "life_sciences"),
                                  ("Nuova Siemens s.r.l.", "IT", "manufacturing")):
        dossiers.create_investor(ws, name=name, country=country, sector=sector)
    dialog = NewDossierDialog(window.ctx, window)
    dialog.show()
    dialog.search.setText("siem")
    shot(dialog, 4, "new-dossier-search")
    dialog.search.setText("Nordpharma GmbH")
    dialog.go_next()
    dialog.investor_fields["country"].set_value("DE")
    dialog.contacts[0]["name"].line.setText("Jana Weber")  # type: ignore[attr-defined]
    dialog.contacts[0]["email"].line.setText("jana@")  # type: ignore[attr-defined]
    dialog.go_next()
    shot(dialog, 5, "new-dossier-investor-error")
    dialog.contacts[0]["email"].line.setText("j.weber@nordpharma.example")  # type: ignore[attr-defined]
    dialog.investor_fields["name"].line.setText("Siemens A.G.")  # type: ignore[attr-defined]
    dialog.go_next()
    shot(dialog, 6, "new-dossier-same-investor")
    dialog.investor_fields["name"].line.setText("Nordpharma GmbH")  # type: ignore[attr-defined]
    dialog.go_next()
    dialog.project_fields["capex_cents"].line.setText("tanti")  # type: ignore[attr-defined]
    dialog.create_dossier()
    shot(dialog, 7, "new-dossier-project-error")
    dialog.project_fields["title"].line.setText("Stabilimento di confezionamento a Lodi")  # type: ignore[attr-defined]
    dialog.project_fields["capex_cents"].line.setText("12.500.000")  # type: ignore[attr-defined]
    dialog.project_fields["municipality"].line.setText("Lodi")  # type: ignore[attr-defined]
    dialog.project_fields["province"].set_value("LO")
    dialog.create_dossier()
    created = dialog.created_id
    assert created is not None
    window.list_page.load()
    window.open_dossier(created)
    shot(window, 8, "new-dossier-opened")

    with ws.store.write() as w:  # Anna's dossier, as a sync brings it, and an old last sync
        anna = w.create(schema.TUTORS, schema.TUTORS.validate(
            {"name": "Anna Bianchi", "role": Role.PROJECT_TUTOR, "initials": "ABI"}, creating=True))
    investor = str(dossiers.get_dossier(ws, created).investor["id"])
    hers = dossiers.create_dossier(ws, investor=investor, title="Magazzino automatico", kind="expansion",
                                   sector="logistics", function="logistics", province="LO")
    with ws.store.write() as w:
        w.delete(schema.ASSIGNMENTS, schema.assignment_id(hers, str(ws.tutor_id)))
        w.create(schema.ASSIGNMENTS, schema.ASSIGNMENTS.validate(
            {"project_id": hers, "tutor_id": anna, "role": Role.PROJECT_TUTOR}, creating=True),
            row_id=schema.assignment_id(hers, anna))
    remember_target(ws, "postgresql://db.regione.lombardia.it:5432/tutor", "mrossi")
    with ws.store.write() as w:
        LAST_SYNC.set(w.conn, schema.iso_instant(datetime(2026, 11, 13, 9, tzinfo=UTC)))
    window.status.set_connection("idle")  # as Settings would have told the bar
    window.status.set_last_sync(datetime(2026, 11, 13, 9, tzinfo=UTC))
    window.open_dossier(hers)
    shot(window, 9, "dossier-warnings")

    settings_dialog = SettingsDialog(settings, window, ws=ws)
    settings_dialog.show()
    shot(settings_dialog, 10, "settings-server")
    settings_dialog.port.line.setText("99999")
    settings_dialog.accept()
    shot(settings_dialog, 11, "settings-bad-port")
    settings_dialog.close()
    window.show_home()
    shot(window, 12, "home-after")

    tutor.tasks.wait_idle()
    tutor.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
