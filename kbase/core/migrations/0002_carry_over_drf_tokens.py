"""DRF authtoken's keys (stored in clear, one per user) become API tokens stored as
the SHA-256 digest of the key, prefix the key's first 12 characters, so every client
keeps its key; then the authtoken table is dropped, and with it the keys in clear.

authtoken is no longer installed, so nothing here depends on its migrations: on a
database that never had it (a new one) the statement finds no table and does nothing.
Its migration records go too, so that installing authtoken again would start afresh.
The statement is frozen here (PostgreSQL's sha256() is the same digest as
ApiToken.digest_of); it does not follow later changes to the model.
"""

from django.db import migrations

CARRY_OVER = """
DO $$
BEGIN
    IF to_regclass('authtoken_token') IS NOT NULL THEN
        INSERT INTO core_apitoken (user_id, name, prefix, digest, created_at)
        SELECT user_id, 'API token (carried over)', left(key, 12),
               encode(sha256(convert_to(key, 'UTF8')), 'hex'), created
        FROM authtoken_token;
        DROP TABLE authtoken_token;
    END IF;
    DELETE FROM django_migrations WHERE app = 'authtoken';
END
$$;
"""


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_api_token"),
    ]

    # Going back keeps the hashed tokens: the keys in clear are gone for good.
    operations = [migrations.RunSQL(CARRY_OVER, reverse_sql=migrations.RunSQL.noop)]
