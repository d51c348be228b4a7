"""`lotse orgs link SLUG`: the signed links that assign new profiles to an organisation.

Only the server can sign them (the key in var/secrets/channel.key, channels/identity.py), so a
person cannot file their profile under an organisation by naming it. Prints JSON: the signed
value, the web chat page link, the widget's script tag and, with --bot, the Telegram deep link.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from urllib.parse import quote

_BOT = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


def cmd_orgs_link(args: argparse.Namespace) -> int:
    from channels import identity
    from lotse.settings import load_settings
    from storage.profiles import ProfileRepository

    settings = load_settings()
    if not identity.valid_slug(args.slug):
        print("lotse orgs link: a slug is 1-47 lower-case letters, digits, - or _", file=sys.stderr)
        return 2
    if args.bot and not _BOT.match(args.bot.lstrip("@")):
        print("lotse orgs link: --bot is the bot's user name, e.g. LeipzigLotseBot", file=sys.stderr)
        return 2
    if not ProfileRepository(settings.database_url).organisation_exists(args.slug):
        print(f"lotse orgs link: warning: no organisation {args.slug!r} yet; until it exists, "
              "profiles go to the default organisation", file=sys.stderr)
    signed = identity.signed_organisation(args.slug)
    server = (args.server or settings.rasa_url).rstrip("/")
    links = {
        "organisation": args.slug,
        "signed": signed,
        "web_chat": f"{server}/webhooks/web/chat?org={quote(signed)}",
        "widget": f'<script src="{server}/webhooks/web/static/widget.js" data-org="{signed}" defer></script>',
    }
    if args.bot:
        links["telegram"] = f"https://t.me/{args.bot.lstrip('@')}?start={signed}"
    print(json.dumps(links, ensure_ascii=False, indent=2))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    orgs = sub.add_parser("orgs").add_subparsers(dest="orgs_command", required=True)
    link = orgs.add_parser("link", help="signed links that assign new profiles to an organisation")
    link.add_argument("slug", metavar="SLUG", help="the organisation, e.g. leipzig")
    link.add_argument("--bot", metavar="NAME", help="the Telegram bot's user name, for the t.me link")
    link.add_argument("--server", metavar="URL", help="the public address of the chat server")
    link.set_defaults(func=cmd_orgs_link)
