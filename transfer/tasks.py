import smtplib

from celery import shared_task

from transfer import services
from transfer.models import Inquiry, InquiryState


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=1800,
    max_retries=5,
)
def send_inquiry_confirmation(inquiry_id: int) -> str:
    inquiry = Inquiry.objects.select_related("solution").filter(pk=inquiry_id).first()
    if inquiry is None or inquiry.state != InquiryState.UNCONFIRMED:
        return "skipped"
    services.inquiry_confirmation_email(inquiry).send()
    return "sent"


@shared_task
def purge_unconfirmed_inquiries() -> int:
    return services.inquiry_purge_unconfirmed()
