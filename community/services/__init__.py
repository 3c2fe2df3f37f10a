"""Writes. One function per operation a member can see; keyword-only; the actor explicit."""
