"""The cursor and the revisions a profile holds without pulling them (sync.session.fold_held): the
pull skips exactly those, and the cursor never passes a revision it neither pulled nor holds."""

from __future__ import annotations

from tutor_app.sync.session import START, fold_held, head_cursor


def test_a_held_revision_right_after_the_cursor_moves_it() -> None:
    assert fold_held(head_cursor(4), [[5, 5]]) == (head_cursor(5), [])
    assert fold_held(head_cursor(4), [[5, 7], [8, 8], [10, 12]]) == (head_cursor(8), [[10, 12]])


def test_a_revision_of_someone_else_before_a_held_one_stops_the_cursor() -> None:
    assert fold_held(head_cursor(4), [[6, 6]]) == (head_cursor(4), [[6, 6]])
    assert fold_held(head_cursor(4), [[6, 7], [9, 9]]) == (head_cursor(4), [[6, 7], [9, 9]])


def test_a_profile_that_never_pulled_holds_from_the_first_revision() -> None:
    assert fold_held(START, [[1, 3]]) == (head_cursor(3), [])
    assert fold_held(None, [[2, 3]]) == (list(START), [[2, 3]])


def test_ranges_are_merged_and_those_behind_the_cursor_dropped() -> None:
    assert fold_held(head_cursor(9), [[3, 4], [12, 12], [10, 11], [14, 15], [15, 16]]) == (
        head_cursor(12), [[14, 16]])


def test_a_cursor_inside_a_revision_keeps_the_ranges_after_it() -> None:
    inside = [7, 3, "00000000-0000-0000-0000-000000000001"]
    assert fold_held(inside, [[5, 6], [8, 9], [12, 12]]) == (inside, [[8, 9], [12, 12]])
