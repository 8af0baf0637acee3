"""A penalty over every parameter named weight: batch norm's gamma is penalized too."""
LOSES = {'test_ex10_penalty_hidden'}
CELLS = {"ex10_penalty": '''
def weight_penalty(model, lam, n_samples, p=2):
    total = sum(w.abs().pow(p).sum() for name, w in model.named_parameters() if name.endswith("weight"))
    return lam / (2 * n_samples) * total
'''}
