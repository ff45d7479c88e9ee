"""Survey pages, one module per part: building and sending (build), answering (answer),
results, exports, the deck and the visit dossier (results)."""
