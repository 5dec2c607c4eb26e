"""Demo data for every area, apart from the models it fills: a lived-in database in seconds."""
