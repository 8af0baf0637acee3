"""Early stopping that keeps model.state_dict() itself: the live tensors, which the optimizer changes in place, so the 'best' weights are the last ones."""
LOSES = {'test_ex10_early_stopping_hidden', 'test_ex10_early_stopping_visible'}
EDITS = {'ex10_early_stopping': [('self.best_state = copy.deepcopy(model.state_dict())', 'self.best_state = model.state_dict()')]}
