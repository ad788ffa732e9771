"""Loading runs with the cyclic collector paused, and always leaves it as it found it."""

from __future__ import annotations

import gc

import pytest

from careerpath.loading.validate import collector_paused


def test_the_collector_is_paused_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    with collector_paused():
        assert not gc.isenabled()
        kept = [[] for _ in range(100)]  # what a load builds and keeps
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(kept)  # the survivors are frozen


def test_a_failed_load_turns_the_collector_back_on_and_freezes_nothing() -> None:
    gc.collect()
    frozen = gc.get_freeze_count()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_a_paused_collector_is_left_paused() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
