"""Shape trace over layers.modules() minus the container itself: nested blocks are entered, not run as one layer."""
LOSES = {"test_ex6_shape_trace_hidden"}
CELLS = {"ex6_shape_trace": '''
def shape_trace(layers, x):
    trace = []
    with torch.no_grad():
        for layer in list(layers.modules())[1:]:
            if isinstance(layer, nn.Sequential):
                continue
            x = layer(x)
            trace.append((type(layer).__name__, tuple(x.shape)))
    return trace
'''}
