"""New ids carry their creation time first (RFC 9562's version 7 layout), so they sort by time."""

from __future__ import annotations

import time
import uuid

from tutor_app.domain.ids import new_id


def test_an_id_is_a_version_7_uuid_that_starts_with_its_millisecond() -> None:
    before = time.time_ns() // 1_000_000
    made = uuid.UUID(new_id())
    after = time.time_ns() // 1_000_000
    assert (made.version, made.variant) == (7, uuid.RFC_4122)
    assert before <= made.int >> 80 <= after


def test_ids_sort_by_time_and_never_repeat() -> None:
    made = [new_id(1_795_000_000_000 + ms) for ms in (2, 0, 1)]
    assert [uuid.UUID(i).int >> 80 for i in sorted(made)] == [1_795_000_000_000, 1_795_000_000_001, 1_795_000_000_002]
    assert len({new_id(1_795_000_000_000) for _ in range(20_000)}) == 20_000  # the same millisecond
