"""A skill's level and its change, drawn the same wherever they show: the skills
screen, the weekly review and Home's skills card.

``tone(name)`` is the caller's style lookup (muted, good, bad, accent), so the
marks follow the theme.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text

from ctotui.core.skills import stack as skills


def bar(tone: Callable[[str], Style], level: int | None) -> Text:
    """■■■□□ 3 (the filled squares in the accent colour)."""
    text = Text(skills.level_bar(level, empty=""), style=tone("accent"))
    text.append(skills.level_bar(0, 5 - (level or 0)), style=tone("muted"))
    text.append(f" {level}" if level else " –", style=Style(bold=True) if level else tone("muted"))
    return text


def change(tone: Callable[[str], Style], value: int | None) -> Text:
    """▲2 or ▼1 (good or bad), = for no change, – when there is nothing to compare."""
    if value is None:
        return Text("–", style=tone("muted"))
    if value == 0:
        return Text("=", style=tone("muted"))
    return Text(f"{'▲' if value > 0 else '▼'}{abs(value)}", style=tone("good") if value > 0 else tone("bad"))
