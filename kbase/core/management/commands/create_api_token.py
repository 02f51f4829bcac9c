from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kbase.core import selectors
from kbase.core.services import api_token_create, api_tokens_revoke

ALL = object()


class Command(BaseCommand):
    help = ("Print a new API token for a user (the key is shown this once), or revoke "
            "tokens with --revoke. Clients send it as `Authorization: Token <key>` or "
            "`Authorization: Bearer <key>`.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="command line",
                            help="What the token is for (default: 'command line').")
        parser.add_argument("--expires", type=int, metavar="DAYS",
                            help="Days until the token expires (default: never).")
        parser.add_argument("--revoke", nargs="?", const=ALL, metavar="PREFIX",
                            help="Revoke the user's token with this prefix, or with no "
                                 "prefix all the user's tokens, instead of creating one.")

    def handle(self, *args, username: str, name: str, expires: int | None, revoke,
               **options) -> None:
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error
        if revoke is not None:
            tokens = selectors.api_token_list(user=user,
                                              prefix=None if revoke is ALL else revoke)
            revoked = api_tokens_revoke(tokens=tokens)
            self.stdout.write(f"revoked {revoked}" if revoked else "no token to revoke")
            return
        if expires is not None and expires < 1:
            raise CommandError("--expires takes a number of days, 1 or more.")
        expires_at = None if expires is None else timezone.now() + timedelta(days=expires)
        try:
            token, key = api_token_create(user=user, name=name, expires_at=expires_at)
        except ValidationError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(key)
        self.stderr.write(f"{token.prefix}… '{token.name}' for {username}; the key is "
                          "shown only now.")
