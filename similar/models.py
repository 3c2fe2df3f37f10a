from django.db import models
from django.utils.translation import gettext_lazy as _


class Embedding(models.Model):
    """The vector of one thread's question or one article, as the model saw its text.

    The model's name and version are stored so a model change is re-embedded in the
    background (``manage.py embed --all``); `text_hash` lets an edit that does not change
    the embedded text skip the model."""

    class Kind(models.TextChoices):
        THREAD = "thread", _("Thread")
        ARTICLE = "article", _("Article")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind)
    object_id = models.PositiveIntegerField(_("object id"))
    model_name = models.CharField(_("model"), max_length=60)
    model_version = models.CharField(_("model version"), max_length=20)
    vector = models.BinaryField(_("vector (float32)"))
    text_hash = models.CharField(_("text hash"), max_length=64)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("embedding")
        verbose_name_plural = _("embeddings")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="embedding_one_per_object")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
