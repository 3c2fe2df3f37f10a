"""Each member's reputation per space, kept beside the ledger for the all-time boards of
spaces; filled here from the ledger rows booked so far (``recalculate_reputation`` checks
it from then on)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Sum


def fill_from_the_ledger(apps, schema_editor):
    ReputationEvent = apps.get_model("gamification", "ReputationEvent")
    SpaceReputation = apps.get_model("gamification", "SpaceReputation")
    totals = (
        ReputationEvent.objects.filter(space__isnull=False)
        .order_by()
        .values("member", "space")
        .annotate(total=Sum("points"))
        .values_list("member", "space", "total")
    )
    SpaceReputation.objects.bulk_create(
        (
            SpaceReputation(member_id=member_id, space_id=space_id, points=total)
            for member_id, space_id, total in totals.iterator()
        ),
        batch_size=1000,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('community', '0022_thread_daily_views'),
        ('gamification', '0002_default_reputation_rules'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SpaceReputation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('points', models.IntegerField(default=0, verbose_name='points')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='member')),
                ('space', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='community.space', verbose_name='space')),
            ],
            options={
                'verbose_name': 'reputation in a space',
                'verbose_name_plural': 'reputation in spaces',
                'indexes': [models.Index(fields=['space', '-points', 'member'], name='space_reputation_rank')],
                'constraints': [models.UniqueConstraint(fields=('member', 'space'), name='space_reputation_once')],
            },
        ),
        migrations.RunPython(fill_from_the_ledger, migrations.RunPython.noop),
    ]
