"""Known errors: each is a problem a person can understand and act on, and all of them live here.

Anything that is not a ``TutorError`` is a bug and is reported as one (crash dialog, log entry).
Each class has its own ``code``: a stable name the desktop maps to its translated sentence
(``ui/error_messages.py``) and a script can test. A code never changes once released, and no two
classes share one (``tests/unit/test_errors.py``).
"""

from __future__ import annotations

from typing import ClassVar


class TutorError(Exception):
    """Base of every known error; ``str()`` is a message for people."""

    code: ClassVar[str] = "error"

    def text(self, lang: str = "it") -> str:
        """The message in ``lang`` (``it``, ``en``) where the error has its own sentences."""
        return str(self)


class ValidationError(TutorError):
    """A value that breaks a rule of the domain, naming the field it belongs to."""

    code: ClassVar[str] = "invalid"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def text(self, lang: str = "it") -> str:
        return f"{self.field}: {self.reason(lang)}"

    def reason(self, lang: str = "it") -> str:
        """What is wrong, without the field, in ``lang`` where the class has its own sentences
        (``message`` is the English one)."""
        return self.message


def _quoted(values: tuple[str, ...], lang: str) -> str:
    """Values as typed, in the language's quotes: «a», «b» / 'a', 'b'."""
    return ", ".join(f"'{v}'" if lang == "en" else f"«{v}»" for v in values)


def _worded(texts: dict[str, tuple[str, str]], kind: str, lang: str, **values: object) -> str:
    """The sentence of ``kind`` in ``lang`` (``texts``: kind -> (Italian, English)) with its values."""
    italian, english = texts[kind]
    return (english if lang == "en" else italian).format(**values)


class UnknownChoiceError(ValidationError):
    """A value typed for an option or a field that is none of those allowed: a phase code, a
    province, a column of the list. ``values`` is what was typed (the several values a list option
    such as ``--columns`` got), ``choices`` the allowed ones (none listed for a country: they are
    all of ISO 3166). ``kind`` says which sentence: "value" (a code), "province", "country",
    "scope" (one the profile's user does not have), "column", "section" (and "no_section": none
    given), "authority" (no permit of the profile is there), "format" (a file's suffix) or
    "mapping" (``--map FIELD=COLUMN``). The English sentence is ``message`` too, which the desktop's
    table of validation sentences reads."""

    code: ClassVar[str] = "unknown_choice"

    # kind -> (Italian, English); a kind with an "s" twin takes it for several values
    _TEXTS: ClassVar[dict[str, tuple[str, str]]] = {
        "value": ("valore sconosciuto {values}; valori ammessi: {choices}",
                  "unknown value {values}; expected one of: {choices}"),
        "province": ("{values} non è una provincia della Lombardia ({choices})",
                     "{values} is not a province of Lombardy ({choices})"),
        "country": ("{values} non è un codice di paese ISO 3166 (es. DE, US, CN)",
                    "{values} is not an ISO 3166 country code (e.g. DE, US, CN)"),
        "scope": ("{values} non è tra gli ambiti dell'utente di questo profilo (i suoi: {choices})",
                  "{values} is not a scope this profile's user has (they have: {choices})"),
        "column": ("colonna sconosciuta {values}; le colonne: {choices}", "unknown column {values}; known: {choices}"),
        "columns": ("colonne sconosciute {values}; le colonne: {choices}",
                    "unknown columns {values}; known: {choices}"),
        "section": ("sezione sconosciuta {values}; scegli tra: {choices}",
                    "unknown section {values}; choose from: {choices}"),
        "sections": ("sezioni sconosciute {values}; scegli tra: {choices}",
                     "unknown sections {values}; choose from: {choices}"),
        "no_section": ("nessuna sezione indicata; scegli tra: {choices}", "no section given; choose from: {choices}"),
        "authority": ("nessun titolo abilitativo di questo profilo è presso {values}; le autorità competenti: "
                      "{choices}", "no permit of this profile is at {values}; the competent authorities: {choices}"),
        "format": ("{values} non termina in .csv né in .xlsx (oppure indica --format csv o --format xlsx)",
                   "{values} does not end in .csv or .xlsx (or give --format csv or --format xlsx)"),
        "mapping": ("{values}: serve CAMPO=COLONNA, con CAMPO tra: {choices}",
                    "{values}: expected FIELD=COLUMN, FIELD one of: {choices}"),
    }

    def __init__(self, field: str, values: str | tuple[str, ...], choices: tuple[str, ...] = (),
                 kind: str = "value") -> None:
        self.values = (values,) if isinstance(values, str) else tuple(values)
        self.choices, self.kind = tuple(choices), kind
        super().__init__(field, self.reason("en"))

    def reason(self, lang: str = "it") -> str:
        several = f"{self.kind}s"
        italian, english = self._TEXTS[several if len(self.values) > 1 and several in self._TEXTS else self.kind]
        none = "none" if lang == "en" else "nessuna"
        return (english if lang == "en" else italian).format(
            values=_quoted(self.values, lang), choices=", ".join(self.choices) or none)


class TooLongError(ValidationError):
    """A text longer than its field takes: ``length`` characters where ``limit`` is the most."""

    code: ClassVar[str] = "too_long"

    def __init__(self, field: str, length: int, limit: int) -> None:
        self.length, self.limit = length, limit
        super().__init__(field, self.reason("en"))

    def reason(self, lang: str = "it") -> str:
        if lang == "en":
            return f"is too long ({self.length} characters, at most {self.limit})"
        return f"il testo è troppo lungo ({self.length} caratteri, al massimo {self.limit})"


class InvalidValueError(ValidationError):
    """A value that breaks one of the common rules, ``kind`` saying which: "email" (``value`` is
    not an e-mail address), "no_letter" (a person's name with no letter: ``value`` as typed),
    "at_least" (a number, ``value``, below ``minimum``) or "profile_name" (``value`` cannot name a
    profile's folder). ``message`` is the English sentence, which
    the desktop's table of validation sentences reads. An empty ``field`` (a command's argument
    with no option name) leaves the field out of ``text``: the sentence names the value."""

    code: ClassVar[str] = "invalid_value"

    _TEXTS: ClassVar[dict[str, tuple[str, str]]] = {
        "email": ("{value} non è un indirizzo e-mail", "{value} is not an e-mail address"),
        "no_letter": ("{value} non è un nome: serve almeno una lettera", "{value} is not a name: it needs a letter"),
        "at_least": ("deve essere almeno {minimum} (indicato: {value})", "must be at least {minimum} (given: {value})"),
        "profile_name": ("{value} non è il nome di un profilo (lettere, cifre, . _ -)",
                         "{value} is not a profile name (letters, digits, . _ -)"),
    }

    def __init__(self, field: str, kind: str, value: object = None, *, minimum: int | None = None) -> None:
        self.kind, self.value, self.minimum = kind, value, minimum
        super().__init__(field, self.reason("en"))
        self.args = (self.text("en"),)  # with no field, no ": " before the sentence

    def text(self, lang: str = "it") -> str:
        return f"{self.field}: {self.reason(lang)}" if self.field else self.reason(lang)

    def reason(self, lang: str = "it") -> str:
        from tutor_app.domain.formatting import format_int  # formatting imports this module

        value = self.value
        shown = format_int(value, lang) if isinstance(value, int) else _quoted((str(value),), lang)
        minimum = format_int(self.minimum, lang) if self.minimum is not None else ""
        return _worded(self._TEXTS, self.kind, lang, value=shown, minimum=minimum)


class MergeTooLargeError(ValidationError):
    """An investors' merge larger than one change set may be (``limit`` records): it goes up whole in
    one sync, and a larger one would be refused at every sync. It counts what the change set would
    hold: every dossier of the investors merged, the ``deleted`` ones in the recycle bin too (they
    move as well, so that one restored names the investor kept), two changes per contact (its copy
    on the investor kept and its tombstone) and the investors themselves."""

    code: ClassVar[str] = "merge_too_large"

    def __init__(self, *, dossiers: int, deleted: int, contacts: int, investors: int, limit: int) -> None:
        self.dossiers, self.deleted, self.contacts, self.investors = dossiers, deleted, contacts, investors
        self.limit = limit
        self.changes = dossiers + 2 * contacts + investors
        super().__init__("investors", self.reason("en"))

    def text(self, lang: str = "it") -> str:
        return self.reason(lang)

    def reason(self, lang: str = "it") -> str:
        from tutor_app.domain.formatting import format_int  # formatting imports this module

        def n(value: int) -> str:
            return format_int(value, lang)

        if lang == "en":
            binned = "" if not self.deleted else (
                " (1 of them in the recycle bin: it moves too, so that restored it names the investor kept)"
                if self.deleted == 1 else
                f" ({n(self.deleted)} of them in the recycle bin: they move too, so that restored they name the "
                "investor kept)")
            return (f"This merge would change {n(self.changes)} records, too many to be sent in one sync (at most "
                    f"{n(self.limit)}): {n(self.dossiers)} {'dossier' if self.dossiers == 1 else 'dossiers'}{binned}, "
                    f"{n(self.contacts)} {'contact' if self.contacts == 1 else 'contacts'} (copied, then deleted: "
                    f"two changes each) and {n(self.investors)} {'investor' if self.investors == 1 else 'investors'}."
                    " Merge fewer investors at a time.")
        binned = "" if not self.deleted else (
            " (1 nel cestino: si sposta anch'esso, perché ripristinato indichi l'investitore tenuto)"
            if self.deleted == 1 else
            f" ({n(self.deleted)} nel cestino: si spostano anch'essi, perché ripristinati indichino l'investitore "
            "tenuto)")
        return (f"Questa unione cambierebbe {n(self.changes)} record, troppi per una sola sincronizzazione (al "
                f"massimo {n(self.limit)}): {n(self.dossiers)} dossier{binned}, {n(self.contacts)} "
                f"{'contatto' if self.contacts == 1 else 'contatti'} (copiati, poi eliminati: due modifiche "
                f"ciascuno) e {n(self.investors)} {'investitore' if self.investors == 1 else 'investitori'}. "
                "Unisci meno investitori alla volta.")


class NotFoundError(TutorError):
    """A record asked for by code or id that is not in the store."""

    code: ClassVar[str] = "not_found"


class UnknownProjectError(NotFoundError):
    """A project asked for by code or id that is not in the profile (``kind`` "code" or "id"), or
    a reference that is neither (``kind`` "neither"). ``ref`` is the reference as given."""

    code: ClassVar[str] = "unknown_project"

    _TEXTS: ClassVar[dict[str, tuple[str, str]]] = {
        "code": ("Nessun progetto «{ref}» in questo profilo.", "No project '{ref}' in this profile."),
        "id": ("Nessun progetto con id {ref} in questo profilo.", "No project with id {ref} in this profile."),
        "neither": ("«{ref}» non è né un codice di progetto (es. 2026-MRS-0042) né l'id di un progetto.",
                    "'{ref}' is neither a project code (e.g. 2026-MRS-0042) nor a project id."),
    }

    def __init__(self, ref: str, kind: str = "code") -> None:
        self.ref, self.kind = ref, kind
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        italian, english = self._TEXTS[self.kind]
        return (english if lang == "en" else italian).format(ref=self.ref)


class EmptyReportError(NotFoundError):
    """The selection has nothing to report on (a portfolio filter that matches no project);
    ``selection`` says the filter per language (``{"it": "Provincia: Sondrio", "en": ...}``)."""

    code: ClassVar[str] = "empty_report"

    def __init__(self, selection: dict[str, str]) -> None:
        self.selection = selection
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        selection = self.selection.get(lang, self.selection["it"])
        if lang == "en":
            return f"No project matches the selection ({selection}); nothing to report."
        return f"Nessun progetto corrisponde alla selezione ({selection}): non c'è nulla da riportare."


class UnknownTutorError(NotFoundError):
    """A tutor asked for by initials, e-mail or name (``--tutor``) that names no tutor of the
    profile, or several (``matches``: each "Name (INITIALS)"); ``tutors`` are those there are,
    listed when none matched (the first ``LISTED``)."""

    code: ClassVar[str] = "unknown_tutor"
    LISTED: ClassVar[int] = 12

    def __init__(self, ref: str, *, matches: tuple[str, ...] = (), tutors: tuple[str, ...] = ()) -> None:
        self.ref, self.matches, self.tutors = ref, matches, tutors
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        en = lang == "en"
        ref = _quoted((self.ref,), lang)
        if self.matches:
            if en:
                return f"{ref} names more than one tutor: {', '.join(self.matches)}; give the initials or e-mail."
            return f"{ref} corrisponde a più tutor: {', '.join(self.matches)}; indica le iniziali o l'e-mail."
        listed = ", ".join(self.tutors[:self.LISTED])
        more = len(self.tutors) - self.LISTED
        if more > 0:
            listed += f" and {more} more" if en else f" e altri {more}"
        if en:
            there = f" The tutors: {listed}." if listed else " There is no tutor in it yet."
            return f"No tutor {ref} in this profile (give initials, e-mail or full name).{there}"
        there = f" I tutor: {listed}." if listed else " Non ha ancora nessun tutor."
        return f"Nessun tutor {ref} in questo profilo (indica le iniziali, l'e-mail o il nome e cognome).{there}"


class UnknownProfileError(NotFoundError):
    """A command that works on an existing store was given a profile (``--profile NAME``, or the
    implicit ``default``) or a data file (``--db PATH``) that does not exist: a mistyped name must
    not become a new empty profile. ``profiles`` are those that exist on this computer; nothing was
    created."""

    code: ClassVar[str] = "unknown_profile"

    def __init__(self, profile: str | None, profiles: tuple[str, ...] = (), *, path: str | None = None) -> None:
        self.profile, self.profiles, self.path = profile, profiles, path
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        en = lang == "en"
        if self.profile is None:
            return f"The data file {self.path} does not exist." if en else f"Il file dei dati {self.path} non esiste."
        missing = f"The profile “{self.profile}” does not exist." if en else f"Il profilo «{self.profile}» non esiste."
        if self.profiles:
            listed = ", ".join(self.profiles)
            return f"{missing} {'Profiles on this computer' if en else 'Profili su questo computer'}: {listed}."
        if en:
            return f"{missing} There is no profile on this computer yet: tutor-app profile, tutor-app demo and " \
                   "the Tutor window make one, and so does a first tutor-app sync --server for someone who has " \
                   "synced from another computer."
        return f"{missing} Su questo computer non c'è ancora nessun profilo: lo creano tutor-app profile, " \
               "tutor-app demo e la finestra di Tutor, e per chi ha già sincronizzato da un altro computer anche " \
               "una prima tutor-app sync --server."


class ProfileTakenError(TutorError):
    """A profile is made once, for one person: this one already belongs to a tutor."""

    code: ClassVar[str] = "profile_taken"

    def __init__(self) -> None:
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        if lang == "en":
            return "This profile already belongs to a tutor: each person has a profile of their own."
        return "Questo profilo appartiene già a un tutor: ogni persona ha il proprio profilo."


class ProfileNotEmptyError(ValidationError):
    """The demo region goes only into an empty profile, and this one holds projects."""

    code: ClassVar[str] = "profile_not_empty"

    def __init__(self) -> None:
        super().__init__("db", "the demo region goes into an empty profile; this one has projects")

    def text(self, lang: str = "it") -> str:
        if lang == "en":
            return "The demo region goes into an empty profile; this one has projects."
        return "La regione demo va in un profilo vuoto; questo ha già dei progetti."


class ReportCancelled(TutorError):
    """The user cancelled the report; nothing was written."""

    code: ClassVar[str] = "report_cancelled"

    def __init__(self) -> None:
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        return "The report was cancelled; no file was written." if lang == "en" else \
            "Report annullato: non è stato scritto nessun file."


class StorageError(TutorError):
    """The local store cannot be used: a bad location, a locked or damaged file, a full disk.
    ``kind`` says which (the subclasses have one each): "synced_folder" (``detail`` names the
    service), "network_share", "network_fs" (``detail``: the file system), "no_folder" (``detail``:
    what the system answered) or "folder_not_writable"; ``path`` is the file or folder."""

    code: ClassVar[str] = "storage"

    _TEXTS: ClassVar[dict[str, tuple[str, str]]] = {
        "synced_folder": (
            "Il file dei dati {path} è in una cartella sincronizzata ({detail}). Tutor tiene i suoi dati solo sul "
            "disco locale: scegli una cartella che non sia sincronizzata né condivisa.",
            "The data file {path} is inside a synced folder ({detail}). Tutor keeps its data on the local disk "
            "only; choose a folder that is not synced or shared."),
        "network_share": ("Il file dei dati {path} è in una cartella di rete: scegli una cartella locale.",
                          "The data file {path} is on a network share; choose a local folder."),
        "network_fs": ("Il file dei dati {path} è su un file system di rete ({detail}): scegli una cartella locale.",
                       "The data file {path} is on a network file system ({detail}); choose a local folder."),
        "no_folder": ("Impossibile creare la cartella {path}: {detail}.", "Cannot create the folder {path}: {detail}."),
        "folder_not_writable": ("Nella cartella {path} non si può scrivere.", "The folder {path} is not writable."),
        "in_use": ("Il file dei dati {path} è usato da un altro programma: chiudilo e riprova.",
                   "The data file {path} is in use by another program: close it and try again."),
        "disk_full": ("Il disco che contiene {path} è pieno: l'ultima modifica non è stata salvata. Libera "
                      "spazio e riprova.",
                      "The disk holding {path} is full: the last change was not saved. Free some space and "
                      "try again."),
        "not_writable": ("Impossibile scrivere nel file dei dati {path} ({detail}).",
                         "Cannot write to the data file {path} ({detail})."),
        "damaged": ("Il file dei dati {path} è danneggiato ({detail}).", "The data file {path} is damaged ({detail})."),
    }
    KIND: ClassVar[str | None] = None  # the one kind of a subclass

    def __init__(self, kind: str, path: object, detail: str = "") -> None:
        self.kind, self.path, self.detail = kind, str(path), detail
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        return _worded(self._TEXTS, self.kind, lang, path=self.path, detail=self.detail)


class StoreInUseError(StorageError):
    """Another program holds the profile's file (SQLite busy or locked past the wait)."""

    code: ClassVar[str] = "store_in_use"

    def __init__(self, path: object) -> None:
        super().__init__("in_use", path)


class DiskFullError(StorageError):
    """The disk holding the profile is full: the change was not saved."""

    code: ClassVar[str] = "disk_full"

    def __init__(self, path: object) -> None:
        super().__init__("disk_full", path)


class StoreNotWritableError(StorageError):
    """The profile's file cannot be opened or written (read-only, missing folder, no permission);
    ``detail`` is what SQLite answered."""

    code: ClassVar[str] = "store_not_writable"

    def __init__(self, path: object, detail: str) -> None:
        super().__init__("not_writable", path, detail)


class StoreDamagedError(StorageError):
    """The profile's file is not a database, or a damaged one; ``detail`` is what SQLite answered."""

    code: ClassVar[str] = "store_damaged"

    def __init__(self, path: object, detail: str) -> None:
        super().__init__("damaged", path, detail)


_KEPT = ("Le tue modifiche restano su questo computer: sincronizza di nuovo quando sei in rete.",
         "Your changes are kept on this computer; sync again when online.")


class OfflineError(TutorError):
    """The shared server cannot be reached. ``kind``: "unreachable" (no answer, or the connection
    went away: ``detail`` is the system's first line, kept for the log), "unknown_host" (the name
    cannot be found) or "no_database" (the server answered but has no such database). ``address``
    is the server as written (postgresql://host:port/database)."""

    code: ClassVar[str] = "offline"

    _TEXTS: ClassVar[dict[str, tuple[str, str]]] = {
        "unreachable": (f"Il server {{address}} non risponde o ha chiuso il collegamento. {_KEPT[0]}",
                        f"The server {{address}} cannot be reached or went away. {_KEPT[1]}"),
        "unknown_host": (f"Il nome del server «{{host}}» non si trova (nessuna rete, o un indirizzo sbagliato). "
                         f"{_KEPT[0]}",
                         f"The server name '{{host}}' cannot be found (no network, or a wrong address). {_KEPT[1]}"),
        "no_database": ("Il server {host}:{port} non ha un database «{database}»: controlla l'indirizzo.",
                        "The server at {host}:{port} has no database '{database}': check the address."),
    }

    def __init__(self, kind: str = "unreachable", *, address: str = "", host: str = "", port: int = 0,
                 database: str = "", detail: str = "") -> None:
        self.kind, self.address, self.host, self.port, self.database = kind, address, host, port, database
        self.detail = detail
        super().__init__(self.text("en") + (f" ({detail})" if detail else ""))  # the log keeps the system's words

    def text(self, lang: str = "it") -> str:
        return _worded(self._TEXTS, self.kind, lang, address=self.address or "?", host=self.host, port=self.port,
                       database=self.database)


class ServerBusyError(TutorError):
    """The shared server is reachable but could not serve the call in time (a lock held by another
    session, a statement time limit, no free connection): nothing of the call was written, and the
    same call can be made again in a moment (``services.sync`` does so by itself). ``detail`` is
    the server's first line, kept for the log."""

    code: ClassVar[str] = "server_busy"

    def __init__(self, address: str = "", detail: str = "") -> None:
        self.address, self.detail = address, detail
        super().__init__(self.text("en") + (f" ({detail})" if detail else ""))

    def text(self, lang: str = "it") -> str:
        server = f" {self.address}" if self.address else ""
        if lang == "en":
            return f"The server{server} is busy: nothing was written. Try again in a moment; your changes are kept."
        return f"Il server{server} è occupato: non è stato scritto nulla. Riprova tra poco; le tue modifiche restano " \
               "su questo computer."


class AuthError(TutorError):
    """The server refused the credentials: ``user`` (the user name, without the server's prefix of
    login roles) or the password, on ``address``."""

    code: ClassVar[str] = "auth"

    def __init__(self, address: str, user: str | None = None) -> None:
        self.address, self.user = address, user
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        who = f" ({self.user})" if self.user else ""
        if lang == "en":
            return f"The server {self.address} did not accept the user name or password{who}."
        return f"Il server {self.address} non ha accettato il nome utente o la password{who}."


class PasswordNeededError(AuthError):
    """No password is stored and none can be asked here: a background sync, a script, or a command
    with no terminal to ask it on (``no_terminal``). ``purpose`` is what it was for: "sync",
    "import" (a bundle), "revert" (a bundle) or "list" (the bundles imported)."""

    code: ClassVar[str] = "password_needed"

    _PURPOSES: ClassVar[dict[str, tuple[str, str]]] = {
        "sync": ("per sincronizzare", "to sync"), "import": ("per importare il pacchetto", "to import the bundle"),
        "revert": ("per annullare il pacchetto", "to revert the bundle"),
        "list": ("per elencare i pacchetti importati", "to list the bundles imported"),
    }

    def __init__(self, user: str, address: str, purpose: str = "sync", *, no_terminal: bool = False) -> None:
        self.purpose, self.no_terminal = purpose, no_terminal
        super().__init__(address, user)

    def text(self, lang: str = "it") -> str:
        why = _worded(self._PURPOSES, self.purpose, lang)
        if lang == "en":
            said = f"The password of {self.user} on {self.address} is needed {why}"
            return said + (" and there is no terminal to ask it on: run the command in a terminal."
                           if self.no_terminal else ".")
        said = f"Serve la password di {self.user} su {self.address} {why}"
        return said + (", e non c'è un terminale su cui chiederla: esegui il comando in un terminale."
                       if self.no_terminal else ".")


class PermissionDeniedError(TutorError):
    """The user's role does not allow the operation. ``kind``: "server" (the server refused a call:
    ``detail`` is its own words, ``user`` who asked), "merge" (only a coordinator merges investors),
    "import", "imports", "revert" (only a coordinator imports, lists or reverts bundles) or
    "device" (a bundle whose device is another user's: ``user`` is the author it claims)."""

    code: ClassVar[str] = "forbidden"

    _TEXTS: ClassVar[dict[str, tuple[str, str]]] = {
        "server": ("Il server {address} non consente l'operazione{who}: {detail}",
                   "The server {address} refused the operation{who}: {detail}"),
        "merge": ("Solo un coordinatore unisce gli investitori.", "Only a coordinator may merge investors."),
        "import": ("Solo un coordinatore importa i pacchetti.", "Only a coordinator imports bundles."),
        "imports": ("Solo un coordinatore vede i pacchetti importati.",
                    "Only a coordinator sees the bundles imported."),
        "revert": ("Solo un coordinatore annulla un pacchetto.", "Only a coordinator reverts a bundle."),
        "device": ("Il pacchetto dice di essere di {user}, ma il suo dispositivo è registrato a un altro utente: "
                   "rifiutato (non è stato importato nulla).",
                   "The bundle says it is from {user}, but its device is registered to another user: refused "
                   "(nothing was imported)."),
    }

    def __init__(self, kind: str = "server", *, address: str = "", user: str = "", detail: str = "") -> None:
        self.kind, self.address, self.user, self.detail = kind, address, user, detail
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        who = "" if not self.user else f" ({self.user})"
        return _worded(self._TEXTS, self.kind, lang, address=self.address, who=who, user=self.user,
                       detail=self.detail)


class DemoProfileError(PermissionDeniedError):
    """A demo profile never syncs with a real server."""

    code: ClassVar[str] = "demo_profile"

    def __init__(self) -> None:
        super().__init__("demo")

    def text(self, lang: str = "it") -> str:
        if lang == "en":
            return "This is a demo profile: it never syncs with a real server. Create your own profile to sync."
        return "Questo è un profilo dimostrativo: non si sincronizza mai con un server reale. Crea un tuo profilo " \
               "per sincronizzare."


class OtherServerError(PermissionDeniedError):
    """The profile is bound to another shared server than ``address``: one profile, one server."""

    code: ClassVar[str] = "other_server"

    def __init__(self, address: str) -> None:
        super().__init__("other_server", address=address)

    def text(self, lang: str = "it") -> str:
        # The advice before the address: the status bar cuts a long sentence at its end.
        if lang == "en":
            return f"This profile syncs with another server: use another profile for {self.address}."
        return f"Questo profilo si sincronizza con un altro server: usa un altro profilo per {self.address}."


class OtherUserError(PermissionDeniedError):
    """The profile belongs to another user of the server: one profile, one person. ``owner`` names
    them as people know them ("Mario Rossi (mrossi)", or the user name alone)."""

    code: ClassVar[str] = "other_user"

    def __init__(self, owner: str) -> None:
        self.owner = owner
        super().__init__("other_user")

    def text(self, lang: str = "it") -> str:
        if lang == "en":
            return f"This profile belongs to {self.owner}: sign in as that user, or use another profile."
        return f"Questo profilo appartiene a {self.owner}: accedi come quell'utente, oppure usa un altro profilo."


class SyncSetupError(TutorError):
    """Something to set before a sync can start; the subclass says what."""

    code: ClassVar[str] = "sync_setup"


class NoServerError(SyncSetupError):
    """No server to sync with: none was given and the profile remembers none."""

    code: ClassVar[str] = "no_server"

    def __init__(self) -> None:
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        if lang == "en":
            return "No server to sync with yet: give its address (--server postgresql://host/database)."
        return "Non c'è ancora un server con cui sincronizzare: indica il suo indirizzo " \
               "(--server postgresql://host/database)."


class NoUserError(SyncSetupError):
    """No user name the server knows the user by (``coordinator``: the coordinator's, for a bundle)."""

    code: ClassVar[str] = "no_user"

    def __init__(self, *, coordinator: bool = False) -> None:
        self.coordinator = coordinator
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        if self.coordinator:
            return "Give the coordinator's user name on the server (--user NAME)." if lang == "en" else \
                "Indica il nome utente del coordinatore sul server (--user NOME)."
        return "Give the user name the server knows you by (--user NAME)." if lang == "en" else \
            "Indica il nome utente con cui il server ti conosce (--user NOME)."


class NoProfileError(SyncSetupError):
    """The profile (the user's name and e-mail) is not made yet, and the server has no tutor record
    for ``user`` to make it from (they have never synced, from any computer): a first sync needs
    it. ``options`` are the command line's options that name the profile (``--profile lavoro``),
    repeated in the command it suggests."""

    code: ClassVar[str] = "no_profile"

    def __init__(self, user: str, options: str = "") -> None:
        self.user, self.options = user, options
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        options = f" {self.options}" if self.options else ""
        if lang == "en":
            return (f"{self.user} has never synced, so the server cannot make this profile: create it first with "
                    f"tutor-app profile \"First Last\" --email name@example.it{options}, then sync again.")
        return (f"{self.user} non ha mai sincronizzato, quindi il server non può creare questo profilo: crealo "
                f"prima con tutor-app profile \"Nome Cognome\" --email nome@esempio.it{options}, poi sincronizza "
                "di nuovo.")


class BadAddressError(SyncSetupError):
    """A server address that is not one. ``kind``: "not_address" (not postgresql://…), "password"
    (a password in it), "no_host" (no host or no database), "port" (a bad port) or "sslmode" (a TLS
    mode that is none: ``asked``). ``address`` is as typed, any user name and password left out."""

    code: ClassVar[str] = "bad_address"

    _TEXTS: ClassVar[dict[str, tuple[str, str]]] = {
        "not_address": ("«{address}» non è l'indirizzo di un server (postgresql://host:porta/database).",
                        "'{address}' is not a server address (postgresql://host:port/database)."),
        "password": ("Non mettere la password nell'indirizzo del server: Tutor la chiede e la tiene nel portachiavi "
                     "del sistema.",
                     "Do not put a password in the server address: Tutor asks for it and keeps it in the system "
                     "keyring."),
        "no_host": ("L'indirizzo del server {address} deve indicare un host e il nome di un database.",
                    "The server address {address} needs a host and a database name."),
        "port": ("L'indirizzo del server {address} ha una porta non valida.",
                 "The server address {address} has a bad port."),
        "sslmode": ("sslmode={asked} nell'indirizzo del server non è una modalità TLS ({modes}).",
                    "sslmode={asked} in the server address is not a TLS mode ({modes})."),
    }

    def __init__(self, kind: str, address: str = "", *, asked: str = "", modes: tuple[str, ...] = ()) -> None:
        self.kind, self.address, self.asked, self.modes = kind, address, asked, modes
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        return _worded(self._TEXTS, self.kind, lang, address=self.address, asked=self.asked,
                       modes=", ".join(self.modes))


class SyncCancelled(TutorError):
    """The user stopped the sync; everything done so far is kept, nothing is lost."""

    code: ClassVar[str] = "sync_cancelled"

    def __init__(self) -> None:
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        if lang == "en":
            return "Sync stopped: what was already done is kept, nothing is lost."
        return "Sincronizzazione interrotta: quanto già fatto è salvato, nulla è perso."


class NotYetSyncedError(TutorError):
    """The operation needs the profile to have synced once (who the user is, the device's key):
    a bundle is exported only from a profile that has."""

    code: ClassVar[str] = "not_yet_synced"

    def __init__(self) -> None:
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        if lang == "en":
            return ("This profile has never synced: a bundle needs one sync first (it tells the server who you are "
                    "and registers this computer's key).")
        return ("Questo profilo non ha mai sincronizzato: un pacchetto ne richiede prima una (dice al server chi sei "
                "e registra la chiave di questo computer).")


class NothingToBundleError(TutorError):
    """A bundle export with no change waiting to be sent: no file is made."""

    code: ClassVar[str] = "nothing_to_bundle"

    def __init__(self) -> None:
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        if lang == "en":
            return "Nothing is waiting to be sent: there is no change to put in a bundle."
        return "Non c'è nulla in attesa di invio: nessuna modifica da mettere in un pacchetto."


class RevertNeedsSyncError(TutorError):
    """A coordinator who has never synced with the server cannot revert a bundle yet: the revert is
    a change set of theirs, and the server knows them as a tutor only after their first sync.
    ``user`` is their user name on the server (not the login role)."""

    code: ClassVar[str] = "revert_needs_sync"

    def __init__(self, user: str) -> None:
        self.user = user
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        if lang == "en":
            return f"The user {self.user} has not synced with this server yet: sync once, then revert the bundle."
        return f"L'utente {self.user} non ha ancora sincronizzato con questo server: sincronizza una volta, poi " \
               "annulla il pacchetto."


class VersionMismatchError(TutorError):
    """Client and server speak different protocol or schema versions: the server ``address`` is
    older than this Tutor (its ``protocol`` and ``schema``)."""

    code: ClassVar[str] = "version_mismatch"

    def __init__(self, address: str, *, protocol: int | None = None, schema: str = "") -> None:
        self.address, self.protocol, self.schema = address, protocol, schema
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        if lang == "en":
            return (f"The server {self.address} is older than this Tutor (protocol {self.protocol}, schema "
                    f"{self.schema}): ask IT to upgrade it with `tutor-app server init`. Your changes are kept on "
                    "this computer.")
        return (f"Il server {self.address} è più vecchio di questo Tutor (protocollo {self.protocol}, schema "
                f"{self.schema}): chiedi all'IT di aggiornarlo con `tutor-app server init`. Le tue modifiche "
                "restano su questo computer.")


class ClientTooOldError(VersionMismatchError):
    """The server, or a file, is newer than this Tutor: the user must update Tutor. ``kind``:
    "server" (upgraded: its ``protocol`` and ``schema``), "protocol" (it speaks another version of
    the sync protocol) or "bundle" (a bundle file, ``address`` naming the file)."""

    code: ClassVar[str] = "client_too_old"

    _TEXTS: ClassVar[dict[str, tuple[str, str]]] = {
        "server": ("Il server {address} è stato aggiornato (schema {schema}, protocollo {protocol}): aggiorna Tutor "
                   "per sincronizzare. Puoi continuare a lavorare; le tue modifiche restano su questo computer.",
                   "The server {address} has been upgraded (schema {schema}, protocol {protocol}): update Tutor to "
                   "sync. You can keep working offline; your changes are kept on this computer."),
        "protocol": ("Il server {address} parla un'altra versione del protocollo di sincronizzazione: aggiorna Tutor "
                     "per sincronizzare. Le tue modifiche restano su questo computer.",
                     "The server {address} speaks another version of the sync protocol: update Tutor to sync. "
                     "Your changes are kept on this computer."),
        "bundle": ("{address} è stato creato da un Tutor più recente: aggiorna Tutor per importarlo.",
                   "{address} was made by a newer Tutor: update Tutor to import it."),
    }

    def __init__(self, kind: str, address: str, *, protocol: int | None = None, schema: str = "") -> None:
        self.kind = kind
        super().__init__(address, protocol=protocol, schema=schema)

    def text(self, lang: str = "it") -> str:
        return _worded(self._TEXTS, self.kind, lang, address=self.address, protocol=self.protocol,
                       schema=self.schema)


class BadFileError(TutorError):
    """An input file (bundle, spreadsheet, export target) is damaged, malformed or unusable."""

    code: ClassVar[str] = "bad_file"


class BundleFileError(BadFileError):
    """A bundle file that cannot be imported, ``path`` naming it; ``kind`` says why: "missing",
    "unreadable" (``detail``: what the system answered), "too_large", "damaged" (not whole, valid
    JSON), "unusable" (``detail``: one of ``_WHY``'s keys, or a change's number for "change"),
    "other_server" (made for another server than ``path``, which is then the server) or
    "not_an_id" (``path`` is what was typed for a bundle's id). Nothing was imported."""

    code: ClassVar[str] = "bad_bundle"

    _TEXTS: ClassVar[dict[str, tuple[str, str]]] = {
        "missing": ("Il pacchetto {path} non esiste.", "The bundle {path} does not exist."),
        "unreadable": ("Impossibile leggere il pacchetto {path}: {detail}.",
                       "Cannot read the bundle {path}: {detail}."),
        "too_large": ("{path} è troppo grande per essere un pacchetto di Tutor.",
                      "{path} is too large to be a Tutor bundle."),
        "damaged": ("{path} è danneggiato o non è un pacchetto di Tutor (non è un JSON completo e valido): non è "
                    "stato importato nulla. Chiedi di nuovo il file.",
                    "{path} is damaged or not a Tutor bundle (it is not complete, valid JSON); nothing was "
                    "imported. Ask for the file again."),
        "unusable": ("{path} non è un pacchetto di Tutor utilizzabile ({why}): non è stato importato nulla.",
                     "{path} is not a usable Tutor bundle ({why}); nothing was imported."),
        "other_server": ("Questo pacchetto è stato creato per un altro server, non per {path}: non è stato "
                         "importato nulla.",
                         "This bundle was made for another server than {path}; nothing was imported."),
        "not_an_id": ("«{path}» non è l'identificativo di un pacchetto (lo mostrano l'importazione e "
                      "tutor-app server status).",
                      "'{path}' is not a bundle id (the import and tutor-app server status show them)."),
    }
    _WHY: ClassVar[dict[str, tuple[str, str]]] = {
        "not_bundle": ("non è un pacchetto di Tutor", "not a Tutor bundle"),
        "header_body": ("intestazione e contenuto non concordano", "its header and body disagree"),
        "bundle_id": ("manca un identificativo valido", "no valid bundle id"),
        "device": ("manca un dispositivo valido", "no valid device"),
        "author": ("manca l'autore", "no author"), "created_at": ("manca la data", "no created at"),
        "server_id": ("manca il server", "no server id"), "changes": ("nessuna modifica", "no changes"),
        "change": ("la modifica {n} è malformata", "change {n} is malformed"),
        "signature": ("la firma è malformata", "its signature block is malformed"),
    }

    def __init__(self, kind: str, path: object, detail: str = "", *, n: int = 0) -> None:
        self.kind, self.path, self.detail, self.n = kind, str(path), detail, n
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        why = _worded(self._WHY, self.detail, lang, n=self.n) if self.kind == "unusable" else ""
        return _worded(self._TEXTS, self.kind, lang, path=self.path, detail=self.detail, why=why)


class UnknownBundleError(NotFoundError):
    """A revert of a bundle that was never imported on this server (``bundle_id`` as given)."""

    code: ClassVar[str] = "unknown_bundle"

    def __init__(self, bundle_id: str) -> None:
        self.bundle_id = bundle_id
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        if lang == "en":
            return f"No bundle {self.bundle_id} was imported on this server (tutor-app server status lists them)."
        return f"Nessun pacchetto {self.bundle_id} è stato importato su questo server (li elenca tutor-app server " \
               "status)."


class BundleRevertedError(TutorError):
    """A bundle reverted already: ``bundle`` and ``when`` say it per language ({"it": ..., "en":
    ...}: its author, date and changes; the revert's time), ``who`` who reverted it."""

    code: ClassVar[str] = "bundle_reverted"

    def __init__(self, bundle: dict[str, str], who: str, when: dict[str, str]) -> None:
        self.bundle, self.who, self.when = bundle, who, when
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        bundle, when = self.bundle.get(lang, self.bundle["it"]), self.when.get(lang, self.when["it"])
        if lang == "en":
            return f"{bundle[:1].upper()}{bundle[1:]} was already reverted by {self.who} on {when}."
        return f"{bundle[:1].upper()}{bundle[1:]} è già stato annullato da {self.who} il {when}."


class UnverifiedBundleError(TutorError):
    """A bundle whose signature cannot be verified: imported only on an explicit decision.
    ``verdict`` is why, in the words of ``sync.bundle.verify`` (English, for the log), said to
    people by ``verdict_text``; ``author`` names who the bundle says made it."""

    code: ClassVar[str] = "unverified_bundle"

    # sync.bundle.verify's verdicts -> (Italian, English): the window's question and the command line's line
    VERDICTS: ClassVar[dict[str, tuple[str, str]]] = {
        "unsigned": ("il file non è firmato", "the file is not signed"),
        "the device has no key registered with the server": (
            "il dispositivo del tutor non ha una chiave registrata sul server",
            "the tutor's device has no key registered with the server"),
        "signed with another key than the device's registered one": (
            "è stato firmato con una chiave diversa da quella del dispositivo",
            "it was signed with another key than the device's"),
        "the signature does not match: the bundle was changed after it was signed": (
            "il file è stato modificato dopo la firma", "the file was changed after it was signed"),
    }

    def __init__(self, author: str, verdict: str = "") -> None:
        self.author, self.verdict = author, verdict
        super().__init__(self.text("en"))

    @classmethod
    def verdict_text(cls, verdict: str, lang: str = "it") -> str:
        """A verdict in ``lang``; one this version does not know, as it is."""
        return _worded(cls.VERDICTS, verdict, lang) if verdict in cls.VERDICTS else verdict

    def text(self, lang: str = "it") -> str:
        why = self.verdict_text(self.verdict, lang)
        if lang == "en":
            return (f"The bundle from {self.author} is unverified ({why}); nothing was imported. Import it only if "
                    "you trust where it comes from (--accept-unverified).")
        return (f"Il pacchetto di {self.author} non è verificato ({why}): non è stato importato nulla. Importalo "
                "solo se sai da dove viene il file (--accept-unverified).")


class TlsPolicyError(TutorError):
    """A connection that would be less protected than Tutor allows (DESIGN §6): ``verify-full`` for
    any host but loopback, a weaker mode only from the machine-wide file IT deploys.

    ``kind`` says why: "address" (the server address asks for a weaker mode than allowed),
    "unsafe_config" (the machine file allows one but the user could have written it) or
    "bad_config" (the machine file names no TLS mode). ``text(lang)`` is the sentence for people.
    """

    code: ClassVar[str] = "tls_policy"

    _TEXTS: ClassVar[dict[str, tuple[str, str]]] = {
        "address": (
            "L'indirizzo del server {host} chiede sslmode={asked}, una protezione più debole di {allowed}: "
            "Tutor non la accetta dall'indirizzo. Solo l'IT può consentire una modalità più debole di "
            "verify-full, nel file {config} di questo computer. Togli «?sslmode={asked}» dall'indirizzo.",
            "The server address {host} asks for sslmode={asked}, weaker protection than {allowed}: Tutor does "
            "not take that from an address. Only IT can allow a mode weaker than verify-full, in the file "
            "{config} on this computer. Remove '?sslmode={asked}' from the address."),
        "unsafe_config": (
            "Il file {config} consente sslmode={allowed} ma non è protetto (puoi modificarlo anche tu, non solo "
            "l'IT): Tutor lo ignora e non si collega a {host} con una protezione più debole di verify-full. "
            "Chiedi all'IT di renderlo modificabile solo dagli amministratori.",
            "The file {config} allows sslmode={allowed} but is not protected (you could change it, not only "
            "IT): Tutor ignores it and does not connect to {host} with weaker protection than verify-full. "
            "Ask IT to make it writable by administrators only."),
        "bad_config": (
            "Il file {config} indica sslmode={allowed}, che non è una modalità TLS (disable, allow, prefer, "
            "require, verify-ca, verify-full): chiedi all'IT di correggerlo.",
            "The file {config} says sslmode={allowed}, which is not a TLS mode (disable, allow, prefer, "
            "require, verify-ca, verify-full): ask IT to correct it."),
    }

    def __init__(self, kind: str, *, host: str, asked: str | None, allowed: str, config: str) -> None:
        self.kind, self.host, self.asked, self.allowed, self.config = kind, host, asked, allowed, config
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        italian, english = self._TEXTS[self.kind]
        return (english if lang == "en" else italian).format(
            host=self.host, asked=self.asked, allowed=self.allowed, config=self.config)


class ExportTargetError(BadFileError):
    """An export (PDF, bundle) cannot be written where the user asked; ``kind`` says why: "folder",
    "device", "fifo", "socket" (something that is not a file), "no_folder", "no_permission",
    "read_only" or "os" (``detail`` says what the system answered). ``path`` is the path as named."""

    code: ClassVar[str] = "export_target"

    _REASONS: ClassVar[dict[str, tuple[str, str]]] = {
        "folder": ("è una cartella: indica il nome di un file", "it is a folder; give a file name"),
        "device": ("è un dispositivo, non un file: scegli un file nuovo o esistente",
                   "it is a device, not a file: choose a new or an existing file"),
        "fifo": ("è una FIFO (pipe), non un file: scegli un file nuovo o esistente",
                 "it is a FIFO (pipe), not a file: choose a new or an existing file"),
        "socket": ("è un socket, non un file: scegli un file nuovo o esistente",
                   "it is a socket, not a file: choose a new or an existing file"),
        "no_folder": ("la cartella {folder} non esiste", "the folder {folder} does not exist"),
        "no_permission": ("non hai il permesso di scrivere in {folder}", "no permission to write in {folder}"),
        "read_only": ("il file esiste ed è in sola lettura", "the file exists and is read-only"),
        "os": ("{detail}", "{detail}"),
    }

    def __init__(self, kind: str, path: str, *, folder: str = "", detail: str = "") -> None:
        self.kind, self.path, self.folder, self.detail = kind, path, folder, detail
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        italian, english = self._REASONS[self.kind]
        reason = (english if lang == "en" else italian).format(folder=self.folder, detail=self.detail)
        if lang == "en":
            return f"Cannot write to {self.path}: {reason}."
        return f"Impossibile scrivere il file {self.path}: {reason}."


class RegionFileError(BadFileError):
    """The region file IT deploys beside the installation (``region.json``: agency, responsible
    office, default classification, logo) cannot be used; ``detail`` says what is wrong."""

    code: ClassVar[str] = "region_file"

    def __init__(self, path: str, detail: str) -> None:
        self.path, self.detail = path, detail
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        if lang == "en":
            return f"The region file {self.path} cannot be used: {self.detail}. Ask IT to correct it."
        return f"Il file della regione {self.path} non è utilizzabile: {self.detail}. Chiedi all'IT di correggerlo."


class RestoreBlockedError(TutorError):
    """A deleted record that cannot come back on its own: the record it belongs to is deleted too
    (an action item of a deleted meeting, a note of a deleted dossier). Restoring the parent
    brings it back with it. ``record`` and ``parent`` name both, per language (``{"it": ..., "en": ...}``)."""

    code: ClassVar[str] = "restore_blocked"

    def __init__(self, record: dict[str, str], parent: dict[str, str]) -> None:
        self.record, self.parent = record, parent
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        record, parent = self.record.get(lang, self.record["it"]), self.parent.get(lang, self.parent["it"])
        if lang == "en":
            return f"{record} belongs to {parent}, which is in the recycle bin: restore that first."
        return f"{record} fa parte di {parent}, che è nel cestino: ripristina prima quello."


class SpreadsheetError(BadFileError):
    """A spreadsheet to import cannot be read (issue 14): ``reason`` says why, ``row`` (and
    ``column``) where, when it is one place of the file. Nothing was written."""

    code: ClassVar[str] = "bad_spreadsheet"

    _REASONS: ClassVar[dict[str, tuple[str, str]]] = {
        "missing": ("il file non esiste", "the file does not exist"),
        "folder": ("è una cartella, non un file", "it is a folder, not a file"),
        "os": ("{detail}", "{detail}"),
        "empty": ("il file è vuoto", "the file is empty"),
        "old_excel": ("è una cartella di lavoro Excel 97-2003 (.xls): salvala come .xlsx o come CSV",
                      "it is an Excel 97-2003 workbook (.xls): save it as .xlsx or as CSV"),
        "encoding": ("il testo non è né UTF-8 né Windows-1252: salvalo da Excel come «CSV UTF-8» o come "
                     "«CSV (delimitato dal separatore di elenco)»",
                     "the text is neither UTF-8 nor Windows-1252: save it from Excel as “CSV UTF-8” or as "
                     "“CSV (comma delimited)”"),
        "binary": ("contiene dati binari (un byte NUL alla posizione {detail}): non è un CSV",
                   "it holds binary data (a NUL byte at offset {detail}): it is not a CSV"),
        "bad_quotes": ("le virgolette non si chiudono", "a quoted field is not closed"),
        "huge_cell": ("una cella supera 1.000.000 di caratteri", "a cell is longer than 1,000,000 characters"),
        "bad_xlsx": ("non è una cartella di lavoro Excel leggibile (danneggiata o troncata)",
                     "it is not a readable Excel workbook (damaged or truncated)"),
        "no_sheet": ("la cartella di lavoro non ha fogli visibili", "the workbook has no visible sheet"),
        "no_header": ("nessuna riga di intestazione riconosciuta nelle prime {detail} righe (attese colonne come "
                      "«Ragione sociale», «Titolo», «Settore»)",
                      "no header row found in the first {detail} rows (expected columns such as “Company”, "
                      "“Title”, “Sector”)"),
        "missing_columns": ("mancano colonne obbligatorie: {detail}", "required columns are missing: {detail}"),
        "repeated_column": ("due colonne per lo stesso dato: {detail}", "two columns for the same field: {detail}"),
        "unknown_mapping": ("la corrispondenza «{detail}» non è salvata in questo profilo",
                            "no mapping named “{detail}” is saved in this profile"),
        "mapped_column_absent": ("la corrispondenza indica colonne che il file non ha: {detail}",
                                 "the mapping names columns the file does not have: {detail}"),
    }

    def __init__(self, path: object, reason: str, *, row: int | None = None, column: str | None = None,
                 detail: str | tuple[str, str] = "") -> None:
        self.path, self.reason, self.row, self.column = str(path), reason, row, column
        # one detail, or its Italian and English forms (labels of columns)
        self.detail = detail if isinstance(detail, tuple) else (detail, detail)
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        italian, english = self._REASONS[self.reason]
        why = (english if lang == "en" else italian).format(detail=self.detail[lang == "en"])
        where = self.path
        if self.row is not None:
            where += f", row {self.row}" if lang == "en" else f", riga {self.row}"
        if self.column:
            where += f", column “{self.column}”" if lang == "en" else f", colonna «{self.column}»"
        if lang == "en":
            return f"Cannot import {where}: {why}. Nothing was written."
        return f"Impossibile importare {where}: {why}. Non è stato scritto nulla."


class ImportRowsError(TutorError):
    """Some rows of a spreadsheet are wrong: the whole file is refused (nothing written) unless the
    user chose to import only the valid rows. ``errors`` is how many rows, ``path`` the file."""

    code: ClassVar[str] = "import_rows_invalid"

    def __init__(self, path: object, errors: int) -> None:
        self.path, self.errors = str(path), errors
        super().__init__(self.text("en"))

    def text(self, lang: str = "it") -> str:
        if lang == "en":
            rows = "1 row has" if self.errors == 1 else f"{self.errors:,} rows have"
            return (f"{self.path}: {rows} errors (listed above); nothing was written. Correct them and import "
                    "again, or import only the valid rows as a separate choice.")
        rows = "1 riga ha" if self.errors == 1 else f"{self.errors:,} righe hanno".replace(",", ".")
        return (f"{self.path}: {rows} errori (elencati sopra); non è stato scritto nulla. Correggili e importa "
                "di nuovo, oppure importa solo le righe valide come scelta separata.")


class ImportCancelled(TutorError):
    """The user cancelled the import; nothing was written."""

    code: ClassVar[str] = "import_cancelled"

    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was written.")

    def text(self, lang: str = "it") -> str:
        return str(self) if lang == "en" else "Importazione annullata: non è stato scritto nulla."
