"""``python -m course_utils.data [--no-download]``: prepare and verify every data set (``make data``)."""

from __future__ import annotations

import argparse
import sys

from course_utils.data import fashion_mnist, imdb
from course_utils.data.store import DataSetError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_utils.data", description=__doc__)
    parser.add_argument("--no-download", action="store_true", help="only check local copies")
    args = parser.parse_args(argv)
    status = 0
    for module in (fashion_mnist, imdb):
        try:
            print(module.prepare(download=not args.no_download))
        except (DataSetError, OSError, RuntimeError) as error:
            print(f"error: {error}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
