"""People and the bar: who you told what you want, conversations and follow-ups, the bar with its criteria and deadline, references."""
