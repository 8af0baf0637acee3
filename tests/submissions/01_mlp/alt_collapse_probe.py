"""Alternative (full marks): the collapsed layer read off the stack itself: b' = fc2(fc1(0)), W' from the images of the unit vectors."""
LOSES: set[str] = set()
CELLS = {"ex2_collapse_linear": '''
def collapse_linear(fc1, fc2):
    with torch.no_grad():
        n = fc1.in_features
        bias = fc2(fc1(torch.zeros(1, n)))[0]
        weight = (fc2(fc1(torch.eye(n))) - bias).T
    return weight, bias
'''}
