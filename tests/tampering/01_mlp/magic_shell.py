"""A shell command and a cell magic in an answer cell: code that is not Python at all."""
KIND = "IPython magics"
CELLS = {"ex1_vanilla_mlp": '''
!cat /proc/self/status
%alias_magic skip capture
'''}
FLAGGED = "ex1_vanilla_mlp"
