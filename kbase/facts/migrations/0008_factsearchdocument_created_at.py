from django.db import migrations, models


class Migration(migrations.Migration):
    """Search documents carry their facts' creation time, for the newest-first walk."""

    dependencies = [
        ('facts', '0007_factsearchdocument_highlight_words_ko'),
    ]

    operations = [
        migrations.AddField(
            model_name='factsearchdocument',
            name='created_at',
            field=models.DateTimeField(null=True),
        ),
        # One statement over every document, and the index after it: minutes on a large
        # knowledge base, past the web's statement timeout (for this transaction only).
        migrations.RunSQL("SET LOCAL statement_timeout = 0", migrations.RunSQL.noop),
        migrations.RunSQL(
            "UPDATE facts_factsearchdocument d SET created_at = f.created_at "
            "FROM facts_fact f WHERE f.id = d.fact_id",
            migrations.RunSQL.noop),
        migrations.AlterField(
            model_name='factsearchdocument',
            name='created_at',
            field=models.DateTimeField(),
        ),
        migrations.AddIndex(
            model_name='factsearchdocument',
            index=models.Index(fields=['-created_at', '-fact'], name='fact_search_newest'),
        ),
    ]
