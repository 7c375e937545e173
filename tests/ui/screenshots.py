"""Offscreen screenshots of the desktop client at 1366×768, to look at what a tutor sees.

    python tests/ui/screenshots.py [--lang it|en] [--scale 1.25] [--out screenshots]

Writes main window (home, list, filtered list), each dossier tab and the dialogs as PNG files.
``--scale 1.25`` is a 1366×768 laptop at 125 % (QT_SCALE_FACTOR; about 1093×614 logical pixels):
the window fills the same screen, every control must still be seen.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests.ui.shots
TODAY = date(2026, 11, 25)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="it")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[2] / "screenshots"))
    parser.add_argument("--projects", type=int, default=120)
    parser.add_argument("--scale", type=float, default=1.0, help="screen scaling (1.25 = 125 %%)")
    args = parser.parse_args()
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)  # before the QApplication exists
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="tutor-shots-"))
    os.environ["TUTOR_HOME"] = str(home)

    from PySide6.QtWidgets import QScrollArea

    from tests.ui.shots import settle
    from tutor_app.services import demo
    from tutor_app.services.workspace import Workspace
    from tutor_app.ui.app import TutorApp, make_application
    from tutor_app.ui.settings import Settings

    app = make_application()
    app.setApplicationDisplayName("Tutor")
    ws = Workspace.open(db=home / "demo.sqlite3", today=lambda: TODAY)
    demo.generate(ws, projects=args.projects, seed=11, today=TODAY)
    settings = Settings(home / "desktop.ini")
    settings.language_choice = args.lang
    tutor = TutorApp(settings)
    window = tutor.open_workspace(ws, label="")
    size = (round(1366 / args.scale), round(768 / args.scale))
    window.resize(*size)
    window.show()

    settle(lambda: window.list_page.is_loaded and window.home.summary is not None)
    lang = f"{args.lang}-{round(args.scale * 100)}"
    window.show_home()
    settle()
    window.grab().save(str(out / f"{lang}-01-home.png"))
    window.show_list()
    settle()
    window.grab().save(str(out / f"{lang}-02-list.png"))
    window.list_page.search.setText("milano")
    settle(timeout=1)
    window.grab().save(str(out / f"{lang}-03-list-filtered.png"))
    window.list_page.search.clear()
    window.show_dashboard()
    page = window.dashboard_page()
    page.figures = None
    settle(lambda: page.figures is not None)
    scroll = page.findChild(QScrollArea)
    window.grab().save(str(out / f"{lang}-11-dashboard.png"))
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    settle()
    window.grab().save(str(out / f"{lang}-12-dashboard-end.png"))
    page.charts["authority"].pick(0, 0)
    settle()
    window.grab().save(str(out / f"{lang}-13-list-from-dashboard.png"))
    window.list_page.clear_filters()
    # the dossier with the most permits in trouble makes the richest screenshots
    rows = sorted(window.list_page.model.index_data.rows, key=lambda r: (-r.overdue_permits, r.code))
    target = next((r for r in rows if r.phase == "permitting"), rows[0])
    window.open_dossier(target.id)
    for n, tab in enumerate(("overview", "timeline", "permits", "aftercare"), start=4):
        window.dossier_page.show_tab(tab)
        settle()
        window.grab().save(str(out / f"{lang}-{n:02d}-dossier-{tab}.png"))
    window.dossier_page.new_meeting()
    settle()
    window.grab().save(str(out / f"{lang}-08-new-meeting.png"))
    busiest = max(window.dossier_page.timeline.model.rows, key=lambda m: len(m.actions), default=None)
    if busiest is not None:
        window.dossier_page.show_record("meeting", busiest.id)
        settle()
        window.grab().save(str(out / f"{lang}-08b-meeting-with-actions.png"))

    def shot(dialog: object, name: str) -> None:
        dialog.show()  # type: ignore[attr-defined]
        settle()
        dialog.grab().save(str(out / f"{lang}-{name}.png"))  # type: ignore[attr-defined]
        dialog.close()  # type: ignore[attr-defined]
        settle()

    from tutor_app.services import dossiers, meetings
    from tutor_app.ui.dossier.contacts import ContactDialog
    from tutor_app.ui.dossier.permits import AddPermitDialog
    from tutor_app.ui.export_dialog import ExportDialog
    from tutor_app.ui.settings_dialog import SettingsDialog

    dossier = dossiers.get_dossier(ws, target.id)
    if dossier.meetings:
        meetings.update_meeting(ws, dossier.meetings[0].id, place="Municipio di Agrate Brianza")
    dossiers.update_project(ws, target.id, new_hires=(dossier.project["new_hires"] or 0) + 10)
    shot(window.show_pending(), "11-pending")
    shot(window.show_shortcuts(), "12-shortcuts")
    shot(ExportDialog(ws, target.id, window), "13-export-dossier")
    shot(ExportDialog(ws, None, window), "14-export-portfolio")
    shot(SettingsDialog(window.ctx.settings, window, ws=ws), "15-settings")
    shot(AddPermitDialog(window.ctx, target.id, window), "16-add-permit")
    shot(ContactDialog(window.ctx, target.id, str(dossier.investor["id"]), None, window), "17-contact")
    shot(window.show_conflicts(), "18-conflicts")
    window.show_home()
    settle(lambda: window.home.summary is not None)
    figure = window.home.open_figure("actions")
    if figure is not None:
        shot(figure, "19-figure-actions")
    from tutor_app.ui.about_dialog import AboutDialog

    shot(AboutDialog(window), "20-about")
    aftercare_target = next((r for r in rows if r.phase == "operations"), rows[0])
    window.open_dossier(aftercare_target.id, "aftercare")
    settle()
    window.grab().save(str(out / f"{lang}-09-aftercare-notes.png"))
    from tutor_app.ui.welcome import WelcomeDialog

    empty = Workspace.open(db=home / "empty.sqlite3")
    welcome = WelcomeDialog(empty)
    welcome.show()
    settle()
    welcome.grab().save(str(out / f"{lang}-10-welcome.png"))
    welcome.close()
    welcome.deleteLater()
    settle()
    empty.close()
    tutor.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
