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
datetime = { $date } kl. { $time }
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

## The start page (/)

home-title = Start
home-heading = Har någon redan testat det?
home-intro = Sök bland { $total } tester, rapporter och vägledningar från länets kommuner och regionen.
home-categories = Kategorier
home-category-documents = { $count } dokument
home-latest = Senaste rapporterna
home-all-reports = Visa alla rapporter

## The search form, hits, paging and feeds (partials)

search-label = Sök bland tester, rapporter och vägledningar
search-placeholder = t.ex. nattillsyn kamera
search-button = Sök
pager-label = Sidor
pager-previous = ‹ Föregående
pager-next = Nästa ›
feed-subscribe = Prenumerera (Atom)
follow = Bevaka
unfollow = Sluta bevaka
errors-heading = Rätta det här innan du sparar

## /sok

search-title = Sök
search-title-query = { $q } – sök
search-feed-title = Noden – Sökning
search-heading = Sök
search-jump-to-filters = Filtrera träffarna
search-hits = { $total ->
    [one] { $total } träff
   *[other] { $total } träffar
}
search-sorted-by-date = Sorterat efter datum
search-sort-by-relevance = sortera efter relevans
search-sorted-by-relevance = Sorterat efter relevans
search-sort-by-date = sortera efter datum
search-grouped = Visar ett test och dess journalanteckningar var för sig.
search-show-all = Visa alla träffar
search-any-word = Inget dokument innehöll alla orden. Här är de som innehåller något av dem.
search-did-you-mean = Menade du
search-nothing = Inget hittades. Pröva färre eller andra ord, eller ta bort ett filter.
search-filter = Filtrera
search-clear-filters = Rensa alla filter
facet-kind = Typ
facet-category = Kategori
facet-phase = Fas
facet-status = Status
facet-target_group = Målgrupp
facet-participant = Medverkande organisation
facet-organisation = Ansvarig organisation
facet-county = Län
facet-node = Nod
facet-outcome = Utfall
facet-year = År
facet-freshness = Aktualitet
facet-hint-organisation = Skrev rapporten, leder testet eller lyfte behovet.
facet-hint-participant = Deltar i testet eller delar behovet.
facet-this-node = Den här noden
hit-kind-need = Behov
hit-kind-trial = Test i testbädd
hit-kind-journal = Journalanteckning
hit-kind-technology = Teknik i katalogen
hit-kind-procurement = Upphandling
hit-kind-field-report = Fältrapport
hit-from-node = Från { $node }
journal-matches = { $count ->
    [one] 1 journalanteckning matchar
   *[other] { $count } journalanteckningar matchar
}

## Freshness (partials/freshness.html)

freshness-current = Aktuell
freshness-stale = Kan vara inaktuell
freshness-archived = Arkiverad
freshness-archived-on = Arkiverad { $date }.
freshness-archived-text = Innehållet finns kvar att läsa men hålls inte längre aktuellt.
freshness-unarchive = Ta fram ur arkivet
freshness-stale-text = Ingen har uppdaterat eller bekräftat innehållet sedan { $date }.
freshness-owner = Ansvarar för att innehållet är aktuellt: { $owner }.
freshness-take-ownership = Jag tar ansvar för det
freshness-still-correct = Det stämmer fortfarande
freshness-archive = Arkivera
freshness-archive-text = Arkiverat innehåll finns kvar att läsa och hitta, märkt som arkiverat, men ingen påminns om att hålla det aktuellt.
freshness-archive-confirm = Ja, arkivera

## Error pages

error-sign-in = Logga in
error-help-html = <a href="/">Till startsidan</a> eller <a href="/sok">sök</a>. Behöver du hjälp? <a href="/kontakt">Kontakta noden</a>.
error-code = Felkod { $status } · förfrågans id:

## /konto: the account's language

account-language-heading = Språk
account-language-legend = Noden visas på
account-language-browser = Det språk webbläsaren ber om
account-language-save = Spara språket
account-language-saved = Språket är sparat

## Signing in (/logga-in, the link's page and its e-mail)

sign-in-to-continue = Logga in för att fortsätta. Du kommer sedan tillbaka till sidan du var på.
sign-in-already-html = Du är inloggad som <strong>{ $who }</strong>.
sign-in-to-account = Till ditt konto
sign-in-check-mail = Kolla din e-post
sign-in-link-sent-html = Vi har skickat en inloggningslänk till <strong>{ $to }</strong>. Den gäller i 15 minuter och fungerar en gång.
sign-in-by-organisation = Via din organisation
sign-in-by-organisation-text = Välj din kommun eller region. Du skickas till organisationens inloggning och kommer sedan tillbaka hit.
sign-in-by-mail = Med en länk till din e-post
sign-in-by-mail-text = För organisationer utan egen inloggning: skriv din e-postadress i tjänsten så skickar vi en länk som loggar in dig.
sign-in-email = E-postadress
sign-in-send-link = Skicka inloggningslänk
sign-in-confirm-heading = Logga in i Noden
sign-in-confirm-text = Du har öppnat en inloggningslänk. Tryck på knappen för att logga in.
sign-in-not-an-address = Skriv en e-postadress, till exempel fornamn.efternamn@kommun.se.
sign-in-unknown-domain = Adressens domän hör inte till någon organisation i Noden. Använd din adress i tjänsten (till exempel namn@kommun.se), eller be nodens administratör registrera domänen.
sign-in-account-disabled = Kontot för den här adressen är avstängt. Kontakta nodens administratör.
mail-hello = Hej!
mail-signature = Noden – regional samverkansnod för välfärdsteknik
mail-sign-in-subject = Din inloggningslänk till Noden
mail-sign-in-asked = Någon (förhoppningsvis du) bad om att få logga in i Noden som medarbetare i { $organisation }.
mail-sign-in-open = Öppna länken och tryck på knappen Logga in på sidan som visas. Länken gäller i { $minutes } minuter och fungerar en gång:
mail-sign-in-open-html = <a href="{ $link }">Öppna inloggningslänken</a> och tryck på knappen Logga in på sidan som visas.
mail-sign-in-valid = Länken gäller i { $minutes } minuter och fungerar en gång. Går länken inte att öppna, kopiera adressen till webbläsaren:
mail-sign-in-ignore = Bad du inte om länken kan du strunta i det här brevet; ingen kan logga in utan länken.
mail-your-organisation = din organisation

## A report's page (/rapporter/…), its attachments and comments

report-outcome-is = Utfall: { $outcome }
report-organisation = Organisation
report-date = Datum
report-categories = Kategorier
report-phase-heading = Fas
report-target-groups = Målgrupper
report-tags = Taggar
report-updated = Senast ändrad
report-confirmed = Senast bekräftad
report-not-published = Rapporten är inte publicerad: bara er organisation och nodens personal kan läsa den.
report-reviewer-comment = Granskarens kommentar: { $comment }
report-change-waiting = En ändring väntar på granskning.
report-your-change-waiting = Din ändring väntar på granskning.
report-change-waiting-text = Den publicerade versionen visas tills ändringen är godkänd.
report-change-sent-by = Skickad av { $by }
report-change-returned = Ändringen är tillbakaskickad med kommentarer.
report-change-returned-text = Den publicerade versionen är oförändrad.
report-change-diff = Vad ändringen ändrar
report-final-report-of = Slutrapport för testet
report-edit = Ändra rapporten
report-history = Historik
report-submit = Skicka för granskning
report-delete-draft = Ta bort utkastet
report-delete-draft-text = Utkastet tas bort för gott, med sin historik. Det har aldrig publicerats.
report-delete-draft-confirm = Ja, ta bort utkastet
errors-heading-send = Rätta det här innan du skickar
report-review-comment = Kommentar till skribenterna (krävs när du skickar tillbaka)
report-publish = Publicera
report-return = Skicka tillbaka
report-similar = Liknande rapporter
attachments = Bilagor
attachments-none = Inga bilagor.
attachments-remove = Ta bort
attachments-remove-file = Ta bort { $file }
attachments-attach-to-entry = Bifoga fil till anteckningen
attachments-file = Fil att bifoga
attachments-upload = Ladda upp
comments = Kommentarer
comments-none = Inga kommentarer än.
comments-replies = Svar
comments-reply = Svara
comments-reply-to = på kommentaren
comments-reply-to-from = på kommentaren från { $author }
comments-your-reply = Ditt svar (Markdown)
comments-send-reply = Skicka svaret
comments-more = { $count } senare kommentarer visas inte här.
comments-write = Skriv en kommentar (Markdown)
comments-write-hint = Högst 4 000 tecken. Du kan ändra den i { $minutes } minuter. Skriv aldrig personnummer eller annat som pekar ut en brukare.
comments-publish = Publicera kommentaren
comments-sign-in-html = <a href="{ $link }">Logga in</a> för att kommentera.
comments-edited = ändrad
comments-removed = Kommentaren är borttagen av noden
comments-edit = Ändra
comments-remove = Ta bort
comments-the-comment = kommentaren

## /konto: the account page

account-title = Ditt konto
account-follows = Dina bevakningar
account-notice-settings = Notiser och e-post
account-reports = Dina rapporter under arbete
account-no-reports = Du har inga utkast och inga rapporter som väntar på granskning.
account-write-report = Skriv en ny rapport
account-changed = ändrad { $when }
account-showing = Visar { $shown } av
account-follow-ups = Uppföljningar att göra
account-no-follow-ups = Inga uppföljningar av era tester faller ut de närmaste två månaderna.
account-follow-up-after = uppföljning efter { $months } månader
account-trials = Tester där { $organisation } leder eller deltar
account-no-trials = Inga tester än.
account-start-trial = Starta ett test
account-all-trials = Alla { $count } tester
account-needs = Behov som { $organisation } har
account-no-needs = Inga behov än.
account-describe-need = Beskriv ett behov
account-others-needs = Se andras behov
account-all-needs = Alla { $count } behov
account-we-lead = { $phase } · vi leder testet
account-we-take-part = { $phase } · vi deltar
account-we-raised = { $status } · vi tog upp behovet
account-we-share = { $status } · vi har samma behov
account-name = Ditt namn
account-name-text = Namnet visas i sidhuvudet, i testernas journal och i rapporternas historik.
account-display-name = Visningsnamn (obligatoriskt)
account-save-name = Spara namnet
account-name-saved = Ditt namn är sparat
account-email = E-post
account-role = Roll
account-mail = E-post om tester och rapporter
account-mail-on-text = Du får e-post när ett test du deltar i får en ny journalanteckning eller byter fas, och när en rapport du skrivit skickas tillbaka eller publiceras.
account-mail-off-text = Du får ingen e-post om tester och rapporter.
account-mail-turn-off = Stäng av e-posten
account-mail-turn-on = Slå på e-posten
account-mail-on = E-posten är påslagen
account-mail-off = E-posten är avstängd
token-heading = Nycklar för API:t
token-text = En personlig nyckel låter ett program läsa eller skriva i Noden i ditt namn. Nyckeln visas bara en gång.
token-new = Din nya nyckel
token-copy-now = (kopiera den nu, den visas inte igen):
token-yours = Dina nycklar
token-name = Namn
token-may = Får
token-created = Skapad
token-last-used = Senast använd
token-action = Åtgärd
token-revoke = Återkalla
token-revoked = Nyckeln är återkallad
token-name-label = Nyckelns namn (obligatoriskt)
token-may-legend = Nyckeln får
token-scope-read = Läsa
token-scope-write = Skriva
token-create = Skapa nyckel
token-read-write = Läsa och skriva
token-read = Läsa
token-nothing = Ingen
token-never-used = aldrig
role-member = Medlem
role-coach = Teknikcoach
role-coordinator = Samordnare
role-node-admin = Nodadministratör
follow-up-recorded = Registrerad
follow-up-overdue = Försenad
follow-up-due = Dags att följa upp
follow-up-coming = Kommande

## Closed lists (vocabularies): a list's noun, then each value's label.

vocabulary-unknown = Okänt värde {$value} för {$list}. Välj bland: {$choices}.

standing = roll i upphandlingen
standing-lead = Ledare
standing-member = Medlem
standing-observer = Observatör

visibility = synlighet
visibility-public = Offentlig
visibility-network = Nodens användare
visibility-organisation = Den egna organisationen
visibility-workspace = Arbetsrummets organisationer

target-group = målgrupp
target-group-ordinart-boende = Äldreomsorg i ordinärt boende
target-group-sarskilt-boende = Särskilt boende
target-group-lss = LSS
target-group-socialpsykiatri = Socialpsykiatri
target-group-ifo = Individ- och familjeomsorg
target-group-hemsjukvard = Hemsjukvård
target-group-anhoriga = Anhöriga
target-group-personal = Personal

direction = riktning
direction-hogre = Högre är bättre
direction-lagre = Lägre är bättre

need-status = status
need-status-ny = Ny
need-status-bedoms = Bedöms
need-status-i-test = I test
need-status-atgardad = Åtgärdad
need-status-avslutad = Avslutad

topic-kind = bevakning
topic-kind-trial = Test
topic-kind-need = Behov
topic-kind-procurement = Upphandling
topic-kind-technology = Teknik
topic-kind-category = Kategori
topic-kind-organisation = Organisation
topic-kind-coach = Teknikcoach
topic-kind-field_report = Fältrapport
topic-kind-report = Rapport
topic-kind-remote_item = Från en annan nod

event-kind = slag av notis
event-kind-field_report = Nya fältrapporter
event-kind-comment = Kommentarer
event-kind-trial = Händelser i tester
event-kind-need = Behov
event-kind-procurement = Upphandlingar
event-kind-promoted = När din fältrapport förs vidare

cadence = hur ofta
cadence-immediate = Direkt
cadence-daily = I en daglig sammanfattning
cadence-weekly = I en veckosammanfattning
cadence-never = Aldrig (bara här i Noden)

party-role = avtalspartens roll
party-role-ordinary = Avtalspart från start
party-role-later = Kan avropa senare

document-type = dokumenttyp
document-type-kravspecifikation = Kravspecifikation
document-type-marknadsanalys = Marknadsanalys
document-type-forfragningsunderlag = Förfrågningsunderlag
document-type-utvarderingsrapport = Utvärderingsrapport
document-type-avtal = Avtal
document-type-ovrigt = Övrigt

procurement-phase = fas
procurement-phase-behovsanalys = Behovsanalys
procurement-phase-marknadsdialog = Marknadsdialog
procurement-phase-forfragningsunderlag = Förfrågningsunderlag
procurement-phase-annonsering = Annonsering
procurement-phase-utvardering = Utvärdering
procurement-phase-tilldelning = Tilldelning
procurement-phase-avtal = Avtal
procurement-phase-uppfoljning = Uppföljning

procurement-role = organisationens roll
procurement-role-lead = Upphandlande myndighet (leder)
procurement-role-participant = Deltagare
procurement-role-observer = Observatör

requirement-kind = kravtyp
requirement-kind-ska = Ska-krav
requirement-kind-bor = Bör-krav

evidence-kind = underlag
evidence-kind-report = Rapport
evidence-kind-trial = Test
evidence-kind-follow_up = Uppföljning

representation = representation
representation-brukare = Brukare
representation-anhoriga = Anhöriga
representation-medarbetare = Medarbetare
representation-fackliga = Fackliga representanter
representation-ovrigt = Övrigt

report-kind = typ
report-kind-testrapport = Testrapport
report-kind-forstudie = Förstudie
report-kind-erfarenhet = Erfarenhetsrapport
report-kind-guide = Vägledning
report-kind-dokument = Dokument

outcome = utfall
outcome-inford = Införd
outcome-ej-inford = Ej införd
outcome-forkastad = Förkastad
outcome-fortsatt-test = Fortsatt test

report-phase = fas
report-phase-behov = Behov
report-phase-forstudie = Förstudie
report-phase-test = Test
report-phase-inforande = Införande
report-phase-drift = I drift
report-phase-uppfoljning = Uppföljning

report-status = status
report-status-utkast = Utkast
report-status-granskas = Väntar på granskning
report-status-returnerad = Återsänd med kommentarer
report-status-publicerad = Publicerad

report-section = avsnitt
report-section-behov = Behov och målgrupp
report-section-sakerhet = Säkerhet
report-section-effekter = Effekter: trygghet, självständighet, delaktighet och aktivitet
report-section-brukarperspektiv = Brukarens perspektiv
report-section-ekonomi = Ekonomi
report-section-organisation = Organisation och arbetssätt
report-section-etik = Etik, samtycke och juridik
report-section-informationssakerhet = Informationssäkerhet
report-section-slutsats = Slutsats och rekommendation till andra kommuner

proximity = närhet
proximity-brukarnara = Brukarnära
proximity-processnara = Processnära

use-status = status
use-status-test = Testas
use-status-infort = Infört
use-status-avvecklat = Avvecklat

entry-status = status
entry-status-katalog = I katalogen
entry-status-forslag = Föreslagen
entry-status-avbojd = Avböjd

trial-phase = fas
trial-phase-planerad = Planerad
trial-phase-pagar = Pågår
trial-phase-avslutad = Avslutad
trial-phase-avbruten = Avbruten

entry-type = typ av anteckning
entry-type-steg = Steg
entry-type-hinder = Hinder
entry-type-mojlighet = Möjlighet
entry-type-beslut = Beslut

## Errors: titles, explanations and the things they name (error.rs, web/errors.rs)

error-title-not-found = Sidan finns inte
error-title-unauthorized = Inloggning krävs
error-title-forbidden = Inte tillåtet
error-title-too-many = För många försök
error-title-bad-request = Felaktig förfrågan
error-title-invalid = Uppgifterna behöver rättas
error-title-conflict = Krock med befintligt innehåll
error-title-gone = Tillbakadraget
error-title-too-large = För stort innehåll
error-title-method = Metoden stöds inte
error-title-storage-full = Det går inte att spara just nu
error-title-unavailable = Tjänsten är inte redo
error-title-internal = Något gick fel
error-not-found = Vi hittar inte { $what }. Den kan ha tagits bort eller aldrig funnits.
error-unauthorized = Skrivningar kräver en giltig nyckel i Authorization-huvudet (Bearer).
error-sign-in-required = Du behöver logga in för att se eller göra det här. Efter inloggningen kommer du tillbaka hit.
error-gone = { $what } är tillbakadraget. Nodens personal kan återställa det.
error-method = Adressen finns, men inte för den metoden. Tillåtna metoder: { $allow }.
error-storage-full = Lagringsutrymmet är fullt, så inget kan sparas just nu. Det du skickade är inte sparat: spara texten på annat sätt och försök igen om en stund. Att läsa och söka går som vanligt. Nodens förvaltare är underrättade.
error-unavailable = Tjänsten startar eller saknar kontakt med databasen eller sökindexet. Försök igen om en stund; kvarstår felet, kontakta oss (se /kontakt).
error-internal = Ett oväntat fel inträffade. Felet är loggat; ange förfrågans id när du kontaktar oss (se /kontakt).
error-unique = Något med samma namn eller adress sparades nyss av någon annan. Kontrollera och försök igen.
error-invalid-value = Ogiltigt värde.
error-too-large-page = Det du skickade är för stort. Korta texten och försök igen.
error-method-page = Den här sidan stöder inte den metoden.
error-bad-request-page = Förfrågan kunde inte tolkas.
error-too-many = Du har gjort för många försök på kort tid. Vänta { $minutes ->
    [one] 1 minut
   *[other] { $minutes } minuter
} och försök igen.
thing-anteckningen = anteckningen
thing-anvandaren = användaren
thing-anvandningen = användningen
thing-arbetsrummet = arbetsrummet
thing-avregistreringslanken = avregistreringslänken
thing-behovet = behovet
thing-beslutet = beslutet
thing-bevakningen = bevakningen
thing-det-du-vill-bevaka = det du vill bevaka
thing-det-som-kommenteras = det som kommenteras
thing-dokumentet = dokumentet
thing-domanen = domänen
thing-filen = filen
thing-fotot = fotot
thing-fragan = frågan
thing-faltrapporten = fältrapporten
thing-inbjudan = inbjudan
thing-indikatorn = indikatorn
thing-instammandet = instämmandet
thing-jobbet = jobbet
thing-kategorin = kategorin
thing-kommentaren = kommentaren
thing-kravet = kravet
thing-lanken = länken
thing-medlemmen = medlemmen
thing-motet = mötet
thing-noden = noden
thing-notisen = notisen
thing-nyckeln = nyckeln
thing-organisationen = organisationen
thing-organisationens-inloggning = organisationens inloggning
thing-rapporten = rapporten
thing-sidan-du-soker = sidan du söker
thing-spraket = språket
thing-teknikcoachen = teknikcoachen
thing-tekniken = tekniken
thing-testet = testet
thing-tilldelningen = tilldelningen
thing-uppfoljningen = uppföljningen
thing-upphandlingen = upphandlingen
thing-versionen = versionen
thing-vyn = vyn

## procurement requirements, talk, documents; workspaces: pages
procurement-req-title = Krav – { $title }
procurement-req-heading = Krav i { $title }
procurement-req-intro = Ska-krav är obligatoriska: anbudet uppfyller dem eller inte. Bör-krav utvärderas och har en vikt i procent; vikterna ska tillsammans bli 100 %. Varje krav visar vilka behov det svarar på och vilka organisationer som har behoven.
procurement-req-add = Lägg till ett krav
procurement-req-csv = Ladda ner kraven som CSV
procurement-req-print = Utskriftsvänlig sida
procurement-req-weights = Vikter
procurement-req-weights-none = Det finns inga bör-krav ännu, så inga vikter att summera.
procurement-req-weights-balanced = Vikterna summerar till 100 %.
procurement-req-weights-missing = Vikterna summerar till { $total } %, { $points ->
        [one] { $points } procentenhet
       *[other] { $points } procentenheter
    } saknas
procurement-req-weights-excess = Vikterna summerar till { $total } %, { $points ->
        [one] { $points } procentenhet
       *[other] { $points } procentenheter
    } för mycket
procurement-req-list-heading = Kraven
procurement-req-none = Inga krav ännu.
procurement-req-weight-badge = Vikt { $weight }
procurement-req-answers-needs = Svarar på behov
procurement-req-no-need = Inget behov kopplat.
procurement-req-evidence = Underlag
procurement-req-hidden-links = { $count ->
        [one] { $count } länk
       *[other] { $count } länkar
    } till behov eller underlag som du inte kan öppna.
procurement-req-edit = Ändra
procurement-req-remove = Ta bort
procurement-req-number = krav { $number }
procurement-req-coverage = Behov och krav
procurement-req-coverage-intro = Behoven som kraven svarar på, och de behov i upphandlingens kategori som en medlemsorganisation har tagit upp eller delar.
procurement-req-uncovered = { $count } behov täcks inte av något krav.
procurement-req-no-needs = Inga behov kopplade ännu.
procurement-req-need-uncovered = Inget krav täcker detta behov
procurement-req-back = Tillbaka till kraven
procurement-req-print-lead = Upphandlande myndighet: { $name }.
procurement-req-print-phase = Fas: { $phase }.
procurement-req-print-printed = Utskrivet { $date }.
procurement-req-print-weight = vikt { $weight }
procurement-req-form-title = Rubrik (obligatoriskt)
procurement-req-form-kind = Typ av krav (obligatoriskt)
procurement-req-form-kind-hint = Ett ska-krav är obligatoriskt och uppfylls eller inte. Ett bör-krav utvärderas och har en vikt.
procurement-req-form-weight = Vikt i procent (bara bör-krav)
procurement-req-form-weight-hint = Ett heltal från 1 till 100. Bör-kravens vikter ska tillsammans bli 100 %; kravlistan visar hur mycket som saknas.
procurement-req-form-number = Nummer i listan
procurement-req-form-number-hint = Lämna tomt för att lägga kravet sist.
procurement-req-form-text = Kravet (Markdown)
procurement-req-form-text-hint = Markdown: **fet**, *kursiv*, - punktlista. Skriv aldrig personnummer eller annat som pekar ut en brukare.
procurement-req-form-needs = Behov som kravet svarar på
procurement-req-form-no-needs = Upphandlingens kategori har inga behov från medlemsorganisationerna. Ange behov med adress nedan.
procurement-req-form-more-needs = Fler behov
procurement-req-form-more-needs-hint-html = Adressen till ett behov i <a href="/behov">behovslistan</a>, till exempel /behov/nattlig-tillsyn-…, ett per rad.
procurement-req-form-evidence = Underlag
procurement-req-form-evidence-hint = Adressen till en rapport (/rapporter/…), ett test (/tester/…) eller ett tests uppföljning (/tester/…/uppfoljning/12), en per rad.
procurement-req-form-hidden-links = Kravet har { $count ->
        [one] { $count } länk
       *[other] { $count } länkar
    } till behov eller underlag som du inte kan öppna. De ligger kvar.
procurement-req-form-cancel = Avbryt
procurement-req-edit-heading = Ändra krav { $number }: { $title }
procurement-req-new-heading = Nytt krav i { $title }
procurement-req-save = Spara kravet
procurement-req-add-button = Lägg till kravet
procurement-req-added = Kravet är tillagt
procurement-req-saved = Kravet är sparat
procurement-req-removed = Kravet är borttaget
procurement-req-remove-heading = Ta bort krav { $number }: "{ $title }"
procurement-req-remove-text = Kravet och dess kopplingar till behov och underlag tas bort ur upphandlingen. Behoven och underlagen finns kvar.
procurement-req-remove-button = Ta bort kravet
procurement-talk-questions = Frågor och svar
procurement-talk-in = i { $title }
procurement-talk-replies = { $count } svar
procurement-talk-reply-heading = Svara
procurement-talk-reply-label = Ditt svar (obligatoriskt, Markdown)
procurement-talk-privacy-hint = Skriv aldrig personnummer eller annat som pekar ut en brukare.
procurement-talk-reply-button = Skicka svaret
procurement-talk-observers-questions = Observatörer läser frågor och svar men skriver inte här.
procurement-talk-questions-title = Frågor och svar – { $title }
procurement-talk-questions-heading = Frågor och svar i { $title }
procurement-talk-questions-intro = Frågor som medlemmarna diskuterar. Varje ny fråga och varje svar skickas med e-post till upphandlingens andra medlemmar.
procurement-talk-questions-count = { $count ->
        [one] { $count } fråga
       *[other] { $count } frågor
    }, den senast aktiva först.
procurement-talk-last-active = senast { $when }
procurement-talk-ask-heading = Ställ en fråga
procurement-talk-ask-title = Rubrik (obligatoriskt)
procurement-talk-ask-text = Frågan (obligatoriskt, Markdown)
procurement-talk-ask-button = Ställ frågan
procurement-talk-reference-title = Referensgrupp – { $title }
procurement-talk-reference-heading = Referensgrupp för { $title }
procurement-talk-reference-intro = Vilka som är representerade i referensgruppen och vad som sades på dess möten. Skriv aldrig namn, personnummer eller annat som pekar ut en brukare.
procurement-talk-composition = Sammansättning
procurement-talk-composition-none = Ingen sammansättning är angiven ännu.
procurement-talk-composition-add = Lägg till i referensgruppen
procurement-talk-representation = Representerar (obligatoriskt)
procurement-talk-choose = Välj
procurement-talk-description = Vilka (obligatoriskt)
procurement-talk-description-hint = T.ex. "Två undersköterskor från nattpatrullen, Arboga". Inga namn på brukare.
procurement-talk-composition-add-button = Lägg till
procurement-talk-meetings = Möten
procurement-talk-meetings-none = Inga möten är antecknade ännu.
procurement-talk-meeting-on = Möte { $date }
procurement-talk-recorded-by = Antecknat av { $name }
procurement-talk-meeting-add = Anteckna ett möte
procurement-talk-meeting-date = Mötesdatum
procurement-talk-meeting-date-hint = ÅÅÅÅ-MM-DD; tomt betyder i dag.
procurement-talk-meeting-notes = Anteckningar (obligatoriskt, Markdown)
procurement-talk-meeting-save = Spara mötet
procurement-talk-observers = Observatörer läser men skriver inte här.
procurement-talk-asked = Frågan är ställd och de andra medlemmarna har fått ett e-brev
procurement-talk-replied = Svaret är sparat och de andra medlemmarna har fått ett e-brev
procurement-talk-decision-recorded = Beslut { $number } är infört i beslutsloggen
procurement-talk-reference-updated = Referensgruppen är uppdaterad
procurement-talk-meeting-saved = Mötet är sparat
procurement-docs-title = Dokument – { $title }
procurement-docs-heading = Dokument i { $title }
procurement-docs-intro = Upphandlingens dokument, med historik över varje ändring. Bara upphandlingens medlemmar ser dem.
procurement-docs-new-link = Skriv ett nytt dokument
procurement-docs-count = { $count } dokument.
procurement-docs-public-badge = Offentligt
procurement-docs-changed = ändrat { $when }
procurement-docs-procurement = Upphandling
procurement-docs-type = Typ
procurement-docs-public = Offentligt
procurement-docs-public-yes = Ja: får listas i öppna data om upphandlingen
procurement-docs-public-no = Nej: bara för upphandlingens medlemmar
procurement-docs-updated = Senast ändrat
procurement-docs-updated-by = av { $name }
procurement-docs-edit = Ändra
procurement-docs-history = Historik
procurement-docs-all = Alla dokument
procurement-docs-form-title = Rubrik (obligatoriskt)
procurement-docs-form-type = Typ av dokument (obligatoriskt)
procurement-docs-form-body = Text (Markdown)
procurement-docs-form-body-hint = Markdown: ## rubrik, **fet**, *kursiv*, - punktlista, [länk](https://…). Varje sparad ändring syns i dokumentets historik. Skriv aldrig personnummer eller annat som pekar ut en brukare.
procurement-docs-form-public = Offentligt dokument
procurement-docs-form-public-hint = Ett offentligt dokument får listas i öppna data om upphandlingen när den annonserats. Det öppnar inget för andra än medlemmarna här.
procurement-docs-form-cancel = Avbryt
procurement-docs-edit-heading = Ändra dokumentet "{ $title }"
procurement-docs-new-heading = Nytt dokument
procurement-docs-save-changes = Spara ändringarna
procurement-docs-save = Spara dokumentet
procurement-docs-saved = Dokumentet är sparat
workspaces-title = Arbetsrum
workspaces-admin = Administration
workspaces-intro = Ett arbetsrum delas av en grupp organisationer, till exempel i en gemensam upphandling. Dokument med synligheten ”Arbetsrummets organisationer” kan bara läsas av deras medarbetare.
workspaces-col-name = Namn
workspaces-col-slug = Kortnamn
workspaces-col-organisations = Organisationer
workspaces-col-people = Personer
workspaces-person-heading = Lägg till en person
workspaces-person-intro = En person kan vara med i ett arbetsrum utan att hela organisationen är det.
workspaces-person-workspace = Arbetsrum
workspaces-person-email = E-postadress
workspaces-person-add = Lägg till personen
workspaces-save-heading = Nytt arbetsrum, eller ändra ett med samma namn
workspaces-name = Namn
workspaces-organisations = Organisationer
workspaces-save = Spara arbetsrum

## overview: the steering group's overview (/oversikt)

overview-title = Översikt
overview-heading = Översikt för styrgruppen
overview-intro = Det som testas, det som infördes eller förkastades, uppföljningar att göra, de mest delade behoven och nyttan efter 12 och 24 månader. Räknat över det du får läsa.
overview-county = Län
overview-organisation = Organisation
overview-all = Alla
overview-from = Från
overview-to = Till
overview-show = Visa
overview-download-all = Ladda ner allt (zip med en CSV per vy)
overview-comma-separated = kommaseparerat
overview-csv-hint = CSV-filerna öppnas direkt i svenska Excel (semikolon och decimalkomma). Den kommaseparerade varianten passar andra program.
overview-nothing-to-show = Inget att visa med de här filtren.
overview-chart-description = Stapeldiagram. Samma siffror står i tabellen intill.
overview-share-outdated = Andel som kan vara inaktuell
overview-download-csv = Ladda ner som CSV
overview-benefits-heading = Nyttorealisering per teknik
overview-benefits-intro = Per teknik, över de organisationer som följt upp sina tester: hur indikatorerna förändrats mot utgångsläget efter 12 och 24 månader (medel i procent, positivt är bättre), hur stor andel av uppföljningarna som fann tekniken i bruk och hur många som beskrev effekter.
overview-benefits-none = Inga registrerade uppföljningar med de här filtren.
overview-coaches-heading = Teknikcoachnätverket
overview-coaches-active-html = { $count } aktiva <a href="/teknikcoacher">teknikcoacher</a>
overview-coaches-hours = med sammanlagt { $count } timmar per år för uppdraget och
overview-coaches-field-reports-html = { $count } <a href="/faltrapporter">fältrapporter</a> de senaste 30 dagarna.
overview-coaches-whole-node = Räknat över hela noden.
overview-coaches-caption = Teknikcoacher per organisation
overview-coaches-active = Aktiva teknikcoacher
overview-coaches-hours-per-year = Timmar per år
overview-coaches-field-reports = Fältrapporter senaste 30 dagarna

## federation: trusted nodes (/admin/federation) and items from them (/fran/…)

federation-title = Federation
federation-intro = Andra läns noder som den här noden delar kunskap med. En betrodd nod hämtar det som delas med den, och den här noden hämtar det som den andra publicerar, så att det hittas i samma sökruta med uppgift om var det kommer ifrån.
federation-own-heading = Den här noden
federation-name = Namn
federation-county = Län
federation-organisation = Organisation
federation-address = Adress
federation-fingerprint = Nyckelns fingeravtryck
federation-own-hint = Ge adressen och fingeravtrycket till förvaltaren av den andra noden, så att hen kan jämföra dem innan hen litar på den här noden.
federation-add-heading = Lägg till en nod
federation-url-label = Nodens adress (obligatoriskt)
federation-url-hint = Till exempel https://noden.vgregion.se. Noden hämtar dess uppgifter och visar nyckelns fingeravtryck innan du bekräftar.
federation-share-legend = Vad noden får härifrån
federation-fetch-details = Hämta nodens uppgifter
federation-trusted-heading = Betrodda noder
federation-node-count = { $count ->
    [one] { $count } nod
   *[other] { $count } noder
}
federation-no-nodes = Inga noder ännu.
federation-table-caption = Betrodda noder och hur hämtningen går
federation-col-node = Nod
federation-col-state = Läge
federation-col-last-fetched = Senast hämtad
federation-col-last-error = Senaste fel
federation-col-held = Poster här
federation-col-behind = Efter
federation-col-next-attempt = Nästa försök
federation-col-settings = Inställningar
federation-reconciled = Avstämd { $when }
federation-changes-behind = { $count } ändringar
federation-shares-with = Delar med
federation-pull-from-node = Hämta från noden
federation-pause = Pausa
federation-remove = Ta bort
federation-reconcile-hint = Varje dygn jämförs det som hämtats med nodernas förteckningar, och det som saknas, skiljer sig eller tagits bort hos dem rättas.
federation-reconcile-now = Stäm av med noderna nu
federation-refused-heading = Avvisade förfrågningar
federation-refused-none = Inga förfrågningar till den här nodens flöde har avvisats.
federation-refused-count = { $count ->
    [one] { $count } förfrågan
   *[other] { $count } förfrågningar
} till den här nodens flöde har avvisats: utan giltig underskrift, för gamla, upprepade eller från en nyckel som inte är betrodd. De senaste:
federation-refused-all = Alla i granskningsloggen
federation-status-paused = Pausad
federation-status-not-pulled = Hämtas inte
federation-status-unreachable = Avbrott: nåddes inte fem gånger i rad, försöker glesare men minst en gång i timmen
federation-status-failed = Fel vid senaste hämtningen
federation-status-pulled = Hämtas
federation-status-not-yet = Inte hämtad ännu
federation-never = aldrig
federation-refused-items = { $count } avvisade
federation-latest = senast { $when }
federation-not-yet = inte ännu
federation-within-seconds = inom { $count } sekunder
federation-remove-named = Ta bort { $name }
federation-remove-explanation = Noden { $node } får inte längre något härifrån, och allt som hämtats från den tas bort ur den här noden och dess sökning. Du kan lägga till den igen senare.
federation-pulling-now = { $name } hämtas nu. Ladda om sidan om en stund för att se hur det gick.
federation-reconcile-started = Avstämningen med noderna startar nu. Ladda om sidan om en stund för att se hur det gick.
federation-trust-question = Lita på { $name }?
federation-confirm-intro = Jämför fingeravtrycket nedan med det som nodens förvaltare har gett dig, tecken för tecken, till exempel i telefon. Stämmer det inte, lita inte på noden.
federation-software = Programvara
federation-gets-from-here = Får härifrån
federation-confirm-button = Fingeravtrycket stämmer – lita på noden
federation-cancel = Avbryt
federation-remote-from = Från { $node }
federation-remote-original = Se originalet hos { $node }
federation-remote-kind = Slag
federation-remote-updated = Senast ändrad
federation-remote-categories = Kategorier
federation-remote-from-node = Det här kommer från en annan nod, { $node }
federation-remote-as-fetched = och visas här som det såg ut när det senast hämtades. Ändringar görs i originalet.
federation-cite-heading = Så hänvisar du hit
federation-cite-intro = Hänvisa till originalet, så att läsaren hittar den senaste versionen:

## admin: node administration (/admin, organisations' sign-in, users)

admin-title = Administration
admin-link = Administration
admin-review = Granskning
admin-review-text = Rapporter som väntar på att publiceras eller skickas tillbaka.
admin-users = Användare och roller
admin-users-text = Roller, avstängning och sessioner.
admin-audit = Granskningslogg
admin-audit-text = Inloggningar och ändringar, med export som CSV.
admin-jobs = Bakgrundsjobb
admin-jobs-text = E-post och påminnelser i kö, pågående och misslyckade.
admin-workspaces = Arbetsrum
admin-workspaces-text = Privata rum för grupper av organisationer.
admin-federation = Federation
admin-federation-text = Andra läns noder som den här noden delar kunskap med.
admin-sign-in-heading = Organisationers inloggning
admin-sign-in-text = E-postdomäner för inloggningslänkar och organisationens identitetsleverantör (OpenID Connect).
admin-organisation = Organisation
admin-show = Visa
admin-sign-in-for = Inloggning för { $name }
admin-domains-heading = E-postdomäner
admin-domains-text = Adresser i de här domänerna kan logga in med en länk och blir medlemmar i { $name }.
admin-no-domains = Inga domäner ännu.
admin-remove = Ta bort
admin-new-domain = Ny domän
admin-add-domain = Lägg till domän
admin-provider-heading = Identitetsleverantör (OpenID Connect)
admin-provider-register-html = Registrera Noden hos leverantören med omdirigeringsadressen <code>{ $uri }</code>.
admin-provider-issuer = Utfärdare (issuer)
admin-provider-client-id = Klient-id
admin-provider-client-secret = Klienthemlighet
admin-keep-secret = Lämna tomt för att behålla den sparade hemligheten.
admin-save-provider = Spara leverantör
admin-remove-provider = Ta bort leverantören
admin-users-title = Användare
admin-users-search = Sök namn eller e-post
admin-search = Sök
admin-col-name = Namn
admin-col-organisation = Organisation
admin-col-last-sign-in = Senast inloggad
admin-col-role = Roll och åtkomst
admin-col-sessions = Sessioner
admin-role-for = Roll för { $name }
admin-disabled = Avstängd
admin-save = Spara
admin-sign-out-everywhere = Logga ut överallt
admin-never = aldrig

## audit: the audit log (/admin/logg)

audit-title = Granskningslogg
audit-intro = Vem gjorde vad, när och varifrån. Loggen går inte att ändra.
audit-who = Vem
audit-action = Händelse
audit-action-hint = Ord ur händelsen, t.ex. rapport eller inloggning.
audit-from = Från och med
audit-to = Till och med
audit-filter = Filtrera
audit-count = { $count } händelser.
audit-download-csv = Ladda ner som CSV
audit-table-label = Händelser i granskningsloggen
audit-col-when = När
audit-col-who = Vem
audit-col-action = Händelse
audit-col-target = Vad
audit-col-detail = Detaljer
audit-col-client = Varifrån

## jobs: background jobs (/admin/jobb)

jobs-title = Bakgrundsjobb
jobs-intro = Arbete som noden gör i bakgrunden: e-post som ska skickas och påminnelser om uppföljning. Ett jobb som misslyckas försöks igen med allt längre pauser och markeras som misslyckat efter sista försöket.
jobs-show = Visa
jobs-count = { $count } jobb.
jobs-none = Inga jobb att visa.
jobs-col-number = Nr
jobs-col-kind = Slag
jobs-col-state = Läge
jobs-col-attempts = Försök
jobs-col-runs = Körs
jobs-col-created = Skapat
jobs-col-finished = Klart
jobs-col-last-error = Senaste fel
jobs-col-action = Åtgärd
jobs-retry = Försök igen
jobs-retry-job = med jobb { $id }
jobs-all-not-done = Alla som inte är klara ({ $count })
jobs-state-unknown = Okänt
jobs-attempts-of = av { $max }

## procurement: the list, a procurement's page, its form, members, timeline, parties, decisions, summary, public facts and invitations
procurement-list-title = Upphandlingar
procurement-list-heading = Gemensamma upphandlingar
procurement-list-intro = Arbetsrum där flera organisationer förbereder en upphandling tillsammans. Bara upphandlingens medlemmar ser vad som finns i den. Här listas de du är medlem i och de som har annonserats: deras offentliga uppgifter ser alla.
procurement-list-start = Starta en upphandling
procurement-list-sign-in-html = <a href="{ $link }">Logga in</a> för att se de upphandlingar du är med i.
procurement-list-all-phases = Alla
procurement-list-count = { $count ->
    [one] { $count } upphandling.
   *[other] { $count } upphandlingar.
}
procurement-list-parties = Avtalsparter:
procurement-phase-label = Fas
procurement-badge = Gemensam upphandling
procurement-overdue-heading = Försenade milstolpar
procurement-overdue-due = skulle ha nåtts { $date }.
procurement-see-timeline = Se tidslinjen
procurement-authority = Upphandlande myndighet
procurement-officer = Upphandlare
procurement-officer-none = Inte angiven
procurement-category = Kategori
procurement-technology = Teknik
procurement-organisations = Organisationer
procurement-members = Medlemmar
procurement-edit = Ändra
procurement-nav-label = Upphandlingen
procurement-nav-overview = Översikt
procurement-timeline = Tidslinje
procurement-nav-requirements = Krav
procurement-nav-documents = Dokument
procurement-parties = Avtalsparter
procurement-nav-questions = Frågor och svar
procurement-nav-decisions = Beslut
procurement-nav-reference-group = Referensgrupp
procurement-nav-summary = Sammanfattning
procurement-form-new-heading = Starta en gemensam upphandling
procurement-form-edit-heading = Ändra upphandlingen "{ $title }"
procurement-form-start = Starta upphandlingen
procurement-form-save = Spara ändringarna
procurement-form-title = Rubrik (obligatoriskt)
procurement-form-lead = Upphandlande myndighet som leder (obligatoriskt)
procurement-form-description = Vad upphandlas, och varför? (Markdown)
procurement-form-description-hint = Markdown: **fet**, *kursiv*, - punktlista, [länk](https://…). Skriv aldrig personnummer eller annat som pekar ut en brukare.
procurement-form-category-none = Ingen
procurement-form-technology = Tekniken i katalogen
procurement-form-technology-hint-html = Teknikens namn eller adress i <a href="/teknik">teknikkatalogen</a>, om den finns där.
procurement-form-phase = Fas (obligatoriskt)
procurement-cancel = Avbryt
procurement-flash-started = Upphandlingen är startad. Bjud in dem som ska vara med under Medlemmar.
procurement-flash-saved = Upphandlingen är sparad
procurement-flash-organisation-added = Organisationen är med i upphandlingen
procurement-flash-organisation-removed = Organisationen och dess medlemmar är borttagna ur upphandlingen
procurement-flash-invited = Inbjudan är skickad
procurement-flash-invitation-withdrawn = Inbjudan är tillbakadragen
procurement-flash-member-removed = Medlemmen är borttagen och kommer inte längre åt upphandlingen
procurement-flash-welcome = Välkommen: du är nu medlem i upphandlingen
procurement-flash-timeline-saved = Tidslinjen är sparad
procurement-flash-summary-saved = Sammanfattningen är sparad som rapport
procurement-members-title = Medlemmar – { $title }
procurement-members-heading = Medlemmar i { $title }
procurement-members-intro = Bara de personer som är medlemmar ser vad som finns i upphandlingen. Personal i en medlemsorganisation blir medlem genom en inbjudan.
procurement-remove = Ta bort { $name }
procurement-remove-organisation-hidden = och dess medlemmar ur upphandlingen
procurement-remove-member-hidden = ur upphandlingen
procurement-organisation-add-heading = Lägg till en organisation
procurement-organisation-label = Organisation (obligatoriskt)
procurement-choose = Välj
procurement-role-label = Roll (obligatoriskt)
procurement-organisation-add = Lägg till organisationen
procurement-people = Personer
procurement-invitations = Inbjudningar
procurement-invitations-none = Inga öppna inbjudningar.
procurement-invitation-valid-until = gäller till { $time }
procurement-invitation-withdraw = Dra tillbaka
procurement-invitation-withdraw-hidden = inbjudan till { $email }
procurement-invite-heading = Bjud in en person
procurement-invite-email = E-postadress (obligatoriskt)
procurement-invite-email-hint = En adress i en registrerad e-postdomän hos någon av upphandlingens organisationer. Inbjudan gäller en gång, i 7 dagar.
procurement-invite-send = Skicka inbjudan
procurement-invitation-title = Inbjudan till { $title }
procurement-invitation-text-html = Du är inbjuden till den gemensamma upphandlingen <strong>{ $title }</strong> som { $role }. Inbjudan gäller { $email } och kan användas en gång, till { $expires }.
procurement-invitation-other-html = Du är inloggad som { $other }. Logga ut och logga in med { $email } för att tacka ja.
procurement-invitation-accept = Tacka ja och bli medlem
procurement-invitation-sign-in-html = <a href="{ $link }">Logga in med { $email }</a> för att tacka ja.
procurement-timeline-title = Tidslinje – { $title }
procurement-timeline-heading = Tidslinje för { $title }
procurement-milestone-current = Pågår
procurement-milestone-overdue = Försenad
procurement-milestone-reached = Klar
procurement-milestone-planned = Planerad
procurement-milestone-planned-on = Planerad: { $date }.
procurement-milestone-planned-none = Planerad: inte angiven.
procurement-milestone-actual-on = Faktisk: { $date }.
procurement-milestone-actual-none = Faktisk: inte angiven.
procurement-timeline-form-heading = Ändra datumen
procurement-timeline-form-hint = Datum som ÅÅÅÅ-MM-DD. En milstolpe är försenad när det planerade datumet har passerat och upphandlingen inte har nått fasen; ledarna får då ett e-brev.
procurement-timeline-planned-label = Planerat datum
procurement-timeline-actual-label = Faktiskt datum
procurement-timeline-save = Spara tidslinjen
procurement-parties-title = Avtalsparter – { $title }
procurement-parties-heading = Avtalsparter i { $title }
procurement-parties-intro = De organisationer som får avropa från det kommande ramavtalet, med uppskattat värde och takbelopp. Bara organisationer som namnges i upphandlingsdokumenten får avropa, och ramavtalet är förbrukat när takbeloppet är nått.
procurement-parties-frozen = Upphandlingen är annonserad: avtalsparterna och takbeloppen är låsta, eftersom de ska stå i upphandlingsdokumenten. Ingen ny avtalspart kan läggas till och inget takbelopp kan höjas; belopp får sänkas och mängden rättas.
procurement-parties-warning-heading = Avropen närmar sig takbeloppet
procurement-parties-warning-total-html = Hela ramavtalet: { $used } av { $maximum } ({ $share } %) är avropat.
procurement-parties-warning-party-html = { $name }: { $used } av { $maximum } ({ $share } %) är avropat.
procurement-parties-warning-text = När takbeloppet är nått kan inget mer avropas; det som behövs därutöver kräver en ny upphandling.
procurement-parties-none-yet = Inga avtalsparter än.
procurement-col-organisation = Organisation
procurement-col-role = Roll
procurement-col-estimated = Uppskattat värde
procurement-col-maximum = Takbelopp
procurement-col-quantity = Mängd
procurement-col-called-off = Avropat
procurement-col-date = Datum
procurement-col-value = Värde
procurement-col-note = Anteckning
procurement-party-from-html = { $role }, från { $date }
procurement-parties-whole = Hela ramavtalet
procurement-party-form-heading = Lägg till eller ändra en avtalspart
procurement-party-form-hint = Välj en organisation som redan är avtalspart för att ändra dess uppgifter.
procurement-party-from-label = Kan avropa från (för en part som avropar senare)
procurement-party-estimated-label = Uppskattat värde i kronor (obligatoriskt)
procurement-party-maximum-label = Takbelopp i kronor (obligatoriskt)
procurement-party-quantity-label = Uppskattad mängd
procurement-party-save = Spara avtalsparten
procurement-award-heading = Tilldelning
procurement-supplier = Leverantör
procurement-award-decision = Tilldelningsbeslut
procurement-agreement-signed = Avtal tecknat
procurement-not-yet = Inte än
procurement-award-none-yet = Ingen tilldelning registrerad än.
procurement-award-not-yet-possible = Tilldelningen registreras när upphandlingen når fasen tilldelning.
procurement-award-change = Ändra tilldelningen
procurement-award-register = Registrera tilldelningen
procurement-award-supplier-label = Leverantör (obligatoriskt)
procurement-award-awarded-label = Tilldelningsbeslut, datum (obligatoriskt)
procurement-award-signed-label = Avtalet tecknat, datum
procurement-award-save = Spara tilldelningen
procurement-calloffs-heading = Avrop
procurement-calloffs-none = Inga avrop registrerade.
procurement-calloffs-count = { $count ->
    [one] { $count } avrop
   *[other] { $count } avrop
}
procurement-calloffs-sum = sammanlagt { $amount }.
procurement-calloff-form-heading = Registrera ett avrop
procurement-calloff-party-label = Avropande organisation (obligatoriskt)
procurement-calloff-date-label = Datum (obligatoriskt)
procurement-calloff-value-label = Värde i kronor (obligatoriskt)
procurement-calloff-note-label = Anteckning
procurement-calloff-save = Registrera avropet
procurement-contract-party-from = { $name } (kan avropa från { $date })
procurement-decisions-title = Beslutslogg – { $title }
procurement-decisions-heading = Beslutslogg för { $title }
procurement-decisions-intro = Vem som beslutade vad, när och varför. Loggen ändras aldrig i efterhand: ett beslut som behöver rättas står kvar och markeras som rättat, och rättelsen förs in som ett nytt beslut som hänvisar till det gamla.
procurement-decisions-count = { $count ->
    [one] { $count } beslut, det senaste först.
   *[other] { $count } beslut, det senaste först.
}
procurement-decision-heading = Beslut { $number }
procurement-decision-corrected = Rättat
procurement-decision-corrected-by = Det här beslutet är rättat av
procurement-decision-link = beslut { $number }
procurement-decision-corrects = Rättar
procurement-decision-decided-on = Beslutat
procurement-decision-decided-by = Beslutat av
procurement-decision-recorded = Infört
procurement-decision-recorded-by = av { $name }
procurement-decision-decision = Beslut
procurement-decision-rationale = Motivering
procurement-decision-correct = Rätta beslut { $number }
procurement-decision-form-heading = För in ett beslut
procurement-decision-decision-label = Beslut (obligatoriskt, Markdown)
procurement-decision-rationale-label = Motivering (Markdown)
procurement-decision-decided-by-label = Beslutat av (obligatoriskt)
procurement-decision-decided-by-hint = T.ex. Styrgruppen eller Upphandlingsgruppen.
procurement-decision-decided-on-label = Beslutsdatum
procurement-decision-decided-on-hint = ÅÅÅÅ-MM-DD; tomt betyder i dag.
procurement-decision-corrects-label = Rättar beslut nummer
procurement-decision-corrects-hint = Bara om beslutet rättar ett tidigare beslut; det gamla står kvar och markeras som rättat.
procurement-decision-save = För in beslutet
procurement-decision-observers = Observatörer läser beslutsloggen men för inte in beslut.
procurement-summary-title = Sammanfattning – { $title }
procurement-summary-heading = Sammanfattning av { $title }
procurement-summary-intro = När avtalet är tecknat publicerar ni en sammanfattning som en öppen rapport, så att nästa grupp hittar den: vad som upphandlades, kraven, avtalsparterna, leverantören och era lärdomar. Noden hämtar allt utom lärdomarna från arbetsrummet. Medlemmarnas namn, frågor och dokument kommer inte med. Nodens personal granskar rapporten innan den publiceras.
procurement-summary-lessons-label = Lärdomar (obligatoriskt)
procurement-summary-lessons-hint = Vad skulle ni göra likadant, och vad skulle ni göra annorlunda? Markdown går bra. Inga personuppgifter om brukare.
procurement-summary-publish = Publicera sammanfattningen
procurement-summary-not-ready = Sammanfattningen kan publiceras när tilldelningen är registrerad under Avtalsparter och upphandlingen är i fasen Avtal.
procurement-public-hint = Upphandlingen är annonserad: det här är dess offentliga uppgifter. Arbetet i upphandlingen ser bara dess medlemmar.
procurement-public-maximum = Ramavtalets takbelopp
procurement-public-open-data = Öppna data (OCDS, JSON)
procurement-public-parties-none = Inga avtalsparter angivna.

## technologies: the technology catalogue (/teknik)

technologies-title = Teknikkatalogen
technologies-intro = Teknik och produkter som testas eller används i länet, och vilka organisationer som använder dem.
technologies-add = Lägg till teknik
technologies-propose = Föreslå en ny teknik
technologies-proposals-waiting = Förslag som väntar ({ $count })
technologies-proposed-on = föreslagen { $date }
technologies-empty = Katalogen är tom.
technologies-count = { $count ->
    [one] { $count } teknik i katalogen.
   *[other] { $count } tekniker i katalogen.
}
technologies-no-uses = Ingen organisation har angett att den använder tekniken.
technologies-used-by = { $count ->
    [one] Används av { $count } organisation.
   *[other] Används av { $count } organisationer.
}
technologies-feed-title = Noden – Teknik: { $name }
technologies-withdrawn = Tillbakadragen.
technologies-withdrawn-text = Tekniken syns inte i katalogen, sökningen eller översikten.
technologies-restore = Återställ
technologies-declined = Förslaget är avböjt.
technologies-badge-proposal = Förslag till katalogen
technologies-category = Kategori
technologies-supplier = Leverantör
technologies-standards = Standarder och system
technologies-edit = Ändra
technologies-withdraw = Dra tillbaka
technologies-proposed-by-member = Föreslagen av en medlem
technologies-proposal-hidden = Förslaget syns inte i katalogen förrän nodens personal har godkänt det.
technologies-approve = Godkänn förslaget
technologies-decline-reason = Motivering till förslagsställaren (obligatoriskt om du avböjer)
technologies-decline = Avböj förslaget
technologies-who-uses = Vilka använder tekniken?
technologies-no-uses-yet = Ingen organisation har angett att den använder tekniken ännu.
technologies-use-organisation = Organisation
technologies-use-status = Status
technologies-use-since = Sedan
technologies-use-product = Produkt
technologies-use-contact = Kontaktperson
technologies-sign-in-for-contacts = Logga in för att se kontaktpersonerna.
technologies-withdrawn-uses = Tillbakadragen användning
technologies-restore-use-of = { $name }s användning
technologies-own-use = Er organisations användning
technologies-use-status-label = Status (obligatoriskt)
technologies-use-contact-label = Kontaktperson (namn och e-post eller telefon)
technologies-use-save = Spara
technologies-withdraw-use = Dra tillbaka er användning
technologies-withdraw-use-text = Er organisation försvinner från listan över dem som använder tekniken.
technologies-withdraw-use-confirm = Ja, dra tillbaka vår användning
technologies-trials-and-reports = Tester och rapporter
technologies-no-trials = Inga tester av tekniken ännu.
technologies-contracts = Avtal
technologies-contracts-text = Ramavtal som upphandlats gemensamt för tekniken. Bara de avtalsparter som står i upphandlingsdokumenten får avropa.
technologies-contract-procured-by = upphandlat av { $lead }
technologies-contract-signed = tecknat { $date }
technologies-contract-parties = Avtalsparter: { $parties }.
technologies-withdraw-title = Dra tillbaka { $name }
technologies-withdraw-heading = Dra tillbaka { $name }?
technologies-withdraw-text = Tekniken försvinner ur katalogen, sökningen, valen i testformuläret och översikten. Den tas inte bort: nodens personal kan återställa den.
technologies-withdraw-confirm = Ja, dra tillbaka tekniken
technologies-withdraw-cancel = Nej, gå tillbaka
technologies-form-name = Namn (obligatoriskt)
technologies-form-description = Beskrivning (Markdown)
technologies-form-description-hint = Vad gör tekniken, och för vem? Markdown: **fet**, *kursiv*, - punktlista, [länk](https://…). Skriv aldrig personnummer eller annat som pekar ut en brukare.
technologies-form-no-category = Ingen
technologies-form-proximity = Brukarnära eller processnära? (obligatoriskt)
technologies-form-standards = Standarder och system (skilj med komma, t.ex. SCAIP)
technologies-form-cancel = Avbryt
technologies-new-heading = Lägg till teknik i katalogen
technologies-new-submit = Lägg till
technologies-propose-heading = Föreslå en ny teknik
technologies-propose-intro = Nodens personal läser förslaget och tar ställning till det innan tekniken syns i katalogen. Du får besked med e-post.
technologies-propose-submit = Skicka förslaget
technologies-edit-heading = Ändra { $name }
technologies-edit-submit = Spara ändringarna
technologies-label-name = Namn
technologies-label-description = Beskrivning
technologies-label-proximity = Brukarnära eller processnära
technologies-label-reason = Motivering
technologies-saved = Tekniken är sparad
technologies-proposal-sent = Förslaget är skickat
technologies-withdrawn-flash = Tekniken är tillbakadragen
technologies-restored = Tekniken är återställd
technologies-proposal-approved = Förslaget är godkänt och finns nu i katalogen
technologies-proposal-declined = Förslaget är avböjt
technologies-use-saved = Er användning är sparad
technologies-use-withdrawn = Er användning är tillbakadragen
technologies-use-restored = Användningen är återställd

## coaches: technology coaches (/teknikcoacher)

coaches-title = Teknikcoacher
coaches-intro = Teknikcoacher (ambassadörer) är medarbetare som avsätter en del av sin tid för att hjälpa kollegor att använda välfärdsteknik. Hitta en coach som kan det du behöver.
coaches-appoint = Utse en teknikcoach
coaches-county = Län
coaches-organisation = Organisation
coaches-filter-category = Kategori
coaches-technologies = Teknik
coaches-filter-all = Alla
coaches-filter = Filtrera
coaches-count = { $count ->
    [one] { $count } teknikcoach.
   *[other] { $count } teknikcoacher.
}
coaches-sign-in-to-reach-them-html = <a href="{ $link }">Logga in</a> för att se hur du når dem.
coaches-hours-per-year = { $count } timmar per år
coaches-list-categories = Kategorier:
coaches-list-technologies = Teknik:
coaches-list-contact = Kontakt: { $contact }
coaches-profile-title = { $name }, teknikcoach
coaches-ended = Uppdraget som teknikcoach är avslutat. Profilen finns kvar men syns inte i katalogen.
coaches-badge = Teknikcoach
coaches-workplace = Arbetsplats
coaches-time = Tid för uppdraget
coaches-since = Teknikcoach sedan
coaches-categories = Kategorier
coaches-reach = Så når du { $name }
coaches-not-given = Inte angivet
coaches-sign-in-to-reach-coach-html = <a href="{ $link }">Logga in</a> för att se hur du når teknikcoachen.
coaches-edit-profile = Ändra profilen
coaches-end = Avsluta uppdraget som teknikcoach
coaches-all = Alla teknikcoacher
coaches-form-email = Användarens e-postadress (obligatoriskt)
coaches-form-email-hint = En medarbetare i din organisation. Den som inte har loggat in ännu får ett konto när du utser hen.
coaches-form-workplace = Arbetsplats (enhet)
coaches-form-hours = Timmar per år för uppdraget
coaches-form-contact = Så når man teknikcoachen (telefon, e-post)
coaches-form-contact-hint = Visas bara för inloggade.
coaches-form-introduction = Presentation (Markdown)
coaches-form-introduction-hint = Några rader om vad teknikcoachen kan hjälpa till med. Skriv aldrig personnummer eller annat som pekar ut en brukare.
coaches-form-categories = Kategorier teknikcoachen kan
coaches-form-technologies = Teknik ur katalogen som teknikcoachen kan
coaches-form-cancel = Avbryt
coaches-appoint-heading = Utse en teknikcoach
coaches-appoint-submit = Utse teknikcoach
coaches-save-profile = Spara profilen
coaches-edit-heading = Ändra profilen för { $name }
coaches-label-user-email = Användarens e-postadress
coaches-label-user = Användare
coaches-label-hours = Timmar per år
coaches-label-contact = Så når man dig
coaches-label-introduction = Presentation
coaches-label-technologies = Tekniker
coaches-appointed = Teknikcoachen är utsedd
coaches-profile-saved = Profilen är sparad
coaches-ended-flash = Uppdraget som teknikcoach är avslutat

## fieldreports: field reports (/faltrapporter)

fieldreports-title = Fältrapporter
fieldreports-intro = Korta rapporter från teknikcoacher och samordnare om hur tekniken fungerar i vardagen, nyast först.
fieldreports-new = Ny fältrapport
fieldreports-organisation = Organisation
fieldreports-category = Kategori
fieldreports-technology = Teknik
fieldreports-trial = Test
fieldreports-need = Behov
fieldreports-filter-all = Alla
fieldreports-filter = Filtrera
fieldreports-count = { $count } fältrapporter.
fieldreports-photo-count = { $count ->
    [one] { $count } foto
   *[other] { $count } foton
}
fieldreports-photos = Foton
fieldreports-concerns = Gäller
fieldreports-link-trial = Test:
fieldreports-link-technology = Teknik:
fieldreports-link-need = Behov:
fieldreports-link-category = Kategori:
fieldreports-became = Fördes vidare till
fieldreports-promote = För vidare till journal eller behov
fieldreports-all = Alla fältrapporter
fieldreports-new-heading = Ny fältrapport
fieldreports-form-text = Vad hände? (obligatoriskt)
fieldreports-form-text-hint = Några meningar, högst 4 000 tecken. Markdown går bra. Skriv aldrig personnummer eller annat som pekar ut en brukare.
fieldreports-form-links = Vad gäller rapporten? (minst en)
fieldreports-form-none-neuter = Inget
fieldreports-form-none = Ingen
fieldreports-form-photos = Foton (högst 6)
fieldreports-form-photos-hint = JPEG, PNG eller WebP, högst { $size } per foto. Platsuppgifter och annan dold information tas bort. Varje foto behöver en alternativtext som beskriver bilden. Fotografera aldrig brukare.
fieldreports-form-photos-again = Välj fotona igen: de sparas inte när något behöver rättas.
fieldreports-form-photo = Foto { $n }
fieldreports-form-alt = Alternativtext för foto { $n }
fieldreports-form-visibility = Vem får läsa?
fieldreports-form-submit = Skicka fältrapporten
fieldreports-promote-title = För vidare: { $title }
fieldreports-promote-heading = För vidare fältrapporten
fieldreports-promote-from = Från
fieldreports-promote-edit-text = Ändra texten så att den bara tar med det som ska föras vidare.
fieldreports-promote-into = Vad ska rapporten bli?
fieldreports-promote-journal = En anteckning i testets journal
fieldreports-promote-need = Ett nytt behov
fieldreports-promote-entry-type = Typ av journalanteckning
fieldreports-promote-need-title = Behovets rubrik
fieldreports-promote-target-group = Behovets målgrupp
fieldreports-promote-choose = Välj
fieldreports-promote-text = Text
fieldreports-promote-submit = För vidare
fieldreports-sent = Fältrapporten är skickad
fieldreports-promoted = Fältrapporten är förd vidare

## categories: a category's page (/kategorier/…)

categories-feed-title = Noden – Kategori: { $name }
categories-proximity = { $proximity } välfärdsteknik
categories-documents = { $count } dokument
categories-show-all = Visa alla { $count } i sökningen

## organisations: organisations (/organisationer)

organisations-title = Organisationer
organisations-intro = Sveriges kommuner och regioner, län för län.
organisations-feed-title = Noden – Organisation: { $name }
organisations-in-county = i { $county }
organisations-code = kod { $code }
organisations-documents = { $count } dokument
organisations-nothing-shared = Organisationen har inte delat något ännu.
organisations-show-all = Visa alla { $count } i sökningen
organisations-region = Region
organisations-municipality = Kommun

## needs: /behov, a need's page, its form and its messages

needs-list-title = Behov i länet
needs-list-intro = Behov som kommunerna har registrerat. De behov som flest organisationer delar står först.
needs-register = Registrera ett behov
needs-status = Status
needs-filter-all = Alla
needs-target-group = Målgrupp
needs-filter = Filtrera
needs-count = { $count } behov.
needs-sharing = { $count ->
    [one] { $count } organisation har behovet
   *[other] { $count } organisationer har behovet
}
needs-form-title = Rubrik (obligatoriskt)
needs-form-description = Beskrivning (Markdown)
needs-form-description-hint = Vem saknar vad, och varför? Markdown: **fet**, *kursiv*, - punktlista, [länk](https://…). Skriv aldrig personnummer eller annat som pekar ut en brukare.
needs-form-target-group = Målgrupp (obligatoriskt)
needs-form-choose = Välj
needs-category = Kategori
needs-form-no-category = Ingen
needs-form-who-reads = Vem får läsa?
needs-form-new-heading = Registrera ett behov
needs-form-edit-heading = Ändra behovet
needs-form-register = Registrera behovet
needs-form-save = Spara ändringarna
needs-withdrawn = Tillbakadraget.
needs-withdrawn-text = Behovet syns inte i listor, sökningen eller översikten. Bara nodens personal ser det.
needs-restore = Återställ
needs-kind = Behov
needs-from-field-report = Från fältrapport:
needs-raised-by = Registrerat av
needs-shared-by = Delas av
needs-organisations = { $count ->
    [one] { $count } organisation
   *[other] { $count } organisationer
}
needs-edit = Ändra
needs-withdraw = Dra tillbaka
needs-history = Historik
needs-same-need = Vi har samma behov
needs-no-endorsements = Ingen annan organisation har instämt ännu.
needs-endorse-note = Hur ser det ut hos er? (en rad)
needs-endorse = Vi har samma behov
needs-endorse-update = Uppdatera vår rad
needs-unendorse = Ta tillbaka att vi har samma behov
needs-unendorse-text = Er organisation räknas inte längre bland dem som har behovet.
needs-unendorse-confirm = Ta tillbaka
needs-sign-in-to-endorse-html = <a href="{ $link }">Logga in</a> för att säga att er organisation har samma behov.
needs-trials = Tester som svarar på behovet
needs-no-trials = Inga tester ännu.
needs-start-trial = Starta ett test som svarar på behovet
needs-change-status = Ändra status
needs-withdraw-heading = Dra tillbaka behovet "{ $title }"
needs-withdraw-text = Behovet försvinner från listor, sökningen och översikten. Det raderas inte: nodens personal kan återställa det.
needs-withdraw-button = Dra tillbaka behovet
needs-saved = Behovet är sparat
needs-withdrawn-done = Behovet är tillbakadraget
needs-restored = Behovet är återställt
needs-endorsed = Ni har instämt i behovet
needs-unendorsed = Ni har tagit tillbaka att ni har samma behov
needs-status-changed = Behovets status är ändrad

## trials: /tester, a trial's page, its journal, its form and its messages

trials-list-title = Tester i testbädd
trials-list-intro = Gemensamma tester och tester i en kommun, öppna för alla att följa.
trials-start = Starta ett test
trials-phase = Fas
trials-filter-all = Alla
trials-filter = Filtrera
trials-count = { $count ->
    [one] { $count } test.
   *[other] { $count } tester.
}
trials-form-new-heading = Starta ett test
trials-form-edit-heading = Ändra testet
trials-form-start = Starta testet
trials-form-save = Spara ändringarna
trials-form-title = Rubrik (obligatoriskt)
trials-form-needs = Behov som testet svarar på
trials-form-description = Syfte och upplägg (Markdown)
trials-markdown-hint = Markdown: **fet**, *kursiv*, - punktlista, [länk](https://…). Skriv aldrig personnummer eller annat som pekar ut en brukare.
trials-markdown-short-hint = Markdown: **fet**, *kursiv*, - punktlista, [länk](https://…).
trials-privacy-hint = Skriv aldrig personnummer eller annat som pekar ut en brukare.
trials-form-technology-entry = Teknik som testas (obligatoriskt: välj i katalogen)
trials-form-not-in-catalogue = Finns inte i katalogen: skriv den nedan
trials-form-technology = Tekniken, om katalogen saknar den
trials-form-technology-curate-html = Saknas tekniken? <a href="/teknik/ny">Lägg till den i katalogen</a> och välj den ovan.
trials-form-technology-propose = Saknas tekniken i katalogen? Skriv den här: den föreslås för nodens personal som en ny post i katalogen när testet startas.
trials-form-lead = Ledande organisation
trials-form-participants = Deltagande organisationer
trials-form-proposed = Föreslagna: organisationerna som har behovet.
trials-form-participant-names = Organisationer som deltar (namn, skilj med komma)
trials-form-more-participants = Fler organisationer (namn, skilj med komma)
trials-form-target-group = Målgrupp (obligatoriskt)
trials-form-choose = Välj
trials-form-no-category = Ingen
trials-form-who-follows = Vem får följa testet?
trials-visibility-participants = De deltagande organisationerna
trials-withdrawn = Tillbakadraget.
trials-withdrawn-text = Testet och dess journal syns inte i listor, sökningen eller översikten. Bara nodens personal ser det.
trials-restore = Återställ
trials-joint = Gemensamt test
trials-single = Test i en kommun
trials-lead = Leds av
trials-participants = Deltar
trials-technology = Teknik
trials-in-catalogue = (i katalogen: { $name })
trials-product = Produkt
trials-supplier = Leverantör
trials-target-group = Målgrupp
trials-category = Kategori
trials-starts = Start
trials-ends = Slut
trials-answers-needs = Svarar på behov
trials-confirmed = Senast bekräftad
trials-edit = Ändra
trials-withdraw = Dra tillbaka
trials-history = Historik
trials-final-report = Slutrapport
trials-no-final-report = Ingen slutrapport ännu.
trials-open-final-report = Öppna slutrapporten
trials-write-final-report = Skriv slutrapporten
trials-write-final-report-hint = (mallen fylls i från testet)
trials-change-phase = Byt fas
trials-follow-up = Uppföljning
trials-no-indicators = Inga indikatorer valda.
trials-indicator = Indikator
trials-baseline = Utgångsvärde
trials-direction = Riktning
trials-withdrawn-indicators = Tillbakadragna indikatorer
trials-choose-indicator = Välj en indikator
trials-add-indicator = Lägg till indikatorn
trials-due-from = Ska göras från { $date }.
trials-still-in-use = Tekniken används fortfarande.
trials-no-longer-in-use = Tekniken används inte längre.
trials-before = Före
trials-now = Nu
trials-better = Bättre?
trials-yes = Ja
trials-no = Nej
trials-effects = Effekter ni ser (Markdown)
trials-still-in-use-question = Används tekniken fortfarande?
trials-record-follow-up = Registrera uppföljningen
trials-journal = Journal
trials-sign-in-to-write-html = <a href="{ $link }">Logga in</a> för att skriva i journalen, om din organisation leder eller deltar i testet.
trials-entry-type = Typ
trials-entry-date = Datum
trials-entry-text = Anteckning (Markdown)
trials-add-entry = Lägg till i journalen
trials-journal-empty = Journalen är tom.
trials-entry-withdrawn = Tillbakadragen
trials-restore-entry = Återställ anteckningen
trials-entry-of = anteckningen från { $day }
trials-withdraw-entry-text = Anteckningen försvinner ur journalen och sökningen. Nodens personal kan återställa den.
trials-withdraw-entry = Dra tillbaka anteckningen
trials-edit-entry = Ändra anteckningen
trials-in-journal-of = I journalen för
trials-save-entry = Spara anteckningen
trials-cancel = Avbryt
trials-withdraw-heading = Dra tillbaka testet "{ $title }"
trials-withdraw-text = Testet och dess journal försvinner från listor, sökningen och översikten. Det raderas inte: nodens personal kan återställa det.
trials-withdraw-button = Dra tillbaka testet
trials-started = Testet är startat
trials-saved = Testet är sparat
trials-phase-changed = Testets fas är ändrad
trials-withdrawn-done = Testet är tillbakadraget
trials-restored = Testet är återställt
trials-entry-saved = Anteckningen är sparad
trials-entry-withdrawn-done = Anteckningen är tillbakadragen
trials-entry-restored = Anteckningen är återställd
# The final report's template as the trial fills it in (Markdown around these words).
trials-report-needs = Behov
trials-report-period = Period
trials-report-leads = { $name } (leder testet)
trials-report-participants = Deltagare
trials-report-obstacles = Hinder i journalen
trials-report-opportunities = Möjligheter i journalen
trials-report-decisions = Beslut i journalen
trials-report-baseline = utgångsvärde { $value }
trials-report-results = Resultat för indikatorerna

## followups: a trial's indicators (the form on its page and /tester/…/indikatorer/…/andra)

followups-name = Namn (obligatoriskt)
followups-name-hint = T.ex. nattliga besök per brukare och vecka.
followups-unit = Enhet
followups-direction = Riktning (obligatoriskt)
followups-baseline = Utgångsvärde (obligatoriskt)
followups-baseline-hint = Värdet före testet, t.ex. 12 eller 3,5.
followups-edit-indicator = Ändra indikatorn { $name }
followups-in-trial = I testet
followups-save = Spara indikatorn
followups-withdraw = Dra tillbaka indikatorn
followups-withdraw-text = Indikatorn försvinner från testets sida och uppföljningsformuläret. Nodens personal kan återställa den.
followups-withdraw-confirm = Ja, dra tillbaka indikatorn
followups-indicator-saved = Indikatorn är sparad
followups-indicator-withdrawn = Indikatorn är tillbakadragen
followups-indicator-restored = Indikatorn är återställd

## notifications: follows, notices, settings, unsubscribe (notifications/*)

notifications-follows-title = Dina bevakningar
notifications-follows-lead = Du får notiser om det du bevakar. Deltar din organisation i ett test bevakar du det automatiskt; du kan sluta när du vill.
notifications-your-notices = Dina notiser
notifications-choose-email = Välj hur ofta du får e-post
notifications-follows-none-html = Du bevakar ingenting än. Välj <strong>Bevaka</strong> på ett test, ett behov, en teknik, en kategori, en organisation eller en upphandling du är med i.
notifications-follows-count = { $count } bevakningar.
notifications-follow-automatic = automatiskt, för att din organisation deltar
notifications-follow-chosen = vald av dig
notifications-follow-since = sedan { $when }
notifications-title = Notiser
notifications-lead = Det som hänt i det du bevakar, nyast först.
notifications-unread-count = { $count } olästa.
notifications-mark-all-read = Markera alla som lästa
notifications-none = Inga notiser än.
notifications-unread = Oläst
notifications-settings-title = Notiser och e-post
notifications-settings-lead-html = Allt du bevakar syns under <a href="/notiser">Notiser</a>. Välj för varje slag av notis om den också ska komma med e-post direkt, i en sammanfattning eller inte alls.
notifications-settings-email-off-html = Du har stängt av e-posten på <a href="/konto#epost">ditt konto</a>, så inga notiser skickas med e-post förrän du slår på den igen.
notifications-save = Spara
notifications-unsubscribe-title = Avregistrera e-post
notifications-unsubscribe-text-html = Du har följt en avregistreringslänk från ett e-postbrev från Noden. Den stänger av e-post om: <strong>{ $what }</strong>.
notifications-unsubscribe-already = Du får redan ingen e-post om det här.
notifications-unsubscribe-others-html = Andra slags notiser påverkas inte, och du ser fortfarande alla notiser när du loggar in. Du kan slå på e-posten igen under <a href="/konto/notiser">Mitt konto</a>.
notifications-unsubscribe-button = Stäng av e-posten
notifications-unsubscribed-title = E-posten är avstängd
notifications-unsubscribed-text-html = Du får inte längre e-post om: <strong>{ $what }</strong>.
notifications-unsubscribed-others-html = Andra slags notiser påverkas inte. Du kan ändra hur du får notiser under <a href="/konto/notiser">Mitt konto</a>.
notifications-following-now = Du bevakar nu { $topic }
notifications-unfollowed = Du bevakar det inte längre
notifications-all-read = Alla notiser är markerade som lästa
notifications-settings-saved = Dina val för notiser är sparade
notifications-digest-daily = Den dagliga sammanfattningen
notifications-digest-weekly = Veckosammanfattningen
confirm-cancel = Avbryt

## mail: notices, followed events and digests (mail/notice.*, mail/event.*, mail/digest.*)

mail-read-more-in-noden = Läs mer i Noden
mail-read-more = Läs mer
mail-notice-why = Du får det här brevet för att du deltar i arbetet i Noden.
mail-notice-turn-off-html = <a href="{ $link }">Stäng av e-post om tester och rapporter</a> under Mitt konto.
mail-notice-turn-off = Stäng av e-post om tester och rapporter under Mitt konto
mail-event-why = Du får det här brevet för att du bevakar { $concerns } i Noden.
mail-change-settings = Ändra vad du får och hur ofta
mail-event-stop = Sluta få e-post om ”{ $what }”
mail-event-stop-plain = Sluta få e-post om "{ $what }"
mail-digest-stop = Sluta få ”{ $what }”
mail-digest-stop-plain = Sluta få "{ $what }"
mail-digest-week = vecka { $week }
mail-digest-daily-subject = Noden: din dagliga sammanfattning { $period }
mail-digest-weekly-subject = Noden: din veckosammanfattning, { $period }

## freshness: the "stämmer fortfarande" link's pages and the owners' reminder (freshness/*)

freshness-ask-title = Stämmer det fortfarande?
freshness-last-confirmed = Senast bekräftad { $date }.
freshness-ask-text = Bekräfta att innehållet fortfarande stämmer, så försvinner märkningen ”Kan vara inaktuell”.
freshness-ask-update-html = Behöver något ändras, <a href="{ $link }">uppdatera det</a> i stället.
freshness-ask-archive-html = Är det inte längre aktuellt kan du arkivera det på <a href="{ $link }">sidan</a>.
freshness-ask-confirm = Ja, det stämmer fortfarande
freshness-confirmed-title = Bekräftat
freshness-confirmed-heading = Tack, det är bekräftat
freshness-confirmed-text = är bekräftad som aktuell { $date }.
freshness-spent-title = Länken gäller inte längre
freshness-spent-archived = arkiverades { $date }.
freshness-spent-changed = har bekräftats eller ändrats sedan e-postbrevet skickades. Senast bekräftad { $date }.
freshness-spent-nothing = Inget har ändrats nu.
freshness-done-confirm = Bekräftat som aktuellt
freshness-done-archive = Arkiverat
freshness-done-unarchive = Framtaget ur arkivet
freshness-done-take-over = Du ansvarar nu för att hålla det aktuellt
freshness-reminder-subject = { $count ->
    [one] Stämmer det fortfarande? En sak i Noden behöver ses över
   *[other] Stämmer det fortfarande? { $count } saker i Noden behöver ses över
}
freshness-reminder-heading = Det här som du ansvarar för i Noden har ingen uppdaterat eller bekräftat på { $months } månader. Det märks nu ”Kan vara inaktuell” och hamnar lite längre ner i sökningar. Säg till om det stämmer fortfarande, uppdatera det eller arkivera det.
freshness-reminder-last-confirmed = (senast bekräftad { $date })
freshness-reminder-still-correct = Stämmer fortfarande
freshness-reminder-update = Uppdatera
freshness-reminder-archive-or-read = Arkivera eller läs
freshness-reminder-note = Länken ”Stämmer fortfarande” fungerar utan inloggning, en gång. Att uppdatera eller arkivera kräver att du loggar in.
freshness-reminder-note-plain = Länken "Stämmer fortfarande" fungerar utan inloggning, en gång. Att uppdatera eller arkivera kräver att du loggar in.

## reports: the report form, history, review queue and review notices (reports/*)

reports-form-from-file = Har du rapporten som fil?
reports-form-file = Fil att läsa in
reports-form-read-file = Läs in filen
reports-form-or-write = Eller skriv rapporten här
reports-form-title = Titel (obligatoriskt)
reports-form-summary = Sammanfattning
reports-form-body = Text (Markdown)
reports-form-body-hint = # Rubrik, **fet**, *kursiv*, - punktlista, [länk](https://…). Skriv aldrig personnummer eller annat som pekar ut en brukare.
reports-form-template-hint = Slutrapportens mall: skriv varje avsnitt i Markdown (**fet**, *kursiv*, - punktlista, [länk](https://…)). Tomma avsnitt visas inte. Skriv aldrig personnummer eller annat som pekar ut en brukare.
reports-form-preview = Förhandsvisning
reports-form-preview-hint = Tryck på Förhandsgranska för att se texten som den kommer att visas.
reports-form-kind = Typ
reports-form-tags = Taggar (skilj med komma)
reports-form-no-phase = Ingen angiven
reports-form-outcome = Utfall
reports-form-no-outcome = Inget angivet
reports-form-visibility = Vem får läsa?
reports-form-workspace = Arbetsrum (för synligheten ”Arbetsrummets organisationer”)
reports-form-no-workspace = Inget
reports-form-review-hint = Rapporten är publicerad: din ändring visas när nodens personal har granskat den. Till dess visas den publicerade versionen.
reports-form-save-publish = Spara och publicera
reports-form-send-change = Skicka ändringen för granskning
reports-form-save = Spara
reports-form-save-draft = Spara utkast
reports-form-save-submit = Spara och skicka för granskning
reports-form-preview-button = Förhandsgranska
reports-form-file-hint = { $types }, högst { $size }. Texten läses in i en ny rapport som du sedan går igenom och kompletterar; filen sparas som bilaga.
reports-new = Ny rapport
reports-edit-heading = Ändra { $title }
reports-final-report-title = Slutrapport: { $title }
reports-trial-has-final-report = Testet har redan en slutrapport
reports-sent-for-review = Rapporten är skickad för granskning
reports-change-sent-for-review = Ändringen är skickad för granskning
reports-published = Rapporten är publicerad
reports-returned = Rapporten är tillbakaskickad
reports-saved = Rapporten är sparad
reports-file-text-unreadable = Filen är sparad som bilaga, men texten i den kunde inte läsas. Skriv in rapportens text här.
reports-file-text-read = Texten är inläst från filen och filen sparad som bilaga. Gå igenom texten och fyll i resten.
reports-review-title = Granskning
reports-review-heading = Rapporter som väntar på granskning
reports-review-none = Inga rapporter väntar just nu.
reports-review-report = Rapport
reports-review-sent = Skickad
reports-review-edit = Ändring av publicerad rapport
reports-history-unchanged = Rapporten har inte ändrats sedan den publicerades.
reports-history-unpublished = Rapporten har inte publicerats ännu, så den har ingen historik.
reports-history-title-column = Titel
reports-before-history = Noden (före versionshistoriken)
reports-notice-published = Rapporten "{ $title }" är granskad och publicerad. Nu kan andra hitta den.
reports-notice-edit-published = Er ändring av rapporten "{ $title }" är granskad och publicerad.
reports-notice-returned = Rapporten "{ $title }" har granskats och skickats tillbaka till er med kommentarer.
reports-notice-edit-returned = Er ändring av rapporten "{ $title }" har granskats och skickats tillbaka med kommentarer. Den publicerade versionen är oförändrad.
reports-notice-published-subject = Publicerad: { $title }
reports-notice-edit-published-subject = Ändringen är publicerad: { $title }
reports-notice-returned-subject = Återsänd med kommentarer: { $title }
reports-notice-edit-returned-subject = Ändringen är återsänd med kommentarer: { $title }
reports-notice-edit-waiting = En ändring av den publicerade rapporten "{ $title }" väntar på granskning.
reports-notice-submitted = Rapporten "{ $title }" är skickad för granskning.
reports-notice-to-review-subject = Att granska: { $title }
reports-notice-to-review = Publicera den eller skicka tillbaka den med kommentarer.

## revisions: the history pages of needs, trials, catalogue entries and reports

revisions-title = Historik: { $title }
revisions-history-of = Historik för
revisions-version = Version
revisions-title-column = Rubrik
revisions-edited-by = Ändrad av
revisions-when = När
revisions-compare-version = Jämför version
revisions-with-version = med version
revisions-compare = Jämför
revisions-difference = Skillnad mellan version { $from } och { $to }
revisions-diff-hint = Borttagna rader är markerade med −, tillagda med +.

## comments-form: the comment form on a page of its own, and removing a comment

comments-form-about = Om
comments-form-text = Kommentar (obligatorisk, Markdown)
comments-form-hint = Högst 4 000 tecken. En kommentar kan ändras i { $minutes } minuter efter att den skrevs. Skriv aldrig personnummer eller annat som pekar ut en brukare.
comments-form-reply-heading = Svara på kommentaren
comments-form-write-heading = Skriv en kommentar
comments-form-edit-heading = Ändra kommentaren
comments-form-save = Spara ändringen
comments-form-published = Kommentaren är publicerad
comments-form-edited = Kommentaren är ändrad
comments-form-remove = Ta bort kommentaren
comments-form-remove-text = Kommentaren om "{ $title }" försvinner från sidan; där står i stället "{ $removed }". Texten sparas i händelseloggen.
comments-form-removed = Kommentaren är borttagen

## blobs: an item's attachments page and upload hint

blobs-title = Bilagor – { $title }
blobs-back-to = Tillbaka till { $title }
blobs-heading = Bilagor till { $title }
blobs-hint = { $types }, högst { $size }.
blobs-hint-images = Bilder sparas utan platsuppgifter och annan metadata.
blobs-hint-never = Bifoga aldrig något som pekar ut en brukare.
blobs-attached = Filen är bifogad
blobs-removed = Filen är borttagen

## confirm: the confirmation step before withdrawing (confirm.html)


## cli: the command line's messages (noden migrate, import, reindex, backup, restore, users, peers)
cli-migrate-done = Databasen är uppdaterad.
cli-import-progress = Importerar… { $done } av { $total } filer, { $rate } filer/s, klart om { $left }
cli-import-left-seconds = { $seconds } s
cli-import-left-minutes = { $minutes } min { $seconds } s
cli-import-failed = FEL { $path }: { $reason }
cli-import-note = OBS { $path }: { $note }
cli-import-note-no-text = Texten i filen kunde inte läsas: den verkar sakna textlager (till exempel en inskannad sida). Originalet finns bland bilagorna.
cli-import-note-shortened = Texten var för lång och är förkortad här. Hela dokumentet finns bland bilagorna.
cli-import-reference-data = Referensdata: { $organisations } organisationer, { $categories } kategorier.
cli-import-summary = Import klar: { $imported } importerade, { $updated } uppdaterade, { $unchanged } oförändrade, { $failed } misslyckades.
cli-import-missing-path = filen eller mappen finns inte
cli-import-read-error = kan inte läsa filen: { $error }
cli-import-not-utf8 = filen är inte UTF-8-text
cli-import-unterminated-front-matter = front matter saknar avslutande '---'
cli-import-bad-front-matter = ogiltig front matter: { $error }
cli-import-bad-yaml = ogiltig YAML: { $error }
cli-import-database-error = databasfel: { $error }
cli-import-unknown-technology = Okänd teknik i katalogen "{ $name }".
cli-import-unknown-need = Okänt behov "{ $title }".
cli-import-unknown-role = okänd roll { $role }
cli-import-no-trial = inget test { $title }
cli-import-no-technology = ingen teknik { $name }
cli-import-no-need = inget behov { $title }
cli-import-no-field-report = ingen fältrapport { $key }
cli-import-no-user = ingen användare { $email }
cli-import-not-coach = { $email } är inte teknikcoach
cli-import-follow-one = ange precis en av trial, technology och coach
cli-import-no-comment = ingen kommentar av { $email }
cli-reindex-progress = Indexerar { $done }/{ $total } dokument…
cli-reindex-swapped = Sökindexet är ombyggt: { $total } dokument.
cli-reindex-taken-over = Sökindexet är ombyggt: { $total } dokument. Portalen söker nu i det nya indexet.
cli-reindex-offered = Sökindexet är ombyggt ({ $total } dokument), men portalen har inte bytt till det ännu. Den byter vid nästa genomgång eller start.
cli-users-admin-added = { $email } är nu nodadministratör. Logga in på { $url }/logga-in med en e-postlänk.
cli-users-unknown-role = Okänd roll "{ $role }". Välj bland: { $roles }.
cli-users-role-set = { $email } har nu rollen { $role }.
cli-users-no-such-user = Ingen användare har adressen { $email }.
cli-backup-step-files = Kopierar filer …
cli-backup-step-database = Kopierar databasen …
cli-backup-step-late-files = Kopierar filer som tillkom under tiden …
cli-backup-no-tables = Databasen har inga av Nodens tabeller: kontrollera --database-url och --data-dir (en kopia av en tom databas vore ingen säkerhetskopia).
cli-backup-unsupported = Säkerhetskopiering stöds inte för { $backend }.
cli-backup-manifest-missing = { $path } saknas: katalogen är ingen hel säkerhetskopia (en avbruten kopiering skriver aldrig manifestet).
cli-backup-manifest-unreadable = { $path } går inte att läsa: { $error }
cli-backup-format = Säkerhetskopian har format { $format }; den här versionen av Noden läser format 1.
cli-backup-damaged = { $path } stämmer inte med manifestet (storlek eller SHA-256): säkerhetskopian är skadad.
cli-backup-dir-not-empty = { $dir } finns redan och är inte tom: välj en ny katalog för säkerhetskopian.
cli-backup-manifest-error = manifestet: { $error }
cli-backup-client-missing = { $program } kunde inte startas ({ $error }). Installera PostgreSQL-klienten (paketet postgresql-client) i samma eller nyare version som servern.
cli-backup-client-failed = { $program } misslyckades: { $error }
cli-backup-pg-dump-too-old = PostgreSQL-servern har version { $server }, men { $tool } är äldre eller okänd: installera pg_dump { $major } eller nyare och kör kopieringen igen. Det som ska köras: { $command }
cli-backup-database-error = databasen: { $error }
cli-backup-done = Säkerhetskopian är klar i { $dir }: databasen ({ $backend }, { $database_bytes } byte) och { $files } filer ({ $bytes } byte). Manifestet med kontrollsummor: { $manifest }.
cli-backup-key-in-environment = Nodens nyckel kommer från NODEN_FEDERATION_KEY och finns inte i kopian: spara den där ni förvarar hemligheter.
cli-restore-step-check = Kontrollerar säkerhetskopian …
cli-restore-step-database = Återställer databasen …
cli-restore-step-files = Återställer filer …
cli-restore-index-exists = { $dir } har redan ett sökindex ({ $index }): återställ till en ny datakatalog.
cli-restore-file-exists = { $path } finns redan: återställ till en ny datakatalog eller databas.
cli-restore-tables-exist = Databasen har redan tabeller: återställ till en tom databas.
cli-restore-wrong-backend = Säkerhetskopian är av en { $backend }-databas, men inställningarna pekar på { $configured }.
cli-restore-not-a-file = { $url } är ingen databasfil att återställa till.
cli-restore-done = Återställt från säkerhetskopian av { $created } ({ $files } filer); sökindexet är byggt: { $total } dokument.
cli-peers-bad-share = --share är public eller network, inte "{ $share }".
cli-peers-node = Nod:           { $name } (län { $county })
cli-peers-address = Adress:        { $url }
cli-peers-fingerprint = Fingeravtryck: { $fingerprint }
cli-peers-gets = Får härifrån:  { $share }
federation-share-public = Bara det som är publikt
federation-share-network = Publikt och det som inloggade i noden ser
cli-peers-confirm = Stämmer fingeravtrycket med det nodens förvaltare har gett dig? Lita på noden [j/N]:
cli-peers-not-added = Noden lades inte till.
cli-peers-added = { $name } är nu betrodd.
cli-peers-status-paused = pausad
cli-peers-status-not-pulled = hämtas inte
cli-peers-status-ok = ok
cli-peers-status-error = fel: { $error }
cli-peers-none = Inga betrodda noder.
cli-peers-no-such-peer = Ingen betrodd nod har adressen { $url }.
cli-peers-removed = { $name } är borttagen.

## admin: an example e-mail domain (placeholder)

admin-domain-placeholder = kommun.se

## account: each language's name in its own language (the same in every catalogue)

account-language-name-sv = Svenska
account-language-name-en = English

## trials: who runs a trial (/tester), a follow-up field's label, an open-ended period

trials-parties = { $who ->
    [lead] Leds av { $lead }
    [both] Leds av { $lead } med { $participants }
   *[participants] med { $participants }
}
trials-value-today = { $name } i dag ({ $unit }; före: { $baseline })
trials-report-open-period = { $side ->
    [from] från { $date }
   *[until] till { $date }
}

## The API's and forms' reading errors (lib.rs)

api-error-json-too-large = Innehållet är för stort: högst 256 KiB JSON per förfrågan.
api-error-json-content-type = Skicka JSON med Content-Type: application/json (för PATCH även application/merge-patch+json).
api-error-json-invalid = Ogiltig JSON: { $reason }
api-error-unreadable = Kunde inte läsa förfrågan: { $reason }
web-error-form-too-large = Formuläret är för stort.
web-error-form-unreadable = Formuläret kunde inte läsas.
web-error-query = Parametrarna i adressen kunde inte tolkas: { $reason }

## trials: a follow-up's months (a trial's page and its final report's template)

trials-after-months = { $months ->
    [one] Efter { $months } månad
   *[other] Efter { $months } månader
}
trials-report-after-months = { $months ->
    [one] efter { $months } månad { $value }
   *[other] efter { $months } månader { $value }
}

## technologies, coaches, fieldreports, comments: error messages
coaches-error-account-disabled = Kontot är spärrat och kan inte bli teknikcoach.
coaches-error-appoint-refused = Bara samordnare och nodens personal utser teknikcoacher.
coaches-error-edit-refused = Bara teknikcoachen själv, organisationens samordnare och nodens personal ändrar profilen.
coaches-error-email-missing = Ange e-postadressen till den som ska bli teknikcoach.
coaches-error-end-refused = Bara organisationens samordnare och nodens personal avslutar ett uppdrag som teknikcoach.
coaches-error-hours-range = Ange ett antal timmar mellan 0 och 2000.
coaches-error-hours-whole = Ange ett helt antal timmar mellan 0 och 2000.
coaches-error-introduction-length = Presentationen får ha högst 4 000 tecken.
coaches-error-max-200-chars = Högst 200 tecken.
coaches-error-max-254-chars = Högst 254 tecken.
coaches-error-max-30-categories = Högst 30 kategorier.
coaches-error-max-50-technologies = Högst 50 tekniker.
coaches-error-no-such-user = Det finns ingen sådan användare.
coaches-error-own-organisation-only = Du kan bara utse teknikcoacher i din egen organisation.
coaches-error-unknown-category = Okänd kategori { $name }.
coaches-error-unknown-county = Okänt län { $name }.
coaches-error-unknown-domain = Ingen användare har den adressen, och adressens domän hör inte till någon organisation i noden.
coaches-error-unknown-technology = Okänd teknik i katalogen { $name }.
comments-error-author-only = Bara den som skrev kommentaren kan ändra den.
comments-error-edit-window = En kommentar kan ändras i { $minutes } minuter efter att den skrevs. Skriv en ny kommentar i stället.
comments-error-form-missing-item = Formuläret saknar det som kommenteras.
comments-error-invalid-reference = Ogiltig referens.
comments-error-parent-missing = Kommentaren du svarar på finns inte här.
comments-error-read-only = Du får läsa men inte kommentera här.
comments-error-removed = Kommentaren är borttagen av noden.
comments-error-reply-to-reply = Svara på den första kommentaren i tråden: ett svar kan inte besvaras.
comments-error-staff-only-remove = Bara nodens personal kan ta bort kommentarer.
comments-error-text-length = Skriv kommentaren (högst 4 000 tecken).
comments-error-text-missing = Skriv kommentaren.
comments-error-text-too-long = Kommentaren får ha högst 4 000 tecken.
fieldreports-error-alt-missing = Beskriv foto { $position } med en alternativtext för den som inte ser bilden.
fieldreports-error-alt-too-long = Alternativtexten får ha högst { $max } tecken.
fieldreports-error-entry-type = Välj hinder, möjlighet eller steg.
fieldreports-error-file-empty = Filen är tom.
fieldreports-error-image-failed = Bilden kunde inte behandlas. Försök igen.
fieldreports-error-into-missing = Välj om rapporten ska bli en journalanteckning eller ett behov.
fieldreports-error-key-uuid = Nyckeln ska vara ett UUID.
fieldreports-error-links-missing = Koppla rapporten till ett test, en teknik, ett behov eller en kategori.
fieldreports-error-need-refused = Samordnare och nodens personal gör behov av fältrapporter.
fieldreports-error-need-unknown = Behovet finns inte, eller så kan du inte läsa det.
fieldreports-error-photo-too-large = Foto { $position } (fältet photo_{ $position }) är för stort: högst { $max } per foto.
fieldreports-error-promote-refused = Samordnare och testets ledare för fältrapporter vidare.
fieldreports-error-technology-unknown = Tekniken finns inte i katalogen.
fieldreports-error-text-missing = Skriv vad som hände.
fieldreports-error-text-too-long = Texten får ha högst 4 000 tecken.
fieldreports-error-too-many-photos = Högst { $max } foton går att skicka med en fältrapport.
fieldreports-error-trial-missing = Välj ett test vars journal anteckningen ska stå i.
fieldreports-error-trial-unknown = Testet finns inte, eller så kan du inte läsa det.
fieldreports-error-visibility = Välj public, network eller organisation.
fieldreports-error-writers-only = Fältrapporter skrivs av teknikcoacher, samordnare och nodens personal.
technologies-error-cannot-propose = Du kan inte föreslå teknik till katalogen.
technologies-error-choose-status = Välj bland: { $choices }.
technologies-error-decline-reason-missing = Skriv varför förslaget avböjs.
technologies-error-description-length = Beskrivningen får ha högst 20 000 tecken.
technologies-error-max-20-standards = Högst 20 standarder.
technologies-error-max-200-chars = Högst 200 tecken.
technologies-error-max-2000-chars = Högst 2 000 tecken.
technologies-error-name-length = Namnet måste ha mellan 1 och 200 tecken.
technologies-error-name-missing = Ange teknikens namn.
technologies-error-own-use-only = Du kan bara ange din egen organisations användning.
technologies-error-proposal-decided = Förslaget är redan avgjort.
technologies-error-proximity-missing = Välj om tekniken är brukarnära eller processnära.
technologies-error-staff-only-add = Bara nodens personal lägger till teknik i katalogen.
technologies-error-staff-only-decide = Bara nodens personal tar ställning till förslag.
technologies-error-staff-only-edit = Bara nodens personal ändrar teknik i katalogen.
technologies-error-staff-only-restore = Bara nodens personal återställer teknik i katalogen.
technologies-error-staff-only-restore-use = Bara nodens personal återställer en organisations användning.
technologies-error-staff-only-withdraw = Bara nodens personal drar tillbaka teknik ur katalogen.
technologies-error-withdraw-own-use-only = Du kan bara dra tillbaka din egen organisations användning.

## reports, notifications, freshness, blobs, privacy, markdown, patch: error messages
privacy-error-personal-identity-number = Texten innehåller något som liknar ett personnummer (rad { $line }, tecken { $column }: { $masked }). Noden får inte innehålla personuppgifter om brukare – ta bort numret.
reports-error-title-length = Titeln måste ha mellan 1 och 200 tecken.
reports-error-summary-length = Sammanfattningen får ha högst 1 000 tecken.
reports-error-categories-too-many = Högst 10 kategorier.
reports-error-tags-too-many = Högst 30 taggar.
reports-error-target-groups-too-many = Högst 8 målgrupper.
reports-error-title-missing = Titeln får inte vara tom.
reports-error-body-too-large = Texten är { $size } KiB; högst { $max } KiB är tillåtet. Dela upp den i flera dokument.
reports-error-workspace-unknown = Okänt arbetsrum { $value }.
reports-error-workspace-missing = Välj arbetsrummet som ska få läsa dokumentet.
reports-error-organisation-required = Synligheten "organisation" kräver att en organisation anges.
reports-error-category-unknown = Okänd kategori { $value }.
reports-error-tag-length = En tagg får ha högst 50 tecken.
reports-error-section-unknown = Okänt avsnitt { $value }. Välj bland: { $choices }.
reports-error-only-own-organisation-edit = Du får bara ändra rapporter som tillhör din egen organisation.
reports-error-only-own-organisation-write = Du kan bara skriva rapporter för din egen organisation.
reports-error-final-report-participants-only = Bara de organisationer som deltog i testet skriver dess slutrapport.
reports-error-delete-not-allowed = Bara organisationens samordnare och nodens administratörer får ta bort rapporter som har skickats in; utkast tar skribenternas organisation bort.
reports-error-submit-only-own = Bara rapportens egen organisation kan skicka den för granskning.
reports-error-already-pending = Rapporten väntar redan på granskning.
reports-error-already-published = Rapporten är redan publicerad.
reports-error-review-staff-only = Bara nodens personal granskar rapporter.
reports-error-review-comment-missing = Skriv vad som behöver ändras innan rapporten skickas tillbaka.
reports-error-review-not-pending = Bara rapporter som väntar på granskning kan granskas.
reports-error-no-change-pending = Ingen ändring av rapporten väntar på granskning.
reports-error-review-decision-missing = Välj Publicera eller Skicka tillbaka.
notifications-error-form-unreadable = Formuläret kunde inte läsas.
notifications-error-read-only-key = Nyckeln får bara läsa. Ändringar kräver en nyckel som får skriva.
notifications-error-system-key = Nodens egen nyckel har inga bevakningar eller notiser. Använd en personlig nyckel.
notifications-error-topic-id-invalid = Ange ett giltigt UUID.
freshness-error-report-not-published = Bara publicerade rapporter hålls aktuella.
freshness-error-trial-lead-only = Bara testets ledare och nodens personal håller testet aktuellt.
freshness-error-catalogue-staff-only = Bara nodens personal håller katalogen aktuell.
freshness-error-technology-not-listed = Bara tekniker i katalogen hålls aktuella.
freshness-error-owner-signed-in = Bara en inloggad person kan ta ansvar för innehållet.
freshness-error-not-archived = Det är inte arkiverat.
freshness-error-already-archived = Det är redan arkiverat.
freshness-error-changed-meanwhile = Någon ändrade det nyss. Ladda om sidan och försök igen.
reports-error-trial-unknown = Okänt test { $value }.
reports-error-final-report-exists = Testet har redan en slutrapport: "{ $title }". Öppna den och arbeta vidare i den.
reports-error-in-file = I filen: { $message }
reports-error-text-too-long = Texten är för lång: högst { $max } byte.
notifications-error-frequency-missing = Välj hur ofta du vill få e-post om { $what }.
notifications-error-topic-kind = Ange vad du vill bevaka: { $choices }.
blobs-error-attachments-not-allowed = Bara de som får ändra innehållet kan lägga till eller ta bort bilagor.
blobs-error-no-file = Välj en fil.
blobs-error-file-empty = Filen är tom.
blobs-error-file-name-unusable = Filen saknar ett namn som går att använda. Byt namn på den och försök igen.
blobs-error-heic = HEIC-bilder kan inte tas emot ännu. Välj 'Mest kompatibel' i kamerans inställningar eller skicka bilden som JPEG.
blobs-error-not-a-picture = Filen är ingen bild som går att ta emot. Skicka ett foto som JPEG, PNG eller WebP.
blobs-error-pdf-password = PDF-filen är skyddad med ett lösenord. Spara en kopia utan lösenord och försök igen.
markdown-error-render-timeout = Texten tog för lång tid att visa. Dela upp den eller förenkla strukturen.
patch-error-not-an-object = Skicka ett JSON-objekt med de fält som ska ändras (JSON Merge Patch, RFC 7396).
patch-error-unknown-field = Okänt fält: se API-dokumentet för vilka fält som finns.
patch-error-field-required = Fältet krävs: det kan ändras men inte tas bort (null).
patch-error-wrong-type = Värdet har fel typ för fältet: se API-dokumentet.
markdown-error-nesting = Texten är för djupt nästlad: { $depth } nivåer av citat, listor eller HTML inuti varandra, högst { $max }. Gör strukturen plattare.
blobs-error-upload-unreadable = Uppladdningen kunde inte läsas: skicka multipart/form-data med filen i fältet "{ $field }" ({ $reason }).
blobs-error-file-too-large = Filen är för stor: högst { $max } går att bifoga.
blobs-error-too-many-attachments = Här finns redan { $max } bilagor, det högsta antalet. Ta bort någon först.

## procurement, workspaces: error messages
procurement-error-already-lead = Organisationen leder upphandlingen redan.
procurement-error-already-member = Personen är redan medlem.
procurement-error-already-party = Organisationen är redan avtalspart: ändra den i stället.
procurement-error-amount-digits = Ange ett belopp i hela kronor, med siffror.
procurement-error-amount-non-negative = Ange ett belopp i hela kronor, 0 eller mer.
procurement-error-amount-whole = Ange ett belopp i hela kronor.
procurement-error-answer-length = Skriv svaret (högst 20 000 tecken).
procurement-error-answer-missing = Skriv svaret.
procurement-error-award-date-missing = Ange dagen för tilldelningsbeslutet.
procurement-error-award-too-early = Tilldelningen registreras när upphandlingen har nått fasen tilldelning.
procurement-error-call-off-before-award = Avrop registreras först när ramavtalet är tilldelat: för upphandlingen till fasen tilldelning och registrera tilldelningen.
procurement-error-call-off-before-from = Organisationen kan avropa först från { $date }, som upphandlingsdokumenten säger.
procurement-error-call-off-date-missing = Ange avropets datum.
procurement-error-call-off-over-maximum = Avropet skulle passera ramavtalets takbelopp { $maximum } (avropat hittills { $called }, kvar { $left }). När takbeloppet är nått är ramavtalet förbrukat och kan inte avropas mer (EU-domstolen, mål C-23/20): det som behövs därutöver kräver en ny upphandling.
procurement-error-call-off-over-party-maximum = Avropet skulle passera takbeloppet för { $party } i ramavtalet, { $maximum } (avropat hittills { $called }, kvar { $left }). När takbeloppet är nått är ramavtalet förbrukat för parten och kan inte avropas mer (EU-domstolen, mål C-23/20).
procurement-error-call-off-value = Ange avropets värde i hela kronor, minst 1.
procurement-error-call-off-who = Avrop registreras av upphandlingens ledare eller av en medlem från den avropande organisationen.
procurement-error-calling-organisation-missing = Välj den avropande organisationen.
procurement-error-contract-leads-only = Bara upphandlingens ledare ändrar avtalsparterna och tilldelningen.
procurement-error-corrects-from-one = Ange numret på beslutet som rättas, från 1.
procurement-error-corrects-number = Ange numret på beslutet som rättas, t.ex. 3.
procurement-error-decided-by-length = Ange vem som beslutade (högst 200 tecken).
procurement-error-decided-by-missing = Ange vem som beslutade.
procurement-error-decision-length = Skriv beslutet (högst 20 000 tecken).
procurement-error-decision-missing = Skriv beslutet.
procurement-error-description-length = Beskrivningen får ha högst 20 000 tecken.
procurement-error-desirable-weight = Ange bör-kravets vikt i procent, ett heltal från 1 till 100.
procurement-error-document-text-length = Texten får ha högst 100 000 tecken.
procurement-error-documents-leads-publish = Bara upphandlingens ledare kan ändra om ett dokument är offentligt.
procurement-error-documents-members-only = Upphandlingens ledare och medlemmar skriver dokumenten; observatörer läser dem.
procurement-error-email-domain = Adressen måste höra till en av upphandlingens medlemsorganisationer: domänen { $domain } är inte registrerad för någon av dem.
procurement-error-estimate-above-maximum = Det uppskattade värdet kan inte vara större än takbeloppet.
procurement-error-evidence-not-found = Vi hittar inget underlag { $address } som du kan öppna. Ange adressen till en rapport (/rapporter/…), ett test (/tester/…) eller en uppföljning (/tester/…/uppfoljning/12).
procurement-error-invitation-expired = Inbjudan gick ut { $when }. Be upphandlingens ledare om en ny inbjudan.
procurement-error-invitation-organisation-gone = Organisationen som inbjudan gällde är inte längre med i upphandlingen.
procurement-error-invitation-other-email = Inbjudan gäller { $email }. Logga in med den adressen för att tacka ja.
procurement-error-invitation-used = Inbjudan är redan använd: en inbjudan gäller en gång.
procurement-error-invitation-used-remove = Inbjudan är redan använd. Ta bort medlemmen i stället.
procurement-error-invitation-withdrawn = Inbjudan har dragits tillbaka och kan inte längre användas. Be upphandlingens ledare om en ny inbjudan om du ska vara med.
procurement-error-last-lead = Upphandlingen behöver minst en ledare: bjud in en ny ledare innan du tar bort den sista.
procurement-error-lead-not-removable = Den ledande organisationen kan inte tas bort ur upphandlingen.
procurement-error-lead-unchangeable = Den ledande organisationen kan inte bytas i en pågående upphandling.
procurement-error-leads-only = Bara upphandlingens ledare gör det.
procurement-error-lessons-length = Skriv vad ni lärde er (högst 20 000 tecken).
procurement-error-mandatory-weight = Ett ska-krav har ingen vikt: det uppfylls eller inte. Lämna vikten tom.
procurement-error-max-200-chars = Högst 200 tecken.
procurement-error-max-500-chars = Högst 500 tecken.
procurement-error-max-evidence = Högst 50 underlag.
procurement-error-max-needs = Högst 50 behov.
procurement-error-maximum-below-called = Takbeloppet kan inte vara lägre än det som redan har avropats ({ $amount }).
procurement-error-maximum-frozen = Upphandlingen är annonserad och takbeloppet är låst: ramavtalets uppskattade och största värde ska stå i upphandlingsdokumenten och kan inte höjas efter annonseringen. Det får sänkas.
procurement-error-members-length = Beskriv vilka som ingår (högst 500 tecken).
procurement-error-members-missing = Beskriv vilka som ingår.
procurement-error-need-not-found = Vi hittar inget behov { $need } som du kan öppna. Ange behovets adress (/behov/…).
procurement-error-need-withdrawn = Behovet { $need } är tillbakadraget och kan inte kopplas till ett krav.
procurement-error-no-such-decision = Det finns inget beslut { $number } i upphandlingens beslutslogg.
procurement-error-notes-length = Skriv anteckningarna (högst 20 000 tecken).
procurement-error-notes-missing = Skriv anteckningarna.
procurement-error-number-range = Numret är ett heltal från 1 till 999.
procurement-error-one-lead = En upphandling har en ledande organisation: välj deltagare eller observatör.
procurement-error-organisation-missing = Välj en organisation.
procurement-error-organisation-not-member = Organisationen är inte med i upphandlingen.
procurement-error-parties-frozen = Upphandlingen är annonserad och avtalsparterna är låsta: bara de organisationer som namnges i upphandlingsdokumenten får avropa från ramavtalet, så en ny avtalspart kan inte läggas till nu. En organisation som ska kunna avropa senare måste stå med som avtalspart innan upphandlingen annonseras.
procurement-error-party-from-missing = Ange från vilket datum organisationen kan avropa.
procurement-error-party-role-frozen = Upphandlingen är annonserad: avtalspartens roll och från vilket datum den får avropa står i upphandlingsdokumenten och kan inte ändras nu.
procurement-error-phase-repeated = Varje fas får bara förekomma en gång.
procurement-error-phase-unknown = Okänd fas.
procurement-error-question-length = Skriv frågan (högst 20 000 tecken).
procurement-error-question-missing = Skriv frågan.
procurement-error-reasoning-length = Motiveringen får ha högst 20 000 tecken.
procurement-error-reference-group-full = Referensgruppen har redan { $max } poster. Samla flera personer i en post.
procurement-error-representation-missing = Välj vilka som är representerade.
procurement-error-requirement-kind = Välj om det är ett ska-krav eller ett bör-krav.
procurement-error-requirements-members-only = Bara upphandlingens ledare och medlemmar ändrar kraven; observatörer läser dem.
procurement-error-role-missing = Välj en roll.
procurement-error-signed-before-award = Avtalet kan inte ha tecknats före tilldelningsbeslutet.
procurement-error-start-own-organisation = Samordnare startar upphandlingar för sin egen organisation, nodens personal för alla.
procurement-error-start-roles = Samordnare och nodens personal startar upphandlingar.
procurement-error-summary-leads-only = Bara upphandlingens ledare publicerar sammanfattningen.
procurement-error-summary-too-early = Sammanfattningen publiceras när avtalet är tecknat: tilldelningen registrerad och upphandlingen i fasen Avtal.
procurement-error-supplier-missing = Skriv leverantörens namn.
procurement-error-talk-members-only = Upphandlingens ledare och medlemmar skriver här; observatörer läser.
procurement-error-text-length = Texten får ha högst 20 000 tecken.
procurement-error-title-length = Rubriken måste ha mellan 1 och 200 tecken.
procurement-error-title-missing = Skriv en rubrik.
procurement-error-too-many-requirements = En upphandling kan ha högst { $max } krav.
procurement-error-unknown-technology = Okänd teknik i katalogen { $name }.
procurement-error-weight-range = Vikten är ett heltal från 1 till 100.
workspaces-error-admins-only = Bara nodens administratörer hanterar arbetsrum.
workspaces-error-name-length = Ge arbetsrummet ett namn på högst 120 tecken.
workspaces-error-organisation-missing = Välj minst en organisation som ska vara med i arbetsrummet.
workspaces-error-procurement-owned = Arbetsrummet hör till en gemensam upphandling: dess medlemmar bjuds in i upphandlingen.
workspaces-error-unknown-user = Ingen användare har den adressen. Personen behöver logga in en gång först.

## auth: error messages
auth-error-account-other-organisation = Adressen hör till ett konto i en annan organisation än den som äger adressens domän. Kontakta nodens administratör.
auth-error-domain-other-organisation = Adressens domän hör redan till en annan organisation.
auth-error-domain-no-organisation = Ingen organisation har adressens domän registrerad; ange organisationen (--organisation KOD).
auth-error-name-missing = Skriv det namn du vill visas med.
auth-error-name-personal-identity-number = Namnet ser ut att innehålla ett personnummer. Skriv bara ditt namn.
auth-error-link-already-used-now = Länken är redan använd.
auth-error-account-disabled = Kontot är avstängt. Kontakta nodens administratör.
auth-error-domain-invalid = Skriv en domän som kommun.se (utan @ och utan mellanslag).
auth-error-domain-taken = Domänen är redan registrerad för en annan organisation.
auth-error-issuer-invalid = Ange utfärdarens adress med https:// och ett offentligt värdnamn, till exempel https://login.kommun.se. Adresser i interna nät, till den här maskinen eller till molnets metadatatjänst godtas inte.
auth-error-client-id-missing = Ange klient-id från identitetsleverantören.
auth-error-client-secret-missing = Ange klienthemligheten.
auth-error-token-name = Ge nyckeln ett namn på högst 100 tecken, så att du känner igen den.
auth-error-token-scopes-missing = Välj minst en behörighet: läsa eller skriva.
auth-error-link-invalid = Länken är ogiltig. Kontrollera att du kopierade hela adressen, eller be om en ny länk.
auth-error-link-used = Länken är redan använd. Varje länk fungerar en gång; be om en ny.
auth-error-link-expired = Länken har gått ut (den gäller i 15 minuter). Be om en ny.
auth-error-name-too-long = Namnet får vara högst { $max } tecken.

## fieldreports: error messages (2)
fieldreports-error-unreadable = Fältrapporten kunde inte läsas: skicka multipart/form-data med fälten text, visibility och photo/alt_<n> ({ $detail }).

## overview and federation: texts that start with a link, a placeholder or markup

overview-follow-up-html = <a href="{ $url }">{ $trial }</a>: efter { $months } månader, från { $day } ({ $state })
overview-benefits-csv-label = : nyttorealisering
federation-peer-url-county = { $url } · län
federation-save-for-html = Spara<span class="visually-hidden"> för { $name }</span>
federation-pull-now-from-html = Hämta nu<span class="visually-hidden"> från { $name }</span>
federation-refused-key-from = { $key } från

## fieldreports: error messages (3)
fieldreports-error-too-many-fields = för många fält
fieldreports-error-unknown-field = okänt fält { $name }
fieldreports-error-field-too-long = fältet { $name } är för långt

## Empty histories (revisions::page)

needs-history-empty = Behovet har ingen sparad historik ännu.
trials-history-empty = Testet har ingen sparad historik ännu.
technologies-history-empty = Inga versioner sparade ännu.
procurement-docs-history-empty = Dokumentet har ingen sparad historik ännu.

## The audit trail: what each action code means (audit::ACTIONS)

audit-action-signin = Inloggning
audit-action-signin-failed = Misslyckad inloggning
audit-action-signin-link-sent = Inloggningslänk skickad
audit-action-user-role = Roll ändrad
audit-action-user-disable = Konto spärrat
audit-action-user-enable = Konto öppnat igen
audit-action-user-sessions-end = Inloggningar avslutade
audit-action-user-rename = Visningsnamn ändrat
audit-action-token-create = Åtkomstnyckel skapad
audit-action-token-revoke = Åtkomstnyckel återkallad
audit-action-organisation-domain-add = E-postdomän tillagd
audit-action-organisation-domain-remove = E-postdomän borttagen
audit-action-organisation-provider-set = Inloggningstjänst inställd
audit-action-organisation-provider-remove = Inloggningstjänst borttagen
audit-action-workspace-save = Arbetsrum sparat
audit-action-workspace-add-person = Person tillagd i arbetsrum
audit-action-technology-create = Teknik tillagd i katalogen
audit-action-technology-use = Teknikens användning angiven
audit-action-technology-update = Teknik i katalogen ändrad
audit-action-technology-withdraw = Teknik dragen tillbaka ur katalogen
audit-action-technology-restore = Teknik återställd i katalogen
audit-action-technology-propose = Teknik föreslagen till katalogen
audit-action-technology-approve = Föreslagen teknik godkänd
audit-action-technology-decline = Föreslagen teknik avböjd
audit-action-technology-use-withdraw = Teknikens användning tillbakadragen
audit-action-technology-use-restore = Teknikens användning återställd
audit-action-need-create = Behov registrerat
audit-action-need-endorse = Behov delat av fler
audit-action-need-status = Behovets status ändrad
audit-action-need-edit = Behov ändrat
audit-action-need-withdraw = Behov tillbakadraget
audit-action-need-restore = Behov återställt
audit-action-endorsement-withdraw = Delat behov tillbakadraget
audit-action-field-report-create = Fältrapport skickad
audit-action-field-report-promote = Fältrapport förd vidare
audit-action-trial-create = Test startat
audit-action-trial-phase = Testets fas ändrad
audit-action-trial-edit = Test ändrat
audit-action-trial-withdraw = Test tillbakadraget
audit-action-trial-restore = Test återställt
audit-action-trial-journal = Journalanteckning skriven
audit-action-journal-entry-edit = Journalanteckning ändrad
audit-action-journal-entry-withdraw = Journalanteckning tillbakadragen
audit-action-journal-entry-restore = Journalanteckning återställd
audit-action-trial-indicator = Indikator tillagd
audit-action-indicator-update = Indikator ändrad
audit-action-indicator-withdraw = Indikator tillbakadragen
audit-action-indicator-restore = Indikator återställd
audit-action-trial-follow-up = Uppföljning registrerad
audit-action-report-create = Rapport skapad
audit-action-report-update = Rapport ändrad
audit-action-report-submit = Rapport skickad till granskning
audit-action-report-publish = Rapport publicerad
audit-action-report-return = Rapport returnerad
audit-action-report-edit-for-review = Ändring av publicerad rapport skickad till granskning
audit-action-report-publish-edit = Ändring av publicerad rapport publicerad
audit-action-report-return-edit = Ändring av publicerad rapport returnerad
audit-action-report-delete = Rapport borttagen
audit-action-procurement-create = Upphandling startad
audit-action-procurement-edit = Upphandling ändrad
audit-action-procurement-phase = Upphandlingens fas ändrad
audit-action-procurement-milestones = Upphandlingens tidslinje ändrad
audit-action-procurement-organisation-add = Organisation tillagd i upphandling
audit-action-procurement-organisation-remove = Organisation borttagen ur upphandling
audit-action-procurement-invite = Inbjudan till upphandling skickad
audit-action-procurement-invitation-withdraw = Inbjudan till upphandling tillbakadragen
audit-action-procurement-accept = Inbjudan till upphandling antagen
audit-action-procurement-remove-member = Medlem borttagen ur upphandling
audit-action-procurement-requirement-add = Krav tillagt i upphandling
audit-action-procurement-requirement-edit = Krav ändrat i upphandling
audit-action-procurement-requirement-remove = Krav borttaget ur upphandling
audit-action-procurement-document-create = Upphandlingsdokument skrivet
audit-action-procurement-document-edit = Upphandlingsdokument ändrat
audit-action-procurement-party = Avtalspart sparad
audit-action-procurement-award = Tilldelning registrerad
audit-action-procurement-calloff = Avrop registrerat
audit-action-procurement-question = Fråga ställd i upphandling
audit-action-procurement-reply = Fråga i upphandling besvarad
audit-action-procurement-decision = Beslut infört i upphandlingens beslutslogg
audit-action-procurement-reference-entry = Referensgruppens sammansättning ändrad
audit-action-procurement-reference-meeting = Referensgruppsmöte antecknat
audit-action-follow-add = Bevakning tillagd
audit-action-follow-remove = Bevakning borttagen
audit-action-notifications-settings = Notisinställningar ändrade
audit-action-coach-appoint = Teknikcoach utsedd
audit-action-coach-edit = Teknikcoachens profil ändrad
audit-action-coach-end = Uppdrag som teknikcoach avslutat
audit-action-federation-peer-add = Nod betrodd för federation
audit-action-federation-peer-change = Federationsinställningar för nod ändrade
audit-action-federation-peer-remove = Nod borttagen ur federationen
audit-action-federation-pull-now = Hämtning från nod begärd nu
audit-action-federation-reconcile-now = Avstämning med noder begärd nu
audit-action-federation-request-refused = Förfrågan från nod avvisad (federation)
audit-action-job-retry = Jobb körs igen
audit-action-attachment-add = Fil bifogad
audit-action-attachment-remove = Bifogad fil borttagen
audit-action-notifications-unsubscribe = E-post om notiser avstängd med avregistreringslänk
audit-action-comment-add = Kommentar skriven
audit-action-comment-edit = Kommentar ändrad
audit-action-comment-remove = Kommentar borttagen av noden
audit-action-user-language = Språk ändrat

## A job's state (jobs::JobState)

jobs-state-queued = I kö
jobs-state-running = Pågår
jobs-state-done = Klart
jobs-state-failed = Misslyckat

## The catalogue's lookups: error messages (catalog.rs)

catalog-error-unknown-organisation = Okänd organisation { $given }. Ange kommunkod (t.ex. 0480) eller namn.
catalog-error-ambiguous-organisation = { $given } kan vara flera organisationer: { $candidates }. Ange koden eller hela namnet.
catalog-error-organisation-missing = Ange organisationen.
catalog-error-unknown-category = Okänd kategori { $named }.

## needs, trials, followups: error messages
needs-error-visibility = Ett behov delas med länet: välj public, network eller organisation.
needs-error-only-own-organisation = Du kan bara registrera behov för din egen organisation.
needs-error-title-missing = Skriv en rubrik.
needs-error-target-group-missing = Välj en målgrupp.
needs-error-edit-forbidden = Bara organisationen som registrerade behovet och nodens personal ändrar det.
needs-error-withdraw-forbidden = Bara organisationen som registrerade behovet och nodens personal kan dra tillbaka det.
needs-error-restore-forbidden = Bara nodens personal återställer ett tillbakadraget behov.
needs-error-unendorse-forbidden = Bara organisationen själv kan ta tillbaka att den har samma behov.
needs-error-endorse-own = Behovet är er organisations eget.
needs-error-endorse-forbidden = Du kan inte instämma i behovet.
needs-error-status-missing = Välj en status.
needs-error-status-forbidden = Bara organisationen som registrerade behovet och nodens personal ändrar dess status.
needs-error-title-length = Rubriken måste ha mellan 1 och 200 tecken.
needs-error-description-length = Beskrivningen får ha högst 20 000 tecken.
needs-error-note-length = Högst 1 000 tecken.
needs-error-withdrawn = Behovet är tillbakadraget. Återställ det först.
trials-error-visibility = Välj public, network eller organisation (de deltagande organisationerna).
trials-error-start-forbidden = Bara den ledande organisationen och nodens personal kan starta ett test.
trials-error-title-missing = Skriv en rubrik.
trials-error-target-group-missing = Välj en målgrupp.
trials-error-ends-before-start = Testet kan inte sluta innan det börjar.
trials-error-technology-missing = Välj tekniken i katalogen, eller skriv vilken teknik som testas om katalogen saknar den.
trials-error-edit-forbidden = Bara den ledande organisationen och nodens personal ändrar testet.
trials-error-withdraw-forbidden = Bara den ledande organisationen och nodens personal kan dra tillbaka testet.
trials-error-restore-forbidden = Bara nodens personal återställer ett tillbakadraget test.
trials-error-phase-missing = Välj en fas.
trials-error-phase-forbidden = Bara den ledande organisationen och nodens personal ändrar testets fas.
trials-error-title-length = Rubriken måste ha mellan 1 och 200 tecken.
trials-error-description-length = Beskrivningen får ha högst 20 000 tecken.
trials-error-participants-count = Högst 50 deltagande organisationer.
trials-error-technology-length = Tekniken får ha högst 200 tecken.
trials-error-product-length = Produkten får ha högst 200 tecken.
trials-error-supplier-length = Leverantören får ha högst 200 tecken.
trials-error-entry-text-length = Skriv anteckningen (högst 20 000 tecken).
trials-error-withdrawn = Testet är tillbakadraget. Återställ det först.
trials-error-entry-edit-forbidden = Bara organisationen som skrev anteckningen och testets ledning ändrar den.
trials-error-journal-forbidden = Bara de organisationer som deltar i testet skriver i dess journal.
trials-error-entry-type-missing = Välj typ av anteckning: steg, hinder, möjlighet eller beslut.
trials-error-entry-text-missing = Skriv anteckningen.
trials-error-entry-date-future = Datumet kan inte ligga i framtiden: skriv det som har hänt.
trials-error-entry-withdrawn = Anteckningen är tillbakadragen. Återställ den först.
trials-error-entry-withdraw-forbidden = Bara organisationen som skrev anteckningen och testets ledning drar tillbaka den.
trials-error-entry-restore-forbidden = Bara nodens personal återställer en tillbakadragen anteckning.
followups-error-indicators-forbidden = Bara den ledande organisationen och nodens personal väljer indikatorer.
followups-error-follow-up-forbidden = Bara de organisationer som deltog i testet följer upp det.
followups-error-values-not-numbers = Ange värdena som tal.
followups-error-value-not-indicator = Ett värde hör inte till testets indikatorer.
followups-error-indicator-name = Ange indikatorns namn (högst 200 tecken).
followups-error-unit-length = Högst 50 tecken.
followups-error-effects-length = Högst 20 000 tecken.
followups-error-direction-missing = Välj Högre är bättre eller Lägre är bättre.
followups-error-baseline-not-number = Ange utgångsvärdet som ett tal, t.ex. 12 eller 3,5.
followups-error-indicator-edit-forbidden = Bara den ledande organisationen och nodens personal ändrar indikatorer.
followups-error-indicator-withdraw-forbidden = Bara den ledande organisationen och nodens personal drar tillbaka indikatorer.
followups-error-indicator-restore-forbidden = Bara nodens personal återställer indikatorer.
followups-error-not-a-number = Ange ett tal, t.ex. 12 eller 3,5.
followups-error-unknown-indicator = Okänd indikator.
trials-error-unknown-need = Okänt behov { $name }.
trials-error-unknown-technology = Okänd teknik i katalogen { $name }.
followups-error-not-yet-due = Uppföljningen efter { $months } månader kan göras från { $date }.
followups-error-label-name = Namn
followups-error-label-unit = Enhet
followups-error-label-direction = Riktning
followups-error-label-baseline = Utgångsvärde

## overview: the views' headings, series and columns (also the CSV headers and the API)
overview-view-phases = Tester per fas
overview-view-outcomes = Rapporternas utfall
overview-view-categories = Tester per kategori
overview-view-organisations = Tester per organisation (ledande eller deltagande)
overview-view-follow-ups = Uppföljningar att göra
overview-view-needs = De mest delade behoven
overview-view-spread = Teknikens spridning i länet
overview-view-freshness = Rapporter och tester som kan vara inaktuella, per organisation
overview-view-benefits = Nyttorealisering per teknik
overview-series-trials = Tester
overview-series-reports = Rapporter
overview-series-follow-ups = Uppföljningar
overview-series-organisations-with-need = Organisationer med behovet
overview-series-current = Aktuella
overview-series-maybe-outdated = Kan vara inaktuella
overview-no-category = Ingen kategori
overview-benefits-technology = Teknik
overview-benefits-organisations = Organisationer som följt upp
overview-benefits-follow-ups = Uppföljningar
overview-benefits-change-12 = Förändring mot utgångsläget efter 12 månader (%)
overview-benefits-change-24 = Förändring mot utgångsläget efter 24 månader (%)
overview-benefits-still-in-use = Används fortfarande (% av uppföljningarna)
overview-benefits-effects = Uppföljningar med beskrivna effekter
overview-error-unknown-county = Okänt län { $county }.

## Federation, search, revisions, jobs, health: service messages
federation-error-untrusted-request = Bara betrodda noder får hämta härifrån, med undertecknade förfrågningar: { $why }.
federation-error-ids-list = ids ska vara id:n åtskilda med kommatecken.
federation-error-too-many-ids = Högst { $max } id:n i en förfrågan.
federation-error-share-choice = Välj vad noden ska få: det publika eller även nätverkets.
federation-error-share-value = Välj vad noden ska få: public eller network.
federation-error-url-missing = Skriv nodens adress, till exempel https://noden.example.se.
federation-error-url-unreadable = Adressen går inte att läsa. Skriv nodens adress, till exempel https://noden.example.se.
federation-error-url-unusable = Adressen går inte att använda.
federation-error-unreachable = Noden kan inte nås på den adressen ({ $why }). Andra noder nås bara över https, och aldrig på interna nät.
federation-error-backing-off = Noden svarade inte nyss. Försök igen om { $seconds } sekunder.
federation-error-no-answer = Noden svarade inte ({ $why }).
federation-error-bad-status = Noden svarade { $status } på { $path }; den kanske inte är en Noden-nod.
federation-error-not-a-document = Svaret på { $path } är inget noddokument.
federation-error-protocol = Noden talar ett annat federationsprotokoll ({ $theirs }) än den här ({ $ours }).
federation-error-url-mismatch = Noden uppger adressen { $stated }, inte { $url }. Lägg till den med den adress den själv uppger.
federation-error-key-unreadable = Nodens publika nyckel går inte att läsa.
federation-error-key-mismatch = Nodens nyckel-id eller fingeravtryck stämmer inte med dess nyckel.
federation-error-name-unusable = Nodens namn går inte att använda.
federation-error-county-unreadable = Nodens länskod går inte att läsa.
federation-error-self = Det är den här noden själv.
federation-error-already-trusted = { $name } är redan betrodd. Ändra inställningarna i listan i stället.
federation-error-key-changed = Nodens nyckel är inte längre den du bekräftade. Hämta den igen och jämför fingeravtrycket med nodens förvaltare.
federation-error-key-taken = En annan betrodd nod har samma nyckel. Ta bort den först om noden har flyttat.
federation-error-not-pulled = Noden är pausad eller hämtas inte. Slå på hämtningen först.
search-error-params = Sökparametrarna kunde inte tolkas: { $error }
search-error-query-length = Sökfrågan får ha högst { $max } tecken.
search-error-sort-unknown = Okänd sortering { $value }. Välj relevans eller nyast.
search-error-freshness-unknown = Okänt värde { $value }. Välj aktuell, inaktuell eller arkiverad.
search-error-year = Ange år med fyra siffror, inte "{ $value }".
search-error-facet-unknown = Okänd facett { $value }. Välj bland { $choices }.
search-error-group-id = Ange ett tests id (ett UUID).
web-error-integer-range = Ange ett heltal från { $min } till { $max }.
search-error-max-100-chars = Högst 100 tecken.
revisions-error-numbered-from-one = Versionerna numreras från 1.
jobs-error-not-failed = Jobbet har inte misslyckats och kan inte försökas igen.
health-error-indexing = Sökindexet läser fortfarande in det databasen innehåller. Försök igen om en stund.

## freshness: handing an item over to someone else
freshness-hand-over-link = Lämna över ansvaret till någon annan
freshness-hand-over-title = Lämna över ansvaret för { $title }
freshness-hand-over-heading = Lämna över ansvaret
freshness-hand-over-intro = Den du anger svarar från och med nu för att det här hålls aktuellt och får påminnelserna:
freshness-hand-over-email = E-postadress till den nya ansvariga
freshness-hand-over-email-hint = Personen behöver ett konto i Noden och rätt att ändra det här.
freshness-hand-over-button = Lämna över
freshness-done-hand-over = Ansvaret är överlämnat.
freshness-error-successor-unknown = Ingen aktiv användare i Noden har den adressen.
freshness-error-successor-may-not-keep = Personen får inte ändra det här och kan därför inte svara för det.
freshness-error-successor-missing = Ange e-postadressen till den nya ansvariga.
freshness-error-email-only-hand-over = En e-postadress anges bara när ansvaret lämnas över (hand_over).

## auth, web, blobs, privacy, fieldreport.js: service messages (2)
auth-error-form-forged = Formuläret kunde inte kontrolleras (det saknar en giltig säkerhetskod, eller kom från en annan webbplats). Ladda om sidan och försök igen.
auth-error-admins-only = Sidan är till för nodens administratörer.
auth-error-staff-only = Sidan är till för nodens personal.
auth-error-role-unknown = Välj en roll i listan.
auth-signed-in = Du är inloggad
auth-signed-out = Du är utloggad
auth-error-sign-in-refused = Inloggningen kunde inte slutföras: { $why } Försök igen från Logga in.
auth-error-oidc-unavailable = identitetsleverantören svarar inte.
auth-error-oidc-no-sign-in = organisationen har ingen inloggning här.
auth-error-oidc-unexpected = ett oväntat fel inträffade.
auth-error-oidc-provider-error = identitetsleverantören svarade { $error } { $description }.
auth-error-oidc-no-code = svaret saknar kod eller state.
auth-error-oidc-other-browser = svaret hör inte till en inloggning som startades i den här webbläsaren.
auth-error-oidc-other-issuer = svaret kom från en annan utfärdare än organisationens.
auth-error-oidc-attempt-spent = inloggningsförsöket är redan använt eller har gått ut.
auth-error-oidc-wrong-address = svaret kom till fel organisations adress.
auth-error-oidc-no-token-address = identitetsleverantören saknar token-adress.
auth-error-oidc-code-refused = koden kunde inte lösas in hos identitetsleverantören.
auth-error-oidc-no-id-token = identitetsleverantören skickade ingen ID-token.
auth-error-oidc-account-disabled = kontot är avstängt.
auth-error-oidc-other-organisation = kontot hör till en annan organisation.
auth-error-oidc-token-expired = ID-token har gått ut.
auth-error-oidc-token-audience = ID-token är utfärdad för en annan mottagare.
auth-error-oidc-token-issuer = ID-token kommer från fel utfärdare.
auth-error-oidc-token-nonce = ID-token hör inte till det här inloggningsförsöket.
auth-error-oidc-token-signature = ID-token har ingen giltig signatur från identitetsleverantören.
auth-error-oidc-token-refused = ID-token kunde inte godtas.
web-error-date-format = Ange datumet som ÅÅÅÅ-MM-DD.
web-error-form-unreadable-because = Formuläret kunde inte läsas: { $reason }
privacy-withheld-value = (ett värde som liknar ett personnummer)
blobs-type-pdf = PDF
blobs-type-docx = Word (DOCX)
blobs-type-xlsx = Excel (XLSX)
blobs-type-odt = OpenDocument-text (ODT)
blobs-type-csv = CSV
blobs-type-jpeg = JPEG-bild
blobs-type-png = PNG-bild
blobs-type-webp = WebP-bild
blobs-types-or = { $first } eller { $last }
blobs-error-type-not-allowed = Den filtypen går inte att bifoga här. Välj en fil av typen { $allowed }.
blobs-error-type-mismatch = Filens innehåll är { $found }, men namnet säger { $promised }. Kontrollera att du valt rätt fil.
blobs-error-type-unknown-content = Filens innehåll är inte { $promised } som namnet säger, och inte någon annan typ som går att bifoga ({ $allowed }).
blobs-error-upload-one-file = skicka en fil i taget
blobs-error-upload-unknown-field = okänt fält { $name }
blobs-error-upload-field-too-long = fältet { $name } är för långt
blobs-error-upload-too-many-fields = för många fält
blobs-error-text-unreadable-type = Texten i en fil av typen { $type } går inte att läsa in.
blobs-error-file-unreadable-as = Filen kunde inte läsas som { $type } ({ $why }).
blobs-error-reason-broken = filen är trasig
blobs-error-reason-part-missing = { $part } saknas
blobs-error-image-unreadable = Bilden kunde inte läsas som { $type }. Den kan vara skadad eller för stor (högst { $max } × { $max } bildpunkter).
fieldreports-offline-kept = Sparad på telefonen – skickas när anslutningen är tillbaka
fieldreports-offline-sent = Fältrapporten som var sparad på telefonen är skickad.
fieldreports-offline-refused = En sparad fältrapport kunde inte tas emot. Skriv den igen.
fieldreports-offline-restored = Ditt utkast är återställt.
fieldreports-offline-unsaved = Ingen anslutning, och rapporten kunde inte sparas på telefonen. Försök igen när du har täckning.
fieldreports-offline-sending = Skickar …

## freshness: what an item is, and who answers for it without an owner
freshness-kind-report = Rapport
freshness-kind-trial = Test
freshness-kind-technology = Teknik i katalogen
freshness-owner-coordinators = Samordnarna i { $organisation }
freshness-owner-staff = Nodens personal

## audit: keeping items current
audit-action-freshness-confirm = Bekräftat som aktuellt
audit-action-freshness-archive = Arkiverat
audit-action-freshness-unarchive = Framtaget ur arkivet
audit-action-freshness-take-over = Ansvar för aktualitet taget
audit-action-freshness-hand-over = Ansvar för aktualitet överlämnat

## technologies: a withdrawn entry is not changed
technologies-error-withdrawn = Tekniken är tillbakadragen ur katalogen. Återställ den först.

# Notices of needs, e-mailed in the reader's language
needs-notice-an-organisation = En organisation
needs-notice-shared-title = { $organisation } har samma behov: { $title }
needs-notice-shared = { $organisation } har samma behov: "{ $title }".
needs-notice-status-title = { $status }: { $title }
needs-notice-status = Behovet "{ $title }" har fått status { $status_lower }.
needs-notice-shares-yours-subject = { $organisation } delar ert behov: { $title }
needs-notice-shares-yours = { $organisation } har samma behov som ni: "{ $title }".
needs-notice-they-write = De skriver: { $note }

# Notices of trials, e-mailed in the reader's language
trials-notice-phase-title = { $phase }: { $title }
trials-notice-phase = Testet "{ $title }" har bytt fas till { $phase_lower }.
trials-notice-journal-title = { $type }: ny anteckning i { $title }
trials-notice-journal = { $organisation } har skrivit en ny anteckning ({ $type_lower }) i journalen för testet "{ $title }":
trials-notice-technology-subject = Förslag till teknikkatalogen: { $technology }
trials-notice-technology = Testet "{ $title }" prövar "{ $technology }", som inte finns i teknikkatalogen.
trials-notice-technology-add = Lägg till tekniken i katalogen om den hör hemma där.

# Notices of technology proposals, e-mailed in the reader's language
technologies-notice-approved-subject = Ditt förslag finns nu i teknikkatalogen: { $name }
technologies-notice-approved = Nodens personal har godkänt ditt förslag "{ $name }". Tekniken finns nu i katalogen.
technologies-notice-declined-subject = Ditt förslag till teknikkatalogen: { $name }
technologies-notice-declined = Nodens personal har avböjt ditt förslag "{ $name }".
technologies-notice-declined-reason = Motivering: { $reason }

# Follow-up reminders, e-mailed in the reader's language
followups-notice-due-subject = Dags att följa upp: { $title }
followups-notice-due = Det har gått { $months } månader sedan testet "{ $title }" avslutades. Registrera uppföljningen: indikatorernas värden i dag, effekterna ni ser och om tekniken fortfarande används.
followups-notice-overdue-subject = Uppföljningen är försenad: { $title }
followups-notice-overdue = Uppföljningen efter { $months } månader av testet "{ $title }" skulle ha gjorts { $when } och är inte registrerad.

# Notices of joint procurements, e-mailed in the reader's language
procurement-notice-overdue-subject = Försenad milstolpe: { $phase } i { $title }
procurement-notice-overdue = Upphandlingen "{ $title }" skulle ha nått fasen { $phase_lower } den { $planned } men är fortfarande i fasen { $now_lower }. Ange ett nytt planerat datum eller för upphandlingen vidare.
procurement-notice-party-warning = { $party }s avrop har nått { $percent } % av partens takbelopp: { $after } av { $maximum }.
procurement-notice-agreement-warning = Avropen från hela ramavtalet har nått { $percent } % av takbeloppet: { $after } av { $maximum }.
procurement-notice-maximum-reached = När takbeloppet är nått är ramavtalet förbrukat och kan inte avropas mer; planera en ny upphandling i god tid.
procurement-notice-maximum-subject = Ramavtalet närmar sig takbeloppet: { $title }
procurement-notice-question-subject = Ny fråga i upphandlingen { $procurement }: { $question }
procurement-notice-question = { $writer } har ställt en fråga i den gemensamma upphandlingen "{ $procurement }": "{ $question }".
procurement-notice-reply-subject = Nytt svar i upphandlingen { $procurement }: { $question }
procurement-notice-reply = { $writer } har svarat på frågan "{ $question }" i den gemensamma upphandlingen "{ $procurement }".
procurement-notice-invitation-subject = Inbjudan till upphandlingen { $title }
procurement-notice-invitation = { $inviter } bjuder in dig till den gemensamma upphandlingen "{ $title }" i Noden, som { $standing }.
procurement-notice-invitation-how = Öppna länken, logga in med { $email } och tacka ja. Länken kan användas en gång och gäller till { $expires }.

# Notices of field reports, e-mailed in the reader's language
fieldreports-notice-new-title = Ny fältrapport från { $organisation }: { $title }
fieldreports-notice-new = { $by } ({ $organisation }) har skrivit en fältrapport:
fieldreports-notice-promoted-title = Din fältrapport fördes vidare: { $title }
fieldreports-notice-promoted = { $by } förde din fältrapport "{ $title }" vidare.
fieldreports-notice-promoted-became = Den blev: { $became }

# Notices of comments, e-mailed in the reader's language
comments-notice-new-title = Ny kommentar: { $title }
comments-notice-reply-title = Nytt svar på en kommentar: { $title }
comments-notice-new = { $writer } har skrivit en kommentar om "{ $title }" ({ $kind }):

# Atom feeds' titles
feeds-title-category = Noden – Kategori: { $name }
feeds-title-organisation = Noden – Organisation: { $name }
feeds-title-technology = Noden – Teknik: { $name }
feeds-title-search = Noden – Sökning
feeds-title-search-for = Noden – Sökning: { $text }
search-expanded = Visar även träffar för:
search-without-expansion = Sök bara på ”{ $q }”
search-not-expanded = Söker bara på orden som de skrevs.
search-with-expansion = Sök även på andra ord för samma sak
search-error-expand = Ange true eller false, inte { $value }.
admin-thesaurus = Vokabulär
admin-thesaurus-text = Begreppen som sökningen känner igen och orden som används för dem.
thesaurus-title = Vokabulär
thesaurus-admin = Administration
thesaurus-intro = När någon söker på ett ord som hör till ett begrepp hittar sökningen även begreppets andra ord, och mer svagt orden för smalare begrepp. Ändringar gäller från nästa sökning.
thesaurus-new = Nytt begrepp
thesaurus-filter = Sök bland orden
thesaurus-filter-button = Visa
thesaurus-count = { $total ->
    [one] { $total } begrepp
   *[other] { $total } begrepp
}
thesaurus-col-label = Begrepp
thesaurus-col-others = Andra ord
thesaurus-col-broader = Bredare begrepp
thesaurus-col-source = Källa
thesaurus-source-content = Innehållsmappen
thesaurus-source-staff = Nodens personal
thesaurus-back = Tillbaka till vokabulären
thesaurus-saved = Sparat. Sökningen använder orden från och med nu.
thesaurus-fix = Rätta det som är markerat nedan.
thesaurus-from-content = Begreppet kommer från innehållsmappen (vocabulary.yaml). Dess ord ändras där; här kan du lägga till fler.
thesaurus-content-labels = Orden från innehållsmappen
thesaurus-note = Vad begreppet avser
thesaurus-narrower = Smalare begrepp:
thesaurus-label = Föredraget ord
thesaurus-added-labels = Tillagda ord
thesaurus-other-labels = Andra ord för samma sak
thesaurus-labels-hint = Ett ord eller uttryck per rad, så som folk skriver det.
thesaurus-broader = Bredare begrepp
thesaurus-broader-none = Inget
thesaurus-save = Spara
thesaurus-error-staff-only = Bara nodens personal kan ändra vokabulären.
thesaurus-error-too-many = Högst { $max } tillagda ord per begrepp.
thesaurus-error-label-long = { $label } är för långt, högst { $max } tecken.
thesaurus-error-label-required = Skriv begreppets föredragna ord.
thesaurus-error-label-max = Högst { $max } tecken.
thesaurus-error-note-max = Högst { $max } tecken.
thesaurus-error-broader-unknown = Det finns inget begrepp { $value }.
thesaurus-error-broader-cycle = Det bredare begreppet ligger redan under det här.
thesaurus-error-label-taken = { $label } läses som { $other }, som redan hör till begreppet { $concept }.
thesaurus-error-label-empty = { $label } innehåller inget ord.
search-expanded-more = { $count ->
    [one] och { $count } ord till
   *[other] och { $count } ord till
}
thing-begreppet = begreppet
search-suggest-concept = { $label } — { $hits ->
    [one] { $hits } träff
   *[other] { $hits } träffar
}
categories-words = Andra ord för samma sak:
cli-vocabulary-bad-id = { $id }: ett id får bara innehålla a–z, 0–9 och -
cli-vocabulary-unknown-concept = { $id }: det finns inget begrepp { $value }
cli-vocabulary-unknown-category = { $id }: det finns ingen kategori { $value }
cli-vocabulary-invalid = begreppen går inte ihop: { $error }
