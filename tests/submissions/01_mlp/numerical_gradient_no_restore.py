"""Finite differences that perturb x itself and never put the entry back: x changes, and later entries see earlier perturbations."""
LOSES = {'test_ex5_numerical_gradient_hidden'}
CELLS = {"ex5_numerical_gradient": '''
def numerical_gradient(f, x, eps=1e-3):
    flat = x.view(-1)
    grad = torch.zeros_like(flat)
    for i in range(flat.numel()):
        flat[i] += eps
        f_plus = float(f(x))
        flat[i] -= 2 * eps
        f_minus = float(f(x))
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad.view_as(x)
'''}
