"""The classifier reads the RNN's output at the first step instead of the last real one."""
LOSES = {'test_ex3_classifier_hidden'}
EDITS = {
    "ex3_classifier": [
        ('last = outputs[rows, lengths.to(ids.device) - 1]',
         'last = outputs[:, 0]'),
    ],
}
