"""A database on read-only media (a CD, a locked SD card, a file system mounted read-only).

The commands that only read work on it (export and backup are how a user gets the data off
it), whether the file is in WAL mode (as ctotui leaves it) or not (a `ctotui backup` copy);
the commands that write refuse in one line that names the folder. No byte is written to it.

Root writes any file whatever its mode, so a read-only file or folder (chmod) proves nothing
when the tests run as root. These tests mount a real read-only file system instead: a tmpfs in
a mount namespace of its own (``unshare --mount``, as an unprivileged user with
``--map-root-user``), which nobody else sees and which goes away with the process. Where no
such namespace can be made (no ``unshare``, user namespaces switched off) they are skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fs_helpers import without_root_powers

from ctotui.core.db import open_db
from ctotui.core.dbfile import backup

# The end of a script run inside the namespace: each command of spec["runs"] in this process
# (cli.main), and what each gave (exit code, stdout, stderr), printed as JSON.
RUN_EACH = r"""
results = []
for argv in spec["runs"]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    results.append([code, out.getvalue(), err.getvalue()])
print(json.dumps(results))
"""

# Run inside the namespace: mount a tmpfs, copy the files in, remount it read-only, run each command.
INSIDE = (
    r"""
import contextlib, io, json, shutil, subprocess, sys
from pathlib import Path
from ctotui import cli

spec = json.loads(sys.argv[1])
media = Path(spec["media"])
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(media)], check=True)
for name, source in spec["files"].items():
    (media / name).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, media / name)
subprocess.run(["mount", "-o", "remount,ro", str(media)], check=True)
"""
    + RUN_EACH
)


def _unshare() -> list[str]:
    command = ["unshare", "--mount"] + ([] if os.geteuid() == 0 else ["--map-root-user"])
    if shutil.which("unshare") is None:
        pytest.skip("no unshare here: a read-only file system cannot be mounted for the test")
    probe = subprocess.run([*command, "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"no mount namespace here ({probe.stderr.strip()}): cannot mount a read-only file system")
    return command


def on_read_only_media(media: Path, files: dict[str, Path], runs: list[list[str]]) -> list[tuple[int, str, str]]:
    """Copy ``files`` (name on the media: source) onto a file system mounted read-only at
    ``media`` and run each command there; (exit code, stdout, stderr) for each."""
    media.mkdir()
    spec = {"media": str(media), "files": {k: str(v) for k, v in files.items()}, "runs": runs}
    proc = subprocess.run(
        [*_unshare(), sys.executable, "-c", INSIDE, json.dumps(spec)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return [tuple(r) for r in json.loads(proc.stdout)]


READS = [
    ["list", "--all"],  # every entry: no "20 of 120 shown" on stderr
    ["show", "1"],
    ["search", "ledger"],
    ["check"],
    ["export", "--format", "md", "-o", "{out}/brag.md"],
    ["export", "--salvage", "-o", "{out}/salvage.json"],
    ["backup", "{out}/backups"],
    ["info"],
    ["review"],
    ["skills"],
    ["profile"],
    ["people"],
    ["next"],
    ["timeline"],
    ["drill"],
    ["drill", "--progress"],
    ["sync", "--status"],
    ["import", "{out}/rw.json", "--dry-run"],
]
WRITES = [["add", "Read only"], ["profile", "--years", "5"], ["next", "--snooze", "1"], ["import", "{out}/rw.json"]]


def _argv(db: Path, argv: list[str], out: Path) -> list[str]:
    return ["--db", str(db), *(a.replace("{out}", str(out)) for a in argv)]


@pytest.mark.parametrize("kind", ["wal", "backup copy"])
def test_reading_commands_work_on_read_only_media_and_writing_ones_refuse_in_one_line(
    kind, demo_db: Path, tmp_path: Path, run_cli
) -> None:
    source = demo_db
    if kind == "backup copy":  # made by `ctotui backup`: not in WAL mode
        db = open_db(demo_db)
        source = backup(db, tmp_path / "copies")
        db.close()
    with sqlite3.connect(source) as conn:
        mode = conn.execute("pragma journal_mode").fetchone()[0]
    assert mode == ("wal" if kind == "wal" else "delete")
    out = tmp_path / "out"
    out.mkdir()
    run_cli("--db", str(demo_db), "export", "-o", str(out / "rw.json"), check_rc=0)  # the same data, writable
    media = tmp_path / "media"
    db_there = media / "ctotui.db"
    runs = [["export", "-o", "{out}/ro.json"], *READS, *WRITES]
    results = on_read_only_media(media, {"ctotui.db": source}, [_argv(db_there, a, out) for a in runs])

    for argv, (code, stdout, err) in zip(runs[: 1 + len(READS)], results, strict=False):
        assert code == 0 and err == "", (argv, code, err)
        assert stdout.strip(), argv
    assert (out / "ro.json").read_bytes() == (out / "rw.json").read_bytes()  # the same data, every row
    assert (out / "brag.md").stat().st_size > 0
    copies = list((out / "backups").glob("*.db"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as conn:
        assert conn.execute("select count(*) from achievements").fetchone() == (120,)
    for argv, (code, _stdout, err) in zip(WRITES, results[1 + len(READS) :], strict=True):
        assert code == 2, (argv, code, err)
        assert err == f"ctotui: {db_there}: the folder {media} is read-only: nothing can be saved\n", (argv, err)


def test_a_wal_with_changes_is_read_with_its_shm_and_refused_without_it(demo_db: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(demo_db)  # stays open: its change stays in the -wal, not folded into the file
    conn.execute("pragma wal_autocheckpoint = 0")
    conn.execute("update achievements set title = 'Changed in the WAL' where id = 1")
    conn.commit()
    wal, shm = Path(f"{demo_db}-wal"), Path(f"{demo_db}-shm")
    assert wal.stat().st_size > 0
    files = {
        "both/ctotui.db": demo_db,
        "both/ctotui.db-wal": wal,
        "both/ctotui.db-shm": shm,
        "alone/ctotui.db": demo_db,
        "alone/ctotui.db-wal": wal,
    }
    try:
        media = tmp_path / "media"
        both, alone = media / "both" / "ctotui.db", media / "alone" / "ctotui.db"
        results = on_read_only_media(
            media, files, [["--db", str(both), "show", "1"], ["--db", str(alone), "show", "1"]]
        )
    finally:
        conn.close()
    code, stdout, err = results[0]
    assert code == 0 and "Changed in the WAL" in stdout, (code, err)  # the latest change is read, not skipped
    code, stdout, err = results[1]
    assert code == 2 and stdout == ""
    assert err == (
        f"ctotui: {alone}: its latest changes are in ctotui.db-wal, which cannot be read on read-only media "
        "without ctotui.db-shm; copy the database and ctotui.db-wal to a writable folder and open the copy\n"
    )


def test_a_file_that_needs_its_schema_updated_is_refused_on_read_only_media(demo_db: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(demo_db)  # as an older ctotui left it: its last step not applied
    with conn:
        conn.execute("delete from _sqlite_migrations where name = 'm015_indexes'")
    conn.close()  # the last connection: the change is folded into the file, which is what is copied
    media = tmp_path / "media"
    db_there = media / "ctotui.db"
    results = on_read_only_media(
        media, {"ctotui.db": demo_db}, [["--db", str(db_there), "list"], ["--db", str(db_there), "info"]]
    )
    for code, stdout, err in results:
        assert code == 2 and stdout == ""
        assert err == (
            f"ctotui: {db_there}: needs updating to this version's schema before it can be read, but the folder "
            f"{media} is read-only: nothing can be saved; copy it to a writable folder and open the copy\n"
        )


def test_reading_commands_work_in_a_folder_this_user_may_not_write(demo_db: Path, tmp_path: Path, run_cli) -> None:
    """On a writable file system, a folder made read-only (chmod 555, or another user's) refused every
    command that only reads: "the database file is read-only" (SQLite could not make the -shm)."""
    folder = tmp_path / "shared"
    folder.mkdir()
    db = folder / "ctotui.db"
    shutil.copyfile(demo_db, db)
    out = tmp_path / "out"
    out.mkdir(mode=0o777)
    os.chmod(out, 0o777)
    reads = [["list", "--all"], ["show", "1"], ["search", "ledger"], ["info"], ["people"], ["timeline"], ["review"]]
    reads.append(["export", "--format", "md", "-o", str(out / "brag.md")])
    os.chmod(db, 0o444)
    os.chmod(folder, 0o555)
    try:
        prefix = without_root_powers(folder)
        for argv in reads:
            proc = subprocess.run(
                [*prefix, sys.executable, "-m", "ctotui", "--db", str(db), *argv], capture_output=True, text=True
            )
            assert proc.returncode == 0 and proc.stderr == "" and proc.stdout.strip(), (argv, proc)
        proc = subprocess.run(
            [*prefix, sys.executable, "-m", "ctotui", "--db", str(db), "add", "Read only"],
            capture_output=True,
            text=True,
        )
        assert (
            proc.returncode == 2
            and proc.stderr == f"ctotui: {db}: the folder {folder} is read-only: nothing can be saved\n"
        )
        assert sorted(p.name for p in folder.iterdir()) == ["ctotui.db"]  # no -wal or -shm made beside it
        assert (out / "brag.md").stat().st_size > 0
    finally:
        os.chmod(folder, 0o755)


# Inside the namespace: a tmpfs just larger than the database, the database copied in, the rest of
# the room filled, then each command run in this process, as INSIDE does.
INSIDE_FULL = (
    r"""
import contextlib, io, json, os, shutil, subprocess, sys
from pathlib import Path
from ctotui import cli

spec = json.loads(sys.argv[1])
disk = Path(spec["disk"])
size_kib = os.path.getsize(spec["db"]) // 1024 + 512
subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(disk)], check=True)
shutil.copyfile(spec["db"], disk / "ctotui.db")
subprocess.run(["dd", "if=/dev/zero", f"of={disk / 'filler'}", "bs=4k"], capture_output=True)
"""
    + RUN_EACH
)


def test_on_a_full_disk_the_data_can_still_be_read_and_exported(demo_db: Path, tmp_path: Path, run_cli) -> None:
    """With its disk full, every command that only reads failed ("cannot open the database: the disk
    is full"), export and `export --salvage` to another disk included: no way to get the data out."""
    out = tmp_path / "out"
    out.mkdir()
    run_cli("--db", str(demo_db), "export", "-o", str(out / "rw.json"), check_rc=0)
    disk = tmp_path / "disk"
    disk.mkdir()
    db = disk / "ctotui.db"
    runs = [
        ["--db", str(db), "list", "--all"],
        ["--db", str(db), "export", "-o", str(out / "full.json")],
        ["--db", str(db), "export", "--salvage", "-o", str(out / "salvage.json")],
        ["--db", str(db), "add", "No room"],
    ]
    spec = {"disk": str(disk), "db": str(demo_db), "runs": runs}
    proc = subprocess.run(
        [*_unshare(), sys.executable, "-c", INSIDE_FULL, json.dumps(spec)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    for argv, (code, stdout, err) in zip(runs[:3], results, strict=False):
        assert code == 0 and err == "" and stdout.strip(), (argv, code, err)
    assert (out / "full.json").read_bytes() == (out / "rw.json").read_bytes()  # every row
    assert (out / "salvage.json").stat().st_size > 0
    code, _stdout, err = results[3]  # a write still fails, in one line
    assert code == 2 and "the disk is full" in err and err.count("\n") == 1, err
