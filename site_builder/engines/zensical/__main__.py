"""`python -m site_builder.engines.zensical build|serve` (`make site ENGINE=zensical`; see run.py):
the boundary where problems become printed lines and exit codes, as `site-builder` is for its own.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from site_builder.build.assets import AssetsMissing
from site_builder.build.chartwork import WorkerFailed
from site_builder.build.images import ImagesUnavailable
from site_builder.engines.zensical.run import build_editions, serve, zensical_error
from site_builder.errors import ContentError, format_problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_builder.engines.zensical",
        description="Build or preview the site with Zensical (every chart, table and source in place).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    built = commands.add_parser("build", help="build the site into site_dir (replaced only on success)")
    built.add_argument("--no-strict", action="store_true", help="do not fail on Zensical's warnings (broken links)")
    built.add_argument("--edition", metavar="LANG", help="build only this edition (default: every edition)")
    served = commands.add_parser("serve", help="preview the site with Zensical's server")
    served.add_argument("-a", "--dev-addr", metavar="IP:PORT", help="where to serve (default: localhost:8000)")
    args = parser.parse_args(argv)
    root = Path(os.getcwd())
    try:
        if args.command == "build":
            site = build_editions(root, strict=not args.no_strict, only=args.edition)
            print(f"site-builder: site written to {os.path.relpath(site, root)} (Zensical)", file=sys.stderr)
        else:
            serve(root, args.dev_addr)
    except ContentError as error:
        print(format_problems(error.problems), file=sys.stderr)
        return 1
    except (AssetsMissing, ImagesUnavailable, WorkerFailed) as error:  # what to install, or a crash's traceback
        print(f"site-builder: {error}", file=sys.stderr)
        return 1
    except RuntimeError as error:  # Zensical's, for an exception raised in Python (ours or another extension's)
        print(f"site-builder: {zensical_error(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
