from django.db import migrations


class Migration(migrations.Migration):
    """Rewrites the search documents without the columns 0010 dropped: PostgreSQL
    drops a column by hiding it, and every row kept its bytes (and the walk its
    width) until rewritten. VACUUM FULL cannot run in a transaction, hence
    `atomic = False`; it locks the table while it runs (about a minute for a
    million facts), so searches wait that long."""

    atomic = False

    dependencies = [
        ('facts', '0010_factanalysis'),
    ]

    operations = [
        migrations.RunSQL("SET statement_timeout = 0", migrations.RunSQL.noop),
        migrations.RunSQL("VACUUM (FULL, ANALYZE) facts_factsearchdocument",
                          migrations.RunSQL.noop),
        migrations.RunSQL("RESET statement_timeout", migrations.RunSQL.noop),
    ]
