"""Weight shape with in_channels / groups (true division), so the shape and the count hold floats (6, 1.0, 5, 5)."""
LOSES = {"test_ex3_conv_params_visible", "test_ex3_conv_params_hidden"}
EDITS = {"ex3_conv_params": [("return (out_channels, in_channels // groups, kh, kw)",
                              "return (out_channels, in_channels / groups, kh, kw)")]}
