"""Early stopping that counts an equal loss as an improvement (<= instead of <)."""
LOSES = {'test_ex10_early_stopping_hidden'}
EDITS = {'ex10_early_stopping': [('if val_loss < self.best_loss - self.min_delta:', 'if val_loss <= self.best_loss - self.min_delta:')]}
