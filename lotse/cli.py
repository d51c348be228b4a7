"""The `lotse` command."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from lotse.benchmarks import BENCHMARKS
from lotse.settings import Settings, load_settings

if TYPE_CHECKING:
    from channels.telegram.config import TelegramConfig


def _prepare_storage(settings: Settings) -> None:
    """Fail early and clearly on a missing key; bring the schema up to date."""
    from storage.database import migrate
    from storage.encryption import get_cipher

    get_cipher()
    migrate(settings.database_url)
    _seed_knowledge_base(settings)


def _seed_knowledge_base(settings: Settings) -> None:
    """On the first start the editors' database gets the curated entry files."""
    from knowledge_base.entry import load_entries
    from knowledge_base.store import KnowledgeBaseStore

    store = KnowledgeBaseStore(settings.database_url)
    if not store.entries():
        store.import_entries(load_entries())


def _stop_on_signals() -> None:
    """Ctrl-C, SIGTERM and SIGHUP all stop the services in order (SIGINT may have been
    inherited as ignored from a background shell)."""

    def _interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)


def _prepare_occupation_index() -> None:
    """Build the occupation search index once (minutes), not when the first job is named."""
    from classifications import occupation_search

    if not occupation_search.index_is_current():
        print("lotse: building the occupation search index (first start only, a few minutes) ...",
              flush=True)
    occupation_search.build_index()


def cmd_run(args: argparse.Namespace) -> int:
    from channels.telegram.config import load_config
    from lotse.supervisor import Stack, make_private, tail
    from lotse.training import train

    _stop_on_signals()
    settings = load_settings()
    make_private(settings.var_dir)  # files left by earlier versions with looser modes
    telegram = load_config(settings)
    if args.telegram_polling and not telegram.enabled:
        print("lotse: --telegram-polling needs a bot token: set LOTSE_TELEGRAM_TOKEN or write it to "
              f"{settings.var_dir / 'secrets' / 'telegram.token'}", file=sys.stderr)
        return 2
    try:
        _prepare_storage(settings)
    except Exception as exc:  # noqa: BLE001 - shown to the operator, not a stack trace
        print(f"lotse: cannot start: {exc}", file=sys.stderr)
        return 2
    try:
        model = train(settings.model_dir)
    except KeyboardInterrupt:
        print("\nlotse: training interrupted", file=sys.stderr)
        return 130
    try:
        _prepare_occupation_index()
    except KeyboardInterrupt:
        print("\nlotse: interrupted", file=sys.stderr)
        return 130
    stack = Stack(settings=settings, model=model, telegram_polling=args.telegram_polling)
    print("lotse: starting action server, Rasa server and portal ...", flush=True)
    try:
        stack.start()
    except RuntimeError as exc:
        print(f"lotse: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        stack.stop()
        return 130
    telegram_mode = _start_telegram(telegram, args.telegram_polling)
    print(f"\n  Web chat:          {settings.rasa_url}/webhooks/web/chat"
          f"\n  Widget for pages:  <script src=\"{settings.rasa_url}/webhooks/web/static/widget.js\""
          " defer></script>"
          f"\n  Telegram:          {telegram_mode}"
          f"\n  Caseworker portal: {settings.portal_url}/portal/"
          f"\n  Logs:              {settings.var_dir / 'log'}"
          "\n\n  Stop with Ctrl-C.\n", flush=True)
    try:
        while not stack.dead():
            time.sleep(1)
        for service in stack.dead():
            print(f"lotse: {service.name} stopped unexpectedly:\n{tail(service.log_path)}",
                  file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nlotse: stopping ...", flush=True)
        return 0
    finally:
        stack.stop()


def _start_telegram(config: TelegramConfig, polling: bool) -> str:
    """Register the command menu and the webhook (webhook mode); what to tell the operator."""
    import asyncio

    from channels.telegram import bot_setup
    from channels.telegram.bot_client import make_bot

    if not config.enabled:
        return "off (no bot token configured)"
    if polling:
        return "long polling (telegram-poller)"
    if not config.webhook_url:
        return ("on, but no LOTSE_TELEGRAM_WEBHOOK_URL: set one for webhook mode, or start with "
                "--telegram-polling")

    async def register() -> None:
        bot = make_bot(config)
        async with bot:
            await bot_setup.register_commands(bot)
            await bot_setup.use_webhook(bot, config)

    try:
        asyncio.run(register())
    except Exception as exc:  # noqa: BLE001 - the web chat runs on; the operator sees why
        return f"webhook NOT registered ({exc})"
    return f"webhook {config.webhook_url}"


def cmd_telegram_poll(args: argparse.Namespace) -> int:
    """The poller service of `lotse run --telegram-polling` (runs until stopped)."""
    import asyncio
    import logging

    from channels.telegram import polling
    from channels.telegram.config import load_config

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = load_settings()
    config = load_config(settings)
    if not config.enabled:
        print("lotse: no Telegram bot token configured (LOTSE_TELEGRAM_TOKEN)", file=sys.stderr)
        return 2
    _stop_on_signals()
    try:
        asyncio.run(polling.poll(config, f"{settings.rasa_url}/webhooks/telegram/webhook"))
    except KeyboardInterrupt:
        return 0
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from lotse.training import train

    settings = load_settings()
    out = Path(args.out) if args.out else settings.model_dir
    print(train(out, epochs=args.epochs, force=args.force))
    return 0


def cmd_serve_portal(args: argparse.Namespace) -> int:
    from portal.app import serve

    serve(load_settings())
    return 0


def cmd_profiles_list(args: argparse.Namespace) -> int:
    from storage.profiles import ProfileRepository

    settings = load_settings()
    _prepare_storage(settings)
    repo = ProfileRepository(settings.database_url)
    for pid in repo.person_ids():
        person = repo.snapshot(pid)["person"]
        if args.organisation and person["organisation"] != args.organisation:
            continue
        print(json.dumps(person, ensure_ascii=False))
    return 0


def cmd_profiles_export(args: argparse.Namespace) -> int:
    from storage.profiles import ProfileRepository

    settings = load_settings()
    _prepare_storage(settings)
    repo = ProfileRepository(settings.database_url)
    if args.all:
        data = [repo.snapshot(pid) for pid in repo.person_ids()]
    else:
        data = repo.snapshot(args.id)
        if data is None:
            print(f"lotse: no profile {args.id}", file=sys.stderr)
            return 1
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def cmd_profiles_translate(args: argparse.Namespace) -> int:
    from bot.actions.answer_translation import translate_missing
    from storage.profiles import ProfileRepository

    settings = load_settings()
    _prepare_storage(settings)
    print(json.dumps(translate_missing(ProfileRepository(settings.database_url))))
    return 0


def cmd_keys_init(args: argparse.Namespace) -> int:
    from storage.encryption import generate_key, write_key_file

    path = load_settings().data_key_file
    if path.exists():
        if args.if_missing:
            return 0
        print(f"lotse: {path} exists; refusing to overwrite a data key", file=sys.stderr)
        return 2
    write_key_file(path, [generate_key()])
    print(f"lotse: new data key written to {path} (back it up: without it the data is lost)")
    return 0


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    from storage.key_rotation import rotate_key_file

    settings = load_settings()
    count = rotate_key_file(settings.data_key_file, settings.database_url)
    print(json.dumps({"reencrypted_values": count, "key_file": str(settings.data_key_file)}))
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    _prepare_storage(load_settings())
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from lotse.benchmarks import run_benchmark

    print(json.dumps(run_benchmark(args.name, args), indent=2, ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lotse", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="train if needed and start everything")
    run.add_argument("--telegram-polling", action="store_true",
                     help="receive Telegram messages by long polling (local use, no public URL)")
    run.set_defaults(func=cmd_run)
    sub.add_parser("telegram-poll", help=argparse.SUPPRESS).set_defaults(func=cmd_telegram_poll)

    train = sub.add_parser("train", help="train the assistant if its model is missing or stale")
    train.add_argument("--epochs", type=int, help="override training epochs (tests)")
    train.add_argument("--out", help="model directory")
    train.add_argument("--force", action="store_true")
    train.set_defaults(func=cmd_train)

    sub.add_parser("serve-portal", help=argparse.SUPPRESS).set_defaults(func=cmd_serve_portal)

    profiles = sub.add_parser("profiles").add_subparsers(dest="profiles_command", required=True)
    plist = profiles.add_parser("list", help="one JSON line per person")
    plist.add_argument("--organisation")
    plist.set_defaults(func=cmd_profiles_list)
    export = profiles.add_parser("export", help="everything stored, decrypted, as JSON")
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("id", nargs="?")
    target.add_argument("--all", action="store_true")
    export.set_defaults(func=cmd_profiles_export)
    profiles.add_parser(
        "translate", help="add German machine translations to free-text answers that lack one "
                          "(e.g. after installing a translation package)",
    ).set_defaults(func=cmd_profiles_translate)

    keys = sub.add_parser("keys").add_subparsers(dest="keys_command", required=True)
    init = keys.add_parser("init", help="create the data encryption key file")
    init.add_argument("--if-missing", action="store_true")
    init.set_defaults(func=cmd_keys_init)
    keys.add_parser("rotate", help="new key; re-encrypt everything; retire the old keys") \
        .set_defaults(func=cmd_keys_rotate)

    db = sub.add_parser("db").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="apply schema migrations").set_defaults(func=cmd_db_upgrade)

    bench = sub.add_parser("bench", help="run a benchmark, print JSON")
    bench.add_argument("name", choices=BENCHMARKS)
    bench.add_argument("--turns", type=int, default=200, help="turn-latency: turns to time")
    bench.add_argument("--epochs", type=int, default=None, help="override training epochs")
    bench.add_argument("--repeat", type=int, default=None, help="repetitions per measurement")
    bench.add_argument("--data", help="benchmark data file instead of the shipped one")
    bench.add_argument("--limit", type=int, default=None, help="dialogue: an even sample of N cases")
    bench.add_argument("--messages", type=int, default=None, help="channels: Telegram messages to queue")
    bench.add_argument("--chats", type=int, default=None, help="channels: chats they go to")
    bench.set_defaults(func=cmd_bench)

    # Commands that belong to one part of the product live with a small module each.
    from lotse.commands import kb, language, models, occupation, orgs, translate, users

    users.register(sub, load_settings().default_organisation)
    kb.register(sub)
    language.register(sub)
    models.register(sub)
    occupation.register(sub)
    orgs.register(sub)
    translate.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from lotse.log_privacy import install as install_log_privacy

    # Everything any command or service writes under var/ (database, logs, caches, indexes,
    # secrets, translation packages) is owner-only; the supervisor's children inherit this.
    os.umask(0o077)
    install_log_privacy()
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
