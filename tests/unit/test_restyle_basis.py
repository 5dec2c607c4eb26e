"""ui/restyle.py's StyleBasis: when a repeat visit may skip Textual's restyle of the whole screen.
A rule set parsed again with only its tie-breaker changed (Textual lowers a base class's as a
deeper subclass first mounts) changes no node unless it reorders two rules that can style one
node, set one property, at one specificity."""

from __future__ import annotations

from textual.css.stylesheet import Stylesheet

from ctotui.ui.restyle import StyleBasis

ONE_NODE = frozenset({frozenset({"*", "Foo", "Bar"})})  # a node that is a Foo and a Bar (Bar(Foo))
APART = frozenset({frozenset({"*", "Foo"}), frozenset({"*", "Bar"})})  # a Foo and a Bar, never one node


def basis(tie_foo: int, tie_bar: int, nodes=ONE_NODE, bar: str = "color: blue;") -> StyleBasis:
    sheet = Stylesheet()
    sheet.add_source("Foo { color: red; }", ("foo.tcss", ""), True, tie_foo)
    sheet.add_source(f"Bar {{ {bar} }}", ("bar.tcss", ""), True, tie_bar)
    rules = sheet.rules
    return StyleBasis(rules, tuple(rules), nodes, frozenset({"-dark-mode"}), frozenset({"dark"}))


def test_nothing_changed_skips_the_restyle() -> None:
    b = basis(-1, -2)
    assert b.same_as(b)
    assert not b.same_as(None)


def test_a_tie_breaker_that_keeps_the_order_skips_it() -> None:
    assert basis(-1, -3).same_as(basis(-1, -2))


def test_a_tie_breaker_that_reorders_two_rules_on_one_node_restyles() -> None:
    assert not basis(-1, 0).same_as(basis(-1, -2))  # Bar's blue now wins over Foo's red


def test_a_reorder_between_rules_that_never_meet_on_one_node_skips_it() -> None:
    assert basis(-1, 0, APART).same_as(basis(-1, -2, APART))
    assert basis(-1, 0, bar="background: blue;").same_as(basis(-1, -2, bar="background: blue;"))  # other property


def test_changed_declarations_or_app_classes_restyle() -> None:
    assert not basis(-1, -2, bar="color: green;").same_as(basis(-1, -2))
    old = basis(-1, -2)
    light = StyleBasis(old.sheet, old.rules, old.nodes, frozenset({"-light-mode"}), frozenset({"light"}))
    assert not light.same_as(old)
