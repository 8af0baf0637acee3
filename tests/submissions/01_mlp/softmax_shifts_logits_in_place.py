"""softmax that subtracts the row maximum from the caller's logits in place (z -= max): the probabilities are
right (softmax does not change under a shift), but the caller's tensor z is changed."""
LOSES = {"test_ex4_softmax_hidden"}
EDITS = {"ex4_softmax": [("    shifted = z - z.max(dim=1, keepdim=True).values\n    e = torch.exp(shifted)",
                          "    z -= z.max(dim=1, keepdim=True).values\n    e = torch.exp(z)")]}
