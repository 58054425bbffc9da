"""Demo regional tasks and needs messages (6.3), so the task log, the overviews and the
inboxes have something to show: tasks of four regions over the past months, one message
answered by working group (a) and one waiting for working group (b).

Everything is invented and says so: descriptions and subjects start with "[Demo]".
Idempotent: a demo row already there (same group, date and text) is left as it is.
Rows are written here rather than through the services, because the services act for a
logged-in coordinator and the demo has coordinators for only one region; each row is still
validated (`full_clean`) and gets its history row with a reason and its place in the
overview's running counts, and each message its path.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.history import save_with_history
from offerings.models import Organisation
from segments.models import Segment

from .models import Body, MessageEvent, NeedsMessage, RegionalTask
from .services.regional_tallies import regional_tallies_kept

DEMO = "[Demo]"
DEMO_USERNAME = "alueet-demo"
REASON = "[Demo] Esimerkkiaineisto"

K = RegionalTask.Kind
# (region code, days ago, kind, segment codes, organisation codes, description, outcome,
#  follow-up in days from the task: None for none)
TASKS = [
    (
        "varsinais-suomi",
        20,
        K.NEEDS_ANALYSIS,
        ["perustajat", "paikalliset"],
        ["te-varsinais-suomi", "tekes", "finnvera"],
        "Alkavien yritysten palvelutarvekysely seudun yrityspalvelupisteissä.",
        "Rahoitusneuvonnan tarve kasvanut; viesti työryhmälle a.",
        30,
    ),
    (
        "varsinais-suomi",
        75,
        K.DIVISION_OF_LABOUR,
        ["kotimarkkinat"],
        ["te-varsinais-suomi", "finnvera"],
        "Työnjakosopimuksen läpikäynti TE-keskuksen ja Finnveran aluekonttorin kanssa.",
        "Yhteyshenkilöt nimetty.",
        20,
    ),
    (
        "uusimaa",
        40,
        K.NEEDS_ANALYSIS,
        ["kansainvalistyvat"],
        ["te-uusimaa", "finpro"],
        "Kansainvälistyvien yritysten asiakastarveanalyysi vientirenkaiden kanssa.",
        "Tarve yhteiselle markkinaselvityspalvelulle; viesti työryhmälle b.",
        None,
    ),
    (
        "uusimaa",
        100,
        K.IMPACT_FOLLOW_UP,
        ["kansainvalistyvat", "suuryritykset"],
        ["te-uusimaa", "tekes"],
        "Vaikuttavuuden seuranta: kasvuyritysten palvelupolut vuoden ajalta.",
        "",
        None,
    ),
    (
        "pirkanmaa",
        55,
        K.REGIONAL_PRIORITIES,
        ["suuryritykset"],
        ["te-pirkanmaa"],
        "Alueellisten painopisteiden päivitys maakuntaohjelman kanssa.",
        "Painopisteet kirjattu toimintasuunnitelmaan.",
        None,
    ),
    (
        "lappi",
        10,
        K.SERVICE_MODEL_DEVELOPMENT,
        ["paikalliset"],
        ["te-lappi", "tekes"],
        "Matkailuyritysten palvelumallin kehittäminen yhdessä työryhmän a kanssa.",
        "",
        45,
    ),
]

# (task index, working group letter, subject, text, answer or None for a pending message)
MESSAGES = [
    (
        0,
        "a",
        "Alkavien yritysten rahoitusneuvonta",
        "Asiakastarvekyselyn mukaan alkavat yritykset tarvitsevat rahoitusneuvontaa jo "
        "ennen yrityksen perustamista. Toivomme työryhmän linjausta palvelulupaukseen.",
        "Kiitos havainnosta. Otamme rahoitusneuvonnan mukaan palvelulupauksen "
        "valmisteluun seuraavassa kokouksessa.",
    ),
    (
        2,
        "b",
        "Yhteinen markkinaselvityspalvelu",
        "Vientirenkaat toivovat yhteistä markkinaselvityspalvelua. Onko tämä jo työryhmän "
        "valmistelussa?",
        None,
    ),
]


def _demo_user():
    """The recorder of the demo rows: an account that cannot log in."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=DEMO_USERNAME,
        defaults={"first_name": "Demo", "last_name": "Alueet", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _user(username, fallback):
    return get_user_model().objects.filter(username=username).first() or fallback


def _task(row, *, today, by):
    region, days_ago, kind, segment_codes, organisation_codes, text, outcome, follow_up = row
    body = Body.objects.get(code=f"alue-{region}")
    date = today - timedelta(days=days_ago)
    description = f"{DEMO} {text}"
    task = RegionalTask.objects.filter(body=body, date=date, description_fi=description).first()
    if task is not None:
        return task
    task = RegionalTask(
        region_id=body.region_id,
        body=body,
        date=date,
        kind=kind,
        description=description,
        outcome=outcome,
        follow_up_on=date + timedelta(days=follow_up) if follow_up is not None else None,
        created_by=by,
    )
    task.full_clean()
    # The overview's running counts follow, as they do for a task logged on the pages.
    with regional_tallies_kept(task):
        task.skip_history_when_saving = True
        try:
            task.save()
            task.segments.set(Segment.objects.filter(code__in=segment_codes))
            task.organisations.set(Organisation.objects.filter(code__in=organisation_codes))
        finally:
            del task.skip_history_when_saving
        save_with_history(task, by=by, reason=REASON, clean=False)
    return task


def _message(task, letter, subject, text, answer, *, sender, answerer):
    subject = f"{DEMO} {subject}"
    existing = NeedsMessage.objects.filter(task=task, subject_fi=subject).first()
    if existing is not None:
        return existing
    to_body = Body.objects.get(kind=Body.Kind.SEGMENT_GROUP, letter=letter, is_archived=False)
    message = NeedsMessage(
        task=task,
        from_body=task.body,
        to_body=to_body,
        subject=subject,
        text=text,
        sent_by=sender,
    )
    save_with_history(message, by=sender, reason=REASON)
    MessageEvent.objects.create(
        message=message, kind=MessageEvent.Kind.SENT, body=task.body, by=sender
    )
    if answer is None:
        return message
    now = timezone.now()
    message.status = NeedsMessage.Status.ANSWERED
    message.acknowledged_by = message.answered_by = answerer
    message.acknowledged_at = message.answered_at = now
    message.answer = answer
    save_with_history(message, by=answerer, reason=REASON)
    MessageEvent.objects.create(
        message=message, kind=MessageEvent.Kind.ACKNOWLEDGED, body=to_body, by=answerer
    )
    MessageEvent.objects.create(
        message=message, kind=MessageEvent.Kind.ANSWERED, body=to_body, by=answerer, note=answer
    )
    return message


@transaction.atomic
def load_demo():
    """Load the demo tasks and messages; safe to run again. Returns (tasks, messages)."""
    today = timezone.localdate()
    recorder = _demo_user()
    # The demo coordinator and working group member, when create_demo_users has made them.
    coordinator = _user("koordinaattori", recorder)
    member = _user("tyoryhma", recorder)
    tasks = []
    for row in TASKS:
        by = coordinator if row[0] == "varsinais-suomi" else recorder
        tasks.append(_task(row, today=today, by=by))
    messages = []
    for index, letter, subject, text, answer in MESSAGES:
        task = tasks[index]
        sender = coordinator if task.body.code == "alue-varsinais-suomi" else recorder
        messages.append(
            _message(task, letter, subject, text, answer, sender=sender, answerer=member)
        )
    return tasks, messages
