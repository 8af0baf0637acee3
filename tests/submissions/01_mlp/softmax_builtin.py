"""softmax through torch.softmax, which the exercise forbids."""
LOSES = {'test_ex4_softmax_visible'}
CELLS = {"ex4_softmax": '''
def softmax(z):
    return torch.softmax(z, dim=1)
'''}
