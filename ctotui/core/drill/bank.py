"""The interview drill's question bank and scheduling with fsrs (its settings: core/drill/settings.py).

Questions come from two places: the playbook's (seeded into ``questions`` on first use, each keeping the playbook's
stable id as ``source_id``) and the user's own (``source = 'user'``), which can be added, edited and retired. Each
carries its fsrs ``Card`` as JSON (``Card.to_json()``): the schedule survives a restart; editing the wording keeps it.

An attempt is one answer: its text, the six rubric scores and the category criteria's, the seconds on the timer, the
rating they map to (core/rubric.py) and fsrs's review log; since issue 17 also the follow-up challenge shown with its
answer and seconds, the scenario brief (JSON) and the "what I would ask first" field (core/drill/realism.py picks them).
The scheduler is fsrs's own (``Scheduler.review_card``); nothing here computes an interval. It runs with day-sized steps, since a question is practised over days, not minutes: no learning steps (a
first answer is scheduled from fsrs's initial stability: Again or Hard the next day, Good in about two days, Easy in
about eight) and one relearning step of a day (an answer that falls apart later comes back the next day, then fsrs
spaces it again). Intervals grow with each success.

Seeding: the playbook's questions (content/interview.toml) are seeded by fingerprint (``SEEDED_KEY``, a hash of
every category, id and wording): when the content changes, the next start adds the new questions as new cards and
updates unedited wordings, and leaves every existing row, card, schedule and attempt as it was.

Leaning toward the user's path: each playbook question names the paths it suits most (``paths_of``; none = every
path alike), and the profile holds the user's path (``user_path``). ``lean_to_path`` orders questions for a session:
those tagged with the user's path first, then those for every path, then those tagged only for other paths, each
group in its former order. core/drill/progress.py applies it to the NEW questions a session picks; due questions
keep their own order (the one most likely forgotten first), since the schedule, not the path, says they are due.
With no path in the profile nothing is reordered.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from fsrs import Card, Scheduler, State
from fsrs import Rating as FsrsRating

from ctotui.core import clock, playbook
from ctotui.core.drafts import Draft, discard_draft, list_drafts
from ctotui.core.drill.attempts import (  # re-exported: bank.Attempt, bank.attempts... as before issue 17
    Attempt as Attempt,
)
from ctotui.core.drill.attempts import attempts as attempts
from ctotui.core.drill.attempts import get_attempt as get_attempt
from ctotui.core.drill.attempts import last_scores as last_scores
from ctotui.core.drill.attempts import review_logs as review_logs
from ctotui.core.drill.realism import brief_fields, criteria_for
from ctotui.core.drill.settings import check_category, timer_seconds
from ctotui.core.errors import CtoError, NotFound, check_unchanged
from ctotui.core.plural import plural
from ctotui.core.row_rules import LINES, question_readable
from ctotui.core.rubric import MAX_SCORE, Rating, Scores, check_criteria_scores, rating_for
from ctotui.core.settings import get_profile, get_setting, set_setting
from ctotui.core.terms import INTERVIEW_CATEGORIES, PATHS
from ctotui.core.text import clean_block, clean_line, squeeze

if TYPE_CHECKING:
    import fsrs
    from sqlite_utils import Database

TEXT_MAX = LINES["questions", "text"].most  # the rule an import and a sync apply too
ANSWER_MAX = 100_000
DESIRED_RETENTION = 0.9
RELEARNING_STEPS = (timedelta(days=1),)
SEEDED_KEY = "drill.seeded"  # fingerprint of the playbook questions last seeded


# --- what the functions return -----------------------------------------------


@dataclass(frozen=True)
class Question:
    id: int
    source: str  # 'playbook' or 'user'
    source_id: str | None
    category: str
    text: str
    card_json: str
    due: datetime
    reps: int
    lapses: int
    created_at: str
    edited_at: str | None
    retired_at: str | None

    @property
    def ref(self) -> str:
        """How the CLI names it: the playbook id, or the number of a user question."""
        return self.source_id or str(self.id)

    @property
    def is_new(self) -> bool:
        return self.reps == 0

    @property
    def retired(self) -> bool:
        return self.retired_at is not None

    def card(self) -> fsrs.Card:
        return Card.from_json(self.card_json)

    def is_due(self, now: datetime) -> bool:
        """Due from the start of its due day, in local time: the drill's steps are days, and an
        answer given at 22:30 is back "tomorrow", so it belongs in tomorrow morning's session (fsrs's
        due moment, 22:30 the next day, kept it out of that session all day)."""
        return self.due.astimezone().date() <= now.astimezone().date()

    def to_json(self, now: datetime | None = None) -> dict[str, object]:
        now = now or clock.now()
        return {
            "id": self.id,
            "ref": self.ref,
            "source": self.source,
            "category": self.category,
            "text": self.text,
            "due": clock.utc_iso(self.due),
            "due_now": not self.retired and self.is_due(now),
            "new": self.is_new,
            "reps": self.reps,
            "lapses": self.lapses,
            "retired": self.retired,
        }


# --- the bank ------------------------------------------------------------------

_COLUMNS = "id, source, source_id, category, text, card, due, reps, lapses, created_at, edited_at, retired_at"


def _question(row: tuple) -> Question:
    (id_, source, source_id, category, text, card, due, reps, lapses, created, edited, retired) = row
    return Question(
        id_,
        source,
        None if source_id is None else clean_line(source_id),  # rows from another tool print safely too
        clean_line(category),
        clean_line(text),  # rows stored before the cleaning rule print safely too
        card,
        datetime.fromisoformat(due),
        reps,
        lapses,
        created,
        edited,
        retired,
    )


def clean_text(text: str) -> str:
    cleaned = squeeze(text)
    if not cleaned:
        raise CtoError("the question is empty")
    if len(cleaned) > TEXT_MAX:
        raise CtoError(f"the question is too long ({len(cleaned)} characters; at most {TEXT_MAX})")
    return cleaned


def _new_card(db: Database, question_id: int, now: datetime) -> None:
    card = Card(card_id=question_id, due=now)
    db.execute("update questions set card = ?, due = ? where id = ?", [card.to_json(), clock.utc_iso(now), question_id])


def _insert(db: Database, source: str, source_id: str | None, category: str, text: str, now: datetime) -> int:
    cursor = db.execute(
        "insert into questions (source, source_id, category, text, card, due, created_at) values (?, ?, ?, ?, '', '', ?)",
        [source, source_id, category, text, clock.utc_iso(now)],
    )
    question_id = cursor.lastrowid
    assert question_id is not None  # an INSERT sets it (sqlite3 types it int | None)
    _new_card(db, question_id, now)
    return question_id


def _fingerprint() -> str:
    pb = playbook.load()
    parts = [f"{ic.slug}\t{q.id}\t{q.text}" for ic in pb.interview for q in ic.questions]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def ensure_questions(db: Database) -> None:
    """Seed the playbook's questions (idempotent, cheap when nothing changed).

    A question the playbook adds later is added; a playbook wording that
    changed replaces the old one unless the user edited it. Cards are kept.
    """
    fingerprint = _fingerprint()
    if get_setting(db, SEEDED_KEY) == fingerprint:
        return
    now = clock.now()
    with db.atomic():
        known = dict(db.execute("select source_id, edited_at is not null from questions where source_id is not null"))
        for ic in playbook.load().interview:
            for q in ic.questions:
                if q.id not in known:
                    _insert(db, "playbook", q.id, ic.slug, q.text, now)
                elif not known[q.id]:
                    db.execute(
                        "update questions set text = ?, category = ? where source_id = ?", [q.text, ic.slug, q.id]
                    )
        set_setting(db, SEEDED_KEY, fingerprint)


def user_path(db: Database) -> str | None:
    """The path in the user's profile (founding-engineer, early-employee, corporate-ladder), if set."""
    path = get_profile(db).get("path")
    return path if path in PATHS else None


@functools.cache
def _playbook_paths() -> dict[str, tuple[str, ...]]:
    return {q.id: q.paths for ic in playbook.load().interview for q in ic.questions}


def paths_of(q: Question) -> tuple[str, ...]:
    """The paths a question suits most: its playbook tags; a user's own question (or an untagged one): ()."""
    return _playbook_paths().get(q.source_id or "", ())


def lean_to_path(questions: Iterable[Question], path: str | None) -> list[Question]:
    """``questions`` with those for ``path`` first (see the module docstring); the order kept within each group."""
    if path is None:
        return list(questions)

    def rank(q: Question) -> int:
        paths = paths_of(q)
        return 0 if path in paths else 1 if not paths else 2

    return sorted(questions, key=rank)


def list_questions(db: Database, category: str | None = None, *, include_retired: bool = False) -> list[Question]:
    """The bank in the playbook's category order, then by id."""
    ensure_questions(db)
    where, params = [], []
    if category is not None:
        where.append("category = ?")
        params.append(check_category(category))
    if not include_retired:
        where.append("retired_at is null")
    order = " ".join(f"when '{c}' then {i}" for i, c in enumerate(INTERVIEW_CATEGORIES))
    sql = f"select {_COLUMNS} from questions {'where ' + ' and '.join(where) if where else ''} "
    sql += f"order by case category {order} end, id"
    return [_question(r) for r in db.execute(sql, params).fetchall() if question_readable(r[5], r[6])]


def get_question(db: Database, ref: int | str) -> Question:
    """A question by its number or its playbook id ("ots-10x-traffic")."""
    ensure_questions(db)
    key = str(ref).strip().lstrip("#")
    column = "id" if key.isdigit() else "source_id"
    row = db.execute(f"select {_COLUMNS} from questions where {column} = ?", [key]).fetchone()
    if row is None or not question_readable(row[5], row[6]):  # one written around ctotui: `ctotui check` names it
        raise NotFound(f"no question {key!r} (`ctotui questions` lists them)")
    return _question(row)


def _check_unique(db: Database, text: str, except_id: int | None = None) -> None:
    row = db.execute(
        "select id from questions where lower(text) = lower(?) and retired_at is null and id is not ?",
        [text, except_id],
    ).fetchone()
    if row is not None:
        raise CtoError(f"that question is already in the bank (#{row[0]})")


def add_question(db: Database, category: str, text: str) -> Question:
    check_category(category)
    text = clean_text(text)
    ensure_questions(db)
    with db.atomic():
        _check_unique(db, text)
        question_id = _insert(db, "user", None, category, text, clock.now())
    return get_question(db, question_id)


def edit_question(
    db: Database,
    ref: int | str,
    *,
    text: str | None = None,
    category: str | None = None,
    expected: Question | None = None,
) -> Question:
    """Change the wording (or category); the card and history stay. ``expected``: compare-and-set (Conflict)."""
    with db.atomic():
        q = check_unchanged(f"question {ref}", expected, get_question(db, ref), ("text", "category", "retired_at"))
        new_text = clean_text(text) if text is not None else q.text
        new_category = check_category(category) if category is not None else q.category
        if new_category != q.category:
            _check_unanswered(db, q, new_category)
        if (new_text, new_category) != (q.text, q.category):
            _check_unique(db, new_text, except_id=q.id)
            db.execute(
                "update questions set text = ?, category = ?, edited_at = ? where id = ?",
                [new_text, new_category, clock.utc_iso(), q.id],
            )
    return get_question(db, q.id)


def _check_unanswered(db: Database, q: Question, category: str) -> None:
    """A question answered already keeps its category: its answers were scored by that category's
    signals, and the reports and readiness read the category from the question (a move filed a
    mock's answer under the new category with the old one's signals, and moved its score)."""
    answered = db.execute("select count(*) from attempts where question_id = ?", [q.id]).fetchone()[0]
    if answered:
        raise CtoError(
            f"question {q.ref} was answered {plural(answered, 'time')} as {q.category}, and its answers keep "
            f"that category; to practise it as {category}, retire it and add it again there"
        )


def retire_question(db: Database, ref: int | str) -> Question:
    """Take a question out of sessions and counts; its history stays."""
    q = get_question(db, ref)
    if q.retired:
        raise CtoError(f"question {q.ref} is already retired")
    db.execute("update questions set retired_at = ? where id = ?", [clock.utc_iso(), q.id])
    return get_question(db, q.id)


def restore_question(db: Database, ref: int | str) -> Question:
    q = get_question(db, ref)
    if not q.retired:
        raise CtoError(f"question {q.ref} is not retired")
    with db.atomic():
        _check_unique(db, q.text, except_id=q.id)
        db.execute("update questions set retired_at = null where id = ?", [q.id])
    return get_question(db, q.id)


# --- scheduling and attempts ---------------------------------------------------


def scheduler(*, fuzz: bool = True) -> fsrs.Scheduler:
    """fsrs's scheduler as the drill uses it (no same-day steps; see the module docstring)."""
    return Scheduler(
        desired_retention=DESIRED_RETENTION,
        learning_steps=(),
        relearning_steps=RELEARNING_STEPS,
        enable_fuzzing=fuzz,
    )


def answer_draft_key(question_id: int) -> str:
    """The drafts key under which an answer being typed is kept."""
    return f"drill:answer:{question_id}"


def preview_due(
    db: Database, question_id: int, rating: Rating, *, now: datetime | None = None, fuzz: bool = False
) -> datetime:
    """When the question would come back with ``rating`` (nothing written). With ``fuzz``, one of
    fsrs's spread-out days, as a review would draw it: what the score dialog promises, and
    ``record_attempt(promised=…)`` then keeps."""
    card, _ = scheduler(fuzz=fuzz).review_card(
        get_question(db, question_id).card(), FsrsRating(int(rating)), review_datetime=now or clock.now()
    )
    return card.due


def record_attempt(
    db: Database,
    question_id: int,
    answer: str,
    scores: Mapping[str, int],
    seconds: int,
    *,
    criteria_scores: Mapping[str, int] | None = None,
    follow_up: str = "",
    follow_up_answer: str = "",
    follow_up_seconds: int = 0,
    brief: str = "",
    ask_first: str = "",
    now: datetime | None = None,
    fuzz: bool = True,
    promised: Mapping[Rating, datetime] | None = None,
) -> Attempt:
    """Score an answer: rate it, review the card with fsrs, save it all at once.

    ``promised``: the day the score dialog said the question comes back with each rating
    (``preview_due`` with fuzz): the attempt's rating keeps it. fsrs spreads due days at random
    (fuzz), so a second draw at the save said "back in 8 weeks" after the dialog's "7 weeks".

    ``criteria_scores``: the category's own criteria (``Playbook.criteria_for``), all of them or
    none (an empty or missing mapping rates the answer on the general rubric alone). ``brief``:
    the JSON of the scenario shown (``realism.brief_json``). The answer's draft is dropped in the
    same transaction.
    """
    scored = Scores.of(scores)
    answer = clean_block(answer)
    follow_up_answer = clean_block(follow_up_answer)
    for what, text in (("answer", answer), ("follow-up answer", follow_up_answer), ("ask-first field", ask_first)):
        if len(text) > ANSWER_MAX:
            raise CtoError(f"the {what} is too long ({len(text):,} characters; at most {ANSWER_MAX:,})")
    if brief and not brief_fields(brief):
        raise CtoError("the brief must be the JSON of a scenario")
    seconds, follow_up_seconds = int(seconds), int(follow_up_seconds)
    if follow_up_seconds < 0:
        raise CtoError("the follow-up's seconds cannot be negative")
    q = get_question(db, question_id)
    criteria = (
        check_criteria_scores(criteria_scores, [c.id for c in criteria_for(q.category)]) if criteria_scores else {}
    )
    limit = timer_seconds(db, q.category)
    rating = rating_for(scored.total, seconds, limit, sum(criteria.values()), MAX_SCORE * len(criteria))
    now = (now or clock.now()).astimezone(UTC)  # fsrs takes UTC only
    card = q.card()
    lapse = rating == Rating.Again and card.state == State.Review
    card, log = scheduler(fuzz=fuzz).review_card(
        card, FsrsRating(int(rating)), review_datetime=now, review_duration=seconds * 1000
    )
    if promised is not None and rating in promised:
        card.due = promised[rating].astimezone(UTC)  # the same draw of fsrs's spread the user was shown
    stamp = clock.utc_iso(now)
    with db.atomic():
        db.execute(
            "update questions set card = ?, due = ?, reps = reps + 1, lapses = lapses + ? where id = ?",
            [card.to_json(), clock.utc_iso(card.due), int(lapse), q.id],
        )
        cursor = db.execute(
            "insert into attempts (question_id, question_text, answer, scores, total, seconds, limit_seconds, "
            "rating, review_log, lapse, created_at, follow_up, follow_up_answer, follow_up_seconds, brief, "
            "ask_first, criteria_scores) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                q.id,
                q.text,
                answer,
                json.dumps(scored.as_dict()),
                scored.total,
                seconds,
                limit,
                int(rating),
                log.to_json(),
                int(lapse),
                stamp,
                clean_line(follow_up),
                follow_up_answer,
                follow_up_seconds,
                brief,
                clean_block(ask_first),
                json.dumps(criteria),
            ],
        )
        discard_draft(db, answer_draft_key(q.id))
    assert cursor.lastrowid is not None  # an INSERT sets it (sqlite3 types it int | None)
    return Attempt(
        cursor.lastrowid,
        q.id,
        q.text,
        answer,
        scored,
        scored.total,
        seconds,
        limit,
        rating,
        lapse,
        stamp,
        due_after=card.due,
        follow_up=clean_line(follow_up),
        follow_up_answer=follow_up_answer,
        follow_up_seconds=follow_up_seconds,
        brief=brief,
        ask_first=clean_block(ask_first),
        criteria_scores=criteria,
    )


def unfinished_answers(db: Database) -> list[tuple[Question, Draft]]:
    """Answers typed but never scored (the app was closed or killed), newest first: the answer, or
    only "what I would ask first" or the follow-up's reply."""
    found = []
    for draft in list_drafts(db, "drill:answer:"):
        key = draft.key.rsplit(":", 1)[-1]
        typed = (str(draft.payload.get(part, "")).strip() for part in ("text", "ask_first", "follow_up_answer"))
        if key.isdigit() and any(typed):
            try:
                found.append((get_question(db, int(key)), draft))
            except NotFound:
                continue
    return found
