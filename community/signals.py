"""What happened in the community, for the other apps to react to.

Services send these after their write, inside the transaction. Receivers (in
``gamification`` and ``knowledge``, connected in their ``AppConfig.ready``) do
quick database work or enqueue a task with ``transaction.on_commit``; never
network I/O. Every signal is sent with ``sender=`` the model class named below.
"""

from django.dispatch import Signal

# sender=Thread; thread: Thread, opening_post: Post, by: Member
thread_asked = Signal()

# sender=Post; post: Post (an answer), thread: Thread, by: Member
answer_posted = Signal()

# sender=Post; post: Post, by: Member (the editor), revision: PostRevision
post_edited = Signal()

# sender=Post; post: Post, by: Member
post_deleted = Signal()

# sender=Post; post: Post, by: Member (who voted), added: bool (False when taken back)
post_voted = Signal()

# sender=Thread; thread: Thread, answer: Post, by: Member, previous: Post | None
answer_accepted = Signal()

# sender=Thread; thread: Thread, answer: Post (the former solution), by: Member
answer_unaccepted = Signal()

# sender=Post; post: Post (a solution), by: Member, added: bool
solved_too_changed = Signal()

# sender=Thread; thread: Thread, by: Member, added: bool
me_too_changed = Signal()

# sender=Post; post: Post, by: Member (staff), endorsed: bool
answer_endorsed = Signal()

# sender=Thread; thread: Thread, change: IdeaStatusChange, by: Member
idea_status_changed = Signal()
