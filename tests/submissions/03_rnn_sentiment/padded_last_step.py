"""The classifier reads the output at the last column, a pad for every review shorter than the batch."""
LOSES = {'test_ex3_classifier_hidden', 'test_ex3_classifier_visible'}
CELLS = {
    'ex3_classifier': r'''
class SentimentRNN(nn.Module):
    """Many-to-one RNN: embedding -> RNN, LSTM or GRU -> output at the last real step -> linear -> one logit.

    Layers, with these names (the tests read them):
        embedding: nn.Embedding(vocab_size, embed_dim, padding_idx=0)
        rnn: nn.RNN, nn.LSTM or nn.GRU (kind "rnn", "lstm" or "gru"), one layer, batch_first=True
        head: nn.Linear(hidden_size, 1)
    """

    def __init__(self, vocab_size: int, embed_dim: int = 64, hidden_size: int = 64, kind: str = "lstm") -> None:
        super().__init__()
        recurrent = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[kind]
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=0)
        self.rnn = recurrent(embed_dim, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, 1)

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """ids: (N, T) int64, right-padded with 0; lengths: (N,) real lengths (each at least 1).

        Returns: (N,) logits (no sigmoid: BCEWithLogitsLoss applies it).
        """
        outputs, _ = self.rnn(self.embedding(ids))
        return self.head(outputs[:, -1]).squeeze(-1)
''',
}
