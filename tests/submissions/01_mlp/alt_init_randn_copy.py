"""Alternative (full marks): He fills the weight with copy_(randn_like * sigma), Glorot with nn.init.normal_."""
LOSES: set[str] = set()
CELLS = {"ex8_init": '''
def glorot_normal_(weight):
    fan_out, fan_in = weight.shape
    return nn.init.normal_(weight, mean=0.0, std=(2.0 / (fan_in + fan_out)) ** 0.5)


def he_normal_(weight):
    fan_in = weight.shape[1]
    with torch.no_grad():
        weight.copy_(torch.randn_like(weight) * math.sqrt(2.0 / fan_in))
    return weight
'''}
