"""The two walks that fill the conflicts inbox with records of others, on the real server: a
dossier reassigned while its tutor had offline edits (DESIGN §5.5), and a dossier deleted while
its tutor edited it offline (§5.3). The sync tests, the window's tests and the screenshots of the
inbox (tests/ui/inbox_screenshots.py) play the same scenes."""

from __future__ import annotations

from dataclasses import dataclass

from tests.sync.helpers import Client, TestServer
from tutor_app.services import aftercare, dossiers
from tutor_app.sync.context import SyncReport


@dataclass(frozen=True)
class Scene:
    project: str
    code: str
    note: str
    report: SyncReport  # the sync of the one whose edits the server refused or kept


def reassigned_with_offline_edits(clients: dict[str, Client], server: TestServer) -> Scene:
    """Mario changes the new hires and writes a note offline; meanwhile IT moves the dossier to
    Anna and takes it from him. Mario syncs (refused), then Anna and Carla."""
    mario, anna, carla = clients["mario"], clients["anna"], clients["carla"]
    project = mario.new_project("Stabilimento di Brescia", new_hires=1000)
    mario.sync()
    anna.sync()
    carla.sync()
    dossiers.update_project(mario.ws, project, new_hires=1100)
    note = aftercare.add_note(mario.ws, project, text="Ultima nota di Mario", topic="satisfaction")
    code = dossiers.get_dossier(mario.ws, project).project["code"]
    server.assign(project, "anna")
    server.assign(project, "mario", assigned=False)
    report = mario.sync()
    anna.sync()
    carla.sync()
    return Scene(project, code, note, report)


def deleted_while_edited(clients: dict[str, Client], server: TestServer) -> Scene:
    """Mario's dossier, Anna's too; Mario changes the new hires and writes a note offline while
    Anna deletes the dossier and syncs; then Mario syncs, and Anna and Carla."""
    mario, anna, carla = clients["mario"], clients["anna"], clients["carla"]
    project = mario.new_project("Data center Pavia", new_hires=40)
    mario.sync()
    anna.sync()
    server.assign(project, "anna")
    anna.sync()
    carla.sync()
    dossiers.update_project(mario.ws, project, new_hires=44)
    note = aftercare.add_note(mario.ws, project, text="Nota di Mario offline", topic="satisfaction")
    code = dossiers.get_dossier(mario.ws, project).project["code"]
    dossiers.delete_project(anna.ws, project)
    anna.sync()
    report = mario.sync()
    anna.sync()
    carla.sync()
    return Scene(project, code, note, report)


def conflicting_edits_and_a_refusal(clients: dict[str, Client], server: TestServer) -> str:
    """Mario and Anna change the title and the new hires of one dossier offline (one change each,
    two fields in conflict); another dossier of Anna's is taken from her while she edits it."""
    mario, anna = clients["mario"], clients["anna"]
    shared = mario.new_project("Centro R&D Agrate", new_hires=20)
    mario.sync()
    anna.sync()
    server.assign(shared, "anna")
    lost = anna.new_project("Nuovo magazzino Lodi")
    anna.sync()
    dossiers.update_project(mario.ws, shared, title="Centro R&D Agrate (Mario)", new_hires=25)
    dossiers.update_project(anna.ws, shared, title="Centro R&D Agrate (Anna)", new_hires=30)
    dossiers.update_project(anna.ws, lost, new_hires=12)
    server.assign(lost, "mario")
    server.assign(lost, "anna", assigned=False)
    mario.sync()
    return shared
