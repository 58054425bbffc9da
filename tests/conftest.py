"""Shared fixtures: the report's initial data and a user for each role."""

from importlib import import_module
from unittest import mock

import factory.random
import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core import auth, fragments
from governance import roles
from governance.initial_data import load_strategy_2008
from offerings.models import Organisation

from .factories import AttributeFactory, PersonFactory, UserFactory
from .flushing import flush_sql, load_report


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the report's content once into the test database.

    Each test runs in a transaction rolled back afterwards, so every test starts from the
    loaded content; pytest-django runs the transactional (browser) tests after the others,
    and those load it themselves after the database is emptied between them.
    """
    with django_db_blocker.unblock():
        load_strategy_2008()


@pytest.fixture(scope="session", autouse=True)
def flush_only_tables_with_rows():
    """Transactional tests end with a flush of only the tables they wrote (tests/flushing.py)."""
    from django.core.management.commands import flush

    with mock.patch.object(flush, "sql_flush", flush_sql):
        yield


@pytest.fixture(autouse=True)
def same_made_up_values():
    """The factories' made-up values (Faker) are the same in every run, whichever tests ran
    before in the same worker."""
    factory.random.reseed_random("asiakkuusstrategia")


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: a page fragment cached by an earlier test (in
    its rolled-back database) is not served to the next, nor a generation read with the
    user by an earlier test that called the backend outside a request."""
    cache.clear()
    caches[fragments.COPIES].clear()
    auth.forget_this_request()


@pytest.fixture
def strategy_data(db):
    """The 2008 report's content as `load_strategy_2008` loads it (loaded again if emptied)."""
    if not Organisation.objects.exists():
        load_report(load_strategy_2008)


@pytest.fixture
def staff_rules(strategy_data):
    """A staff attribute (hlö) that places companies in the report's large companies (250
    staff and more, evaluated first) and local companies (fewer); the attribute."""
    from segments.models import Criterion, Segment

    staff = AttributeFactory(staff=True, unit="hlö")
    Segment.objects.filter(code="suuryritykset").update(priority=1)
    for code, rule in [
        ("suuryritykset", {"attribute": "henkilosto", "op": "gte", "value": 250}),
        ("paikalliset", {"attribute": "henkilosto", "op": "lt", "value": 250}),
    ]:
        Criterion.objects.filter(segment__code=code, kind="placement").update(rules=rule)
    return staff


@pytest.fixture
def empty_db(db):
    """A database without the report's content, for tests of loading it."""
    # Children before parents: PROTECT references would refuse the other order. Governance
    # refers to every app below it, so it goes first.
    from governance.models import Body

    Body.objects.exclude(parent=None).delete()
    for model in reversed(list(apps.get_app_config("governance").get_models())):
        model._default_manager.all().delete()
    Organisation.objects.exclude(parent=None).delete()
    from offerings.models import ServiceModel
    from responsibility.models import AccessLogEntry

    for model in reversed(list(apps.get_app_config("responsibility").get_models())):
        # The access log is append-only, in the database too; these tests write no log
        # rows, and a row left behind would stop the deletes below on its references.
        if model is not AccessLogEntry:
            model._default_manager.all().delete()
    ServiceModel.objects.all().delete()
    for app in ("offerings", "segments"):
        for model in reversed(list(apps.get_app_config(app).get_models())):
            model._default_manager.all().delete()


@pytest.fixture
def access_log_purged_after(transactional_db):
    """For transactional tests (live server, `transaction=True`) that write access-log rows:
    afterwards the log is emptied, so that Django's flush can empty the other tables.

    The log's triggers refuse every DELETE, and on PostgreSQL a TRUNCATE of a log with rows
    (migration 0003), so the flush would fail. The rows go the one way there is: in one
    transaction the triggers are dropped, the rows deleted and the triggers created again
    from the migration's own statements. Dropping a trigger takes the table's owner: the
    app's database role cannot, and nothing in the app does it; only this fixture.
    """
    yield
    _access_log_purge()


def _access_log_purge():
    from responsibility.models import AccessLogEntry

    migration = import_module("responsibility.migrations.0003_access_log_append_only")
    with transaction.atomic():
        if not AccessLogEntry.objects.exists():
            return
        with connection.cursor() as cursor:
            for statement in migration.DROP[connection.vendor]:
                cursor.execute(statement)
            cursor.execute(f"DELETE FROM {migration.TABLE}")  # noqa: S608
            for statement in migration.CREATE[connection.vendor]:
                cursor.execute(statement)


@pytest.fixture
def make_user(db, strategy_data):
    """Build a user in an organisation (by code), with a role (a group name) or none."""

    def make(username, *, role=None, organisation="tekes", **fields):
        user = UserFactory(username=username, **fields)
        if role:
            roles.sync_roles()
            user.groups.add(Group.objects.get(name=role))
        PersonFactory(user=user, organisation=Organisation.objects.get(code=organisation))
        return user

    return make


@pytest.fixture
def ministry_user(make_user):
    return make_user(
        "ministerio", role=roles.MINISTRY_STAFF, organisation="tem-konserniohjaus", is_staff=True
    )


@pytest.fixture
def working_group_user(make_user):
    return make_user("tyoryhma", role=roles.WORKING_GROUP_MEMBER, organisation="tekes")


@pytest.fixture
def coordinator_user(make_user):
    return make_user(
        "koordinaattori", role=roles.TE_CENTRE_COORDINATOR, organisation="te-varsinais-suomi"
    )


@pytest.fixture
def agency_user(make_user):
    return make_user("virkailija", role=roles.AGENCY_CUSTOMER_STAFF, organisation="finnvera")


@pytest.fixture
def no_role_user(make_user):
    """A logged-in user whom nobody has given a role yet."""
    return make_user("roolitonta", organisation="finpro")


@pytest.fixture
def translator_user(make_user):
    """Adds the missing Swedish and English texts through the translation queue."""
    return make_user("kaantaja", role=roles.TRANSLATOR, organisation="tem-konserniohjaus")


@pytest.fixture
def role_users(ministry_user, working_group_user, coordinator_user, agency_user, translator_user):
    return {
        roles.MINISTRY_STAFF: ministry_user,
        roles.WORKING_GROUP_MEMBER: working_group_user,
        roles.TE_CENTRE_COORDINATOR: coordinator_user,
        roles.AGENCY_CUSTOMER_STAFF: agency_user,
        roles.TRANSLATOR: translator_user,
    }


@pytest.fixture
def assert_closed_to_outsiders(client, no_role_user):
    """`assert_closed_to_outsiders(urls)`: an anonymous visitor is sent to log in (302) from
    each page, and a user whom nobody has given a role is refused (403)."""

    def check(urls):
        for url in urls:
            assert client.get(url).status_code == 302, url
        client.force_login(no_role_user)
        for url in urls:
            assert client.get(url).status_code == 403, url

    return check


class QueryCount:
    """Counts the database queries of one GET (a streamed body read to its end inside the
    count), after checking that the page answers 200. `warm` opens the page once first
    (session, content types); `most` also caps the count, as
    `django_assert_max_num_queries` does. The last response, its body and its queries stay
    on the counter (`.response`, `.content`, `.queries`) for tests that look at them too."""

    def __init__(self):
        self.response = None
        self.content = b""
        self.queries = []

    def __call__(self, client, url, data=None, *, most=None, status=200, warm=False):
        if warm:
            client.get(url, data)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, data)
            if response.streaming:
                self.content = b"".join(response.streaming_content)
            else:
                self.content = response.content
        assert response.status_code == status, url
        self.response, self.queries = response, captured.captured_queries
        if most is not None:
            assert len(self.queries) <= most, (
                f"{len(self.queries)} queries on {url}, at most {most} expected"
            )
        return len(self.queries)

    def any_sql(self, text):
        """Whether any of the last page's queries contains `text` (case-insensitive)."""
        return any(text.upper() in query["sql"].upper() for query in self.queries)


@pytest.fixture
def count_queries():
    """`count_queries(client, url)`: how many queries the page makes (see QueryCount); a
    test compares the count at a few rows with the count at many."""
    return QueryCount()


# --- A real mail server --------------------------------------------------------------------


class SmtpServer:
    """An SMTP server (aiosmtpd) on localhost that keeps what it receives (`.messages`,
    parsed e-mails). `stop()` takes it away, `start()` brings it back on the same port: a
    mail outage as the outbox meets it. `refuse` holds addresses it refuses for good (550)."""

    def __init__(self, port):
        self.port = port
        self.messages = []
        self.refuse = set()
        self._controller = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        import email
        import email.policy

        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted"

    def start(self):
        from aiosmtpd.controller import Controller

        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free local port, with Django's SMTP backend pointed at it."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = SmtpServer(port)
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://asiakkuus.example.fi"
    yield server
    server.stop()
