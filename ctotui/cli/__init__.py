"""The command line. `ctotui` alone opens the app; subcommands work on the same
data through the same core functions, without importing Textual.

Errors a user can cause print one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sqlite3
import sys
from collections.abc import Collection, Mapping, Sequence
from types import ModuleType
from typing import Any

from ctotui import __version__, collector
from ctotui.core.errors import CtoError
from ctotui.core.text import clean_line

# Lazy point 1: the command line's dispatch table (one of the two places where ctotui
# defers an import; the other is the UI's area registry, ui/areas.py). Every command is
# listed here, with the module that runs it and the one line `ctotui --help` shows, so
# the help lists them all without importing a single command module. When a command
# runs, only its module is imported (load_command) and it builds that command's parser,
# with its full --help: `ctotui add` pays neither for the drill's modules nor for 50-odd
# argparse parsers. Opening the app (no command) goes through the same door: APP_MODULE
# is the only CLI module that imports Textual. build_parser() imports every module and
# builds everything (tests, shell completion: COMPLETION_MODULE).
COMMANDS: dict[str, tuple[str, str]] = {
    "info": ("ctotui.cli.general", "where the data lives and what is in it"),
    "demo": ("ctotui.cli.demo", "fill the database with realistic demo data"),
    "playbook": ("ctotui.cli.playbook", "print the coaching playbook as Markdown"),
    "add": ("ctotui.cli.journal", "add an achievement (prints its id)"),
    "list": ("ctotui.cli.journal_read", "list achievements, newest first"),
    "search": ("ctotui.cli.journal_read", "search titles, bodies and tags, newest first"),
    "show": ("ctotui.cli.journal_read", "show one achievement"),
    "edit": ("ctotui.cli.journal", "change an achievement (its id stays)"),
    "delete": ("ctotui.cli.journal", "delete an achievement (undelete brings it back)"),
    "undelete": ("ctotui.cli.journal", "bring back a deleted achievement"),
    "purge": ("ctotui.cli.journal", "remove deleted achievements for good"),
    "profile": ("ctotui.cli.timeline", "show or set your profile (name, years, role, path, aim)"),
    "timeline": ("ctotui.cli.timeline", "where you are on the road to CTO"),
    "plan": ("ctotui.cli.timeline", "the action plan by horizon"),
    "checks": ("ctotui.cli.timeline", "self-checks: on-track signals, mistakes, environment"),
    "skills": ("ctotui.cli.skills", "the six skill areas: level, change, history, evidence, gap hints"),
    "rate": ("ctotui.cli.skills", "rate a skill area from 1 to 5 (the history is kept)"),
    "ratings": ("ctotui.cli.skills", "every rating of one area or all, oldest first"),
    "steps": ("ctotui.cli.skills", "the practical steps of one area or all, ticked or not"),
    "step": ("ctotui.cli.skills", "tick or untick a practical step by its id"),
    "questions": ("ctotui.cli.drill", "list the interview questions"),
    "question": ("ctotui.cli.drill", "add, edit, retire or show one interview question"),
    "drill": ("ctotui.cli.drill", "what is due, progress, session settings"),
    "review": ("ctotui.cli.review", "a week's review as Markdown or JSON, the list of reviews, the review day"),
    "export": ("ctotui.cli.transfer", "export everything as JSON, or a brag document as Markdown"),
    "import": ("ctotui.cli.transfer", "import a ctotui JSON export, or a jrnl JSON export"),
    "backup": ("ctotui.cli.transfer", "a safe copy of the database, even while the app runs"),
    "check": ("ctotui.cli.transfer", "check integrity, links and the search index"),
    "people": ("ctotui.cli.people", "the people who help you toward the role"),
    "person": ("ctotui.cli.people", "add, show, edit, archive a person; who can vouch for what; a follow-up done"),
    "talk": ("ctotui.cli.people", "write down a conversation with a person"),
    "bar": ("ctotui.cli.people", "the bar someone set for a bigger role, and its deadline"),
    "next": ("ctotui.cli.coach", "this week: what to do next, from your own data"),
    "sync": ("ctotui.cli.sync", "keep this journal in step with your other machines through a shared folder"),
    "completion": ("ctotui.cli.completion", "print the shell completion script for bash, zsh or fish"),
}
# A command that only reads opens a file already at this version's schema with sqlite3 alone
# (cli/_common.py's reading); a file that is new or behind needs the full opener, which
# creates or migrates it and imports sqlite-utils: this door imports it then.
OPENER_MODULE = "ctotui.core.db"
APP_MODULE = "ctotui.cli.tui"  # no command: open the app (its run(args))
# A shell asking what TAB may complete (fish, through argcomplete, sets _ARGCOMPLETE): this
# module builds the full parser and answers; nothing else of a normal run happens.
COMPLETION_MODULE = "ctotui.cli.completion"


def load_command(module: str) -> ModuleType:
    """Lazy point 1: a command's module, imported when that command runs (and the full
    opener, ``OPENER_MODULE``, when a reading command finds its file new or behind)."""
    return importlib.import_module(module)


DESCRIPTION = """\
A keyboard-driven workbench for engineers growing toward a CTO role:
achievement journal, skill stack, interview drill, timeline, weekly review.
Run without a command to open the app. Everything stays in one local SQLite file."""

EPILOG = """\
data: --db PATH, else $CTOTUI_DB, else the platform's user data folder
      (`ctotui info` prints which file is in use).
exit codes: 0 ok, 1 nothing found (search) or a problem found (check),
            2 any error (one line on stderr)."""


# What the bash and zsh completion scripts offer for an argument that names a file or a folder
# (``add_argument(..., complete=FILE)``): shtab's FILE and DIRECTORY, copied here so that a
# command module marks its paths without importing shtab (about 0.3 s, which every run of
# that command would pay); tests/cli/test_completion_cli.py holds them equal to shtab's.
FILE = {
    "bash": "_shtab_compgen_files",
    "zsh": "_files",
    "tcsh": "f",
    "fish": "(__fish_complete_path (commandline -ct))",
    "powershell": "_shtab_powershell_compgen_files",
}
DIRECTORY = {
    "bash": "_shtab_compgen_dirs",
    "zsh": "_files -/",
    "tcsh": "d",
    "fish": "(__fish_complete_directories)",
    "powershell": "_shtab_powershell_compgen_dirs",
}


class Parser(argparse.ArgumentParser):
    """argparse's parser, whose mistakes are one line too (usage is in --help).

    A command whose words may start with - (``search``) is made with ``dashed=`` naming
    them ("a query"): a word that starts with - and is none of its options is then named
    in the mistake, with how to give it (after ``--``), not "QUERY is required".

    ``add_argument(..., complete=FILE)`` (or ``DIRECTORY``) marks an argument that names a
    file (a folder) for the completion scripts. ``commands``: the parsers of the commands
    added under this one by build_parser(), by name."""

    def __init__(self, *args: Any, dashed: str | None = None, **kwargs: Any) -> None:
        self.options: set[str] = set()  # before argparse's own __init__, which adds -h
        self.commands: Mapping[str, argparse.ArgumentParser] = {}
        super().__init__(*args, **kwargs)
        self.dashed = dashed
        self.given: list[str] = []
        for parent in kwargs.get("parents", ()):
            if isinstance(parent, Parser):
                self.options |= parent.options

    def add_argument(self, *args: Any, complete: Mapping[str, str] | None = None, **kwargs: Any) -> argparse.Action:
        self.options.update(a for a in args if isinstance(a, str) and a.startswith("-"))
        action = super().add_argument(*args, **kwargs)
        if complete is not None:
            action.complete = complete  # type: ignore[attr-defined]  # shtab's documented knob (it reads .complete)
        return action

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        if self.dashed:
            self.given = list(sys.argv[1:] if args is None else args)
        parsed, extras = super().parse_known_args(args, namespace)
        if self.dashed and self.stray(extras):
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras

    def stray(self, words: Sequence[str]) -> str | None:
        """The first of ``words`` (before a ``--``) that starts with - and is no option, nor a negative number."""
        for word in words:
            if word == "--":
                return None
            name = word.split("=", 1)[0]
            known = any(option.startswith(name) for option in self.options if option.startswith("--")) or (
                name in self.options
            )
            if word.startswith("-") and len(word) > 1 and not known and not word[1:].replace(".", "", 1).isdigit():
                return word
        return None

    def error(self, message: str):
        stray = self.stray(self.given) if self.dashed else None
        if stray and message.startswith(("the following arguments are required", "unrecognized arguments")):
            message = f"{stray} is not an option; {self.dashed} with a word that starts with - goes after --: {self.prog} -- {stray}"
        line = " ".join(f"{self.prog}: {message} (see {self.prog} --help)".split())
        self.exit(2, line + "\n")


def command_word(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs ("" for none, the app), or None when it asks
    for the top-level help (which lists every command)."""
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help"):
            return None
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return ""


def build_parser(commands: Collection[str] | None = None) -> Parser:
    """The command line's parser, with the full parser of each command in ``commands``
    (default: all of them, importing every command module).

    The other commands are listed with their one-line summary (for --help and for
    argparse's "invalid choice" message) but take no arguments: main() builds the
    parser of the command it runs, and only that one."""
    parser = Parser(
        prog="ctotui",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ctotui {__version__}")
    parser.add_argument("--db", metavar="PATH", complete=FILE, help="the database file to use (beats $CTOTUI_DB)")
    # --db is accepted after the command too ("ctotui list --db x.db").
    common = Parser(add_help=False)
    common.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, complete=FILE, help="the database file to use"
    )
    sub = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    for name, (module, summary) in COMMANDS.items():
        if commands is None or name in commands:
            load_command(module).register(sub, name, summary, common)
        else:
            sub.add_parser(name, help=summary)
    parser.commands = sub.choices
    return parser


def parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser main() uses for ``argv``: the full parser of the command it runs only."""
    word = command_word(argv)
    return build_parser({word} if word in COMMANDS else ())


# How the options' ambiguous dates were read (cli/_common.py said_date fills it while parsing):
# said on stderr once the command has succeeded, so that a failure stays one line.
DATE_NOTES: list[str] = []


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None and "_ARGCOMPLETE" in os.environ:
        return load_command(COMPLETION_MODULE).complete()
    argv = sys.argv[1:] if argv is None else list(argv)
    DATE_NOTES.clear()
    args = parser_for(argv).parse_args(argv)
    try:
        _check_utf8(args)
        if args.command is None:
            collector.pause()  # the app's start-up, its imports first: ctotui/collector.py (the app resumes it)
            return load_command(APP_MODULE).run(args)
        code = args.func(args) or 0
        sys.stdout.flush()  # a closed pipe shows up here, inside the handler below
        if code == 0:
            for note in DATE_NOTES:
                print(f"ctotui: {note}", file=sys.stderr)
        return code
    except CtoError as exc:
        return _fail(" ".join([str(exc), *getattr(exc, "__notes__", ())]))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`ctotui list | head`): not an error worth a traceback.
        _silence_stdout()
        return 0
    except Exception as exc:  # noqa: BLE001 - the one place every other failure becomes one line
        return _fail(" ".join([describe_failure(exc), *getattr(exc, "__notes__", ())]))


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
                    raise not_utf8(name) from None


def not_utf8(name: str) -> CtoError:
    """The refusal of text that is not UTF-8, in an argument or on stdin (``add -``)."""
    return CtoError(f"{name}: not valid UTF-8 text (is the terminal set to UTF-8?)")
