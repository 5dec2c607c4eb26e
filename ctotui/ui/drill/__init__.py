"""The interview drill's screen, a session, its dialogs, renderers and its Home card."""
