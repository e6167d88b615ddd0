"""What the interview-request tests share: a room with a fictional on-call contact, and the
form as a journalist fills it in."""

from datetime import timedelta

from django.utils import timezone

from interviews.models import InterviewRequest
from press.models import PressIndexPage, PressRoomContact
from tests.factories import SpokespersonFactory

ON_CALL = "riley.example@example.org"


def give_room_an_on_call_contact(room, organization):
    """The room's first media contact with an email: Riley Example of the fictional network."""
    riley = SpokespersonFactory(
        name="Riley Example", slug="riley-example", organization=organization, press_email=ON_CALL
    )
    room = PressIndexPage.objects.get(pk=room.pk)
    room.media_contacts = [PressRoomContact(spokesperson=riley, sort_order=0)]
    room.save_revision().publish()
    return riley


def tomorrow_at_five():
    return timezone.localtime(timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT17:00")


def request_data(**fields):
    """The form as a journalist sends it (the honeypot left empty)."""
    data = {
        "name": "Sam Sample",
        "outlet": "The Example Ledger",
        "email": "sam.sample@example.net",
        "phone": "+1 (916) 555-0142",
        "deadline": tomorrow_at_five(),
        "language": "en",
        "story": "",
        "topic": "Detention oversight",
        "message": "Could someone speak to us about the new oversight rules before 5 p.m.?",
        "website": "",
    }
    data.update(fields)
    return data


def make_request(site, room, name, status=InterviewRequest.Status.NEW):
    """A stored request, as the form leaves it (for the admin's tests)."""
    return InterviewRequest.objects.create(
        site=site,
        press_room=room,
        name=name,
        outlet="The Example Ledger",
        email="reporter@example.net",
        deadline=timezone.now() + timedelta(days=1),
        topic="Detention oversight",
        message="Fictional request for the tests.",
        status=status,
    )
