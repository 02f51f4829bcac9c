from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kbase.core.services import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = ("Print a new API token for a user (replacing any previous one), or revoke it "
            "with --revoke. Clients send it as `Authorization: Token <key>`.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--revoke", action="store_true",
                            help="Revoke the user's token instead of creating one.")

    def handle(self, *args, username: str, revoke: bool, **options) -> None:
        try:
            if revoke:
                revoked = api_token_revoke(username=username)
                self.stdout.write("revoked" if revoked else "no token to revoke")
                return
            self.stdout.write(api_token_create(username=username))
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error
