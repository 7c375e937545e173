"""One edit process of the soak run: opens a profile, applies the operations given as JSON on
stdin (``ops.perform``), prints what it did as JSON. The run starts it under libfaketime, so the
edits carry the stamps of a laptop whose clock is hours off."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[2]))  # the tests package, after the tested tutor_app

from tests.soak.ops import try_perform
from tutor_app.domain.hlc import wall_ms
from tutor_app.services.workspace import Workspace


def main() -> int:
    operations = json.load(sys.stdin)
    with Workspace.open(db=sys.argv[1]) as ws:
        done = [try_perform(ws, op) for op in operations]
    json.dump({"wall_ms": wall_ms(), "done": done}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
