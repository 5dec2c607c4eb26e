"""The model. Nothing in this package imports Textual (tests/unit/test_layers.py proves it)."""
