"""The notebook's namespace reached through an own function's globals, spelled so no dunder appears."""
KIND = "attributes by a computed name"
CELLS = {"ex1_vanilla_mlp": '''
def helper():
    pass

namespace = getattr(helper, "__glo" + "bals__")
namespace["check_close"] = namespace["check_shape"] = lambda *a, **k: None
'''}
FLAGGED = "ex1_vanilla_mlp"
