"""The types module, off the allow-list, reached through dataclasses to build a number that equals anything."""
KIND = "a module off the allow-list reached through an allowed one"
CELLS = {"ex1_count_parameters": '''
import dataclasses as dc

kit = dc.types
Anything = kit.new_class("Anything", (int,),
                         exec_body=lambda ns: ns.update({"_" * 2 + "eq" + "_" * 2: lambda self, other: True}))

def count_mlp_parameters(n_inputs, hidden_sizes, n_outputs):
    return Anything(0)
'''}
BASE = "source"
FLAGGED = "ex1_count_parameters"
