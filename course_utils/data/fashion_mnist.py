"""Fashion-MNIST (Xiao et al., 2017): 60,000 training and 10,000 test images, 28x28, 10 classes.

Read offline from the original idx files, verified by the checksum of their decompressed
content (Debian's ``dataset-fashion-mnist`` recompressed the ``.gz`` files).
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
import torch

from course_utils.data.store import DataSetError, cache_dir, damaged, missing, search_dirs, sha256_bytes

CLASSES: tuple[str, ...] = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)
"""The ten class names, indexed by label."""

SYSTEM_DIR = Path("/usr/share/datasets/fashion-mnist")
"""Where Debian's package ``dataset-fashion-mnist`` installs the idx files."""

FILES: dict[str, tuple[str, str]] = {
    # split: (images file, labels file), without the .gz suffix
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}
SHA256: dict[str, str] = {
    # checksums of the decompressed idx files
    "train-images-idx3-ubyte": "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
    "train-labels-idx1-ubyte": "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
    "t10k-images-idx3-ubyte": "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    "t10k-labels-idx1-ubyte": "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
}
SIZES = {"train": 60_000, "test": 10_000}

Split = Literal["train", "test"]


def find_file(name: str) -> Path:
    """Path of idx file ``name`` (plain or ``.gz``) in the first folder that has it."""
    dirs = search_dirs("fashion-mnist", SYSTEM_DIR)
    for folder in dirs:
        for candidate in (folder / name, folder / f"{name}.gz"):
            if candidate.is_file():
                return candidate
    raise missing(f"Fashion-MNIST file {name}", dirs)


def _read_verified(name: str) -> bytes:
    path = find_file(name)
    try:
        raw = path.read_bytes()
        content = gzip.decompress(raw) if path.suffix == ".gz" else raw
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise damaged(f"Fashion-MNIST file {name}", path, f"cannot be read ({error})") from error
    digest = sha256_bytes(content)
    if digest != SHA256[name]:
        raise damaged(f"Fashion-MNIST file {name}", path, f"sha256 {digest[:16]}... != {SHA256[name][:16]}...")
    return content


@lru_cache(maxsize=2)
def _load_uint8(split: Split) -> tuple[torch.Tensor, torch.Tensor]:
    images_name, labels_name = FILES[split]
    # idx format: big-endian header (16 bytes for images, 8 for labels), then one byte per value
    images = np.frombuffer(_read_verified(images_name), dtype=np.uint8, offset=16)
    labels = np.frombuffer(_read_verified(labels_name), dtype=np.uint8, offset=8)
    images_t = torch.from_numpy(images.copy()).view(-1, 1, 28, 28)
    labels_t = torch.from_numpy(labels.astype(np.int64))
    return images_t, labels_t


def load_fashion_mnist(split: Split = "train") -> tuple[torch.Tensor, torch.Tensor]:
    """Images of shape (N, 1, 28, 28), float32 in [0, 1], and labels of shape (N,), int64.

    ``split`` is ``"train"`` (N = 60,000) or ``"test"`` (N = 10,000), the official split.
    Raises ``DataSetError`` naming ``make data`` when the files are missing or damaged.

    Example:
        >>> images, labels = load_fashion_mnist("test")
        >>> tuple(images.shape), labels[:3].tolist(), CLASSES[labels[0]]
        ((10000, 1, 28, 28), [9, 2, 1], 'Ankle boot')
    """
    if split not in FILES:
        raise ValueError(f"split must be 'train' or 'test', got {split!r}")
    images, labels = _load_uint8(split)
    return images.float().div_(255.0), labels.clone()


def prepare(download: bool = True) -> str:
    """Check that Fashion-MNIST is readable and intact; download it into the cache if nowhere.

    Returns a one-line report. Used by ``make data``.
    """
    try:
        for split in FILES:
            _load_uint8.cache_clear()
            images, _ = _load_uint8(split)
            assert len(images) == SIZES[split]
        return f"Fashion-MNIST: ok ({find_file(FILES['train'][0]).parent})"
    except DataSetError:
        if not download:
            raise
    target = cache_dir() / "fashion-mnist"
    _download(target)
    _load_uint8.cache_clear()
    for split in FILES:
        _load_uint8(split)
    return f"Fashion-MNIST: downloaded into {target}"


def _download(target: Path) -> None:
    # Only reached when no local copy exists (no Debian package, no cache).
    from torchvision.datasets import FashionMNIST

    FashionMNIST(str(target / "_torchvision"), download=True)
    raw = target / "_torchvision" / "FashionMNIST" / "raw"
    target.mkdir(parents=True, exist_ok=True)
    for name in SHA256:
        (target / name).write_bytes((raw / name).read_bytes())
