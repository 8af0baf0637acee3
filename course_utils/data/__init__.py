"""The course's data sets, offline first: Fashion-MNIST and IMDB.

Example:
    >>> from course_utils.data import load_fashion_mnist, TensorBatches, FASHION_MNIST_CLASSES
    >>> images, labels = load_fashion_mnist("test")
    >>> batches = TensorBatches(images, labels, batch_size=256, shuffle=False)
    >>> len(batches)
    40
"""

from course_utils.data import fashion_mnist, imdb
from course_utils.data.batches import TensorBatches, train_val_split
from course_utils.data.fashion_mnist import CLASSES as FASHION_MNIST_CLASSES
from course_utils.data.fashion_mnist import load_fashion_mnist
from course_utils.data.imdb import load_imdb
from course_utils.data.store import DataSetError

__all__ = [
    "DataSetError",
    "FASHION_MNIST_CLASSES",
    "TensorBatches",
    "load_fashion_mnist",
    "load_imdb",
    "preload",
    "train_val_split",
]


def preload() -> list[str]:
    """Read and verify every data set this machine has, once, into the loaders' caches, so that
    processes forked afterwards find it in memory: the grading zygote (``course_grader/zygote.py``)
    calls it before forking the kernels, which then skip reading, decompressing and checksumming
    (1 to 3 s a notebook). Each kernel still gets its own copy of the arrays it loads. A missing or
    damaged set is skipped: the notebook that loads it reports the ``DataSetError`` itself.

    Example:
        >>> preload()
        ['Fashion-MNIST', 'IMDB']
    """
    loaded = []
    # The package's own cached readers: what load_fashion_mnist and load_imdb copy their results from.
    for name, load in (("Fashion-MNIST", lambda: [fashion_mnist._load_uint8(split) for split in fashion_mnist.FILES]),
                       ("IMDB", imdb._load_all)):
        try:
            load()
            loaded.append(name)
        except DataSetError:
            pass
    return loaded
