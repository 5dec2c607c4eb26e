"""The skill stack's screen, its renderers, the rating dialog and its Home card."""
