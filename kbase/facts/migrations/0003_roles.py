"""The roles kbase ships with, as groups an administrator assigns users to:
readers see drafts; editors also write facts, citations and sources, and publish."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READER = ["view_fact", "view_citation", "view_discrepancy", "view_topic", "view_entity",
          "view_source", "view_publisher", "view_work"]
EDITOR = READER + [
    "add_fact", "change_fact", "delete_fact", "publish_fact",
    "add_citation", "change_citation", "delete_citation",
    "add_discrepancy", "change_discrepancy", "delete_discrepancy",
    "add_discrepancystatement", "change_discrepancystatement", "delete_discrepancystatement",
    "add_topic", "change_topic", "add_entity", "change_entity",
    "add_source", "change_source", "delete_source", "add_publisher", "change_publisher",
    "add_work", "change_work",
]


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in (("reader", READER), ("editor", EDITOR)):
        group, _ = group_model.objects.get_or_create(name=name)
        permissions = permission_model.objects.filter(
            codename__in=codenames, content_type__app_label__in=["facts", "sources"])
        group.permissions.set(permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("facts", "0002_initial"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
