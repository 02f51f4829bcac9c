from django.db import migrations

from kbase.core.extensions import PGVECTOR_INSTALL, extension_create


def create_vector_extension(apps, schema_editor) -> None:
    extension_create(schema_editor.connection, name="vector", install=PGVECTOR_INSTALL)


class Migration(migrations.Migration):
    """pgvector, for the facts' embeddings (claim matching). Left in place when
    migrating back: other databases' objects may use it."""

    dependencies = [
        ('facts', '0011_factsearchdocument_rewrite'),
    ]

    operations = [
        migrations.RunPython(create_vector_extension, migrations.RunPython.noop),
    ]
