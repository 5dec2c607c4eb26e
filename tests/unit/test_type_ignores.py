"""Every ``type: ignore`` left in the package names the error it silences and says
why, on its own line (mypy runs on ctotui/ in CI with zero errors; an ignore is
the exception, and the next reader needs its reason)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IGNORE = re.compile(r"#\s*type:\s*ignore(?P<codes>\[[^\]]*\])?(?P<rest>.*)$")
REASON = re.compile(r"\s+#\s*\S")


def ignores_without_reason(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = IGNORE.search(line)
            if m and not (m["codes"] and REASON.match(m["rest"])):
                found.append(f"{path.relative_to(folder)}:{number}")
    return found


def test_every_type_ignore_names_its_error_and_says_why() -> None:
    assert ignores_without_reason(ROOT / "ctotui") == []


def test_the_scan_finds_a_bare_ignore_and_one_without_a_reason(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(
        "a = 1  # type: ignore\n"
        "b = 2  # type: ignore[assignment]\n"
        "c = 3  # type: ignore[assignment]  # the reason\n"
        "d = 4  # an ordinary comment\n"
    )
    assert ignores_without_reason(tmp_path) == ["m.py:1", "m.py:2"]
