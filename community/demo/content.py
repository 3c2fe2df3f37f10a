"""What the demo community talks about: questions, answers, ideas and staff notices.

Plain data, read by ``community.demo.threads``. A scenario is one kind of problem
written in German and English; every thread built from it fills placeholders
such as ``{phone}`` or ``{month}`` (see VARIATIONS), so a scenario can come up a
few times without the threads looking copy-pasted. Multi-line texts start with a
newline and are dedented before use. The Peerdesk demo company is made up: a
telecom provider with an online shop. No text contains personal data.

This file is long because it is prose; it holds no logic.
"""

from dataclasses import dataclass

# --- shapes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A scenario in one language."""

    titles: tuple[str, ...]
    bodies: tuple[str, ...]
    # Community answers; the first is the one that usually turns out to be the solution.
    answers: tuple[str, ...] = ()
    # What the support team answers (an official answer); empty for discussions.
    official: str = ""


@dataclass(frozen=True)
class Scenario:
    """A question (or discussion) that members ask in their own words."""

    key: str
    space: str
    # "rechnung|invoice" is the German|English tag; "pdf" is the same in both languages.
    tags: tuple[str, ...]
    de: Text
    en: Text
    kind: str = "question"
    weight: int = 1  # how often it comes up, relative to the others
    outage: bool = False  # many members hit it at once: lots of “me too”


@dataclass(frozen=True)
class Idea:
    """A suggestion in the ideas space and the support team's answers to it, in order."""

    key: str
    language: str
    days_ago: float
    tags: tuple[str, ...]
    title: str
    body: str
    comments: tuple[str, ...]
    # (status, the team's public comment, days after the previous step)
    statuses: tuple[tuple[str, str, float], ...] = ()
    duplicate_of: str = ""  # key of the idea or notice that already covers it
    votes: tuple[int, int] = (0, 12)  # range of “me too”s (votes for the idea)


@dataclass(frozen=True)
class Notice:
    """An announcement or known issue, written by the support team."""

    key: str
    kind: str  # "announcement" or "known_issue"
    space: str
    language: str
    days_ago: float
    tags: tuple[str, ...]
    title: str
    body: str
    # Replies in order: ("staff" | "member", text, hours after the previous reply).
    replies: tuple[tuple[str, str, float], ...] = ()
    pinned: bool = False
    locked: bool = False
    # A known issue is solved by the support team's last update (the fix).
    solved_by_last_update: bool = False
    me_too: tuple[int, int] = (0, 0)


# --- variations: one value per thread, the same in title, body and answers ------------------

VARIATIONS: dict[str, tuple] = {
    "phone": (
        "iPhone 15",
        "iPhone 13",
        "iPhone 12 mini",
        "Pixel 8",
        "Pixel 7a",
        "Galaxy S23",
        "Galaxy A54",
        "OnePlus 12",
        "Xiaomi 13T",
        "Fairphone 5",
    ),
    "app_version": ("5.2.0", "5.2.1", "5.3.0", "5.3.1", "5.4.0"),
    "router": ("Peerdesk Box 5", "Peerdesk Box 5 Pro", "Peerdesk Fiber Box"),
    "plan": ("Mobil S", "Mobil M", "Mobil L", "Mobil Young"),
    "browser": ("Firefox", "Chrome", "Safari", "Edge"),
    "carrier": ("DHL", "Hermes", "DPD", "GLS"),
    "product": (
        "TV Stick 4K",
        "Smart Plug Duo",
        "Mesh Repeater 3000",
        "Headset Go",
        "Peerdesk Box 5",
        "USB-C Power 30W",
        "Smart Cam Indoor",
    ),
    "console": ("PS5", "Xbox Series X", "Nintendo Switch"),
    # Several placeholders that belong together.
    "fiber": (
        {"fiber": "Fiber 250", "booked": "250", "measured": "87", "morning": "94", "evening": "61"},
        {
            "fiber": "Fiber 500",
            "booked": "500",
            "measured": "160",
            "morning": "171",
            "evening": "118",
        },
        {
            "fiber": "Fiber 1000",
            "booked": "1000",
            "measured": "310",
            "morning": "342",
            "evening": "254",
        },
        {"fiber": "Fiber 100", "booked": "100", "measured": "38", "morning": "41", "evening": "29"},
    ),
}

VARIATIONS_BY_LANGUAGE: dict[str, dict[str, tuple]] = {
    "de": {
        "since": (
            "seit gestern Abend",
            "seit heute Morgen",
            "seit dem Wochenende",
            "seit zwei Tagen",
            "seit ein paar Tagen",
        ),
        "country": (
            "in der Schweiz",
            "in Großbritannien",
            "in Norwegen",
            "in der Türkei",
            "in Serbien",
        ),
        "months": (
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ),
    },
    "en": {
        "since": (
            "since last night",
            "since this morning",
            "since the weekend",
            "for two days now",
            "for a few days",
        ),
        "country": ("in Switzerland", "in the UK", "in Norway", "in Turkey", "in Serbia"),
        "months": (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
    },
}

# Everything a text may use; {asker} is the asker's first name, {asker_handle} their
# username (for @mentions), {helper} the first name of whoever wrote the solution.
GENERATED_PLACEHOLDERS = (
    "asker", "asker_handle", "helper", "order", "amount", "amount2", "month", "days",
)  # fmt: skip

OFFICIAL_TAGS = (
    "rechnung", "invoice", "pdf", "login", "2fa", "passwort", "password", "app", "router",
    "wlan", "wifi", "lieferung", "delivery", "retoure", "return", "paypal", "sepa",
    "lastschrift", "zahlung", "payment", "mahnung", "reminder", "kündigung", "cancellation",
    "datenschutz", "privacy", "vertrag", "contract", "tarif", "plan", "esim", "roaming",
    "glasfaser", "fiber", "konto", "account", "e-1042", "e-3105", "e-5003", "android",
    "störung", "outage", "idee", "idea", "wartung",
)  # fmt: skip

# --- phrases any thread can use -------------------------------------------------------------

PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "de": {
        # Opening and closing lines of a question.
        "hello": ("Hallo zusammen,", "Hallo,", "Hi,", "Moin,", "Guten Abend,", "", "", ""),
        # A sentence some askers add, whatever the problem.
        "aside": (
            "Ich bin seit ein paar Jahren Kunde und hatte bisher nie Probleme.",
            "Die Suche hier hat leider nichts Passendes ergeben.",
            "Ich hoffe, ich bin hier im richtigen Bereich.",
            "Sorry, falls das schon mal gefragt wurde.",
            "Die Hotline wollte ich mir ehrlich gesagt sparen.",
            "Bin technisch nicht so fit, also bitte Schritt für Schritt. 🙂",
        ),
        "closing": (
            "Danke im Voraus!",
            "Hat jemand eine Idee?",
            "Bin für jeden Tipp dankbar.",
            "Viele Grüße",
            "Danke schon mal!",
            "Kennt das jemand?",
            "",
            "",
        ),
        # How some members open an answer.
        "answer_hello": ("Hallo {asker},", "Hi {asker},", "Moin {asker},", "", "", "", ""),
        # The asker adds something before anyone answered.
        "addendum": (
            "Nachtrag: Neustart hat nichts gebracht, auch nicht das Abmelden und wieder Anmelden.",
            "Nachtrag: Ich habe es jetzt auch auf einem zweiten Gerät probiert, gleiches Ergebnis.",
            "Kurzer Nachtrag: Der Cache ist geleert, das war es also nicht.",
            "Nachtrag: Die Hotline ist gerade dauerbesetzt, deshalb frage ich hier.",
        ),
        # The asker after the answer that solved it.
        "thanks": (
            "Danke, das war's! 👍",
            "Super, hat funktioniert. Danke dir, {helper}!",
            "Perfekt, genau das hat gefehlt. Danke!",
            "Hat geklappt, vielen Dank für die schnelle Hilfe.",
            "Ich hätte ewig gesucht. Danke, {helper}!",
            "Läuft wieder. Danke euch allen!",
        ),
        # The asker when the first answers did not help (yet).
        "not_yet": (
            "Danke, habe ich probiert – leider ohne Erfolg. Noch andere Ideen?",
            "Das hatte ich schon gemacht, hilft leider nicht.",
            "Hm, bei mir sieht das Menü anders aus. Ich melde mich, wenn ich weiter bin.",
            "Danke für die Tipps! Ich probiere es heute Abend aus und gebe Bescheid.",
        ),
        # A super user reminds the asker to mark the solution.
        "nudge": (
            "@{asker_handle} konnte dir eine der Antworten helfen? Dann markiere sie gern als "
            "Lösung – so finden andere sie schneller.",
            "@{asker_handle} gibt es Neuigkeiten? Wenn es geklappt hat, markiere bitte die "
            "passende Antwort als Lösung.",
        ),
        # Another member with the same trouble (outages).
        "same_here": (
            "Gleiches Problem hier, {since}.",
            "Bei mir genauso. Hoffentlich kommt bald eine Lösung.",
            "+1, betrifft mich auch.",
            "Hier genau dasselbe.",
            "Dito. Bin gespannt, was das Team dazu sagt.",
        ),
        # Support for an idea written in the other language.
        "plus_one": ("+1 von mir, fände ich auch gut.", "Gute Idee, dafür stimme ich auch."),
        # A German member answering an English thread (in English, with a German flavour).
        "cross": (
            "Sorry, my English is not perfect: I had the same problem last month and the steps "
            "above worked for me too.",
            "Not a native speaker, but I can confirm the answer above: I did exactly this and it "
            "worked.",
        ),
    },
    "en": {
        "hello": ("Hi all,", "Hello,", "Hi,", "Hey everyone,", "", "", ""),
        "aside": (
            "I've been a customer for a few years and never had problems before.",
            "Searching here didn't turn up anything that matched.",
            "Hope this is the right place to ask.",
            "Sorry if this has been asked before.",
            "Trying here before calling the hotline.",
            "Not very technical, so step by step would be great. 🙂",
        ),
        "closing": (
            "Thanks in advance!",
            "Any ideas?",
            "Any help appreciated.",
            "Cheers",
            "Has anyone seen this before?",
            "",
            "",
        ),
        "answer_hello": ("Hi {asker},", "Hey {asker},", "", "", "", ""),
        "addendum": (
            "Edit: restarting didn't help, neither did logging out and back in.",
            "Edit: tried it on a second device as well, same result.",
            "Update: cleared the cache already, so it's not that.",
            "Edit: the hotline queue is very long right now, which is why I'm asking here.",
        ),
        "thanks": (
            "That did it, thanks! 👍",
            "Worked perfectly. Thank you, {helper}!",
            "Brilliant, that was exactly what I was missing.",
            "Sorted, thanks for the quick help.",
            "I would never have found that myself. Thanks, {helper}!",
            "All working again. Thanks everyone!",
        ),
        "not_yet": (
            "Thanks, tried that but no luck unfortunately. Any other ideas?",
            "Already did that, doesn't help I'm afraid.",
            "Hmm, my menu looks different. I'll report back once I get further.",
            "Thanks for the tips! I'll try tonight and let you know.",
        ),
        "nudge": (
            "@{asker_handle} did one of the answers help? If so, please mark it as the "
            "solution so others can find it faster.",
            "@{asker_handle} any news? If it worked, please mark the answer that helped as the "
            "solution.",
        ),
        "same_here": (
            "Same problem here, {since}.",
            "Same for me. Hoping for a fix soon.",
            "+1, affected as well.",
            "Exactly the same here.",
            "Same. Curious what the team says.",
        ),
        "plus_one": ("+1, I'd use this too.", "Great idea, voted!"),
        # An English member answering a German thread.
        "cross": (
            "Sorry for answering in English: I had exactly this issue and the steps above fixed "
            "it for me as well.",
            "Can't write German, but I can confirm the answer above – worked for me last week.",
        ),
    },
}

# --- questions, by space --------------------------------------------------------------------

BILLING = [
    Scenario(
        key="invoice-pdf-download",
        space="billing",
        tags=("rechnung|invoice", "pdf"),
        weight=3,
        de=Text(
            titles=(
                "Rechnung als PDF herunterladen – wo finde ich das?",
                "Rechnung für {month} als PDF herunterladen",
                "Wie kann ich meine Rechnung als PDF herunterladen?",
                "Rechnung als PDF herunterladen geht im {browser} nicht",
                "Rechnungen als PDF herunterladen für die Steuer",
                "Alte Rechnung als PDF herunterladen (älter als 12 Monate)",
            ),
            bodies=(
                """
                Ich brauche die Rechnung für {month} als PDF, finde im Kundenkonto aber nur eine
                Übersicht mit den Beträgen. Früher gab es da einen Download-Button, oder täusche
                ich mich?
                """,
                """
                Ich möchte meine Rechnungen als PDF speichern (für die Steuererklärung). In der
                App sehe ich die Rechnung, aber es gibt nur „Teilen“ und das schickt einen Link.
                Wie bekomme ich die richtige PDF-Datei?
                """,
                """
                Wenn ich im {browser} auf „Rechnung herunterladen“ klicke, passiert einfach
                nichts. Kein Download, keine Fehlermeldung. Betrifft die Rechnung vom {month}.
                """,
            ),
            answers=(
                """
                Das geht im Kundenkonto im Browser:

                1. **Mein Konto → Rechnungen**
                2. Rechnung auswählen (Monat anklicken, nicht nur den Betrag)
                3. Oben rechts auf **PDF herunterladen**

                In der App heißt es „Teilen → Als PDF sichern“, das ist etwas versteckt.
                """,
                "Bei mir lag es am Popup-Blocker. Für die Seite erlauben, dann kommt der "
                "Download sofort.",
                "Rechnungen älter als 12 Monate sind nicht mehr direkt im Konto. Die bekommst du "
                "über das Kontaktformular, Thema „Rechnungskopie“.",
            ),
            official="""
                Hallo {asker},

                danke für deine Frage! So kommst du an die PDF:

                1. Im Browser anmelden und **Mein Konto → Rechnungen** öffnen.
                2. Die gewünschte Rechnung anklicken.
                3. **PDF herunterladen** wählen – die Datei heißt `Rechnung_<Monat>.pdf`.

                Wenn der Klick nichts tut, blockiert meist ein Popup- oder Werbeblocker den
                Download. Rechnungen der letzten 24 Monate findest du dort; ältere schicke ich
                dir gern auf Anfrage.
                """,
        ),
        en=Text(
            titles=(
                "How do I download my invoice as a PDF?",
                "Invoice PDF download for {month}?",
                "Invoice PDF download not working in {browser}",
                "Download all invoices as PDF for my tax return",
                "Where is the invoice PDF download in the app?",
                "Invoice PDF download button missing",
            ),
            bodies=(
                """
                I need the invoice for {month} as a PDF but the account page only shows a list
                with amounts. I'm sure there used to be a download button. Where did it go?
                """,
                """
                My accountant wants all invoices of the year as PDF files. In the app I can see
                each invoice, but "Share" only sends a link. How do I get the actual PDF?
                """,
                """
                Clicking "Download invoice" in {browser} does nothing at all – no download, no
                error. It's the invoice for {month}.
                """,
            ),
            answers=(
                """
                You have to do it in the browser:

                1. **My account → Invoices**
                2. Click the month itself (not just the amount)
                3. **Download PDF** in the top right corner

                In the app it's under "Share → Save as PDF", a bit hidden.
                """,
                "For me it was the pop-up blocker. Allow pop-ups for the site and the download "
                "starts straight away.",
                "Anything older than 12 months isn't in the account any more; you can request a "
                'copy through the contact form (topic "Invoice copy").',
            ),
            official="""
                Hi {asker},

                thanks for asking! Here's how to get the PDF:

                1. Sign in through the browser and open **My account → Invoices**.
                2. Click the invoice you need.
                3. Choose **Download PDF** – the file is called `Invoice_<month>.pdf`.

                If nothing happens when you click, a pop-up or ad blocker is usually stopping
                the download. Invoices from the last 24 months are available there; for older
                ones just reply here and I'll send you a copy.
                """,
        ),
    ),
    Scenario(
        key="invoice-pdf-blank",
        space="billing",
        tags=("rechnung|invoice", "pdf", "app"),
        de=Text(
            titles=(
                "Rechnungs-PDF ist leer (weiße Seite)",
                "Rechnung PDF öffnet sich nicht – Datei beschädigt?",
                "PDF-Rechnung nur eine leere Seite auf dem {phone}",
            ),
            bodies=(
                """
                Ich kann die Rechnung als PDF herunterladen, aber beim Öffnen ist nur eine weiße
                Seite zu sehen. Die Datei ist 2 KB groß, das kann ja nicht stimmen.
                """,
                """
                Auf meinem {phone} öffnet sich die PDF-Rechnung aus der App nicht, es kommt
                „Datei kann nicht geöffnet werden“. Am PC klappt es. Was mache ich falsch?
                """,
            ),
            answers=(
                "Das war bei mir ein abgebrochener Download. In der App unter Einstellungen den "
                "Cache leeren und die Rechnung neu laden, dann war die PDF vollständig.",
                "Öffne die Datei mal mit einem anderen PDF-Viewer. Der eingebaute Viewer im "
                "Dateimanager hat bei mir auch nur weiß angezeigt.",
            ),
            official="""
                Hallo {asker},

                eine leere PDF mit wenigen KB entsteht, wenn der Download unterbrochen wird. Bitte:

                - in der App **Einstellungen → Speicher → Cache leeren**,
                - die Rechnung erneut öffnen und **Als PDF sichern** wählen.

                Mit App-Version {app_version} haben wir außerdem einen Fehler behoben, der bei
                schlechtem Empfang genau das ausgelöst hat. Ein Update lohnt sich also.
                """,
        ),
        en=Text(
            titles=(
                "Invoice PDF is blank (white page)",
                "Invoice PDF won't open – file corrupted?",
                "Invoice PDF is an empty page on my {phone}",
            ),
            bodies=(
                """
                I can download the invoice PDF but when I open it there's just a white page.
                The file is only 2 KB, which can't be right.
                """,
                """
                On my {phone} the invoice PDF from the app won't open – "File can't be opened".
                It works fine on my laptop. What am I doing wrong?
                """,
            ),
            answers=(
                "I had that when the download got interrupted. Clear the app cache in Settings, "
                "load the invoice again, and the PDF was complete.",
                "Try opening it in a different PDF viewer. The built-in one in my file manager "
                "also just showed white.",
            ),
            official="""
                Hi {asker},

                a blank PDF of a few KB means the download was interrupted. Please:

                - go to **Settings → Storage → Clear cache** in the app,
                - open the invoice again and choose **Save as PDF**.

                App version {app_version} also fixes a bug that caused exactly this on a weak
                connection, so updating is worth it.
                """,
        ),
    ),
    Scenario(
        key="invoice-app-e5003",
        space="billing",
        tags=("rechnung|invoice", "app", "e-5003"),
        de=Text(
            titles=(
                "Fehler E-5003 beim Öffnen der Rechnungen in der App",
                "E-5003: Rechnungen laden nicht",
            ),
            bodies=(
                """
                Seit dem Update auf {app_version} bekomme ich beim Tippen auf **Rechnungen** nur
                `Fehler E-5003 – Bitte versuche es später erneut`. Im Browser sehe ich meine
                Rechnungen normal. {phone}, aktuelles Betriebssystem.
                """,
            ),
            answers=(
                "E-5003 heißt, dass die App ein altes Anmelde-Token hat. Einmal komplett "
                "abmelden (nicht nur App schließen) und neu anmelden, dann ging es bei mir.",
                "Hatte ich auch, nach dem Abmelden war es weg.",
            ),
            official="""
                Hallo {asker},

                E-5003 bedeutet, dass die Sitzung in der App abgelaufen ist, die App das aber
                nicht merkt. Abhilfe:

                1. **Profil → Abmelden**
                2. App schließen und neu starten
                3. Wieder anmelden

                Der Fehler ist im nächsten App-Update behoben.
                """,
        ),
        en=Text(
            titles=(
                "Error E-5003 when opening invoices in the app",
                "E-5003 – invoices won't load",
            ),
            bodies=(
                """
                Since updating to {app_version}, tapping **Invoices** just shows
                `Error E-5003 – please try again later`. In the browser my invoices are fine.
                {phone}, latest OS.
                """,
            ),
            answers=(
                "E-5003 means the app is holding an old sign-in token. Sign out completely (not "
                "just closing the app) and back in – that fixed it for me.",
                "Had the same, signing out and in again sorted it.",
            ),
            official="""
                Hi {asker},

                E-5003 means your session in the app has expired without the app noticing. To
                fix it:

                1. **Profile → Sign out**
                2. Close and restart the app
                3. Sign in again

                The next app update fixes this for good.
                """,
        ),
    ),
    Scenario(
        key="invoice-email-missing",
        space="billing",
        tags=("rechnung|invoice",),
        de=Text(
            titles=(
                "Keine E-Mail mehr bei neuer Rechnung",
                "Rechnungs-E-Mail für {month} nicht bekommen",
            ),
            bodies=(
                """
                Normalerweise bekomme ich jeden Monat eine E-Mail, dass die neue Rechnung bereit
                ist. Für {month} kam nichts, auch nicht im Spam. Im Konto ist die Rechnung da.
                """,
            ),
            answers=(
                "Schau mal unter **Mein Konto → Benachrichtigungen**, ob „Neue Rechnung“ noch an "
                "ist. Bei mir war das nach der Umstellung auf das neue Kundenkonto aus.",
                "Bei mir kam die Mail auch zwei Tage später. Vielleicht einfach noch warten.",
            ),
            official="""
                Hallo {asker},

                bitte prüfe unter **Mein Konto → Benachrichtigungen**, ob „Neue Rechnung per
                E-Mail“ aktiviert ist – bei der Umstellung auf das neue Kundenkonto wurde die
                Einstellung bei einigen Kundinnen und Kunden zurückgesetzt. Die Rechnung selbst
                findest du jederzeit unter **Rechnungen**.
                """,
        ),
        en=Text(
            titles=(
                "No e-mail any more when a new invoice is ready",
                "Didn't get the invoice e-mail for {month}",
            ),
            bodies=(
                """
                I usually get an e-mail every month when the new invoice is ready. For {month}
                nothing arrived, not even in spam. The invoice is in my account though.
                """,
            ),
            answers=(
                'Check **My account → Notifications** – "New invoice" was switched off for me '
                "after the move to the new account area.",
                "Mine arrived two days late this month, maybe give it a bit.",
            ),
            official="""
                Hi {asker},

                please check **My account → Notifications** and make sure "New invoice by
                e-mail" is on – the move to the new account area reset this setting for some
                customers. The invoice itself is always available under **Invoices**.
                """,
        ),
    ),
    Scenario(
        key="invoice-address-wrong",
        space="billing",
        tags=("rechnung|invoice", "konto|account"),
        de=Text(
            titles=(
                "Falsche Rechnungsadresse – korrigierte Rechnung möglich?",
                "Rechnungsadresse ändern und Rechnung neu ausstellen",
            ),
            bodies=(
                """
                Ich bin umgezogen und habe die Adresse im Konto geändert, aber die Rechnung für
                {month} hat noch die alte Anschrift. Für meinen Arbeitgeber brauche ich eine
                Rechnung mit der richtigen Adresse. Geht das nachträglich?
                """,
            ),
            answers=(
                "Die Adresse wird immer zum Rechnungslauf übernommen. Wenn du sie danach "
                "geändert hast, steht die alte drauf. Eine Korrektur geht nur über den "
                "Kundenservice.",
                "Bei mir hat das Team die Rechnung innerhalb von zwei Tagen neu ausgestellt.",
            ),
            official="""
                Hallo {asker},

                die Adresse wird zum Rechnungslauf (etwa am 3. Werktag) übernommen. Künftige
                Rechnungen haben die neue Anschrift. Für {month} stelle ich dir gern eine
                korrigierte Rechnung aus – schick mir dazu bitte eine private Nachricht mit
                deiner Kundennummer, nicht hier im öffentlichen Thread.
                """,
        ),
        en=Text(
            titles=(
                "Wrong billing address on invoice – can I get a corrected one?",
                "Change billing address and reissue invoice",
            ),
            bodies=(
                """
                I moved and updated my address in the account, but the invoice for {month}
                still shows the old one. My employer needs an invoice with the correct address.
                Can it be reissued?
                """,
            ),
            answers=(
                "The address is taken on the billing run. If you changed it after that, the old "
                "one stays on that invoice – only customer care can correct it.",
                "They reissued mine within two days, just ask via private message.",
            ),
            official="""
                Hi {asker},

                the address is taken from your account on the billing run (around the third
                working day). Future invoices will show the new one. I'm happy to reissue the
                {month} invoice – please send me a private message with your customer number
                rather than posting it here.
                """,
        ),
    ),
    Scenario(
        key="paypal-double-charge",
        space="billing",
        tags=("paypal", "zahlung|payment"),
        weight=2,
        de=Text(
            titles=(
                "PayPal hat doppelt abgebucht",
                "Bestellung zweimal per PayPal bezahlt – {amount} doppelt",
                "Doppelte Abbuchung über PayPal, was tun?",
                "Zwei PayPal-Zahlungen für eine Bestellung",
            ),
            bodies=(
                """
                Bei meiner Bestellung {order} wurden über PayPal zweimal {amount} abgebucht. Ich
                habe nur einmal auf „Jetzt bezahlen“ geklickt (die Seite hing kurz). Bekomme ich
                das Geld automatisch zurück?
                """,
                """
                In PayPal sehe ich zwei Zahlungen über {amount} an Peerdesk, beide mit dem
                gleichen Datum. Im Kundenkonto steht die Bestellung nur einmal.
                """,
            ),
            answers=(
                "Schau mal, ob eine der beiden Zahlungen in PayPal als „Ausstehend“ markiert "
                "ist. Das ist meist nur eine Vormerkung, die nach ein paar Tagen verschwindet.",
                "Bei mir wurde die doppelte Zahlung nach 5 Tagen automatisch erstattet.",
                "Ich würde nicht gleich einen PayPal-Konflikt eröffnen, das dauert dann länger.",
            ),
            official="""
                Hallo {asker},

                das tut mir leid! Wenn die Zahlungsseite hängt, kann PayPal eine zweite
                Autorisierung anlegen. So geht es weiter:

                | Status in PayPal | was passiert |
                |---|---|
                | Ausstehend | verfällt automatisch nach spätestens 3 Werktagen |
                | Abgeschlossen | wir erstatten den Betrag innerhalb von 5 Werktagen |

                Ich habe die Bestellung {order} geprüft und die Erstattung angestoßen. Bitte
                öffne keinen PayPal-Konflikt, das verzögert die Rückzahlung nur.
                """,
        ),
        en=Text(
            titles=(
                "Charged twice via PayPal",
                "Paid my order twice with PayPal – {amount} taken twice",
                "Double PayPal charge, what now?",
                "Two PayPal payments for one order",
            ),
            bodies=(
                """
                For order {order}, PayPal took {amount} twice. I only clicked "Pay now" once
                (the page froze for a moment). Will I get the money back automatically?
                """,
                """
                PayPal shows two payments of {amount} to Peerdesk on the same date. My account
                only lists the order once.
                """,
            ),
            answers=(
                'Check whether one of the two is marked "Pending" in PayPal. That\'s usually '
                "just an authorisation that disappears after a few days.",
                "Happened to me, the duplicate was refunded automatically after 5 days.",
                "I wouldn't open a PayPal dispute straight away, it only slows things down.",
            ),
            official="""
                Hi {asker},

                sorry about that! When the payment page hangs, PayPal can create a second
                authorisation. What happens next:

                | Status in PayPal | what happens |
                |---|---|
                | Pending | expires automatically within 3 working days |
                | Completed | we refund it within 5 working days |

                I've checked order {order} and started the refund. Please don't open a PayPal
                dispute, it only delays the refund.
                """,
        ),
    ),
    Scenario(
        key="sepa-new-bank",
        space="billing",
        tags=("sepa", "lastschrift|payment"),
        de=Text(
            titles=(
                "SEPA-Lastschrift: neue Bankverbindung hinterlegen",
                "Bank gewechselt – wie ändere ich das SEPA-Mandat?",
            ),
            bodies=(
                """
                Ich habe das Konto gewechselt und möchte die Lastschrift auf die neue Bank
                umstellen. Reicht es, die neue IBAN im Kundenkonto einzutragen, oder muss ich
                ein neues Mandat unterschreiben? Die nächste Abbuchung ist Anfang des Monats.
                """,
            ),
            answers=(
                "Unter **Mein Konto → Zahlungsart → Bankverbindung ändern** eintragen, das neue "
                "Mandat wird dabei online erteilt. Nichts unterschreiben oder schicken.",
                "Mach es mindestens 5 Tage vor der Abbuchung, sonst geht die nächste noch an die "
                "alte Bank.",
            ),
            official="""
                Hallo {asker},

                das geht komplett online:

                1. **Mein Konto → Zahlungsart → Bankverbindung ändern**
                2. Neue IBAN eingeben und das SEPA-Mandat bestätigen
                3. Du bekommst eine Bestätigung mit der Mandatsreferenz per E-Mail

                Änderungen bis 5 Werktage vor dem Abbuchungstermin gelten schon für die nächste
                Rechnung. Bitte poste deine IBAN nie hier in der Community.
                """,
        ),
        en=Text(
            titles=(
                "Update bank details for SEPA direct debit",
                "Switched banks – how do I change the direct debit mandate?",
            ),
            bodies=(
                """
                I've moved to a new bank and want the direct debit to come from the new
                account. Is it enough to enter the new IBAN in my account or do I need to sign a
                new mandate? The next debit is at the start of the month.
                """,
            ),
            answers=(
                "**My account → Payment method → Change bank details**. The new mandate is "
                "given online there, nothing to sign or post.",
                "Do it at least 5 days before the debit date, otherwise the next one still goes "
                "to the old bank.",
            ),
            official="""
                Hi {asker},

                it's all online:

                1. **My account → Payment method → Change bank details**
                2. Enter the new IBAN and confirm the SEPA mandate
                3. You'll get a confirmation with the mandate reference by e-mail

                Changes made at least 5 working days before the debit date apply to the next
                invoice. Please never post your IBAN here in the community.
                """,
        ),
    ),
    Scenario(
        key="sepa-return-fee",
        space="billing",
        tags=("sepa", "lastschrift|payment", "mahnung|reminder"),
        de=Text(
            titles=(
                "Rücklastschrift – warum 7,50 € Gebühr?",
                "Lastschrift geplatzt, jetzt Gebühr auf der Rechnung",
            ),
            bodies=(
                """
                Meine Lastschrift für {month} ist zurückgegangen (Konto war kurz nicht gedeckt,
                mein Fehler). Jetzt steht auf der Rechnung eine Gebühr von 7,50 €. Ist das
                normal? Und wird der Betrag nochmal eingezogen?
                """,
            ),
            answers=(
                "Die Gebühr ist die Bankgebühr für die Rücklastschrift, die stellen fast alle "
                "Anbieter in Rechnung. Der offene Betrag wird nicht automatisch nochmal "
                "eingezogen, du musst ihn überweisen.",
                "Ich habe einfach über **Jetzt bezahlen** im Konto per PayPal nachgezahlt, das "
                "war sofort verbucht.",
            ),
            official="""
                Hallo {asker},

                bei einer Rücklastschrift berechnet uns die Bank eine Gebühr, die wir
                weitergeben – das ist in den Preislisten so geregelt. Den offenen Betrag ziehen
                wir **nicht** automatisch nochmal ein. Am schnellsten geht es über
                **Mein Konto → Offene Beträge → Jetzt bezahlen**. Danach läuft die Lastschrift
                ganz normal weiter.
                """,
        ),
        en=Text(
            titles=(
                "Returned direct debit – why a €7.50 fee?",
                "Direct debit bounced, now there's a fee on my bill",
            ),
            bodies=(
                """
                My direct debit for {month} was returned (not enough money in the account for a
                day, my fault). Now the invoice shows a €7.50 fee. Is that normal? And will the
                amount be taken again?
                """,
            ),
            answers=(
                "The fee is what the bank charges for the return, almost every provider passes "
                "it on. The amount isn't debited again automatically, you need to pay it "
                "yourself.",
                "I just used **Pay now** in the account with PayPal, it was booked instantly.",
            ),
            official="""
                Hi {asker},

                for a returned debit the bank charges us a fee, which we pass on as set out in
                the price list. We do **not** debit the open amount again automatically. The
                quickest way is **My account → Open amounts → Pay now**. After that the direct
                debit continues as normal.
                """,
        ),
    ),
    Scenario(
        key="reminder-despite-paid",
        space="billing",
        tags=("mahnung|reminder", "zahlung|payment"),
        weight=2,
        de=Text(
            titles=(
                "Mahnung erhalten, obwohl ich bezahlt habe",
                "Zahlungserinnerung trotz Überweisung",
                "Mahnung für {month} – Geld ist aber längst weg",
                "Mahngebühr trotz pünktlicher Zahlung?",
            ),
            bodies=(
                """
                Heute kam eine Mahnung über {amount} für die Rechnung vom {month}. Ich habe aber
                vor {days} Tagen überwiesen, das Geld ist von meinem Konto abgegangen. Muss ich
                jetzt die Mahngebühr zahlen?
                """,
                """
                Ich zahle per Überweisung und habe eine Zahlungserinnerung bekommen, obwohl die
                Zahlung raus ist. Kreuzt sich das nur, oder ist etwas schiefgelaufen?
                """,
            ),
            answers=(
                "Hast du den Verwendungszweck genau so angegeben wie auf der Rechnung "
                "(Rechnungsnummer)? Ohne den kann die Zahlung nicht automatisch zugeordnet "
                "werden, dann landet sie in der Klärung.",
                "Meist kreuzt sich das. Die Mahnung wird ein paar Tage vorher erstellt.",
                "Bei mir hat ein Screenshot der Überweisung per Kontaktformular gereicht, die "
                "Gebühr wurde gestrichen.",
            ),
            official="""
                Hallo {asker},

                die Zahlung wird anhand der **Rechnungsnummer im Verwendungszweck** zugeordnet.
                Fehlt sie, dauert die Zuordnung ein paar Tage – in der Zeit kann die Mahnung
                entstehen. Ich habe mir das angesehen: deine Zahlung ist inzwischen zugeordnet,
                die Mahngebühr ist storniert. Du musst nichts weiter tun.

                Tipp: Mit SEPA-Lastschrift oder PayPal kann das nicht mehr passieren.
                """,
        ),
        en=Text(
            titles=(
                "Got a payment reminder although I paid",
                "Reminder letter despite bank transfer",
                "Reminder for {month} – but the money left my account ages ago",
                "Reminder fee although I paid on time?",
            ),
            bodies=(
                """
                Today I got a reminder for {amount} for the {month} invoice. I transferred the
                money {days} days ago and it has left my account. Do I have to pay the reminder
                fee now?
                """,
                """
                I pay by bank transfer and received a payment reminder even though the payment
                went out. Did they just cross in the post or has something gone wrong?
                """,
            ),
            answers=(
                "Did you put the invoice number in the payment reference exactly as on the "
                "invoice? Without it the payment can't be matched automatically and ends up in "
                "manual clearing.",
                "Usually they just cross. The reminder is generated a few days earlier.",
                "A screenshot of the transfer via the contact form was enough for me, the fee "
                "was dropped.",
            ),
            official="""
                Hi {asker},

                payments are matched by the **invoice number in the payment reference**. If
                it's missing, matching takes a few days and a reminder can go out in the
                meantime. I've looked into it: your payment is now matched and the reminder fee
                cancelled. Nothing else to do.

                Tip: with SEPA direct debit or PayPal this can't happen any more.
                """,
        ),
    ),
    Scenario(
        key="payment-method-paypal",
        space="billing",
        tags=("paypal", "zahlung|payment", "sepa"),
        de=Text(
            titles=(
                "Zahlungsart von Lastschrift auf PayPal umstellen",
                "Kann ich die monatliche Rechnung mit PayPal bezahlen?",
            ),
            bodies=(
                """
                Ich würde meine monatliche Rechnung ({plan}) gern über PayPal zahlen statt per
                Lastschrift. Im Konto sehe ich PayPal nur bei Bestellungen im Shop. Geht das
                auch für den Vertrag?
                """,
            ),
            answers=(
                "Ja, unter **Zahlungsart → PayPal verknüpfen**. Du wirst zu PayPal "
                "weitergeleitet und bestätigst dort die automatische Zahlung.",
                "Achtung: Die Umstellung gilt erst ab der übernächsten Rechnung, wenn der "
                "Rechnungslauf schon war.",
            ),
            official="""
                Hallo {asker},

                ja, das geht: **Mein Konto → Zahlungsart → PayPal verknüpfen**. Du bestätigst
                bei PayPal eine Einzugsermächtigung, danach wird jede Rechnung automatisch
                bezahlt. Die Änderung gilt ab dem nächsten Rechnungslauf.
                """,
        ),
        en=Text(
            titles=(
                "Switch payment method from direct debit to PayPal",
                "Can I pay my monthly bill with PayPal?",
            ),
            bodies=(
                """
                I'd like to pay my monthly bill ({plan}) with PayPal instead of direct debit.
                My account only offers PayPal for shop orders. Does it work for the contract
                too?
                """,
            ),
            answers=(
                "Yes, **Payment method → Link PayPal**. It takes you to PayPal where you approve "
                "automatic payments.",
                "Heads-up: if this month's billing run already happened, it only applies from "
                "the invoice after next.",
            ),
            official="""
                Hi {asker},

                yes: **My account → Payment method → Link PayPal**. You approve a billing
                agreement at PayPal and every invoice is paid automatically from then on. The
                change applies from the next billing run.
                """,
        ),
    ),
    Scenario(
        key="bill-higher",
        space="billing",
        tags=("rechnung|invoice", "tarif|plan"),
        weight=2,
        de=Text(
            titles=(
                "Rechnung {month} viel höher als sonst",
                "Warum ist meine Rechnung plötzlich {amount2} höher?",
                "Unbekannte Position „Drittanbieter“ auf der Rechnung",
                "Rechnung gestiegen, obwohl ich nichts geändert habe",
            ),
            bodies=(
                """
                Normalerweise zahle ich {amount} für {plan}. Die Rechnung für {month} ist
                {amount2} höher. Ich habe nichts dazugebucht. Wie finde ich heraus, woher das
                kommt?
                """,
                """
                Auf meiner Rechnung steht eine Position „Drittanbieterleistungen“ über
                {amount2}. Ich habe kein Abo abgeschlossen. Was ist das?
                """,
            ),
            answers=(
                """
                Klick in der Rechnung auf **Einzelverbindungsnachweis**. Da steht genau, was
                berechnet wurde. Bei mir war es so:

                | Position | Betrag |
                |---|---|
                | Grundgebühr | wie immer |
                | Drittanbieter (Abo aus einem Spiel) | der Mehrbetrag |

                Die Drittanbietersperre kannst du im Konto aktivieren.
                """,
                "Oft ist es Roaming oder ein Datenpass, den man aus Versehen gebucht hat.",
                "Drittanbieter-Abos kannst du beim Anbieter kündigen, das Geld bekommst du "
                "meist zurück, wenn du es reklamierst.",
            ),
            official="""
                Hallo {asker},

                die Details siehst du unter **Rechnungen → Rechnung {month} → Einzelposten**.
                Bei „Drittanbieterleistungen“ handelt es sich um Käufe über die Mobilfunkrechnung
                (z. B. Abos in Apps). So gehst du vor:

                1. Im Einzelposten steht der Anbieter mit Kontaktadresse.
                2. Dort kündigen und die Erstattung verlangen.
                3. Unter **Mein Konto → Sperren** die **Drittanbietersperre** einschalten.

                Wenn du das Abo nicht abgeschlossen hast, melde dich per privater Nachricht –
                dann reklamieren wir den Betrag für dich.
                """,
        ),
        en=Text(
            titles=(
                "Bill for {month} much higher than usual",
                "Why is my bill suddenly {amount2} higher?",
                'Unknown "third-party services" item on my bill',
                "Bill went up although I changed nothing",
            ),
            bodies=(
                """
                I normally pay {amount} for {plan}. The {month} bill is {amount2} higher and I
                didn't add anything. How do I find out where it comes from?
                """,
                """
                My bill has a line "Third-party services" for {amount2}. I never signed up for
                a subscription. What is this?
                """,
            ),
            answers=(
                """
                Open **Itemised bill** on the invoice, it lists exactly what was charged. Mine
                looked like this:

                | Item | Amount |
                |---|---|
                | Monthly fee | as usual |
                | Third party (subscription from a game) | the extra |

                You can switch on the third-party block in your account.
                """,
                "Often it's roaming or a data pass booked by accident.",
                "You can cancel third-party subscriptions with the provider and usually get the "
                "money back if you complain.",
            ),
            official="""
                Hi {asker},

                the details are under **Invoices → {month} → Items**. "Third-party services" are
                purchases charged to your mobile bill (e.g. in-app subscriptions). What to do:

                1. The item shows the provider and their contact details.
                2. Cancel there and ask for a refund.
                3. Switch on the **third-party block** under **My account → Blocks**.

                If you never signed up, send me a private message and we'll dispute it for you.
                """,
        ),
    ),
    Scenario(
        key="refund-duration",
        space="billing",
        tags=("zahlung|payment", "retoure|return"),
        de=Text(
            titles=(
                "Wie lange dauert eine Erstattung?",
                "Erstattung nach Storno noch nicht da",
            ),
            bodies=(
                """
                Ich habe meine Bestellung {order} storniert, die Stornobestätigung kam vor
                {days} Tagen. Bezahlt hatte ich per Kreditkarte. Wann sehe ich das Geld wieder?
                """,
            ),
            answers=(
                "Bei Kreditkarte dauert es nach meiner Erfahrung 5–10 Werktage, bis es auf der "
                "Abrechnung auftaucht. PayPal geht schneller.",
                "Die Erstattung wird sofort angestoßen, den Rest macht die Bank. Im Konto unter "
                "Bestellungen steht „Erstattet am …“.",
            ),
            official="""
                Hallo {asker},

                wir erstatten sofort nach dem Storno. Wie schnell das Geld da ist, hängt von der
                Zahlungsart ab:

                | Zahlungsart | Dauer |
                |---|---|
                | PayPal | 1–2 Werktage |
                | Kreditkarte | 5–10 Werktage |
                | Lastschrift / Rechnung | 3–5 Werktage |

                Bei {order} ist die Erstattung raus, das Datum siehst du unter **Bestellungen**.
                """,
        ),
        en=Text(
            titles=(
                "How long does a refund take?",
                "Refund after cancellation still not here",
            ),
            bodies=(
                """
                I cancelled order {order}, the confirmation came {days} days ago. I paid by
                credit card. When will I see the money?
                """,
            ),
            answers=(
                "In my experience 5–10 working days for credit cards until it shows on the "
                "statement. PayPal is faster.",
                "The refund is issued immediately, the rest is up to your bank. Under Orders it "
                'says "Refunded on …".',
            ),
            official="""
                Hi {asker},

                we refund as soon as an order is cancelled. How quickly it arrives depends on the
                payment method:

                | Payment method | Time |
                |---|---|
                | PayPal | 1–2 working days |
                | Credit card | 5–10 working days |
                | Direct debit / invoice | 3–5 working days |

                The refund for {order} has been issued, you'll see the date under **Orders**.
                """,
        ),
    ),
    Scenario(
        key="business-invoice-vat",
        space="billing",
        tags=("rechnung|invoice",),
        de=Text(
            titles=(
                "Rechnung mit ausgewiesener MwSt. für die Firma",
                "Firmenname auf die Rechnung setzen",
            ),
            bodies=(
                """
                Ich nutze meinen Vertrag auch beruflich und brauche Rechnungen mit Firmenname
                und ausgewiesener Mehrwertsteuer. Kann ich das im Konto einstellen?
                """,
            ),
            answers=(
                "Die MwSt. ist auf jeder Rechnung ausgewiesen, schau mal auf Seite 2. Den "
                "Firmennamen kannst du als zweite Adresszeile eintragen.",
            ),
            official="""
                Hallo {asker},

                die Mehrwertsteuer ist auf jeder Rechnung ausgewiesen (Seite 2, Summenblock).
                Einen Firmennamen trägst du unter **Mein Konto → Rechnungsadresse → Zusatz**
                ein; er erscheint ab der nächsten Rechnung. Für mehrere Verträge einer Firma
                gibt es außerdem unsere Geschäftskundentarife.
                """,
        ),
        en=Text(
            titles=(
                "Invoice with VAT shown, for my company",
                "Put my company name on the invoice",
            ),
            bodies=(
                """
                I also use my contract for work and need invoices with the company name and VAT
                shown separately. Can I set that up in my account?
                """,
            ),
            answers=(
                "VAT is shown on every invoice, look at page 2. The company name can go in the "
                "second address line.",
            ),
            official="""
                Hi {asker},

                VAT is shown on every invoice (page 2, totals section). You can add a company
                name under **My account → Billing address → Addition**; it appears from the
                next invoice. For several contracts in one company, have a look at our business
                plans.
                """,
        ),
    ),
    Scenario(
        key="card-declined-e4410",
        space="billing",
        tags=("zahlung|payment",),
        de=Text(
            titles=(
                "Kreditkarte wird abgelehnt (E-4410)",
                "Fehler E-4410 beim Bezahlen im Shop",
            ),
            bodies=(
                """
                Beim Bezahlen im Shop kommt jedes Mal `E-4410 Zahlung abgelehnt`. Die Karte
                funktioniert überall sonst. Ich wollte einen {product} bestellen.
                """,
            ),
            answers=(
                "E-4410 kommt, wenn die 3-D-Secure-Bestätigung nicht durchgeht. Schau, ob deine "
                "Banking-App eine Freigabe anzeigt, die du übersehen hast.",
                "Bei mir hat es im {browser} nicht geklappt, in einem anderen Browser schon. "
                "Irgendein Tracking-Schutz hat das 3-D-Secure-Fenster blockiert.",
            ),
            official="""
                Hallo {asker},

                E-4410 heißt: Die Bank hat die Zahlung bei der 3-D-Secure-Prüfung abgelehnt
                oder die Bestätigung kam nicht rechtzeitig. Bitte:

                - die Freigabe in der Banking-App innerhalb von 5 Minuten bestätigen,
                - Werbe- und Tracking-Blocker für den Bezahlschritt ausschalten,
                - alternativ PayPal oder Kauf auf Rechnung wählen.

                Wir speichern keine Kartendaten; was genau abgelehnt wurde, kann nur deine Bank
                sagen.
                """,
        ),
        en=Text(
            titles=(
                "Credit card declined at checkout (E-4410)",
                "Error E-4410 when paying in the shop",
            ),
            bodies=(
                """
                Every time I pay in the shop I get `E-4410 Payment declined`. The card works
                everywhere else. I was trying to order a {product}.
                """,
            ),
            answers=(
                "E-4410 shows up when the 3-D Secure confirmation fails. Check whether your "
                "banking app has an approval waiting that you missed.",
                "Didn't work for me in {browser}, did in another browser. Some tracking "
                "protection blocked the 3-D Secure window.",
            ),
            official="""
                Hi {asker},

                E-4410 means your bank declined the payment during the 3-D Secure check or the
                confirmation didn't arrive in time. Please:

                - approve in your banking app within 5 minutes,
                - turn off ad and tracking blockers for the payment step,
                - or choose PayPal or pay by invoice instead.

                We don't store card details; only your bank can say why it was declined.
                """,
        ),
    ),
]

TECHNICAL = [
    Scenario(
        key="app-login-e1042",
        space="technical",
        tags=("app", "login", "e-1042"),
        weight=3,
        outage=True,
        de=Text(
            titles=(
                "App-Anmeldung: Fehler E-1042",
                "E-1042 beim Login in der App auf dem {phone}",
                "Fehler E-1042 – Anmeldung in der App unmöglich",
                "Login in der Peerdesk-App geht nicht mehr (E-1042)",
                "E-1042 nach Update auf {app_version}",
            ),
            bodies=(
                """
                Ich kann mich {since} nicht mehr in der App anmelden. Nach Eingabe von
                Benutzername und Passwort kommt:

                `E-1042: Synchronisierung fehlgeschlagen`

                Im Browser klappt die Anmeldung mit denselben Daten. {phone}, App {app_version}.
                """,
                """
                Die App zeigt bei jedem Anmeldeversuch `E-1042`. Passwort habe ich schon
                zurückgesetzt, hilft nichts. Was bedeutet der Fehler?
                """,
            ),
            answers=(
                """
                E-1042 kommt, wenn die Uhrzeit auf dem Handy nicht automatisch gestellt ist
                (das Anmelde-Token ist dann „aus der Zukunft“). Bei mir hat geholfen:

                1. **Einstellungen → Datum & Uhrzeit → Automatisch** einschalten
                2. App schließen (auch aus dem Hintergrund)
                3. Neu anmelden
                """,
                "App-Daten löschen und neu anmelden hat bei mir geholfen. Achtung, danach musst "
                "du 2FA neu bestätigen.",
                "Gerade gibt es eine Störung dazu, schau mal in die angepinnten Beiträge.",
            ),
            official="""
                Hallo {asker},

                E-1042 bedeutet, dass die App die Anmeldung nicht mit deinem Konto
                synchronisieren kann. Die häufigsten Ursachen:

                | Ursache | Lösung |
                |---|---|
                | Uhrzeit des Geräts falsch | Datum & Uhrzeit auf „automatisch“ stellen |
                | alte App-Version | auf {app_version} oder neuer aktualisieren |
                | beschädigte App-Daten | App-Speicher löschen, neu anmelden |

                Wenn nichts davon hilft, schreib bitte dazu, welche App-Version und welches Gerät
                du nutzt – dann schauen wir uns das genauer an.
                """,
        ),
        en=Text(
            titles=(
                "App sign-in fails with error E-1042",
                "E-1042 when logging into the app on my {phone}",
                "Error E-1042 – can't log into the app",
                "Peerdesk app login broken (E-1042)",
                "E-1042 after updating to {app_version}",
            ),
            bodies=(
                """
                I can't sign into the app {since}. After entering my username and password I
                get:

                `E-1042: Sync failed`

                Signing in through the browser works with the same details. {phone}, app
                {app_version}.
                """,
                """
                Every login attempt in the app shows `E-1042`. I already reset my password, no
                change. What does this error mean?
                """,
            ),
            answers=(
                """
                E-1042 happens when the phone's clock isn't set automatically (the sign-in token
                is then "from the future"). What fixed it for me:

                1. **Settings → Date & time → Set automatically** on
                2. Force-close the app
                3. Sign in again
                """,
                "Clearing the app data and signing in again did it for me. Note you'll need to "
                "confirm 2FA again afterwards.",
                "There's an outage for this right now, check the pinned posts.",
            ),
            official="""
                Hi {asker},

                E-1042 means the app can't sync the sign-in with your account. The usual
                causes:

                | Cause | Fix |
                |---|---|
                | device clock wrong | set date & time to automatic |
                | old app version | update to {app_version} or newer |
                | damaged app data | clear app storage, sign in again |

                If none of that helps, please tell us your app version and device and we'll
                look into it.
                """,
        ),
    ),
    Scenario(
        key="router-e3105",
        space="technical",
        tags=("router", "glasfaser|fiber", "e-3105"),
        weight=2,
        outage=True,
        de=Text(
            titles=(
                "Router zeigt E-3105 – kein Internet",
                "{router}: Fehler E-3105, Internet-LED rot",
                "Kein Internet {since}, Box meldet E-3105",
                "E-3105 und Telefon tot – Störung?",
            ),
            bodies=(
                """
                Meine {router} zeigt {since} `E-3105` und die Internet-LED leuchtet rot.
                Telefon geht auch nicht. Neustart habe ich zweimal gemacht. Ist das eine
                Störung oder liegt es an mir?
                """,
                """
                Kein Internet. Im Menü der {router} steht unter Status:
                `E-3105 PPP-Authentifizierung fehlgeschlagen`. Ich habe nichts verändert.
                """,
            ),
            answers=(
                "E-3105 ist fast immer eine Störung auf der Leitung oder am Verteiler, nicht "
                "dein Router. Schau auf der Störungsseite nach deiner Postleitzahl.",
                "Bei mir war nach einer Störung die Box noch im alten Zustand. Stecker 30 "
                "Sekunden ziehen, dann ging es wieder.",
                "Falls du die Zugangsdaten mal manuell eingetragen hast: zurück auf „automatisch "
                "einrichten“ stellen.",
            ),
            official="""
                Hallo {asker},

                E-3105 bedeutet, dass sich die Box nicht am Netz anmelden kann. Bitte prüfe:

                1. Gibt es auf der Störungsseite eine Meldung für deine Region?
                2. Box 30 Sekunden vom Strom trennen, dann neu starten.
                3. Unter **Internet → Zugangsdaten** muss „automatisch einrichten“ aktiv sein.

                Wenn der Fehler danach bleibt, schreib mir bitte privat deine Postleitzahl, dann
                prüfe ich die Leitung.
                """,
        ),
        en=Text(
            titles=(
                "Router shows E-3105 – no internet",
                "{router}: error E-3105, internet light red",
                "No internet {since}, router says E-3105",
                "E-3105 and landline dead – outage?",
            ),
            bodies=(
                """
                My {router} has shown `E-3105` {since} and the internet light is red. The
                landline is dead too. I've restarted it twice. Is this an outage or my end?
                """,
                """
                No internet. The {router} status page says:
                `E-3105 PPP authentication failed`. I haven't changed anything.
                """,
            ),
            answers=(
                "E-3105 is almost always a line or cabinet fault, not your router. Check the "
                "outage page for your postcode.",
                "After an outage my box was stuck in the old state. Unplug for 30 seconds and "
                "it came back.",
                'If you ever entered the access details manually, switch back to "set up '
                'automatically".',
            ),
            official="""
                Hi {asker},

                E-3105 means the box can't sign in to the network. Please check:

                1. Is there an outage notice for your area on the status page?
                2. Unplug the box for 30 seconds, then restart it.
                3. Under **Internet → Access details**, "set up automatically" must be on.

                If the error stays, send me your postcode in a private message and I'll check
                the line.
                """,
        ),
    ),
    Scenario(
        key="wifi-drops-evening",
        space="technical",
        tags=("wlan|wifi", "router"),
        weight=2,
        de=Text(
            titles=(
                "WLAN bricht abends ständig ab",
                "WLAN-Abbrüche mit der {router}",
                "Internet ok, aber WLAN fällt alle paar Minuten aus",
                "WLAN instabil, per Kabel alles gut",
            ),
            bodies=(
                """
                Seit ein paar Wochen bricht abends das WLAN immer wieder für 1–2 Minuten ab. Per
                LAN-Kabel läuft alles stabil. {router}, Wohnung im Mehrfamilienhaus.
                """,
                """
                Mein {phone} verliert ständig das WLAN, der Laptop auch. Die Box zeigt keine
                Fehler. Was kann ich noch einstellen?
                """,
            ),
            answers=(
                """
                Klingt nach überfülltem Kanal – abends sind alle Nachbarn online. Was bei mir
                geholfen hat:

                - 5 GHz bevorzugen (gleicher Name für beide Bänder)
                - Kanal auf „automatisch“ stellen
                - Box nicht in den Schrank, sondern frei hinstellen
                """,
                "Bei mir war es die Funktion „WLAN-Zeitschaltung“, die abends an war. Steht "
                "unter **WLAN → Zeitplan**.",
                "Firmware aktuell? Mit der vorletzten Version hatte ich genau das.",
            ),
            official="""
                Hallo {asker},

                wenn es per Kabel stabil läuft, liegt es am Funk. Bitte probiere:

                1. **WLAN → Funkkanal → automatisch** und „Kanal bei Störung wechseln“ an.
                2. **Band Steering** aktivieren, damit Geräte das 5-GHz-Band nutzen.
                3. Firmware unter **System → Update** prüfen.

                Bei großen Wohnungen hilft ein Mesh Repeater. Wenn es danach nicht besser wird,
                schick mir gern das Ereignisprotokoll der Box per privater Nachricht.
                """,
        ),
        en=Text(
            titles=(
                "Wi-Fi keeps dropping in the evening",
                "Wi-Fi disconnects with the {router}",
                "Internet fine but Wi-Fi drops every few minutes",
                "Wi-Fi unstable, cable is fine",
            ),
            bodies=(
                """
                For a few weeks the Wi-Fi has been dropping for 1–2 minutes at a time in the
                evenings. Over a LAN cable everything is stable. {router}, flat in a block.
                """,
                """
                My {phone} keeps losing Wi-Fi, the laptop as well. The box shows no errors.
                What else can I adjust?
                """,
            ),
            answers=(
                """
                Sounds like a crowded channel – in the evening all the neighbours are online.
                What helped me:

                - prefer 5 GHz (same network name for both bands)
                - set the channel to "automatic"
                - don't put the box in a cupboard
                """,
                'For me it was the "Wi-Fi schedule" that was on in the evenings. It\'s under '
                "**Wi-Fi → Schedule**.",
                "Firmware up to date? I had exactly this with the version before last.",
            ),
            official="""
                Hi {asker},

                if it's stable over cable, it's the radio side. Please try:

                1. **Wi-Fi → Channel → automatic** and turn on "change channel on
                   interference".
                2. Enable **band steering** so devices use the 5 GHz band.
                3. Check for firmware under **System → Update**.

                In larger flats a Mesh Repeater helps. If it doesn't improve, send me the box's
                event log by private message.
                """,
        ),
    ),
    Scenario(
        key="app-crash-update",
        space="technical",
        tags=("app",),
        outage=True,
        de=Text(
            titles=(
                "App stürzt nach Update auf {app_version} sofort ab",
                "Peerdesk-App schließt sich beim Start ({phone})",
            ),
            bodies=(
                """
                Seit dem Update auf {app_version} startet die App kurz und schließt sich dann
                sofort wieder. {phone}, neu starten hat nicht geholfen.
                """,
            ),
            answers=(
                "Bei mir half nur: App deinstallieren, Handy neu starten, App neu installieren. "
                "Anmeldedaten bereithalten!",
                "Gleiches Problem. Scheint an der neuen Version zu liegen.",
            ),
            official="""
                Hallo {asker},

                danke für die Meldung! Wir haben einen Absturz beim Start auf einigen Geräten
                nachvollziehen können. Bis das Update im Store ist:

                1. App-Cache leeren (**Einstellungen → Apps → Peerdesk → Speicher**)
                2. Falls das nicht reicht: neu installieren

                Deine Daten sind im Konto gespeichert, dabei geht nichts verloren.
                """,
        ),
        en=Text(
            titles=(
                "App crashes right after updating to {app_version}",
                "Peerdesk app closes on start ({phone})",
            ),
            bodies=(
                """
                Since updating to {app_version} the app opens for a second and closes again.
                {phone}, restarting didn't help.
                """,
            ),
            answers=(
                "Only thing that worked for me: uninstall, restart the phone, reinstall. Have "
                "your login details ready!",
                "Same problem. Looks like it's the new version.",
            ),
            official="""
                Hi {asker},

                thanks for reporting! We've reproduced a crash on start on some devices. Until
                the fix is in the store:

                1. Clear the app cache (**Settings → Apps → Peerdesk → Storage**)
                2. If that isn't enough, reinstall

                Your data lives in your account, nothing gets lost.
                """,
        ),
    ),
    Scenario(
        key="push-notifications",
        space="technical",
        tags=("app",),
        de=Text(
            titles=(
                "Keine Push-Benachrichtigungen mehr auf dem {phone}",
                "App-Benachrichtigungen kommen nicht an",
            ),
            bodies=(
                """
                Ich bekomme keine Benachrichtigungen mehr von der App (weder Lieferstatus noch
                Rechnung). In den Einstellungen ist alles an. {phone}, App {app_version}.
                """,
            ),
            answers=(
                "Android-Energiesparmodus! Die App in den Akku-Einstellungen auf „Nicht "
                "optimieren“ stellen, dann kamen sie bei mir wieder.",
                "In der App selbst gibt es nochmal einen Schalter: **Profil → Benachrichtigungen**.",
            ),
            official="""
                Hallo {asker},

                Benachrichtigungen müssen an zwei Stellen erlaubt sein: im Betriebssystem und in
                der App unter **Profil → Benachrichtigungen**. Auf vielen Android-Geräten
                blockiert außerdem die Akku-Optimierung Hintergrund-Apps – stell die Peerdesk-App
                dort auf „Nicht optimieren“. Danach einmal ab- und wieder anmelden.
                """,
        ),
        en=Text(
            titles=(
                "No push notifications on my {phone} any more",
                "App notifications not arriving",
            ),
            bodies=(
                """
                I no longer get notifications from the app (neither delivery status nor
                invoices). Everything is switched on in the settings. {phone}, app
                {app_version}.
                """,
            ),
            answers=(
                'Android battery saver! Set the app to "Don\'t optimise" in the battery '
                "settings and they came back for me.",
                "There's a second switch inside the app: **Profile → Notifications**.",
            ),
            official="""
                Hi {asker},

                notifications need to be allowed in two places: in the system settings and in
                the app under **Profile → Notifications**. On many Android phones battery
                optimisation also blocks background apps – set the Peerdesk app to "Don't
                optimise". Then sign out and back in once.
                """,
        ),
    ),
    Scenario(
        key="fiber-slow",
        space="technical",
        tags=("glasfaser|fiber", "router"),
        weight=2,
        de=Text(
            titles=(
                "{fiber}: nur {measured} statt {booked} Mbit/s",
                "Glasfaser deutlich langsamer als gebucht",
                "Speedtest zeigt nur {measured} Mbit/s",
                "Glasfaser abends nur {evening} Mbit/s",
            ),
            bodies=(
                """
                Ich habe {fiber} gebucht, komme aber nie über {morning} Mbit/s. Gemessen mit
                dem Speedtest auf der Website, mehrfach:

                | Uhrzeit | Download (Mbit/s) | Upload (Mbit/s) |
                |---|---|---|
                | 08:00 | {morning} | 40 |
                | 13:00 | {measured} | 38 |
                | 21:00 | {evening} | 35 |

                Ist das normal?
                """,
            ),
            answers=(
                "Misst du per WLAN? Dann ist das völlig normal, WLAN schafft selten mehr. Teste "
                "mal mit LAN-Kabel direkt an der Box.",
                "Check, ob der LAN-Port am Rechner nur 100 Mbit/s kann – alte Kabel (Cat 5) "
                "bremsen auch.",
                "Bei mir war im Router noch die Drosselung aus dem alten Tarif eingetragen. Nach "
                "einem Neustart der Box war es richtig.",
            ),
            official="""
                Hallo {asker},

                für eine aussagekräftige Messung bitte:

                1. Rechner **per LAN-Kabel** an die Box (WLAN misst meist deutlich weniger),
                2. alle anderen Geräte kurz trennen,
                3. unseren Speedtest dreimal zu verschiedenen Zeiten ausführen.

                Liegt das Ergebnis dann unter 90 % der gebuchten {booked} Mbit/s, schreib mir die
                Messprotokolle per privater Nachricht – dann beauftrage ich eine Leitungsprüfung.
                """,
        ),
        en=Text(
            titles=(
                "{fiber}: only getting {measured} instead of {booked} Mbit/s",
                "Fibre much slower than what I pay for",
                "Speed test only shows {measured} Mbit/s",
                "Fibre drops to {evening} Mbit/s in the evening",
            ),
            bodies=(
                """
                I'm on {fiber} but never get more than {morning} Mbit/s. Measured several times
                with the speed test on the website:

                | Time | Download (Mbit/s) | Upload (Mbit/s) |
                |---|---|---|
                | 08:00 | {morning} | 40 |
                | 13:00 | {measured} | 38 |
                | 21:00 | {evening} | 35 |

                Is that normal?
                """,
            ),
            answers=(
                "Are you testing over Wi-Fi? Then that's completely normal. Try with a LAN "
                "cable straight into the box.",
                "Check whether your computer's LAN port only does 100 Mbit/s – old Cat 5 cables "
                "slow things down too.",
                "My router still had the profile from my old plan. After restarting the box it "
                "was correct.",
            ),
            official="""
                Hi {asker},

                for a meaningful measurement please:

                1. connect your computer **by LAN cable** (Wi-Fi usually measures much less),
                2. disconnect other devices for a moment,
                3. run our speed test three times at different times of day.

                If you're still below 90% of the {booked} Mbit/s you pay for, send me the
                results by private message and I'll order a line check.
                """,
        ),
    ),
    Scenario(
        key="mesh-pairing",
        space="technical",
        tags=("wlan|wifi", "router"),
        de=Text(
            titles=(
                "Mesh Repeater 3000 verbindet sich nicht mit der Box",
                "Repeater koppeln per WPS klappt nicht",
            ),
            bodies=(
                """
                Ich habe den Mesh Repeater 3000 gekauft und wollte ihn per WPS mit meiner
                {router} verbinden. Die LED blinkt ewig orange, dann rot. Mehrfach probiert.
                """,
            ),
            answers=(
                "Stell den Repeater für die Einrichtung direkt neben die Box, nicht gleich ins "
                "andere Zimmer. Nach dem Koppeln kannst du ihn umstellen.",
                "WPS war bei mir in der Box deaktiviert: **WLAN → WPS → aktivieren**.",
            ),
            official="""
                Hallo {asker},

                so klappt das Koppeln:

                1. Repeater in die Nähe der Box stecken und 2 Minuten warten.
                2. In der Box **WLAN → WPS** aktivieren.
                3. Taste am Repeater 2 Sekunden drücken, dann innerhalb von 2 Minuten die
                   WPS-Taste der Box.

                Blinkt die LED rot, den Repeater mit einer Büroklammer zurücksetzen (Reset, 10
                Sekunden) und neu beginnen.
                """,
        ),
        en=Text(
            titles=(
                "Mesh Repeater 3000 won't pair with the box",
                "Pairing the repeater via WPS fails",
            ),
            bodies=(
                """
                I bought the Mesh Repeater 3000 and tried to connect it to my {router} via WPS.
                The LED blinks orange forever, then red. Tried several times.
                """,
            ),
            answers=(
                "Put the repeater right next to the box for setup, not in the other room. You "
                "can move it after pairing.",
                "WPS was switched off in my box: **Wi-Fi → WPS → enable**.",
            ),
            official="""
                Hi {asker},

                here's how pairing works:

                1. Plug the repeater in near the box and wait 2 minutes.
                2. Enable **Wi-Fi → WPS** in the box.
                3. Press the repeater's button for 2 seconds, then the box's WPS button within
                   2 minutes.

                If the LED turns red, reset the repeater with a paperclip (10 seconds) and start
                again.
                """,
        ),
    ),
    Scenario(
        key="firmware-stuck",
        space="technical",
        tags=("router",),
        de=Text(
            titles=(
                "Firmware-Update hängt bei 60 %",
                "{router} Update bleibt stehen – darf ich den Stecker ziehen?",
            ),
            bodies=(
                """
                Das Firmware-Update auf meiner {router} hängt seit einer Stunde bei 60 %. Ich
                traue mich nicht, den Stecker zu ziehen. Was tun?
                """,
            ),
            answers=(
                "Ich habe nach einer Stunde den Stecker gezogen, die Box hat dann die alte "
                "Firmware gestartet und das Update später selbst nochmal gemacht. Alles gut.",
            ),
            official="""
                Hallo {asker},

                keine Sorge: Die Box hat zwei Speicherbereiche und startet bei einem
                abgebrochenen Update die vorherige Firmware. Wenn sich nach 30 Minuten nichts
                tut, kannst du sie gefahrlos vom Strom trennen. Das Update wird in der nächsten
                Nacht automatisch erneut versucht.
                """,
        ),
        en=Text(
            titles=(
                "Firmware update stuck at 60%",
                "{router} update frozen – can I unplug it?",
            ),
            bodies=(
                """
                The firmware update on my {router} has been stuck at 60% for an hour. I'm afraid
                to unplug it. What should I do?
                """,
            ),
            answers=(
                "I unplugged mine after an hour, it booted the old firmware and did the update "
                "again by itself later. All fine.",
            ),
            official="""
                Hi {asker},

                no worries: the box has two firmware slots and boots the previous one if an
                update is interrupted. If nothing happens for 30 minutes you can safely unplug
                it. The update is retried automatically the following night.
                """,
        ),
    ),
    Scenario(
        key="port-forwarding",
        space="technical",
        tags=("router",),
        de=Text(
            titles=(
                "Portfreigabe für {console} einrichten",
                "NAT-Typ strikt an der {console}",
            ),
            bodies=(
                """
                Meine {console} zeigt NAT-Typ „strikt“, Online-Spiele mit Freunden klappen
                nicht. Wie richte ich an der {router} eine Portfreigabe ein?
                """,
            ),
            answers=(
                """
                Einfachste Lösung: **Internet → Freigaben → Gerät hinzufügen**, die Konsole
                auswählen und „Selbstständige Portfreigaben erlauben“ (UPnP) anhaken. Danach
                Konsole neu starten, bei mir war der NAT-Typ dann „offen“.
                """,
                "Achtung, manche Glasfaser-Anschlüsse haben nur DS-Lite (keine eigene "
                "IPv4-Adresse). Dann helfen Portfreigaben nicht, du musst eine öffentliche IPv4 "
                "beantragen.",
            ),
            official="""
                Hallo {asker},

                in der Box unter **Internet → Freigaben** die Konsole auswählen und
                „Selbstständige Portfreigaben erlauben“ aktivieren – das reicht für fast alle
                Spiele. Falls dein Anschluss DS-Lite nutzt (steht unter **Internet → Status**),
                kannst du kostenlos eine öffentliche IPv4-Adresse anfordern; schreib mir dazu
                gern privat.
                """,
        ),
        en=Text(
            titles=(
                "Port forwarding for my {console}",
                "Strict NAT type on {console}",
            ),
            bodies=(
                """
                My {console} shows NAT type "strict" and online games with friends don't work.
                How do I set up port forwarding on the {router}?
                """,
            ),
            answers=(
                """
                Easiest way: **Internet → Sharing → Add device**, pick the console and tick
                "Allow automatic port sharing" (UPnP). Restart the console – my NAT type was
                "open" afterwards.
                """,
                "Careful: some fibre lines only have DS-Lite (no public IPv4 address). Port "
                "forwarding won't help then; you need to request a public IPv4.",
            ),
            official="""
                Hi {asker},

                under **Internet → Sharing** pick the console and enable "Allow automatic port
                sharing" – that's enough for almost every game. If your line uses DS-Lite
                (shown under **Internet → Status**), you can request a public IPv4 address free
                of charge; just send me a private message.
                """,
        ),
    ),
    Scenario(
        key="wifi-calling",
        space="technical",
        tags=("tarif|plan", "wlan|wifi"),
        de=Text(
            titles=(
                "WLAN Call funktioniert nicht auf dem {phone}",
                "Telefonieren über WLAN aktivieren – Option fehlt",
            ),
            bodies=(
                """
                Im Keller habe ich kein Netz und wollte WLAN Call nutzen. Auf meinem {phone}
                finde ich die Option nicht bzw. sie ist ausgegraut. Tarif {plan}.
                """,
            ),
            answers=(
                "Die Option erscheint erst nach einem Neustart, wenn die SIM die neuen "
                "Netzeinstellungen geladen hat. Bei mir hat es einen Tag gedauert.",
                "Bei Geräten, die nicht bei uns gekauft wurden, muss das Betriebssystem aktuell "
                "sein, sonst fehlt das Netzprofil.",
            ),
            official="""
                Hallo {asker},

                WLAN Call ist in {plan} enthalten. Voraussetzungen:

                - aktuelles Betriebssystem auf dem {phone},
                - **Einstellungen → Mobilfunk → WLAN-Anrufe** einschalten,
                - einmal neu starten, damit das Netzprofil geladen wird.

                Ich habe die Option an deinem Anschluss nochmal neu gesetzt; nach dem Neustart
                sollte sie verfügbar sein.
                """,
        ),
        en=Text(
            titles=(
                "Wi-Fi calling not working on my {phone}",
                "Enable Wi-Fi calling – option missing",
            ),
            bodies=(
                """
                No signal in my basement so I wanted to use Wi-Fi calling. On my {phone} the
                option is missing or greyed out. Plan: {plan}.
                """,
            ),
            answers=(
                "The option only shows up after a restart once the SIM has loaded the new "
                "network settings. Took a day for me.",
                "On phones not bought from us the OS must be up to date, otherwise the network "
                "profile is missing.",
            ),
            official="""
                Hi {asker},

                Wi-Fi calling is included in {plan}. What you need:

                - an up-to-date OS on the {phone},
                - **Settings → Mobile → Wi-Fi calling** switched on,
                - one restart so the network profile loads.

                I've re-provisioned the option on your line; after a restart it should be
                available.
                """,
        ),
    ),
    Scenario(
        key="sim-no-service",
        space="technical",
        tags=("tarif|plan", "esim"),
        de=Text(
            titles=(
                "Neue SIM-Karte: kein Netz (E-2107)",
                "SIM aktiviert, aber „Kein Netz“ auf dem {phone}",
            ),
            bodies=(
                """
                Meine neue SIM-Karte ist seit {days} Tagen da. Im {phone} steht nur „Kein
                Netz“, und beim Aktivieren im Konto kam `E-2107`. Rufnummernmitnahme läuft noch.
                """,
            ),
            answers=(
                "Bei Rufnummernmitnahme wird die SIM erst am Portierungstag aktiv. Bis dahin "
                "zeigt sie kein Netz, auch wenn die Aktivierung durch ist.",
                "E-2107 hatte ich auch, am nächsten Morgen lief alles.",
            ),
            official="""
                Hallo {asker},

                `E-2107` heißt „Aktivierung vorgemerkt“. Mit Rufnummernmitnahme schaltet sich die
                SIM erst am Portierungstag frei, meist zwischen 6 und 12 Uhr. Den Termin siehst
                du unter **Mein Konto → Vertrag → Rufnummernmitnahme**. Danach das {phone} einmal
                neu starten.
                """,
        ),
        en=Text(
            titles=(
                "New SIM card – no service (E-2107)",
                'SIM activated but "No service" on my {phone}',
            ),
            bodies=(
                """
                My new SIM card arrived {days} days ago. The {phone} only shows "No service",
                and activating it in my account gave `E-2107`. My number transfer is still in
                progress.
                """,
            ),
            answers=(
                "With a number transfer the SIM only goes live on the porting day. Until then "
                "it shows no service even though activation is done.",
                "Had E-2107 too, everything worked the next morning.",
            ),
            official="""
                Hi {asker},

                `E-2107` means "activation scheduled". With a number transfer the SIM only goes
                live on the porting day, usually between 6am and noon. You'll find the date
                under **My account → Contract → Number transfer**. Restart the {phone} once
                after that.
                """,
        ),
    ),
    Scenario(
        key="tv-stick-apps",
        space="technical",
        tags=("app",),
        de=Text(
            titles=(
                "TV Stick 4K: Apps nach Update verschwunden",
                "TV Stick startet nur noch bis zum Logo",
            ),
            bodies=(
                """
                Nach dem letzten Update sind auf meinem TV Stick 4K alle installierten Apps weg,
                nur die vorinstallierten sind da. Muss ich alles neu einrichten?
                """,
            ),
            answers=(
                "Die Apps sind meist nur ausgeblendet. **Einstellungen → Apps → Alle anzeigen** "
                "und wieder auf den Startbildschirm legen.",
                "Wenn er am Logo hängt: 10 Sekunden Zurück + Home gedrückt halten, dann startet "
                "er im Wartungsmodus neu.",
            ),
            official="""
                Hallo {asker},

                beim letzten Update wurde bei einigen Sticks die Startseite zurückgesetzt; die
                Apps sind aber noch installiert. Unter **Einstellungen → Apps → Alle anzeigen**
                kannst du sie wieder anheften. Anmeldungen in den Apps bleiben erhalten.
                """,
        ),
        en=Text(
            titles=(
                "TV Stick 4K: apps gone after update",
                "TV Stick stuck on the logo",
            ),
            bodies=(
                """
                After the latest update all the apps I installed on my TV Stick 4K are gone,
                only the pre-installed ones are left. Do I have to set everything up again?
                """,
            ),
            answers=(
                "They're usually just hidden. **Settings → Apps → Show all** and pin them to "
                "the home screen again.",
                "If it's stuck on the logo: hold Back + Home for 10 seconds and it restarts in "
                "maintenance mode.",
            ),
            official="""
                Hi {asker},

                the last update reset the home screen on some sticks; the apps are still
                installed. Under **Settings → Apps → Show all** you can pin them again. Your
                sign-ins inside the apps are kept.
                """,
        ),
    ),
]

ACCOUNT = [
    Scenario(
        key="password-reset-mail",
        space="account",
        tags=("passwort|password", "login"),
        weight=3,
        de=Text(
            titles=(
                "Passwort zurücksetzen – keine E-Mail erhalten",
                "E-Mail zum Passwort zurücksetzen kommt nicht an",
                "Passwort vergessen, Reset-Link kommt nie",
                "Passwort zurücksetzen: Link abgelaufen",
                "Passwort zurücksetzen geht nicht (Spam schon geprüft)",
            ),
            bodies=(
                """
                Ich habe mein Passwort vergessen und schon dreimal „Passwort zurücksetzen“
                geklickt. Es kommt keine E-Mail, auch nicht im Spam-Ordner. Die E-Mail-Adresse
                stimmt, an die kommen auch die Rechnungen.
                """,
                """
                Der Link aus der Mail zum Zurücksetzen sagt jedes Mal „Link abgelaufen“, obwohl
                ich sofort draufklicke. Was mache ich falsch?
                """,
            ),
            answers=(
                "Nur den **letzten** Link verwenden! Jeder neue Klick auf „zurücksetzen“ macht "
                "die älteren Links ungültig. Einmal anfordern, 10 Minuten warten, dann klicken.",
                "Bei manchen Mailanbietern landen die Mails im Ordner „Werbung“ oder "
                "„Benachrichtigungen“, nicht im Spam.",
                "Öffnet dein Mailprogramm Links vielleicht in einer Vorschau, die sie schon "
                "„verbraucht“? Link kopieren und im Browser einfügen hat bei mir geholfen.",
            ),
            official="""
                Hallo {asker},

                ein paar Dinge, die fast immer helfen:

                1. Nur **einmal** anfordern und den **neuesten** Link nutzen – ältere werden
                   ungültig.
                2. Der Link ist 60 Minuten gültig.
                3. Prüfe auch die Ordner „Werbung“ und „Benachrichtigungen“.
                4. Wenn dein Mailprogramm Links vorab prüft: Link kopieren und direkt im
                   Browser öffnen.

                Kommt gar keine Mail, schreib mir bitte eine private Nachricht (ohne Passwort!),
                dann prüfe ich die hinterlegte Adresse.
                """,
        ),
        en=Text(
            titles=(
                "Password reset e-mail never arrives",
                "Not receiving the password reset e-mail",
                "Forgot my password, reset link never comes",
                "Password reset link says expired",
                "Can't reset password (already checked spam)",
            ),
            bodies=(
                """
                I forgot my password and clicked "Reset password" three times now. No e-mail
                arrives, not even in spam. The address is right – my invoices go there.
                """,
                """
                The reset link in the e-mail says "Link expired" every time, even though I
                click it straight away. What am I doing wrong?
                """,
            ),
            answers=(
                "Only use the **latest** link! Every new reset request invalidates the older "
                "ones. Request once, wait 10 minutes, then click.",
                'Some mail providers file them under "Promotions" or "Updates" rather than spam.',
                'Maybe your mail app opens links in a preview that already "uses them up"? '
                "Copying the link into the browser fixed it for me.",
            ),
            official="""
                Hi {asker},

                a few things that almost always help:

                1. Request **once** and use the **newest** link – older ones stop working.
                2. The link is valid for 60 minutes.
                3. Check the "Promotions" and "Updates" folders too.
                4. If your mail app scans links first, copy the link and open it directly in
                   the browser.

                If no e-mail arrives at all, send me a private message (no password please!)
                and I'll check the address on file.
                """,
        ),
    ),
    Scenario(
        key="2fa-new-phone",
        space="account",
        tags=("2fa", "login"),
        weight=2,
        de=Text(
            titles=(
                "Neues Handy – 2FA-Codes weg, wie komme ich ins Konto?",
                "Zwei-Faktor-Authentifizierung: altes Handy kaputt",
                "2FA: Authenticator-App auf neues {phone} umziehen",
                "Zwei-Faktor-Code beim Handywechsel – wie mache ich das richtig?",
            ),
            bodies=(
                """
                Mein altes Handy ist kaputt und damit auch die Authenticator-App. Jetzt will die
                Anmeldung einen 6-stelligen Code, den ich nicht habe. Wiederherstellungscodes
                habe ich leider nicht aufgeschrieben.
                """,
                """
                Ich bekomme ein neues {phone}. Wie ziehe ich die Zwei-Faktor-Authentifizierung
                um, ohne mich auszusperren?
                """,
            ),
            answers=(
                """
                Solange das alte Handy noch geht:

                1. Anmelden, **Konto → Sicherheit → Zwei-Faktor → Gerät ändern**
                2. QR-Code mit dem neuen Handy scannen
                3. Erst dann die App auf dem alten Handy löschen
                """,
                "Ohne Codes hilft nur der Kundenservice, die setzen 2FA nach einer "
                "Identitätsprüfung zurück. Hat bei mir einen Tag gedauert.",
                "Tipp für die Zukunft: Wiederherstellungscodes ausdrucken und zu den "
                "Vertragsunterlagen legen.",
            ),
            official="""
                Hallo {asker},

                ohne Authenticator und Wiederherstellungscodes können wir die
                Zwei-Faktor-Authentifizierung nach einer Identitätsprüfung zurücksetzen. Bitte
                schreib mir dazu eine **private Nachricht** (nicht hier posten) – ich melde mich
                mit den nächsten Schritten. Danach kannst du 2FA unter **Konto → Sicherheit**
                auf dem neuen Gerät einrichten und dir neue Wiederherstellungscodes speichern.
                """,
        ),
        en=Text(
            titles=(
                "New phone – lost my 2FA codes, how do I get into my account?",
                "Two-factor authentication: old phone broken",
                "2FA: move authenticator app to my new {phone}",
                "Switching phones with 2FA on – what's the safe way?",
            ),
            bodies=(
                """
                My old phone died and with it the authenticator app. Now sign-in asks for a
                6-digit code I don't have. I didn't save the recovery codes, unfortunately.
                """,
                """
                I'm getting a new {phone}. How do I move two-factor authentication over without
                locking myself out?
                """,
            ),
            answers=(
                """
                While the old phone still works:

                1. Sign in, **Account → Security → Two-factor → Change device**
                2. Scan the QR code with the new phone
                3. Only then delete the app from the old phone
                """,
                "Without codes only customer care can help – they reset 2FA after an identity "
                "check. Took a day for me.",
                "Tip for the future: print the recovery codes and keep them with your contract "
                "papers.",
            ),
            official="""
                Hi {asker},

                without the authenticator or recovery codes we can reset two-factor
                authentication after an identity check. Please send me a **private message**
                (don't post details here) and I'll get back to you with the next steps. After
                that you can set up 2FA on the new device under **Account → Security** and save
                fresh recovery codes.
                """,
        ),
    ),
    Scenario(
        key="2fa-which-app",
        space="account",
        tags=("2fa",),
        de=Text(
            titles=(
                "Welche Authenticator-App für 2FA?",
                "Zwei-Faktor-Authentifizierung einrichten – per SMS möglich?",
            ),
            bodies=(
                """
                Ich möchte die Zwei-Faktor-Authentifizierung einschalten. Welche App nehmt ihr
                dafür? Und geht das auch per SMS?
                """,
            ),
            answers=(
                "Jede App, die TOTP-Codes kann, funktioniert. Ich nutze die App meines "
                "Passwortmanagers, dann sind die Codes gleich mit gesichert.",
                "SMS geht nicht, nur App-Codes. Finde ich aber auch sicherer.",
            ),
            official="""
                Hallo {asker},

                super, dass du 2FA nutzen möchtest! Du kannst jede Authenticator-App verwenden,
                die zeitbasierte Codes (TOTP) unterstützt. Einrichtung unter **Konto →
                Sicherheit → Zwei-Faktor**. SMS bieten wir bewusst nicht an, weil sie leichter
                abgefangen werden können. Speichere unbedingt die Wiederherstellungscodes!
                """,
        ),
        en=Text(
            titles=(
                "Which authenticator app for 2FA?",
                "Setting up two-factor authentication – is SMS an option?",
            ),
            bodies=(
                """
                I want to switch on two-factor authentication. Which app do you use for it? And
                does it work with SMS too?
                """,
            ),
            answers=(
                "Any app that does TOTP codes works. I use the one built into my password "
                "manager so the codes are backed up too.",
                "No SMS, only app codes. Which I think is safer anyway.",
            ),
            official="""
                Hi {asker},

                great that you're turning on 2FA! Any authenticator app that supports
                time-based codes (TOTP) works. Set it up under **Account → Security →
                Two-factor**. We deliberately don't offer SMS because it's easier to intercept.
                Make sure you save the recovery codes!
                """,
        ),
    ),
    Scenario(
        key="change-email",
        space="account",
        tags=("konto|account",),
        de=Text(
            titles=(
                "E-Mail-Adresse im Kundenkonto ändern",
                "Neue E-Mail-Adresse hinterlegen – Bestätigung kommt nicht",
            ),
            bodies=(
                """
                Ich möchte meine E-Mail-Adresse ändern, weil ich den alten Anbieter nicht mehr
                nutze. Wo geht das, und muss ich die alte Adresse noch bestätigen?
                """,
            ),
            answers=(
                "**Konto → Persönliche Daten → E-Mail**. Die Bestätigung geht an die **neue** "
                "Adresse, Zugriff auf die alte brauchst du nicht.",
                "Die Login-Adresse ändert sich dann auch, nicht vergessen.",
            ),
            official="""
                Hallo {asker},

                unter **Konto → Persönliche Daten → E-Mail** trägst du die neue Adresse ein. Wir
                schicken einen Bestätigungslink an die neue Adresse; erst nach dem Klick wird sie
                aktiv und ist dann auch deine Anmeldeadresse. An die alte Adresse geht nur ein
                Hinweis zur Sicherheit.
                """,
        ),
        en=Text(
            titles=(
                "Change the e-mail address on my account",
                "New e-mail address – confirmation never arrives",
            ),
            bodies=(
                """
                I want to change my e-mail address because I no longer use the old provider.
                Where do I do that, and do I need to confirm via the old address?
                """,
            ),
            answers=(
                "**Account → Personal details → E-mail**. The confirmation goes to the **new** "
                "address, you don't need the old one.",
                "Your login address changes too, don't forget.",
            ),
            official="""
                Hi {asker},

                enter the new address under **Account → Personal details → E-mail**. We send a
                confirmation link to the new address; once you click it, it becomes active and
                is also your sign-in address. The old address only gets a security notice.
                """,
        ),
    ),
    Scenario(
        key="account-locked",
        space="account",
        tags=("login", "konto|account"),
        de=Text(
            titles=(
                "Konto gesperrt nach zu vielen Anmeldeversuchen",
                "„Zu viele Versuche“ – wie lange ist mein Konto gesperrt?",
            ),
            bodies=(
                """
                Ich habe mich ein paar Mal vertippt und jetzt steht da „Zu viele Versuche, bitte
                später erneut versuchen“. Wie lange dauert die Sperre?
                """,
            ),
            answers=(
                "Bei mir war es nach 15 Minuten wieder frei. Nicht zwischendurch probieren, "
                "sonst fängt die Zeit von vorn an.",
                "Über „Passwort zurücksetzen“ kommst du sofort wieder rein.",
            ),
            official="""
                Hallo {asker},

                nach mehreren Fehlversuchen sperren wir die Anmeldung zu deinem Schutz für
                15 Minuten. Jeder weitere Versuch in der Zeit verlängert die Sperre. Sofort
                wieder rein kommst du über **Passwort zurücksetzen** – damit wird die Sperre
                aufgehoben.
                """,
        ),
        en=Text(
            titles=(
                "Account locked after too many sign-in attempts",
                '"Too many attempts" – how long is my account locked?',
            ),
            bodies=(
                """
                I mistyped a few times and now it says "Too many attempts, please try again
                later". How long does the lock last?
                """,
            ),
            answers=(
                "Mine was free again after 15 minutes. Don't try in between or the timer restarts.",
                '"Reset password" gets you back in straight away.',
            ),
            official="""
                Hi {asker},

                after several failed attempts we block sign-in for 15 minutes to protect you.
                Every attempt during that time extends the block. **Reset password** gets you
                back in immediately and lifts the block.
                """,
        ),
    ),
    Scenario(
        key="merge-accounts",
        space="account",
        tags=("konto|account", "vertrag|contract"),
        de=Text(
            titles=(
                "Zwei Kundenkonten zusammenlegen",
                "Shop-Konto und Vertragskonto verbinden",
            ),
            bodies=(
                """
                Ich habe ein Konto für den Shop und eins für meinen Mobilfunkvertrag, mit
                unterschiedlichen E-Mail-Adressen. Kann man die zusammenlegen?
                """,
            ),
            answers=(
                "Zusammenlegen geht nicht, aber du kannst im Vertragskonto unter **Verknüpfte "
                "Konten** das Shop-Konto hinzufügen. Dann siehst du alles an einer Stelle.",
            ),
            official="""
                Hallo {asker},

                zwei Konten lassen sich nicht verschmelzen, aber verknüpfen: Im Vertragskonto
                unter **Konto → Verknüpfte Konten → Shop-Konto hinzufügen** mit den Zugangsdaten
                des Shop-Kontos anmelden. Danach siehst du Bestellungen und Rechnungen zusammen.
                """,
        ),
        en=Text(
            titles=(
                "Merge two customer accounts",
                "Link my shop account and contract account",
            ),
            bodies=(
                """
                I have one account for the shop and one for my mobile contract, with different
                e-mail addresses. Can they be merged?
                """,
            ),
            answers=(
                "Merging isn't possible, but in the contract account you can add the shop "
                "account under **Linked accounts**. Then you see everything in one place.",
            ),
            official="""
                Hi {asker},

                two accounts can't be merged, but they can be linked: in the contract account
                go to **Account → Linked accounts → Add shop account** and sign in with the shop
                account's details. Orders and invoices then show up together.
                """,
        ),
    ),
    Scenario(
        key="login-loop",
        space="account",
        tags=("login",),
        de=Text(
            titles=(
                "Login-Schleife im {browser}",
                "Nach der Anmeldung wieder auf der Login-Seite",
            ),
            bodies=(
                """
                Ich melde mich im {browser} an, die Seite lädt kurz und dann bin ich wieder auf
                der Anmeldeseite. Endlos. In der App klappt es.
                """,
            ),
            answers=(
                "Cookies für die Seite löschen! Bei mir war ein altes Cookie vom früheren "
                "Kundenportal schuld.",
                "Privates Fenster probieren – wenn es da geht, sind es Cookies oder eine "
                "Erweiterung.",
            ),
            official="""
                Hallo {asker},

                das passiert, wenn der Browser Cookies der Anmeldung blockiert oder alte Cookies
                vom früheren Kundenportal hat. Bitte:

                1. Cookies und Website-Daten für unsere Seite löschen,
                2. Tracking-Schutz für die Seite kurz ausschalten,
                3. erneut anmelden.

                Klappt es im privaten Fenster, liegt es sicher an Cookies oder einer Erweiterung.
                """,
        ),
        en=Text(
            titles=(
                "Login loop in {browser}",
                "After signing in I'm back on the login page",
            ),
            bodies=(
                """
                I sign in with {browser}, the page loads briefly and then I'm back on the sign-in
                page. Endlessly. The app works.
                """,
            ),
            answers=(
                "Delete the site's cookies! For me an old cookie from the previous customer "
                "portal was to blame.",
                "Try a private window – if it works there it's cookies or an extension.",
            ),
            official="""
                Hi {asker},

                this happens when the browser blocks the sign-in cookies or still has old ones
                from the previous portal. Please:

                1. delete cookies and site data for our site,
                2. turn off tracking protection for the site for a moment,
                3. sign in again.

                If it works in a private window, it's definitely cookies or an extension.
                """,
        ),
    ),
    Scenario(
        key="newsletter-unsubscribe",
        space="account",
        tags=("konto|account", "datenschutz|privacy"),
        de=Text(
            titles=(
                "Newsletter abbestellen klappt nicht",
                "Trotz Abmeldung weiter Werbe-E-Mails",
            ),
            bodies=(
                """
                Ich habe schon zweimal unten im Newsletter auf „Abmelden“ geklickt, bekomme aber
                weiter jede Woche Angebote. Wie werde ich die los?
                """,
            ),
            answers=(
                "Im Konto unter **Benachrichtigungen → Werbung** gibt es einen eigenen Schalter. "
                "Der Link im Newsletter gilt nur für diese eine Liste.",
            ),
            official="""
                Hallo {asker},

                die Abmeldung greift innerhalb von 48 Stunden. Es gibt zwei Listen (Shop-Angebote
                und Tarif-News); unter **Konto → Benachrichtigungen → Werbung** kannst du beide
                auf einmal abschalten. Ich habe deine Adresse zusätzlich für Werbung gesperrt.
                """,
        ),
        en=Text(
            titles=(
                "Can't unsubscribe from the newsletter",
                "Still getting marketing e-mails after opting out",
            ),
            bodies=(
                """
                I've clicked "Unsubscribe" at the bottom of the newsletter twice but still get
                offers every week. How do I get rid of them?
                """,
            ),
            answers=(
                "There's a separate switch under **Notifications → Marketing** in your account. "
                "The link in the newsletter only covers that one list.",
            ),
            official="""
                Hi {asker},

                unsubscribing takes effect within 48 hours. There are two lists (shop offers and
                plan news); under **Account → Notifications → Marketing** you can turn both off
                at once. I've also blocked your address for marketing.
                """,
        ),
    ),
]

ORDERS = [
    Scenario(
        key="tracking-stuck",
        space="orders",
        tags=("lieferung|delivery",),
        weight=3,
        de=Text(
            titles=(
                "Sendung hängt seit {days} Tagen im Paketzentrum",
                "Sendungsverfolgung zeigt keine Updates mehr",
                "Bestellung {order}: Paket bewegt sich nicht",
                "Lieferung verzögert – Status seit Tagen „in Zustellung“",
                "{carrier}-Sendung seit {days} Tagen ohne Update",
            ),
            bodies=(
                """
                Meine Bestellung {order} wurde vor {days} Tagen verschickt ({carrier}). Seitdem
                steht in der Sendungsverfolgung nur „Sendung im Paketzentrum bearbeitet“. Kann
                man da irgendwas machen?
                """,
                """
                Der Status meiner Lieferung ist seit Tagen unverändert. Bestellt habe ich einen
                {product}. Ab wann gilt ein Paket als verloren?
                """,
            ),
            answers=(
                "Ab 7 Werktagen ohne Scan kann der Shop einen Nachforschungsauftrag beim "
                "Versanddienstleister stellen. Vorher passiert leider meist nichts.",
                "Bei mir kam das Paket nach 6 Tagen ohne Update einfach an. Die Scans werden "
                "manchmal nicht übertragen.",
                "Schau mal direkt auf der Seite von {carrier} mit der Sendungsnummer, die zeigt "
                "oft mehr als unsere Bestellübersicht.",
            ),
            official="""
                Hallo {asker},

                ich habe mir {order} angesehen. Wenn eine Sendung länger als 5 Werktage keinen
                neuen Scan hat, starten wir eine Nachforschung bei {carrier} – das habe ich für
                dich gerade getan. Taucht das Paket innerhalb von 3 Werktagen nicht auf,
                schicken wir dir kostenlos Ersatz. Du bekommst von uns eine E-Mail mit dem
                Ergebnis.
                """,
        ),
        en=Text(
            titles=(
                "Parcel stuck at the depot for {days} days",
                "Tracking hasn't updated in days",
                "Order {order}: parcel not moving",
                'Delivery delayed – status "out for delivery" for days',
                "{carrier} parcel with no update for {days} days",
            ),
            bodies=(
                """
                My order {order} was shipped {days} days ago ({carrier}). Since then tracking
                only says "Processed at parcel centre". Is there anything I can do?
                """,
                """
                The status of my delivery hasn't changed for days. I ordered a {product}. When
                does a parcel count as lost?
                """,
            ),
            answers=(
                "After 7 working days without a scan the shop can open a trace with the "
                "carrier. Before that, sadly nothing much happens.",
                "Mine just turned up after 6 days without any update. Scans sometimes don't get "
                "transmitted.",
                "Check the {carrier} website directly with the tracking number, it often shows "
                "more than our order page.",
            ),
            official="""
                Hi {asker},

                I've had a look at {order}. If a parcel has no new scan for more than 5 working
                days, we open a trace with {carrier} – I've just done that for you. If it
                doesn't turn up within 3 working days we'll send a replacement free of charge.
                You'll get an e-mail from us with the outcome.
                """,
        ),
    ),
    Scenario(
        key="change-delivery-address",
        space="orders",
        tags=("lieferung|delivery",),
        de=Text(
            titles=(
                "Lieferadresse nachträglich ändern",
                "Falsche Hausnummer bei der Bestellung angegeben",
            ),
            bodies=(
                """
                Ich habe gerade {order} bestellt und bei der Lieferadresse eine falsche
                Hausnummer eingegeben. Der Status ist noch „in Bearbeitung“. Kann ich das noch
                ändern?
                """,
            ),
            answers=(
                "Solange noch nicht „versendet“ dasteht, geht das unter **Bestellungen → "
                "Bestellung → Lieferadresse ändern**.",
                "Wenn es schon unterwegs ist: bei {carrier} kann man oft eine Umleitung "
                "beantragen.",
            ),
            official="""
                Hallo {asker},

                solange die Bestellung den Status „in Bearbeitung“ hat, kannst du die Adresse
                unter **Bestellungen → {order} → Lieferadresse ändern** selbst korrigieren. Ist
                sie schon versendet, ändere ich das gern für dich – schick mir die richtige
                Adresse bitte per privater Nachricht, nicht hier im Thread.
                """,
        ),
        en=Text(
            titles=(
                "Change delivery address after ordering",
                "Entered the wrong house number on my order",
            ),
            bodies=(
                """
                I just placed order {order} and typed the wrong house number in the delivery
                address. The status is still "Processing". Can I still change it?
                """,
            ),
            answers=(
                'As long as it doesn\'t say "Shipped" you can do it under **Orders → order → '
                "Change delivery address**.",
                "If it's already on its way, {carrier} usually lets you request a redirect.",
            ),
            official="""
                Hi {asker},

                while the order is "Processing" you can fix the address yourself under
                **Orders → {order} → Change delivery address**. If it has already shipped I'm
                happy to change it for you – please send the correct address by private
                message, not in this thread.
                """,
        ),
    ),
    Scenario(
        key="delivered-not-received",
        space="orders",
        tags=("lieferung|delivery",),
        weight=2,
        de=Text(
            titles=(
                "Paket als zugestellt markiert, aber nicht angekommen",
                "„Zugestellt“ laut {carrier} – ich habe aber nichts bekommen",
                "Bestellung {order} angeblich zugestellt, Paket fehlt",
                "Sendung zugestellt? Bei mir ist nichts angekommen",
            ),
            bodies=(
                """
                Laut Sendungsverfolgung wurde mein Paket ({order}) gestern zugestellt. Ich war
                zu Hause, es hat niemand geklingelt. Bei den Nachbarn ist es auch nicht.
                """,
            ),
            answers=(
                "Schau mal nach einer Abstellgenehmigung in deinem {carrier}-Konto – manchmal "
                "wird das Paket an einen „Wunschort“ gelegt, den man vergessen hat.",
                "Bei mir lag es im Paketshop um die Ecke, die Benachrichtigungskarte kam erst "
                "einen Tag später.",
            ),
            official="""
                Hallo {asker},

                das ist ärgerlich! Bitte prüfe noch Briefkasten, Nachbarn und einen eventuellen
                Ablageort. Ist das Paket bis morgen nicht aufgetaucht, melde dich per privater
                Nachricht: Wir stellen einen Nachforschungsauftrag bei {carrier} und schicken dir
                Ersatz, sobald die Zustellung nicht nachgewiesen werden kann.
                """,
        ),
        en=Text(
            titles=(
                "Parcel marked delivered but never arrived",
                '{carrier} says "Delivered" – but I got nothing',
                "Order {order} shows delivered, parcel missing",
                "Tracking says delivered, nothing here",
            ),
            bodies=(
                """
                According to tracking my parcel ({order}) was delivered yesterday. I was home,
                nobody rang. It's not with the neighbours either.
                """,
            ),
            answers=(
                "Check for a safe-place permission in your {carrier} account – sometimes they "
                'leave it at a "preferred location" you forgot about.',
                "Mine was at the parcel shop round the corner, the card only came a day later.",
            ),
            official="""
                Hi {asker},

                that's annoying! Please check the letterbox, neighbours and any safe place. If
                the parcel hasn't turned up by tomorrow, send me a private message: we'll open
                a trace with {carrier} and send a replacement if delivery can't be proven.
                """,
        ),
    ),
    Scenario(
        key="return-label",
        space="orders",
        tags=("retoure|return",),
        weight=2,
        de=Text(
            titles=(
                "Retourenschein drucken – wo finde ich ihn?",
                "Rücksendung ohne Drucker möglich?",
                "Retoure für {product} anmelden",
                "Rücksendung: QR-Code statt Etikett?",
            ),
            bodies=(
                """
                Ich möchte den {product} zurückschicken. In der Bestellübersicht finde ich aber
                keinen Retourenschein. Und einen Drucker habe ich auch nicht.
                """,
            ),
            answers=(
                "**Bestellungen → Bestellung → Artikel zurücksenden**. Da kannst du statt "
                "Etikett auch einen QR-Code wählen, den scannt der Paketshop – kein Drucker "
                "nötig.",
                "Achtung: Der Retourenschein erscheint erst, wenn die Lieferung als zugestellt "
                "markiert ist.",
            ),
            official="""
                Hallo {asker},

                so geht die Rücksendung:

                1. **Bestellungen → Bestellung auswählen → Artikel zurücksenden**
                2. Grund angeben und **QR-Code** oder **Etikett zum Drucken** wählen
                3. Paket im Paketshop abgeben – der QR-Code wird dort gescannt

                Die Rücksendung ist für dich kostenlos. Die Erstattung startet, sobald das Paket
                bei uns geprüft ist (meist 3–5 Werktage).
                """,
        ),
        en=Text(
            titles=(
                "Where do I get a return label?",
                "Return without a printer?",
                "Returning my {product}",
                "Return with a QR code instead of a label?",
            ),
            bodies=(
                """
                I want to send the {product} back, but I can't find a return label in my
                orders. I don't have a printer either.
                """,
            ),
            answers=(
                "**Orders → order → Return items**. You can pick a QR code instead of a label; "
                "the parcel shop scans it – no printer needed.",
                "Note: the return option only appears once the delivery is marked as delivered.",
            ),
            official="""
                Hi {asker},

                here's how returns work:

                1. **Orders → select the order → Return items**
                2. Give a reason and choose **QR code** or **printable label**
                3. Drop it at a parcel shop – they scan the QR code

                Returns are free for you. The refund starts once we've checked the parcel
                (usually 3–5 working days).
                """,
        ),
    ),
    Scenario(
        key="refund-after-return",
        space="orders",
        tags=("retoure|return", "zahlung|payment"),
        de=Text(
            titles=(
                "Retoure angekommen, aber noch keine Erstattung",
                "Rücksendung seit {days} Tagen bei euch – wo bleibt mein Geld?",
            ),
            bodies=(
                """
                Laut {carrier} ist meine Rücksendung seit {days} Tagen bei euch angekommen. Eine
                Erstattung habe ich noch nicht gesehen, im Konto steht „Retoure unterwegs“.
                """,
            ),
            answers=(
                "Die Prüfung im Lager dauert bei mir immer so 5 Werktage, dann geht es schnell.",
                "Status „unterwegs“ heißt, sie haben sie noch nicht eingebucht. Etwas Geduld.",
            ),
            official="""
                Hallo {asker},

                nach der Ankunft prüfen wir die Rücksendung innerhalb von 5 Werktagen, dann wird
                die Erstattung ausgelöst. Ich habe nachgesehen: deine Retoure ist inzwischen
                eingebucht und die Erstattung über {amount} ist veranlasst.
                """,
        ),
        en=Text(
            titles=(
                "Return received but no refund yet",
                "My return reached you {days} days ago – where's my money?",
            ),
            bodies=(
                """
                According to {carrier} my return arrived with you {days} days ago. I haven't
                seen a refund yet; my account still says "Return in transit".
                """,
            ),
            answers=(
                "The warehouse check always takes about 5 working days for me, then it's quick.",
                '"In transit" means they haven\'t booked it in yet. A bit of patience.',
            ),
            official="""
                Hi {asker},

                after arrival we check returns within 5 working days and then trigger the
                refund. I've checked: your return is now booked in and the refund of {amount}
                is on its way.
                """,
        ),
    ),
    Scenario(
        key="partial-delivery",
        space="orders",
        tags=("lieferung|delivery",),
        de=Text(
            titles=(
                "Teillieferung – wo ist der Rest meiner Bestellung?",
                "Nur ein Artikel von zwei geliefert",
            ),
            bodies=(
                """
                Ich habe einen {product} und Zubehör bestellt ({order}). Heute kam nur das
                Zubehör. In der Bestellung steht „vollständig versendet“.
                """,
            ),
            answers=(
                "Oft kommen die Artikel aus unterschiedlichen Lagern, in der Bestellung gibt es "
                "dann zwei Sendungsnummern. Schau mal unter „Sendungen“.",
            ),
            official="""
                Hallo {asker},

                der {product} wurde aus einem anderen Lager in einem eigenen Paket verschickt;
                unter **Bestellungen → {order} → Sendungen** findest du die zweite
                Sendungsnummer. Es sollte in 1–2 Tagen ankommen.
                """,
        ),
        en=Text(
            titles=(
                "Partial delivery – where's the rest of my order?",
                "Only one of two items arrived",
            ),
            bodies=(
                """
                I ordered a {product} and an accessory ({order}). Only the accessory came today.
                The order says "Fully shipped".
                """,
            ),
            answers=(
                "Items often come from different warehouses, then the order has two tracking "
                'numbers. Look under "Shipments".',
            ),
            official="""
                Hi {asker},

                the {product} was sent from a different warehouse in a separate parcel; you'll
                find the second tracking number under **Orders → {order} → Shipments**. It
                should arrive within 1–2 days.
                """,
        ),
    ),
    Scenario(
        key="cancel-order",
        space="orders",
        tags=("lieferung|delivery", "retoure|return"),
        de=Text(
            titles=(
                "Bestellung stornieren, bevor sie verschickt wird",
                "Versehentlich doppelt bestellt – stornieren?",
            ),
            bodies=(
                """
                Ich habe den {product} aus Versehen zweimal bestellt. Wie kann ich eine der
                Bestellungen stornieren?
                """,
            ),
            answers=(
                "Unter **Bestellungen** gibt es „Stornieren“, solange der Status „in "
                "Bearbeitung“ ist. Danach nur noch Retoure.",
            ),
            official="""
                Hallo {asker},

                solange die Bestellung „in Bearbeitung“ ist, kannst du sie unter
                **Bestellungen → Stornieren** selbst stornieren; das Geld wird sofort erstattet.
                Ist sie schon versendet, nimm die Annahme nicht an oder nutze die kostenlose
                Retoure.
                """,
        ),
        en=Text(
            titles=(
                "Cancel an order before it ships",
                "Accidentally ordered twice – can I cancel one?",
            ),
            bodies=(
                """
                I ordered the {product} twice by mistake. How do I cancel one of the orders?
                """,
            ),
            answers=(
                'Under **Orders** there\'s "Cancel" as long as it\'s "Processing". After that '
                "only a return works.",
            ),
            official="""
                Hi {asker},

                while the order is "Processing" you can cancel it yourself under **Orders →
                Cancel**; the money is refunded straight away. If it has already shipped,
                refuse the delivery or use the free return.
                """,
        ),
    ),
    Scenario(
        key="damaged-item",
        space="orders",
        tags=("lieferung|delivery", "retoure|return"),
        de=Text(
            titles=(
                "Ware beschädigt angekommen",
                "{product} mit Kratzern geliefert – Umtausch?",
            ),
            bodies=(
                """
                Der {product} ist heute angekommen, der Karton war eingedrückt und das Gerät hat
                einen Kratzer im Gehäuse. Wie läuft ein Umtausch?
                """,
            ),
            answers=(
                "Mach Fotos vom Karton und vom Gerät, bevor du alles wegwirfst. Dann über "
                "„Artikel zurücksenden“, Grund „beschädigt“.",
                "Bei mir kam das Ersatzgerät schon, bevor die Retoure überhaupt angekommen war.",
            ),
            official="""
                Hallo {asker},

                das tut mir leid! Bitte wähle unter **Bestellungen → Artikel zurücksenden** den
                Grund **„Beschädigt angekommen“** und lade dort ein, zwei Fotos hoch. Wir
                schicken das Ersatzgerät sofort los, ohne auf die Rücksendung zu warten.
                """,
        ),
        en=Text(
            titles=(
                "Item arrived damaged",
                "{product} delivered with scratches – exchange?",
            ),
            bodies=(
                """
                The {product} arrived today, the box was crushed and the device has a scratch
                on the case. How does an exchange work?
                """,
            ),
            answers=(
                "Take photos of the box and the device before you throw anything away. Then "
                '"Return items" with reason "damaged".',
                "My replacement arrived before the return had even reached them.",
            ),
            official="""
                Hi {asker},

                sorry about that! Under **Orders → Return items** choose the reason **"Arrived
                damaged"** and upload a photo or two. We'll send the replacement right away
                without waiting for the return.
                """,
        ),
    ),
    Scenario(
        key="parcel-locker",
        space="orders",
        tags=("lieferung|delivery",),
        de=Text(
            titles=(
                "Lieferung an Packstation möglich?",
                "Bestellung an Paketshop oder Packstation schicken",
            ),
            bodies=(
                """
                Ich bin tagsüber nie zu Hause. Kann ich meine Bestellung an eine Packstation
                liefern lassen? Im Checkout finde ich die Option nicht.
                """,
            ),
            answers=(
                "Geht, aber nur wenn {carrier} versendet. Die Option erscheint erst, wenn du "
                "„Lieferadresse ändern → Packstation“ wählst.",
                "Bei Routern und Handys geht es nicht, die müssen wegen der Identprüfung "
                "persönlich übergeben werden.",
            ),
            official="""
                Hallo {asker},

                ja, für die meisten Artikel: Im Checkout **Lieferadresse → Packstation /
                Paketshop** wählen. Ausgenommen sind SIM-Karten, Handys und Router mit Vertrag –
                die übergeben wir wegen der Identitätsprüfung persönlich.
                """,
        ),
        en=Text(
            titles=(
                "Can I ship to a parcel locker?",
                "Send my order to a parcel shop or locker",
            ),
            bodies=(
                """
                I'm never home during the day. Can I have my order delivered to a parcel locker?
                I can't find the option at checkout.
                """,
            ),
            answers=(
                "Yes, but only when {carrier} ships it. The option appears once you choose "
                '"Change delivery address → Parcel locker".',
                "Not for routers and phones though, those need an ID check on handover.",
            ),
            official="""
                Hi {asker},

                yes, for most items: at checkout choose **Delivery address → Parcel locker /
                parcel shop**. SIM cards, phones and routers with a contract are excluded – we
                hand those over in person because of the ID check.
                """,
        ),
    ),
    Scenario(
        key="router-replacement",
        space="orders",
        tags=("router", "retoure|return"),
        de=Text(
            titles=(
                "Router defekt – wie bekomme ich ein Austauschgerät?",
                "{router} startet nicht mehr, Austausch?",
            ),
            bodies=(
                """
                Meine {router} (Mietgerät) geht nach einem Gewitter nicht mehr an. Keine LED,
                nichts. Netzteil ist es nicht, habe ein anderes getestet. Wie läuft der
                Austausch?
                """,
            ),
            answers=(
                "Bei Mietgeräten ist der Austausch kostenlos. Im Konto unter **Geräte → Defekt "
                "melden**, das neue Gerät kam bei mir nach zwei Tagen.",
            ),
            official="""
                Hallo {asker},

                Mietgeräte tauschen wir kostenlos aus:

                1. **Mein Konto → Geräte → Defekt melden**
                2. Du bekommst das Ersatzgerät in 1–2 Werktagen.
                3. Das alte Gerät schickst du mit dem beiliegenden Etikett innerhalb von 14
                   Tagen zurück.

                Die Einstellungen kannst du vorher nicht sichern, wenn die Box nicht startet –
                die Internet-Zugangsdaten richtet das neue Gerät aber automatisch ein.
                """,
        ),
        en=Text(
            titles=(
                "Router faulty – how do I get a replacement?",
                "{router} won't turn on any more, replacement?",
            ),
            bodies=(
                """
                My {router} (rented) won't turn on after a thunderstorm. No lights, nothing.
                It's not the power supply, I tried another one. How does a replacement work?
                """,
            ),
            answers=(
                "Replacement is free for rented devices. **Devices → Report fault** in your "
                "account, mine arrived two days later.",
            ),
            official="""
                Hi {asker},

                we replace rented devices free of charge:

                1. **My account → Devices → Report fault**
                2. You'll get the replacement in 1–2 working days.
                3. Send the old one back with the enclosed label within 14 days.

                You can't back up settings if the box won't start, but the new one sets up the
                internet access automatically.
                """,
        ),
    ),
]

PRODUCTS = [
    Scenario(
        key="plan-change",
        space="products",
        tags=("tarif|plan", "vertrag|contract"),
        weight=2,
        de=Text(
            titles=(
                "Tarifwechsel von {plan} in einen größeren Tarif",
                "Kann ich meinen Tarif monatlich wechseln?",
                "Upgrade auf mehr Datenvolumen während der Laufzeit",
                "Größerer Tarif – verlängert sich dann die Laufzeit?",
            ),
            bodies=(
                """
                Ich habe {plan} und brauche inzwischen deutlich mehr Datenvolumen. Kann ich
                während der Vertragslaufzeit in einen größeren Tarif wechseln? Verlängert sich
                dann die Laufzeit?
                """,
            ),
            answers=(
                "Upgrade geht jederzeit im Konto unter **Tarif → Tarif wechseln**, zum nächsten "
                "Monatsersten. Die Laufzeit verlängert sich bei einem Upgrade nicht.",
                "Downgrade geht dagegen erst zum Ende der Laufzeit, nur als Hinweis.",
            ),
            official="""
                Hallo {asker},

                ein Wechsel in einen größeren Tarif geht jederzeit:

                | Wechsel | wann | Laufzeit |
                |---|---|---|
                | Upgrade | zum nächsten Monatsersten | bleibt gleich |
                | Downgrade | zum Laufzeitende | bleibt gleich |

                Unter **Mein Konto → Tarif → Tarif wechseln** siehst du alle Tarife, die für
                dich in Frage kommen, mit Preis.
                """,
        ),
        en=Text(
            titles=(
                "Switching from {plan} to a bigger plan",
                "Can I change my plan every month?",
                "Upgrade to more data during the contract",
                "Bigger plan – does my contract term restart?",
            ),
            bodies=(
                """
                I'm on {plan} and need a lot more data these days. Can I switch to a bigger plan
                during the contract? Does the contract term get extended?
                """,
            ),
            answers=(
                "Upgrades work any time in your account under **Plan → Change plan**, from the "
                "first of the next month. The term isn't extended for an upgrade.",
                "Downgrades only at the end of the term though, just so you know.",
            ),
            official="""
                Hi {asker},

                moving to a bigger plan is possible any time:

                | Change | when | term |
                |---|---|---|
                | Upgrade | first of next month | unchanged |
                | Downgrade | end of the term | unchanged |

                Under **My account → Plan → Change plan** you'll see all plans available to you
                with prices.
                """,
        ),
    ),
    Scenario(
        key="data-pass",
        space="products",
        tags=("tarif|plan",),
        de=Text(
            titles=(
                "Datenvolumen aufgebraucht – Datenpass nachbuchen",
                "Gedrosselt: wie buche ich mehr Datenvolumen?",
            ),
            bodies=(
                """
                Mein Datenvolumen ({plan}) ist aufgebraucht, jetzt surfe ich nur noch mit 64
                kbit/s. Wie buche ich schnell etwas nach? Die App lädt kaum noch.
                """,
            ),
            answers=(
                "Über die Seite, die sich bei Drosselung automatisch öffnet (im mobilen Netz, "
                "nicht im WLAN) geht es ohne Login in 30 Sekunden.",
                "Mit WLAN in der App: **Tarif → Datenpass**. 5 GB kosten bei mir 4,95 €.",
            ),
            official="""
                Hallo {asker},

                am schnellsten geht es über die Drosselungsseite, die sich im Mobilfunknetz
                automatisch öffnet, oder in der App unter **Tarif → Datenpass**. Der Pass ist
                sofort aktiv und gilt bis zum Ende des Abrechnungszeitraums. Wenn dir das öfter
                passiert, lohnt sich eventuell ein Tarifwechsel.
                """,
        ),
        en=Text(
            titles=(
                "Ran out of data – how do I add a data pass?",
                "Throttled: how do I buy more data?",
            ),
            bodies=(
                """
                My data ({plan}) is used up and I'm down to 64 kbit/s. How do I add more quickly?
                The app barely loads.
                """,
            ),
            answers=(
                "The page that opens automatically when you're throttled (on mobile data, not "
                "Wi-Fi) works without login in 30 seconds.",
                "On Wi-Fi in the app: **Plan → Data pass**. 5 GB is €4.95 for me.",
            ),
            official="""
                Hi {asker},

                quickest is the throttling page that opens automatically on mobile data, or in
                the app under **Plan → Data pass**. The pass is active immediately and lasts
                until the end of the billing period. If this happens often, a plan change may be
                worth it.
                """,
        ),
    ),
    Scenario(
        key="esim-transfer",
        space="products",
        tags=("esim",),
        weight=2,
        de=Text(
            titles=(
                "eSIM auf neues {phone} übertragen",
                "Handywechsel: eSIM mitnehmen – wie?",
                "eSIM-QR-Code erneut anfordern",
                "eSIM umziehen – kostet das etwas?",
            ),
            bodies=(
                """
                Ich bekomme morgen ein neues {phone} und habe aktuell eine eSIM. Wie übertrage
                ich die? Brauche ich einen neuen QR-Code und kostet das etwas?
                """,
            ),
            answers=(
                "Im Konto **SIM → eSIM auf neues Gerät** anfordern, der QR-Code kommt sofort. "
                "Die alte eSIM wird beim Scannen automatisch deaktiviert.",
                "Erst auf dem neuen Gerät scannen, wenn du es in der Hand hast – der Code ist "
                "nur einmal gültig.",
            ),
            official="""
                Hallo {asker},

                der Wechsel ist kostenlos:

                1. **Mein Konto → SIM → eSIM auf neues Gerät**
                2. Den QR-Code mit dem neuen {phone} scannen (nur einmal gültig!)
                3. Die alte eSIM wird dabei automatisch deaktiviert

                Bei einigen Geräten geht es noch schneller mit der Übertragung direkt zwischen
                altem und neuem Handy.
                """,
        ),
        en=Text(
            titles=(
                "Transfer my eSIM to a new {phone}",
                "Changing phones: how do I take my eSIM with me?",
                "Request the eSIM QR code again",
                "Moving an eSIM – is there a fee?",
            ),
            bodies=(
                """
                I'm getting a new {phone} tomorrow and currently have an eSIM. How do I
                transfer it? Do I need a new QR code and does it cost anything?
                """,
            ),
            answers=(
                "Request it under **SIM → eSIM on new device**, the QR code comes instantly. "
                "The old eSIM is deactivated automatically when you scan.",
                "Only scan once you have the new phone in your hand – the code works once.",
            ),
            official="""
                Hi {asker},

                the switch is free:

                1. **My account → SIM → eSIM on new device**
                2. Scan the QR code with the new {phone} (single use!)
                3. The old eSIM is deactivated automatically

                Some phones also support transferring directly between old and new device,
                which is even quicker.
                """,
        ),
    ),
    Scenario(
        key="roaming",
        space="products",
        tags=("roaming", "tarif|plan"),
        weight=2,
        de=Text(
            titles=(
                "Roaming {country} – kostet das extra?",
                "Urlaub {country}: Datenvolumen nutzbar?",
            ),
            bodies=(
                """
                Ich fahre nächste Woche in den Urlaub, {country}. Gilt mein {plan}-Datenvolumen
                dort auch, oder wird es teuer? Ich will keine böse Überraschung auf der
                Rechnung.
                """,
            ),
            answers=(
                "Unbedingt vorher in der Länderliste nachsehen – die Schweiz und UK zählen "
                "nicht überall zur EU-Zone!",
                "Ich buche für solche Länder immer den Reisepass in der App, 1 GB für eine "
                "Woche, und schalte sonst Daten-Roaming aus.",
            ),
            official="""
                Hallo {asker},

                in der EU nutzt du dein Volumen ohne Aufpreis. Für Länder außerhalb der EU
                (z. B. {country}) gilt:

                - ohne Pass kostet jedes MB extra, deshalb senden wir bei Ankunft eine SMS,
                - mit dem **Reisepass** (App → Tarif → Roaming) bekommst du ein festes Paket,
                - eine Kostengrenze von 59 € schützt dich vor hohen Rechnungen.

                Die aktuelle Länderliste findest du unter **Tarif → Roaming**.
                """,
        ),
        en=Text(
            titles=(
                "Roaming {country} – extra charges?",
                "Holiday {country}: can I use my data?",
            ),
            bodies=(
                """
                I'm going on holiday next week, {country}. Does my {plan} data work there or
                will it get expensive? I don't want a nasty surprise on the bill.
                """,
            ),
            answers=(
                "Definitely check the country list first – Switzerland and the UK don't count "
                "as EU zone everywhere!",
                "For those countries I always book the travel pass in the app, 1 GB for a week, "
                "and otherwise turn data roaming off.",
            ),
            official="""
                Hi {asker},

                in the EU your allowance works at no extra cost. Outside the EU (e.g.
                {country}):

                - without a pass every MB is charged, which is why we send a text on arrival,
                - the **travel pass** (app → Plan → Roaming) gives you a fixed bundle,
                - a €59 cost limit protects you from high bills.

                The current country list is under **Plan → Roaming**.
                """,
        ),
    ),
    Scenario(
        key="box-5-vs-pro",
        space="products",
        tags=("router",),
        de=Text(
            titles=(
                "Unterschied zwischen Peerdesk Box 5 und Box 5 Pro?",
                "Lohnt sich die Box 5 Pro für Glasfaser?",
            ),
            bodies=(
                """
                Ich wechsle auf Glasfaser und kann zwischen Box 5 und Box 5 Pro wählen. Was ist
                eigentlich der Unterschied, außer dem Preis?
                """,
            ),
            answers=(
                """
                Kurz zusammengefasst:

                | | Box 5 | Box 5 Pro |
                |---|---|---|
                | WLAN | Wi-Fi 6 | Wi-Fi 6E |
                | LAN-Ports | 4 × 1 Gbit/s | 3 × 1 + 1 × 2,5 Gbit/s |
                | DECT-Telefone | ja | ja |

                Bei Fiber 1000 lohnt sich die Pro, darunter eher nicht.
                """,
                "Ich habe die normale Box 5 mit Fiber 500, läuft absolut problemlos.",
            ),
            official="""
                Hallo {asker},

                die Box 5 Pro hat Wi-Fi 6E (zusätzliches 6-GHz-Band) und einen 2,5-Gbit/s-Port.
                Das lohnt sich vor allem mit Fiber 1000 und vielen WLAN-Geräten. Für Tarife bis
                500 Mbit/s reicht die Box 5 völlig. Ein Wechsel der Box ist später jederzeit
                möglich.
                """,
        ),
        en=Text(
            titles=(
                "Difference between Peerdesk Box 5 and Box 5 Pro?",
                "Is the Box 5 Pro worth it for fibre?",
            ),
            bodies=(
                """
                I'm moving to fibre and can choose between the Box 5 and the Box 5 Pro. What's
                actually the difference, apart from price?
                """,
            ),
            answers=(
                """
                In short:

                | | Box 5 | Box 5 Pro |
                |---|---|---|
                | Wi-Fi | Wi-Fi 6 | Wi-Fi 6E |
                | LAN ports | 4 × 1 Gbit/s | 3 × 1 + 1 × 2.5 Gbit/s |
                | DECT phones | yes | yes |

                With Fiber 1000 the Pro is worth it, below that not really.
                """,
                "I have the normal Box 5 with Fiber 500, works perfectly.",
            ),
            official="""
                Hi {asker},

                the Box 5 Pro has Wi-Fi 6E (an extra 6 GHz band) and a 2.5 Gbit/s port. That
                mostly pays off with Fiber 1000 and lots of Wi-Fi devices. For plans up to 500
                Mbit/s the Box 5 is plenty. You can swap the box later at any time.
                """,
        ),
    ),
    Scenario(
        key="multisim",
        space="products",
        tags=("tarif|plan", "esim"),
        de=Text(
            titles=(
                "Zweite SIM-Karte (MultiSIM) für das Tablet",
                "MultiSIM: gleiche Nummer auf Smartwatch?",
            ),
            bodies=(
                """
                Ich möchte mein Datenvolumen aus {plan} auch im Tablet nutzen. Gibt es eine
                zweite SIM zum gleichen Vertrag, und was kostet die?
                """,
            ),
            answers=(
                "MultiSIM kostet 4,95 € im Monat, teilt sich das Volumen mit der Haupt-SIM. "
                "Buchbar unter **Tarif → Optionen**.",
            ),
            official="""
                Hallo {asker},

                ja, mit der Option **MultiSIM** (unter **Tarif → Optionen**) bekommst du bis zu
                zwei weitere SIM- oder eSIM-Profile, die sich das Datenvolumen teilen. Für
                Smartwatches gibt es eine eigene eSIM-Variante mit derselben Rufnummer.
                """,
        ),
        en=Text(
            titles=(
                "Second SIM (multi-SIM) for my tablet",
                "Multi-SIM: same number on a smartwatch?",
            ),
            bodies=(
                """
                I'd like to use my {plan} data on my tablet too. Is there a second SIM on the
                same contract, and what does it cost?
                """,
            ),
            answers=(
                "Multi-SIM is €4.95 a month and shares the allowance with the main SIM. Book it "
                "under **Plan → Add-ons**.",
            ),
            official="""
                Hi {asker},

                yes, the **Multi-SIM** add-on (under **Plan → Add-ons**) gives you up to two
                extra SIM or eSIM profiles that share your data. For smartwatches there's a
                dedicated eSIM variant with the same phone number.
                """,
        ),
    ),
    Scenario(
        key="contract-end-date",
        space="products",
        tags=("vertrag|contract", "kündigung|cancellation"),
        de=Text(
            titles=(
                "Wo sehe ich, wann mein Vertrag endet?",
                "Vertragslaufzeit und Kündigungsdatum herausfinden",
            ),
            bodies=(
                """
                Ich finde im Konto nirgends, bis wann mein Vertrag läuft. Ich möchte rechtzeitig
                wissen, ob ich wechseln kann.
                """,
            ),
            answers=(
                "**Mein Konto → Vertrag → Vertragsdetails**, da steht „Mindestlaufzeit bis“ und "
                "„frühestens kündbar zum“.",
            ),
            official="""
                Hallo {asker},

                unter **Mein Konto → Vertrag → Vertragsdetails** findest du das Ende der
                Mindestlaufzeit und das früheste Kündigungsdatum. Nach der Mindestlaufzeit ist
                der Vertrag monatlich kündbar.
                """,
        ),
        en=Text(
            titles=(
                "Where can I see when my contract ends?",
                "Find out my contract term and cancellation date",
            ),
            bodies=(
                """
                I can't find anywhere in my account when my contract runs until. I'd like to
                know in time whether I can switch.
                """,
            ),
            answers=(
                '**My account → Contract → Contract details** shows "Minimum term until" and '
                '"Earliest cancellation date".',
            ),
            official="""
                Hi {asker},

                under **My account → Contract → Contract details** you'll find the end of the
                minimum term and the earliest cancellation date. After the minimum term the
                contract can be cancelled monthly.
                """,
        ),
    ),
]

LEGAL = [
    Scenario(
        key="cancellation-period",
        space="legal",
        tags=("kündigung|cancellation", "vertrag|contract"),
        weight=3,
        de=Text(
            titles=(
                "Kündigungsfrist für meinen Mobilfunkvertrag",
                "Vertrag kündigen – welche Frist gilt?",
                "Kündigung nach Ablauf der Mindestlaufzeit: monatlich?",
                "Wie kündige ich meinen {plan}-Vertrag?",
                "Kündigung online – wo ist der Kündigungsbutton?",
            ),
            bodies=(
                """
                Mein Vertrag ({plan}) läuft seit gut zwei Jahren. Wie lang ist jetzt die
                Kündigungsfrist? Und geht die Kündigung online oder muss ich einen Brief
                schicken?
                """,
                """
                Ich möchte meinen Vertrag kündigen, bin aber unsicher, ob die Mindestlaufzeit
                schon vorbei ist. Kann ich trotzdem jetzt schon kündigen?
                """,
            ),
            answers=(
                "Nach der Mindestlaufzeit ist es gesetzlich ein Monat Frist, jederzeit. Online "
                "über den **Kündigungsbutton** unten auf jeder Seite („Verträge hier kündigen“).",
                "Du kannst auch vor Ende der Mindestlaufzeit kündigen, dann gilt die Kündigung "
                "einfach zum Laufzeitende.",
                "Die Bestätigung kommt per E-Mail, heb die gut auf.",
            ),
            official="""
                Hallo {asker},

                so ist es geregelt:

                | Situation | Frist |
                |---|---|
                | in der Mindestlaufzeit | Kündigung zum Ende der Laufzeit |
                | nach der Mindestlaufzeit | jederzeit mit einem Monat Frist |

                Kündigen kannst du online über **„Verträge hier kündigen“** im Fußbereich jeder
                Seite, ohne Anmeldung. Du bekommst sofort eine Eingangsbestätigung und innerhalb
                weniger Tage die Bestätigung mit Enddatum. Falls du die Rufnummer mitnehmen
                willst, gib das bei der Kündigung an.
                """,
        ),
        en=Text(
            titles=(
                "Notice period for cancelling my mobile contract",
                "Cancelling my contract – which notice period applies?",
                "Cancellation after the minimum term: monthly?",
                "How do I cancel my {plan} contract?",
                "Cancelling online – where's the cancellation button?",
            ),
            bodies=(
                """
                My contract ({plan}) has been running for just over two years. How long is the
                notice period now? And can I cancel online or do I have to send a letter?
                """,
                """
                I want to cancel my contract but I'm not sure whether the minimum term is over.
                Can I cancel now anyway?
                """,
            ),
            answers=(
                "After the minimum term it's one month's notice by law, any time. Online via "
                'the **cancellation button** at the bottom of every page ("Cancel contracts '
                'here").',
                "You can also cancel before the minimum term ends; it then takes effect at the "
                "end of the term.",
                "The confirmation comes by e-mail, keep it safe.",
            ),
            official="""
                Hi {asker},

                here's how it works:

                | Situation | Notice |
                |---|---|
                | within the minimum term | ends at the end of the term |
                | after the minimum term | any time with one month's notice |

                You can cancel online via **"Cancel contracts here"** in the footer of every
                page, no sign-in needed. You get an acknowledgement straight away and the
                confirmation with the end date within a few days. If you want to keep your
                number, say so when cancelling.
                """,
        ),
    ),
    Scenario(
        key="cancellation-confirmation",
        space="legal",
        tags=("kündigung|cancellation",),
        de=Text(
            titles=(
                "Kündigung geschickt, keine Bestätigung erhalten",
                "Kündigungsbestätigung fehlt seit {days} Tagen",
            ),
            bodies=(
                """
                Ich habe vor {days} Tagen online gekündigt und nur die automatische
                Eingangsbestätigung bekommen. Eine richtige Bestätigung mit Enddatum fehlt. Ist
                die Kündigung überhaupt angekommen?
                """,
            ),
            answers=(
                "Die Eingangsbestätigung ist schon der Nachweis, heb sie auf. Die richtige "
                "Bestätigung kam bei mir nach einer Woche.",
            ),
            official="""
                Hallo {asker},

                die Eingangsbestätigung ist dein Nachweis, dass die Kündigung rechtzeitig da war.
                Die Bestätigung mit Enddatum kommt in der Regel innerhalb von 5 Werktagen. Ich
                habe nachgesehen: deine Kündigung ist erfasst, die Bestätigung ist heute
                rausgegangen.
                """,
        ),
        en=Text(
            titles=(
                "Sent my cancellation, no confirmation yet",
                "Cancellation confirmation missing for {days} days",
            ),
            bodies=(
                """
                I cancelled online {days} days ago and only got the automatic acknowledgement.
                A proper confirmation with the end date hasn't arrived. Did my cancellation even
                get through?
                """,
            ),
            answers=(
                "The acknowledgement already is your proof, keep it. The proper confirmation "
                "took a week for me.",
            ),
            official="""
                Hi {asker},

                the acknowledgement is your proof that the cancellation arrived in time. The
                confirmation with the end date usually follows within 5 working days. I've
                checked: your cancellation is recorded and the confirmation went out today.
                """,
        ),
    ),
    Scenario(
        key="gdpr-export",
        space="legal",
        tags=("datenschutz|privacy", "konto|account"),
        weight=2,
        de=Text(
            titles=(
                "Datenauskunft nach DSGVO – wie bekomme ich meine Daten?",
                "Alle gespeicherten Daten herunterladen (Art. 15 DSGVO)",
                "DSGVO-Datenexport: wie lange dauert das?",
                "Welche Daten speichert ihr über mich?",
            ),
            bodies=(
                """
                Ich möchte wissen, welche Daten ihr über mich gespeichert habt, und sie am
                liebsten herunterladen. Wie stelle ich so eine Anfrage nach Art. 15 DSGVO?
                """,
            ),
            answers=(
                "Im Konto unter **Datenschutz → Meine Daten exportieren**. Du bekommst nach ein "
                "paar Stunden eine ZIP-Datei mit JSON und PDFs.",
                "Der Export enthält nicht die Gesprächsnotizen der Hotline, die musst du extra "
                "anfragen.",
            ),
            official="""
                Hallo {asker},

                das geht direkt im Konto:

                1. **Mein Konto → Datenschutz → Meine Daten exportieren**
                2. Wir bereiten ein ZIP-Archiv vor (Vertragsdaten, Rechnungen, Bestellungen,
                   Einwilligungen) – meist innerhalb von 24 Stunden.
                3. Du bekommst eine E-Mail mit einem Download-Link, der 7 Tage gültig ist.

                Für eine vollständige Auskunft inklusive Kontakthistorie erreichst du unseren
                Datenschutzbeauftragten über das Formular auf der Datenschutzseite; die
                gesetzliche Frist ist ein Monat.
                """,
        ),
        en=Text(
            titles=(
                "GDPR data export – how do I request my data?",
                "Download all the data you store about me (GDPR Art. 15)",
                "GDPR data export: how long does it take?",
                "What personal data do you store about me?",
            ),
            bodies=(
                """
                I'd like to know what data you store about me and ideally download it. How do I
                make a request under Art. 15 GDPR?
                """,
            ),
            answers=(
                "In your account under **Privacy → Export my data**. You get a ZIP with JSON "
                "and PDFs after a few hours.",
                "The export doesn't include the hotline call notes, you have to request those "
                "separately.",
            ),
            official="""
                Hi {asker},

                you can do it right in your account:

                1. **My account → Privacy → Export my data**
                2. We prepare a ZIP archive (contract data, invoices, orders, consents) –
                   usually within 24 hours.
                3. You'll get an e-mail with a download link valid for 7 days.

                For a full disclosure including contact history, reach our data protection
                officer through the form on the privacy page; the legal deadline is one month.
                """,
        ),
    ),
    Scenario(
        key="withdrawal-14-days",
        space="legal",
        tags=("retoure|return", "vertrag|contract"),
        de=Text(
            titles=(
                "Widerruf innerhalb von 14 Tagen – wie genau?",
                "Vertrag online abgeschlossen, jetzt widerrufen",
            ),
            bodies=(
                """
                Ich habe vor {days} Tagen online einen Vertrag für {plan} abgeschlossen und es
                mir anders überlegt. Wie widerrufe ich, und muss ich das Handy zurückschicken?
                """,
            ),
            answers=(
                "Online-Verträge kannst du 14 Tage ab Erhalt der Ware widerrufen, ohne Grund. "
                "Das Formular ist in der Vertragsbestätigung verlinkt.",
                "Ja, Gerät muss zurück, am besten originalverpackt.",
            ),
            official="""
                Hallo {asker},

                du kannst innerhalb von 14 Tagen nach Erhalt der Ware ohne Angabe von Gründen
                widerrufen:

                - über **Mein Konto → Vertrag → Widerrufen** oder das Formular aus der
                  Vertragsbestätigung,
                - mitgelieferte Geräte schickst du mit dem Retourenetikett zurück,
                - bereits gezahlte Beträge erstatten wir innerhalb von 14 Tagen.
                """,
        ),
        en=Text(
            titles=(
                "14-day right of withdrawal – how exactly?",
                "Signed up online, now I want to withdraw",
            ),
            bodies=(
                """
                {days} days ago I signed up online for {plan} and have changed my mind. How do I
                withdraw, and do I have to send the phone back?
                """,
            ),
            answers=(
                "Online contracts can be withdrawn within 14 days of receiving the goods, no "
                "reason needed. The form is linked in the contract confirmation.",
                "Yes, the device has to go back, ideally in its original packaging.",
            ),
            official="""
                Hi {asker},

                you can withdraw within 14 days of receiving the goods without giving a reason:

                - via **My account → Contract → Withdraw** or the form in your contract
                  confirmation,
                - send any devices back with the return label,
                - we refund anything already paid within 14 days.
                """,
        ),
    ),
    Scenario(
        key="price-increase",
        space="legal",
        tags=("kündigung|cancellation", "tarif|plan"),
        de=Text(
            titles=(
                "Preiserhöhung angekündigt – Sonderkündigungsrecht?",
                "Brief wegen Preisanpassung: kann ich jetzt kündigen?",
            ),
            bodies=(
                """
                Ich habe heute eine E-Mail bekommen, dass {plan} ab übernächstem Monat teurer
                wird. Habe ich dadurch ein Sonderkündigungsrecht, auch wenn die Mindestlaufzeit
                noch läuft?
                """,
            ),
            answers=(
                "Ja, bei einer Preiserhöhung hast du ein Sonderkündigungsrecht. Die Frist steht "
                "in der Mail, meist bis zum Inkrafttreten.",
                "Lohnt sich vorher zu fragen, ob es einen Bestandskundenrabatt gibt – bei mir "
                "gab es einen.",
            ),
            official="""
                Hallo {asker},

                ja: Bei einer Preiserhöhung kannst du innerhalb der in der Mitteilung genannten
                Frist außerordentlich kündigen, auch während der Mindestlaufzeit. Der Vertrag
                endet dann, bevor der neue Preis gilt. Das geht online über „Verträge hier
                kündigen“, Grund „Sonderkündigung Preisanpassung“.
                """,
        ),
        en=Text(
            titles=(
                "Price increase announced – can I cancel early?",
                "Letter about a price change: can I cancel now?",
            ),
            bodies=(
                """
                I got an e-mail today saying {plan} will cost more from the month after next. Do
                I have a special right to cancel, even though my minimum term is still running?
                """,
            ),
            answers=(
                "Yes, a price increase gives you a special right to cancel. The deadline is in "
                "the e-mail, usually until the change takes effect.",
                "Worth asking about a loyalty discount first – I got one.",
            ),
            official="""
                Hi {asker},

                yes: with a price increase you may cancel within the period stated in the
                notice, even during the minimum term. The contract then ends before the new
                price applies. Use "Cancel contracts here" online with the reason "Special
                cancellation – price change".
                """,
        ),
    ),
    Scenario(
        key="moving-house",
        space="legal",
        tags=("vertrag|contract", "glasfaser|fiber"),
        de=Text(
            titles=(
                "Umzug: Vertrag mitnehmen oder kündigen?",
                "Glasfaser am neuen Wohnort nicht verfügbar – was nun?",
            ),
            bodies=(
                """
                Ich ziehe in {days} Wochen um. Kann ich meinen Internetvertrag ({fiber})
                mitnehmen? Und was passiert, wenn es am neuen Ort kein Glasfaser gibt?
                """,
            ),
            answers=(
                "Umzug im Konto anmelden, die prüfen die neue Adresse. Bei mir gab es nur einen "
                "langsameren Tarif, den habe ich genommen.",
                "Wenn der Tarif am neuen Ort gar nicht geht, hast du ein Sonderkündigungsrecht "
                "mit drei Monaten Frist.",
            ),
            official="""
                Hallo {asker},

                melde den Umzug bitte mindestens 4 Wochen vorher unter **Mein Konto → Umzug**
                an. Wir prüfen die Verfügbarkeit an der neuen Adresse:

                - Tarif verfügbar: wir schalten zum Umzugstermin um, der Vertrag läuft weiter.
                - Nur ein anderer Tarif verfügbar: du kannst wechseln oder kündigen.
                - Gar kein Anschluss möglich: Sonderkündigung mit einem Monat Frist.
                """,
        ),
        en=Text(
            titles=(
                "Moving house – can I take my contract with me?",
                "No fibre at my new address – what now?",
            ),
            bodies=(
                """
                I'm moving in {days} weeks. Can I take my internet contract ({fiber}) with me?
                And what happens if there's no fibre at the new place?
                """,
            ),
            answers=(
                "Register the move in your account and they check the new address. I only got a "
                "slower plan there, which I took.",
                "If the plan isn't available at all you have a special right to cancel.",
            ),
            official="""
                Hi {asker},

                please register the move at least 4 weeks in advance under **My account →
                Moving house**. We check availability at the new address:

                - plan available: we switch over on the moving date, the contract continues.
                - only a different plan available: you can switch or cancel.
                - no connection possible: special cancellation with one month's notice.
                """,
        ),
    ),
    Scenario(
        key="contract-transfer",
        space="legal",
        tags=("vertrag|contract",),
        de=Text(
            titles=(
                "Vertrag auf eine andere Person übertragen",
                "Vertragsübernahme durch Familienmitglied",
            ),
            bodies=(
                """
                Meine Tochter soll meinen zweiten Handyvertrag übernehmen, sie ist inzwischen
                volljährig. Geht eine Vertragsübernahme, ohne dass die Nummer verloren geht?
                """,
            ),
            answers=(
                "Geht mit dem Formular „Vertragsübernahme“, beide müssen unterschreiben. Die "
                "Nummer bleibt. Hat bei uns zwei Wochen gedauert.",
            ),
            official="""
                Hallo {asker},

                ja, mit einer Vertragsübernahme bleiben Rufnummer und Laufzeit erhalten. Das
                Formular findest du unter **Mein Konto → Vertrag → Inhaberwechsel**. Beide
                Personen bestätigen online, die neue Inhaberin mit einer Identitätsprüfung. Die
                Umstellung erfolgt zum nächsten Monatsersten.
                """,
        ),
        en=Text(
            titles=(
                "Transfer my contract to another person",
                "Family member taking over my contract",
            ),
            bodies=(
                """
                My daughter is taking over my second mobile contract now that she's an adult.
                Can the contract be transferred without losing the number?
                """,
            ),
            answers=(
                'Works with the "contract transfer" form, both of you confirm. The number '
                "stays. Took two weeks for us.",
            ),
            official="""
                Hi {asker},

                yes, with a contract transfer the number and term are kept. You'll find the form
                under **My account → Contract → Change of holder**. Both people confirm online,
                the new holder with an identity check. The change happens on the first of the
                next month.
                """,
        ),
    ),
]

# Discussions: no solution to pick, just members comparing notes.
DISCUSSIONS = [
    Scenario(
        key="wifi-settings-discussion",
        space="technical",
        tags=("wlan|wifi", "router"),
        kind="discussion",
        de=Text(
            titles=("Welche WLAN-Einstellungen nutzt ihr an der {router}?",),
            bodies=(
                """
                Mich würde mal interessieren, wie ihr eure Box eingestellt habt. Ich habe
                aktuell beide Bänder unter einem Namen, Kanal automatisch, und einen Repeater im
                Obergeschoss. Läuft gut, aber vielleicht geht noch mehr?
                """,
            ),
            answers=(
                "Bei mir: getrennte Namen für 2,4 und 5 GHz, weil die Smart-Home-Sachen nur "
                "2,4 können und sonst ständig springen.",
                "Gastnetz für Besuch und die ganzen IoT-Geräte, Hauptnetz nur für Handy und "
                "Laptop. Seitdem deutlich stabiler.",
                "Ich habe die Sendeleistung auf 75 % reduziert, weil wir im Reihenhaus sitzen. "
                "Weniger Störungen mit den Nachbarn.",
                "Mesh mit zwei Repeatern per LAN verbunden – das ist der Game-Changer.",
            ),
        ),
        en=Text(
            titles=("What Wi-Fi settings do you use on your {router}?",),
            bodies=(
                """
                Curious how everyone has their box set up. I currently have both bands under one
                name, automatic channel, and a repeater upstairs. Works fine, but maybe there's
                more to get out of it?
                """,
            ),
            answers=(
                "Separate names for 2.4 and 5 GHz here, because the smart home stuff only does "
                "2.4 and kept hopping otherwise.",
                "Guest network for visitors and all the IoT gadgets, main network only for "
                "phones and laptops. Much more stable since.",
                "I turned transmit power down to 75% – terraced house, fewer clashes with the "
                "neighbours.",
                "Mesh with two repeaters connected by LAN – that's the game changer.",
            ),
        ),
    ),
    Scenario(
        key="new-app-discussion",
        space="products",
        tags=("app",),
        kind="discussion",
        de=Text(
            titles=("Eure Meinung zur neuen App-Version {app_version}?",),
            bodies=(
                """
                Die neue App ist seit ein paar Tagen draußen. Mir gefällt die Verbrauchsanzeige
                auf der Startseite, aber die Rechnungen sind jetzt eine Ebene tiefer. Wie seht
                ihr das?
                """,
            ),
            answers=(
                "Finde sie deutlich schneller als vorher. Nur der Dunkelmodus fehlt mir immer "
                "noch.",
                "Die Rechnungen eine Ebene tiefer nerven mich auch. Sonst top.",
                "Endlich kann man den Tarif direkt in der App wechseln!",
            ),
        ),
        en=Text(
            titles=("What do you think of the new app version {app_version}?",),
            bodies=(
                """
                The new app has been out for a few days. I like the usage overview on the home
                screen, but invoices are now one level deeper. What's your take?
                """,
            ),
            answers=(
                "Much faster than before for me. Still missing a dark mode though.",
                "Invoices being buried one level deeper annoys me too. Otherwise great.",
                "Finally you can change plans right in the app!",
            ),
        ),
    ),
    Scenario(
        key="travel-data-discussion",
        space="products",
        tags=("roaming",),
        kind="discussion",
        de=Text(
            titles=("Eure besten Tipps zum Datensparen im Urlaub",),
            bodies=(
                """
                Bald geht es wieder los. Wie spart ihr unterwegs Datenvolumen? Ich lade Karten
                immer offline vorher, aber vielleicht habt ihr noch mehr Tricks.
                """,
            ),
            answers=(
                "Automatische App-Updates nur im WLAN, und Fotos-Backup ebenfalls nur im WLAN. "
                "Spart bei mir am meisten.",
                "Musik und Podcasts vorher herunterladen. Und Videos in Messengern nicht "
                "automatisch laden lassen.",
                "Datensparmodus im Handy an – merkt man kaum, spart aber richtig.",
            ),
        ),
        en=Text(
            titles=("Your best tips for saving data on holiday",),
            bodies=(
                """
                Holiday season is coming. How do you save data when travelling? I always
                download maps for offline use first, but maybe you have more tricks.
                """,
            ),
            answers=(
                "App updates on Wi-Fi only, and photo backup on Wi-Fi only too. Saves me the most.",
                "Download music and podcasts beforehand. And don't let messengers auto-load "
                "videos.",
                "Turn on data saver on the phone – you barely notice it, but it saves a lot.",
            ),
        ),
    ),
    Scenario(
        key="mesh-worth-it-discussion",
        space="products",
        tags=("wlan|wifi",),
        kind="discussion",
        de=Text(
            titles=("Lohnt sich der Mesh Repeater 3000? Erfahrungen?",),
            bodies=(
                """
                Überlege, mir den Mesh Repeater zu holen, weil das WLAN im Obergeschoss
                schwächelt. Wer hat ihn und wie sind eure Erfahrungen?
                """,
            ),
            answers=(
                "Habe zwei Stück, einer im Obergeschoss, einer im Keller. Nahtloses Roaming, "
                "keine Abbrüche mehr.",
                "Wenn du die Möglichkeit hast, ein LAN-Kabel zu legen: mach das, dann ist er "
                "doppelt so schnell.",
                "Bei Stahlbetondecken bringt er leider nur wenig, da hilft nur Kabel.",
            ),
        ),
        en=Text(
            titles=("Is the Mesh Repeater 3000 worth it? Experiences?",),
            bodies=(
                """
                Thinking about getting the Mesh Repeater because the Wi-Fi upstairs is weak.
                Who has one and how are you finding it?
                """,
            ),
            answers=(
                "Got two, one upstairs, one in the basement. Seamless roaming, no more drops.",
                "If you can run a LAN cable to it, do it – it's twice as fast then.",
                "With reinforced concrete floors it doesn't help much, only cable does.",
            ),
        ),
    ),
]

QUESTIONS = BILLING + TECHNICAL + ACCOUNT + ORDERS + PRODUCTS + LEGAL

# --- ideas ----------------------------------------------------------------------------------

IDEAS = [
    Idea(
        key="dark-mode",
        language="en",
        days_ago=55,
        tags=("app", "idea"),
        title="Dark mode in the app",
        body="""
            Please add a dark mode to the app! Checking my usage at night is blinding, and
            most apps follow the system setting by now. Ideally: light / dark / follow system.
            """,
        comments=(
            "Yes please, +1. My eyes thank you in advance.",
            "Would also save battery on OLED screens.",
            "Following the system setting would be perfect.",
        ),
        statuses=(
            (
                "under_review",
                "Thanks for the idea! We're looking at it together with the app team.",
                3,
            ),
            (
                "planned",
                'Good news: dark mode (including "follow system") is planned for one '
                "of the next app releases. We'll update this idea when it ships.",
                12,
            ),
            (
                "in_progress",
                "The app team has started: dark mode is being built and tested now. "
                "We'll update this idea when it ships.",
                20,
            ),
        ),
        votes=(20, 30),
    ),
    Idea(
        key="dunkelmodus",
        language="de",
        days_ago=20,
        tags=("app", "idee"),
        title="Dunkles Design für die App",
        body="""
            Ich fände ein dunkles Design für die App super. Abends ist die weiße Oberfläche
            sehr grell. Gibt es da Pläne?
            """,
        comments=("Unbedingt, das fehlt mir auch.",),
        statuses=(
            (
                "already_exists",
                "Danke! Diese Idee gibt es schon (auf Englisch) – und sie ist "
                "bereits eingeplant. Stimmt gern dort mit ab, dann bleibt alles an einer Stelle.",
                1,
            ),
        ),
        duplicate_of="dark-mode",
        votes=(2, 6),
    ),
    Idea(
        key="apple-pay",
        language="de",
        days_ago=48,
        tags=("zahlung", "idee"),
        title="Apple Pay als Zahlungsart im Shop",
        body="""
            Im Shop kann ich mit PayPal, Kreditkarte und Rechnung zahlen, aber nicht mit Apple
            Pay. Gerade am Handy wäre das viel bequemer als die Kreditkartendaten einzutippen.
            """,
        comments=(
            "Wäre super, ich kaufe fast nur noch über das Handy ein.",
            "Dann bitte auch gleich für die monatliche Rechnung, nicht nur im Shop.",
            "+1 von mir.",
        ),
        statuses=(
            (
                "under_review",
                "Danke für den Vorschlag! Wir prüfen das gerade mit unserem Zahlungsdienstleister.",
                4,
            ),
            (
                "planned",
                "Apple Pay kommt! Wir starten im Shop, die monatliche Rechnung folgt "
                "später. Den Termin geben wir hier bekannt.",
                14,
            ),
        ),
        votes=(15, 28),
    ),
    Idea(
        key="invoice-csv",
        language="de",
        days_ago=40,
        tags=("rechnung", "idee"),
        title="Rechnungen als CSV exportieren",
        body="""
            Für die Buchhaltung wäre ein Export aller Rechnungen als CSV (Datum, Betrag,
            Rechnungsnummer, Positionen) sehr praktisch. Jede PDF einzeln abzutippen nervt.

            | Spalte | Beispiel |
            |---|---|
            | Datum | 03.05. |
            | Rechnungsnummer | R-2024-… |
            | Betrag brutto | 39,99 € |
            """,
        comments=(
            "Ja! Als Selbstständiger brauche ich das jeden Monat.",
            "Gern auch als Excel-Datei, aber CSV reicht schon.",
            "Bis dahin: Ich lade die PDFs als ZIP über den DSGVO-Export, das ist ein Workaround.",
        ),
        statuses=(
            (
                "under_review",
                "Danke! Wir sehen uns an, wie ein Export aussehen könnte. Welche "
                "Spalten braucht ihr noch? Schreibt es gern hier rein.",
                5,
            ),
        ),
        votes=(12, 22),
    ),
    Idea(
        key="push-out-for-delivery",
        language="en",
        days_ago=57,
        tags=("app", "delivery", "idea"),
        title="Push notification when my parcel is out for delivery",
        body="""
            It would be great to get a push notification on the day the parcel is out for
            delivery, so I can make sure someone is home.
            """,
        comments=(
            "Yes, the e-mail often arrives after the parcel.",
            "And an option to redirect it to a parcel shop from the notification!",
        ),
        statuses=(
            ("under_review", "Thanks, we're checking this with our shipping partners.", 2),
            ("planned", "This is planned for the next app release.", 7),
            (
                "delivered",
                "Out now in app version 5.3.0: switch it on under **Profile → "
                "Notifications → Delivery**. Thanks for the idea!",
                25,
            ),
        ),
        votes=(10, 20),
    ),
    Idea(
        key="delivery-date",
        language="de",
        days_ago=35,
        tags=("lieferung", "idee"),
        title="Wunschliefertag bei der Bestellung auswählen",
        body="""
            Ich würde gern bei der Bestellung einen Liefertag auswählen können, z. B. Samstag.
            Unter der Woche bin ich nie da und muss dann immer zur Filiale.
            """,
        comments=(
            "Das wäre super, gerade bei Routern, die ja persönlich übergeben werden müssen.",
            "Bei anderen Shops geht das schon, gern auch gegen kleinen Aufpreis.",
        ),
        statuses=(
            ("under_review", "Danke für die Idee, wir schauen uns das an!", 4),
            ("planned", "Der Wunschliefertag kommt – zunächst für Sendungen mit DHL.", 10),
        ),
        votes=(8, 18),
    ),
    Idea(
        key="usage-widget",
        language="en",
        days_ago=12,
        tags=("app", "idea"),
        title="Home screen widget for data usage",
        body="""
            A small widget showing how much data I have left this month would be really handy.
            Opening the app every time is a bit much.
            """,
        comments=(
            "Yes! With the days left in the billing period, please.",
            "Would love this on iOS too, not just Android.",
        ),
        votes=(6, 14),
    ),
    Idea(
        key="paper-invoice",
        language="de",
        days_ago=30,
        tags=("rechnung", "idee"),
        title="Papierrechnung wieder kostenlos anbieten",
        body="""
            Meine Eltern kommen mit dem Online-Kundenkonto nicht zurecht. Die Papierrechnung
            kostet 1,50 € im Monat. Könnt ihr die für ältere Kundinnen und Kunden wieder
            kostenlos anbieten?
            """,
        comments=(
            "Verstehe ich, aber Papier für alle wäre ein Rückschritt.",
            "Alternative: Rechnung per E-Mail als PDF-Anhang, das können die meisten öffnen.",
        ),
        statuses=(
            (
                "declined",
                "Danke für den Vorschlag und die Offenheit. Die Papierrechnung bleibt "
                "kostenpflichtig, weil Druck und Porto echte Kosten verursachen. Neu ist aber: Die "
                "Rechnung kann als PDF-Anhang per E-Mail kommen – einstellbar unter "
                "**Benachrichtigungen**.",
                6,
            ),
        ),
        votes=(4, 10),
    ),
    Idea(
        key="passkeys",
        language="en",
        days_ago=45,
        tags=("login", "2fa", "idea"),
        title="Sign in with passkeys",
        body="""
            Passwords plus authenticator codes work, but passkeys would be both safer and
            easier. Most phones and password managers support them now.
            """,
        comments=(
            "Yes please, the code typing is the most annoying part of signing in.",
            "As long as there's a fallback when you lose the device.",
            "Would love this for the app too (Face ID / fingerprint).",
        ),
        statuses=(
            (
                "under_review",
                "Passkeys are on our radar – we're evaluating them together with "
                "the next update of our sign-in system.",
                3,
            ),
        ),
        votes=(10, 20),
    ),
    Idea(
        key="passkey-login-de",
        language="de",
        days_ago=9,
        tags=("login", "idee"),
        title="Anmeldung mit Passkey statt Passwort",
        body="""
            Wäre es möglich, dass man sich mit einem Passkey anmelden kann? Dann bräuchte ich
            keinen Code aus der Authenticator-App mehr.
            """,
        comments=("Gute Idee, wäre auch für mich interessant.",),
        statuses=(
            (
                "already_exists",
                "Danke! Dazu gibt es schon eine Idee (auf Englisch), die wir "
                "gerade prüfen. Stimm gern dort mit ab.",
                1,
            ),
        ),
        duplicate_of="passkeys",
        votes=(1, 4),
    ),
    Idea(
        key="family-account",
        language="de",
        days_ago=22,
        tags=("konto", "idee"),
        title="Familienkonto: mehrere Verträge gemeinsam verwalten",
        body="""
            Wir haben in der Familie vier Verträge, verteilt auf zwei Kundenkonten. Schön wäre
            ein Familienkonto, in dem man alles sieht, Datenvolumen verteilt und Rechnungen
            gesammelt bekommt.
            """,
        comments=(
            "Ja, mit Kinderschutz-Einstellungen für die Verträge der Kinder.",
            "Und Datenvolumen teilen zwischen den Verträgen, das wäre top.",
        ),
        votes=(5, 15),
    ),
    Idea(
        key="weekend-chat",
        language="en",
        days_ago=28,
        tags=("idea",),
        title="Live chat on weekends",
        body="""
            The live chat is only available on weekdays. Problems usually happen on weekends
            (when I have time to deal with them). Could you offer chat on Saturdays too?
            """,
        comments=(
            "Saturday morning would already help a lot.",
            "Honestly the community here is often faster than the chat anyway 😄",
        ),
        statuses=(
            (
                "declined",
                "Thanks for the suggestion. We won't extend the live chat for now, but "
                "from next month the support team answers here in the community on Saturdays, "
                "and you can book a callback for Monday morning in the app.",
                8,
            ),
        ),
        votes=(5, 12),
    ),
    Idea(
        key="bundle-shipments",
        language="de",
        days_ago=16,
        tags=("lieferung", "idee"),
        title="Mehrere Bestellungen in einem Paket zusammenfassen",
        body="""
            Wenn ich zwei Bestellungen am selben Tag aufgebe, kommen zwei Pakete. Eine Option
            „zusammen verschicken“ wäre besser für die Umwelt und für meinen Flur.
            """,
        comments=("Gute Idee, gerade bei Kleinkram wie Kabeln.",),
        votes=(3, 9),
    ),
    Idea(
        key="google-pay-idea",
        language="en",
        days_ago=19,
        tags=("payment", "idea"),
        title="Add Google Pay at checkout",
        body="""
            Apple Pay is planned, but what about Google Pay for Android users? Would be
            great to have both.
            """,
        comments=("Android user here, +1.",),
        statuses=(
            (
                "already_exists",
                "Good news: Google Pay is already available at checkout – see "
                "the announcement linked here.",
                1,
            ),
        ),
        duplicate_of="google-pay",
        votes=(1, 5),
    ),
    Idea(
        key="plan-change-in-app",
        language="de",
        days_ago=58,
        tags=("app", "tarif", "idee"),
        title="Tarifwechsel direkt in der App",
        body="""
            Aktuell muss ich für einen Tarifwechsel ins Kundenkonto im Browser. In der App gibt
            es nur einen Link dahin. Bitte direkt in der App ermöglichen!
            """,
        comments=(
            "Ja, und dann bitte gleich mit Vergleich zum aktuellen Tarif.",
            "Wäre für Datenpässe auch super.",
        ),
        statuses=(
            ("under_review", "Danke, wir nehmen das mit in die Planung der neuen App.", 1),
            ("planned", "Kommt mit der nächsten großen App-Version.", 5),
            (
                "delivered",
                "Ab App-Version 5.2.0 kannst du unter **Tarif → Tarif wechseln** "
                "direkt in der App wechseln. Danke für die Idee!",
                18,
            ),
        ),
        votes=(12, 25),
    ),
    Idea(
        key="plastic-free",
        language="en",
        days_ago=38,
        tags=("delivery", "idea"),
        title="Plastic-free packaging for shop orders",
        body="""
            My last order (one USB cable) came in a big box full of plastic air cushions. Paper
            padding and smaller boxes would be much better.
            """,
        comments=(
            "Agreed, and the router box had three plastic bags inside.",
            "Reusable shipping boxes would be even better.",
        ),
        statuses=(
            ("under_review", "Thanks! We're talking to our warehouse about this.", 4),
            (
                "planned",
                "From next quarter all shop orders ship with paper padding, and small "
                "items in padded envelopes.",
                9,
            ),
        ),
        votes=(8, 18),
    ),
    Idea(
        key="english-invoices",
        language="en",
        days_ago=18,
        tags=("invoice", "idea"),
        title="Invoices in English",
        body="""
            The account area is available in English, but invoices are always in German. For
            those of us who don't speak German well, an English invoice would really help.
            """,
        comments=(
            "Yes, my employer abroad keeps asking for a translation.",
            "Even just the item names in English would be a big help.",
        ),
        statuses=(
            ("under_review", "Thanks! We're checking what this means for our billing system.", 4),
        ),
        votes=(6, 14),
    ),
    Idea(
        key="delivery-window",
        language="en",
        days_ago=7,
        tags=("delivery", "idea"),
        title="Show the expected delivery time window",
        body="""
            Instead of just "Delivery today", it would be great to see a time window (e.g.
            14:00–16:00) in the order overview, like some carriers already offer.
            """,
        comments=("Yes, that would save me a day of waiting at home.",),
        votes=(3, 8),
    ),
    Idea(
        key="usage-alert",
        language="de",
        days_ago=50,
        tags=("tarif", "app", "idee"),
        title="Benachrichtigung bei 80 % verbrauchtem Datenvolumen",
        body="""
            Ich merke immer erst, dass mein Datenvolumen fast weg ist, wenn gedrosselt wird.
            Eine Push-Nachricht bei 80 % wäre super – am besten mit einstellbarer Schwelle.
            """,
        comments=(
            "Einstellbare Schwelle wäre klasse.",
            "Per SMS kommt das schon, aber eben erst bei 100 %.",
        ),
        statuses=(
            ("under_review", "Danke für die Idee! Wir prüfen die Umsetzung.", 3),
            (
                "delivered",
                "Ist da: Unter **Profil → Benachrichtigungen → Datenvolumen** "
                "kannst du 50, 80 oder 90 % wählen.",
                25,
            ),
        ),
        votes=(10, 20),
    ),
    Idea(
        key="invoice-cloud",
        language="de",
        days_ago=4,
        tags=("rechnung", "idee"),
        title="Rechnungen automatisch in der Cloud ablegen",
        body="""
            Schön wäre eine Option, neue Rechnungen automatisch in einem Cloud-Ordner abzulegen
            (oder per E-Mail als PDF zu bekommen). Dann hätte ich alles an einem Ort.
            """,
        comments=("Per E-Mail als PDF reicht mir schon völlig.",),
        votes=(1, 6),
    ),
    Idea(
        key="combined-invoice",
        language="de",
        days_ago=14,
        tags=("rechnung", "vertrag", "idee"),
        title="Sammelrechnung für mehrere Verträge",
        body="""
            Ich habe Internet und zwei Mobilfunkverträge und bekomme drei Rechnungen mit drei
            Abbuchungen. Eine Sammelrechnung wäre übersichtlicher.
            """,
        comments=(
            "Gibt es bei uns schon, wenn alle Verträge im selben Kundenkonto sind – oder?",
            "Bei mir sind es leider zwei Kundenkonten, da geht es nicht.",
        ),
        statuses=(
            (
                "under_review",
                "Danke! Sammelrechnungen gibt es innerhalb eines Kundenkontos "
                "bereits; wir prüfen, ob das auch über verknüpfte Konten gehen kann.",
                6,
            ),
        ),
        votes=(4, 10),
    ),
    Idea(
        key="invoice-amount-notification",
        language="en",
        days_ago=2,
        tags=("invoice", "app", "idea"),
        title="Show the invoice amount in the notification",
        body="""
            The "new invoice available" notification could simply show the amount. Then I'd
            only open the app if it's different from usual.
            """,
        comments=("Small thing, but yes!",),
        votes=(0, 4),
    ),
]

# --- announcements and known issues (the support team) ---------------------------------------

NOTICES = [
    Notice(
        key="welcome-de",
        kind="announcement",
        space="products",
        language="de",
        days_ago=59.5,
        tags=("idee",),
        title="Willkommen in der Peerdesk-Community – bitte zuerst lesen",
        body="""
            Hallo und herzlich willkommen! 👋

            Hier helfen sich Kundinnen und Kunden gegenseitig, und unser Team ist jeden Tag
            dabei. Damit du schnell eine Antwort bekommst:

            - **Erst suchen:** Viele Fragen wurden schon gelöst.
            - **Ein Thema pro Frage**, mit einem aussagekräftigen Titel
              (z. B. „Fehler E-1042 in der App“ statt „Hilfe!!!“).
            - **Keine persönlichen Daten** wie IBAN, Kundennummer oder Adresse posten – dafür
              gibt es private Nachrichten an das Team.
            - **Lösung markieren:** Hat dir eine Antwort geholfen, markiere sie als Lösung.

            Antworten mit dem Abzeichen „Offiziell“ kommen vom Peerdesk-Team. Viel Spaß!
            """,
        replies=(
            (
                "member",
                "Danke, schöne Sache! Endlich ein Ort, wo man nicht ewig in der "
                "Warteschleife hängt.",
                5,
            ),
            ("member", "Gibt es auch eine App-Version der Community?", 20),
            (
                "staff",
                "Die Community funktioniert im mobilen Browser; eine eigene App ist "
                "gerade nicht geplant. Tipp: Seite zum Startbildschirm hinzufügen!",
                3,
            ),
        ),
        pinned=True,
    ),
    Notice(
        key="welcome-en",
        kind="announcement",
        space="products",
        language="en",
        days_ago=59.4,
        tags=("idea",),
        title="Welcome to the Peerdesk community – please read first",
        body="""
            Hello and welcome! 👋

            This is where customers help each other, and our team joins in every day. To get
            a quick answer:

            - **Search first:** many questions have already been solved.
            - **One topic per question**, with a clear title
              (e.g. "Error E-1042 in the app" rather than "Help!!!").
            - **Never post personal data** such as bank details, customer numbers or
              addresses – send the team a private message instead.
            - **Mark the solution:** if an answer helped, mark it as the solution.

            Answers with the "Official" badge come from the Peerdesk team. Enjoy!
            """,
        replies=(
            ("member", "Great to have this, thanks!", 8),
            ("member", "Are English questions answered as quickly as German ones?", 30),
            (
                "staff",
                "Yes – the team covers both languages, and many of our super users do too.",
                2,
            ),
        ),
        pinned=True,
    ),
    Notice(
        key="maintenance",
        kind="announcement",
        space="technical",
        language="de",
        days_ago=21,
        tags=("wartung",),
        title="Wartungsarbeiten in der Nacht auf Sonntag, 02:00–05:00 Uhr",
        body="""
            In der Nacht auf Sonntag modernisieren wir unsere Kundenkonto-Systeme. Zwischen
            **02:00 und 05:00 Uhr** sind Kundenkonto und App nicht erreichbar. Internet und
            Telefonie sind **nicht** betroffen.

            | Dienst | betroffen? |
            |---|---|
            | Internet, Telefon, Mobilfunk | nein |
            | Kundenkonto im Browser | ja |
            | Peerdesk-App | ja |
            | Shop-Bestellungen | ja, ab 05:00 Uhr wieder möglich |
            """,
        replies=(
            ("member", "Danke für die rechtzeitige Info!", 6),
            (
                "staff",
                "Update: Die Wartung ist abgeschlossen, alle Dienste laufen wieder. "
                "Danke für eure Geduld!",
                40,
            ),
        ),
        locked=True,
    ),
    Notice(
        key="google-pay",
        kind="announcement",
        space="billing",
        language="en",
        days_ago=24,
        tags=("payment",),
        title="New: pay with Google Pay in the shop",
        body="""
            From today you can pay for shop orders with **Google Pay**. Pick it at checkout
            on any Android phone or in Chrome. Apple Pay is coming next – follow the idea in
            the ideas space for updates.
            """,
        replies=(
            ("member", "Nice, just tried it – worked first time.", 4),
            ("member", "Can I use it for my monthly bill as well?", 10),
            (
                "staff",
                "Not yet – for now it's for shop orders only. The monthly bill will "
                "follow together with Apple Pay.",
                2,
            ),
        ),
    ),
    Notice(
        key="terms-change",
        kind="announcement",
        space="legal",
        language="de",
        days_ago=26,
        tags=("vertrag",),
        title="Änderung unserer AGB zum Monatsersten",
        body="""
            Wir passen unsere Allgemeinen Geschäftsbedingungen an. Was sich ändert:

            - klarere Regeln zur Rufnummernmitnahme,
            - der Kündigungsbutton ist jetzt ausdrücklich beschrieben,
            - neue Abschnitte zu eSIM und MultiSIM.

            **Preise und Leistungen ändern sich nicht.** Die neuen AGB findest du unter
            „Rechtliches“. Bei Fragen antworten wir gern hier.
            """,
        replies=(
            ("member", "Muss ich den neuen AGB irgendwo zustimmen?", 12),
            (
                "staff",
                "Nein, du musst nichts tun. Da sich Preise und Leistungen nicht ändern, "
                "gelten die neuen AGB automatisch.",
                3,
            ),
        ),
    ),
    Notice(
        key="known-e1042-en",
        kind="known_issue",
        space="technical",
        language="en",
        days_ago=11,
        tags=("app", "login", "e-1042", "android"),
        title="Known issue: E-1042 when signing into the Android app",
        body="""
            Some customers see `E-1042: Sync failed` when signing into the Android app
            version 5.3.0. We know about it and are working on a fix.

            **Workaround:** sign in through the browser; your account works normally there.
            We'll post updates in this thread.
            """,
        replies=(
            ("member", "Thanks for the heads-up, same here on my phone.", 1),
            ("staff", "Update: the cause is found. A fixed version (5.3.1) is being tested.", 8),
            ("member", "Any ETA for the fix?", 5),
            (
                "staff",
                "Fixed: version 5.3.1 is now available in the Play Store. Please "
                "update and sign in again. If you still see E-1042, reply here.",
                20,
            ),
        ),
        solved_by_last_update=True,
        me_too=(15, 30),
    ),
    Notice(
        key="known-e1042-de",
        kind="known_issue",
        space="technical",
        language="de",
        days_ago=11,
        tags=("app", "login", "e-1042", "android", "störung"),
        title="Bekannte Störung: Fehler E-1042 bei der Anmeldung in der Android-App",
        body="""
            Einige Kundinnen und Kunden erhalten in der Android-App (Version 5.3.0) bei der
            Anmeldung `E-1042: Synchronisierung fehlgeschlagen`. Wir kennen das Problem und
            arbeiten an einer Lösung.

            **Workaround:** Die Anmeldung im Browser funktioniert normal. Updates posten wir
            hier.
            """,
        replies=(
            ("member", "Bei mir auch, danke für die Info.", 1),
            (
                "staff",
                "Update: Die Ursache ist gefunden, eine korrigierte Version (5.3.1) wird "
                "gerade getestet.",
                8,
            ),
            (
                "staff",
                "Behoben: Version 5.3.1 ist im Play Store. Bitte aktualisieren und neu "
                "anmelden. Falls E-1042 weiterhin auftritt, antworte hier.",
                25,
            ),
            ("member", "Läuft wieder, danke!", 2),
        ),
        solved_by_last_update=True,
        me_too=(15, 30),
    ),
    Notice(
        key="known-invoice-mails",
        kind="known_issue",
        space="billing",
        language="de",
        days_ago=5,
        tags=("rechnung", "störung"),
        title="Bekannte Störung: Rechnungs-E-Mails kommen verspätet",
        body="""
            Die E-Mails „Deine neue Rechnung ist da“ werden derzeit mit bis zu 3 Tagen
            Verspätung verschickt. Die Rechnungen selbst sind pünktlich im Kundenkonto und als
            PDF abrufbar, Abbuchungen erfolgen wie gewohnt.
            """,
        replies=(
            ("member", "Gut zu wissen, ich dachte schon, mein Spamfilter spinnt.", 3),
            (
                "staff",
                "Update: Der Rückstand wird abgearbeitet, die meisten E-Mails sind "
                "inzwischen raus.",
                30,
            ),
        ),
        me_too=(10, 20),
    ),
    Notice(
        key="known-tracking",
        kind="known_issue",
        space="orders",
        language="en",
        days_ago=16,
        tags=("delivery", "outage"),
        title="Known issue: tracking not updating for some orders",
        body="""
            Tracking for some orders shipped since Monday isn't updating in your account. The
            parcels are moving normally; only the status sync with the carrier is delayed.
            The tracking link in the shipping e-mail shows the current status.
            """,
        replies=(
            ("member", "Ah, that explains it. Thanks!", 2),
            (
                "staff",
                "Fixed: the status sync is working again and all orders show their "
                "current tracking.",
                28,
            ),
        ),
        solved_by_last_update=True,
        me_too=(10, 18),
    ),
    Notice(
        key="known-fiber-north",
        kind="known_issue",
        space="technical",
        language="de",
        days_ago=1.2,
        tags=("glasfaser", "störung", "e-3105"),
        title="Störung: Glasfaser-Ausfall im Raum Nord (E-3105)",
        body="""
            Aktuell gibt es im Raum Nord einen Ausfall von Glasfaser-Anschlüssen. Betroffene
            Boxen zeigen `E-3105`. Ursache ist ein beschädigtes Kabel nach Bauarbeiten;
            Technikerinnen und Techniker sind vor Ort.

            Du musst an deiner Box nichts ändern – sie verbindet sich nach der Reparatur
            automatisch wieder.
            """,
        replies=(
            ("member", "Danke für die Info. Gibt es schon eine Prognose?", 1),
            (
                "staff",
                "Update: Die Reparatur dauert voraussichtlich bis morgen Mittag. Als "
                "Ausgleich schreiben wir betroffenen Anschlüssen die Tage gut.",
                4,
            ),
            ("member", "Danke für die Updates, so lässt sich das aushalten.", 3),
        ),
        me_too=(20, 30),
    ),
]
