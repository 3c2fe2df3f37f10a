"""What happened in the knowledge base, for the other apps to react to (gamification books
contributors' reputation). Sent by knowledge's services inside their transaction, only when
something really changed, with ``sender=Article``; ``by`` is the member who acted."""

from django.dispatch import Signal

# sender=Article; article: Article, by: Member (staff), contributors: list[Member]
# (the members credited on it, e.g. the authors of the solution it was made from)
article_published = Signal()

# sender=Article; article: Article, by: Member, revision: ArticleRevision,
# substantial: bool (followers are told of substantial updates of published articles)
article_updated = Signal()

# sender=Article; article: Article, by: Member (staff)
article_archived = Signal()

# --- from thread to article, helpfulness (kbthread) -----------------------------------------

# sender=Article; article: Article (the new draft), thread: Thread (the solved thread it was
# made from), by: Member (staff or a super user), contributors: list[Member] (credited on it)
article_drafted_from_thread = Signal()

# sender=Article; article: Article, feedback: ArticleFeedback, by: Member | None (None for a
# visitor, told apart by feedback.session_key), changed: bool (True when an earlier vote of
# the same member or session was changed, False for a first vote)
article_feedback_given = Signal()
# --- deflection (knowledge.services.deflection) -------------------------------------------
# sender=Deflection; deflections: list[Deflection] (new ones only: each opening of an
# ask-form suggestion that was not followed by a question within the window)
questions_deflected = Signal()

# --- saved replies -------------------------------------------------------------------------
# sender=SavedReply; reply: SavedReply, by: Member (who inserted it), thread: Thread | None
# (the thread whose answer editor it went into). Sent after its use count went up.
saved_reply_used = Signal()

# --- sections -------------------------------------------------------------------------------
# sender=Section; section: Section (saved), by: Member (staff, in the admin),
# changed: list[str] (the fields that changed; empty for a new section)
section_saved = Signal()
