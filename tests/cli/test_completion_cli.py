"""`ctotui completion bash|zsh|fish`: the scripts are generated from the parser, so they know every
command; bash's is run for real (sourced, its function called as bash calls it on TAB), fish's
dynamic answer is asked of ctotui as fish asks it, and the shells that are installed check
their script. A normal command imports none of it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import shtab

from ctotui.cli import COMMANDS, DIRECTORY, FILE, command_word
from ctotui.cli.completion import typed_words
from ctotui.core import terms
from ctotui.core.db import open_db

SUBCOMMANDS = {  # nested commands the scripts must know too
    "plan": ("add", "edit", "done", "drop", "reopen"),
    "person": ("add", "show", "edit", "archive", "vouch"),
    "question": ("add", "edit", "retire", "show"),
    "bar": ("set", "tick", "close"),
}
FIXED = (*terms.HORIZONS, *terms.CATEGORIES, *terms.INTERVIEW_CATEGORIES, *terms.STAGES, *terms.SKILLS)
BIN = Path(sys.executable).parent  # the venv's bin, where the ctotui console script is


@pytest.fixture(scope="module")
def scripts(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("completion")
    out = {}
    for shell in ("bash", "zsh", "fish"):
        done = subprocess.run([BIN / "ctotui", "completion", shell], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and done.stderr == "", done.stderr
        out[shell] = folder / f"ctotui.{shell}"
        out[shell].write_text(done.stdout)
    return out


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_the_static_scripts_know_every_command_and_the_fixed_values(scripts, shell):
    text = scripts[shell].read_text()
    words = set(text.replace("(", " ").replace(")", " ").replace(":", " ").replace("'", " ").split())
    assert set(COMMANDS) <= words, set(COMMANDS) - words
    for sub in SUBCOMMANDS.values():
        assert set(sub) <= words, set(sub) - words
    assert set(FIXED) <= words, set(FIXED) - words
    assert all(option in text for option in ("--horizon", "--category", "--no-metric", "--follow-up"))


def test_the_bash_function_is_registered_for_ctotui(scripts):
    assert "complete -o bashdefault -F _shtab_ctotui ctotui" in scripts["bash"].read_text()


def test_the_zsh_script_is_a_completion_function(scripts):
    assert scripts["zsh"].read_text().startswith("#compdef ctotui")


def test_the_fish_script_asks_ctotui_on_tab(scripts):
    text = scripts["fish"].read_text()
    assert "complete --command ctotui" in text and "set -lx _ARGCOMPLETE 1" in text


BASH_COMPLETE = r"""
source "$1"
shift
COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
_shtab_ctotui ctotui "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}"
"""

CASES = [
    (["ctotui", "pl"], {"plan", "playbook"}),
    (["ctotui", "plan", "add", "--horizon", ""], set(terms.HORIZONS)),
    (["ctotui", "plan", ""], {"add", "edit", "done", "drop", "reopen"}),
    (["ctotui", "rate", ""], set(terms.SKILLS)),
    (["ctotui", "add", "--category", "s"], {"savings", "scale"}),
    (["ctotui", "questions", "--category", ""], set(terms.INTERVIEW_CATEGORIES)),
    (["ctotui", "profile", "--aim", ""], set(terms.STAGES)),
    (["ctotui", "completion", ""], {"bash", "zsh", "fish"}),
    (["ctotui", "list", "--s"], {"--since", "--skill"}),
    (["ctotui", ""], set(COMMANDS)),
]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(("words", "expected"), CASES, ids=[" ".join(w) for w, _ in CASES])
def test_bash_completes_commands_options_and_values(scripts, words, expected):
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", BASH_COMPLETE, "complete", scripts["bash"], *words],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert set(done.stdout.split()) == expected


def test_the_path_marks_are_shtabs():
    """cli/__init__.py copies shtab's FILE and DIRECTORY (command modules must not import shtab)."""
    assert FILE == shtab.FILE
    assert DIRECTORY == shtab.DIRECTORY


PATH_CASES = [
    (["ctotui", "--db", "my"], {"my.db", "mydir/"}),
    (["ctotui", "list", "--db", "my"], {"my.db", "mydir/"}),
    (["ctotui", "import", "ex"], {"export.json", "exdir/"}),
    (["ctotui", "export", "-o", "ex"], {"export.json", "exdir/"}),
    (["ctotui", "export", "--output", "my"], {"my.db", "mydir/"}),
    (["ctotui", "backup", ""], {"exdir/", "mydir/"}),
    (["ctotui", "sync", "m"], {"mydir/"}),
    (["ctotui", "sync", "--set-dir", ""], {"exdir/", "mydir/"}),
    (["ctotui", "import", "--format", ""], {"json", "jrnl"}),  # a choice stays a choice
]
# As BASH_COMPLETE, with each name as bash shows it: a folder ends with / (shtab turns on the
# filenames option for a path, and bash adds the / then).
BASH_PATHS = BASH_COMPLETE.replace(
    "printf '%s\\n' \"${COMPREPLY[@]}\"",
    'for word in "${COMPREPLY[@]}"; do [[ -d $word ]] && word+=/; printf \'%s\\n\' "$word"; done',
)


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(("words", "expected"), PATH_CASES, ids=[" ".join(w) for w, _ in PATH_CASES])
def test_bash_completes_file_and_folder_names_for_paths(scripts, tmp_path, words, expected):
    assert BASH_PATHS != BASH_COMPLETE
    here = tmp_path / "here"
    for name in ("mydir", "exdir"):
        (here / name).mkdir(parents=True)
    for name in ("my.db", "export.json"):
        (here / name).write_text("")
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", BASH_PATHS, "complete", scripts["bash"], *words],
        capture_output=True,
        text=True,
        cwd=here,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert set(done.stdout.split()) == expected


def test_the_zsh_script_completes_paths_with_zsh_files(scripts):
    text = scripts["zsh"].read_text()
    db = [line.strip() for line in text.splitlines() if line.strip().startswith('"--db[')]
    assert db and all(line.endswith(':PATH:_files"') for line in db), db
    assert "{-o,--output}" in text and ':FILE:_files"' in text  # export -o
    assert 'reads stdin):_files"' in text  # import FILE
    assert 'never over a file):_files -/"' in text  # backup DIR
    assert 'the saved one):_files -/"' in text  # sync DIR
    assert 'sync folder, then sync with it]:DIR:_files -/"' in text  # sync --set-dir DIR


def test_zsh_describes_each_command_by_its_one_line_summary(scripts):
    """The summaries --help lists, not the first line of a command's long description."""
    text = scripts["zsh"].read_text()
    start = text.index("_shtab_ctotui_commands() {")
    listed = text[start : text.index("_describe", start)]
    for name, (_, summary) in COMMANDS.items():
        quoted = summary.replace("'", "'\"'\"'")
        assert f"    {name}:'{quoted}'\n" in listed, name


def ask_like_fish(line: str, tmp_path: Path) -> list[str]:
    """What ctotui answers when fish's completion function runs it for ``line`` (the environment
    argcomplete's fish script sets; the answer goes to the file argcomplete is told to use)."""
    out = tmp_path / "answer"
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "_ARGCOMPLETE_SHELL": "fish",
        "_ARGCOMPLETE_DFS": "\t",
        "_ARGCOMPLETE_IFS": "\n",
        "_ARGCOMPLETE_SUPPRESS_SPACE": "1",
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
        "COMP_TYPE": "",
        "_ARGCOMPLETE_STDOUT_FILENAME": str(out),
    }
    done = subprocess.run([BIN / "ctotui"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [row.split("\t")[0] for row in out.read_text().splitlines()]


def test_fish_gets_commands_and_values_from_ctotui(tmp_path):
    assert set(ask_like_fish("ctotui pe", tmp_path)) == {"people", "person"}
    assert set(ask_like_fish("ctotui plan add --horizon ", tmp_path)) == set(terms.HORIZONS)
    assert set(ask_like_fish("ctotui steps ", tmp_path)) >= set(terms.SKILLS)
    assert set(ask_like_fish("ctotui --db x.db plan ", tmp_path)) >= set(SUBCOMMANDS["plan"])


@pytest.mark.parametrize(
    ("line", "point", "words"),
    [
        ("ctotui pl", None, []),  # the command's name is being typed: no command module is needed
        ("ctotui plan add --horizon ", None, ["plan", "add", "--horizon"]),
        ("ctotui plan add --hor", None, ["plan", "add"]),
        ("ctotui plan add --horizon 3-months", 12, ["plan"]),  # the cursor after "plan "
        ("", None, []),
    ],
)
def test_a_tab_builds_only_the_parser_its_line_needs(line, point, words):
    env = {"COMP_LINE": line, "COMP_POINT": str(len(line) if point is None else point)}
    assert typed_words(env) == words
    assert command_word(typed_words(env)) == (words[0] if words else "")


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_itself_completes_with_the_script(scripts, tmp_path):
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "HOME": str(tmp_path)}
    done = subprocess.run(
        ["fish", "--no-config", "-c", f"source {scripts['fish']}; complete -C 'ctotui plan add --horizon '"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert {row.split("\t")[0] for row in done.stdout.splitlines()} == set(terms.HORIZONS)


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_reads_the_script(scripts):
    done = subprocess.run(["zsh", "-n", scripts["zsh"]], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    # loaded as compinit loads it: its functions are defined
    load = f"autoload -U compinit && compinit -u && source {scripts['zsh']} && whence -w _shtab_ctotui"
    done = subprocess.run(["zsh", "-f", "-c", load], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "function" in done.stdout, done.stderr


def test_a_normal_command_imports_no_completion_code(tmp_path):
    probe = (
        "import sys\n"
        "from ctotui.cli import main\n"
        "code = main(['--db', sys.argv[1], 'list'])\n"
        "loaded = sorted({'shtab', 'argcomplete', 'ctotui.cli.completion'} & set(sys.modules))\n"
        "print(code, loaded)\n"
    )
    open_db(tmp_path / "x.db").close()  # list reads a database that is there
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "x.db")], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "0 []", done.stderr


def test_values_offered_to_completion_are_still_checked_by_ctotui(run_cli):
    """The fixed values complete, but the core still reads aliases and says what is valid."""
    assert run_cli("rate", "comms", "3", check_rc=0).returncode == 0  # an alias, not one of the offered slugs
    out = run_cli("add", "Shipped", "--category", "bogus", check_rc=2)
    assert "unknown category 'bogus'" in out.stderr and "invalid choice" not in out.stderr
