"""How a bundle is named to people, Italian first and English second: by its author, the date it
was made and its number of changes (never by its id alone), and what stands behind its signature
(the server's own check; before server revision 0008, a coordinator's client's word; or nothing).

The server describes an import with a *label* (``tutor._bundle_label``): bundle_id, author (login
role) and author_name, created_at, changes, imported_by(_name), verification ('server',
'unverified', or 'client' with vouched_by), reverted_by. A conflict record made because a
bundle took a change's id carries the label in its reason, after ``reused_id``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from tutor_app.domain.formatting import format_instant

LANGS: Final = ("it", "en")
REASON_PREFIX: Final = "reused_id "

# key -> (Italian, English); placeholders are str.format names.
_WORDS: Final[Mapping[str, tuple[str, str]]] = {
    "bundle": ("il pacchetto di {author} del {date} ({changes})", "the bundle of {author} made on {date} ({changes})"),
    "changes": ("{n} modifiche", "{n} changes"),
    "changes_one": ("1 modifica", "1 change"),
    "server": ("firma verificata dal server", "signature verified by the server"),
    "vouched": ("firma verificata dal programma di {who}, non dal server",
                "signature checked by {who}'s Tutor, not by the server"),
    "unverified": ("NON verificato: importato da {who} senza una firma verificata",
                   "UNVERIFIED: imported by {who} without a checked signature"),
    "reverted": ("annullato da {who}", "reverted by {who}"),
    "taken": ("l'identificativo della modifica era già stato usato da {bundle} con valori diversi: "
              "{n} conflitti da risolvere (li risolve un coordinatore)",
              "the change id was already used by {bundle} with other values: {n} conflicts to resolve "
              "(a coordinator resolves them)"),
    "taken_one": ("l'identificativo della modifica era già stato usato da {bundle} con valori diversi: "
                  "1 conflitto da risolvere (lo risolve un coordinatore)",
                  "the change id was already used by {bundle} with other values: 1 conflict to resolve "
                  "(a coordinator resolves it)"),
    "taken_same": ("già sul server: {bundle} aveva usato lo stesso identificativo con gli stessi valori",
                   "already on the server: {bundle} had used the same id with the same values"),
    "taken_refused": ("rifiutata ({reason}); l'identificativo era già stato usato da {bundle}",
                      "refused ({reason}); the change id was already used by {bundle}"),
    "import_head": ("Importato {bundle}: {verdict}.", "Imported {bundle}: {verdict}."),
    "revert_how": ("Per annullarlo: {command}", "To revert it: {command}"),
    "verified_here": ("firma verificata da questo programma e dal server",
                      "signature verified by this Tutor and by the server"),
    "unverified_here": ("NON verificato ({verdict}), importato per tua decisione",
                        "UNVERIFIED ({verdict}), imported by your decision"),
    "summary": ("{n} modifiche: {parts}.", "{n} changes: {parts}."),
    "summary_one": ("1 modifica: {parts}.", "1 change: {parts}."),
    "none": ("nessuna", "none"),
    "applied": ("{n} applicate", "{n} applied"),
    "applied_one": ("1 applicata", "1 applied"),
    "merged": ("{n} unite", "{n} merged"),
    "merged_one": ("1 unita", "1 merged"),
    "conflict": ("{n} in conflitto", "{n} in conflict"),
    "duplicate": ("{n} già sul server", "{n} already on the server"),
    "rejected": ("{n} rifiutate", "{n} refused"),
    "rejected_one": ("1 rifiutata", "1 refused"),
    "revert_head": ("Annullato {bundle}; record riportati ai valori di prima: {n}.",
                    "Reverted {bundle}; records set back to their values before it: {n}."),
    "revert_conflicts": ("Record modificati anche dopo il pacchetto (i valori più recenti restano come conflitti "
                         "da risolvere): {n}.",
                         "Records also edited after the bundle (the later values are kept as conflicts to "
                         "resolve): {n}."),
    "revert_nothing": ("Il pacchetto non aveva scritto nulla: niente da annullare.",
                       "The bundle wrote nothing: there is nothing to revert."),
}


def word(key: str, lang: str = "it", **values: Any) -> str:
    """The words of ``key``; with ``n=1``, its singular form where the words have one."""
    if values.get("n") == 1 and f"{key}_one" in _WORDS:
        key = f"{key}_one"
    it, en = _WORDS[key]
    return (en if lang == "en" else it).format(**values)


def changes_text(n: int, lang: str = "it") -> str:
    return word("changes", lang, n=n)


def person(role_name: str | None, name: str | None = None, prefix: str = "") -> str:
    """A user as people know them: their name, else the login without the database's prefix."""
    if name:
        return name
    return (role_name or "?").removeprefix(prefix) if prefix else (role_name or "?")


def bundle_name(label: Mapping[str, Any], lang: str = "it", prefix: str = "") -> str:
    """"il pacchetto di Mario Rossi del 20/11/2026 09:00 (5 modifiche)"."""
    return word("bundle", lang, author=person(label.get("author"), label.get("author_name"), prefix),
                date=format_instant(str(label.get("created_at") or ""), lang),
                changes=changes_text(int(label.get("changes") or 0), lang))


def vouching(label: Mapping[str, Any], lang: str = "it", prefix: str = "") -> str:
    """On whose word the signature stands, as the register says it."""
    who = person(label.get("imported_by"), label.get("imported_by_name"), prefix)
    verification = label.get("verification")
    text = word(verification if verification in ("server", "unverified") else "vouched", lang, who=who)
    if label.get("reverted_by"):
        text += "; " + word("reverted", lang, who=person(label["reverted_by"], None, prefix))
    return text


def taken_text(result: Mapping[str, Any], lang: str = "it", prefix: str = "") -> str | None:
    """What a push or import result says about a change id a bundle took (None: not that case)."""
    label = result.get("taken_by")
    if not isinstance(label, Mapping):
        return None
    bundle = bundle_name(label, lang, prefix)
    if result.get("reason") != "reused_id":
        return word("taken_refused", lang, reason=result.get("reason"), bundle=bundle)
    n = int(result.get("conflicts") or 0)
    return word("taken", lang, bundle=bundle, n=n) if n else word("taken_same", lang, bundle=bundle)


def reason_label(reason: str | None) -> dict[str, Any] | None:
    """The bundle named in a conflict record's reason (server 0008), or None."""
    if not reason or not reason.startswith(REASON_PREFIX):
        return None
    try:
        label = json.loads(reason[len(REASON_PREFIX):])
    except ValueError:
        return None
    return label if isinstance(label, dict) else None
