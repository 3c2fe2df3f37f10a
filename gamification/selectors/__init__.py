"""Reads the gamification pages and services need: one module per subject."""
