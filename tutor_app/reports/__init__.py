"""PDF reports (reportlab): the project dossier and the portfolio report. No Qt here.

Use ``export_dossier`` and ``export_portfolio``; both write atomically, take a progress
callback and a cancel flag, and raise known errors (``TutorError``) for bad input.
"""

from tutor_app.reports.api import ReportResult, ReportSource, export_dossier, export_portfolio
from tutor_app.reports.dossier import SECTIONS as DOSSIER_SECTIONS
from tutor_app.reports.dossier import DossierOptions
from tutor_app.reports.portfolio import SECTIONS as PORTFOLIO_SECTIONS
from tutor_app.reports.portfolio import PortfolioFilter, PortfolioOptions

__all__ = [
    "DOSSIER_SECTIONS",
    "PORTFOLIO_SECTIONS",
    "DossierOptions",
    "PortfolioFilter",
    "PortfolioOptions",
    "ReportResult",
    "ReportSource",
    "export_dossier",
    "export_portfolio",
]
