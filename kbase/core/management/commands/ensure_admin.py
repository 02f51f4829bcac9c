from django.conf import settings
from django.core.management.base import BaseCommand

from kbase.core.services import admin_ensure


class Command(BaseCommand):
    help = "Make sure the `admin` superuser exists (password from KBASE_ADMIN_PASSWORD)."

    def handle(self, *args, **options) -> None:
        generated = admin_ensure(username="admin", password=settings.KBASE_ADMIN_PASSWORD)
        if generated:
            self.stdout.write(self.style.WARNING(
                f"Created superuser 'admin' with the generated password: {generated}\n"
                "It is shown only this once; set KBASE_ADMIN_PASSWORD to choose your own."))
        else:
            self.stdout.write("Superuser 'admin' is ready.")
