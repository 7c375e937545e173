"""How the tests start another Python: never with the current folder first on ``sys.path``.

``python -c``/``-m`` would otherwise put the checkout (the tests' working folder) first, and its
``tutor_app/`` would shadow an installed Tutor under test (``TUTOR_TEST_INSTALLED``, README).
``-P`` (Python 3.11+) leaves the path as the environment has it; a checkout's editable install still
finds its sources through its own finder.
"""

from __future__ import annotations

import sys

PYTHON: tuple[str, ...] = (sys.executable, "-P")
