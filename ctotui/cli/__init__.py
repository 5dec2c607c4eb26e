"""The command line. `ctotui` alone opens the app; subcommands work on the same
data through the same core functions, without importing Textual.

Errors a user can cause print one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ctotui import __version__
from ctotui.cli import drill, general, journal, review, skills, timeline, transfer
from ctotui.core.errors import CtoError
from ctotui.core.text import clean_line

# Each area's module adds its subcommands with register(subparsers, common).
COMMAND_MODULES = [general, journal, timeline, skills, drill, review, transfer]

DESCRIPTION = """\
A keyboard-driven workbench for engineers growing toward a CTO role:
achievement journal, skill stack, interview drill, timeline, weekly review.
Run without a command to open the app. Everything stays in one local SQLite file."""

EPILOG = """\
data: --db PATH, else $CTOTUI_DB, else the platform's user data folder
      (`ctotui info` prints which file is in use).
exit codes: 0 ok, 1 unexpected failure, 2 bad input or unusable database."""


class _Unused:
    """Stands in for the parser of a command that is not being run: takes every
    call (add_argument, set_defaults, add_subparsers, ...) and does nothing."""

    def __getattr__(self, name: str) -> _Unused:
        return self

    def __call__(self, *args: object, **kwargs: object) -> _Unused:
        return self


class _OnlyCommand:
    """The subparsers action, building the parser of one command only."""

    def __init__(self, sub: argparse._SubParsersAction, command: str) -> None:
        self.sub, self.command, self.found = sub, command, False

    def add_parser(self, name: str, **kwargs):
        if name != self.command and self.command not in kwargs.get("aliases", ()):
            return _Unused()
        self.found = True
        return self.sub.add_parser(name, **kwargs)


def _command_in(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs ("" for none, the app), or None when the parser
    must know every command (help, or a mistake whose message lists them)."""
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help"):
            return None
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return ""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given ``command``, with that command's parser only.

    Building all of them (50-odd argparse parsers) would cost a one-off command like
    `ctotui search` a tenth of its run time."""
    parser = argparse.ArgumentParser(
        prog="ctotui",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ctotui {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the database file to use (beats $CTOTUI_DB)")
    # --db is accepted after the command too ("ctotui list --db x.db").
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the database file to use")
    sub = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    if command == "":
        return parser
    only = _OnlyCommand(sub, command) if command is not None else sub
    for module in COMMAND_MODULES:
        module.register(only, common)
    if command is not None and not only.found:  # not a command: argparse's error lists them all
        return build_parser()
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command_in(argv))
    args = parser.parse_args(argv)
    try:
        _check_utf8(args)
        if args.command is None:
            return general.open_app(args)
        code = args.func(args) or 0
        sys.stdout.flush()  # a closed pipe shows up here, inside the handler below
        return code
    except CtoError as exc:
        print(f"ctotui: {clean_line(str(exc))}", file=sys.stderr)  # one line, no control characters
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`ctotui list | head`): not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _check_utf8(args: argparse.Namespace) -> None:
    """Bytes that are not UTF-8 reach Python as lone surrogates, which SQLite refuses."""
    for name, value in vars(args).items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    raise CtoError(f"{name}: not valid UTF-8 text (is the terminal set to UTF-8?)") from None
