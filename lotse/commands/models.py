"""`lotse models`: install and list offline translation packages (Argos `.argosmodel`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _fail(message: str) -> int:
    print(f"lotse: {message}", file=sys.stderr)
    return 1


def _target(args: argparse.Namespace) -> Path | None:
    return Path(args.dir).expanduser() if args.dir else None


def cmd_install(args: argparse.Namespace) -> int:
    from translation.installer import InstallError, install

    try:
        package = install(args.source, sha256=args.sha256, target_dir=_target(args),
                          check_model=not args.skip_load_check)
    except InstallError as exc:
        return _fail(f"not installed: {exc}")
    except OSError as exc:
        return _fail(f"not installed: {exc}")
    print(json.dumps(package.as_dict(), ensure_ascii=False))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from translation.packages import active_packages, default_package_dirs, installed_packages

    dirs = [Path(args.dir).expanduser()] if args.dir else default_package_dirs()
    packages = installed_packages(dirs)
    active = {p.path for p in active_packages(packages).values()}
    for package in packages:
        print(json.dumps({**package.as_dict(), "active": package.path in active}, ensure_ascii=False))
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from translation.index import fetch_index, install_entry, plan
    from translation.installer import InstallError

    try:
        entries = fetch_index(args.url)
        if not args.install:
            for entry in entries:
                print(json.dumps(entry.as_dict(), ensure_ascii=False))
            return 0
        source, target = args.install
        for entry in plan(entries, source, target):
            package = install_entry(entry, target_dir=_target(args),
                                    check_model=not args.skip_load_check)
            print(json.dumps(package.as_dict(), ensure_ascii=False))
    except InstallError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"not installed: {exc}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    models = sub.add_parser("models", help="offline translation packages").add_subparsers(
        dest="models_command", required=True)

    install = models.add_parser("install", help="install an .argosmodel file or URL")
    install.add_argument("source", metavar="PATH_OR_URL")
    install.add_argument("--sha256", metavar="HEX", help="refuse the package unless it has this sha256")
    install.add_argument("--dir", help="package directory (default: LOTSE_TRANSLATION_DIR)")
    install.add_argument("--skip-load-check", action="store_true",
                         help="do not load the model once before installing it")
    install.set_defaults(func=cmd_install)

    listing = models.add_parser("list", help="installed packages, one JSON line each")
    listing.add_argument("--dir", help="only this package directory")
    listing.set_defaults(func=cmd_list)

    index = models.add_parser("index", help="list an Argos package index, or install from it")
    index.add_argument("url", metavar="URL", help="index.json URL or path")
    index.add_argument("--install", nargs=2, metavar=("FROM", "TO"),
                       help="install the package for this pair (or both legs through English)")
    index.add_argument("--dir", help="package directory (default: LOTSE_TRANSLATION_DIR)")
    index.add_argument("--skip-load-check", action="store_true")
    index.set_defaults(func=cmd_index)
