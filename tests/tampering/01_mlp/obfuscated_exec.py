"""The rebinding hidden in a string and run with exec, found through getattr on __builtins__."""
KIND = "obfuscated exec"
CELLS = {"ex1_vanilla_mlp": '''
run = getattr(__builtins__, "ex" + "ec")
run(bytes.fromhex("636865636b5f636c6f7365203d206c616d626461202a612c202a2a6b3a204e6f6e65").decode())
'''}
FLAGGED = "ex1_vanilla_mlp"
