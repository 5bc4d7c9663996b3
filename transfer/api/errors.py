"""Every API error as `{"errors": {parameter: [messages]}}`, in German.

Validation errors are keyed by the parameter that caused them; anything else (not found, method
not allowed) by "detail", so that clients read one shape only.
"""

from rest_framework.views import exception_handler as drf_exception_handler


def _messages(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return [str(value)]


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API error: Django's own 500 handling applies
    data = response.data
    if isinstance(data, dict):
        errors = {str(key): _messages(value) for key, value in data.items()}
    else:
        errors = {"detail": _messages(data)}
    response.data = {"errors": errors}
    return response
