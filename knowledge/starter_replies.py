"""The saved replies a new site starts with (``manage.py seed_saved_replies``, and the demo).

Each is shared with the team, in English and in German (informal "du", as the site speaks).
`key` ties the two languages together and makes seeding idempotent: a reply is recognised
by its title in its language, so a team that edited the text keeps its version.
Placeholders: {asker} is the asker's display name (knowledge.services.replies). The texts
hold no personal data: no names of real people, no addresses, no numbers.
"""

STARTER_REPLIES = [
    {
        "key": "greeting",
        "en": {
            "title": "Greeting: thanks for asking",
            "body": (
                "Hi {asker},\n\n"
                "thanks for your question and welcome to the community! "
                "I'm looking into it and will get back to you here in this thread."
            ),
        },
        "de": {
            "title": "Begrüßung: danke für die Frage",
            "body": (
                "Hallo {asker},\n\n"
                "danke für deine Frage und willkommen in der Community! "
                "Ich schaue mir das an und melde mich hier im Thema bei dir."
            ),
        },
    },
    {
        "key": "personal-data",
        "en": {
            "title": "Please don't post personal data here",
            "body": (
                "Hi {asker},\n\n"
                "for your own protection, please don't post personal data in the community: "
                "no customer or contract numbers, addresses, phone numbers, e-mail addresses "
                "or bank details. Everything here can be read by anyone.\n\n"
                "We've removed those details from your post. If we need them to help you, "
                "we'll ask for them in a private support case."
            ),
        },
        "de": {
            "title": "Bitte keine persönlichen Daten posten",
            "body": (
                "Hallo {asker},\n\n"
                "zu deinem eigenen Schutz: Bitte poste keine persönlichen Daten in der "
                "Community, also keine Kunden- oder Vertragsnummern, Adressen, "
                "Telefonnummern, E-Mail-Adressen oder Bankdaten. Alles hier kann jeder lesen.\n\n"
                "Wir haben diese Angaben aus deinem Beitrag entfernt. Falls wir sie brauchen, "
                "fragen wir dich in einem privaten Support-Fall danach."
            ),
        },
    },
    {
        "key": "private-case",
        "en": {
            "title": "Moved to a private support case",
            "body": (
                "Hi {asker},\n\n"
                "to sort this out we need to look at your contract, which we can't do in "
                "public. We've moved your question to a private support case: we've sent you "
                "an e-mail about it, and we'll continue there.\n\n"
                "Once it's solved we'll post a short summary here so that others with the "
                "same question benefit too."
            ),
        },
        "de": {
            "title": "In einen privaten Support-Fall verschoben",
            "body": (
                "Hallo {asker},\n\n"
                "um das zu klären, müssen wir in deinen Vertrag schauen, und das geht nicht "
                "öffentlich. Wir haben deine Frage deshalb in einen privaten Support-Fall "
                "verschoben: Dazu hast du eine E-Mail bekommen, und dort machen wir weiter.\n\n"
                "Sobald alles gelöst ist, schreiben wir hier eine kurze Zusammenfassung, damit "
                "auch andere mit derselben Frage etwas davon haben."
            ),
        },
    },
    {
        "key": "known-issue",
        "en": {
            "title": "Known issue: follow the status post",
            "body": (
                "Hi {asker},\n\n"
                "thanks for reporting this. It's a known issue and our technicians are "
                "already working on it. Please follow the pinned status post in this space: "
                "press **Follow** there and we'll tell you as soon as there's news or the "
                "fix is live.\n\n"
                "You don't need to do anything else for now, and restarting your devices "
                "won't make a difference while the fault lasts."
            ),
        },
        "de": {
            "title": "Bekannte Störung: folge dem Status-Beitrag",
            "body": (
                "Hallo {asker},\n\n"
                "danke für deine Meldung. Das Problem ist bekannt und unsere Technik arbeitet "
                "schon daran. Folge am besten dem angepinnten Status-Beitrag in diesem "
                "Bereich: Klick dort auf **Folgen**, dann sagen wir dir Bescheid, sobald es "
                "Neuigkeiten gibt oder die Störung behoben ist.\n\n"
                "Du musst im Moment nichts weiter tun; ein Neustart deiner Geräte ändert "
                "während der Störung nichts."
            ),
        },
    },
    {
        "key": "mark-solution",
        "en": {
            "title": "Please mark the answer that solved it",
            "body": (
                "Hi {asker},\n\n"
                "great to hear it works now! Could you mark the answer that solved it "
                "(**Accept as solution** below the answer)? It shows others with the same "
                "question right away what helps, and it thanks whoever answered."
            ),
        },
        "de": {
            "title": "Bitte markiere die Lösung",
            "body": (
                "Hallo {asker},\n\n"
                "schön, dass es jetzt klappt! Magst du die Antwort markieren, die dir geholfen "
                "hat (**Als Lösung akzeptieren** unter der Antwort)? So sehen andere mit derselben "
                "Frage sofort, was hilft, und wer geantwortet hat, bekommt ein Dankeschön."
            ),
        },
    },
    {
        "key": "more-details",
        "en": {
            "title": "Need more details",
            "body": (
                "Hi {asker},\n\n"
                "so that we can help, could you tell us a bit more?\n\n"
                "- Which device and which model (e.g. router, phone)?\n"
                "- Since when does it happen, and does it happen all the time or now and then?\n"
                "- What exactly does the error message say? A screenshot helps "
                "(please cover any personal data on it).\n"
                "- What have you tried so far?"
            ),
        },
        "de": {
            "title": "Wir brauchen mehr Details",
            "body": (
                "Hallo {asker},\n\n"
                "damit wir helfen können, erzähl uns bitte noch etwas mehr:\n\n"
                "- Welches Gerät und welches Modell (z. B. Router, Handy)?\n"
                "- Seit wann passiert es, und passiert es immer oder nur ab und zu?\n"
                "- Was steht genau in der Fehlermeldung? Ein Screenshot hilft "
                "(deck darauf bitte persönliche Daten ab).\n"
                "- Was hast du schon ausprobiert?"
            ),
        },
    },
    {
        "key": "router-restart",
        "en": {
            "title": "First step: restart the router properly",
            "body": (
                "Hi {asker},\n\n"
                "let's start with a proper restart, which fixes more than you'd think:\n\n"
                "1. Unplug the router's power supply (not just the on/off button).\n"
                "2. Wait 30 seconds.\n"
                "3. Plug it back in and wait until the **Internet** light is steady "
                "(about 3 minutes).\n\n"
                "Does the problem still happen afterwards? Then let us know here and we'll "
                "look at the next steps together."
            ),
        },
        "de": {
            "title": "Erster Schritt: Router richtig neu starten",
            "body": (
                "Hallo {asker},\n\n"
                "fangen wir mit einem richtigen Neustart an, der hilft öfter, als man denkt:\n\n"
                "1. Zieh das Netzteil des Routers (nicht nur den Ein/Aus-Knopf drücken).\n"
                "2. Warte 30 Sekunden.\n"
                "3. Steck es wieder ein und warte, bis die **Internet**-LED dauerhaft leuchtet "
                "(etwa 3 Minuten).\n\n"
                "Tritt das Problem danach noch auf? Dann schreib es hier, und wir schauen uns "
                "die nächsten Schritte gemeinsam an."
            ),
        },
    },
    {
        "key": "article-answers",
        "en": {
            "title": "There's a help article for this",
            "body": (
                "Hi {asker},\n\n"
                "we've written this up step by step in our knowledge base: "
                "[link to the article]. Does that answer your question? If something "
                "is still unclear, just reply here."
            ),
        },
        "de": {
            "title": "Dazu gibt es einen Hilfe-Artikel",
            "body": (
                "Hallo {asker},\n\n"
                "das haben wir Schritt für Schritt in unserer Wissensdatenbank beschrieben: "
                "[Link zum Artikel]. Beantwortet das deine Frage? Wenn noch etwas unklar ist, "
                "antworte einfach hier."
            ),
        },
    },
    {
        "key": "closing-no-reply",
        "en": {
            "title": "Closing: no reply for a while",
            "body": (
                "Hi {asker},\n\n"
                "we haven't heard back from you for a while, so we assume it works now. "
                "If the problem comes back, just reply here and we'll pick it up again."
            ),
        },
        "de": {
            "title": "Abschluss: länger keine Rückmeldung",
            "body": (
                "Hallo {asker},\n\n"
                "wir haben länger nichts von dir gehört und gehen davon aus, dass es jetzt "
                "klappt. Falls das Problem wieder auftritt, antworte einfach hier, dann "
                "machen wir weiter."
            ),
        },
    },
]

LANGUAGES = ("en", "de")
