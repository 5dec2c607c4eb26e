"""The strongest numbers: one rule over every kind (core/journal/metric_rank.py)."""

from __future__ import annotations

import re

from ctotui.core.data.brag import brag_text
from ctotui.core.journal.entries import add_achievement
from ctotui.core.journal.metric_rank import Strength, strength, strongest, yearly
from ctotui.core.journal.metrics import Metric, parse_metric


def test_money_counts_as_a_yearly_amount():
    assert yearly(parse_metric("saved $12k/month")) == 144_000
    assert yearly(parse_metric("$250k ARR")) == 250_000
    assert yearly(parse_metric("$3k a week")) == 156_000
    assert yearly(parse_metric("from $40k to $25k a month")) == 180_000
    assert yearly(parse_metric("from $10k/month to $8k/month")) == 24_000
    assert yearly(parse_metric("3 teams")) is None


def test_money_without_a_period_counts_once_and_has_no_yearly_figure():
    assert yearly(parse_metric("$90k one-off saving")) is None
    assert strength(parse_metric("$90k one-off saving")) == Strength(0, (-90_000,), "")
    one_off = "Cut one-off migration cost from $50k to $20k"
    assert yearly(parse_metric(one_off)) is None
    assert strength(parse_metric(one_off), one_off) == Strength(0, (-30_000,), "")  # not "$30k a year"


def test_a_change_in_money_that_went_against_its_words_is_not_a_win():
    for text in [
        "Cut costs from $10k to $12k",
        "Reduced the bill from $8k a month to $9k a month",
        "Grew revenue from $1M to $800k",
    ]:
        assert strength(parse_metric(text), text) is None, text
    for text in [
        "Cut costs from $12k to $10k",
        "Improved AWS spend from $10k to $8k a month",
        "Grew ARR from $1M to $1.5M",
    ]:
        assert strength(parse_metric(text), text) is not None, text
    assert strength(parse_metric("from $10k to $12k")) is not None  # no words that say which way: ranked as before


def test_one_rule_orders_every_kind():
    texts = [
        "in 6 weeks",  # a duration: last
        "Unblocked 3 teams",  # a count
        "Onboarded 12 new hires",  # a bigger count
        "2x faster",  # a change as a factor: 2
        "reduced costs by 30%",  # 1.43
        "churn down 3 points",  # 1.03
        "grew signups by 150%",  # 2.5
        "cut build 10 to 4 min",  # time saved: 60%
        "deploys 45 -> 7 min",  # time saved: 84%
        "$250k ARR",  # money: 250k a year
        "saved $12k/month",  # money: 144k a year
    ]
    ranked = strongest(texts, parse_metric, n=len(texts))
    assert [text for text, _s in ranked] == [
        "$250k ARR",
        "saved $12k/month",
        "deploys 45 -> 7 min",
        "cut build 10 to 4 min",
        "grew signups by 150%",
        "2x faster",
        "reduced costs by 30%",
        "churn down 3 points",
        "Onboarded 12 new hires",
        "Unblocked 3 teams",
        "in 6 weeks",
    ]
    assert ranked[1][1].note == "$144k a year"


def test_impossible_or_missing_numbers_are_not_ranked_and_ties_keep_their_order():
    assert strength(None) is None
    assert strength(Metric(None, None, "%", -150.0)) is None  # an old row read by the old parser
    tied = ["3 teams (newest)", "3 teams (older)"]
    assert [t for t, _s in strongest(tied, parse_metric)] == tied


def test_the_brag_document_lists_money_time_and_counts_with_date_and_title(db):
    for title, day in [
        ("Helped close Acme ($250k ARR)", "2026-01-05"),
        ("Saved $12k/month on CI runners", "2026-02-01"),
        ("Reduced costs by 150%", "2026-02-02"),
        ("Cut deploy time from 45 to 7 min", "2026-02-03"),
        ("Unblocked 3 teams", "2026-02-04"),
        ("Wrote the on-call guide", "2026-02-05"),
        ("Cut costs from $10k to $12k", "2026-02-06"),
        ("Cut one-off migration cost from $50k to $20k", "2026-02-07"),
        ("Cut AWS bill from $10k/month to $8k/month", "2026-02-08"),
    ]:
        add_achievement(db, title=title, occurred_on=day, metric="parse")
    text = brag_text(db)
    section = text[text.index("## Strongest numbers") :].split("\n## ")[0]
    lines = re.findall(r"^\d\. .+$", section, re.M)
    assert lines == [
        "1. **$250k ARR**: Helped close Acme ($250k ARR) (2026-01-05)",
        "2. **$12k/mo** ($144k a year): Saved $12k/month on CI runners (2026-02-01)",
        "3. **$50k→$20k −60%**: Cut one-off migration cost from $50k to $20k (2026-02-07)",
        "4. **$10k→$8k/mo −20%** ($24k a year): Cut AWS bill from $10k/month to $8k/month (2026-02-08)",
        "5. **45→7 min −84%**: Cut deploy time from 45 to 7 min (2026-02-03)",
    ]  # the cost that went up ($10k → $12k) is not among them


def test_time_and_things_per_period_are_never_compared_with_one_offs_as_if_the_same():
    """ "saved 5 hours a week" was 5 hours once: a duration, ranked with "in 6 weeks" (shorter first)."""
    texts = [
        "Shipped SSO in 6 weeks",  # how long something took: a duration
        "Saved 5 hours a week of toil",  # time per week: time saved, 260 hours a year
        "On-call down to 2 days a month",  # 24 days a year
        "Cut toil from 10 to 2 hours a week",  # a change: 80% saved, 416 hours a year
        "Cut the build from 10 to 2 hours",  # a change: 80% saved, 8 hours once
        "Unblocked 40 teams",  # a count, once
        "Shipped 3 releases a week",  # 156 releases a year
        "Churn down 25 bps",  # 1.0025
        "Churn down 3 points",  # 1.03
    ]
    ranked = strongest(texts, parse_metric, n=len(texts))
    assert [(text, s.note) for text, s in ranked] == [
        ("Cut toil from 10 to 2 hours a week", "416 hours a year"),
        ("Cut the build from 10 to 2 hours", ""),
        ("On-call down to 2 days a month", "24 days a year"),
        ("Saved 5 hours a week of toil", "260 hours a year"),
        ("Churn down 3 points", ""),
        ("Churn down 25 bps", ""),
        ("Shipped 3 releases a week", "156 releases a year"),
        ("Unblocked 40 teams", ""),
        ("Shipped SSO in 6 weeks", ""),
    ]


def test_the_brag_document_shows_time_per_period_with_its_period_and_its_year(db):
    for title, day in [
        ("Shipped SSO in 2 weeks", "2026-02-01"),
        ("Saved 5 hours a week on releases", "2026-02-02"),
        ("Fixed the flaky test in 1 day", "2026-02-03"),
    ]:
        add_achievement(db, title=title, occurred_on=day, metric="parse")
    text = brag_text(db)
    section = text[text.index("## Strongest numbers") :].split("\n## ")[0]
    assert re.findall(r"^\d\. .+$", section, re.M) == [
        "1. **5 hours/wk** (260 hours a year): Saved 5 hours a week on releases (2026-02-02)",
        "2. **1 day**: Fixed the flaky test in 1 day (2026-02-03)",
        "3. **2 weeks**: Shipped SSO in 2 weeks (2026-02-01)",
    ]  # was first "5 hours", the shortest duration, before "1 day"
    assert "`5 hours/wk`" in text  # its entry under its category


def test_money_per_a_thing_is_a_price_not_money_won():
    """ "Cut deploy cost from $12 to $5 per deploy" ranked as $7 of money, above every change;
    "$0.02 per GB" as two cents. A price per a thing is no sum: its change ranks by its factor."""
    price_cut = strength(parse_metric("Cut from $12 to $5 per deploy"))
    assert price_cut is not None and price_cut.tier == 2  # as "45 -> 7 min" would, by 2.4x
    assert price_cut < strength(parse_metric("Cut costs by 50%"))  # 2.4x beats 2x
    assert strength(parse_metric("Storage at $0.02 per GB")) is None
    assert strength(parse_metric("Saved $7 on the deploy")).tier == 0  # money without "per": money
