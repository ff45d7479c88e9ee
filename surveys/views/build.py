"""Building, sending and following up a survey (coordinator)."""
