from django.db import migrations, models


def fill_highlight_words(apps, schema_editor):
    """Existing search documents get where their facts' Korean tokens are (a pure
    function of the Korean text)."""
    from kbase.core.search import korean_highlight_words

    Fact = apps.get_model("facts", "Fact")
    Document = apps.get_model("facts", "FactSearchDocument")
    facts = Fact.objects.filter(search_document__isnull=False).exclude(text_ko="").only(
        "id", "text_ko")
    batch = []
    for fact in facts.iterator(chunk_size=2000):
        batch.append(Document(fact_id=fact.id,
                              highlight_words_ko=korean_highlight_words(fact.text_ko)))
        if len(batch) == 2000:
            Document.objects.bulk_update(batch, ["highlight_words_ko"])
            batch = []
    Document.objects.bulk_update(batch, ["highlight_words_ko"])


class Migration(migrations.Migration):

    dependencies = [
        ('facts', '0006_factsearchdocument_number_check'),
    ]

    operations = [
        migrations.AddField(
            model_name='factsearchdocument',
            name='highlight_words_ko',
            field=models.JSONField(default=dict),
        ),
        migrations.RunPython(fill_highlight_words, migrations.RunPython.noop),
    ]
