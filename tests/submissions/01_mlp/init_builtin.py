"""Initializers that call nn.init.xavier_normal_ and nn.init.kaiming_normal_, which the exercise forbids."""
LOSES = {'test_ex8_init_visible'}
CELLS = {"ex8_init": '''
def glorot_normal_(weight):
    return nn.init.xavier_normal_(weight)


def he_normal_(weight):
    return nn.init.kaiming_normal_(weight, nonlinearity="relu")
'''}
