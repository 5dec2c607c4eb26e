"""The skill stack: self-ratings over time, evidence from the journal, gap hints, practical steps."""
