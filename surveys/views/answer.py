"""Answering a survey for a centre (centre leader)."""
