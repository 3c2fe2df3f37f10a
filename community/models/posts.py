from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Post(models.Model):
    """Markdown as typed plus its sanitised HTML. A thread's opening text is a Post too."""

    thread = models.ForeignKey(
        "community.Thread", verbose_name=_("thread"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="posts",
    )
    is_opening = models.BooleanField(_("opening post"), default=False)
    body = models.TextField(_("text"))
    body_html = models.TextField(_("rendered text"), editable=False)
    render_version = models.PositiveSmallIntegerField(default=0, editable=False)
    # Staff wrote it (fixed when posted: leaving the team does not unmark old answers).
    is_official = models.BooleanField(_("official"), default=False)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recommended by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    endorsed_at = models.DateTimeField(null=True, blank=True)

    helpful_count = models.PositiveIntegerField(_("helpful votes"), default=0)
    solved_too_count = models.PositiveIntegerField(_("“solved my problem too”"), default=0)

    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)
    revision_count = models.PositiveIntegerField(default=1)

    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=200, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"], name="post_thread_created")]
        constraints = [
            models.UniqueConstraint(
                fields=["thread"], condition=Q(is_opening=True), name="post_one_opening_per_thread"
            ),
        ]

    def __str__(self):
        return f"#{self.pk} in {self.thread_id}"

    def get_absolute_url(self):
        return reverse("community:post", kwargs={"pk": self.pk})

    def search_parent(self):
        """Posts are found through their thread (see community.indexing)."""
        from community.models.threads import Thread

        return Thread, self.thread_id

    @property
    def is_visible(self) -> bool:
        return self.hidden_at is None and self.deleted_at is None


class PostRevision(models.Model):
    """Every version of a post, the first included; its author and moderators read them."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=150, blank=True)
    body = models.TextField()
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # What the editor said about the change, e.g. "Removed my phone number".
    reason = models.CharField(_("reason for the edit"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["post", "number"]
        constraints = [
            models.UniqueConstraint(fields=["post", "number"], name="revision_unique_number"),
        ]

    def __str__(self):
        return f"{self.post_id} v{self.number}"


def post_image_path(image: "PostImage", filename: str) -> str:
    return f"uploads/{image.uploader_id}/{filename}"


class PostImage(models.Model):
    """An image pasted or dropped into the editor; validated and stripped of metadata."""

    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="post_images"
    )
    image = models.ImageField(upload_to=post_image_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set once a post was found to show it: from then on it is never removed as unused.
    in_use = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("uploaded image")
        verbose_name_plural = _("uploaded images")

    def __str__(self):
        return self.image.name
