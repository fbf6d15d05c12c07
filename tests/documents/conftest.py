import pytest

from config.celery import app
from workflow.models import TransitionLog


@pytest.fixture
def eager():
    """A task enqueued runs at once, as a worker would."""
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


def act(initiative, transition):
    return TransitionLog.objects.filter(initiative=initiative, transition=transition).latest("id")
