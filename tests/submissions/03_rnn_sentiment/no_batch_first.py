"""The recurrent layer is built without batch_first=True: it reads the batch as time and time as batch."""
LOSES = {'test_ex3_classifier_hidden'}
EDITS = {
    "ex3_classifier": [
        ('recurrent(embed_dim, hidden_size, batch_first=True)',
         'recurrent(embed_dim, hidden_size)'),
    ],
}
