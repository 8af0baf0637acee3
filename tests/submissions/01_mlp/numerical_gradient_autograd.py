"""numerical_gradient that returns autograd's exact gradient instead of the central difference with step eps."""
LOSES = {'test_ex5_numerical_gradient_hidden'}
CELLS = {"ex5_numerical_gradient": '''
def numerical_gradient(f, x, eps=1e-3):
    point = x.detach().clone().requires_grad_(True)
    with torch.enable_grad():
        (grad,) = torch.autograd.grad(f(point), point)
    return grad
'''}
