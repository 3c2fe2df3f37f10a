from knowledge.models.articles import (
    Article,
    ArticleContributor,
    ArticleFollow,
    ArticleRevision,
    ArticleSlugHistory,
    ArticleStatus,
    Section,
    SectionFollow,
)
from knowledge.models.feedback import (
    ArticleDailyViews,
    ArticleFeedback,
    Deflection,
    SuggestionOpened,
)
from knowledge.models.replies import SavedReply

__all__ = [
    "Article",
    "ArticleContributor",
    "ArticleDailyViews",
    "ArticleFeedback",
    "ArticleFollow",
    "ArticleRevision",
    "ArticleSlugHistory",
    "ArticleStatus",
    "Deflection",
    "SavedReply",
    "Section",
    "SectionFollow",
    "SuggestionOpened",
]
