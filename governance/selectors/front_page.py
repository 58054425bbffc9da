"""Reads of the governance app."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import auth

from .. import roles


@dataclass(frozen=True)
class FrontPageLink:
    """A destination on the front page, shown to those who hold its permission."""

    url_name: str
    label: str
    description: str
    permission: str

    @property
    def url(self):
        return reverse(self.url_name)


@dataclass(frozen=True)
class FrontPageSection:
    role: str
    title: str
    intro: str
    links: tuple[FrontPageLink, ...]


_ORGANISATIONS = FrontPageLink(
    "offerings:organisation_list",
    _("Organisaatiot"),
    _(
        "TEM-konsernin toimijat: ministeriön yksiköt, Finnvera, Finpro, Tekes, VTT, GTK ja 15 TE-keskusta."
    ),
    "offerings.view_organisation",
)
_TRANSLATIONS = FrontPageLink(
    "governance:translation_queue",
    _("Käännösjono"),
    _("Tekstit, joilta puuttuu ruotsin- tai englanninkielinen versio; kattavuus lajeittain."),
    "governance.translate_text",
)
_SEGMENTS = FrontPageLink(
    "segments:segment_list",
    _("Segmentit"),
    _("Segmenttien tyyppikuvaukset, kriteerit, tavoitteet, strategiat ja palvelulupaukset."),
    "segments.view_segment",
)
_OVERVIEW = FrontPageLink(
    "segments:strategy_overview",
    _("Strategiayhteenveto"),
    _(
        "Kaikkien segmenttien tavoitteet, strategiat ja palvelulupaukset rinnakkain; tulostus ja Excel."
    ),
    "segments.view_segment",
)
_DOCUMENT = FrontPageLink(
    "governance:strategy_document",
    _("Asiakkuusstrategia-asiakirja"),
    _(
        "Vuoden asiakkuusstrategia ajantasaisista tiedoista: tulostettava sivu, PDF ja Word; julkaistut versiot ja niiden vertailu."
    ),
    "segments.view_segment",
)
_COMPANIES = FrontPageLink(
    "segments:company_list",
    _("Yritykset"),
    _("Asiakasyritykset, niiden segmentit ja ominaisuudet vuosittain; haku ja Excel-vienti."),
    "segments.view_company",
)
_RUNS = FrontPageLink(
    "segments:run_list",
    _("Uudelleensegmentointi"),
    _("Vuosittainen ajo: esikatselu, poikkeukset perusteluineen ja voimaanvienti."),
    "segments.view_resegmentationrun",
)
_DYNAMICS = FrontPageLink(
    "segments:segment_dynamics",
    _("Segmenttien dynamiikka"),
    _("Yritysten siirtymät segmentistä toiseen vuosittain, kuvana ja taulukkona."),
    "segments.view_company",
)
_SERVICES = FrontPageLink(
    "offerings:service_list",
    _("Palvelut"),
    _(
        "Julkisten yrityspalvelujen luettelo: tuottajat, hinnoittelu, kanavat, perusteet ja asiakastarpeet."
    ),
    "offerings.view_service",
)
_MATRIX = FrontPageLink(
    "offerings:offering_matrix",
    _("Tarpeet ja tarjooma"),
    _("Segmenttien tarpeet ja niitä palvelevat palvelut: puutteet ja päällekkäisyydet näkyvät."),
    "offerings.view_segmentoffering",
)
_ADMIN = FrontPageLink(
    "admin:index",
    _("Ylläpito"),
    _("Viitetietojen muokkaus. Jokaisesta muutoksesta tallentuu tekijä, aika ja syy."),
    "offerings.change_organisation",
)
_FEEDBACK = FrontPageLink(
    "admin:governance_accessibilityfeedback_changelist",
    _("Saavutettavuuspalautteet"),
    _("Käyttäjien palautteet saavutettavuudesta; laki edellyttää vastausta 14 päivässä."),
    "governance.view_accessibilityfeedback",
)

_PORTFOLIO = FrontPageLink(
    "responsibility:portfolio",
    _("Omat asiakkaat"),
    _("Organisaatiosi asiakkaat, niiden päävastuut ja asiakkuustiimit."),
    "responsibility.view_assignment",
)
_HANDOVERS = FrontPageLink(
    "responsibility:handover_list",
    _("Vastuun siirrot"),
    _("Saapuvat ja lähteneet kapulan vaihdot; yli 14 päivää odottaneet nostetaan esiin."),
    "responsibility.view_handover",
)
_COVERAGE = FrontPageLink(
    "responsibility:coverage",
    _("Asiakasvastuiden kattavuus"),
    _("Yritykset, joilla on tai ei ole päävastuutahoa, segmenteittäin; tietojen käyttöloki."),
    "responsibility.view_groupresponsibility",
)
_GROUPS = FrontPageLink(
    "governance:body_list",
    _("Ryhmät"),
    _(
        "Omat ryhmäsi, ryhmien tehtävät ja jäsenet sekä kolmiportaisen ohjauksen organisaatiokaavio."
    ),
    "governance.view_body",
)
_PROPOSALS = FrontPageLink(
    "governance:proposal_list",
    _("Ehdotukset"),
    _("Työryhmien ehdotukset strategiaryhmälle nykyiseen tekstiin verrattuina, ja kommentit."),
    "governance.view_proposal",
)
_MEETINGS = FrontPageLink(
    "governance:meeting_list",
    _("Kokoukset"),
    _("Asialistat, osallistujat, pöytäkirjat ja kokouksessa tehdyt päätökset."),
    "governance.view_meeting",
)
_DECISIONS = FrontPageLink(
    "governance:decision_list",
    _("Päätökset"),
    _("Strategiaryhmän päätösrekisteri ja avoimet strategiset kysymykset vaihtoehtoineen."),
    "governance.view_decision",
)
_REGIONAL = FrontPageLink(
    "governance:regionaltask_list",
    _("Alueellinen työ"),
    _("Alueellisten työryhmien tehtäväloki, yhteenvedot ja tarveviestit segmenttityöryhmille."),
    "governance.view_regionaltask",
)
_STEERING = FrontPageLink(
    "governance:steering_dashboard",
    _("Toiminnan ohjaus"),
    _("Vuosikello, suunnitelmat ja mittarit tavoitteineen ja toteumineen sekä työn eteneminen."),
    "governance.view_plan",
)

SECTIONS = [
    FrontPageSection(
        roles.MINISTRY_STAFF,
        _("Ministeriön henkilöstö"),
        _(
            "Konserniohjauksessa ylläpidät asiakkuusstrategian viitetietoja ja seuraat niiden muutoshistoriaa."
        ),
        (
            _ADMIN,
            _MEETINGS,
            _DECISIONS,
            _STEERING,
            _RUNS,
            _SEGMENTS,
            _COMPANIES,
            _DYNAMICS,
            _OVERVIEW,
            _DOCUMENT,
            _SERVICES,
            _MATRIX,
            _COVERAGE,
            _GROUPS,
            _REGIONAL,
            _ORGANISATIONS,
            _FEEDBACK,
            _TRANSLATIONS,
        ),
    ),
    FrontPageSection(
        roles.WORKING_GROUP_MEMBER,
        _("Työryhmän jäsen"),
        _(
            "Segmenttityöryhmän jäsenenä tarkastelet segmenttien tavoitteita, strategioita ja palvelulupauksia."
        ),
        (
            _GROUPS,
            _PROPOSALS,
            _SEGMENTS,
            _OVERVIEW,
            _DOCUMENT,
            _MATRIX,
            _SERVICES,
            _DECISIONS,
            _REGIONAL,
            _DYNAMICS,
            _COMPANIES,
            _ORGANISATIONS,
        ),
    ),
    FrontPageSection(
        roles.TE_CENTRE_COORDINATOR,
        _("TE-keskuksen koordinaattori"),
        _(
            "Alueellisen asiakkuustyöryhmän koordinaattorina kirjaat alueesi tehtäviä ja viet asiakastarpeita eteenpäin."
        ),
        (
            _REGIONAL,
            _GROUPS,
            _SEGMENTS,
            _DOCUMENT,
            _SERVICES,
            _COMPANIES,
            _DYNAMICS,
            _ORGANISATIONS,
        ),
    ),
    FrontPageSection(
        roles.AGENCY_CUSTOMER_STAFF,
        _("Asiakastyön henkilöstö"),
        _("Asiakastyössä näet, kuka vastaa asiakasyrityksestä, ja hoidat asiakasvastuun siirrot."),
        (_PORTFOLIO, _HANDOVERS, _COMPANIES, _STEERING, _SERVICES, _SEGMENTS, _ORGANISATIONS),
    ),
    FrontPageSection(
        roles.TRANSLATOR,
        _("Kääntäjä"),
        _(
            "Kääntäjänä kirjoitat raportin ja sovelluksen teksteille puuttuvat ruotsin- ja englanninkieliset versiot."
        ),
        (_TRANSLATIONS, _SEGMENTS, _SERVICES, _GROUPS),
    ),
]


def front_page_sections_for(user):
    """The front page sections of the user's roles, each with the links the user may open."""
    held = set(roles.ROLES) if user.is_superuser else auth.group_names(user)
    sections = []
    for section in SECTIONS:
        if section.role not in held:
            continue
        links = tuple(link for link in section.links if user.has_perm(link.permission))
        sections.append((section, links))
    return sections
