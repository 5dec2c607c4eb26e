"""The Textual front end: thin screens over ctotui.core."""
