"""Alternative (full marks): Adam with out-of-place moment updates stored back into self.state and the update written with p -= ..."""
LOSES: set[str] = set()
CELLS = {"ex6_adam": '''
class Adam(torch.optim.Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(params, {"lr": lr, "betas": betas, "eps": eps})

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                t = state.get("t", 0) + 1
                m = beta1 * state.get("m", torch.zeros_like(p)) + (1 - beta1) * p.grad
                v = beta2 * state.get("v", torch.zeros_like(p)) + (1 - beta2) * p.grad ** 2
                state.update(t=t, m=m, v=v)
                p -= group["lr"] * (m / (1 - beta1 ** t)) / (torch.sqrt(v / (1 - beta2 ** t)) + group["eps"])
        return loss
'''}
