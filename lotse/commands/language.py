"""Placeholder replaced by the module's owner."""

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    pass
