"""The timeline's screen, its renderers and forms, the road and its Home card."""
