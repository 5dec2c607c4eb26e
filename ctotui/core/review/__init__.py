"""The weekly review: the six steps of a week, the week as a report, the reviews over time."""
