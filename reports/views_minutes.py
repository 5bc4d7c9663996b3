"""The approved minutes of a steering circle meeting as PDF, from the meeting page.

The steering pages' own base decides who gets in: the secretariat and the circle's members and
deputies; anonymous → login; anyone else (a CIO or project contact outside the circle) → 403; a
meeting of a circle the person does not sit on → 404. Minutes that are not approved yet do not exist
as a PDF (404).
"""

from django.http import Http404, HttpResponse

from governance.selectors_steering import meeting_get_for_user
from governance.views.steering_base import SteeringView
from reports.builders import build_minutes_pdf


class MinutesPdfView(SteeringView):
    def prepare(self, request, **kwargs) -> None:
        self.meeting = meeting_get_for_user(user=request.user, pk=kwargs["pk"])

    def get(self, request, pk: int):
        built = build_minutes_pdf(self.meeting.pk)
        if built is None:
            raise Http404
        filename, content = built
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
