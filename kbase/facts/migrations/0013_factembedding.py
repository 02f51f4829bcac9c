import django.db.models.deletion
import pgvector.django.halfvec
import pgvector.django.indexes
from django.db import migrations, models


class Migration(migrations.Migration):
    """The facts' embeddings, empty: `manage.py embed_facts` fills them for the facts
    an upgraded knowledge base already holds."""

    dependencies = [
        ('facts', '0012_vector_extension'),
    ]

    operations = [
        migrations.CreateModel(
            name='FactEmbedding',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(choices=[('ko', 'Korean'), ('en', 'English')], max_length=2)),
                ('model', models.CharField(max_length=100)),
                ('digest', models.BinaryField(max_length=32)),
                ('embedding', pgvector.django.halfvec.HalfVectorField(dimensions=384)),
                ('fact', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='embeddings', to='facts.fact')),
            ],
            options={
                'indexes': [pgvector.django.indexes.HnswIndex(ef_construction=64, fields=['embedding'], m=16, name='fact_embedding_hnsw', opclasses=['halfvec_cosine_ops'])],
                'constraints': [models.UniqueConstraint(fields=('fact', 'language'), name='fact_embedding_one_per_language')],
            },
        ),
    ]
