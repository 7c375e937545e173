"""The short version of the random run (issue 10; the long one is tests/soak/random_run.py): a few
rounds of random edits by two project tutors, a regional tutor and a coordinator, with every
fault kind (kills, cuts, backends ended, clocks 3 h fast or slow, reassignments, deletes); then
every replica equals what its user may see, no outbox is left, no change is applied twice, every
edit is accounted for, and one more sync is idle.
"""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from tests.soak.run import FAULTS, Options, random_run
from tests.sync.helpers import LAST_WRITER_WINS, plant

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ROUNDS = 6


def _explain(summary: dict[str, Any]) -> str:
    return "\n".join(f"{v['invariant']} (round {v['round']}): {v}" for v in summary["violations"])


@pytest.mark.parametrize("seed", [3])
def test_a_short_random_run_with_faults_ends_converged_with_every_edit_accounted_for(
        pg_superuser: psycopg.Connection[Any], seed: int) -> None:
    summary = random_run(pg_superuser, Options(rounds=ROUNDS, seed=seed, faults=frozenset(FAULTS), max_seconds=40))
    assert summary["rounds"] == ROUNDS
    assert summary["edits"] > 2 * ROUNDS
    assert summary["violations"] == [], _explain(summary)


def test_the_run_catches_a_merge_that_overwrites_without_a_record(pg_superuser: psycopg.Connection[Any]) -> None:
    summary = random_run(pg_superuser, Options(rounds=ROUNDS, seed=3, faults=frozenset(FAULTS), max_seconds=40,
                                               prepare=lambda srv: plant(srv, "tutor._merge", LAST_WRITER_WINS)))
    assert "edits_unaccounted" in {v["invariant"] for v in summary["violations"]}, _explain(summary)
