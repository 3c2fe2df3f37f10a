"""Writes of the gamification app, one module per subject."""
