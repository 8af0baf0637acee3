"""Convolution by hand that uses the output height for the width too (passes on square images only)."""
LOSES = {"test_ex2_conv2d_hidden"}
EDITS = {"ex2_conv2d": [("return out.view(n, c_out, h_out, w_out)", "return out.view(n, c_out, h_out, h_out)")]}
