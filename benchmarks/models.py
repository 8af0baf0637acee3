"""The two reference networks of the data-path benchmark and their FLOP counts from layer shapes."""

from __future__ import annotations

import torch
from torch import nn


def reference_mlp() -> nn.Module:
    """784-256-128-10 with ReLU: the MLP of the conventions' speed facts."""
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                         nn.Linear(128, 10))


def reference_lenet() -> nn.Module:
    """LeNet-5 for 28x28 inputs (modern form: ReLU, max pooling), 61,706 parameters."""
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def forward_flops(model: nn.Module, input_shape: tuple[int, ...]) -> int:
    """Multiply-adds x 2 of the Linear and Conv2d layers for one sample of ``input_shape``.

    Example:
        >>> forward_flops(nn.Sequential(nn.Flatten(), nn.Linear(784, 10)), (1, 28, 28))
        15680
    """
    total = 0

    def count(module: nn.Module, _inputs: tuple, output: torch.Tensor) -> None:
        nonlocal total
        if isinstance(module, nn.Linear):
            total += 2 * module.in_features * module.out_features
        elif isinstance(module, nn.Conv2d):
            kh, kw = module.kernel_size
            per_output = 2 * (module.in_channels // module.groups) * kh * kw
            total += per_output * output[0].numel()

    hooks = [m.register_forward_hook(count) for m in model.modules() if isinstance(m, (nn.Linear, nn.Conv2d))]
    with torch.no_grad():
        model(torch.zeros(1, *input_shape))
    for hook in hooks:
        hook.remove()
    return total


def training_flops(model: nn.Module, input_shape: tuple[int, ...], samples: int) -> int:
    """FLOPs of one training epoch: forward plus backward (about twice the forward)."""
    return 3 * forward_flops(model, input_shape) * samples
