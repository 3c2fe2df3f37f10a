"""Reads the pages need: one module per subject."""
