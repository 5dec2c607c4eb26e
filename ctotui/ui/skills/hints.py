"""An area's gap hints in few words, for a line at 80 columns: the skills table's Gap hint and
Home's Skills card (which reads it through ui/home_data.py, after the first paint)."""

from __future__ import annotations

from collections.abc import Sequence

from ctotui.core import clock
from ctotui.core.skills import stack as skills
from ctotui.core.skills.stack import AreaStatus

HINT_TONE = {"claim-without-evidence": "bad", "underrating": "warn", "stale": "warn", "unrated": "muted"}
SHORT_HINT = {"claim-without-evidence": "no evidence in 90d", "underrating": "maybe underrated"}


def short_hints(a: AreaStatus, kinds: Sequence[str] = tuple(HINT_TONE)) -> list[tuple[str, str]]:
    """An area's gap hints of ``kinds`` as (kind, words), the one a rating fixes first ("rated 283d
    ago": 1–5 rates it again), so it is not the part cut off; the rest after it. The focused area's
    pane says each hint in full."""
    out = []
    for h in sorted((h for h in a.hints if h.kind in kinds), key=lambda h: h.kind != "stale"):
        if h.kind == "stale" and a.rated_at:
            words = f"rated {skills.days_since(clock.local(a.rated_at).date(), clock.today())}d ago"
        else:
            words = SHORT_HINT.get(h.kind, h.text)
        out.append((h.kind, words))
    return out
