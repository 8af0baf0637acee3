"""BCE that clamps the probabilities to [1e-7, 1 - 1e-7] instead of each logarithm at -100 as nn.BCELoss does."""
LOSES = {'test_ex4_bce_mse_hidden'}
EDITS = {'ex4_bce_mse': [('log_p = torch.clamp(torch.log(y_hat), min=-100)', 'y_hat = torch.clamp(y_hat, 1e-7, 1 - 1e-7)\n    log_p = torch.log(y_hat)'), ('log_not_p = torch.clamp(torch.log(1 - y_hat), min=-100)', 'log_not_p = torch.log(1 - y_hat)')]}
