"""The people screen: the list, a person's history, the bar and its countdown, and their forms."""
