"""PDF commands: ``export-pdf`` (one project's dossier) and ``portfolio-pdf`` (a selection of projects).

Both read a local profile (``--profile NAME`` or ``--db PATH``) and never create one: asking for
a report from a profile that does not exist is an error, not a new empty profile. Both take the
document-control options (protocol, version, distribution list, classification, signatory) and
list on stderr, by dossier and field, any character no font can print (the PDF shows U+FFFD
there). Known errors
(unknown project or tutor, bad filter, unwritable output, empty selection) are ``TutorError``s,
which ``main`` prints and turns into exit code 2; the output file is then left untouched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tutor_app.cli import words
from tutor_app.cli.options import add_store_options, open_workspace
from tutor_app.domain.enums import Phase, Sector
from tutor_app.domain.places import PROVINCE_BY_CODE


def register(sub: Any) -> None:
    """Add ``export-pdf`` and ``portfolio-pdf`` to the ``tutor-app`` parser."""
    from tutor_app.reports.dossier import SECTIONS as DOSSIER_SECTIONS

    dossier = sub.add_parser(
        "export-pdf", help="write the PDF dossier of one project",
        description="Write the PDF dossier of one project: cover, contents, a first page for the political "
                    "table (where the project stands, key issues, what the next table must decide, open action "
                    "items, permits past their term, next meetings), details, phase timeline, open action items, "
                    "meetings, permits (timeline and checklist), aftercare notes, contacts (the investor's, the "
                    "region's referents, the competent authorities), and the changes not yet synced.")
    dossier.add_argument("project", metavar="PROJECT", help="project code (e.g. 2026-MRS-0042) or id")
    dossier.add_argument("--out", "-o", metavar="FILE", required=True, help="PDF file to write")
    dossier.add_argument("--lang", choices=("it", "en"), default="it", help="language of the PDF (default: it)")
    dossier.add_argument("--sections", metavar="LIST", default=",".join(DOSSIER_SECTIONS),
                         help=f"comma-separated sections to include (default: all: {','.join(DOSSIER_SECTIONS)})")
    _add_control_options(dossier)
    add_store_options(dossier)
    dossier.set_defaults(func=_export_pdf)

    portfolio = sub.add_parser(
        "portfolio-pdf", help="write a PDF portfolio report of a selection of projects",
        description="Write a portfolio report for the regional council: a summary with this year against "
                    "the same days of last year, key figures and charts, the 10 largest projects, capex and "
                    "hires by province (a tile map) and sector, permit terms by authority, one line per project, "
                    "definitions, and the upcoming working tables in an appendix. Filters combine (all must "
                    "match).")
    portfolio.add_argument("--out", "-o", metavar="FILE", required=True, help="PDF file to write")
    portfolio.add_argument("--tutor", metavar="U", help="only projects of this tutor (initials, e-mail or name)")
    portfolio.add_argument("--phase", metavar="P", help=f"only projects in this phase ({', '.join(Phase)})")
    portfolio.add_argument("--sector", metavar="S", help=f"only projects of this sector ({', '.join(Sector)})")
    portfolio.add_argument("--province", metavar="X",
                           help=f"only projects in this province ({', '.join(PROVINCE_BY_CODE)})")
    portfolio.add_argument("--lang", choices=("it", "en"), default="it", help="language of the PDF (default: it)")
    _add_control_options(portfolio)
    add_store_options(portfolio)
    portfolio.set_defaults(func=_portfolio_pdf)


def _add_control_options(parser: argparse.ArgumentParser) -> None:
    """The document-control fields of one PDF (the region's own come from its region file)."""
    from tutor_app.reports.branding import CLASSIFICATIONS

    group = parser.add_argument_group("document control")
    group.add_argument("--protocol", metavar="NUMBER", default="", help="protocol number, on every page")
    group.add_argument("--doc-version", metavar="V", default="", help="version of the document, on every page")
    group.add_argument("--distribution", metavar="WHO", action="append", default=[],
                       help="a recipient of the distribution list (repeat the option for each)")
    group.add_argument("--classification", choices=CLASSIFICATIONS, default=None,
                       help="marking on every page (default: the region's, see the README)")
    group.add_argument("--signatory", metavar="NAME", default="", help="who signs, in the signature block")
    group.add_argument("--signatory-role", metavar="ROLE", default="", help="their role, in the signature block")


# A document-control field by the option that gives it: a refusal names what the user typed.
_CONTROL_OPTIONS = {"protocol": "--protocol", "version": "--doc-version", "signatory": "--signatory",
                    "signatory_role": "--signatory-role"}


def _control(args: argparse.Namespace) -> Any:
    from tutor_app.domain.errors import TooLongError
    from tutor_app.reports.control import DocumentControl

    try:
        return DocumentControl(protocol=args.protocol, version=args.doc_version,
                               distribution=tuple(args.distribution), classification=args.classification,
                               signatory=args.signatory, signatory_role=args.signatory_role).validated()
    except TooLongError as exc:
        raise TooLongError(_CONTROL_OPTIONS.get(exc.field, exc.field), exc.length, exc.limit) from None


def _report(result: Any, lang: str) -> None:
    """What was written on stdout; each field with characters no font has on stderr."""
    from tutor_app.reports.glyphs import describe
    from tutor_app.reports.i18n import Words

    print(words.say("pdf_done", lang, path=result.path, pages=words.count("page", result.pages, lang),
                    seconds=words.seconds(result.seconds, lang)), file=sys.stdout)
    for line in describe(result.unprintable, Words(lang)):
        print(f"tutor-app: {line}", file=sys.stderr)


def _sections(text: str, allowed: tuple[str, ...]) -> frozenset[str]:
    from tutor_app.domain.errors import UnknownChoiceError

    chosen = frozenset(s.strip() for s in text.split(",") if s.strip())
    unknown = tuple(sorted(chosen - set(allowed)))
    if unknown or not chosen:
        raise UnknownChoiceError("--sections", unknown, allowed, kind="section" if unknown else "no_section")
    return chosen


def _export_pdf(args: argparse.Namespace) -> int:
    from tutor_app.reports import DossierOptions, export_dossier
    from tutor_app.reports.dossier import SECTIONS
    from tutor_app.services.dossiers import resolve_project

    options = DossierOptions(lang=args.lang, sections=_sections(args.sections, SECTIONS), control=_control(args))
    with open_workspace(args) as ws:
        project_id = resolve_project(ws, args.project)
        result = export_dossier(ws, project_id, Path(args.out), options)
    _report(result, args.lang)
    return 0


def _portfolio_pdf(args: argparse.Namespace) -> int:
    from tutor_app.reports import PortfolioFilter, PortfolioOptions, export_portfolio

    filters = PortfolioFilter(tutor=args.tutor, phase=args.phase, sector=args.sector,
                              province=args.province).validated()  # a bad code fails before the profile opens
    options = PortfolioOptions(lang=args.lang, control=_control(args))
    with open_workspace(args) as ws:
        result = export_portfolio(ws, Path(args.out), filters, options)
    _report(result, args.lang)
    return 0
