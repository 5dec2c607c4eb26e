"""TOML content into frozen dataclasses: every key and type checked, faults naming the key.

``convert`` builds an instance of a dataclass from parsed TOML: unknown keys, missing keys and
wrong types fail with a PlaybookError that names the key at fault (``playbook.interview[0].name``).
A list must not be empty unless its field carries ``MAY_BE_EMPTY`` metadata (its count is then
checked by the caller). ``merge`` joins content/interview.toml's data into content/playbook.toml's
(core/playbook.py converts and checks the result).
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from typing import Any, get_args, get_origin, get_type_hints

from ctotui.core.errors import CtoError
from ctotui.core.plural import noun

MAY_BE_EMPTY = {"may_be_empty": True}  # field metadata: an empty TOML list is allowed (counts checked in validate)


class PlaybookError(CtoError):
    """The content file is broken; the message names the key at fault."""


def read_toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlaybookError(f"{source}: not valid TOML ({exc})") from None


@functools.cache
def _shape(tp: type) -> tuple[dict[str, Any], dict[str, dataclasses.Field[Any]]]:
    """A content dataclass's field types and its fields by TOML key (``with_`` is "with"), worked
    out once per class: resolving the annotations was most of the playbook's load time."""
    return get_type_hints(tp), {f.name.rstrip("_"): f for f in dataclasses.fields(tp)}


def convert(tp: Any, value: Any, where: str, *, may_be_empty: bool = False) -> Any:
    """Turn parsed TOML into an instance of ``tp``, checking every key and type."""
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise PlaybookError(f"{where}: expected a table, got {type(value).__name__}")
        hints, fields = _shape(tp)
        unknown = sorted(set(value) - set(fields))
        if unknown:
            raise PlaybookError(f"{where}: unknown {noun(len(unknown), 'key')} {', '.join(unknown)}")
        kwargs = {}
        for name, f in fields.items():
            if name in value:
                empty_ok = bool(f.metadata.get("may_be_empty"))
                kwargs[f.name] = convert(hints[f.name], value[name], f"{where}.{name}", may_be_empty=empty_ok)
            elif f.default is dataclasses.MISSING:
                raise PlaybookError(f"{where}.{name}: missing")
        return tp(**kwargs)
    origin = get_origin(tp)
    if origin is tuple:
        inner = get_args(tp)[0]
        if not isinstance(value, list):
            raise PlaybookError(f"{where}: expected a list, got {type(value).__name__}")
        if not value and not may_be_empty:
            raise PlaybookError(f"{where}: must not be empty")
        return tuple(convert(inner, v, f"{where}[{i}]") for i, v in enumerate(value))
    if tp is str:
        if not isinstance(value, str) or not value.strip():
            raise PlaybookError(f"{where}: expected non-empty text")
        return value.strip()
    if tp is bool:
        if not isinstance(value, bool):
            raise PlaybookError(f"{where}: expected true or false")
        return value
    if tp is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise PlaybookError(f"{where}: expected a whole number")
        return value
    raise PlaybookError(f"{where}: unsupported type {tp!r}")  # pragma: no cover


INTERVIEW_KEYS = ("scenarios", "shared_criteria")  # top-level tables interview.toml adds to the playbook


def merge(data: dict[str, Any], interview: dict[str, Any], source: str = "interview.toml") -> dict[str, Any]:
    """The playbook's data with interview.toml's joined in (a new dict; neither argument changes).

    interview.toml's ``[[interview]]`` tables name a playbook category by ``slug`` and add keys to it
    (``criteria``, ``questions``); its ``scenarios`` and ``shared_criteria`` become the playbook's. A key
    both files set, or a slug the playbook lacks, is an error naming it.
    """
    merged = dict(data)
    categories = data.get("interview", [])
    if not isinstance(categories, list) or not all(isinstance(c, dict) for c in categories):
        return merged  # the conversion names the fault
    by_slug = {c.get("slug"): dict(c) for c in categories}
    for key, value in interview.items():
        if key in INTERVIEW_KEYS:
            if key in data:
                raise PlaybookError(f"{source}: {key} is also set in the playbook")
            merged[key] = value
        elif key != "interview":
            raise PlaybookError(f"{source}: unknown key {key}")
    tables = interview.get("interview", [])
    if not isinstance(tables, list):
        raise PlaybookError(f"{source}: interview: expected a list, got {type(tables).__name__}")
    for i, table in enumerate(tables):
        where = f"{source}: interview[{i}]"
        if not isinstance(table, dict):
            raise PlaybookError(f"{where}: expected a table, got {type(table).__name__}")
        slug = table.get("slug")
        if slug not in by_slug:
            raise PlaybookError(f"{where}.slug: {slug!r} is not an interview category of the playbook")
        for key, value in table.items():
            if key == "slug":
                continue
            if key in by_slug[slug]:
                raise PlaybookError(f"{where}.{key}: also set in the playbook")
            by_slug[slug][key] = value
    merged["interview"] = list(by_slug.values())
    return merged


def _toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlaybookError(f"{source}: not valid TOML ({exc})") from None
