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
