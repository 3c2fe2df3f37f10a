"""Similar questions across wording and languages, offline: e5 embeddings of
every question and article, kept in the database and searched in memory, fused with the
keyword search. community never imports this app: it fills community's seams."""
