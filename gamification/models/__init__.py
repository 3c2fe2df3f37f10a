"""Reputation, badges and trust levels: one module per subject."""
