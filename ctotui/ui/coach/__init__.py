"""The coach's list of actions as the screens show it."""
