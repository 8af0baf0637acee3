"""The gradient norm is taken per sample and step (over the features only): shape (N, T), not (T,)."""
LOSES = {'test_ex4_gradients_hidden', 'test_ex4_gradients_visible'}
CELLS = {
    'ex4_gradients': r'''
def input_gradient_norms(rnn: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """How much a loss read at the last step depends on the input at each step.

    rnn: a batch-first recurrent module called as rnn(x) -> (outputs (N, T, H), state),
         e.g. nn.RNN, nn.LSTM, nn.GRU or your ElmanRNN.
    x: (N, T, d) inputs; they may be part of a graph (e.g. an embedding's output): the gradient
       wanted is the one with respect to x itself.
    The loss is L = outputs[:, -1].sum(), the sum of the last step's outputs.

    Returns: (T,) detached float tensor; entry t is the Euclidean norm of dL/dx[:, t, :]
    (over the batch and the features together).
    """
    x = x.detach().clone().requires_grad_(True)
    outputs, _ = rnn(x)
    (grad,) = torch.autograd.grad(outputs[:, -1].sum(), x)
    return grad.norm(dim=2)
''',
}
