"""Reads that gamification's pages need, one module per subject. Writes live in services."""
