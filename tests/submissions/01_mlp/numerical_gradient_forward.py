"""Finite differences taken forward, (f(x + eps) - f(x)) / eps: not exact for a quadratic."""
LOSES = {"test_ex5_numerical_gradient_visible", "test_ex5_numerical_gradient_hidden"}
EDITS = {"ex5_numerical_gradient": [("flat[i] = old - eps\n", "flat[i] = old\n"),
                                    ("grad[i] = (f_plus - f_minus) / (2 * eps)", "grad[i] = (f_plus - f_minus) / eps")]}
