"""Alternative (full marks): the pads' positions set to 0 after the ReLU (never above a real position's value), amax."""
LOSES: set[str] = set()
EDITS = {
    "ex8_cnn": [
        ('        features = features.masked_fill(~real.unsqueeze(1), float("-inf"))\n        return self.head(features.max(dim=2).values).squeeze(-1)',
         '        return self.head((features * real.unsqueeze(1)).amax(dim=2)).squeeze(-1)'),
    ],
}
