import django.db.models.functions.text
from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import Lower


def refuse_usernames_differing_only_in_case(apps, schema_editor):
    """Name the members to rename first, rather than fail on the database's own error."""
    Member = apps.get_model("community", "Member")
    lowered = Member.objects.annotate(lowered=Lower("username"))
    clashes = list(
        lowered.values("lowered")
        .annotate(members=Count("pk"))
        .filter(members__gt=1)
        .values_list("lowered", flat=True)
    )
    if clashes:
        names = sorted(lowered.filter(lowered__in=clashes).values_list("username", flat=True))
        raise RuntimeError(
            "Usernames must be unique ignoring case, and these differ only in case: "
            f"{', '.join(names)}. Rename all but one of each (admin, Members), then migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("community", "0028_email_kind_question_received"),
    ]

    operations = [
        migrations.RunPython(refuse_usernames_differing_only_in_case, migrations.RunPython.noop),
        # The unique constraint's index takes over the plain one's lookups.
        migrations.AddConstraint(
            model_name="member",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("username"),
                name="member_username_unique_lower",
                violation_error_message="A member with that username already exists.",
            ),
        ),
        migrations.RemoveIndex(
            model_name="member",
            name="member_username_lower",
        ),
    ]
