"""Results, side by side, themes, rounds compared, exports, the deck and the dossier."""
