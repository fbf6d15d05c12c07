from django.dispatch import Signal

# Sent inside the transition's transaction, after the TransitionLog row is written.
# Receivers (notifications, adoption) write their rows in the same transaction, so a
# transition and its consequences commit or roll back together.
# kwargs: initiative, log (TransitionLog), extra (dict of transition-specific inputs)
initiative_transitioned = Signal()
