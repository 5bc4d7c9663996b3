"""What the steering circle's pages show in KERN terms: the reply to an invitation as two clear
buttons and the current reply as a badge, the current page marked in the circle's navigation,
an agenda kind as a KERN badge on the public calendar."""

import pytest
from django.urls import reverse

from governance.services.steering import meetings
from tests.governance.steering import build_circle, plan_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def c():
    return build_circle()


def test_member_replies_with_clear_buttons_and_sees_the_reply(client, c):
    meeting = plan_meeting(c)
    url = reverse("governance:steering-meeting-detail", args=[meeting.pk])
    client.force_login(c.holders["bw"])
    page = client.get(url).content.decode()
    assert "Sie haben sich noch nicht zurückgemeldet." in page
    assert 'value="confirmed" class="kern-btn kern-btn--primary"><span class="kern-label">Ich nehme teil' in page
    assert 'value="declined" class="kern-btn kern-btn--secondary"><span class="kern-label">Ich sage ab' in page
    meetings.meeting_respond(meeting=meeting, response="declined", actor=c.holders["bw"])
    page = client.get(url).content.decode()
    assert "Ihre Rückmeldung:" in page and "kern-badge--warning" in page and "sagt ab" in page


def test_reply_buttons_in_english(client, c):
    meeting = plan_meeting(c)
    client.force_login(c.holders["bw"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("governance:steering-meeting-detail", args=[meeting.pk])).content.decode()
    assert "I will attend" in page and "I cannot attend" in page and "You have not replied yet." in page


def test_circle_navigation_marks_the_current_page(client, c):
    client.force_login(c.secretariat)
    for name in ("governance:steering-home", "governance:steering-meeting-list", "governance:steering-rules"):
        page = client.get(reverse(name)).content.decode()
        nav = page[page.index('<nav class="subnav"') :]
        nav = nav[: nav.index("</nav>")]
        assert f'href="{reverse(name)}" aria-current="page"' in nav
        assert nav.count("aria-current") == 1, name
