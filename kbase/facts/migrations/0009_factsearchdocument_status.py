import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models


class Migration(migrations.Migration):
    """Search documents carry their facts' status, kept by triggers, so the search
    walk reads no fact."""

    dependencies = [
        ('facts', '0008_factsearchdocument_created_at'),
    ]

    operations = [
        migrations.AddField(
            model_name='factsearchdocument',
            name='status',
            field=models.CharField(choices=[('draft', 'draft'), ('review', 'in review'), ('published', 'published'), ('retracted', 'retracted'), ('superseded', 'superseded')], editable=False, max_length=16, null=True),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='fact',
            trigger=pgtrigger.compiler.Trigger(name='status_to_search_document', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.status IS DISTINCT FROM NEW.status)', func='UPDATE facts_factsearchdocument SET status = NEW.status WHERE fact_id = NEW.id; RETURN NULL;', hash='44999a835b3931b54b53774c6aaef40f86bc1d3e', operation='UPDATE OF "status"', pgid='pgtrigger_status_to_search_document_fd7db', table='facts_fact', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='factsearchdocument',
            trigger=pgtrigger.compiler.Trigger(name='status_from_fact', sql=pgtrigger.compiler.UpsertTriggerSql(func='NEW.status := (SELECT status FROM facts_fact WHERE id = NEW.fact_id); RETURN NEW;', hash='1801578e29d0e88156dd171f2db28a89ed763856', operation='INSERT OR UPDATE', pgid='pgtrigger_status_from_fact_500c7', table='facts_factsearchdocument', when='BEFORE')),
        ),
        # One statement over every document (the trigger above reads each one's
        # status): minutes on a large knowledge base, past the web's statement
        # timeout (for this transaction only).
        migrations.RunSQL("SET LOCAL statement_timeout = 0", migrations.RunSQL.noop),
        migrations.RunSQL("UPDATE facts_factsearchdocument SET status = NULL",
                          migrations.RunSQL.noop),
        migrations.AlterField(
            model_name='factsearchdocument',
            name='status',
            field=models.CharField(choices=[('draft', 'draft'), ('review', 'in review'), ('published', 'published'), ('retracted', 'retracted'), ('superseded', 'superseded')], editable=False, max_length=16),
        ),
    ]
