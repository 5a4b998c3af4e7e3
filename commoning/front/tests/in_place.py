"""Reading a refused form back from its page, for the tests of errors in place: which message
stands beside which field, what value a field kept, and what the form says at its top."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    """Walks one form (picked by its action, or the first form posting to the page itself) and
    files each `.error` message under the control it follows: "beside the field" means after
    that control and before the next one. Messages before any control are the form's own."""

    def __init__(self, action: str | None):
        super().__init__()
        self.action = action
        self.inside = False
        self.done = False
        self.depth = 0
        self.last_control = None
        self.reading_error = False
        self.in_top_block = False
        self.error_key = None
        self.errors: dict[str | None, list[str]] = {}
        self.values: dict[str, str] = {}
        self.checked: set[str] = set()
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and not self.inside and not self.done:
            form_action = attributes.get("action")
            if form_action == self.action or (self.action is None and not form_action):
                self.inside, self.depth = True, 0
            return
        if not self.inside:
            return
        if tag == "form":
            self.depth += 1
        name = attributes.get("name")
        if tag in ("input", "select", "textarea") and name and name != "csrfmiddlewaretoken":
            if attributes.get("type") != "hidden":
                self.last_control = name
            if tag == "input" and attributes.get("type") == "checkbox":
                if "checked" in attributes:
                    self.checked.add(name)
            elif tag == "input":
                self.values[name] = attributes.get("value") or ""
            elif tag == "textarea":
                self.textarea, self.values[name] = name, ""
        if tag == "option" and "selected" in attributes and self.last_control:
            self.values[self.last_control] = attributes.get("value") or ""
        classes = (attributes.get("class") or "").split()
        if tag == "div" and "errors" in classes:
            self.in_top_block = True  # _form.html's block of form-wide messages
        if tag == "p" and ("error" in classes or self.in_top_block):
            self.reading_error = True
            key = None if self.in_top_block else self.last_control
            self.errors.setdefault(key, []).append("")
            self.error_key = key

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "form":
            if self.depth == 0:
                self.inside, self.done = False, True
            else:
                self.depth -= 1
        if tag == "p":
            self.reading_error = False
        if tag == "div":
            self.in_top_block = False
        if tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if not self.inside:
            return
        if self.reading_error:
            self.errors[self.error_key][-1] += data
        if self.textarea:
            self.values[self.textarea] += data


class RefusedForm:
    """One form of a page as a member sees it after a refusal."""

    def __init__(self, html: str, action: str | None = None):
        reader = _FormReader(action)
        reader.feed(html)
        assert reader.done, f"no form posting to {action or 'the page itself'} on the page"
        self._errors = reader.errors
        # HTML drops the one newline that may open a textarea's text; so does a browser.
        self.values = {name: value.removeprefix("\n") for name, value in reader.values.items()}
        self.checked = reader.checked

    def errors_beside(self, field: str) -> list[str]:
        return [message.strip() for message in self._errors.get(field, [])]

    def errors_at_top(self) -> list[str]:
        return [message.strip() for message in self._errors.get(None, [])]

    def fields_with_errors(self) -> set:
        return {field for field in self._errors if field is not None}
