"""The road to CTO drawn across the screen: three stages, "you are here", the aim.

    ▼ you · 5.5 years
    ━━━━━━━━━━━━━━━━ ━━━━━━━━━●━━━━━━━━━━━ ━━━━━━━━━━━━━━━━━━━━━━━━━━━
     Strong engineer       Technical leader     ◆ Executive in training

Each stage's width follows its span of years. The stage being viewed is
highlighted; clicking a stage posts ``Road.StageClicked``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ctotui.core import playbook
from ctotui.core.plural import year_count
from ctotui.core.timeline.stages import Placement, marker_column, road_widths
from ctotui.ui.widgets import colors

GAP = 1  # a space between stages


@dataclass(frozen=True)
class RoadState:
    placement: Placement | None
    aim: str | None
    viewed: str  # the stage slug shown below the road


class Road(Widget):
    DEFAULT_CSS = """
    Road { height: 3; padding: 0 1; }
    Road > .road--done { color: $text-success; }
    Road > .road--todo { color: $foreground 55%; }  /* 3.5:1 in a light theme (25%: 1.66:1, barely seen) */
    Road > .road--marker { color: $text-accent; text-style: bold; }
    Road > .road--name { color: $foreground 70%; }
    Road > .road--current { color: $foreground; text-style: bold; }
    Road > .road--viewed { color: $text-accent; text-style: bold underline; }
    Road > .road--aim { color: $text-warning; }
    Road > .road--hint { color: $text-muted; }
    """
    COMPONENT_CLASSES = {
        "road--done",
        "road--todo",
        "road--marker",
        "road--name",
        "road--current",
        "road--viewed",
        "road--aim",
        "road--hint",
    }

    state: reactive[RoadState | None] = reactive(None)

    class StageClicked(Message):
        def __init__(self, stage: str) -> None:
            super().__init__()
            self.stage = stage

    def _style(self, name: str) -> Style:
        return colors.tone(self, f"road--{name}")

    def _widths(self) -> list[int]:
        return road_widths(max(len(playbook.STAGES) * 4, self.content_size.width))

    def render(self) -> Text:
        state = self.state
        width = self.content_size.width
        if state is None or width <= 0:
            return Text("")
        stages = playbook.load().stages
        widths = self._widths()
        pl = state.placement
        marker = marker_column(pl, widths, GAP) if pl else -1

        bar = Text()
        for i, (_st, w) in enumerate(zip(stages, widths, strict=True)):
            cells = w - (GAP if i < len(stages) - 1 else 0)
            start = len(bar)
            for c in range(cells):
                col = start + c
                if col == marker:
                    bar.append("●", self._style("marker"))
                else:
                    done = pl is not None and (i < pl.stage_index or (i == pl.stage_index and col < marker))
                    bar.append("━", self._style("done" if done else "todo"))
            bar.append(" " * (w - cells))

        names = Text()
        for st, w in zip(stages, widths, strict=True):
            label = f"{'◆ ' if st.slug == state.aim else ''}{st.name} {st.years_from}–{st.years_to}y"
            if len(label) > w - 1:
                label = f"{'◆ ' if st.slug == state.aim else ''}{st.name}"[: w - 1]
            style = self._style("name")
            if pl is not None and st.slug == pl.stage:
                style = self._style("current")
            if st.slug == state.viewed:
                style = style + self._style("viewed")
            pad = w - len(label)
            names.append(" " * (pad // 2))
            names.append(label, style)
            names.append(" " * (pad - pad // 2))

        return Text("\n").join([self._label(pl, marker, width), bar, names])

    def _label(self, pl: Placement | None, marker: int, width: int) -> Text:
        if pl is None:
            return Text("")
        words = "your evidence puts you here" + (f" · {year_count(pl.years)}" if pl.years is not None else "")
        if marker + 2 + len(words) <= width:
            return Text(" " * marker) + Text("▼ " + words, self._style("marker"))
        start = max(0, marker - len(words) - 1)
        return Text(" " * start) + Text(f"{words} ▼"[-(marker - start + 1) :], self._style("marker"))

    def on_click(self, event: events.Click) -> None:
        x = event.x - self.styles.padding.left
        edge = 0
        for st, w in zip(playbook.load().stages, self._widths(), strict=True):
            edge += w
            if x < edge:
                self.post_message(self.StageClicked(st.slug))
                return
