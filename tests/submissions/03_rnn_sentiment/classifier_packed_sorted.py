"""pack_padded_sequence with its default enforce_sorted=True: a batch whose lengths are not sorted fails."""
LOSES = {"test_ex3_classifier_visible", "test_ex3_classifier_hidden"}
CELLS = {"ex3_classifier": '''
from torch.nn.utils.rnn import pack_padded_sequence


class SentimentRNN(nn.Module):
    def __init__(self, vocab_size, embed_dim=64, hidden_size=64, kind="lstm"):
        super().__init__()
        self.kind = kind
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=0)
        self.rnn = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[kind](embed_dim, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, 1)

    def forward(self, ids, lengths):
        packed = pack_padded_sequence(self.embedding(ids), lengths.cpu(), batch_first=True)
        _, state = self.rnn(packed)
        final = state[0] if self.kind == "lstm" else state
        return self.head(final[-1]).squeeze(-1)
'''}
