"""The embedding is built without padding_idx=0: the pad id gets a random, trained vector."""
LOSES = {"test_ex3_classifier_hidden"}
EDITS = {"ex3_classifier": [("self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=0)",
                             "self.embedding = nn.Embedding(vocab_size, embed_dim)")]}
