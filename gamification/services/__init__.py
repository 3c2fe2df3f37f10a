"""Writes: one module per subject."""
