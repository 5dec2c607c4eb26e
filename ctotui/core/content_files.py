"""The shipped content files, read: content/playbook.toml and content/interview.toml, merged.

``shipped_data`` gives both files' data as one dict (core/playbook.py converts and checks it).
It reads content/parsed.json when that was written from these very files (its ``source`` is
the SHA-256 of their text): JSON loads in ~0.3 ms where the TOML took ~8 ms of the playbook's
~15 ms load, paid by every start of the app and most commands (docs/performance.md). A TOML
file changed since (a checkout being edited) is parsed as before; a unit test fails until
``python -m ctotui.core.content_files`` writes the JSON again.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from ctotui.core.content_toml import merge, read_toml

PARSED = "parsed.json"  # the shipped TOML files' merged data, as JSON (``write_parsed``)


def content_texts(content: Traversable) -> tuple[str, str]:
    """The text of playbook.toml and interview.toml in ``content``."""
    return (
        content.joinpath("playbook.toml").read_text(encoding="utf-8"),
        content.joinpath("interview.toml").read_text(encoding="utf-8"),
    )


def source_digest(texts: tuple[str, str]) -> str:
    """What parsed.json records as its ``source``: the SHA-256 of the two files' text."""
    return hashlib.sha256("\0".join(texts).encode()).hexdigest()


def _parse_texts(texts: tuple[str, str]) -> dict[str, Any]:
    data = read_toml(texts[0], "ctotui/content/playbook.toml")
    return merge(data, read_toml(texts[1], "ctotui/content/interview.toml"), "ctotui/content/interview.toml")


def parse_shipped(content: Traversable | None = None) -> dict[str, Any]:
    """The content files' data, parsed from their TOML and merged (``content``: the folder
    holding them, by default the package's)."""
    return _parse_texts(content_texts(content or resources.files("ctotui.content")))


def shipped_data(content: Traversable | None = None) -> dict[str, Any]:
    """The shipped files' data, merged (what ``playbook.load`` converts; tests break copies of
    it): from parsed.json while it matches the TOML files, else from the TOML (see above)."""
    content = content or resources.files("ctotui.content")
    texts = content_texts(content)
    try:
        parsed = json.loads(content.joinpath(PARSED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        parsed = None
    if (
        isinstance(parsed, dict)
        and parsed.get("source") == source_digest(texts)
        and isinstance(parsed.get("data"), dict)
    ):
        return parsed["data"]
    return _parse_texts(texts)


def write_parsed(folder: Path) -> Path:
    """Write ``folder``/parsed.json from the TOML files beside it (see ``shipped_data``)."""
    texts = content_texts(folder)
    path = folder / PARSED
    body = {"source": source_digest(texts), "data": _parse_texts(texts)}
    path.write_text(json.dumps(body, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":  # after editing content/*.toml: `python -m ctotui.core.content_files`
    print(write_parsed(Path(__file__).resolve().parents[1] / "content"))
