"""Alternative (full marks): the sum over all the columns (the pads' embedding is zero: padding_idx=0) divided by the lengths."""
LOSES: set[str] = set()
EDITS = {"ex5_bag": [("""        mask = (torch.arange(ids.shape[1], device=ids.device) < lengths.to(ids.device).unsqueeze(1)).unsqueeze(2)
        total = (self.embedding(ids) * mask).sum(dim=1)
        mean = total / lengths.to(ids.device).clamp(min=1).unsqueeze(1)
""", """        mean = self.embedding(ids).sum(dim=1) / lengths.to(ids.device)[:, None].float()
""")]}
