"""Tags made before tags had addresses get one when the migration runs."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("community", "0010_branding_logo_and_favicon")]
AFTER = [("community", "0011_tag_pages")]


@pytest.mark.django_db(transaction=True)
def test_migration_gives_existing_tags_unique_addresses():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_tag = executor.loader.project_state(BEFORE).apps.get_model("community", "Tag")
    for name in ("c++", "c#", "kündigung", "node.js", "nodejs"):
        old_tag.objects.create(name=name)
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(AFTER)
        new_tag = executor.loader.project_state(AFTER).apps.get_model("community", "Tag")
        slugs = dict(new_tag.objects.values_list("name", "slug"))
        assert slugs == {
            "c++": "c-plus-plus",
            "c#": "c-sharp",
            "kündigung": "kundigung",
            "node.js": "nodejs",
            "nodejs": "nodejs-2",
        }
    finally:
        # Leave the database as the other tests expect it: fully migrated, no rows.
        new_executor = MigrationExecutor(connection)
        new_executor.loader.build_graph()
        new_executor.migrate(new_executor.loader.graph.leaf_nodes())
