"""Early stopping that never resets its counter after an improvement: it counts all bad epochs since the start."""
LOSES = {'test_ex10_early_stopping_hidden'}
EDITS = {'ex10_early_stopping': [('self.best_loss, self.bad_epochs = val_loss, 0', 'self.best_loss = val_loss')]}
