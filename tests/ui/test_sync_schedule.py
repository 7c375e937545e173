"""The background sync's clock, on a fake clock: when it wakes, when it says a sync is due, and
that an edit made during a sync is sent soon after it."""

from __future__ import annotations

from typing import Any

from tutor_app.services.sync import SyncTimer
from tutor_app.ui.sync_schedule import FIRST_SYNC_DELAY_S, SyncSchedule


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Profile:
    """What the schedule asks: whether the profile syncs on its own, whether a sync is running."""

    def __init__(self) -> None:
        self.enabled = True
        self.syncing = False


def _schedule(qtbot: Any, profile: Profile, clock: Clock) -> tuple[SyncSchedule, list[bool]]:
    schedule = SyncSchedule(lambda: profile.enabled, lambda: not profile.syncing, clock=clock,
                            timer=SyncTimer(interval_s=300), edit_soon_s=5)
    said: list[bool] = []
    schedule.due.connect(lambda: said.append(True))
    return schedule, said


def test_the_first_background_sync_comes_shortly_after_start_and_then_as_the_policy_says(qtbot: Any) -> None:
    profile, clock = Profile(), Clock()
    schedule, due = _schedule(qtbot, profile, clock)
    schedule.start()
    assert schedule._wake.isActive() and schedule._wake.interval() == int(FIRST_SYNC_DELAY_S * 1000)
    schedule.tick()  # the policy is due at once at start
    assert due == [True]
    schedule.syncing()
    assert not schedule._wake.isActive()
    schedule.succeeded()
    schedule.sync_ended(asked_again=False)
    assert schedule.policy.next_at == clock.now + 300 and schedule._wake.interval() == 60_000  # wakes to look
    clock.now += 60
    schedule.tick()
    assert due == [True]  # not due yet
    schedule.shutdown()
    assert not schedule._wake.isActive()


def test_an_edit_during_a_sync_goes_up_soon_after_it(qtbot: Any) -> None:
    profile, clock = Profile(), Clock()
    schedule, _due = _schedule(qtbot, profile, clock)
    schedule.start()
    schedule.succeeded()  # the last sync: the next in five minutes
    profile.syncing = True
    schedule.edited()  # during a sync: remembered
    assert schedule.policy.next_at == clock.now + 300
    profile.syncing = False
    schedule.sync_ended(asked_again=False)
    assert schedule.policy.next_at == clock.now + 5
    schedule.sync_ended(asked_again=False)  # remembered once only
    schedule.succeeded()
    assert schedule.policy.next_at == clock.now + 300


def test_a_profile_that_does_not_sync_on_its_own_never_wakes(qtbot: Any) -> None:
    profile, clock = Profile(), Clock()
    profile.enabled = False
    schedule, due = _schedule(qtbot, profile, clock)
    schedule.start()
    schedule.edited()
    schedule.reconnected()
    schedule.could_not_start()
    schedule.tick()
    assert not schedule._wake.isActive() and due == []
