"""Alternative (full marks): the classifier packs the padded batch and reads the RNN's final state."""
LOSES: set[str] = set()
CELLS = {"ex3_classifier": '''
from torch.nn.utils.rnn import pack_padded_sequence


class SentimentRNN(nn.Module):
    def __init__(self, vocab_size, embed_dim=64, hidden_size=64, kind="lstm"):
        super().__init__()
        self.kind = kind
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=0)
        if kind == "rnn":
            self.rnn = nn.RNN(embed_dim, hidden_size, batch_first=True)
        elif kind == "gru":
            self.rnn = nn.GRU(embed_dim, hidden_size, batch_first=True)
        else:
            self.rnn = nn.LSTM(embed_dim, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, 1)

    def forward(self, ids, lengths):
        packed = pack_padded_sequence(self.embedding(ids), lengths.cpu(), batch_first=True, enforce_sorted=False)
        _, state = self.rnn(packed)
        final = state[0] if self.kind == "lstm" else state
        return self.head(final[-1]).squeeze(-1)
'''}
