"""The one sparkline helper: values to block marks on a scale the caller fixes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ctotui.core.rubric import MAX_TOTAL
from ctotui.core.skills import stack as skills
from ctotui.core.spark import BLOCKS, sparkline


def test_the_drill_scale_runs_from_blank_to_a_full_block():
    assert sparkline([0, 6, 12], top=MAX_TOTAL) == " ▄█"
    assert sparkline([1.5, 10.5], top=MAX_TOTAL) == "▁▇"


def test_values_off_the_scale_are_clamped_and_none_is_blank():
    assert sparkline([-3, None, 99], top=12) == "  █"


def test_no_values_no_marks():
    assert sparkline([], top=12) == ""


@given(st.lists(st.one_of(st.none(), st.integers(1, 5)), max_size=30))
def test_a_skill_level_is_its_own_mark(levels):
    line = skills.sparkline(levels)
    assert line == "".join(skills.SPARK_MARKS[level or 0] for level in levels)


@given(st.lists(st.floats(0, MAX_TOTAL), max_size=20))
def test_one_mark_per_value_and_higher_never_lower(values):
    line = sparkline(sorted(values), top=MAX_TOTAL)
    assert len(line) == len(values)
    assert [BLOCKS.index(c) for c in line] == sorted(BLOCKS.index(c) for c in line)
