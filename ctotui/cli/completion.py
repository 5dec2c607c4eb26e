"""Shell completion: ``ctotui completion bash|zsh|fish`` prints the script for a shell.

Each script is generated from the full argparse parser (``build_parser()``: every command
module is imported, which only this command pays for), so it completes every
command and subcommand, their options, and the fixed values an option offers (its
``choices``: skill areas, achievement categories, horizons, interview categories, stages,
paths, relations; cli/_common.py's ``Suggested``), and file and folder names where an
argument is a path (marked ``complete=FILE`` or ``DIRECTORY``: cli/__init__.py).

- bash and zsh: **shtab** writes a static script. Pressing TAB runs shell code only: ctotui
  does not start, so a TAB costs nothing however many modules ctotui has.
- fish: shtab has no fish output, so **argcomplete** writes a small fish function that runs
  ``ctotui`` on TAB with ``_ARGCOMPLETE`` set; ``ctotui.cli.main`` sees that variable before
  anything else and hands over to ``complete()`` here (the dispatch table's lazy door), which
  builds the parser the line needs (as a command run does: only that command's module) and
  answers. A command run normally pays one environment lookup for it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping

import argcomplete
import shtab

from ctotui.cli import COMMANDS, build_parser, parser_for
from ctotui.cli._common import Subcommands

SHELLS = ("bash", "zsh", "fish")
INSTALL = {
    "bash": "ctotui completion bash > ~/.local/share/bash-completion/completions/ctotui",
    "zsh": "ctotui completion zsh > ~/.zfunc/_ctotui  (with fpath+=(~/.zfunc) before compinit in ~/.zshrc)",
    "fish": "ctotui completion fish > ~/.config/fish/completions/ctotui.fish",
}


def register(sub: Subcommands, name: str, summary: str, common: argparse.ArgumentParser) -> None:
    """Add the parser of ``name``, one of this module's commands, to ``sub``."""
    if name != "completion":
        raise ValueError(f"{name!r} is not a command of ctotui.cli.completion")
    p = sub.add_parser(
        name,
        parents=[common],
        help=summary,
        description="Print the completion script for a shell. Install it once:\n"
        + "\n".join(f"  {shell}: {line}" for shell, line in INSTALL.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("shell", choices=SHELLS, help="the shell: bash, zsh or fish")
    p.set_defaults(func=run_completion)


def script(shell: str) -> str:
    """The completion script for ``shell``, generated from the full parser."""
    if shell == "fish":
        return argcomplete.shellcode(["ctotui"], shell="fish")
    parser = build_parser()
    # shtab describes a command by its parser's description (its first line) before its help:
    # zsh would show the start of a long description ("--format json (the default, or from…")
    # or a line that leads into more ("Install it once:"). This parser only writes the script,
    # so each command's description becomes the one line --help lists for it.
    for name, command in parser.commands.items():
        command.description = COMMANDS[name][1]
    return shtab.complete(parser, shell=shell)


def run_completion(args: argparse.Namespace) -> int:
    sys.stdout.write(script(args.shell).rstrip("\n") + "\n")
    return 0


def complete() -> int:
    """Answer a shell's completion request (``_ARGCOMPLETE`` set: fish, through argcomplete):
    argcomplete writes the candidates and ends the process; with no request it returns.

    Only the parser the line needs is built, as ``main()`` does for a command: the command's
    own once its word is complete (``ctotui plan add --horizon `` imports cli/timeline.py
    only), and no command module at all while the command's name is being typed."""
    argcomplete.autocomplete(parser_for(typed_words(os.environ)))
    return 0


def typed_words(environ: Mapping[str, str]) -> list[str]:
    """The words before the cursor that are complete (the one being typed is left out),
    from the line and cursor position the shell gives (COMP_LINE, COMP_POINT)."""
    line = environ.get("COMP_LINE", "")
    point = environ.get("COMP_POINT", "")
    if point.isdigit():
        line = line[: int(point)]
    words = line.split()
    if words and not line[-1:].isspace():
        words = words[:-1]  # the word under the cursor
    return words[1:]  # after the program's name
