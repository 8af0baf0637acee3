"""forward returns probabilities (a sigmoid before BCEWithLogitsLoss, which applies its own)."""
LOSES = {'test_ex3_classifier_hidden'}
EDITS = {
    "ex3_classifier": [
        ('return self.head(last).squeeze(-1)',
         'return torch.sigmoid(self.head(last)).squeeze(-1)'),
    ],
}
