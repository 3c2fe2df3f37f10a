# Articles, revisions and feedback arrive with the knowledge-base issue.
