"""The coach's rules for the path the user is on (the profile's path; content/playbook.toml's
``[[paths]]``). Each path's risks become rules that speak only on that path, and only when the
user's own data shows the risk; each reason names the data and the path. With no path set, one
gentle rule asks for it. core/coach/rules.py puts them in its priority order.

What each rule reads ("recent" is the skill stack's window: the last ``RECENT_DAYS`` days, today
included; the journal's mix is judged only from ``MIN_RECENT`` entries in it):

Early hire to CTO (``early-employee``)
- ``path-beyond-ic``: growing past senior individual work takes effort. Recent entries, at least
  half of them in technical depth, and none in leadership or business.
- ``path-outside-hire``: an outside VP or CTO may be hired above you, and founders make that call.
  No founder in People, or none spoken to in ``TALK_DAYS`` (or ever).
- ``path-no-promise``: nobody promises the title. No bar written down.

Founding engineer (``founding-engineer``)
- ``path-all-at-once``: hiring, fundraising and selling, all at once. Recent entries, none of
  them in one of ``DUTIES``' areas (leadership, business, the customers category); one item each.
- ``path-no-model``: maybe no healthy engineering team seen from inside. No mentor in People (the
  relation is someone who has done the job), or none spoken to in ``people.STALE_DAYS`` (or ever).

Corporate ladder (``corporate-ladder``)
- ``path-boxed-in``: seen as an engineering leader, not a business leader. Recent entries, none in
  business, product thinking or the customers category, and the company-number target
  (``COMPANY_NUMBER``) not met.
- ``path-mentors``: mentors are this path's strength. No mentor in People, or none spoken to in
  ``people.STALE_DAYS`` (or ever).
- ``path-criteria``: promotion criteria are spelled out on this path. No bar written down.

No path: ``choose-path`` opens the profile form (the timeline's P; ``ctotui profile --path``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ctotui.core.coach.found import Found, Rule
from ctotui.core.dates import short_day
from ctotui.core.journal import entries as journal
from ctotui.core.journal.query import JournalFilter
from ctotui.core.people import bar as bar_core
from ctotui.core.people import persons as people
from ctotui.core.plural import either, plural
from ctotui.core.skills import stack as skills
from ctotui.core.timeline import stages as tl
from ctotui.core.timeline.profile import load as load_profile

if TYPE_CHECKING:
    from sqlite_utils import Database

RECENT_DAYS = skills.EVIDENCE_DAYS  # 90: the window every "in the last 90 days" of the app uses
MIN_RECENT = 3  # entries in the window before their mix says anything about the work
TALK_DAYS = 56  # 8 weeks without a talk with a founder: long enough for a hire to be decided without you
COMPANY_NUMBER = "ex-company-metric"  # the stage target "answer for a company-level number"
BEYOND_IC = ("leadership", "business")  # leading people, and where technology meets the money


@dataclass(frozen=True)
class Duty:
    """One of the jobs a founding CTO learns at once, the evidence that shows it and where to start."""

    name: str  # the item: "hiring"
    shown_by: str  # what in the journal shows it, as the reason names it
    skill: str | None  # the skill area whose entries show it
    category: str | None  # or the achievement category
    opens: str  # the skill area whose practical steps start it
    text: str


DUTIES = (
    Duty("hiring", "leadership", "leadership", None, "leadership", "Get hands-on with hiring: join a loop, own a hire"),
    Duty("fundraising", "business", "business", None, "business", "Learn the money side investors will ask about"),
    Duty("selling", "customers", None, "customers", "product-thinking", "Help sell: join a customer call or a deal"),
)


# --- what the rules read ---------------------------------------------------------


def on_path(slug: str) -> Callable[[Rule], Rule]:
    """The rule speaks only when the profile's path is ``slug``."""

    def wrap(rule: Rule) -> Rule:
        def gated(db: Database, today: date) -> list[Found]:
            return rule(db, today) if load_profile(db).path == slug else []

        gated.__doc__ = rule.__doc__
        return gated

    return wrap


@dataclass(frozen=True)
class Recent:
    """The journal's last ``RECENT_DAYS`` days: its entries, per skill area and in the customers category."""

    since: date
    entries: int
    by_skill: dict[str, int]
    customers: int

    @property
    def judged(self) -> bool:
        return self.entries >= MIN_RECENT

    def shows(self, duty: Duty) -> bool:
        return (self.by_skill[duty.skill] if duty.skill else self.customers) > 0

    def words(self) -> str:
        return f"{plural(self.entries, 'entry', 'entries')} since {short_day(self.since)}"


def recent(db: Database, today: date) -> Recent:
    since = skills.window_start(today, RECENT_DAYS)
    counts = journal.evidence_counts(db, since=since, until=today)
    n = journal.count_achievements(db, JournalFilter(since=since, until=today))
    customers = journal.count_achievements(db, JournalFilter(category="customers", since=since, until=today))
    return Recent(since, n, counts, customers)


def _silent(person: people.Person, today: date, days: int) -> bool:
    return person.last_spoke is None or (today - person.last_spoke).days > days


def _closest(found: list[people.Person]) -> people.Person:
    """The one spoken to last (never spoken to: last of all)."""
    return max(found, key=lambda p: (p.last_spoke or date.min, -p.id))


def _since(person: people.Person) -> str:
    return f"since {short_day(person.last_spoke)}" if person.last_spoke else "yet"


def _mentor_gap(db: Database, today: date, path: str, none: Found, talk: str) -> list[Found]:
    """No mentor in People: ``none``; mentors, none spoken to in ``people.STALE_DAYS``: a talk with
    the one spoken to last (``talk`` is its text, ``{name}`` in it)."""
    mentors = people.list_people(db, relation="mentor")
    if not mentors:
        return [none]
    if not all(_silent(m, today, people.STALE_DAYS) for m in mentors):
        return []
    m = _closest(mentors)
    return [Found(talk.format(name=m.name), f"{path}: no talk with a mentor {_since(m)}", "people", f"person:{m.id}")]


def _no_bar(db: Database, text: str, reason: str) -> list[Found]:
    if bar_core.current(db) is not None:
        return []
    return [Found(text, reason, "people", "bar:ask")]


# --- early hire to CTO -----------------------------------------------------------


@on_path("early-employee")
def beyond_ic(db: Database, today: date) -> list[Found]:
    r = recent(db, today)
    technical = r.by_skill["technical-depth"]
    if not r.judged or any(r.by_skill[s] for s in BEYOND_IC) or 2 * technical < r.entries:
        return []
    return [
        Found(
            "Grow beyond senior engineering work: lead, hire or mentor",
            f"early-hire path: {technical} of your {r.words()} are technical, none leadership or business",
            "skills",
            "leadership",
        )
    ]


@on_path("early-employee")
def outside_hire(db: Database, today: date) -> list[Found]:
    founders = people.list_people(db, relation="founder")
    if not founders:
        return [
            Found(
                "Add your founders to People, and tell them what you aim for",
                "early-hire path: founders choose who leads engineering, and none is in your people",
                "people",
                "founder",
            )
        ]
    if not all(_silent(f, today, TALK_DAYS) for f in founders):
        return []
    f = _closest(founders)
    return [
        Found(
            f"Tell {f.name} what role you are growing into",
            f"early-hire path: no talk with a founder {_since(f)}; an outside VP may be hired above you",
            "people",
            f"person:{f.id}",
        )
    ]


@on_path("early-employee")
def no_promise(db: Database, today: date) -> list[Found]:
    return _no_bar(
        db,
        "Ask a founder what leading engineering would take; write it down as the bar",
        "early-hire path: nobody promises you the title, and no bar is written down",
    )


# --- founding engineer -----------------------------------------------------------


@on_path("founding-engineer")
def all_at_once(db: Database, today: date) -> list[Found]:
    """One item per duty the journal does not show, in ``DUTIES``' order."""
    r = recent(db, today)
    missing = [d for d in DUTIES if not r.shows(d)] if r.judged else []
    if not missing:
        return []
    named = either([f"{d.shown_by} ({d.name})" for d in missing])
    reason = f"founding path: none of your {r.words()} is in {named}"
    return [Found(d.text, reason, "skills", d.name, opens=d.opens) for d in missing]


@on_path("founding-engineer")
def no_model(db: Database, today: date) -> list[Found]:
    none = Found(
        "Find a mentor who has run a healthy engineering team",
        "founding path: you may have no well-run team to copy, and no mentor is in your people",
        "people",
        "mentor",
    )
    return _mentor_gap(db, today, "founding path", none, "Ask {name} how a well-run engineering team works")


# --- corporate ladder ------------------------------------------------------------


@on_path("corporate-ladder")
def boxed_in(db: Database, today: date) -> list[Found]:
    r = recent(db, today)
    if not r.judged or r.by_skill["business"] or r.by_skill["product-thinking"] or r.customers:
        return []
    if tl.target_state(db, COMPANY_NUMBER).met:  # a company-level number is yours already
        return []
    return [
        Found(
            "Show business judgement: tie your team's work to the company's numbers",
            f"corporate ladder: none of your {r.words()} is in business, product or customers",
            "skills",
            "business",
        )
    ]


@on_path("corporate-ladder")
def mentors(db: Database, today: date) -> list[Found]:
    none = Found(
        "Ask a director or VP to mentor you",
        "corporate ladder: mentors are easy to find on this path, and none is in your people",
        "people",
        "mentor",
    )
    return _mentor_gap(db, today, "corporate ladder", none, "Talk to {name}, your mentor, about your next step")


@on_path("corporate-ladder")
def criteria(db: Database, today: date) -> list[Found]:
    return _no_bar(
        db,
        "Ask for the criteria of the next level; write them down as the bar",
        "corporate ladder: promotion criteria are spelled out here, and no bar is written down",
    )


# --- no path yet -----------------------------------------------------------------


def choose_path(db: Database, today: date) -> list[Found]:
    if load_profile(db).path is not None:
        return []
    return [
        Found(
            "Pick the path you are on: founding engineer, early hire or corporate ladder",
            "the coach fits its advice to your path: P on the timeline, or ctotui profile --path",
            "timeline",
            "path",
            opens="profile",
        )
    ]


# In rules.py's priority order, first of the gaps (after the dated rules); one path's rules only
# ever speak, so their order across paths does not matter.
PATH_RULES: tuple[tuple[str, Rule], ...] = (
    ("path-beyond-ic", beyond_ic),
    ("path-outside-hire", outside_hire),
    ("path-no-promise", no_promise),
    ("path-all-at-once", all_at_once),
    ("path-no-model", no_model),
    ("path-boxed-in", boxed_in),
    ("path-mentors", mentors),
    ("path-criteria", criteria),
)
