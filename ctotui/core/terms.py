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
