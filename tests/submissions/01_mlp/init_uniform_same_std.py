"""Glorot and He initializers that draw from the uniform variants (bounds sqrt(6 / (fan_in + fan_out)) and
sqrt(6 / fan_in)): the right mean and standard deviation, but not the normal distribution the table asks for."""
LOSES = {"test_ex8_init_hidden"}
CELLS = {"ex8_init": '''
def glorot_normal_(weight):
    fan_out, fan_in = weight.shape
    bound = math.sqrt(6.0 / (fan_in + fan_out))
    with torch.no_grad():
        return weight.uniform_(-bound, bound)


def he_normal_(weight):
    fan_out, fan_in = weight.shape
    bound = math.sqrt(6.0 / fan_in)
    with torch.no_grad():
        return weight.uniform_(-bound, bound)
'''}
