# Noden's texts in Swedish, the first language. Every key here is in en.ftl too
# (web::i18n::tests::both_catalogues_have_the_same_keys).

## The frame around every page (base.html)

site-tagline = Välfärdsteknik i länet – det som redan testats
skip-to-content = Hoppa till innehållet
nav-main = Huvudmeny
nav-search = Sök
nav-needs = Behov
nav-trials = Tester
nav-technology = Teknik
nav-coaches = Teknikcoacher
nav-overview = Översikt
nav-organisations = Organisationer
nav-field-reports = Fältrapporter
nav-procurements = Upphandlingar
nav-account = Ditt konto
nav-notices = Notiser
nav-unread = olästa
nav-new-field-report = Ny fältrapport
nav-account-page = Konto
nav-review = Granskning
nav-review-waiting = väntar
nav-admin = Admin
sign-out = Logga ut
sign-in = Logga in
language-switch = In English
footer-about = Noden – regional samverkansnod för välfärdsteknik. Innehållet får inte innehålla personuppgifter om brukare.
footer-contact = Kontakta noden
footer-accessibility = Tillgänglighet
footer-api = API (OpenAPI)

## Dates ("14 maj 2024")

date = { $day } { $month } { $year }
month-1 = januari
month-2 = februari
month-3 = mars
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = augusti
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december

## /kontakt

contact-title = Kontakt
contact-heading = Kontakta noden
contact-email = E-post:
contact-error-help = Har du fått ett felmeddelande? Skriv gärna vad du försökte göra och ange förfrågans id som stod på felsidan, så hittar vi felet snabbare.
contact-no-personal-data = Skriv inga personuppgifter om brukare i e-posten.

## /tillganglighet: the accessibility statement (lagen 2018:1937)

a11y-title = Tillgänglighet för Noden
a11y-intro = { $node } är en regional samverkansnod för välfärdsteknik. Vi som driver den vill att alla ska kunna använda den, också den som har en funktionsnedsättning. Det här är Nodens tillgänglighetsredogörelse: här står hur väl Noden uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka brister vi känner till och hur du säger till när något inte fungerar.
a11y-how-heading = Hur tillgänglig är Noden?
a11y-how = Noden uppfyller delvis lagens krav. De brister vi känner till står nedan.
a11y-lacking-heading = Innehåll som inte är tillgängligt
a11y-lacking-attachments = Bilagor som användarna laddar upp (till exempel PDF- och Word-filer) granskas inte för tillgänglighet och kan sakna rubriker, taggar eller bildtexter. Rapporter, behov och tester har alltid sin text på sidan, så en bilaga är ett komplement.
a11y-lacking-federation = Innehåll som kommer från andra läns noder visas som det skickades hit. Rubriknivåer och länktexter i det kan vara bristfälliga.
a11y-lacking-language = Noden finns på svenska och engelska, men ännu är bara en del av sidorna översatta till engelska. Det användarna skriver visas på det språk det skrevs på.
a11y-lacking-manual = Tillgängligheten kontrolleras automatiskt (se nedan). En manuell granskning med skärmläsare av alla sidor har inte gjorts.
a11y-alternative-heading = Om du inte kan använda delar av Noden
a11y-alternative-html = Behöver du något i en annan form, till exempel innehållet i en bilaga som vanlig text, så skriv till <a href="mailto:{ $email }">{ $email }</a>. Vi hjälper dig.
a11y-report-heading = Säg till om brister
a11y-report-html = Hittar du ett problem som inte står här, eller tycker du att Noden inte uppfyller lagens krav, så skriv till <a href="mailto:{ $email }">{ $email }</a> eller använd <a href="/kontakt">kontaktsidan</a>. Skriv vilken sida det gäller och vad som inte fungerade. Skriv inga personuppgifter om brukare.
a11y-enforcement-heading = Tillsyn
a11y-enforcement-html = Myndigheten för digital förvaltning (Digg) har tillsyn över lagen om tillgänglighet till digital offentlig service. Är du inte nöjd med hur vi tar hand om det du har påpekat kan du anmäla det till Digg på <a href="https://www.digg.se/">digg.se</a>.
a11y-technical-heading = Teknisk information om tillgängligheten
a11y-technical = Noden är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av bristerna ovan. Kraven är nivå AA i WCAG 2.1, så som standarden EN 301 549 tar in dem.
a11y-tested-heading = Så har vi testat Noden
a11y-tested = Vid varje ändring av Nodens kod öppnas varje typ av sida i webbläsaren Chromium, i mobilens och datorns bredd, som utloggad besökare, som medlem och som nodens personal, och granskas med verktyget axe-core mot WCAG 2.1 nivå A och AA. En ändring som ger ett enda fel tas inte in. Sidorna är byggda för att fungera med tangentbord och utan JavaScript.
a11y-written = Redogörelsen skrevs den { $written } och ses över när Noden ändras på ett sätt som påverkar tillgängligheten.
