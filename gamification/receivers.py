"""What gamification does when something happens in the community.

Receivers do quick, idempotent database work in the sender's transaction, or enqueue a
task through community's outbox to run after commit; never network I/O. One section per
subject; each connects with ``@receiver``.
"""

from django.dispatch import receiver  # noqa: F401

from community import signals  # noqa: F401


# --- reputation ---------------------------------------------------------------------------
# (the reputation ledger's receivers go here)


#
#
#
#
#
#


# --- badges -------------------------------------------------------------------------------
# (badge awarding's receivers go here)


#
#
#
#
#
#


# --- trust levels -------------------------------------------------------------------------
# (trust levels' receivers go here)
