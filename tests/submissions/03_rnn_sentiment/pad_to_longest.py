"""Padding to the longest sequence of the batch (pad_sequence), not to max_len: fewer columns when all are short."""
LOSES = {"test_ex1_pad_hidden"}
CELLS = {"ex1_pad": r'''
from torch.nn.utils.rnn import pad_sequence


def pad_batch(sequences, max_len, keep="last"):
    kept = [s[-max_len:] if keep == "last" else s[:max_len] for s in sequences]
    lengths = torch.tensor([len(k) for k in kept], dtype=torch.long)
    ids = pad_sequence([torch.tensor(k, dtype=torch.long) for k in kept], batch_first=True, padding_value=0)
    return ids, lengths
'''}
