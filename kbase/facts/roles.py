"""The roles kbase ships with, as groups an administrator assigns users to:
readers see drafts; editors also write facts, citations and sources, and publish."""

from __future__ import annotations

READER = ["view_fact", "view_citation", "view_discrepancy", "view_topic", "view_entity",
          "view_source", "view_publisher", "view_work"]
EDITOR = [*READER,
          "add_fact", "change_fact", "delete_fact", "publish_fact",
          "add_citation", "change_citation", "delete_citation",
          "add_discrepancy", "change_discrepancy", "delete_discrepancy",
          "add_discrepancystatement", "change_discrepancystatement",
          "delete_discrepancystatement",
          "add_topic", "change_topic", "add_entity", "change_entity",
          "add_source", "change_source", "delete_source", "add_publisher", "change_publisher",
          "add_work", "change_work"]
ROLES = {"reader": READER, "editor": EDITOR}


def roles_ensure(group_model, permission_model) -> None:
    """Create or update the role groups (idempotent). Takes the models as arguments
    so the data migration can pass its historical ones."""
    for name, codenames in ROLES.items():
        group, _created = group_model.objects.get_or_create(name=name)
        group.permissions.set(permission_model.objects.filter(
            codename__in=codenames, content_type__app_label__in=["facts", "sources"]))
