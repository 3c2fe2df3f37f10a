"""What the demo's knowledge base says: sections and articles of the made-up telecom
provider with an online shop that the demo community talks about (community/demo/data/).

Menu paths, error codes, products, prices and deadlines are the ones the demo's support team
gives in its official answers, so an article and the threads it was made from agree.

An article: `key` (for translations and proposals), `section` (a slug of SECTIONS),
`language`, `title`, `summary`, `body` (Markdown; `##` headings give the table of contents),
`tags` (existing tag names in the article's language), `applies_to`; optional `from_thread`
(the key of a question scenario in community/demo/data/questions/: the article is made from
the oldest solved thread of that scenario in its language, whose solution's author is
credited), `translation_of` (the key of the same article in the other language), `by`
("super_user" when a super user wrote it; staff otherwise), `draft` (left unpublished),
`review` (a draft submitted for review). No text contains personal data.
"""

SECTIONS = [
    {
        "slug": "billing",
        "icon": "billing",
        "name_en": "Invoices & payment",
        "name_de": "Rechnungen & Zahlung",
        "description_en": "Download invoices, change how you pay, understand reminders and fees.",
        "description_de": "Rechnungen herunterladen, Zahlungsart ändern, Mahnungen und Gebühren verstehen.",
    },
    {
        "slug": "internet",
        "icon": "router",
        "name_en": "Internet, Wi-Fi & router",
        "name_de": "Internet, WLAN & Router",
        "description_en": "Error codes on the box, Wi-Fi that drops, speed that falls short.",
        "description_de": "Fehlercodes der Box, WLAN-Abbrüche und zu wenig Geschwindigkeit.",
    },
    {
        "slug": "mobile",
        "icon": "mobile",
        "name_en": "Mobile, SIM & app",
        "name_de": "Mobilfunk, SIM & App",
        "description_en": "eSIM, data passes, roaming abroad and the app.",
        "description_de": "eSIM, Datenpässe, Roaming im Ausland und die App.",
    },
    {
        "slug": "account",
        "icon": "account",
        "name_en": "Account, contract & privacy",
        "name_de": "Konto, Vertrag & Datenschutz",
        "description_en": "Sign-in, two-factor authentication, cancelling and moving house, your data.",
        "description_de": "Anmeldung, Zwei-Faktor-Authentifizierung, Kündigung und Umzug, deine Daten.",
    },
    {
        "slug": "orders",
        "icon": "orders",
        "name_en": "Orders, delivery & returns",
        "name_de": "Bestellungen, Lieferung & Rücksendung",
        "description_en": "Where your parcel is, how to send something back and get your money.",
        "description_de": "Wo dein Paket ist, wie du etwas zurückschickst und dein Geld bekommst.",
    },
]

ARTICLES = [
    # --- Invoices & payment ------------------------------------------------------------------
    {
        "key": "invoice-pdf-en",
        "section": "billing",
        "language": "en",
        "from_thread": "invoice-pdf-download",
        "tags": ["invoice", "pdf"],
        "applies_to": "Customer account in the browser and the app",
        "title": "Download your invoice as a PDF",
        "summary": "Where to find the PDF of an invoice, why the download sometimes does "
        "nothing, and how to get invoices older than 24 months.",
        "body": """Every invoice is available as a PDF in your customer account, for the last 24 months.

## In the browser

1. Sign in and open **My account → Invoices**.
2. Click the invoice itself (the month, not just the amount).
3. Choose **Download PDF**. The file is called `Invoice_<month>.pdf`.

## In the app

Open the invoice and choose **Share → Save as PDF**. "Share" on its own only sends a link.

## Nothing happens when I click

A pop-up or ad blocker is almost always stopping the download. Allow pop-ups for our site,
or open the account in a private window without extensions, and try again.

## Older invoices

Invoices older than 24 months are no longer in the account. Request a copy through the
contact form, topic **Invoice copy**; it arrives by e-mail within a few days.
""",
    },
    {
        "key": "invoice-pdf-de",
        "section": "billing",
        "language": "de",
        "translation_of": "invoice-pdf-en",
        "from_thread": "invoice-pdf-download",
        "tags": ["rechnung", "pdf"],
        "applies_to": "Kundenkonto im Browser und in der App",
        "title": "Rechnung als PDF herunterladen",
        "summary": "Wo du die PDF einer Rechnung findest, warum der Download manchmal nichts "
        "tut und wie du an Rechnungen kommst, die älter als 24 Monate sind.",
        "body": """Jede Rechnung der letzten 24 Monate gibt es als PDF in deinem Kundenkonto.

## Im Browser

1. Melde dich an und öffne **Mein Konto → Rechnungen**.
2. Klick auf die Rechnung selbst (den Monat, nicht nur den Betrag).
3. Wähle **PDF herunterladen**. Die Datei heißt `Rechnung_<Monat>.pdf`.

## In der App

Öffne die Rechnung und wähle **Teilen → Als PDF sichern**. „Teilen“ allein verschickt nur einen Link.

## Beim Klick passiert nichts

Fast immer blockiert ein Popup- oder Werbeblocker den Download. Erlaube Popups für unsere
Seite oder öffne das Konto in einem privaten Fenster ohne Erweiterungen und versuch es noch einmal.

## Ältere Rechnungen

Rechnungen, die älter als 24 Monate sind, stehen nicht mehr im Konto. Eine Kopie bekommst du
über das Kontaktformular, Thema **Rechnungskopie**; sie kommt innerhalb weniger Tage per E-Mail.
""",
    },
    {
        "key": "sepa-en",
        "section": "billing",
        "language": "en",
        "from_thread": "sepa-new-bank",
        "tags": ["sepa", "payment"],
        "title": "Change the bank account for your direct debit",
        "summary": "New bank? Give us a new SEPA mandate online in two minutes; nothing to "
        "sign or post.",
        "body": """You change your bank details online; the new SEPA mandate is given there, nothing to sign or post.

## How to

1. Open **My account → Payment method → Change bank details**.
2. Enter the new IBAN and confirm the SEPA mandate.
3. You get a confirmation with the mandate reference by e-mail.

## When does it apply?

Changes made at least **5 working days before the debit date** apply to the next invoice.
Later changes apply from the invoice after that; the current one is still debited from the
old account, so keep it open until then.

## Keep your bank details private

Never post your IBAN in the community. Our team will never ask for it there.
""",
    },
    {
        "key": "sepa-de",
        "section": "billing",
        "language": "de",
        "translation_of": "sepa-en",
        "from_thread": "sepa-new-bank",
        "by": "super_user",
        "tags": ["sepa", "lastschrift"],
        "title": "Neue Bankverbindung für die Lastschrift hinterlegen",
        "summary": "Neue Bank? Das neue SEPA-Mandat erteilst du online in zwei Minuten, "
        "ohne Unterschrift und ohne Post.",
        "body": """Deine Bankverbindung änderst du online; das neue SEPA-Mandat erteilst du dabei gleich mit, ohne Unterschrift und ohne Post.

## So geht's

1. Öffne **Mein Konto → Zahlungsart → Bankverbindung ändern**.
2. Gib die neue IBAN ein und bestätige das SEPA-Mandat.
3. Du bekommst eine Bestätigung mit der Mandatsreferenz per E-Mail.

## Ab wann gilt das?

Änderungen bis **5 Werktage vor dem Abbuchungstermin** gelten schon für die nächste Rechnung.
Spätere Änderungen gelten ab der Rechnung danach; die aktuelle wird noch vom alten Konto
abgebucht, lass es also bis dahin offen.

## Bankdaten bleiben privat

Poste deine IBAN nie in der Community. Unser Team fragt dort auch nie danach.
""",
    },
    {
        "key": "reminder-en",
        "section": "billing",
        "language": "en",
        "tags": ["reminder", "payment"],
        "title": "Payment reminder although you paid, and returned direct debits",
        "summary": "Why a reminder can cross your payment, what the fee for a returned debit "
        "is, and how to pay an open amount.",
        "body": """## A reminder although you paid

Bank transfers are matched to your invoice by the **invoice number in the payment reference**.
If it is missing or mistyped, matching is done by hand and takes a few days; a reminder can
go out in the meantime. Once the payment is matched, the reminder fee is cancelled
automatically.

Tip: with SEPA direct debit or PayPal this cannot happen.

## A returned direct debit

If your bank returns a debit (not enough funds, an old account), the bank charges us a fee,
which we pass on as set out in the price list. We do **not** debit the open amount again
automatically.

## Paying an open amount

The quickest way is **My account → Open amounts → Pay now**. After that the direct debit
continues as normal with the next invoice.
""",
    },
    {
        "key": "reminder-de",
        "section": "billing",
        "language": "de",
        "translation_of": "reminder-en",
        "tags": ["mahnung", "lastschrift"],
        "title": "Mahnung trotz Zahlung und Rücklastschriften",
        "summary": "Warum sich eine Mahnung mit deiner Zahlung überschneiden kann, was eine "
        "Rücklastschrift kostet und wie du offene Beträge bezahlst.",
        "body": """## Mahnung, obwohl du bezahlt hast

Überweisungen ordnen wir anhand der **Rechnungsnummer im Verwendungszweck** zu. Fehlt sie oder
ist sie vertippt, wird von Hand zugeordnet, und das dauert ein paar Tage; in der Zeit kann eine
Mahnung rausgehen. Sobald die Zahlung zugeordnet ist, wird die Mahngebühr automatisch storniert.

Tipp: Mit SEPA-Lastschrift oder PayPal kann das nicht passieren.

## Rücklastschrift

Gibt deine Bank eine Lastschrift zurück (zu wenig Deckung, altes Konto), berechnet uns die Bank
eine Gebühr, die wir laut Preisliste weitergeben. Den offenen Betrag ziehen wir **nicht**
automatisch noch einmal ein.

## Offene Beträge bezahlen

Am schnellsten geht es über **Mein Konto → Offene Beträge → Jetzt bezahlen**. Danach läuft die
Lastschrift mit der nächsten Rechnung ganz normal weiter.
""",
    },
    {
        "key": "business-invoice-en",
        "section": "billing",
        "language": "en",
        "tags": ["invoice"],
        "title": "Invoices for your business: VAT and company name",
        "summary": "How to get invoices with VAT shown separately and your company's name on them.",
        "body": """All our invoices show VAT separately, so they work for your company's accounts.

## Put your company's name on the invoice

1. Open **My account → Personal details → Billing address**.
2. Add the company name in the line **Company (optional)**.
3. Save. The next invoice carries the new address.

Invoices already issued are not changed automatically. If you need a corrected invoice for a
past month, ask for one through the contact form, topic **Invoice correction**.

## Several contracts

Each contract has its own invoice. If you keep several for your business, the overview under
**My account → Invoices** lists them all, and each downloads as its own PDF.
""",
    },
    # --- Internet, Wi-Fi & router ------------------------------------------------------------
    {
        "key": "e3105-en",
        "section": "internet",
        "language": "en",
        "from_thread": "router-e3105",
        "tags": ["router", "fiber"],
        "applies_to": "Peerdesk Box 5, Box 5 Pro and Fiber Box",
        "title": "Router shows E-3105: no internet",
        "summary": "E-3105 means the box cannot sign in to the network. Three checks that fix "
        "it, and when to ask us to check your line.",
        "body": """**E-3105** means your box cannot sign in to our network. It is almost always the line or a local fault, rarely the box itself.

## 1. Check for an outage

Look at the status page for your area first. If there is a known outage, there is nothing to
do but wait: follow the status post in the community and we tell you when it is fixed.

## 2. Restart the box properly

Unplug the power supply for 30 seconds, plug it back in and wait about 3 minutes until the
**Internet** light is steady.

## 3. Check the access settings

In the box's menu under **Internet → Access details**, "set up automatically" must be on.
If someone entered access details by hand, switch back to automatic.

## Still E-3105?

Then we check your line. Tell us in the community that you tried the steps above; we will
continue in a private support case, so please don't post your address or customer number.
""",
    },
    {
        "key": "e3105-de",
        "section": "internet",
        "language": "de",
        "translation_of": "e3105-en",
        "from_thread": "router-e3105",
        "tags": ["router", "glasfaser"],
        "applies_to": "Peerdesk Box 5, Box 5 Pro und Fiber Box",
        "title": "Router zeigt E-3105: kein Internet",
        "summary": "E-3105 heißt: Die Box kann sich nicht am Netz anmelden. Drei Prüfungen, die "
        "helfen, und wann wir deine Leitung prüfen.",
        "body": """**E-3105** heißt, dass sich deine Box nicht an unserem Netz anmelden kann. Fast immer liegt es an der Leitung oder an einer Störung vor Ort, selten an der Box.

## 1. Gibt es eine Störung?

Schau zuerst auf die Störungsseite für deine Region. Gibt es eine bekannte Störung, kannst du
nur abwarten: Folge dem Status-Beitrag in der Community, dann sagen wir dir, wenn sie behoben ist.

## 2. Box richtig neu starten

Zieh das Netzteil für 30 Sekunden, steck es wieder ein und warte etwa 3 Minuten, bis die
**Internet**-LED dauerhaft leuchtet.

## 3. Zugangsdaten prüfen

Im Menü der Box unter **Internet → Zugangsdaten** muss „automatisch einrichten“ an sein. Hat
jemand Zugangsdaten von Hand eingetragen, stell wieder auf automatisch um.

## Immer noch E-3105?

Dann prüfen wir deine Leitung. Schreib in der Community, dass du die Schritte oben probiert hast;
wir machen in einem privaten Support-Fall weiter. Poste bitte keine Adresse und keine Kundennummer.
""",
    },
    {
        "key": "wifi-en",
        "section": "internet",
        "language": "en",
        "from_thread": "wifi-drops-evening",
        "tags": ["wifi", "router"],
        "title": "Wi-Fi keeps dropping in the evening",
        "summary": "Stable over cable but not over Wi-Fi, especially in the evening? Usually a "
        "crowded channel. Four settings that help.",
        "body": """If the connection is stable over a LAN cable but Wi-Fi drops, it is the radio side, and in the evening, when all the neighbours are online, the channels are crowded.

## Settings that help

1. **Wi-Fi → Channel → automatic**, and turn on "change channel on interference".
2. Turn on **band steering**, so devices use the faster, less crowded 5 GHz band (one network
   name for both bands).
3. Look for new firmware under **System → Update**.
4. Place the box in the open, at table height, not in a cupboard or behind the TV.

## Large flats and several floors

A **Mesh Repeater 3000** extends the network with the same name and password; devices switch
between box and repeater by themselves.

## Still dropping?

Tell us in the community what you tried, and since when it happens. We may ask for the box's
event log (**System → Event log**) in a private message.
""",
    },
    {
        "key": "wifi-de",
        "section": "internet",
        "language": "de",
        "translation_of": "wifi-en",
        "from_thread": "wifi-drops-evening",
        "by": "super_user",
        "tags": ["wlan", "router"],
        "title": "WLAN bricht abends ständig ab",
        "summary": "Per Kabel stabil, per WLAN nicht, vor allem abends? Meist ein überfüllter "
        "Funkkanal. Vier Einstellungen, die helfen.",
        "body": """Läuft die Verbindung per LAN-Kabel stabil, aber das WLAN bricht ab, liegt es am Funk. Abends, wenn alle Nachbarn online sind, sind die Kanäle besonders voll.

## Diese Einstellungen helfen

1. **WLAN → Funkkanal → automatisch** und „Kanal bei Störung wechseln“ einschalten.
2. **Band Steering** aktivieren, damit Geräte das schnellere, weniger volle 5-GHz-Band nutzen
   (ein Netzwerkname für beide Bänder).
3. Unter **System → Update** nach neuer Firmware schauen.
4. Die Box frei aufstellen, auf Tischhöhe, nicht im Schrank oder hinter dem Fernseher.

## Große Wohnung, mehrere Etagen

Ein **Mesh Repeater 3000** erweitert das Netz mit demselben Namen und Passwort; die Geräte
wechseln selbst zwischen Box und Repeater.

## Bricht es immer noch ab?

Schreib in der Community, was du probiert hast und seit wann es passiert. Eventuell bitten wir
dich per privater Nachricht um das Ereignisprotokoll der Box (**System → Ereignisse**).
""",
    },
    {
        "key": "speed-en",
        "section": "internet",
        "language": "en",
        "tags": ["fiber", "router"],
        "applies_to": "Fiber 100, 250, 500 and 1000",
        "title": "Measure your internet speed properly",
        "summary": "Speed tests over Wi-Fi measure the Wi-Fi, not your line. How to measure so "
        "that the result counts, and what happens when it is too low.",
        "body": """A speed test over Wi-Fi usually shows much less than your plan: it measures the Wi-Fi, not the line. To get a result that counts:

## How to measure

1. Connect a computer **by LAN cable** directly to the box.
2. Disconnect other devices for a moment (streaming, downloads, game consoles).
3. Run our speed test **three times at different times of day**.

## What to expect

| Plan | at least (90 %) |
|---|---|
| Fiber 100 | 90 Mbit/s |
| Fiber 250 | 225 Mbit/s |
| Fiber 500 | 450 Mbit/s |
| Fiber 1000 | 900 Mbit/s |

For Fiber 1000, the computer and cable must manage more than 1 Gbit/s: use the 2.5 Gbit/s port
of the Box 5 Pro and a Cat 6 cable, otherwise you measure the port, not the line.

## Still too slow?

If you stay below 90 % over cable, post your three results in the community (without your
address). We order a line check and continue in a private support case.
""",
    },
    {
        "key": "speed-de",
        "section": "internet",
        "language": "de",
        "translation_of": "speed-en",
        "tags": ["glasfaser", "router"],
        "applies_to": "Fiber 100, 250, 500 und 1000",
        "title": "Internetgeschwindigkeit richtig messen",
        "summary": "Ein Speedtest per WLAN misst das WLAN, nicht deine Leitung. So misst du, dass "
        "das Ergebnis zählt, und so geht es weiter, wenn es zu wenig ist.",
        "body": """Ein Speedtest per WLAN zeigt meist deutlich weniger als dein Tarif: Er misst das WLAN, nicht die Leitung. Für ein Ergebnis, das zählt:

## So misst du

1. Schließ einen Rechner **per LAN-Kabel** direkt an die Box an.
2. Trenne kurz alle anderen Geräte (Streaming, Downloads, Spielkonsolen).
3. Führ unseren Speedtest **dreimal zu verschiedenen Tageszeiten** aus.

## Was du erwarten kannst

| Tarif | mindestens (90 %) |
|---|---|
| Fiber 100 | 90 Mbit/s |
| Fiber 250 | 225 Mbit/s |
| Fiber 500 | 450 Mbit/s |
| Fiber 1000 | 900 Mbit/s |

Bei Fiber 1000 müssen Rechner und Kabel mehr als 1 Gbit/s schaffen: Nimm den 2,5-Gbit/s-Anschluss
der Box 5 Pro und ein Cat-6-Kabel, sonst misst du den Anschluss, nicht die Leitung.

## Immer noch zu langsam?

Liegst du per Kabel unter 90 %, poste deine drei Ergebnisse in der Community (ohne Adresse).
Wir beauftragen eine Leitungsprüfung und machen in einem privaten Support-Fall weiter.
""",
    },
    {
        "key": "box5-en",
        "section": "internet",
        "language": "en",
        "tags": ["router"],
        "applies_to": "Peerdesk Box 5 and Box 5 Pro",
        "title": "Box 5 or Box 5 Pro: which router do I need?",
        "summary": "The differences at a glance, and for which plans the Pro is worth it.",
        "body": """Both boxes do everything most homes need. The Pro pays off with Fiber 1000 and many Wi-Fi devices.

## At a glance

| | Box 5 | Box 5 Pro |
|---|---|---|
| Wi-Fi | Wi-Fi 6 | Wi-Fi 6E (extra 6 GHz band) |
| LAN ports | 4 × 1 Gbit/s | 3 × 1 Gbit/s + 1 × 2.5 Gbit/s |
| DECT phones | yes | yes |
| Mesh with Mesh Repeater 3000 | yes | yes |

## Which one?

- **Up to Fiber 500**: the Box 5 is plenty.
- **Fiber 1000**: the Box 5 Pro, so that a wired computer gets the full speed through the
  2.5 Gbit/s port.
- **Many devices at once** (home office, streaming, gaming): the Pro's 6 GHz band is free of
  neighbours' networks.

You can swap the box later at any time; the old one goes back with a free return label.
""",
    },
    {
        "key": "port-forwarding-en",
        "section": "internet",
        "language": "en",
        "by": "super_user",
        "tags": ["router"],
        "applies_to": "Peerdesk Box 5, Box 5 Pro and Fiber Box",
        "title": "Set up port forwarding for a game console",
        "summary": "Open NAT for PS5, Xbox or Switch: give the console a fixed address, then "
        "forward its ports, or use UPnP.",
        "body": """Online games often want an "open NAT". The box can give you that in two ways.

## The easy way: UPnP

Under **Network → Port forwarding**, turn on **Allow UPnP for this device** for the console.
The console then opens the ports it needs by itself. That is enough for most games.

## By hand

1. **Network → Devices**: open the console and tick **Always give this device the same address**.
2. **Network → Port forwarding → Add**: choose the console and the ports your game's support
   page lists (TCP or UDP as given there).
3. Restart the console and run its network test.

## Still "strict NAT"?

Some fiber lines share one public address between several homes (DS-Lite). Port forwarding
does not work through that; ask in the community and we switch your line to a full address.
""",
    },
    # --- Mobile, SIM & app -----------------------------------------------------------------
    {
        "key": "esim-en",
        "section": "mobile",
        "language": "en",
        "from_thread": "esim-transfer",
        "tags": ["esim"],
        "title": "Move your eSIM to a new phone",
        "summary": "Free and done in minutes: request a QR code in your account and scan it "
        "with the new phone.",
        "body": """Moving your eSIM to a new phone is free.

## How to

1. Open **My account → SIM → eSIM on new device**.
2. Scan the QR code with the new phone. The code works **once** only, so scan it on the phone
   that should keep it.
3. The old eSIM is deactivated automatically when the new one is active.

Some phones offer a direct transfer from the old to the new phone in their setup assistant;
that is even quicker and works with our eSIMs too.

## Good to know

- Keep the old phone switched on until the new one shows our network.
- Your number, plan and allowance stay as they are.
- A QR code you scanned by mistake? Simply request a new one; the old code stops working.
""",
    },
    {
        "key": "esim-de",
        "section": "mobile",
        "language": "de",
        "translation_of": "esim-en",
        "from_thread": "esim-transfer",
        "tags": ["esim"],
        "title": "eSIM auf ein neues Handy übertragen",
        "summary": "Kostenlos und in ein paar Minuten erledigt: QR-Code im Konto anfordern und "
        "mit dem neuen Handy scannen.",
        "body": """Die eSIM auf ein neues Handy zu übertragen ist kostenlos.

## So geht's

1. Öffne **Mein Konto → SIM → eSIM auf neues Gerät**.
2. Scanne den QR-Code mit dem neuen Handy. Der Code gilt **nur einmal**, scanne ihn also mit dem
   Handy, das die eSIM behalten soll.
3. Die alte eSIM wird automatisch deaktiviert, sobald die neue aktiv ist.

Manche Handys bieten im Einrichtungsassistenten eine direkte Übertragung vom alten aufs neue
Gerät an; das geht noch schneller und klappt auch mit unseren eSIMs.

## Gut zu wissen

- Lass das alte Handy an, bis das neue unser Netz anzeigt.
- Rufnummer, Tarif und Datenvolumen bleiben, wie sie sind.
- Aus Versehen gescannt? Fordere einfach einen neuen Code an; der alte gilt dann nicht mehr.
""",
    },
    {
        "key": "roaming-en",
        "section": "mobile",
        "language": "en",
        "tags": ["roaming", "plan"],
        "title": "Using your phone abroad: roaming costs",
        "summary": "In the EU your plan works as at home. Outside the EU: the travel pass and "
        "the cost limit that protects you.",
        "body": """## In the EU

Calls, texts and data work as at home, at no extra cost, within your plan's allowance.

## Outside the EU

Without a pass every megabyte is charged, which is why we send you a text when you arrive.

- The **travel pass** (app → **Plan → Roaming**) gives you a fixed bundle for a fixed price.
- A **cost limit of €59** per billing period protects you from high bills: when it is reached,
  mobile data pauses until you allow more.

## Before you travel

Check the country list under **Plan → Roaming**: not every European country counts as EU zone
(Switzerland and the United Kingdom, for example, may not). Ships and planes have their own
satellite networks and are always charged separately; switch on flight mode on board.
""",
    },
    {
        "key": "roaming-de",
        "section": "mobile",
        "language": "de",
        "translation_of": "roaming-en",
        "tags": ["roaming", "tarif"],
        "title": "Handy im Ausland: was Roaming kostet",
        "summary": "In der EU gilt dein Tarif wie zu Hause. Außerhalb der EU: der Reisepass und "
        "die Kostengrenze, die dich schützt.",
        "body": """## In der EU

Telefonieren, SMS und Daten funktionieren wie zu Hause, ohne Aufpreis, im Rahmen deines Tarifs.

## Außerhalb der EU

Ohne Pass kostet jedes Megabyte extra; deshalb schicken wir dir bei der Ankunft eine SMS.

- Der **Reisepass** (App → **Tarif → Roaming**) gibt dir ein festes Paket zum festen Preis.
- Eine **Kostengrenze von 59 €** pro Abrechnungszeitraum schützt dich vor hohen Rechnungen: Ist
  sie erreicht, pausieren die mobilen Daten, bis du mehr freigibst.

## Vor der Reise

Schau in die Länderliste unter **Tarif → Roaming**: Nicht jedes europäische Land zählt zur
EU-Zone (zum Beispiel die Schweiz und Großbritannien nicht unbedingt). Auf Schiffen und in
Flugzeugen gibt es eigene Satellitennetze, die immer extra kosten; schalte an Bord den Flugmodus ein.
""",
    },
    {
        "key": "e1042-en",
        "section": "mobile",
        "language": "en",
        "from_thread": "app-login-e1042",
        "tags": ["app", "login"],
        "applies_to": "Peerdesk app for iOS and Android",
        "title": "App sign-in fails with error E-1042",
        "summary": "E-1042 means the app cannot sync the sign-in with your account. Usually "
        "the phone's clock; here is what fixes it.",
        "body": """**E-1042** means the app cannot sync your sign-in with your account.

## Causes and fixes

| Cause | Fix |
|---|---|
| The phone's clock is wrong | Set date & time to **automatic** |
| An old app version | Update the app from the app store |
| Damaged app data | Clear the app's storage, then sign in again |

The clock is the most common cause: if it is a few minutes off, the sign-in looks as if it came
from the future and is refused.

## Step by step

1. **Settings → Date & time → Set automatically**: on.
2. Force-close the app.
3. Open it and sign in again.

## Still E-1042?

Tell us in the community your app version and phone model (no account details, please).
""",
    },
    {
        "key": "e1042-de",
        "section": "mobile",
        "language": "de",
        "translation_of": "e1042-en",
        "from_thread": "app-login-e1042",
        "tags": ["app", "login"],
        "applies_to": "Peerdesk-App für iOS und Android",
        "title": "App-Anmeldung scheitert mit Fehler E-1042",
        "summary": "E-1042 heißt: Die App kann die Anmeldung nicht mit deinem Konto abgleichen. "
        "Meist liegt es an der Uhrzeit; so behebst du es.",
        "body": """**E-1042** heißt, dass die App deine Anmeldung nicht mit deinem Konto abgleichen kann.

## Ursachen und Lösungen

| Ursache | Lösung |
|---|---|
| Uhrzeit des Handys falsch | Datum & Uhrzeit auf **automatisch** stellen |
| Alte App-Version | App im App-Store aktualisieren |
| Beschädigte App-Daten | App-Speicher leeren, dann neu anmelden |

Am häufigsten ist es die Uhrzeit: Geht sie ein paar Minuten falsch, sieht die Anmeldung aus, als
käme sie aus der Zukunft, und wird abgelehnt.

## Schritt für Schritt

1. **Einstellungen → Datum & Uhrzeit → Automatisch einstellen**: an.
2. App vollständig schließen.
3. App öffnen und neu anmelden.

## Immer noch E-1042?

Schreib uns in der Community deine App-Version und dein Handymodell (bitte keine Kontodaten).
""",
    },
    {
        "key": "datenpass-de",
        "section": "mobile",
        "language": "de",
        "from_thread": "data-pass",
        "by": "super_user",
        "tags": ["tarif"],
        "applies_to": "Mobil S, M, L und Young",
        "title": "Datenvolumen aufgebraucht: Datenpass nachbuchen",
        "summary": "Gedrosselt? In 30 Sekunden wieder schnell: über die Drosselungsseite oder "
        "in der App.",
        "body": """Ist dein Datenvolumen aufgebraucht, surfst du gedrosselt weiter. Mit einem Datenpass bist du sofort wieder schnell.

## So buchst du nach

- **Drosselungsseite**: Sie öffnet sich automatisch, wenn du im Mobilfunknetz surfst (nicht im
  WLAN). Pass auswählen, bestätigen, fertig, ohne Anmeldung.
- **App**: **Tarif → Datenpass**.

Der Pass ist sofort aktiv und gilt bis zum Ende des Abrechnungszeitraums. Nicht verbrauchtes
Volumen verfällt dann.

## Passiert dir das öfter?

Dann lohnt sich vielleicht ein größerer Tarif. Ein Wechsel nach oben geht jederzeit unter
**Tarif → Tarif wechseln** und gilt ab sofort.
""",
    },
    # --- Account, contract & privacy ---------------------------------------------------------
    {
        "key": "password-en",
        "section": "account",
        "language": "en",
        "from_thread": "password-reset-mail",
        "tags": ["password", "login"],
        "title": "The password reset e-mail doesn't arrive",
        "summary": "Request the link once, use the newest one, and look in these folders. What "
        "to do when nothing arrives at all.",
        "body": """## Four things that almost always help

1. Request the reset **once** and use the **newest** link: every new request makes the older
   links invalid.
2. The link is valid for **60 minutes**.
3. Look in the **Promotions** and **Updates** folders and in spam, not only the inbox.
4. If your mail app checks links before you open them, the link can be used up by that check:
   copy it and open it directly in the browser.

## Nothing arrives at all

Perhaps the account uses another e-mail address. Ask us in the community; we continue in a
private message. Never post your password, and we will never ask for it.
""",
    },
    {
        "key": "password-de",
        "section": "account",
        "language": "de",
        "translation_of": "password-en",
        "from_thread": "password-reset-mail",
        "tags": ["passwort", "login"],
        "title": "Die E-Mail zum Zurücksetzen des Passworts kommt nicht an",
        "summary": "Link nur einmal anfordern, den neuesten nutzen und in diesen Ordnern "
        "nachschauen. Was tun, wenn gar nichts ankommt?",
        "body": """## Vier Dinge, die fast immer helfen

1. Fordere das Zurücksetzen **einmal** an und nutze den **neuesten** Link: Jede neue Anfrage
   macht die älteren Links ungültig.
2. Der Link ist **60 Minuten** gültig.
3. Schau in den Ordnern **Werbung** und **Benachrichtigungen** und im Spam nach, nicht nur im
   Posteingang.
4. Prüft dein Mailprogramm Links, bevor du sie öffnest, kann der Link dabei verbraucht werden:
   Kopier ihn und öffne ihn direkt im Browser.

## Es kommt gar nichts an

Vielleicht läuft das Konto über eine andere E-Mail-Adresse. Frag uns in der Community; wir machen
per privater Nachricht weiter. Poste nie dein Passwort, wir fragen auch nie danach.
""",
    },
    {
        "key": "2fa-en",
        "section": "account",
        "language": "en",
        "tags": ["2fa", "login"],
        "title": "New phone: keep your two-factor authentication",
        "summary": "Move 2FA to the new phone while the old one still works; what to do when "
        "the old phone and the recovery codes are gone.",
        "body": """## While the old phone still works

1. Sign in and open **Account → Security → Two-factor → Change device**.
2. Scan the QR code with the authenticator app on the new phone.
3. Only then delete the app from the old phone.

Save the **recovery codes** shown afterwards somewhere safe (printed, or in a password manager).

## Old phone gone, no recovery codes

We can reset two-factor authentication after an identity check. Ask in the community and we
continue in a private message; please don't post any personal details in the thread. After
the reset, set up 2FA on the new phone under **Account → Security** and save fresh recovery codes.

## Which authenticator app?

Any app that supports time-based codes (TOTP) works, for example the one built into your
password manager.
""",
    },
    {
        "key": "2fa-de",
        "section": "account",
        "language": "de",
        "translation_of": "2fa-en",
        "from_thread": "2fa-new-phone",
        "by": "super_user",
        "tags": ["2fa", "login"],
        "title": "Neues Handy: Zwei-Faktor-Authentifizierung mitnehmen",
        "summary": "2FA aufs neue Handy umziehen, solange das alte noch geht, und was tun, wenn "
        "altes Handy und Wiederherstellungscodes weg sind.",
        "body": """## Solange das alte Handy noch funktioniert

1. Melde dich an und öffne **Konto → Sicherheit → Zwei-Faktor → Gerät wechseln**.
2. Scanne den QR-Code mit der Authenticator-App auf dem neuen Handy.
3. Lösch die App erst danach vom alten Handy.

Bewahre die danach angezeigten **Wiederherstellungscodes** sicher auf (ausgedruckt oder im
Passwortmanager).

## Altes Handy weg, keine Wiederherstellungscodes

Wir können die Zwei-Faktor-Authentifizierung nach einer Identitätsprüfung zurücksetzen. Frag in
der Community, wir machen per privater Nachricht weiter; poste bitte keine persönlichen Angaben
im Thema. Richte danach 2FA unter **Konto → Sicherheit** auf dem neuen Handy ein und speichere
neue Wiederherstellungscodes.

## Welche Authenticator-App?

Jede App, die zeitbasierte Codes (TOTP) unterstützt, zum Beispiel die in deinem Passwortmanager.
""",
    },
    {
        "key": "kuendigung-de",
        "section": "account",
        "language": "de",
        "from_thread": "cancellation-period",
        "tags": ["kündigung", "vertrag"],
        "title": "Vertrag kündigen: Fristen und wie es geht",
        "summary": "Welche Frist gilt, wie du online kündigst und wann die Bestätigung kommt.",
        "body": """## Welche Frist gilt?

| Situation | Frist |
|---|---|
| in der Mindestlaufzeit | Kündigung zum Ende der Laufzeit |
| nach der Mindestlaufzeit | jederzeit mit einem Monat Frist |

Wann deine Mindestlaufzeit endet, siehst du unter **Mein Konto → Verträge**.

## So kündigst du

Online über **„Verträge hier kündigen“** im Fuß jeder Seite, ohne Anmeldung. Du bekommst sofort
eine Eingangsbestätigung und innerhalb weniger Tage die Bestätigung mit dem Vertragsende.

## Rufnummer behalten

Willst du deine Nummer zu einem anderen Anbieter mitnehmen, gib das bei der Kündigung an. Die
Mitnahme beauftragt dann dein neuer Anbieter.

## Preiserhöhung angekündigt?

Bei einer Preiserhöhung hast du ein Sonderkündigungsrecht; wie lange, steht in unserem Schreiben
dazu.
""",
    },
    {
        "key": "umzug-de",
        "section": "account",
        "language": "de",
        "tags": ["vertrag", "glasfaser"],
        "title": "Umzug: Internetvertrag mitnehmen",
        "summary": "Melde den Umzug 4 Wochen vorher an; wir prüfen die neue Adresse und sagen "
        "dir, wie es weitergeht.",
        "body": """Melde deinen Umzug bitte **mindestens 4 Wochen vorher** unter **Mein Konto → Umzug** an. Wir prüfen die Verfügbarkeit an der neuen Adresse.

## Was dann passiert

- **Dein Tarif ist verfügbar**: Wir schalten zum Umzugstermin um, der Vertrag läuft weiter.
- **Nur ein anderer Tarif ist verfügbar**: Du kannst wechseln oder kündigen.
- **Kein Anschluss möglich**: Du hast ein Sonderkündigungsrecht mit einem Monat Frist.

## Die Box kommt mit

Nimm deine Box einfach mit und schließ sie in der neuen Wohnung an; die Zugangsdaten stellen
sich automatisch um, sobald wir umgeschaltet haben.
""",
    },
    # --- Orders, delivery & returns ----------------------------------------------------------
    {
        "key": "return-en",
        "section": "orders",
        "language": "en",
        "from_thread": "return-label",
        "tags": ["return"],
        "title": "Send something back: return label or QR code",
        "summary": "Returns are free. Start one in your orders, take a QR code or a label, and "
        "your refund starts once we've checked the parcel.",
        "body": """Returns are free for you.

## How to

1. **Orders → choose the order → Return items**.
2. Give a reason and choose a **QR code** or a **printable label**.
3. Drop the parcel at a parcel shop. With the QR code, they print the label for you; no printer needed.

## Your refund

The refund starts once we have checked the parcel, usually **3–5 working days** after it
arrives. It goes back the way you paid; a bank may take a few more days to show it.

## Within 14 days

You may withdraw from a purchase within 14 days without giving a reason. Devices with a
contract: the contract is withdrawn with the device.
""",
    },
    {
        "key": "return-de",
        "section": "orders",
        "language": "de",
        "translation_of": "return-en",
        "from_thread": "return-label",
        "tags": ["retoure"],
        "title": "Etwas zurückschicken: Retourenschein oder QR-Code",
        "summary": "Rücksendungen sind kostenlos. Starte sie in deinen Bestellungen, nimm einen "
        "QR-Code oder ein Etikett, und die Erstattung beginnt nach unserer Prüfung.",
        "body": """Die Rücksendung ist für dich kostenlos.

## So geht's

1. **Bestellungen → Bestellung auswählen → Artikel zurücksenden**.
2. Grund angeben und **QR-Code** oder **Etikett zum Drucken** wählen.
3. Paket im Paketshop abgeben. Mit dem QR-Code druckt der Shop das Etikett; du brauchst keinen Drucker.

## Deine Erstattung

Die Erstattung startet, sobald wir das Paket geprüft haben, meist **3–5 Werktage** nach dem
Eingang. Das Geld geht auf dem Weg zurück, auf dem du bezahlt hast; bei der Bank kann es noch ein
paar Tage dauern, bis du es siehst.

## Innerhalb von 14 Tagen

Einen Kauf kannst du innerhalb von 14 Tagen ohne Angabe von Gründen widerrufen. Geräte mit
Vertrag: Der Vertrag wird mit dem Gerät widerrufen.
""",
    },
    {
        "key": "damaged-en",
        "section": "orders",
        "language": "en",
        "from_thread": "damaged-item",
        "tags": ["delivery", "return"],
        "title": "An item arrived damaged",
        "summary": 'Take photos, report it as a return with the reason "Arrived damaged", and '
        "we send a replacement straight away.",
        "body": """Sorry about that! We replace it without waiting for the return.

## What to do

1. Take a photo or two of the box and the item before you throw anything away.
2. **Orders → choose the order → Return items**, reason **Arrived damaged**, and upload the photos.
3. We send the replacement right away; return the damaged item with the free label.

## Damaged parcel at the door

If the parcel was visibly damaged on delivery, you can also refuse it at the door; it comes
back to us and we send a new one.
""",
    },
    {
        "key": "locker-en",
        "section": "orders",
        "language": "en",
        "tags": ["delivery"],
        "title": "Delivery to a parcel locker or parcel shop",
        "summary": "Most items can go to a parcel locker; SIM cards and devices with a contract "
        "are handed over in person.",
        "body": """## Most items: yes

At checkout choose **Delivery address → Parcel locker / parcel shop** and pick one on the map.
You can also change an order to a locker until it ships: **Orders → choose the order → Change
delivery address**.

## Handed over in person

SIM cards, phones and routers that come **with a contract** cannot go to a locker: the carrier
checks your ID at the door. Have an ID document ready; someone else may accept it only with
your written authorisation and their own ID.
""",
    },
    # --- Drafts --------------------------------------------------------------------------------
    {
        "key": "tracking-draft-en",
        "section": "orders",
        "language": "en",
        "by": "super_user",
        "draft": True,
        "review": True,
        "tags": ["delivery"],
        "title": "My parcel hasn't moved for days",
        "summary": "When we open a trace with the carrier, and when you get a replacement.",
        "body": """If tracking shows no new scan for **more than 5 working days**, we open a trace with the carrier.

- Ask in the community with your order's date (not the order number in public); we open the trace.
- If the parcel doesn't turn up within **3 working days** after that, we send a replacement free of charge.
- You get an e-mail with the outcome.
""",
    },
    {
        "key": "multisim-draft-de",
        "section": "mobile",
        "language": "de",
        "by": "super_user",
        "draft": True,
        "tags": ["tarif", "esim"],
        "title": "MultiSIM: eine zweite SIM für Tablet oder Smartwatch",
        "summary": "Bis zu zwei weitere SIM- oder eSIM-Profile, die sich dein Datenvolumen teilen.",
        "body": """Mit der Option **MultiSIM** (unter **Tarif → Optionen**) bekommst du bis zu zwei weitere SIM- oder eSIM-Profile, die sich das Datenvolumen deines Tarifs teilen.

## Für Smartwatches

Für Smartwatches gibt es eine eigene eSIM-Variante mit derselben Rufnummer wie dein Handy.

*Entwurf: Preise und Tarife, in denen die Option buchbar ist, ergänzen.*
""",
    },
    {
        "key": "export-draft-en",
        "section": "account",
        "language": "en",
        "draft": True,
        "tags": ["privacy", "account"],
        "title": "Get a copy of your data (GDPR)",
        "summary": "Export your data from your account, or ask our data protection officer for "
        "full disclosure.",
        "body": """## Export from your account

1. **My account → Privacy → Export my data**.
2. We prepare a ZIP archive (contract data, invoices, orders, consents), usually within 24 hours.
3. You get an e-mail with a download link that is valid for 7 days.

## Full disclosure

For a full disclosure including your contact history, write to our data protection officer
through the form on the privacy page. The legal deadline is one month.
""",
    },
]

# Edits super users proposed for published articles, waiting for staff: the text in `add` is
# appended to the article's body; `note` says what changed.
PROPOSALS = [
    {
        "article": "e3105-en",
        "note": "Added what the lights on the box say",
        "add": """## What the lights say

- **Internet** light off: the box gets no signal at all; check that the fiber cable is clicked in at both ends.
- **Internet** light blinking red: the box gets a signal but cannot sign in; that is E-3105, go through the steps above.
""",
    },
    {
        "article": "datenpass-de",
        "note": "Hinweis zum automatischen Datenpass ergänzt",
        "add": """## Automatisch nachbuchen?

Unter **Tarif → Datenpass → Automatisch** kannst du einstellen, dass bis zu dreimal im Monat
automatisch ein Pass gebucht wird, wenn dein Volumen aufgebraucht ist. Du bekommst jedes Mal
eine SMS.
""",
    },
]
