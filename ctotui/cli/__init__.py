"""The command line. `ctotui` alone opens the app; subcommands work on the same
data through the same core functions, without importing Textual.

Errors a user can cause print one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import errno
import os
import sqlite3
import sys
from collections.abc import Sequence

from ctotui import __version__
from ctotui.cli import coach, drill, general, journal, people, review, skills, timeline, transfer
from ctotui.core.errors import CtoError
from ctotui.core.text import clean_line

# Each area's module adds its subcommands with register(subparsers, common).
COMMAND_MODULES = [general, journal, timeline, skills, drill, review, people, transfer, coach]

DESCRIPTION = """\
A keyboard-driven workbench for engineers growing toward a CTO role:
achievement journal, skill stack, interview drill, timeline, weekly review.
Run without a command to open the app. Everything stays in one local SQLite file."""

EPILOG = """\
data: --db PATH, else $CTOTUI_DB, else the platform's user data folder
      (`ctotui info` prints which file is in use).
exit codes: 0 ok, 1 nothing found (search) or a problem found (check),
            2 any error (one line on stderr)."""


class Parser(argparse.ArgumentParser):
    """argparse's parser, whose mistakes are one line too (usage is in --help)."""

    def error(self, message: str):
        line = " ".join(f"{self.prog}: {message} (see {self.prog} --help)".split())
        self.exit(2, line + "\n")


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
    parser = Parser(
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
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`ctotui list | head`): not an error worth a traceback.
        _silence_stdout()
        return 0
    except Exception as exc:  # noqa: BLE001 - the one place every other failure becomes one line
        return _fail(describe_failure(exc))


def _fail(message: str) -> int:
    """One line on stderr, exit 2. Output that can no longer be written is dropped."""
    line = " ".join(f"ctotui: {clean_line(message)}".split())  # one line, no control characters
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        _silence_stdout()  # a full disk or a closed pipe: the interpreter's last flush would fail again
    try:
        print(line, file=sys.stderr)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return 2


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush of what is
    still buffered (a closed pipe, a full disk) cannot fail again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # stdout is not a file (captured in a test): nothing to flush at exit


def describe_failure(exc: BaseException) -> str:
    """A plain line for a failure that is not one of ctotui's own errors."""
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc)
        if "locked" in text or "busy" in text:
            return "the database is busy (another ctotui or program is writing to it); try again in a moment"
        if "readonly" in text or "read-only" in text:
            return "the database is read-only here (check the file's permissions); nothing was written"
        if "full" in text:
            return "the disk (or the database's size limit) is full; nothing was written"
        return f"cannot use the database ({text})"
    if isinstance(exc, sqlite3.DatabaseError):
        return (
            f"the database is damaged ({exc}); `ctotui check` says more, "
            "`ctotui export --salvage -o FILE` saves what can still be read"
        )
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc)
        where = f"{exc.filename}: " if exc.filename else ""
        if exc.errno == errno.ENOSPC:
            return f"{where}no space left on the device; the output is incomplete"
        if exc.errno == errno.EROFS:
            return f"{where}the file system is read-only"
        return f"{where}{reason}"
    if isinstance(exc, OverflowError):
        return f"a number or date out of range ({exc})"
    if isinstance(exc, (ValueError, UnicodeError)):
        return f"bad value ({exc})"
    if isinstance(exc, MemoryError):
        return "out of memory"
    return f"unexpected failure ({type(exc).__name__}: {exc}); please report it"


def _check_utf8(args: argparse.Namespace) -> None:
    """Bytes that are not UTF-8 reach Python as lone surrogates, which SQLite refuses."""
    for name, value in vars(args).items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    raise CtoError(f"{name}: not valid UTF-8 text (is the terminal set to UTF-8?)") from None
