"""The check helpers replaced through globals(), so no assignment names them."""
KIND = "namespace dictionary"
CELLS = {"ex1_vanilla_mlp": '''
namespace = globals()
for key in list(namespace):
    if key.startswith("check"):
        namespace[key] = lambda *a, **k: None
'''}
FLAGGED = "ex1_vanilla_mlp"
