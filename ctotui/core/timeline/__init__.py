"""The road to CTO: placement on the stages, the profile it reads, the action plan, the self-checks."""
