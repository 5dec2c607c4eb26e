"""Home: each area in the user's terms, and the first-run welcome with the profile form."""
