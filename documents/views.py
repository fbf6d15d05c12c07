"""The public verification page: anyone (no login) checks a certificate or decision by the code
printed on it or its QR code."""

from django.views.generic import TemplateView

from .selectors import verifiable_document, verification


class VerifyView(TemplateView):
    template_name = "documents/verify.html"

    def get(self, request, *args, **kwargs):
        document = verifiable_document(kwargs["code"])
        context = self.get_context_data(
            code=kwargs["code"], facts=verification(document) if document else None
        )
        # An unknown code is a 404, so a crawler does not index guesses as pages.
        return self.render_to_response(context, status=200 if document else 404)
