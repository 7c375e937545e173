"""Access to the files shipped in ``resources/`` and ``db/`` (inside the wheel and the frozen app)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Final

# The fonts asked, in this order, for a character Noto Sans lacks: Arabic, Hebrew, CJK and hangul,
# symbols, emoji (licences in resources/THIRD_PARTY_NOTICES.txt). The PDF reports embed them
# (reports/fonts.py: bold Arabic and Hebrew beside these); the desktop substitutes them (ui/theme.py).
FALLBACK_FONTS: Final = ("NotoSansArabic-Regular.ttf", "NotoSansHebrew-Regular.ttf", "DroidSansFallback.ttf",
                         "DejaVuSans.ttf", "Symbola-Subset.ttf")


def resource_path(*parts: str) -> Path:
    """A real file system path: both an installed wheel and a checkout keep resources as files."""
    return Path(str(files("tutor_app.resources").joinpath(*parts)))


def migrations_path(which: str) -> Path:
    return Path(str(files("tutor_app.db").joinpath(which)))


def server_definition_files(server_history: Path | None = None) -> list[Path]:
    """The shared schema's definitions (``db/server/definitions/*.sql``), in the order they load:
    a file uses only what the files before it define, and privileges come last."""
    return sorted(((server_history or migrations_path("server")) / "definitions").glob("*.sql"))


@lru_cache(maxsize=32)
def load_json(*parts: str) -> Any:
    with resource_path(*parts).open(encoding="utf-8") as fh:
        return json.load(fh)
