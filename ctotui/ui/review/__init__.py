"""The weekly review's screen, its steps and history, the review-day dialog and its Home card."""
