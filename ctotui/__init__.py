"""ctotui: a terminal workbench for engineers growing toward a CTO role."""

__version__ = "0.1.0"
