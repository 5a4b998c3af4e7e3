"""Shared form helpers: turn an action's error into a form error on the right field."""

from commoning.core.fields import FieldError


def add_action_error(form, error) -> None:
    """Show an action's FieldError on its field (or the form), a Rejected on the form."""
    if isinstance(error, FieldError) and error.field in form.fields:
        form.add_error(error.field, error.message)
    else:
        form.add_error(None, getattr(error, "reason", None) or str(error))
