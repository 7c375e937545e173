"""Offscreen screenshots of the desktop client at 1366×768, to look at what a tutor sees.

    python tests/ui/screenshots.py [--lang it|en] [--out screenshots]

Writes main window (home, list, filtered list) and each dossier tab as PNG files.
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
    args = parser.parse_args()
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
    window.resize(1366, 768)

    settle(lambda: window.list_page.is_loaded and window.home.summary is not None)
    lang = args.lang
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
