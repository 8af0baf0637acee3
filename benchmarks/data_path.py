"""One training epoch over Fashion-MNIST: course_utils' in-memory batches against torchvision's
``FashionMNIST`` + ``ToTensor`` + ``DataLoader``, and the FLOP rate against the machine's peak."""

from __future__ import annotations

import gzip
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import torch
from torch import nn

from benchmarks.models import reference_lenet, reference_mlp, training_flops
from course_utils.data import TensorBatches, load_fashion_mnist
from course_utils.data.fashion_mnist import SHA256, find_file
from course_utils.training import channels_last

LENET = "LeNet-5"
LENET_DEFAULT_LAYOUT = "LeNet-5, default memory layout"

BATCH = 128
COURSE_UTILS = "course_utils TensorBatches"
NO_LOADER = "no loader, batches prebuilt (the floor)"


def train_epoch(model: nn.Module, batches: Iterable) -> float:
    """Seconds for one epoch of Adam over ``batches``."""
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    start = time.perf_counter()
    for images, labels in batches:
        optimizer.zero_grad()
        loss_fn(model(images), labels).backward()
        optimizer.step()
    return time.perf_counter() - start


def torchvision_root() -> Path:
    """A folder laid out as torchvision expects, holding the decompressed local idx files."""
    root = Path(tempfile.mkdtemp(prefix="fmnist-torchvision-"))
    raw = root / "FashionMNIST" / "raw"
    raw.mkdir(parents=True)
    for name in SHA256:
        path = find_file(name)
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        (raw / name).write_bytes(data)
    return root


def torchvision_batches(root: Path, workers: int) -> Iterable:
    from torch.utils.data import DataLoader
    from torchvision.datasets import FashionMNIST
    from torchvision.transforms import ToTensor

    dataset = FashionMNIST(str(root), train=True, transform=ToTensor(), download=False)
    return DataLoader(dataset, batch_size=BATCH, shuffle=True, num_workers=workers)


def peak_gflops(size: int = 2048, repeats: int = 5) -> float:
    """fp32 matrix-multiply rate of this machine (median of ``repeats``), in GFLOP/s."""
    a, b = torch.randn(size, size), torch.randn(size, size)
    torch.mm(a, b)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        torch.mm(a, b)
        times.append(time.perf_counter() - start)
    return 2 * size**3 / statistics.median(times) / 1e9


def run(repeats: int = 3, log: Callable[[str], None] = print) -> dict:
    """Median epoch times per (model, loader), the ratio, and the FLOP rates; one run, same machine."""
    images, labels = load_fashion_mnist("train")
    root = torchvision_root()
    # The time of the training steps alone: what no loader, however fast, can go below.
    prebuilt = list(TensorBatches(images, labels, batch_size=BATCH, shuffle=True, seed=0))
    loaders = {
        COURSE_UTILS: lambda: TensorBatches(images, labels, batch_size=BATCH, shuffle=True),
        "torchvision DataLoader, 0 workers": lambda: torchvision_batches(root, 0),
        "torchvision DataLoader, 2 workers": lambda: torchvision_batches(root, 2),
        NO_LOADER: lambda: prebuilt,
    }
    # LeNet-5 as 02_lenet trains it: channels-last weights (course_utils.training.channels_last),
    # the same model behind every loader; the default layout is timed too, for comparison.
    models = {"MLP 784-256-128-10": reference_mlp,
              LENET: lambda: channels_last(reference_lenet(), images[:2]),
              LENET_DEFAULT_LAYOUT: reference_lenet}
    results: dict = {"epochs": {}, "peak_gflops": peak_gflops(), "threads": torch.get_num_threads()}
    for model_name, make_model in models.items():
        for loader_name, make_batches in loaders.items():
            if model_name == LENET_DEFAULT_LAYOUT and loader_name != COURSE_UTILS:
                continue
            times = []
            for run_index in range(repeats):
                torch.manual_seed(run_index)
                times.append(train_epoch(make_model(), make_batches()))
            results["epochs"][(model_name, loader_name)] = statistics.median(times)
            log(f"  {model_name:<32} {loader_name:<36} median {statistics.median(times):6.2f} s "
                f"({', '.join(f'{t:.2f}' for t in times)})")
        flops = training_flops(make_model(), (1, 28, 28), len(images))
        seconds = results["epochs"][(model_name, COURSE_UTILS)]
        results.setdefault("flops", {})[model_name] = (flops, flops / seconds / 1e9)
    return results
