"""Adam that subclasses torch.optim.Adam instead of writing the update: right numbers, not from scratch."""
LOSES = {'test_ex6_adam_visible'}
CELLS = {"ex6_adam": '''
class Adam(torch.optim.Adam):
    """Adam, inherited."""
'''}
