"""The Content-Security-Policy header on every answer (settings.CONTENT_SECURITY_POLICY).

Our templates carry no inline script, style or event handler (a test holds them to it), so the
policy needs no 'unsafe-inline': markup someone slips into a page cannot run.
"""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response
