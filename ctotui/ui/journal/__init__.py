"""The journal's screen, its form, filter and picker, its list and its Home card."""
