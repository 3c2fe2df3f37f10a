# The reputation ledger, badges and awards arrive with the super-user issue.
