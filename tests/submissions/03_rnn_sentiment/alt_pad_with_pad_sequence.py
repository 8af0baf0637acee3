"""Alternative (full marks): padding with torch.nn.utils.rnn.pad_sequence, then cut or widened to max_len."""
LOSES: set[str] = set()
CELLS = {"ex1_pad": '''
from torch.nn.utils.rnn import pad_sequence


def pad_batch(sequences, max_len, keep="last"):
    kept = []
    for sequence in sequences:
        if len(sequence) > max_len:
            sequence = sequence[-max_len:] if keep == "last" else sequence[:max_len]
        kept.append(torch.tensor(sequence, dtype=torch.long))
    lengths = torch.tensor([len(k) for k in kept], dtype=torch.long)
    ids = torch.zeros(len(kept), max_len, dtype=torch.long)
    if kept:
        padded = pad_sequence(kept, batch_first=True, padding_value=0)
        ids[:, :padded.shape[1]] = padded
    return ids, lengths
'''}
