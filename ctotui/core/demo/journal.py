"""Demo achievements: varied, realistic, fast (100,000 in seconds).

Titles and bodies are built from templates, a few hundred service, team,
customer and project names, and numbers that make sense for their metric;
dates spread over about three years, denser lately and mostly on weekdays.
Rows go in with executemany inside the demo's one transaction. For a large
batch the FTS insert triggers (of entries and of tags) are set aside and the
index rebuilt once at the end (three times faster than a trigger per row);
both happen inside that transaction, so a failure leaves the schema and the
index as they were.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from ctotui.core.journal.metrics import Metric, change_pct

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ctotui.core.demo.build import DemoContext

SERVICES = (
    "checkout",
    "billing",
    "search",
    "auth",
    "notifications",
    "payments",
    "ledger",
    "inventory",
    "pricing",
    "recommendations",
    "onboarding",
    "reporting",
    "ingestion",
    "exports",
    "webhooks",
    "scheduler",
    "catalog",
    "messaging",
    "analytics",
    "identity",
    "feature-flag",
    "media",
    "gateway",
    "fraud-scoring",
    "invoicing",
)
TEAMS = (
    "platform",
    "mobile",
    "data",
    "growth",
    "payments",
    "support",
    "sales engineering",
    "security",
    "infra",
    "web",
    "design systems",
    "SRE",
    "ML",
    "QA",
    "partner integrations",
)
TECH = (
    "Postgres",
    "Kafka",
    "Redis",
    "Kubernetes",
    "Terraform",
    "GraphQL",
    "gRPC",
    "Rust",
    "Go",
    "React",
    "ClickHouse",
    "Elasticsearch",
    "S3",
    "CloudFront",
    "Airflow",
    "dbt",
    "OpenTelemetry",
    "Envoy",
    "SQLite",
    "RabbitMQ",
    "DynamoDB",
    "Snowflake",
    "Argo CD",
    "Bazel",
    "Playwright",
)
_FIRST = (
    "North",
    "Blue",
    "Iron",
    "Silver",
    "Bright",
    "Cedar",
    "Harbor",
    "Summit",
    "Pioneer",
    "Lumen",
    "Granite",
    "Maple",
    "Orbit",
    "Vertex",
    "Coral",
    "Falcon",
    "Meridian",
    "Atlas",
    "Juniper",
    "Quartz",
)
_SECOND = ("wind", "stone", "field", "bridge", "point", "works", "line", "gate", "leaf", "peak", "wave", "forge")
_KIND = ("Health", "Logistics", "Bank", "Retail", "Labs", "Insurance", "Foods", "Energy", "Media", "Travel")
_GIVEN = (
    "Priya",
    "Tom",
    "Ana",
    "Kenji",
    "Lea",
    "Omar",
    "Sofia",
    "Ben",
    "Mei",
    "Jonas",
    "Ines",
    "Raj",
    "Eva",
    "Luca",
    "Nadia",
    "Sam",
    "Yuki",
    "Tariq",
    "Olga",
    "Marco",
)
_SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ra",
    "zen",
    "tor",
    "vy",
    "qua",
    "del",
    "nix",
    "bo",
    "shi",
    "pra",
    "gul",
    "fen",
    "ost",
    "ur",
    "ya",
    "cre",
    "dun",
)
TAGS = (
    "perf",
    "cost",
    "reliability",
    "incident",
    "hiring",
    "mentoring",
    "migration",
    "security",
    "observability",
    "ci",
    "dx",
    "on-call",
    "architecture",
    "roadmap",
    "customer",
    "launch",
    "compliance",
    "data",
    "process",
    "documentation",
    "api",
    "mobile",
    "oncall-load",
    "tech-debt",
    "interviewing",
    "planning",
    "quarterly-goal",
)
CATEGORY_SKILLS = {
    "scale": ("technical-depth", "systems-thinking", "technical-depth", "leadership"),
    "savings": ("technical-depth", "business", "systems-thinking", "product-thinking"),
    "unblocking": ("leadership", "communication", "systems-thinking", "leadership"),
    "customers": ("product-thinking", "communication", "business", "technical-depth"),
    None: ("communication", "leadership", "product-thinking", "technical-depth"),
}
TITLES = {
    "scale": (
        "Scaled {svc} to take {f}x the launch-day peak",
        "Sharded the {tech} cluster behind {svc}: p95 {ml}",
        "Rebuilt the {svc} pipeline on {tech}, batch time {mt}",
        "Moved {svc} to {tech} in {n} weeks with no downtime",
        "Led the {code} re-architecture of {svc} across {n} teams",
        "Cut {svc} p95 latency {ml}",
    ),
    "savings": (
        "Cut deploy time for {svc} {mt}",
        "Reduced the {tech} bill for {svc} by {p}%",
        "Saved ${k}k a year by retiring the old {svc} stack",
        "Brought {svc} incidents {mc}",
        "Automated {svc} releases, build time {mt}",
        "Removed flaky tests in {svc}: failures {mc}",
        "Cleaned up idle {tech} resources, saving ${km}k a month",
    ),
    "unblocking": (
        "Unblocked {n} teams by shipping a shared {svc} client",
        "Introduced design reviews for {team}; review wait {md}",
        "Onboarding for new {team} engineers {md}",
        "Mentored {n} engineers on the {team} team into on-call",
        "Wrote the {code} RFC and got {n} teams aligned",
        "Set up a test environment for {team}: QA wait {md}",
        "Ran the {team} hiring loop, {n} engineers hired",
    ),
    "customers": (
        "Helped close {cust} (${k}k ARR) with a {svc} integration",
        "Kept {cust} (${k}k ARR) after the {svc} outage with a clear recovery plan",
        "Shipped single sign-on for {cust} in {n} weeks",
        "Joined {cust}'s security review; churn risk down {p}%",
        "Built the {svc} export {cust} asked for, support tickets {mc}",
        "Walked {n} directors at {cust} through the {code} roadmap",
    ),
    None: (
        "Gave a talk on {tech} to {n}0 engineers at the {team} guild",
        "Wrote the postmortem for the {svc} incident",
        "Paired with {team} on the {code} prototype",
        "Documented how {svc} talks to {tech}",
    ),
}
CONTEXTS = (
    "The {svc} service had grown past what its first design could carry.",
    "{team} kept waiting on us before every release of {svc}.",
    "Leadership asked why {svc} costs kept rising every quarter.",
    "{cust} had escalated twice about {svc} in one month.",
    "Nobody owned the {tech} setup after the last reorg.",
    "Project {code} stalled for weeks on an unclear decision.",
)
ACTIONS = (
    "Profiled the hot paths and moved the heaviest queries to {tech}",
    "Wrote a one-page proposal with two options and their costs",
    "Paired with {team} to agree on the interface first",
    "Added dashboards and alerts before touching anything",
    "Rolled out behind a feature flag, 5% of traffic at a time",
    "Explained the trade-offs to product in plain words",
    "Deleted more code than I added",
    "Set up a weekly check-in until the {code} work was done",
    "Asked {cust} what they actually needed before building",
    "Load-tested at ten times the current peak",
)
LESSONS = (
    "Next time I would involve {team} a week earlier.",
    "Writing the decision down saved us two meetings.",
    "Measuring first made the argument for me.",
    "The boring solution was the right one.",
    "",
)


def _names(rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    customers = sorted({f"{rng.choice(_FIRST)}{rng.choice(_SECOND)} {rng.choice(_KIND)}" for _ in range(300)})
    codes = sorted({"".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(600)})
    # Thousands of colleagues' surnames: the rare words of a real journal.
    people = sorted(
        {f"{rng.choice(_GIVEN)} {''.join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()}" for _ in range(6000)}
    )
    return customers, codes, people


def _metric(rng: random.Random, kind: str) -> tuple[str, Metric]:
    """A metric phrase and the metric the parser reads in it."""
    if kind == "time":
        a = rng.randint(12, 120)
        b = max(1, round(a * rng.uniform(0.08, 0.6)))
        phrase = rng.choice(("from {a} minutes to {b} minutes", "{a} → {b} min", "{a}->{b}min", "from {a} to {b} min"))
        return phrase.format(a=a, b=b), Metric(a, b, "min", change_pct(a, b))
    if kind == "latency":
        a = rng.randint(4, 30) * 100
        b = max(20, round(a * rng.uniform(0.1, 0.6) / 10) * 10)
        return f"from {a / 1000:g}s to {b}ms", Metric(a, b, "ms", change_pct(a, b))
    if kind == "count":
        a = rng.randint(6, 40)
        b = rng.randint(0, a // 3)
        return f"from {a} a month to {b}", Metric(a, b, None, change_pct(a, b))
    if kind == "days":
        a = rng.randint(5, 30)
        b = max(2, a // rng.randint(2, 6))
        return f"from {a} days to {b} days", Metric(a, b, "d", change_pct(a, b))
    raise ValueError(kind)


_KINDS = {"{mt}": "time", "{ml}": "latency", "{mc}": "count", "{md}": "days"}


def _template_metric(template: str, p: int, k: int, km: int, f: int, n: int) -> Metric | None:
    """The metric the parser reads in a title made from ``template`` (tests/unit/test_metrics_demo.py checks)."""
    if "{p}%" in template:
        return Metric(None, None, "%", -float(p) if "down" in template or "Reduced" in template else float(p))
    if "${km}k" in template:
        return Metric(None, km * 1000.0, "$", None, period="mo")
    if "${k}k" in template:
        period = "yr" if "a year" in template else None
        return Metric(None, k * 1000.0, "$ ARR" if "ARR" in template else "$", None, period=period)
    if "{f}x" in template:
        return Metric(None, float(f), "x", (f - 1) * 100.0)
    if "{n} weeks" in template:
        return Metric(None, float(n), "wk", kind="duration")
    for noun in ("teams aligned", "teams", "engineers hired", "engineers", "directors"):
        if "{n} " + noun in template:
            return Metric(None, float(n), noun, kind="count")
    if "{n}0 engineers" in template:
        return Metric(None, n * 10.0, "engineers", kind="count")
    return None


def _one(rng: random.Random, category: str | None, customers: list[str], codes: list[str], people: list[str]):
    template = rng.choice(TITLES[category])
    slot = next((key for key in _KINDS if key in template), None)
    phrase, metric = _metric(rng, _KINDS[slot]) if slot else ("", None)
    p, k, f, n = rng.randint(10, 60), rng.choice((18, 40, 75, 120, 250, 480)), rng.randint(2, 12), rng.randint(2, 8)
    km = max(2, k // 40)  # a monthly saving, from k: no extra draw, so the rest of the demo stays as it was
    slots = {
        "svc": rng.choice(SERVICES),
        "team": rng.choice(TEAMS),
        "team2": rng.choice(TEAMS),
        "tech": rng.choice(TECH),
        "cust": rng.choice(customers),
        "code": rng.choice(codes),
        "mt": phrase,
        "ml": phrase,
        "mc": phrase,
        "md": phrase,
        "p": p,
        "k": k,
        "f": f,
        "n": n,
        "km": km,
    }
    title = template.format(**slots)
    if slot is None:
        metric = _template_metric(template, p, k, km, f, n)
    actions = rng.sample(ACTIONS, rng.randint(2, 4))
    context = rng.choice(CONTEXTS).format(**slots)
    body = "**Context:** " + context[0].upper() + context[1:] + "\n\n**What I did:**\n\n"
    body += "".join(f"- {a.format(**slots)}\n" for a in actions)
    if phrase:
        body += f"\n**Result:** {phrase}."
    if rng.random() < 0.3:
        body += f"\n\nWorked with {rng.choice(people)} from {slots['team2']}."
    lesson = rng.choice(LESSONS).format(**slots)
    if lesson:
        body += f"\n\n*Lesson:* {lesson}"
    skills = sorted(set(rng.sample(CATEGORY_SKILLS[category], rng.randint(1, 3))))
    tags = sorted(set(rng.sample(TAGS, rng.randint(0, 3))) | ({str(slots["svc"])} if rng.random() < 0.3 else set()))
    return title, body, metric, skills, tags


def _dates(rng: random.Random, count: int, today: date) -> list[date]:
    days = []
    for i in range(count):
        if i < min(3, count):  # a few this week, so the dashboard has something to say
            back = rng.randint(0, today.weekday())
        else:
            back = int(rng.random() ** 1.4 * 1095)
        day = today - timedelta(days=back)
        if day.weekday() >= 5 and rng.random() < 0.8:
            day -= timedelta(days=day.weekday() - 4)  # most work happens on weekdays
        days.append(day)
    return sorted(days)


BULK = 2000  # from this many rows on, rebuild the index once instead of a trigger per row


@contextmanager
def _bulk_indexing(db: Database, count: int) -> Iterator[None]:
    if count < BULK:
        yield
        return
    triggers = ("achievements_fts_insert", "achievement_tags_fts_insert")  # what indexes a new entry and its tags
    saved = [
        db.execute("select sql from sqlite_master where type = 'trigger' and name = ?", [name]).fetchone()[0]
        for name in triggers
    ]
    (cache,) = db.execute("pragma cache_size").fetchone()
    db.execute("pragma cache_size = -131072")  # 128 MiB while the index is built
    try:
        with db.atomic():
            for name in triggers:
                db.execute(f"drop trigger {name}")
            yield
            db.execute("insert into achievements_fts (achievements_fts) values ('rebuild')")
            for sql in saved:
                db.execute(sql)
    finally:
        db.execute(f"pragma cache_size = {int(cache)}")


def fill_journal(db: Database, count: int, rng: random.Random, today: date) -> int:
    """Add ``count`` demo achievements; returns how many were added."""
    if count <= 0:
        return 0
    customers, codes, people = _names(rng)
    categories = ("scale", "savings", "unblocking", "customers", None)
    weights = (22, 30, 24, 16, 8)
    start = db.execute("select coalesce(max(id), 0) + 1 from achievements").fetchone()[0]
    rows, skill_rows, tag_rows = [], [], []
    for offset, day in enumerate(_dates(rng, count, today)):
        category = rng.choices(categories, weights)[0]
        title, body, m, skills, tags = _one(rng, category, customers, codes, people)
        metric = (
            [None] * 8 if m is None else [m.before, m.after, m.unit, m.change_pct, m.kind, m.period, m.label, "parsed"]
        )
        stamp = datetime.combine(day, time(rng.randint(8, 18), rng.randint(0, 59)), timezone.utc)
        stamp_text = stamp.isoformat(timespec="microseconds")
        new_id = start + offset
        iso = day.isoformat()
        rows.append((new_id, title, body, iso, category, *metric, stamp_text, stamp_text))
        skill_rows += [(new_id, s, iso) for s in skills]
        tag_rows += [(new_id, t, iso) for t in tags]
    with _bulk_indexing(db, count):
        _insert(db, rows, skill_rows, tag_rows)
    _demo_links(db, range(start, start + count))
    return count


def _demo_links(db: Database, ids: range) -> None:
    """Evidence links on every ninth entry (a pull request), a write-up on every eighteenth.

    Chosen by id, not by the random generator: the other areas' demo data stays as it was."""
    rows = [(i, 0, f"https://git.example.com/platform/pull/{1000 + 7 * i}") for i in ids if i % 9 == 0]
    rows += [(i, 1, f"https://docs.example.com/write-ups/{i}") for i in ids if i % 18 == 0]
    db.conn.executemany("insert into achievement_links (achievement_id, position, url) values (?, ?, ?)", rows)


def fill(db: Database, ctx: DemoContext) -> None:
    """The demo filler: ``ctx.achievements`` entries."""
    fill_journal(db, ctx.achievements, ctx.rng, ctx.today)


def _insert(db: Database, rows: list[tuple], skill_rows: list[tuple], tag_rows: list[tuple]) -> None:
    db.conn.executemany(
        "insert into achievements (id, title, body, occurred_on, category, metric_before, metric_after, metric_unit, "
        "metric_change_pct, metric_kind, metric_period, metric_label, metric_origin, created_at, updated_at) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    db.conn.executemany(
        "insert into achievement_skills (achievement_id, skill, occurred_on) values (?, ?, ?)", skill_rows
    )
    db.conn.executemany("insert into achievement_tags (achievement_id, tag, occurred_on) values (?, ?, ?)", tag_rows)
