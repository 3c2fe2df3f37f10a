from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community.i18n import localized

SECTION_ICONS = [
    ("account", _("Account")),
    ("billing", _("Billing")),
    ("mobile", _("Mobile")),
    ("orders", _("Orders")),
    ("router", _("Router")),
]


# The knowledge base's own pages under /kb/ (knowledge/urls.py): no section may take their
# address.
RESERVED_SECTION_SLUGS = frozenset({"new", "proposals", "revisions", "suggestion"})


def validate_section_slug(value: str) -> None:
    if value in RESERVED_SECTION_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is the address of a knowledge-base page; choose another."),
            params={"slug": value},
            code="reserved",
        )


class SectionQuerySet(models.QuerySet):
    def listed(self):
        return self.order_by("position", "pk")


class Section(models.Model):
    """A shelf of the knowledge base, e.g. “Billing & payments”."""

    slug = models.SlugField(
        _("slug"), max_length=60, unique=True, validators=[validate_section_slug]
    )
    name_en = models.CharField(_("name (English)"), max_length=80)
    name_de = models.CharField(_("name (German)"), max_length=80, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=240, blank=True)
    description_de = models.CharField(_("description (German)"), max_length=240, blank=True)
    # An icon in static/img/kb/<name>.svg: only the ones that exist can be chosen.
    icon = models.CharField(_("icon"), max_length=40, blank=True, choices=SECTION_ICONS)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("knowledge-base section")
        verbose_name_plural = _("knowledge-base sections")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("knowledge:section", kwargs={"section": self.slug})

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")


class ArticleStatus(models.TextChoices):
    """draft → in review → published → archived. Stored values never change."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ArticleStatus.PUBLISHED)


class Article(models.Model):
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=90)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("text (Markdown)"))
    body_html = models.TextField(_("rendered text"), editable=False, blank=True)
    render_version = models.PositiveSmallIntegerField(default=0, editable=False)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    # Both directions are kept in step by the services (A.translation = B and B.translation = A).
    translation = models.OneToOneField(
        "self",
        verbose_name=_("translation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = models.ManyToManyField("community.Tag", verbose_name=_("tags"), blank=True)
    applies_to = models.CharField(
        _("applies to"),
        max_length=120,
        blank=True,
        help_text=_("Product and version, e.g. “Router X200, firmware 3.2 and later”."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ArticleStatus, default=ArticleStatus.DRAFT
    )
    # The solved thread this article was made from (its thread page links back).
    source_thread = models.ForeignKey(
        "community.Thread",
        verbose_name=_("made from thread"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    revision_count = models.PositiveIntegerField(default=0, editable=False)
    helpful_yes = models.PositiveIntegerField(_("helpful"), default=0)
    helpful_no = models.PositiveIntegerField(_("not helpful"), default=0)
    view_count = models.PositiveIntegerField(_("views"), default=0)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["section", "title"]
        constraints = [
            models.UniqueConstraint(fields=["section", "slug"], name="article_unique_slug"),
        ]
        indexes = [models.Index(fields=["status", "-published_at"], name="article_published")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "knowledge:article", kwargs={"section": self.section.slug, "slug": self.slug}
        )

    @property
    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED


class ArticleRevision(models.Model):
    """Every save of an article, numbered from 1; `is_proposal` rows are edits a super user
    proposed for a published article, waiting for staff (then accepted or declined)."""

    class ProposalState(models.TextChoices):
        NONE = "", _("Saved")
        PENDING = "pending", _("Proposed, waiting for review")
        ACCEPTED = "accepted", _("Proposal accepted")
        DECLINED = "declined", _("Proposal declined")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=150)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    applies_to = models.CharField(max_length=120, blank=True)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    proposal = models.CharField(
        max_length=10, choices=ProposalState, default=ProposalState.NONE, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="article_revision_unique_number"
            ),
        ]

    def __str__(self):
        return f"{self.article_id} v{self.number}"


class ArticleSlugHistory(models.Model):
    """An address an article had: /kb/<section>/<slug>/ redirects to where it is now."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    section_slug = models.SlugField(max_length=60)
    slug = models.SlugField(max_length=90)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["section_slug", "slug"], name="article_old_slug_unique")
        ]

    def __str__(self):
        return f"{self.section_slug}/{self.slug}"


class ArticleContributor(models.Model):
    """A member credited on an article (e.g. the authors of the solution it was made from)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="contributors")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="article_credits"
    )
    # The post whose text went into the article, when credited for an answer.
    post = models.ForeignKey(
        "community.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "member"], name="article_contributor_once")
        ]

    def __str__(self):
        return f"{self.member_id} on {self.article_id}"


class SectionFollow(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="section_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["section", "member"], name="section_follow_once")
        ]

    def __str__(self):
        return f"{self.member_id} follows section {self.section_id}"


class ArticleFollow(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="article_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "member"], name="article_follow_once")
        ]

    def __str__(self):
        return f"{self.member_id} follows article {self.article_id}"
