"""keep="last" as sequence[len(sequence) - max_len:] for every sequence: a short one gets a negative start and loses ids."""
LOSES = {"test_ex1_pad_hidden"}
EDITS = {"ex1_pad": [('kept = sequence[len(sequence) - max_len :] if keep == "last" and len(sequence) > max_len else sequence[:max_len]',
                      'kept = sequence[len(sequence) - max_len :] if keep == "last" else sequence[:max_len]')]}
