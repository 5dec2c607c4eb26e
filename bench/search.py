"""Search as you type at scale: the core call and the journal screen's update.

    .venv/bin/python bench/search.py                     # builds /tmp/ctotui-bench-100k.db once
    .venv/bin/python bench/search.py --db PATH --rows N --runs 20

For a common word (in every entry) and a rare one (in a handful), it types
the word a letter at a time, as a person would, and times each keystroke:

- core:   page_achievements (first page) + count_achievements, as the screen calls them;
- screen: what one keystroke costs the journal screen, headless: its handler (the page
          query, the list reset, the status line; the count follows when typing rests)
          and drawing every visible line of the list afresh;

and prints p50 / p95 / max per word against the 25 ms goal. It also times
opening the journal (press j until the screen has its first page). A number
here is a measurement, never a test: nothing fails if it is slow.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ctotui.core.db import open_db  # noqa: E402
from ctotui.core.demo import build as demo  # noqa: E402
from ctotui.core.journal.entries import JournalFilter, count_achievements, page_achievements  # noqa: E402
from ctotui.core.journal.search import settled  # noqa: E402

GOAL_MS = 25.0


def build(path: Path, rows: int) -> None:
    if path.exists():
        return
    print(f"building {path} with {rows:,} achievements ...", flush=True)
    started = time.perf_counter()
    db = open_db(path)
    demo.fill(db, achievements=rows)
    db.close()
    print(f"  built in {time.perf_counter() - started:.1f} s", flush=True)


def pick_words(db) -> tuple[str, str]:
    """A word in every demo entry, and the rarest colleague's surname among a sample."""
    counted = []
    for (body,) in db.execute("select body from achievements where body like '%Worked with %' limit 100"):
        word = body.split("Worked with ")[1].split()[1].lower()
        counted.append((count_achievements(db, JournalFilter(text=f'"{word}"')), word))
    return "context", min(counted)[1] if counted else "zzzz"


def prefixes(word: str) -> list[str]:
    return [word[:i] for i in range(1, len(word) + 1)]


def stats(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    verdict = "ok" if p95 <= GOAL_MS else "OVER"
    return f"p50 {statistics.median(ms):6.2f} ms  p95 {p95:6.2f} ms  max {ms[-1]:6.2f} ms  ({len(ms)} keys, {verdict})"


def bench_core(db, word: str, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        for typed in prefixes(word):
            started = time.perf_counter()
            filters = JournalFilter().with_text(settled(typed), typing=True)  # the last word as a prefix
            page_achievements(db, filters=filters)
            count_achievements(db, filters)
            samples.append(time.perf_counter() - started)
    return samples


async def bench_screen(path: Path, words: list[str], runs: int) -> tuple[float, dict[str, list[float]], list[float]]:
    """(time to open the journal, per word: the update of each keystroke, pilot round trips)."""
    from ctotui.ui.app import CtoApp
    from ctotui.ui.journal.achievement_list import AchievementList
    from ctotui.ui.journal.screen import JournalScreen

    app = CtoApp(db_path=path)
    updates: dict[str, list[float]] = {w: [] for w in words}
    trips: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        started = time.perf_counter()
        await pilot.press("j")
        while not (isinstance(app.screen, JournalScreen) and app.screen.query_one(AchievementList).items):
            await pilot.pause()
        opened = time.perf_counter() - started
        screen = app.screen
        listing = screen.query_one(AchievementList)
        await pilot.press("slash")
        for word in words:
            for _ in range(runs):
                for typed in prefixes(word):
                    # What one keystroke costs the screen: the handler (page + list reset + status)
                    # and drawing every visible line of the list afresh.
                    started = time.perf_counter()
                    screen.apply(screen.filters.with_text(settled(typed), typing=True), typing=True)
                    for y in range(listing.size.height):
                        listing.render_line(y)
                    updates[word].append(time.perf_counter() - started)
                await pilot.pause()
        screen.apply(screen.filters.with_text(None))
        for ch in words[0][:4]:  # the same keys through Textual and Pilot, for context
            started = time.perf_counter()
            await pilot.press(ch)
            trips.append(time.perf_counter() - started)
    return opened, updates, trips


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/ctotui-bench-100k.db"))
    parser.add_argument("--rows", type=int, default=100_000, help="achievements to build if --db does not exist")
    parser.add_argument("--runs", type=int, default=20, help="times each word is typed")
    args = parser.parse_args()
    os.environ.setdefault("CTOTUI_NOW", "2026-11-26T10:00:00+00:00")
    build(args.db, args.rows)
    db = open_db(args.db)
    common, rare = pick_words(db)
    total = count_achievements(db)
    print(f"database: {args.db} ({total:,} achievements)")
    for word in (common, rare):
        print(f"  '{word}' is in {count_achievements(db, JournalFilter(text=word)):,} entries")
    for word in (common, rare):
        bench_core(db, word, 2)  # warm the page cache
        print(f"core   {word:>12}: {stats(bench_core(db, word, args.runs))}")
    db.close()
    opened, screen, trips = asyncio.run(bench_screen(args.db, [common, rare], args.runs))
    for word, samples in screen.items():
        print(f"screen {word:>12}: {stats(samples)}")
    print(f"opening the journal (j until the first page is shown, Pilot): {opened * 1000:.0f} ms")
    print(f"a key through Textual + Pilot (includes Pilot's own waits): p50 {statistics.median(trips) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
