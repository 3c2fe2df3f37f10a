"""The default reputation rules as rows, so admins see and edit them.

Keep this data migration when the gamification migrations are regenerated: without it
the site still books the defaults (gamification.models.DEFAULT_POINTS), but the admin
shows no rules to edit.
"""

from django.db import migrations

# A copy, not an import: a migration must keep doing what it did when the code changes.
DEFAULT_POINTS = {
    "answer_helpful": 10,
    "question_helpful": 5,
    "answer_accepted": 15,
    "accepted_an_answer": 2,
    "answer_endorsed": 20,
    "solved_too": 5,
    "article_published": 25,
    "flag_agreed": 2,
}


def create_rules(apps, schema_editor):
    ReputationRule = apps.get_model("gamification", "ReputationRule")
    ReputationRule.objects.bulk_create(
        [ReputationRule(reason=reason, points=points) for reason, points in DEFAULT_POINTS.items()],
        ignore_conflicts=True,  # an admin's rule stays as it is
    )


class Migration(migrations.Migration):
    dependencies = [
        ("gamification", "0001_reputation_badges_trust"),
    ]

    operations = [
        migrations.RunPython(create_rules, migrations.RunPython.noop),
    ]
