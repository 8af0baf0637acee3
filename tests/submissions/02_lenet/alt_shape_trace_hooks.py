"""Alternative (full marks): forward hooks on each layer record the shapes during one call of the Sequential."""
LOSES: set[str] = set()
CELLS = {"ex6_shape_trace": '''
def shape_trace(layers, x):
    trace = []
    handles = [layer.register_forward_hook(
                   lambda layer, inputs, output: trace.append((type(layer).__name__, tuple(output.shape))))
               for layer in layers.children()]
    try:
        with torch.inference_mode():
            layers(x)
    finally:
        for handle in handles:
            handle.remove()
    return trace
'''}
