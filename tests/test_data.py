"""The real data sets, loaded offline, and the errors for missing or damaged copies."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
import torch

from course_utils.data import DataSetError, FASHION_MNIST_CLASSES, fashion_mnist, imdb, load_fashion_mnist, load_imdb


@pytest.mark.parametrize("split, n", [("train", 60_000), ("test", 10_000)])
def test_fashion_mnist_official_split(split, n):
    images, labels = load_fashion_mnist(split)
    assert tuple(images.shape) == (n, 1, 28, 28) and images.dtype == torch.float32
    assert float(images.min()) == 0.0 and float(images.max()) == 1.0
    assert labels.dtype == torch.int64
    assert torch.bincount(labels).tolist() == [n // 10] * 10  # Fashion-MNIST is balanced
    assert len(FASHION_MNIST_CLASSES) == 10


def test_fashion_mnist_returns_copies():
    images, labels = load_fashion_mnist("test")
    images.zero_()
    labels.zero_()
    again, again_labels = load_fashion_mnist("test")
    assert float(again.sum()) > 0 and int(again_labels.sum()) > 0


@pytest.mark.parametrize("split", ["train", "test"])
def test_imdb_official_split_is_balanced(split):
    texts, labels = load_imdb(split)
    assert len(texts) == len(labels) == 25_000
    assert sum(labels) == 12_500 and set(labels) == {0, 1}
    assert all(isinstance(t, str) and t for t in texts[:100])
    assert any("<br />" in t for t in texts[:200])  # raw texts: cleaning is the students' job


def test_imdb_splits_do_not_overlap():
    train, _ = load_imdb("train")
    test, _ = load_imdb("test")
    # aclImdb itself repeats 123 reviews across its splits; a wrong block order would share 12,500.
    assert len(set(train) & set(test)) < 200


def test_unknown_split_is_refused():
    with pytest.raises(ValueError, match="'train' or 'test'"):
        load_fashion_mnist("validation")
    with pytest.raises(ValueError, match="'train' or 'test'"):
        load_imdb("dev")


@pytest.fixture
def isolated_data(tmp_path, monkeypatch):
    """No system copy, an empty project cache, and $COURSE_DATA_DIR pointing at tmp_path."""
    monkeypatch.setattr(fashion_mnist, "SYSTEM_DIR", tmp_path / "no-system-copy")
    monkeypatch.setattr("course_utils.data.store.cache_dir", lambda: tmp_path / "cache")
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))
    fashion_mnist._load_uint8.cache_clear()
    imdb._load_all.cache_clear()
    yield tmp_path
    fashion_mnist._load_uint8.cache_clear()
    imdb._load_all.cache_clear()


def test_missing_fashion_mnist_names_the_fix(isolated_data):
    with pytest.raises(DataSetError, match=r"not found .*Run `make data`"):
        load_fashion_mnist("test")


def test_missing_imdb_names_the_fix(isolated_data):
    with pytest.raises(DataSetError, match=r"IMDB \(reviews.json\) was not found .*make data"):
        load_imdb("test")


def test_damaged_fashion_mnist_is_detected(isolated_data):
    folder = isolated_data / "data" / "fashion-mnist"
    folder.mkdir(parents=True)
    source = Path("/usr/share/datasets/fashion-mnist")
    content = bytearray(gzip.decompress((source / "t10k-labels-idx1-ubyte.gz").read_bytes()))
    content[100] = (content[100] + 1) % 10  # one flipped label
    (folder / "t10k-labels-idx1-ubyte").write_bytes(bytes(content))
    shutil.copy(source / "t10k-images-idx3-ubyte.gz", folder)
    with pytest.raises(DataSetError, match=r"t10k-labels-idx1-ubyte .* is damaged: sha256 .*make data"):
        load_fashion_mnist("test")


def test_truncated_gzip_is_reported_as_damaged(isolated_data):
    folder = isolated_data / "data" / "fashion-mnist"
    folder.mkdir(parents=True)
    raw = Path("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz").read_bytes()
    (folder / "t10k-images-idx3-ubyte.gz").write_bytes(raw[: len(raw) // 2])
    with pytest.raises(DataSetError, match="damaged: cannot be read"):
        load_fashion_mnist("test")


def test_damaged_imdb_is_detected(isolated_data):
    folder = isolated_data / "data" / "imdb"
    folder.mkdir(parents=True)
    (folder / "reviews.json").write_text('[{"t": "great", "s": 1}]')
    with pytest.raises(DataSetError, match="reviews.json .* is damaged"):
        load_imdb("train")


def test_imdb_prepare_reuses_the_local_tarball(isolated_data, monkeypatch):
    cached = Path(__file__).resolve().parents[1] / "data" / "imdb" / imdb.TARBALL
    if not cached.is_file():
        pytest.skip("no local tarball in data/imdb (make data keeps it)")
    target = isolated_data / "cache" / "imdb"
    target.mkdir(parents=True)
    shutil.copy(cached, target)
    monkeypatch.setattr(imdb, "_npm_pack", lambda _: pytest.fail("npm must not run when a tarball is here"))
    monkeypatch.setattr(imdb, "cache_dir", lambda: isolated_data / "cache")
    assert "from the local tarball" in imdb.prepare()
    assert len(load_imdb("test")[0]) == 25_000
