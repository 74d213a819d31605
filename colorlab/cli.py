"""The ``colorlab`` command line."""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``colorlab`` command.

    Example:
        >>> build_parser().parse_args(["check"]).command
        'check'
    """
    parser = argparse.ArgumentParser(
        prog="colorlab", description="Tools of the colorlab colorization course."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("check", help="check that this machine is ready for the course")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``colorlab`` command; return its exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "check":
        from colorlab.check import main as check_main

        return check_main()
    return 2  # argparse already rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
