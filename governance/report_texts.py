"""The report's texts on how the work is steered (5.1, 5.1.3, 5.4, 5.5, 6, 6.1–6.4, 7, 8),
word for word, as the governance initial data loads them.

Where the report says a thing exists but does not word it (the second promise
alternative of two segments), the slot is loaded empty. The report's own spelling is
kept ("pitkäjärteinen", "siirtykö", "vaikuttavuuden seuranta"), so that the texts can be
checked against it.
"""

# Section 6's three-level list and its advisory-board sentence: what each tier does.
STRATEGY_GROUP_DESCRIPTION = (
    "Asiakkuusstrategia-ryhmä ohjaa strategiatyötä ja julkisten yrityspalveluiden "
    "kehittämistä ja tuottamista."
)
WORKING_COMMITTEE_DESCRIPTION = (
    "Asiakkuusstrategiaryhmä koostuu kahdesta osasta: laaja strategiaryhmä koostuu TEM "
    "hallinnonalan organisaatioiden avaintoimijoista, joista osa muodostaa pienemmän "
    "työvaliokunnan, jonka tehtävä on valmistella asioita koko strategiaryhmän päätettäväksi "
    "yhteistyössä TEM:n hallinnonalan ulkopuolisten yrityspalveluita ohjaavien tahojen kanssa, "
    "esim. MMM."
)
ADVISORY_BOARD_DESCRIPTION = (
    "Asiakkuusstrategia-ryhmän rinnalla toimii neuvottelukunta, jonka kautta "
    "asiakkuusstrategiatyön tuloksista viestitään ja keskustellaan laajan toimijajoukon kanssa."
)
REGIONAL_GROUP_DESCRIPTION = (
    "Alueelliset asiakkuustyöryhmät vastaavat käytännön asiakastyön toteuttamisesta "
    "asiakassegmenttikohtaisten työryhmän linjausten mukaisesti."
)

# 6.2: the three segment working groups, their lines of the report and their segments.
# (letter, description, segment codes)
SEGMENT_GROUPS = [
    (
        "a",
        "a) Yrityksen perustajat ja keksintöasiakkaat\n"
        "Paikallisesti toimivat yritykset\n"
        "Kotimarkkinoilla toimivat yritykset",
        ["perustajat", "paikalliset", "kotimarkkinat"],
    ),
    ("b", "b) Kansainvälistymällä kasvua hakevat yritykset", ["kansainvalistyvat"]),
    (
        "c",
        "c) Suuryritykset. Tämän segmentin tarkastelun yhteyteen liitetään tässä vaiheessa myös "
        "erilaiset klusterit, verkostot, kokonaan uudet toimialat sekä ”invest in Finland” "
        "–tyyppiset asiakkaat.",
        ["suuryritykset", "uudet-toimialat", "invest-in-finland"],
    ),
]

# 6.1: "Strategiaryhmän (ja sen työvaliokunnan) keskeiset tehtäväalueet".
STRATEGY_GROUP_RESPONSIBILITIES = [
    "vastaa asiakkuusstrategian linjauksista ja strategiatyön toteutuskonseptista",
    "varmistaa, että TEM:n hallinnonalan toimijoiden asiakkuusstrategiat noudattavat yhteistä "
    "linjaa",
    "täsmentää eri toimijoiden pääroolit osana asiakkuuksien johtamisen kokonaiskuvaa",
    "määrittelee tilaaja-tuottajamallin mukaiset päälinjaukset",
    "ohjaa asiakassegmenttikohtaisten työryhmien toimintaa ja ottaa kantaa niiden esityksiin",
    "määrittelee asiakkuuksien johtamisen tavoitteet, mittarit ja ohjauskäytännöt",
    "omistaa Yritys-Suomi -brändin",
    "ottaa kantaa asiakkuuksien hallinnan (=asiakastietojen vaihtamisen) kysymyksiin sekä "
    "yhteisten tietojärjestelmien ja muun infran rakentamiseen ja ylläpitoon "
    "asiakassegmenttikohtaisten työryhmien ja alueellisten asiakkuustyöryhmien tarpeiden "
    "pohjalta",
    "ohjaa sähköisten palvelukanavien kehittämistä",
]

# 6.2: "Asiakassegmenttikohtaisten työryhmien keskeiset tehtäväalueet".
SEGMENT_GROUP_RESPONSIBILITIES = [
    "toteuttaa asiakkuusstrategiaryhmän linjauksia ja vie esityksiä sen päätettäväksi (ml. "
    "tavoitteet ja painopistealueet)",
    "tunnistaa ko. segmenttien yritysten tarpeet (= yhteinen tarveanalyysi) ja määrittelee "
    "tarpeita vastaavat tarjoomat (karsii päällekkäisyydet ja tunnistaa puutteet)",
    "määrittelee palvelumallit, huomioi myös eri palvelukanavat",
    "täsmentää eri toimijoiden roolit ja vastuut, myös kumppanuudet",
    "ohjaa alueellisten asiakkuustyöryhmien toimintaa, asettaa niille tavoitteet ja seuraa "
    "niiden toteutumista asiakkuusstrategiaryhmän linjausten mukaisesti",
    "jalkauttaa asiakkuusstrategiaryhmän vahvistamat toimintamallit kaikkiin organisaatioihin "
    "keskitetyssä ohjauksessa",
    "ohjaa ja varmistaa tilaaja-tuottajamallin mukaisen toimintatavan",
]

# 6.3: "Alueellisten asiakkuustyöryhmien keskeisiä tehtäväalueita" (also the kinds of the
# regional task log, RegionalTask.Kind).
REGIONAL_GROUP_RESPONSIBILITIES = [
    "ohjaa julkisten yrityspalveluiden käytännön asiakastyötä ylemmiltä ryhmiltä tulevien "
    "linjausten mukaisesti",
    "jalkauttaa asiakassegmenttikohtaiselta tasolta tulevat strategiat ja käytännön "
    "toimintamallit oman alueensa käytännön asiakastyöhön",
    "huomioi tehdyt työnjakosopimukset ja eri toimijoiden roolit",
    "varmistaa ja sopii tilaaja-tuottajamalli mukaisesta palvelutuotannosta",
    "huomioi alueelliset painopisteet",
    "tekee jatkuvaa asiakastarveanalyysiä => vie tarvittaessa viestiä ylöspäin",
    "tekee jatkuvaa vaikuttavuuden seuranta",
    "kehittää asiakaspalvelumalleja yhteistyössä asiakassegmenttikohtaisten työryhmien kanssa",
    "osallistuu alueellisen elinkeinostrategian työstämiseen",
]

# 6.4: the ministry's role and its units' participation, paragraph by paragraph.
# (organisation code, text)
MINISTRY_ROLES = [
    (
        "tem",
        "TEM:n rooli asiakkuusstrategiatyössä on ohjaava ja sen tehtävä on katsoa erityisesti yli "
        "organisaatioyksikkörajojen.",
    ),
    (
        "tem-konserniohjaus",
        "Konserniohjauksella on kaksi vastuualuetta: koko järjestelmän ohjaus ja "
        "erityisrahoituksen substanssivastuu. Tästä näkökulmasta sen keskeisiä rooleja on johtaa "
        "koko asiakkuusstrategiatyötä, asiakkuusstrategiaryhmää, osallistua aktiivisesti "
        "työvaliokuntatyöskentelyyn sekä osallistua asiakassegmenttikohtaiseen työskentelyyn "
        "tarpeen mukaan. Konserniohjauksen tehtävänä on myös valmistella asiakkuusstrategiatyön "
        "seuraavan vaiheen käynnistymistä ja toteuttaa siihen liittyvä kilpailutus. "
        "Konserniohjauksella on asiakkuusstrategian kannalta erittäin keskeinen rooli myös "
        "TE-keskusten yleishallinnollisessa ohjauksessa ja asiakkuusstrategisten linjausten "
        "käyttöönoton varmistamisessa tulosohjauksen keinoin.",
    ),
    (
        "tem-tyollisyys-ja-yrittajyysosasto",
        "Työllisyys ja yrittäjyys –osasto osallistuu työskentelyyn asiakkuustrategiaryhmässä, "
        "työvaliokunnassa sekä asiakassegmenttikohtaisissa työryhmissä ainakin yrityksen "
        "perustajat ja keksintöasiakkaat, paikallisesti toimivat yritykset sekä kotimarkkinoilla "
        "toimivat yritykset –työryhmien osalta. Resurssien ja tarpeen mukaan se osallistuu "
        "muihinkin segmenttikohtaisiin työryhmiin.",
    ),
    (
        "tem-innovaatio-osasto",
        "Innovaatio-osasto osallistuu työskentelyyn asiakkuusstrategiaryhmässä, työvaliokunnassa "
        "sekä asiakassegmenttikohtaisissa työryhmissä ainakin kansainvälistymällä kasvua hakevat "
        "yritykset ja suuryritykset –työryhmien osalta. Resurssien ja tarpeen mukaan se osallistuu "
        "myös alkavien yritysten työryhmään.",
    ),
    (
        "tem-konsernipalveluiden-kehittamiskeskus",
        "Konsernipalveluiden kehittämiskeskus osallistuu asiakkuusstrategiatyön eri työryhmien "
        "työskentelyyn siltä osin kuin heidän erityisasiantuntijuuttaan tarvitaan.",
    ),
    (
        "tem",
        "Ministeriön eri toimijoiden roolit ja osallistuminen työskentelyyn eri tasoilla "
        "täsmennetään asiakkuusstrategiaryhmässä.",
    ),
]

# 6.4: the bodies in which each unit, the report says, takes part (as an organisation: the
# report names no people). Konserniohjaus leads the strategy group (its lead organisation)
# and takes part actively in the working committee. (organisation code, body codes)
MINISTRY_MEMBERSHIPS = [
    ("tem-konserniohjaus", ["tyovaliokunta"]),
    (
        "tem-tyollisyys-ja-yrittajyysosasto",
        ["asiakkuusstrategiaryhma", "tyovaliokunta", "tyoryhma-a"],
    ),
    (
        "tem-innovaatio-osasto",
        ["asiakkuusstrategiaryhma", "tyovaliokunta", "tyoryhma-b", "tyoryhma-c"],
    ),
]

# Section 8 and 5.5: the first key decision, with 5.5's two alternatives and what follows
# from each.
DATA_SHARING_TITLE = (
    "Onko TEM-konsernin toimijoilla yhteiset asiakkaat vai tulkitaanko niin, että jokaisella "
    "toimijalla on omat asiakkaansa?"
)
DATA_SHARING_DESCRIPTION = (
    "Ensimmäisen vaiheen keskeisiä päätöksiä on valinta siitä, onko TEM-konsernin toimijoilla "
    "yhteiset asiakkaat vai tulkitaanko niin, että jokaisella toimijalla on omat asiakkaansa?."
    "\n\n"
    "Tähän liittyy läheisesti valinta siitä, onko TEM-konsernissa yhteiset asiakkaat vai onko "
    "jokaisella organisaatiolla omat asiakkaat."
    "\n\n"
    "Tässä vaiheessa tärkeintä on muodostaa näkemys tahtotilasta sen suhteen onko "
    "TEM-konsernilla yhteiset asiakkaat, joiden asiakkuutta koskeva tieto jaetaan vai onko "
    "kullakin organisaatiolla omat asiakkaansa ja oma asiakastietonsa."
)
# (text, description, data-sharing strategy the choice sets)
DATA_SHARING_ALTERNATIVES = [
    (
        "TEM-konsernilla yhteiset asiakkaat, joiden asiakkuutta koskeva tieto jaetaan",
        "Mikäli päädytään strategiseen valintaan, jossa TEM-konsernilla on yhteiset asiakkaat, "
        "voidaan lähteä tekemään valintoja kohden yhteistä asiakkuusjärjestelmää. Sitä kautta "
        "syntyy luonteva asiakastiedon vaihtaminen ja hyödyntäminen. Tämä edellyttää tietosuojaan "
        "liittyvien kysymysten ratkaisemista sekä mm. päätöstä Finnveraa koskevasta "
        "pankkisalaisuudesta.",
        "shared",
    ),
    (
        "kullakin organisaatiolla omat asiakkaansa ja oma asiakastietonsa",
        "Jos taas lähdetään perusajattelusta, jossa tiedot vaihtuvat asiakassuostumuksen "
        "perusteella, niin tämäkin strateginen linjaus on tehtävä selväksi. Tällöin kukin toimija "
        "jatkaa oman järjestelmämaailmansa parissa ja suostumukseen perustuvaa tietojenvaihtoa "
        "lähdetään kehittämään systemaattisesti ja määrätietoisesti.",
        "consent",
    ),
]

# Section 8 and 5.4: the second key decision, asked of each confirmed company segment
# ("Valinta voi olla eri segmenttien kohdalla erilainen").
RESPONSIBILITY_TITLE = (
    "Onko segmenttikohtainen asiakasvastuu nimetty pitkäjänteisesti jollekin toimijalle vai "
    "siirtykö asiakkuusvastuu toimijalta toiselle sen mukaan kenen asiakkaan palveluita ko, "
    "asiakas kulloinkin käyttää."
)
RESPONSIBILITY_DESCRIPTION = (
    "Toinen keskeinen linjaus on tehtävä asiakasvastuun organisoinnin osalta: onko "
    "segmenttikohtainen asiakasvastuu nimetty pitkäjänteisesti jollekin toimijalle vai "
    "siirtykö asiakkuusvastuu toimijalta toiselle sen mukaan kenen asiakkaan palveluita ko, "
    "asiakas kulloinkin käyttää."
    "\n\n"
    "Strategiset valinnat asiakasvastuun organisoinnista on tehtävä heti jatkotyöskentelyn "
    "alkumetreillä. Valinta voi olla eri segmenttien kohdalla erilainen."
)
RESPONSIBILITY_SEGMENTS = [
    "perustajat",
    "paikalliset",
    "kotimarkkinat",
    "kansainvalistyvat",
    "suuryritykset",
]
# (label, text, description, responsibility mode the choice sets)
RESPONSIBILITY_ALTERNATIVES = [
    (
        "a)",
        "Joku toimija vastaa asiakkuudesta pitkäjärteisesti ja etsii TEM-toimijoiden tarjoomasta "
        "kulloinkin asiakkaan tarpeisiin sopivat palvelut",
        "Tämän ratkaisuvaihtoehdon osalta on määriteltävä periaatteet, jolla asiakasvastuun jako "
        "tehdään.\n\n"
        "Tämän vaihtoehdon suuntaan voidaan edetä kaksivaiheisesti siten, että ensin mietitään "
        "nykyisen organisaatiomallin mukaiseen tilanteeseen sopiva toimintamalli ja pitkällä "
        "tähtäimellä otetaan tarkasteluun myös mahdollisuus laajempiin rakenteellisiin "
        "uudistuksiin tältä osin.\n\n"
        "Esimerkkejä vaihtoehtoisista ratkaisuista nykytilanteessa:\n"
        "- segmentikohtaisesti määritellään päävastuu kunkin segmentin asiakkuuksista\n"
        "- kasvuyrityspalvelun kaltaisesti valitaan (nimetään) ne asiakkuudet, joiden kohdalla "
        "määritellään pitkäjärteinen asiakasvastuu ja kuka sen ottaa",
        "long_term",
    ),
    (
        "b)",
        "Asiakasvastuu siirtyy toimijalta toiselle sen mukaan, mitä palveluita asiakas kulloinkin "
        "käyttää (=kenellä on menossa aktiivinen hanke asiakkaan kanssa)",
        "Tämän ratkaisuvaihtoehdon mukaisesti asiakasvastuu (ja asiakkuus) siirtyy "
        "organisaatiolta toiselle sen mukaan millaisia tarpeita asiakkaalla kulloinkin on ja "
        "kenen toimijan valikoimista löytyy asiakastarpeen kannalta tarkoituksen mukaisin "
        "ratkaisu.\n\n"
        "Tässä vaihtoehdossa korostuu tarve luoda toimivat menettelyt ”kapulan vaihdolle” eli "
        "asiakasvastuun siirtymiselle eri toimijoiden kesken, jotta asiakas näkee ja kokee TEM:n "
        "hallinnonalan toimijat yhtenäisenä, itselleen hyödyllisenä kumppanina.",
        "handover",
    ),
]

# 5.1.3: two segments had two promise alternatives to the end; the report records one
# wording of each (loaded with the segments) and leaves the other unworded.
PROMISE_TITLE = "Segmentin palvelulupaus"
PROMISE_DESCRIPTION = (
    "Kotimarkkinoilla toimivien ja kansainvälistymällä kasvua hakevien yritysten "
    "palvelulupauksissa projektiryhmällä oli loppuun asti kaksi vaihtoehtoa, joiden "
    "keskinäiseen tarkasteluun vielä jatkotyöskentelyssä palata"
)
PROMISE_SEGMENTS = ["kotimarkkinat", "kansainvalistyvat"]

# 5.1.1 (and 5.1): whether the two candidate segments exist. The report gives no
# alternatives; the decision says.
EXISTENCE_TITLE = (
    "Jatkotyöskentelyssä on otettava kantaa myös ”Invest-in-Finland”- ja ”uudet "
    "toimialat”-segmenttien olemassa oloon ja kehittämiseen."
)
# (segment code, 5.1's paragraph on it)
EXISTENCE_SEGMENTS = [
    (
        "invest-in-finland",
        "Projektiryhmässä nousi esille tarve tarkastella erikseen ”Invest-in-Finland”-tyyppisiä "
        "asiakkaita, jotka usein ovat suuryrityksiä, mutta joita pitää lähestyä erilaisella "
        "tarjoomalla ja palvelumalleilla kuin tällä hetkellä Suomessa toimivia suuryrityksiä.",
    ),
    (
        "uudet-toimialat",
        "Toinen teema, joka nousi projektiryhmässä aktiiviseen keskusteluun on kokonaan uusien "
        "toimialojen synnyttäminen. Sitä on vaikea kohdentaa mihinkään nykysegmenteistä, sillä se "
        "leikkaa läpi useita eri segmenttejä ja vaatii niin ikään omanlaistaan tarjoomaa ja "
        "palvelumalleja.",
    ),
]

# 6.3: left for the strategy group to decide.
REGIONAL_SCOPE_TITLE = (
    "Otetaanko työskentelyyn mukaan alkuvaiheessa vain TEM-konserniin kuuluvat toimijat vai "
    "ulotetaanko työskentely saman tien kattamaan laajemmankin joukon seudullisia toimijoita"
)
REGIONAL_SCOPE_DESCRIPTION = (
    "Alueellisten asiakkuustyöryhmien osalta jää asiakkuusstrategiaryhmän linjattavaksi "
    "otetaanko työskentelyyn mukaan alkuvaiheessa vain TEM-konserniin kuuluvat toimijat vai "
    "ulotetaanko työskentely saman tien kattamaan laajemmankin joukon seudullisia toimijoita."
)
REGIONAL_SCOPE_ALTERNATIVES = [
    "alkuvaiheessa vain TEM-konserniin kuuluvat toimijat",
    "saman tien kattamaan laajemmankin joukon seudullisia toimijoita",
]

# Section 7's four phases (with what sections 5.2 and 8 say of them). The report gives no
# dates. (name, description, schedule in words, status, responsible organisation, sections)
WORK_PHASES = [
    (
        "Asiakkuusstrategiatyön seuraavan vaiheen kilpailutus ja toimittajavalinta",
        "Asiakkuusstrategiatyön käynnistämiseksi toteutetaan kilpailutus, jossa haetaan "
        "ulkopuolista konsulttia lähinnä fasilitaattorin rooliin tulevaa kehitystyötä ajatellen. "
        "Kilpailutuksen hoitaa ja jatkotyön organisoinnista vastaa TEM Konserniohjaus.",
        "",
        "planned",
        "tem-konserniohjaus",
        "7, 8",
    ),
    (
        "Työn käynnistäminen valitusajan päätyttyä",
        "Työ- ja elinkeinoministeriön hallinnon alan asiakkuusstrategiatyö käynnistetään "
        "laajamittaisena työskentelynä vuoden 2009 alkupuolella.",
        "vuoden 2009 alkupuolella",
        "planned",
        None,
        "7, 8",
    ),
    (
        # 5.2: the harmonisation "käynnistettiin välittömästi" – under way when reported.
        "Kilpailutuksen rinnalla tapahtuva nykytarjooman yhtenäistämistyö",
        "Nykytarjooman yhtenäistämiseen tähtäävä työ käynnistettiin välittömästi kahdessa, "
        "mahdollisesti useammassakin, alatyöryhmässä, jotka raportoivat työnsä tuloksista tämän "
        "työn projekti- ja ohjausryhmille 1.2.2009 mennessä.",
        "",
        "ongoing",
        None,
        "7, 5.2",
    ),
    (
        "Seuraavan vaiheen työskentelyn organisointi Konserniohjauksen toimesta",
        "Jatkotyöskentely organisoidaan siten, että koko työskentelyä ohjaa TEM:n hallinnonalan "
        "toimijoista muodostuva asiakkuusstrategiaryhmä, jolla on oma työvaliokunta "
        "valmistelemassa koko hallinnonala koskevia asiakkuusstrategisia linjauksia. "
        "Asiakkuusstrategiaryhmän rinnalle kootaan laajempi neuvottelukunta.",
        "",
        "planned",
        "tem-konserniohjaus",
        "7, 8",
    ),
]
