"""An answer reads its caller's frame (the hidden test) and prints the test's code."""
KIND = "exfiltration through frames"
CELLS = {"ex4_softmax": '''
import inspect

def softmax(z):
    for frame in inspect.stack()[1:3]:
        print(frame.code_context)
    caller = inspect.currentframe().f_back
    print(caller.f_code.co_consts)
    return torch.softmax(z, dim=1)
'''}
BASE = "source"
FLAGGED = "ex4_softmax"
