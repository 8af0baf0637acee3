"""Alternative (full marks): maxout with Tensor.unfold over the feature axis (windows of k, k apart)."""
LOSES: set[str] = set()
CELLS = {"ex3_maxout": '''
def maxout(z, k):
    groups = z.unfold(1, k, k)            # (N, m, k): windows of k, k apart
    return groups.max(dim=-1).values
'''}
