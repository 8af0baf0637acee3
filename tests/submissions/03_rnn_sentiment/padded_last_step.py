"""The classifier reads the output at the last column, a pad for every review shorter than the batch."""
LOSES = {'test_ex3_classifier_hidden', 'test_ex3_classifier_visible'}
EDITS = {
    "ex3_classifier": [
        ('last = outputs[rows, lengths.to(ids.device) - 1]',
         'last = outputs[:, -1]'),
    ],
}
