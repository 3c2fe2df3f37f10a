"""A fixed set of searches for measuring search speed (``manage.py bench`` imports it).

Single words and three-word searches, quoted phrases, German and English, common and rare
words, a typo and an exclusion: the kinds of query visitors type. The figures only compare
with each other when the same data is searched (10,000 threads with 100,000 posts).
"""

QUERIES: list[str] = [
    # single words, English and German, common to rare
    "invoice",
    "password",
    "router",
    "delivery",
    "refund",
    "rechnung",
    "passwort",
    "lieferung",
    "rechnungen",
    "kündigung",
    "firmware",
    "vertrag",
    # three words
    "invoice pdf download",
    "router wifi connection",
    "password reset email",
    "parcel delivery late",
    "payment card declined",
    "rechnung pdf herunterladen",
    "passwort zurücksetzen email",
    "paket lieferung verspätet",
    "vertrag kündigen frist",
    "app login error",
    # quoted phrases
    '"invoice pdf"',
    '"password reset"',
    '"reset my password"',
    '"rechnung als pdf"',
    '"paket nicht angekommen"',
    '"error code"',
    # typos, exclusions, mixed languages
    "invoise",
    "pasword reset",
    "rechnug",
    "router -wifi",
    "invoice rechnung",
    "login fehler app",
]
