"""Python's cyclic garbage collector, paused while the app starts.

Start-up (importing Textual and the app, composing the first screen, painting it, the
data layer's import in the opener thread, Home's first read) makes tens of thousands of
objects that live as long as the app, and next to no cyclic garbage. The collector walked
them over and over meanwhile: 166 collections before Home's data was on screen at
100,000 achievements, 32 ms of CPU, one full collection ~14 ms of it (docs/performance.md).

So the collector is paused (``pause``) when the app is chosen (``ctotui`` without a
command, cli/__init__.py, before Textual is imported) or made (``CtoApp()``), and
resumed (``resume``) once start-up is done and what it built is frozen (ui/restyle.py's
``freeze_start_up``), or when the app ends, however early. Reference counting frees
memory all along; only cycles wait. A process that had turned the collector off itself
keeps it off: ``resume`` undoes only this module's own pause.
"""

from __future__ import annotations

import gc

_paused = False  # this module turned the collector off and has not turned it back on


def pause() -> None:
    """Turn the collector off, if it is on (until ``resume``)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Turn the collector back on, if ``pause`` turned it off."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()


def paused() -> bool:
    """Whether the collector is off because of ``pause``."""
    return _paused
