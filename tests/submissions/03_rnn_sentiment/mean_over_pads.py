"""The baseline averages the embeddings over every column, pads included."""
LOSES = {'test_ex5_bag_hidden', 'test_ex5_bag_visible'}
CELLS = {
    'ex5_bag': r'''
class BagOfEmbeddings(nn.Module):
    """Order-free baseline: mean of the embeddings of the real tokens -> linear -> one logit.

    Layers: embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=0), head = nn.Linear(embed_dim, 1).
    """

    def __init__(self, vocab_size: int, embed_dim: int = 64) -> None:
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=0)
        self.head = nn.Linear(embed_dim, 1)

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """ids: (N, T) int64, right-padded with 0; lengths: (N,) real lengths (at least 1). Returns (N,) logits."""
        return self.head(self.embedding(ids).mean(dim=1)).squeeze(-1)
''',
}
