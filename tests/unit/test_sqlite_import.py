"""sqlite_utils imported with its slow pattern compiled on first use: still right, re untouched."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import re, sys
real = re.compile
from ctotui.core.db import open_db
assert "sqlite_utils" not in sys.modules
db = open_db(sys.argv[1])  # imports sqlite_utils
import sqlite_utils.db as su
assert re.compile is real, "re.compile must be itself again after the import"
pattern = su._virtual_table_using_re
assert type(pattern).__name__ == "CompiledOnFirstUse", type(pattern)
assert db["achievements_fts"].virtual_table_using == "FTS5"  # the pattern, used
assert db["achievements"].virtual_table_using is None
assert pattern._compiled is not None and pattern.flags & re.IGNORECASE
# names outside ASCII still read, as with the pattern compiled at import
assert pattern.match('CREATE VIRTUAL TABLE "été" USING fts5(x)').group("dquoted_table") == "été"
assert pattern.match("create virtual table Ärger using FTS4(x)").group("using") == "FTS4"
print("ok")
"""


def test_sqlite_utils_reads_virtual_tables_with_the_deferred_pattern(tmp_path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK, str(tmp_path / "x.db")], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_other_patterns_compile_as_usual_meanwhile() -> None:
    from ctotui.core.sqlite_import import CompiledOnFirstUse

    lazy = CompiledOnFirstUse(r"[a-z_\u0080-\uffff]+", 2)
    assert lazy.fullmatch("Ärger_x") is not None
    assert lazy.pattern == r"[a-z_\u0080-\uffff]+"
