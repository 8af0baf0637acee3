"""Dropout through F.dropout, which the exercise forbids."""
LOSES = {'test_ex10_dropout_visible'}
CELLS = {"ex10_dropout": '''
def dropout(x, p, training=True):
    return F.dropout(x, p, training=training)
'''}
