"""The hidden state is not carried between steps: every step starts again from a0."""
LOSES = {'test_ex2_layer_hidden', 'test_ex2_layer_visible'}
CELLS = {
    'ex2_layer': r'''
class ElmanRNN(nn.Module):
    """Elman's RNN unrolled over time: calls one cell at every step, batch first.

    cell: a module called as cell(x_t, a_prev) -> a_t, with an attribute hidden_size
          (your ElmanCell, or torch's nn.RNNCell).
    """

    def __init__(self, cell: nn.Module) -> None:
        super().__init__()
        self.cell = cell

    def forward(self, x: torch.Tensor, a0: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        """x: (N, T, input_size); a0: (N, hidden_size), the initial state (zeros when None).

        Returns:
            outputs: (N, T, hidden_size), the states a<1>, ..., a<T>.
            last: (N, hidden_size), the last state a<T>.
        """
        a = x.new_zeros(x.shape[0], self.cell.hidden_size) if a0 is None else a0
        states = [self.cell(x[:, t], a) for t in range(x.shape[1])]
        return torch.stack(states, dim=1), states[-1]
''',
}
