"""The CLI builds only the parser of the command it runs: the same parser as the full one."""

from __future__ import annotations

import argparse

import pytest

from ctotui.cli import _command_in, build_parser


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


FULL = _commands(build_parser())


def _all_help(parser: argparse.ArgumentParser) -> list[str]:
    """The help of a parser and of every nested sub-command, depth first."""
    out = [parser.format_help()]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                out += _all_help(child)
    return out


@pytest.mark.parametrize("command", sorted(FULL))
def test_a_commands_own_parser_is_the_full_parsers(command: str) -> None:
    only = _commands(build_parser(command))
    assert list(only) == [command]
    assert _all_help(only[command]) == _all_help(FULL[command])


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        ([], ""),
        (["--db", "x.db"], ""),
        (["--db=x.db"], ""),
        (["--version"], ""),
        (["search", "kafka"], "search"),
        (["--db", "search", "list"], "list"),  # the value of --db is not the command
        (["--db=x.db", "add", "-"], "add"),
        (["question", "show", "3"], "question"),
        (["--help"], None),  # help lists every command
        (["-h", "search"], None),
        (["search", "--help"], "search"),
        (["nonsense"], "nonsense"),
    ],
)
def test_the_command_is_found_in_argv(argv: list[str], command: str | None) -> None:
    assert _command_in(argv) == command


def test_an_unknown_command_gets_the_full_parser_whose_error_lists_every_command(capsys) -> None:
    parser = build_parser("nonsense")
    assert set(_commands(parser)) == set(FULL)
    with pytest.raises(SystemExit):
        parser.parse_args(["nonsense"])
    assert "choose from" in capsys.readouterr().err


def test_no_command_builds_no_command_parser_and_opens_the_app() -> None:
    parser = build_parser("")
    assert _commands(parser) == {}
    assert parser.parse_args(["--db", "x.db"]).command is None
