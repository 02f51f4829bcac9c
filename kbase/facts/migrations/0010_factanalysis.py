import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A fact's number check and Korean highlight words move out of its search
    document (the search walk reads every document it passes), into FactAnalysis."""

    dependencies = [
        ('facts', '0009_factsearchdocument_status'),
    ]

    operations = [
        migrations.CreateModel(
            name='FactAnalysis',
            fields=[
                ('fact', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='analysis', serialize=False, to='facts.fact')),
                ('number_check', models.JSONField(default=dict)),
                ('highlight_words_ko', models.JSONField(default=dict)),
            ],
        ),
        migrations.RunSQL("SET LOCAL statement_timeout = 0", migrations.RunSQL.noop),
        migrations.RunSQL(
            "INSERT INTO facts_factanalysis (fact_id, number_check, highlight_words_ko) "
            "SELECT fact_id, number_check, highlight_words_ko FROM facts_factsearchdocument",
            "UPDATE facts_factsearchdocument d SET number_check = a.number_check, "
            "highlight_words_ko = a.highlight_words_ko "
            "FROM facts_factanalysis a WHERE a.fact_id = d.fact_id"),
        migrations.RemoveField(
            model_name='factsearchdocument',
            name='highlight_words_ko',
        ),
        migrations.RemoveField(
            model_name='factsearchdocument',
            name='number_check',
        ),
    ]
