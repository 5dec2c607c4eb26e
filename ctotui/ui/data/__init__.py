"""Exporting from the app: the brag document, the complete JSON, a backup."""
