"""Panes built when first shown (the tabs of skills, drill and timeline; the review's steps): a
tree of widgets mounted into a pane that is already on the screen.

Each widget is mounted into its parent directly, not handed to its constructor: a widget's
constructor children join the screen only as it composes, a frame later, while a widget passed to
``mount`` is in the screen at once, so the fill and the focus that follow a build find it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from textual.widget import Widget

Node = Widget | tuple[Widget, Sequence["Node"]]  # a widget, or a widget and what goes inside it


def parts(node: Node) -> tuple[Widget, Sequence[Node]]:
    return node if isinstance(node, tuple) else (node, ())


def mount_tree(parent: Widget, nodes: Sequence[Node]) -> None:
    """Mount ``nodes`` into ``parent``, each node's own children into it, in order."""
    for node in nodes:
        widget, inside = parts(node)
        parent.mount(widget)
        mount_tree(widget, inside)


def compose_tree(nodes: Sequence[Node]) -> Iterator[Widget]:
    """The same tree from a ``compose`` (a pane built with the screen). Each widget is opened as
    a context, as ``with Horizontal():`` in a compose: it joins the widget being composed as the
    context closes, with what was yielded inside it."""
    for node in nodes:
        widget, inside = parts(node)
        with widget:
            yield from compose_tree(inside)
