"""Alternative (full marks): the last real step picked with torch.gather, the recurrent class chosen with if/elif."""
LOSES: set[str] = set()
CELLS = {"ex3_classifier": r'''
class SentimentRNN(nn.Module):
    def __init__(self, vocab_size, embed_dim=64, hidden_size=64, kind="lstm"):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=0)
        if kind == "rnn":
            self.rnn = nn.RNN(embed_dim, hidden_size, batch_first=True)
        elif kind == "gru":
            self.rnn = nn.GRU(embed_dim, hidden_size, batch_first=True)
        else:
            self.rnn = nn.LSTM(embed_dim, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, 1)

    def forward(self, ids, lengths):
        outputs, _ = self.rnn(self.embedding(ids))
        index = (lengths.to(ids.device) - 1).view(-1, 1, 1).expand(-1, 1, outputs.shape[2])
        last = outputs.gather(1, index)[:, 0]
        return self.head(last)[:, 0]
'''}
