"""Initializers that pass the variance (2 / fan_in) to normal_ as the standard deviation."""
LOSES = {'test_ex8_init_visible', 'test_ex8_init_hidden'}
CELLS = {"ex8_init": '''
def glorot_normal_(weight):
    fan_out, fan_in = weight.shape
    with torch.no_grad():
        return weight.normal_(0.0, 2.0 / (fan_in + fan_out))


def he_normal_(weight):
    fan_out, fan_in = weight.shape
    with torch.no_grad():
        return weight.normal_(0.0, 2.0 / fan_in)
'''}
