"""Output size without dilation: the kernel is taken to cover kernel_size pixels whatever the dilation."""
LOSES = {"test_ex1_output_size_hidden"}
EDITS = {"ex1_output_size": [("return tuple((n + 2 * p - d * (k - 1) - 1) // s + 1",
                              "return tuple((n + 2 * p - (k - 1) - 1) // s + 1")]}
