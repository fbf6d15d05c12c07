"""Bench-only query counter (`make bench`, scripts/bench): adds an `X-Query-Count` header with
the number of SQL statements a request ran. Installed only when BENCH_COUNT_QUERIES=1 (see
config.settings); never active otherwise, so production answers carry no such header."""

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections

HEADER = "X-Query-Count"


class QueryCountMiddleware:
    def __init__(self, get_response):
        if not getattr(settings, "BENCH_COUNT_QUERIES", False):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        connection = connections["default"]
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response[HEADER] = str(count)
        return response
