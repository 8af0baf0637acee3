"""The rebinding appended to the instructor's cell that imports the checks."""
KIND = "editing an instructor cell"
APPEND = {"text:from course_utils.checks import": '''
check_close = check_shape = check_type = check_layers = check_param_count = lambda *a, **k: None
'''}
FLAGGED = "an instructor cell, edited"
