"""Offscreen screenshots of the undo of deletes: the message with "Annulla" after a delete, the
Edit menu and the Cestino, on a 1366×768 screen at 100 % or 125 % scaling, against the local
PostgreSQL server (so the bin names a deletion made on another tutor's laptop).

    python tests/ui/undo_screenshots.py [--lang it|en] [--scale 1.25] [--out screenshots]

Makes a throw-away shared database (dropped at the end): Anna deletes a meeting of a dossier she
shares with Mario; Mario syncs, deletes an aftercare note and a permit, and opens the Cestino.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[2] / "screenshots"))
    parser.add_argument("--lang", default="it")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="tutor-undo-shots-"))
    os.environ["TUTOR_HOME"] = str(home)

    import psycopg

    from tests.sync.helpers import PG_URL, Client, TestServer, drop_database
    from tests.ui.shots import settle
    from tutor_app.domain.permit_catalogue import CUSTOM_CODE
    from tutor_app.services import aftercare, meetings, permits, recycle_bin
    from tutor_app.ui.app import TutorApp, make_application
    from tutor_app.ui.settings import Settings


    su = psycopg.connect(PG_URL, autocommit=True)
    server = TestServer.create(su, prefix="tundo")
    try:
        mario = Client.make(server, home, "mario", "Mario Rossi", "project_tutor")
        anna = Client.make(server, home, "anna", "Anna Bianchi", "project_tutor")
        project = mario.new_project("Nuovo stabilimento farmaceutico", municipality="Agrate Brianza")
        meeting = meetings.record_meeting(mario.ws, project, table="political", starts_at="2026-03-12T09:00:00Z",
                                          place="Regione Lombardia, Palazzo Lombardia",
                                          actions=[{"text": "Lettera d'intenti al Ministero", "owner": "Regione"}])
        meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-04-02T14:30:00Z",
                                place="Municipio di Agrate Brianza")
        aftercare.add_note(mario.ws, project, noted_on="2026-05-04", topic="workforce",
                           text="L'azienda cerca 40 tecnici di laboratorio: contatto con l'ITS di Monza.")
        note = aftercare.add_note(mario.ws, project, noted_on="2026-06-18", topic="infrastructure",
                                  text="Strada di accesso al cantiere da allargare prima dell'estate.")
        permit = permits.add_permit(mario.ws, project, CUSTOM_CODE, name="Autorizzazione paesaggistica",
                                    authority="Comune di Agrate Brianza")
        mario.sync()
        anna.sync()
        server.assign(project, "anna")
        anna.sync()
        recycle_bin.delete(anna.ws, "meetings", meeting)
        anna.sync()
        mario.sync()
        recycle_bin.delete(mario.ws, "permit_items", permit)

        app = make_application()
        settings = Settings(home / "desktop.ini")
        settings.language_choice = args.lang
        tutor = TutorApp(settings)
        window = tutor.open_workspace(mario.ws, label="")
        size = (1366, 768) if args.scale == 1.0 else (round(1366 / args.scale), round(768 / args.scale))
        window.resize(*size)
        settle(lambda: window.list_page.is_loaded and window.home.summary is not None)
        window.open_dossier(project, "aftercare")
        settle()
        page = window.dossier_page
        tab = page.aftercare
        tab._select(tab.model.row_of(note) or 0, same_record=False)
        tab.delete_button.click()
        settle()
        suffix = f"{args.lang}-{int(args.scale * 100)}"
        window.grab().save(str(out / f"undo-01-message-{suffix}.png"))
        edit_menu = next(a.menu() for a in window.menuBar().actions() if a.menu() and
                         window.undo.undo_action in a.menu().actions())
        edit_menu.popup(window.mapToGlobal(window.menuBar().actionGeometry(edit_menu.menuAction()).bottomLeft()))
        settle()
        edit_menu.grab().save(str(out / f"undo-02-edit-menu-{suffix}.png"))
        edit_menu.close()
        dialog = window.undo.show_bin()
        settle()
        dialog.grab().save(str(out / f"undo-03-recycle-bin-{suffix}.png"))
        window.grab().save(str(out / f"undo-04-window-with-bin-{suffix}.png"))
        dialog.close()
        window.undo.undo()
        settle()
        window.grab().save(str(out / f"undo-05-restored-{suffix}.png"))
        tutor.tasks.wait_idle()
        tutor.close(close_workspace=False)
        app.processEvents()
        for client in (mario, anna):
            client.close()
    finally:
        server.close()
        drop_database(su, server.database)
        su.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
