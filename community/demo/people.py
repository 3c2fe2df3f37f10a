"""Demo members and spaces: fixed data, so every newcomer sees the same community."""

DEMO_PASSWORD = "peerdesk-demo"

SPACES = [
    # slug, English name, German name, English description, German description, target (min)
    (
        "products",
        "Products & services",
        "Produkte & Services",
        "Questions about our products, plans and features.",
        "Fragen zu unseren Produkten, Tarifen und Funktionen.",
        60,
    ),
    (
        "technical",
        "Technical problems & error messages",
        "Technische Probleme & Fehlermeldungen",
        "Something does not work? Describe the error and what you tried.",
        "Etwas funktioniert nicht? Beschreibe den Fehler und was du versucht hast.",
        60,
    ),
    (
        "account",
        "Account & login",
        "Konto & Anmeldung",
        "Sign-in trouble, passwords, two-factor authentication, account settings.",
        "Probleme bei der Anmeldung, Passwörter, Zwei-Faktor-Authentifizierung, Kontoeinstellungen.",
        30,
    ),
    (
        "orders",
        "Orders & delivery",
        "Bestellungen & Lieferung",
        "Order status, shipping, returns and exchanges.",
        "Bestellstatus, Versand, Rücksendungen und Umtausch.",
        60,
    ),
    (
        "billing",
        "Invoices & payment",
        "Rechnungen & Zahlung",
        "Invoices, payment methods, refunds and reminders.",
        "Rechnungen, Zahlungsarten, Erstattungen und Mahnungen.",
        60,
    ),
    (
        "ideas",
        "Feedback & ideas",
        "Feedback & Ideen",
        "Tell us what to improve and vote for the ideas of others.",
        "Sag uns, was wir verbessern sollen, und stimme für die Ideen anderer.",
        240,
    ),
    (
        "legal",
        "Legal notices",
        "Rechtliche Hinweise",
        "Terms, cancellation, data protection: questions and official notices.",
        "AGB, Kündigung, Datenschutz: Fragen und offizielle Hinweise.",
        120,
    ),
]

# username, display name, locale, role: "staff", "admin", "super" or "" (customer)
STAFF = [
    ("anna.support", "Anna Weber", "de", "admin", "Anna, Kundenservice"),
    ("ben.support", "Ben Carter", "en", "staff", "Ben, Customer Care"),
]
SUPER_USERS = [
    ("maria.k", "Maria König", "de"),
    ("dave_fixes", "Dave Miller", "en"),
    ("jonas.tech", "Jonas Richter", "de"),
]
CUSTOMERS = [
    ("lena.h", "Lena Hoffmann", "de"),
    ("paul_m", "Paul Meyer", "de"),
    ("sophie.s", "Sophie Schulz", "de"),
    ("lukas", "Lukas Fischer", "de"),
    ("mia.w", "Mia Wagner", "de"),
    ("felix.b", "Felix Braun", "de"),
    ("hannah", "Hannah Zimmermann", "de"),
    ("tim.k", "Tim Krüger", "de"),
    ("laura.h", "Laura Hartmann", "de"),
    ("jan.s", "Jan Schmitt", "de"),
    ("nina", "Nina Lange", "de"),
    ("moritz.w", "Moritz Werner", "de"),
    ("klara", "Klara Schmid", "de"),
    ("erik.n", "Erik Neumann", "de"),
    ("julia.k", "Julia Koch", "de"),
    ("stefan.w", "Stefan Wolf", "de"),
    ("emily.j", "Emily Johnson", "en"),
    ("james.r", "James Robinson", "en"),
    ("olivia", "Olivia Brown", "en"),
    ("noah.t", "Noah Taylor", "en"),
    ("ava.w", "Ava Wilson", "en"),
    ("liam_d", "Liam Davies", "en"),
    ("chloe", "Chloe Evans", "en"),
    ("jack.t", "Jack Thomas", "en"),
    ("grace.r", "Grace Roberts", "en"),
    ("harry.w", "Harry Walker", "en"),
    ("isla.w", "Isla Wright", "en"),
    ("oscar.g", "Oscar Green", "en"),
    ("ruby.h", "Ruby Hall", "en"),
    ("leo.c", "Leo Clarke", "en"),
    ("freya", "Freya Lewis", "en"),
    ("max.power", "", "de"),
    ("sunny_day", "", "en"),
    ("techfan82", "", "de"),
    ("quietreader", "", "en"),
]


def email_for(username: str) -> str:
    return f"{username.replace('_', '.')}@demo.peerdesk.example"


def demo_logins() -> list[tuple[str, str]]:
    """The accounts worth trying, as (role, e-mail)."""
    logins = [
        ("admin + staff" if role == "admin" else "staff agent", email_for(username))
        for username, _name, _locale, role, _signature in STAFF
    ]
    logins += [("super user (level 4)", email_for(username)) for username, *_ in SUPER_USERS]
    first_by_locale = {}
    for username, _name, locale in CUSTOMERS:
        first_by_locale.setdefault(locale, username)
    logins += [(f"customer ({locale})", email_for(u)) for locale, u in first_by_locale.items()]
    return logins
