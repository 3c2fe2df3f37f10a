"""The article editor's forms. They validate; the services save."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from community.models import Tag
from community.services.tags import parse_tag_names
from knowledge.models import Article, ArticleRevision, Section


class ArticleForm(forms.Form):
    """Writing or editing an article. `new` adds the section and language; editing adds the
    slug and the "what changed" note."""

    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none())
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    title = forms.CharField(label=_("Title"), max_length=150)
    slug = forms.SlugField(
        label=_("Address (slug)"),
        max_length=90,
        help_text=_("Changing it keeps the old address working: it redirects here."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        required=False,
        help_text=_("One or two sentences shown in lists and search results."),
    )
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("Markdown. Headings (## and ###) make the table of contents."),
    )
    applies_to = forms.CharField(
        label=_("Applies to"),
        max_length=120,
        required=False,
        help_text=Article._meta.get_field("applies_to").help_text,
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        help_text=_("Existing tags, separated by commas or spaces."),
    )
    note = forms.CharField(
        label=_("What changed"),
        max_length=200,
        required=False,
        help_text=_("A short note for the history, e.g. “Steps for firmware 3.3”."),
    )

    def __init__(self, *args, new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if new:
            self.fields["section"].queryset = Section.objects.listed()
            del self.fields["slug"]
            del self.fields["note"]
        else:
            del self.fields["section"]
            del self.fields["language"]

    def clean_tags(self) -> list[Tag]:
        names = parse_tag_names(self.cleaned_data.get("tags", ""))
        tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
        unknown = [name for name in names if name not in tags]
        if unknown:
            raise forms.ValidationError(
                _("Unknown tags: %(names)s. Articles use existing tags only."),
                params={"names": ", ".join(unknown)},
            )
        return [tags[name] for name in names]

    @classmethod
    def initial_for(cls, article: Article) -> dict:
        return {
            "title": article.title,
            "slug": article.slug,
            "summary": article.summary,
            "body": article.body,
            "applies_to": article.applies_to,
            "tags": " ".join(tag.name for tag in article.tags.all()),
        }


class ProposalForm(forms.Form):
    """A super user's proposed edit of a published article."""

    title = forms.CharField(label=_("Title"), max_length=150)
    summary = forms.CharField(label=_("Summary"), max_length=300, required=False)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 18}))
    note = forms.CharField(
        label=_("What you changed and why"),
        max_length=ArticleRevision._meta.get_field("note").max_length,
        required=False,
    )


class TranslationForm(forms.Form):
    translation = forms.ModelChoiceField(
        label=_("Article in the other language"),
        queryset=Article.objects.none(),
        required=False,
        empty_label=_("None"),
    )

    def __init__(self, *args, article: Article, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["translation"].queryset = (
            Article.objects.exclude(language=article.language)
            .exclude(pk=article.pk)
            .select_related("section")
            .order_by("title")
        )
