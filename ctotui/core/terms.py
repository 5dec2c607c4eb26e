"""The terms every part of the project uses (DESIGN.md), in display order.

A module of constants only, cheap to import (the CLI builds its help from it).
"""

SKILLS = (
    "technical-depth",
    "product-thinking",
    "leadership",
    "communication",
    "business",
    "systems-thinking",
)
CATEGORIES = ("scale", "savings", "unblocking", "customers")
INTERVIEW_CATEGORIES = ("own-the-stack", "non-technical-leaders", "build-the-team")
STAGES = ("engineer", "tech-leader", "exec-in-training")
PATHS = ("founding-engineer", "early-employee", "corporate-ladder")
HORIZONS = ("3-months", "6-12-months", "2-3-years")
RESPONSIBILITIES = (
    "technology-strategy",
    "product-alignment",
    "engineering-execution",
    "risk-and-quality",
    "external-representation",
)
RUBRIC = ("tradeoffs", "plain-language", "constraints", "real-case", "structure", "concision")
RELATIONS = (
    "manager",
    "senior-leader",
    "founder",
    "mentor",
    "sponsor",
    "peer",
    "report",
    "reference",
    "recruiter",
)
SELF_CHECK_KINDS = ("signal", "mistake", "environment")
SELF_CHECK_ANSWERS = ("yes", "partly", "no")
PLAN_STATUSES = ("open", "done", "dropped")
QUESTION_SOURCES = ("playbook", "user")  # a question of the interview bank, or one the user added
METRIC_KINDS = ("change", "amount", "count", "duration", "multiple", "percent", "points")
METRIC_PERIODS = ("d", "wk", "mo", "qtr", "yr")  # an amount's period: a day, a week, a month...
METRIC_ORIGINS = ("parsed", "user")  # a metric read from the title or body, or one the user gave
