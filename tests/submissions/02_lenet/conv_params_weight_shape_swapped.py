"""The weight shape lists the input channels first: (C_in, C_out, kH, kW), as for a transposed convolution."""
LOSES = {"test_ex3_conv_params_visible", "test_ex3_conv_params_hidden"}
EDITS = {"ex3_conv_params": [("return (out_channels, in_channels // groups, kh, kw)",
                              "return (in_channels // groups, out_channels, kh, kw)")]}
