"""The course's data sets, offline first: Fashion-MNIST and IMDB.

Example:
    >>> from course_utils.data import load_fashion_mnist, TensorBatches, FASHION_MNIST_CLASSES
    >>> images, labels = load_fashion_mnist("test")
    >>> batches = TensorBatches(images, labels, batch_size=256, shuffle=False)
    >>> len(batches)
    40
"""

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
    "train_val_split",
]
