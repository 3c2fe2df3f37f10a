"""Escalation to the support team: targets in business time, priority triage, tiered
routing, the support desk, private cases, surveys, known issues and the hand-off to a
helpdesk by e-mail and signed webhooks. Services here send the signals declared in
``community.signals``; models are in ``community.models.escalation`` and neighbours."""
