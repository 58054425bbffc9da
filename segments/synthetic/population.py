"""The shape of Finland's company population that the synthetic data set follows: segment
shares (the pyramid), regions and their towns by population, industries by kind of company,
ages, productivity and legal forms. Data tables only."""

from datetime import date

# The years the data set has values for: the run of the last one is the one to try.
YEARS = (2024, 2025, 2026)

COMPANY_SEGMENTS = [
    "perustajat",
    "paikalliset",
    "kotimarkkinat",
    "kansainvalistyvat",
    "suuryritykset",
]

# Share of each segment in the generated population: the pyramid of Finnish companies, where
# nine in ten employ fewer than ten people and a few hundred employ 250 or more.
SEGMENT_SHARES = {
    "perustajat": 0.20,
    "paikalliset": 0.647,
    "kotimarkkinat": 0.10,
    "kansainvalistyvat": 0.05,
    "suuryritykset": 0.003,
}

# Regions weighted roughly by population (and so by number of companies), in percent.
REGION_WEIGHTS = {
    "uusimaa": 30.0,
    "varsinais-suomi": 9.0,
    "satakunta": 4.2,
    "hame": 6.8,
    "pirkanmaa": 9.2,
    "kaakkois-suomi": 5.6,
    "etela-savo": 3.0,
    "pohjois-savo": 4.6,
    "pohjois-karjala": 2.9,
    "keski-suomi": 4.9,
    "etela-pohjanmaa": 3.8,
    "pohjanmaa": 4.4,
    "pohjois-pohjanmaa": 7.0,
    "kainuu": 1.4,
    "lappi": 3.2,
}
# Large companies have their head offices in the capital region far more often than others.
LARGE_IN_UUSIMAA = 0.5

# A few real municipalities per region, weighted roughly by population.
MUNICIPALITIES = {
    "uusimaa": [
        ("Helsinki", 40),
        ("Espoo", 18),
        ("Vantaa", 14),
        ("Porvoo", 3),
        ("Hyvinkää", 3),
        ("Järvenpää", 3),
        ("Lohja", 3),
        ("Tuusula", 3),
        ("Kerava", 2),
        ("Raasepori", 2),
    ],
    "varsinais-suomi": [
        ("Turku", 40),
        ("Salo", 11),
        ("Kaarina", 7),
        ("Raisio", 5),
        ("Naantali", 4),
        ("Uusikaupunki", 3),
        ("Loimaa", 3),
    ],
    "satakunta": [("Pori", 38), ("Rauma", 18), ("Ulvila", 6), ("Kankaanpää", 5), ("Eura", 5)],
    "hame": [
        ("Lahti", 30),
        ("Hämeenlinna", 20),
        ("Riihimäki", 9),
        ("Forssa", 5),
        ("Heinola", 5),
        ("Orimattila", 5),
    ],
    "pirkanmaa": [
        ("Tampere", 45),
        ("Nokia", 7),
        ("Ylöjärvi", 7),
        ("Kangasala", 6),
        ("Lempäälä", 5),
        ("Valkeakoski", 4),
        ("Sastamala", 4),
    ],
    "kaakkois-suomi": [
        ("Kouvola", 28),
        ("Kotka", 20),
        ("Lappeenranta", 26),
        ("Imatra", 9),
        ("Hamina", 6),
    ],
    "etela-savo": [("Mikkeli", 40), ("Savonlinna", 28), ("Pieksämäki", 14)],
    "pohjois-savo": [("Kuopio", 50), ("Iisalmi", 9), ("Varkaus", 9), ("Siilinjärvi", 9)],
    "pohjois-karjala": [("Joensuu", 55), ("Kitee", 7), ("Lieksa", 7), ("Nurmes", 5)],
    "keski-suomi": [("Jyväskylä", 55), ("Äänekoski", 7), ("Jämsä", 7), ("Laukaa", 7)],
    "etela-pohjanmaa": [
        ("Seinäjoki", 35),
        ("Lapua", 9),
        ("Kauhava", 9),
        ("Kurikka", 11),
        ("Alavus", 6),
    ],
    "pohjanmaa": [
        ("Vaasa", 30),
        ("Kokkola", 20),
        ("Pietarsaari", 8),
        ("Mustasaari", 8),
        ("Kristiinankaupunki", 3),
    ],
    "pohjois-pohjanmaa": [
        ("Oulu", 55),
        ("Raahe", 6),
        ("Kempele", 5),
        ("Kuusamo", 4),
        ("Ylivieska", 4),
        ("Nivala", 3),
    ],
    "kainuu": [("Kajaani", 55), ("Kuhmo", 12), ("Sotkamo", 15), ("Suomussalmi", 10)],
    "lappi": [("Rovaniemi", 40), ("Tornio", 13), ("Kemi", 13), ("Sodankylä", 6), ("Kittilä", 6)],
}

# TOL 2008 industries: (code, word for the name, weight among home-market companies, weight
# among exporters and large companies). Construction, trade, transport, restaurants and
# business services dominate small companies; manufacturing and software the exporters.
INDUSTRIES = [
    ("01110", "Maatila", 4, 0),
    ("02200", "Metsäpalvelu", 3, 1),
    ("10710", "Leipomo", 2, 1),
    ("16101", "Saha", 1, 4),
    ("17120", "Paperi", 0, 3),
    ("20160", "Kemia", 0, 3),
    ("21200", "Lääke", 0, 2),
    ("22220", "Muovi", 1, 3),
    ("25110", "Metalli", 2, 6),
    ("25620", "Konepaja", 3, 8),
    ("26110", "Elektroniikka", 1, 6),
    ("27110", "Sähkökone", 0, 4),
    ("28220", "Nosturi", 0, 4),
    ("28920", "Kone", 1, 5),
    ("30110", "Telakka", 0, 1),
    ("31090", "Huonekalu", 2, 2),
    ("35130", "Energia", 1, 1),
    ("41200", "Rakennus", 12, 2),
    ("43210", "Sähkö", 6, 0),
    ("43220", "LVI", 5, 0),
    ("43320", "Puuseppä", 3, 1),
    ("45200", "Autokorjaamo", 5, 0),
    ("46690", "Tukku", 3, 6),
    ("47110", "Kauppa", 5, 0),
    ("47710", "Vaateliike", 3, 1),
    ("49320", "Taksi", 4, 0),
    ("49410", "Kuljetus", 6, 2),
    ("55101", "Hotelli", 1, 1),
    ("56101", "Ravintola", 5, 0),
    ("58210", "Peli", 0, 4),
    ("61200", "Tele", 0, 1),
    ("62010", "Ohjelmisto", 3, 10),
    ("62020", "IT-konsultointi", 3, 4),
    ("68201", "Kiinteistö", 3, 0),
    ("69201", "Tilitoimisto", 3, 0),
    ("70220", "Konsultointi", 5, 3),
    ("71122", "Insinööritoimisto", 3, 4),
    ("72190", "Tutkimus", 1, 4),
    ("73110", "Mainos", 2, 1),
    ("74100", "Muotoilu", 1, 2),
    ("81210", "Siivous", 4, 0),
    ("86230", "Hammaslääkäri", 2, 0),
    ("93130", "Kuntosali", 2, 0),
    ("96021", "Kampaamo", 4, 0),
]

# Mean age in years of a segment's companies, and the youngest and oldest.
AGE = {
    "perustajat": (1.5, 0, 4),
    "paikalliset": (12, 0.5, 80),
    "kotimarkkinat": (20, 2, 100),
    "kansainvalistyvat": (14, 1, 100),
    "suuryritykset": (40, 5, 150),
}
# Turnover per employee (M€, median) of a segment's companies.
PRODUCTIVITY = {
    "paikalliset": 0.08,
    "kotimarkkinat": 0.14,
    "kansainvalistyvat": 0.18,
    "suuryritykset": 0.30,
}
# Share of companies that have not yet reported the latest year's values: the run leaves
# them unplaced, as it must for a company it cannot judge.
MISSING_LATEST = 0.004
VALUES_END = date(2024, 12, 31)

# Legal forms by segment (the one the demo rules place a company in), with their weights.
FORMS = {
    "perustajat": (["Tmi", "Oy", "Ky"], [6, 3, 1]),
    "paikalliset": (["Oy", "Ky", "Tmi"], [7, 1.5, 1.5]),
    "kotimarkkinat": (["Oy", "Ky"], [19, 1]),
    "kansainvalistyvat": (["Oy"], [1]),
    "suuryritykset": (["Oy", "Oyj"], [4, 1]),
}
