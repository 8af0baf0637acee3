"""The collapsed bias forgets to pass fc1's bias through fc2's weights: b + c instead of V b + c."""
LOSES = {"test_ex2_collapse_linear_visible", "test_ex2_collapse_linear_hidden"}
CELLS = {"ex2_collapse_linear": '''
def collapse_linear(fc1, fc2):
    with torch.no_grad():
        weight = fc2.weight @ fc1.weight
        bias = fc1.bias.sum() + fc2.bias
    return weight, bias
'''}
