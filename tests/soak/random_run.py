"""The long random run of issue 10 (not part of ``.ci/run``; a short version is in the suite,
tests/sync/test_random_run.py).

    python tests/soak/random_run.py --rounds 150 --seed 7 [--without fast slow] [--max-seconds 540]

Two project tutors, a regional tutor and a coordinator edit at random against a fresh database
on the local PostgreSQL (``TUTOR_TEST_PG``) with syncs killed (SIGKILL), backends terminated,
connections cut at random bytes, clocks shifted by 3 h (libfaketime) and reassignments; then
everyone syncs cleanly and the invariants are checked (tests/soak/invariants.py). Prints one JSON
summary; exits 1 when an invariant does not hold (each violation says which and shows examples).
The rounds stop at ``--max-seconds`` (the final syncs and checks follow), so a run stays within
ten minutes on these machines.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.soak.run import FAULTS, Options, random_run
from tests.sync.helpers import PG_URL


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--without", nargs="*", default=[], choices=FAULTS, metavar="FAULT",
                        help=f"fault kinds to leave out ({', '.join(FAULTS)})")
    parser.add_argument("--max-seconds", type=float, default=540.0,
                        help="stop starting rounds after this long (default 540)")
    parser.add_argument("--keep", action="store_true", help="keep the database and the profiles afterwards")
    args = parser.parse_args()
    options = Options(rounds=args.rounds, seed=args.seed, faults=frozenset(FAULTS) - set(args.without),
                      max_seconds=args.max_seconds, keep=args.keep)
    with psycopg.connect(PG_URL, autocommit=True, connect_timeout=5) as su:
        summary = random_run(su, options)
    summary["ok"] = not summary["violations"]
    print(json.dumps(summary, indent=2, default=str))
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
