"""The command line as a person uses it: demo, list, show, search, profile, errors, help."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.python import PYTHON
from tutor_app.cli.main import build_parser, main
from tutor_app.domain.codes import CODE_RE

CODE = re.compile(CODE_RE.pattern.removesuffix("$") + "  ")  # a line starts with its project code
DATA = Path(__file__).resolve().parents[1] / "data"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "demo.sqlite3"
    code, out, _ = run(capsys, "demo", "--projects", "12", "--seed", "4", "--db", str(db))
    assert code == 0 and "12 progetti" in out
    return db


def test_list_prints_every_dossier_code_first(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "--db", str(demo_db))
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("CODICE") and err == "12 dossier\n"
    assert len(lines) == 13
    assert all(line[:4].isdigit() and line[4] == "-" for line in lines[1:])
    assert "€" in out
    code, out, err = run(capsys, "--db", str(demo_db), "list", "--lang", "en")
    assert out.startswith("CODE") and code == 0 and err == "12 dossiers\n"


def test_show_accepts_a_code_or_an_id_and_prints_the_dossier(demo_db: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "list", "--db", str(demo_db))
    project_code = out.splitlines()[1].split()[0]
    code, text, _ = run(capsys, "show", project_code, "--db", str(demo_db))
    assert code == 0 and text.startswith(project_code)
    for heading in ("Investitore:", "Storia delle fasi:", "Riunioni", "Titoli abilitativi", "Tutor:"):
        assert heading in text
    code, english, _ = run(capsys, "show", project_code.lower(), "--db", str(demo_db), "--lang", "en")
    assert code == 0 and "Phase history:" in english and "Permits" in english


def test_unknown_project_is_a_clear_error_with_exit_code_2(demo_db: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "2026-ZZZ-0001", "--db", str(demo_db))
    assert (code, out, err) == (2, "", "tutor-app: Nessun progetto «2026-ZZZ-0001» in questo profilo.\n")
    code, out, err = run(capsys, "show", "2026-ZZZ-0001", "--db", str(demo_db), "--lang", "en")
    assert (code, out, err) == (2, "", "tutor-app: No project '2026-ZZZ-0001' in this profile.\n")


def test_the_tutors_commands_say_their_words_in_the_language_asked_with_italian_plurals_and_numbers(
        demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tutor_app.services import dossiers
    from tutor_app.services.workspace import Workspace

    with Workspace.open(db=demo_db) as ws:
        first = dossiers.list_dossiers(ws)[0]
        dossiers.update_project(ws, first.id, new_hires=1050)
    _, out, _ = run(capsys, "list", "--db", str(demo_db))
    assert re.search(rf"^{first.code}  .*  1\.050  ", out, re.MULTILINE), out  # the hires column
    _, out, _ = run(capsys, "list", "--db", str(demo_db), "--lang", "en")
    assert re.search(rf"^{first.code}  .*  1,050  ", out, re.MULTILINE), out
    _, out, _ = run(capsys, "show", first.code, "--db", str(demo_db))
    assert "Nuovi addetti: 1.050" in out and "1 modifica non ancora sincronizzata" in out
    _, out, _ = run(capsys, "show", first.code, "--db", str(demo_db), "--lang", "en")
    assert "New hires: 1,050" in out and "1 change not yet synced" in out

    db = tmp_path / "new.sqlite3"
    code, out, _ = run(capsys, "demo", "--projects", "30", "--db", str(db))
    assert code == 0 and re.fullmatch(rf"Regione demo scritta in {re.escape(str(db))}: 30 progetti, \d+ riunioni, "
                                      r"\d+ titoli abilitativi, \d\.\d{3} righe in \d+,\d s\.\n", out), out
    code, out, _ = run(capsys, "demo", "--projects", "1", "--db", str(tmp_path / "one.sqlite3"), "--lang", "en")
    assert code == 0 and ": 1 project, " in out and re.search(r" rows in \d+\.\d s\.$", out), out

    pdf = tmp_path / "d.pdf"
    code, out, _ = run(capsys, "export-pdf", first.code, "--out", str(pdf), "--db", str(demo_db))
    assert code == 0 and re.fullmatch(rf"Scritto {re.escape(str(pdf))} \(\d+ pagine, \d+,\d s\)\n", out), out
    code, out, _ = run(capsys, "portfolio-pdf", "--out", str(pdf), "--db", str(demo_db), "--lang", "en")
    assert code == 0 and re.fullmatch(rf"Wrote {re.escape(str(pdf))} \(\d+ pages, \d+\.\d s\)\n", out), out
    ics = tmp_path / "r.ics"
    code, out, _ = run(capsys, "calendar", "--out", str(ics), "--db", str(demo_db))
    assert code == 0 and re.fullmatch(rf"Scritto {re.escape(str(ics))} \(\d+ riunion[ei], \d+ scadenz[ae] di "
                                      r"(titoli abilitativi|un titolo abilitativo)\)\n", out), out
    code, out, _ = run(capsys, "calendar", "--out", str(ics), "--db", str(demo_db), "--lang", "en")
    assert code == 0 and re.fullmatch(rf"Wrote {re.escape(str(ics))} \(\d+ meetings?, \d+ permit deadlines?\)\n",
                                      out), out
    xlsx = tmp_path / "x.xlsx"
    code, out, _ = run(capsys, "export-table", "dossiers", str(xlsx), "--scope", "region", "--db", str(demo_db))
    assert (code, out) == (0, f"Scritto {xlsx}: 12 righe in 1 tabella (Tutta la regione).\n")
    code, out, _ = run(capsys, "export-table", "dossiers", str(xlsx), "--scope", "region", "--province", "SO",
                       "--db", str(demo_db), "--lang", "en")
    assert re.fullmatch(rf"Wrote {re.escape(str(xlsx))}: \d+ rows? in 1 table \(The whole region\)\.\n", out), out
    code, out, _ = run(capsys, "export-table", "dashboard", str(xlsx), "--scope", "region", "--db", str(demo_db))
    assert code == 0 and re.fullmatch(rf"Scritto {re.escape(str(xlsx))}: \d+ righe in \d+ tabelle "
                                      r"\(Tutta la regione\)\.\n", out), out
    for command in (["export-pdf", "2026-ZZZ-0001", "--out", str(pdf)],
                    ["calendar", "2026-ZZZ-0001", "--out", str(ics)]):
        code, _, err = run(capsys, *command, "--db", str(demo_db))
        assert (code, err) == (2, "tutor-app: Nessun progetto «2026-ZZZ-0001» in questo profilo.\n")
        code, _, err = run(capsys, *command, "--db", str(demo_db), "--lang", "en")
        assert (code, err) == (2, "tutor-app: No project '2026-ZZZ-0001' in this profile.\n")


def test_the_command_lines_words_take_the_singular_for_one() -> None:
    from tutor_app.cli import words

    assert [words.count("table", n, "it") for n in (0, 1, 2, 1050)] == ["0 tabelle", "1 tabella", "2 tabelle",
                                                                        "1.050 tabelle"]
    assert [words.count("table", n, "en") for n in (1, 1050)] == ["1 table", "1,050 tables"]
    assert words.count("dossier", 300, "it") == "300 dossier" and words.count("dossier", 300, "en") == "300 dossiers"
    assert words.say("bundle_done", "it", bundle="b", n=1, path="f").startswith("Scritto f: b. Resta in attesa")
    assert words.say("bundle_done", "it", bundle="b", n=1200, path="f").startswith("Scritto f: b. Restano in attesa")
    assert words.say("bundle_done", "en", bundle="b", n=1, path="f").startswith("Wrote f: b. It stays waiting")
    assert (words.seconds(0.26, "it"), words.seconds(0.26, "en")) == ("0,3", "0.3")


_PHASES = "lead, assistance, decision, permitting, realisation, operations"
_COLUMNS = "code, title, investor, country, sector, phase, status, capex, hires, place, tutor, deadline, pending"


@pytest.mark.parametrize(("argv", "italian", "english"), [
    (("--phase", "foo"), f"--phase: valore sconosciuto «foo»; valori ammessi: {_PHASES}",
     f"--phase: unknown value 'foo'; expected one of: {_PHASES}"),
    (("--sector", "spaceships"), "--sector: valore sconosciuto «spaceships»; valori ammessi: manufacturing, ",
     "--sector: unknown value 'spaceships'; expected one of: manufacturing, "),
    (("--status", "asleep"), "--status: valore sconosciuto «asleep»; valori ammessi: active, on_hold, announced, ",
     "--status: unknown value 'asleep'; expected one of: active, on_hold, announced, "),
    (("--province", "XX"), "--province: «XX» non è una provincia della Lombardia (BG, BS, CO, CR, LC, LO, MN, MI, "
                           "MB, PV, SO, VA)",
     "--province: 'XX' is not a province of Lombardy (BG, BS, CO, CR, LC, LO, MN, MI, MB, PV, SO, VA)"),
    (("--country", "Germany"), "--country: «Germany» non è un codice di paese ISO 3166 (es. DE, US, CN)",
     "--country: 'Germany' is not an ISO 3166 country code (e.g. DE, US, CN)"),
    (("--tutor", "Nobody"), "Nessun tutor «Nobody» in questo profilo (indica le iniziali, l'e-mail o il nome e "
                            "cognome). I tutor: ",
     "No tutor 'Nobody' in this profile (give initials, e-mail or full name). The tutors: "),
    (("--authority", "Ufficio che non c'è"), "--authority: nessun titolo abilitativo di questo profilo è presso "
                                             "«Ufficio che non c'è»; le autorità competenti: ",
     "--authority: no permit of this profile is at 'Ufficio che non c'è'; the competent authorities: "),
    (("--scope", "area"), "--scope: «area» non è tra gli ambiti dell'utente di questo profilo (i suoi: mine, region)",
     "--scope: 'area' is not a scope this profile's user has (they have: mine, region)"),
    (("--columns", "code,spese"), f"--columns: colonna sconosciuta «spese»; le colonne: {_COLUMNS}",
     f"--columns: unknown column 'spese'; known: {_COLUMNS}"),
    (("--columns", "code,spese,costi"), f"--columns: colonne sconosciute «spese», «costi»; le colonne: {_COLUMNS}",
     f"--columns: unknown columns 'spese', 'costi'; known: {_COLUMNS}"),
])
def test_a_table_export_refuses_a_filter_value_that_does_not_exist_in_the_users_language_naming_the_valid_ones(
        demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], italian: str,
        english: str) -> None:
    out = tmp_path / "x.xlsx"
    for lang, message in (("it", italian), ("en", english)):
        code, printed, err = run(capsys, "export-table", "dossiers", str(out), *argv, "--db", str(demo_db),
                                 "--lang", lang)
        assert (code, printed) == (2, "") and err.startswith(f"tutor-app: {message}") and err.count("\n") == 1, err
    assert not out.exists()


def test_a_table_export_to_a_file_of_no_known_kind_says_so_in_the_users_language(
        demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.txt"
    code, _, err = run(capsys, "export-table", "dossiers", str(out), "--db", str(demo_db))
    assert (code, err) == (2, f"tutor-app: format: «{out}» non termina in .csv né in .xlsx (oppure indica "
                              "--format csv o --format xlsx)\n")
    code, _, err = run(capsys, "export-table", "dossiers", str(out), "--db", str(demo_db), "--lang", "en")
    assert (code, err) == (2, f"tutor-app: format: '{out}' does not end in .csv or .xlsx (or give --format csv "
                              "or --format xlsx)\n")
    assert not out.exists()


def test_a_tutor_named_twice_is_refused_naming_both_in_the_users_language(
        demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tutor_app.domain import schema
    from tutor_app.services.workspace import Workspace

    with Workspace.open(db=demo_db) as ws, ws.store.write() as w:
        for initials in ("AB", "ABI"):
            w.create(schema.TUTORS, schema.TUTORS.validate(
                {"name": "Anna Bianchi", "role": "project_tutor", "initials": initials}, creating=True))
    out = tmp_path / "x.xlsx"
    code, _, err = run(capsys, "export-table", "dossiers", str(out), "--tutor", "anna bianchi", "--db", str(demo_db))
    assert (code, err) == (2, "tutor-app: «anna bianchi» corrisponde a più tutor: Anna Bianchi (AB), Anna Bianchi "
                              "(ABI); indica le iniziali o l'e-mail.\n")
    code, _, err = run(capsys, "export-table", "dossiers", str(out), "--tutor", "anna bianchi", "--db", str(demo_db),
                       "--lang", "en")
    assert (code, err) == (2, "tutor-app: 'anna bianchi' names more than one tutor: Anna Bianchi (AB), Anna Bianchi "
                              "(ABI); give the initials or e-mail.\n")
    code, printed, _ = run(capsys, "export-table", "dossiers", str(out), "--tutor", "abi", "--db", str(demo_db))
    assert code == 0 and printed.startswith(f"Scritto {out}: 0 righe")  # the initials tell them apart


def test_a_mapping_option_that_is_none_is_refused_in_the_users_language(
        demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv = DATA / "fiera_2026_excel_cp1252.csv"
    code, _, err = run(capsys, "import", str(csv), "--map", "titolo=Nome", "--dry-run", "--db", str(demo_db))
    assert code == 2 and err.startswith("tutor-app: --map: «titolo=Nome»: serve CAMPO=COLONNA, con CAMPO tra: "
                                        "investor, vat_number, "), err
    code, _, err = run(capsys, "import", str(csv), "--map", "titolo=Nome", "--dry-run", "--db", str(demo_db),
                       "--lang", "en")
    assert code == 2 and err.startswith("tutor-app: --map: 'titolo=Nome': expected FIELD=COLUMN, FIELD one of: "
                                        "investor, vat_number, "), err


def test_a_table_export_takes_filter_values_as_people_type_them(demo_db: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    from tutor_app.services import dossiers
    from tutor_app.services.exports import authority_projects
    from tutor_app.services.workspace import Workspace

    with Workspace.open(db=demo_db) as ws:
        rows = dossiers.list_dossiers(ws)
        with ws.store.read() as conn:
            authority = authority_projects(conn, ws.today())[0]
    out = tmp_path / "x.xlsx"
    province = rows[0].province or "MI"
    for option, value, expected in (
            ("--province", province.lower(), sum(r.province == province for r in rows)),
            ("--phase", rows[0].phase, sum(r.phase == rows[0].phase for r in rows)),
            ("--authority", f" {authority.name.upper()} ", len(authority.holders))):
        code, printed, _ = run(capsys, "export-table", "dossiers", str(out), option, str(value), "--scope", "region",
                               "--db", str(demo_db))
        assert code == 0 and f": {expected} rig" in printed, (option, printed)


def test_search_finds_accented_words_without_accents(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "citta", "--db", str(demo_db))
    assert code == 0 and "città" in out.lower() and "risultati" in err


def test_search_prints_one_line_per_hit_in_the_language_asked(demo_db: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    # "Cronoprogramma" sits in numbered agendas: its snippets run over line breaks.
    code, out, err = run(capsys, "search", "cronoprogramma", "--limit", "20", "--db", str(demo_db))
    lines = out.splitlines()
    assert code == 0 and len(lines) == 20 and err == "20 risultati\n"
    assert all(CODE.match(line) and "  [riunione]  " in line for line in lines), lines
    assert any("1. " in line and " 2. " in line for line in lines)  # the agenda's items, on one line
    code, out, err = run(capsys, "search", "cronoprogramma", "--limit", "1", "--db", str(demo_db), "--lang", "en")
    assert code == 0 and len(out.splitlines()) == 1 and "  [meeting]  " in out and err == "1 hit\n"
    code, _, err = run(capsys, "search", "cronoprogramma", "--limit", "1", "--db", str(demo_db))
    assert code == 0 and err == "1 risultato\n"


@pytest.mark.parametrize("limit", ["-1", "0"])
def test_search_refuses_a_limit_below_one_in_the_users_language(demo_db: Path, limit: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    # SQLite reads LIMIT -1 as no limit at all: every hit would come back.
    code, out, err = run(capsys, "search", "cronoprogramma", "--limit", limit, "--db", str(demo_db))
    assert (code, out, err) == (2, "", f"tutor-app: --limit: deve essere almeno 1 (indicato: {limit})\n")
    code, out, err = run(capsys, "search", "cronoprogramma", "--limit", limit, "--db", str(demo_db), "--lang", "en")
    assert (code, out, err) == (2, "", f"tutor-app: --limit: must be at least 1 (given: {limit})\n")


def test_demo_refuses_a_profile_that_already_has_data(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "demo", "--projects", "3", "--db", str(demo_db))
    assert (code, err) == (2, "tutor-app: La regione demo va in un profilo vuoto; questo ha già dei progetti.\n")
    code, _, err = run(capsys, "demo", "--projects", "3", "--db", str(demo_db), "--lang", "en")
    assert (code, err) == (2, "tutor-app: The demo region goes into an empty profile; this one has projects.\n")


def test_demo_refuses_no_projects_in_the_users_language(tutor_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "demo", "--projects", "0", "--profile", "prova")
    assert (code, err) == (2, "tutor-app: --projects: deve essere almeno 1 (indicato: 0)\n")
    code, _, err = run(capsys, "demo", "--projects", "-3", "--profile", "prova", "--lang", "en")
    assert (code, err) == (2, "tutor-app: --projects: must be at least 1 (given: -3)\n")
    assert not (tutor_home / "profiles" / "prova").exists()


def test_profiles_live_in_the_data_home(tutor_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "profile", "Giulia Bianchi", "--email", "g.bianchi@example.it", "--profile", "giulia")
    path = tutor_home / "profiles" / "giulia" / "tutor.sqlite3"
    assert (code, out) == (0, f"Profilo creato in {path} per Giulia Bianchi.\n")
    assert path.exists()
    code, _, err = run(capsys, "profile", "Altra Persona", "--profile", "giulia")
    assert (code, err) == (2, "tutor-app: Questo profilo appartiene già a un tutor: ogni persona ha il proprio "
                              "profilo.\n")
    code, _, err = run(capsys, "profile", "Altra Persona", "--profile", "giulia", "--lang", "en")
    assert (code, err) == (2, "tutor-app: This profile already belongs to a tutor: each person has a profile of "
                              "their own.\n")
    code, _, err = run(capsys, "list", "--profile", "../escape")
    assert (code, err) == (2, "tutor-app: --profile: «../escape» non è il nome di un profilo (lettere, cifre, . _ -)\n")
    code, _, err = run(capsys, "list", "--profile", "../escape", "--lang", "en")
    assert (code, err) == (2, "tutor-app: --profile: '../escape' is not a profile name (letters, digits, . _ -)\n")


# Every command on an existing store (OUT: a file it would write).
_ON_A_STORE = [
    ["list"], ["show", "2025-XXX-0001"], ["search", "citta"], ["import", str(DATA / "fiera_2026_comma.csv"), "--yes"],
    ["export-pdf", "2025-XXX-0001", "--out", "OUT"], ["portfolio-pdf", "--out", "OUT"],
    ["export-table", "dossiers", "OUT.xlsx"], ["calendar", "--out", "OUT"], ["bundle", "export", "--out", "OUT"],
    ["sync"],
]


@pytest.mark.parametrize("command", _ON_A_STORE, ids=lambda c: " ".join(a for a in c[:2] if "/" not in a))
def test_a_mistyped_profile_is_one_line_naming_the_profiles_there_are_and_makes_nothing(
        command: list[str], tutor_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    command = [a.replace("OUT", str(tmp_path / "out")) for a in command]
    assert run(capsys, "demo", "--projects", "3", "--profile", "demo")[0] == 0
    assert run(capsys, "profile", "Giulia Bianchi", "--profile", "giulia")[0] == 0
    code, out, err = run(capsys, *command, "--profile", "dmeo")
    assert (code, out, err) == (2, "", "tutor-app: Il profilo «dmeo» non esiste. Profili su questo computer: "
                                       "demo, giulia.\n")
    if "lang" in vars(build_parser().parse_args(command)):
        code, _, err = run(capsys, *command, "--profile", "dmeo", "--lang", "en")
        assert (code, err) == (2, "tutor-app: The profile “dmeo” does not exist. Profiles on this computer: "
                                  "demo, giulia.\n")
    # The implicit profile is the desktop's, made by its first start or `profile`: not by these.
    code, _, err = run(capsys, *command)
    assert (code, err) == (2, "tutor-app: Il profilo «default» non esiste. Profili su questo computer: "
                              "demo, giulia.\n")
    missing = tmp_path / "dmeo.sqlite3"
    code, _, err = run(capsys, *command, "--db", str(missing))
    assert (code, err) == (2, f"tutor-app: Il file dei dati {missing} non esiste.\n")
    assert sorted(p.name for p in (tutor_home / "profiles").iterdir()) == ["demo", "giulia"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tutor-home"]


def test_with_no_profile_at_all_the_error_says_what_makes_one(tutor_home: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "list", "--profile", "demo")
    assert code == 2 and err.startswith("tutor-app: Il profilo «demo» non esiste. Su questo computer non c'è")
    assert "tutor-app profile" in err and not (tutor_home / "profiles").exists()
    # A first sync makes one only for someone the server knows already (from another computer).
    assert err.endswith("e per chi ha già sincronizzato da un altro computer anche una prima tutor-app sync "
                        "--server.\n")


def test_the_commands_that_make_a_profile_make_one_on_a_new_name(tutor_home: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "demo", "--projects", "3", "--profile", "nuovo")[0] == 0
    assert run(capsys, "profile", "Mario Rossi", "--email", "m.rossi@example.it")[0] == 0  # the desktop's
    code, out, _ = run(capsys, "list", "--profile", "nuovo")
    assert code == 0 and len(out.splitlines()) == 4
    assert run(capsys, "list")[0] == 0
    assert sorted(p.name for p in (tutor_home / "profiles").iterdir()) == ["default", "nuovo"]


def test_a_wrong_email_is_refused_before_the_profile_is_made(tutor_home: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    tutor_home.mkdir()
    (tutor_home / "profiles").write_text("")  # no profile could be made here: the e-mail is said first
    code, _, err = run(capsys, "profile", "Mario Rossi", "--email", "not-an-email", "--profile", "h1x")
    assert code == 2 and err == "tutor-app: --email: «not-an-email» non è un indirizzo e-mail\n"
    code, _, err = run(capsys, "profile", "Mario Rossi", "--email", "not-an-email", "--profile", "h1x", "--lang", "en")
    assert code == 2 and err == "tutor-app: --email: 'not-an-email' is not an e-mail address\n"


def test_a_name_with_no_letter_is_refused_as_typed_in_the_users_language(tutor_home: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "profile", "123", "--profile", "h1x")
    assert (code, err) == (2, "tutor-app: «123» non è un nome: serve almeno una lettera\n")
    code, _, err = run(capsys, "profile", "123", "--profile", "h1x", "--lang", "en")
    assert (code, err) == (2, "tutor-app: '123' is not a name: it needs a letter\n")
    assert not (tutor_home / "profiles").exists()


def test_a_sync_with_a_server_that_cannot_be_reached_says_so_before_any_password(
        tutor_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing listens on port 1: the command line says so at once, in the user's language, and
    asks no password that could not help (the window's way too)."""
    from tutor_app.cli import server_commands

    class Terminal:
        def isatty(self) -> bool:
            return True

    asked: list[str] = []
    monkeypatch.setattr(server_commands.sys, "stdin", Terminal())
    monkeypatch.setattr(server_commands.getpass, "getpass", lambda prompt: asked.append(prompt) or "secret-2026")
    assert run(capsys, "profile", "Mario Rossi", "--email", "m.rossi@example.it")[0] == 0
    server = "postgresql://127.0.0.1:1/tutor"
    code, out, err = run(capsys, "sync", "--server", server, "--user", "mario")
    assert (code, out, err) == (2, "", "tutor-app: Il server postgresql://127.0.0.1:1/tutor non risponde o ha chiuso "
                                       "il collegamento. Le tue modifiche restano su questo computer: sincronizza "
                                       "di nuovo quando sei in rete.\n")
    code, out, err = run(capsys, "sync", "--server", server, "--user", "mario", "--lang", "en")
    assert (code, out, err) == (2, "", "tutor-app: The server postgresql://127.0.0.1:1/tutor cannot be reached or "
                                       "went away. Your changes are kept on this computer; sync again when online.\n")
    assert asked == []
    # The system's own words are for support: in the log, not in the sentence.
    assert "port 1 failed: Connection refused" in (tutor_home / "logs" / "tutor.log").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [
    ["profile", "Mario Rossi", "--email", "not-an-email"],  # refused before anything is made
    ["demo", "--projects", "0"],  # refused by the demo, once the new profile is open
    ["sync", "--server", "postgresql://mario:secret@db.example/tutor", "--user", "mario"],  # by the first sync
], ids=lambda c: c[0])
def test_a_command_that_fails_on_a_new_profile_leaves_nothing_behind(
        command: list[str], tutor_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "demo", "--projects", "3", "--profile", "demo")[0] == 0
    code, out, err = run(capsys, *command, "--profile", "h1x")
    assert code == 2 and out == "" and err.startswith("tutor-app: ") and "Traceback" not in err
    assert sorted(p.name for p in (tutor_home / "profiles").iterdir()) == ["demo"]
    code, _, _ = run(capsys, *command, "--db", str(tmp_path / "new" / "h1x.sqlite3"))
    assert code == 2 and not (tmp_path / "new").exists()
    code, _, _ = run(capsys, *command, "--profile", "demo")  # an existing profile is never removed
    assert code == 2 and (tutor_home / "profiles" / "demo" / "tutor.sqlite3").is_file()


def test_every_command_has_help() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    names = set(sub.choices)  # type: ignore[arg-type]
    assert {"demo", "list", "show", "search"} <= names
    for name in names:
        with pytest.raises(SystemExit) as exit_info:
            main([name, "--help"])
        assert exit_info.value.code == 0


def test_the_console_script_reports_its_version() -> None:
    result = subprocess.run([*PYTHON, "-m", "tutor_app", "--version"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and result.stdout.startswith("tutor-app ")


@pytest.mark.parametrize(("argv", "desktop"), [
    ([], True), (["--demo"], True), (["--profile", "giulia"], True), (["--db", "x.sqlite3", "-v"], True),
    (["list"], False), (["--db", "x.sqlite3", "list"], False), (["--help"], False), (["--version"], False),
    (["--profile"], False), (["--bogus"], False),
])
def test_a_plain_start_opens_the_window_without_loading_the_commands(argv: list[str], desktop: bool) -> None:
    from tutor_app.cli.main import desktop_arguments

    args = desktop_arguments(argv)
    assert (args is not None) == desktop
    if args is not None:
        assert args.command is None


def test_starting_the_cli_loads_neither_the_database_nor_reports_nor_sync_libraries() -> None:
    code = ("import sys, tutor_app.cli.main; "
            "print(sorted(m for m in ('sqlalchemy', 'alembic', 'reportlab', 'psycopg') if m in sys.modules))")
    result = subprocess.run([*PYTHON, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
