"""The dashboard pauses Python's cycle collector and always gives it back as it was."""

from __future__ import annotations

import gc

import pytest

from app.services.report_facts import cycle_collector_paused


def test_collector_is_paused_inside_and_back_on_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), cycle_collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("stop")
    assert gc.isenabled()


def test_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with cycle_collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
