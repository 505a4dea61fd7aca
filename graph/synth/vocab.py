"""Word lists for the synthetic graph: names, places, companies, titles.

Everything here is an immutable tuple so the module has no mutable state.
"""

from __future__ import annotations

from types import MappingProxyType

FIRST_NAMES: tuple[str, ...] = (
    "Ana", "João", "Maria", "Pedro", "Inês", "Tiago", "Beatriz", "Rui", "Sofia", "Miguel",
    "Carlos", "Lucía", "Javier", "Elena", "Pablo", "Carmen", "Diego", "Marta", "Álvaro",
    "Laura", "James", "Emma", "Oliver", "Charlotte", "William", "Sophie", "Harry", "Amelia",
    "George", "Chloé", "Louis", "Camille", "Hugo", "Léa", "Mathieu", "Zoë", "Lukas", "Anna",
    "Jonas", "Lena", "Felix", "Jürgen", "Sabine", "Łukasz", "Agnieszka", "Piotr", "Omar",
    "Fatima", "Ahmed", "Layla", "Youssef", "Noor", "Daan", "Sanne", "Bram", "Lotte",
    "Giulia", "Marco", "Francesca", "Luca", "Chiara", "Matteo", "Michael", "Sarah", "David",
    "Jessica", "Daniel", "Emily", "Priya", "Arjun", "Wei", "Mei", "Hiroshi", "Yuki", "Søren",
    "Ingrid", "Nils", "Astrid", "Andrés", "Renée", "François", "Gonçalo", "Mónica", "Sérgio",
)

LAST_NAMES: tuple[str, ...] = (
    "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins",
    "Sousa", "Gonçalves", "García", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
    "Gómez", "Ruiz", "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans",
    "Thomas", "Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Müller",
    "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Kowalski", "Nowak", "Wiśniewski",
    "Al-Mansouri", "Haddad", "Khan", "Rahman", "de Vries", "van Dijk", "Bakker", "Jansen",
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Johnson", "Miller",
    "Davis", "Anderson", "Patel", "Sharma", "Chen", "Wang", "Tanaka", "Sato", "Nielsen",
    "Johansson", "Lindqvist", "Núñez", "Brandão", "Magalhães", "O'Brien", "Ó Súilleabháin",
)

# (city, country, phone prefix, districts)
CITIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("Lisbon", "Portugal", "+351", ("Chiado", "Príncipe Real", "Parque das Nações", "Alfama",
                                    "Avenidas Novas", "Belém", "Campo de Ourique")),
    ("Porto", "Portugal", "+351", ("Foz do Douro", "Boavista", "Ribeira", "Bonfim")),
    ("Madrid", "Spain", "+34", ("Salamanca", "Chamberí", "Retiro", "Chamartín")),
    ("Barcelona", "Spain", "+34", ("Eixample", "Gràcia", "Sarrià", "Poblenou")),
    ("London", "United Kingdom", "+44", ("Mayfair", "Canary Wharf", "Kensington",
                                          "Shoreditch", "King's Cross")),
    ("Paris", "France", "+33", ("Le Marais", "8e Arrondissement", "La Défense",
                                "Saint-Germain")),
    ("Berlin", "Germany", "+49", ("Mitte", "Prenzlauer Berg", "Charlottenburg", "Kreuzberg")),
    ("Dubai", "United Arab Emirates", "+971", ("Downtown", "Dubai Marina", "DIFC",
                                               "Palm Jumeirah")),
    ("Amsterdam", "Netherlands", "+31", ("Zuidas", "Jordaan", "De Pijp", "Oud-Zuid")),
    ("Milan", "Italy", "+39", ("Brera", "Porta Nuova", "CityLife", "Navigli")),
    ("New York", "United States", "+1", ("Midtown", "Tribeca", "Hudson Yards",
                                         "Upper East Side")),
)

# Segment (persona) -> industries it draws from.
SEGMENT_INDUSTRIES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "family_office": ("Private Wealth", "Family Holding"),
    "developer": ("Real Estate Development", "Construction"),
    "corporate_relocation": ("Technology", "Consulting", "Pharmaceuticals", "Banking"),
    "investor": ("Private Equity", "Asset Management"),
    "fund": ("REIT", "Pension Fund", "Insurance"),
    "retail_chain": ("Retail", "Hospitality", "Food & Beverage"),
})
SEGMENTS: tuple[str, ...] = tuple(SEGMENT_INDUSTRIES)

COMPANY_ROOTS: tuple[str, ...] = (
    "Atlântico", "Meridian", "Aurora", "Northwind", "Solaris", "Tejo", "Douro", "Vértice",
    "Horizonte", "Bluestone", "Ironbridge", "Silverline", "Oakmont", "Lumen", "Cobalt",
    "Harbour", "Granite", "Alameda", "Costa Verde", "Castellana", "Montjuïc", "Rivoli",
    "Kestrel", "Falcon", "Helios", "Vega", "Orion", "Altair", "Zenith", "Sequoia",
    "Azur", "Brisa", "Nova", "Corvo", "Lusitânia", "Estrela", "Pinnacle", "Crescent",
    "Marlowe", "Ashford", "Brennan", "Calloway", "Delacroix", "Engel", "Fontaine",
)

SEGMENT_SUFFIXES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "family_office": ("Family Office", "Holdings", "Capital", "Partners"),
    "developer": ("Developments", "Properties", "Construções", "Real Estate"),
    "corporate_relocation": ("Technologies", "Group", "Consulting", "Labs", "Systems"),
    "investor": ("Capital", "Investments", "Partners", "Equity"),
    "fund": ("Real Estate Fund", "REIT", "Asset Management", "Pension Fund"),
    "retail_chain": ("Stores", "Retail", "Hospitality", "Brands"),
})

# (department, ((title, seniority), ...)) from senior to junior.
DEPARTMENT_TITLES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Finance", (("Chief Financial Officer", "C_LEVEL"), ("VP Finance", "VP"),
                 ("Finance Director", "DIRECTOR"), ("Finance Manager", "MANAGER"),
                 ("Senior Financial Analyst", "SENIOR"), ("Financial Analyst", "ENTRY"))),
    ("Operations", (("Chief Operating Officer", "C_LEVEL"), ("VP Operations", "VP"),
                    ("Operations Director", "DIRECTOR"), ("Operations Manager", "MANAGER"),
                    ("Senior Operations Analyst", "SENIOR"), ("Operations Associate", "ENTRY"))),
    ("Real Estate", (("Chief Investment Officer", "C_LEVEL"), ("VP Real Estate", "VP"),
                     ("Head of Real Estate", "DIRECTOR"), ("Asset Manager", "MANAGER"),
                     ("Senior Acquisitions Analyst", "SENIOR"), ("Acquisitions Analyst", "ENTRY"))),
    ("Legal", (("General Counsel", "C_LEVEL"), ("VP Legal", "VP"), ("Legal Director", "DIRECTOR"),
               ("Legal Manager", "MANAGER"), ("Senior Counsel", "SENIOR"), ("Paralegal", "ENTRY"))),
    ("People", (("Chief People Officer", "C_LEVEL"), ("VP People", "VP"),
                ("HR Director", "DIRECTOR"), ("Mobility Manager", "MANAGER"),
                ("Senior HR Business Partner", "SENIOR"), ("HR Coordinator", "ENTRY"))),
    ("Procurement", (("Chief Procurement Officer", "C_LEVEL"), ("VP Procurement", "VP"),
                     ("Procurement Director", "DIRECTOR"), ("Facilities Manager", "MANAGER"),
                     ("Senior Buyer", "SENIOR"), ("Procurement Assistant", "ENTRY"))),
)
SENIORITY_RANK: tuple[str, ...] = ("C_LEVEL", "VP", "DIRECTOR", "MANAGER", "SENIOR", "ENTRY")

BUSINESS_UNITS: tuple[str, ...] = ("Residential", "Commercial", "Relocation", "Capital Markets")
MEMBER_TITLES: tuple[str, ...] = (
    "Account Executive", "Senior Account Executive", "Client Partner", "Associate Director",
)
LEADER_TITLES: tuple[str, ...] = ("Head of Sales", "Managing Director", "Director")

FEATURES: tuple[str, ...] = (
    "river view", "sea view", "terrace", "garden", "pool", "parking", "concierge",
    "renovated", "new build", "balcony", "air conditioning", "high ceilings", "elevator",
    "storage", "gym", "loading dock", "fibre", "energy A", "listed building", "rooftop",
)
