from celery import shared_task

from kooperationsraum.public_requests import CONFIRMATION_TASK_OPTIONS
from transfer import services
from transfer.models import Inquiry, InquiryState


@shared_task(**CONFIRMATION_TASK_OPTIONS)
def send_inquiry_confirmation(inquiry_id: int) -> str:
    inquiry = Inquiry.objects.select_related("solution").filter(pk=inquiry_id).first()
    if inquiry is None or inquiry.state != InquiryState.UNCONFIRMED:
        return "skipped"
    services.inquiry_confirmation_email(inquiry).send()
    return "sent"


@shared_task
def purge_unconfirmed_inquiries() -> int:
    return services.inquiry_purge_unconfirmed()
