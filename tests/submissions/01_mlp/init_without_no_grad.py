"""Initializers that fill the weight in place without torch.no_grad(): an error on a parameter that requires grad."""
LOSES = {'test_ex8_init_visible', 'test_ex8_init_hidden'}
CELLS = {"ex8_init": '''
def glorot_normal_(weight):
    fan_out, fan_in = weight.shape
    return weight.normal_(0.0, math.sqrt(2.0 / (fan_in + fan_out)))


def he_normal_(weight):
    fan_out, fan_in = weight.shape
    return weight.normal_(0.0, math.sqrt(2.0 / fan_in))
'''}
