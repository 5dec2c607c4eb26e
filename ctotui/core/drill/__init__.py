"""The interview drill: the question bank and its fsrs schedule, the rubric, the story bank, progress, settings."""
