"""Glorot with the slide's printed sigma 1 / sqrt(fan_in + fan_out) instead of sqrt(2 / (fan_in + fan_out))."""
LOSES = {'test_ex8_init_visible', 'test_ex8_init_hidden'}
EDITS = {'ex8_init': [('math.sqrt(2.0 / (fan_in + fan_out))', '1.0 / math.sqrt(fan_in + fan_out)')]}
