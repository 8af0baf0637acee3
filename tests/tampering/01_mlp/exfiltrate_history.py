"""A late answer prints IPython's input history, which holds every earlier test with its hidden part."""
KIND = "exfiltration through the history"
APPEND = {"ex10_early_stopping": '''
print(In)
print(_ih[-3:])
'''}
BASE = "source"
FLAGGED = "ex10_early_stopping"
