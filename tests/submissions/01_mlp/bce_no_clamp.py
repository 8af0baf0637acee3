"""BCE without clamping the logarithms: y_hat = 0 or 1 gives 0 * log 0 = nan."""
LOSES = {'test_ex4_bce_mse_hidden'}
EDITS = {'ex4_bce_mse': [('log_p = torch.clamp(torch.log(y_hat), min=-100)', 'log_p = torch.log(y_hat)'), ('log_not_p = torch.clamp(torch.log(1 - y_hat), min=-100)', 'log_not_p = torch.log(1 - y_hat)')]}
