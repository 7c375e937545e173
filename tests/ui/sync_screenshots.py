"""Offscreen screenshots of the sync pieces at 1366×768, against the local PostgreSQL server.

    python tests/ui/sync_screenshots.py [--out screenshots]

Makes a throw-away shared database (dropped at the end), two tutors who edit the same meeting
offline, and shows Mario's window: the status bar online / syncing / offline, the conflicts
inbox with the real conflict, the pending-changes view and the settings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[2] / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="tutor-sync-shots-"))
    os.environ["TUTOR_HOME"] = str(home)

    import psycopg

    from tests.sync.helpers import PG_URL, Client, TestServer, drop_database
    from tests.ui.shots import settle
    from tutor_app.domain.errors import OfflineError
    from tutor_app.services import dossiers, meetings
    from tutor_app.services.sync import MemoryCredentials, target_of
    from tutor_app.services.sync_profile import remember_target
    from tutor_app.sync.connection import Secret
    from tutor_app.ui.app import TutorApp, make_application
    from tutor_app.ui.settings import Settings
    from tutor_app.ui.settings_dialog import SettingsDialog
    from tutor_app.ui.status_bar import Connection
    from tutor_app.ui.sync_messages import failure_text, password_prompt

    su = psycopg.connect(PG_URL, autocommit=True)
    server = TestServer.create(su, prefix="tshots")
    try:
        mario = Client.make(server, home, "mario", "Mario Rossi", "project_tutor")
        anna = Client.make(server, home, "anna", "Anna Bianchi", "project_tutor")
        projects = [mario.new_project(t, municipality=m) for t, m in (
            ("Nuovo stabilimento farmaceutico", "Agrate Brianza"), ("Centro logistico", "Lodi"),
            ("Laboratorio di ricerca sui materiali", "Bergamo"))]
        project = projects[0]
        meeting = meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-03-12T09:00:00Z",
                                          decisions="Prima stesura delle decisioni")
        mario.sync()
        anna.sync()
        server.assign(project, "anna")
        anna.sync()
        meetings.update_meeting(mario.ws, meeting, decisions="Confermato il sopralluogo del 20/03 con il Comune; "
                                "l'azienda invia la planimetria entro fine mese.")
        time.sleep(0.01)
        meetings.update_meeting(anna.ws, meeting, decisions="Sopralluogo spostato ad aprile su richiesta "
                                "dell'azienda; planimetria attesa dopo il consiglio di amministrazione.")
        mario.sync()
        anna.sync()

        app = make_application()
        settings = Settings(home / "desktop.ini")
        settings.language_choice = "it"
        tutor = TutorApp(settings)
        remember_target(mario.ws, str(server.address), "mario")
        target = target_of(mario.ws)
        credentials = MemoryCredentials()
        credentials.set(target.key, target.role, Secret(server.passwords["mario"]))
        window = tutor.open_workspace(mario.ws, label="")
        window.sync.configure(credentials=credentials)
        window.resize(1366, 768)
        settle(lambda: window.list_page.is_loaded and window.home.summary is not None)
        window.show_list()
        window.sync.sync_now()
        settle(lambda: not window.sync.running)
        dossiers.update_project(mario.ws, projects[1], municipality="Codogno", new_hires=45)
        dossiers.update_project(mario.ws, projects[2], title="Laboratorio di ricerca su materiali avanzati")
        window.ctx.events.pending_changed.emit()
        settle(lambda: window.status.pending == 2, timeout=2)
        window.grab().save(str(out / "sync-01-online.png"))
        window.status.set_connection(Connection.SYNCING)
        settle()
        window.grab().save(str(out / "sync-02-syncing.png"))
        window.status.set_connection(Connection.OFFLINE)
        window.status.set_problem(failure_text(
            OfflineError("unreachable", address="postgresql://db.regione.lombardia.it:5432/tutor")))
        settle()
        window.grab().save(str(out / "sync-03-offline.png"))
        window.status.set_connection(Connection.ONLINE)
        dialog = window.show_conflicts()
        settle()
        dialog.grab().save(str(out / "sync-04-conflicts.png"))
        dialog.close()
        pending = window.show_pending()
        settle()
        pending.grab().save(str(out / "sync-05-pending.png"))
        pending.close()
        settings_dialog = SettingsDialog(settings, window, ws=mario.ws)
        settings_dialog.show()
        settle()
        settings_dialog.grab().save(str(out / "sync-06-settings.png"))
        settings_dialog.close()
        from tutor_app.ui.sync_dialogs import PasswordDialog

        password = PasswordDialog(password_prompt("mario", str(server.address)), window)
        password.show()
        settle()
        password.grab().save(str(out / "sync-07-password.png"))
        password.close()
        tutor.close(close_workspace=False)
        del app
        mario.close()
        anna.close()
    finally:
        server.close()
        drop_database(su, server.database)
        su.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
