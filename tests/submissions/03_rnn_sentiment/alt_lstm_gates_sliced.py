"""Alternative (full marks): the LSTM's gates computed one by one from slices of the weights, the bias opened with add_."""
LOSES: set[str] = set()
CELLS = {"ex2_lstm_cell": r'''
class LSTMCell(nn.Module):
    def __init__(self, input_size, hidden_size, forget_bias=1.0):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        bound = hidden_size ** -0.5
        self.W_x = nn.Parameter(torch.empty(4 * hidden_size, input_size).uniform_(-bound, bound))
        self.W_a = nn.Parameter(torch.empty(4 * hidden_size, hidden_size).uniform_(-bound, bound))
        self.b = nn.Parameter(torch.empty(4 * hidden_size).uniform_(-bound, bound))
        with torch.no_grad():
            self.b[hidden_size : 2 * hidden_size].add_(torch.full((hidden_size,), float(forget_bias)))

    def forward(self, x, state):
        a_prev, c_prev = state
        H = self.hidden_size

        def block(k):
            rows = slice(k * H, (k + 1) * H)
            return x @ self.W_x[rows].T + a_prev @ self.W_a[rows].T + self.b[rows]

        input_gate, forget_gate = torch.sigmoid(block(0)), torch.sigmoid(block(1))
        candidate, output_gate = torch.tanh(block(2)), torch.sigmoid(block(3))
        c = forget_gate * c_prev + input_gate * candidate
        return output_gate * torch.tanh(c), c
'''}
