"""He initialization computed with weight.shape[0] (fan_out for an nn.Linear weight) instead of fan_in."""
LOSES = {"test_ex8_init_hidden"}
CELLS = {"ex8_init": '''
def glorot_normal_(weight: torch.Tensor) -> torch.Tensor:
    fan_out, fan_in = weight.shape
    with torch.no_grad():
        return weight.normal_(0.0, math.sqrt(2.0 / (fan_in + fan_out)))


def he_normal_(weight: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        return weight.normal_(0.0, math.sqrt(2.0 / weight.shape[0]))
'''}
