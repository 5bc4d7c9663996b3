from celery import shared_task

from projects.services.sponsorships import sponsorship_remind_pending


@shared_task(acks_late=True, reject_on_worker_lost=True)
def remind_pending_sponsorships() -> tuple[int, int]:
    """Daily: remind the CIO after 7 days, tell the secretariat after 14 (each once)."""
    return sponsorship_remind_pending()
