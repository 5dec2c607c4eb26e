"""The coach: what to do next, prompts aimed at the gaps, the week in a paragraph."""
