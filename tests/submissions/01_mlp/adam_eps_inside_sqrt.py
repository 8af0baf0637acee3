"""Adam with epsilon inside the square root: sqrt(v_hat + eps) instead of sqrt(v_hat) + eps."""
LOSES = {'test_ex6_adam_hidden'}
EDITS = {'ex6_adam': [('p.sub_(group["lr"] * m_hat / (v_hat.sqrt() + group["eps"]))', 'p.sub_(group["lr"] * m_hat / (v_hat + group["eps"]).sqrt())')]}
