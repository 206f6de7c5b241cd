# Noden's texts in English, the second language. Every key here is in sv.ftl too.

## The frame around every page (base.html)

site-tagline = Welfare technology in the county – what has already been tested
skip-to-content = Skip to content
nav-main = Main menu
nav-search = Search
nav-needs = Needs
nav-trials = Trials
nav-technology = Technology
nav-coaches = Technology coaches
nav-overview = Overview
nav-organisations = Organisations
nav-field-reports = Field reports
nav-procurements = Procurements
nav-account = Your account
nav-notices = Notices
nav-unread = unread
nav-new-field-report = New field report
nav-account-page = Account
nav-review = Review
nav-review-waiting = waiting
nav-admin = Admin
sign-out = Sign out
sign-in = Sign in
language-switch = På svenska
footer-about = Noden – the regional collaboration node for welfare technology. Nothing here may hold personal data about care recipients.
footer-contact = Contact the node
footer-accessibility = Accessibility
footer-api = API (OpenAPI)

## Dates ("14 May 2024")

date = { $day } { $month } { $year }
datetime = { $date }, { $time }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## /kontakt

contact-title = Contact
contact-heading = Contact the node
contact-email = E-mail:
contact-error-help = Did you get an error message? Tell us what you were trying to do and give the request id the error page showed, and we will find the fault sooner.
contact-no-personal-data = Do not write personal data about care recipients in the e-mail.

## /tillganglighet: the accessibility statement (Swedish Act 2018:1937)

a11y-title = Accessibility of Noden
a11y-intro = { $node } is a regional collaboration node for welfare technology. We who run it want everyone to be able to use it, including people with disabilities. This is Noden's accessibility statement: how well Noden complies with the Swedish Act on accessibility to digital public services (2018:1937), the shortcomings we know of, and how to tell us when something does not work.
a11y-how-heading = How accessible is Noden?
a11y-how = Noden partially complies with the Act. The shortcomings we know of are listed below.
a11y-lacking-heading = Content that is not accessible
a11y-lacking-attachments = Files that users upload (PDF and Word files, for example) are not checked for accessibility and may lack headings, tags or image descriptions. Reports, needs and trials always have their text on the page, so a file is a complement.
a11y-lacking-federation = Content from other counties' nodes is shown as it was sent here. Its heading levels and link texts may be lacking.
a11y-lacking-language = Noden is available in Swedish and English, but only part of the pages are translated into English so far. What users write is shown in the language it was written in.
a11y-lacking-manual = Accessibility is checked automatically (see below). No manual review of every page with a screen reader has been made.
a11y-alternative-heading = If you cannot use parts of Noden
a11y-alternative-html = If you need something in another form, such as the content of a file as plain text, write to <a href="mailto:{ $email }">{ $email }</a>. We will help you.
a11y-report-heading = Report shortcomings
a11y-report-html = If you find a problem that is not listed here, or think that Noden does not meet the requirements of the Act, write to <a href="mailto:{ $email }">{ $email }</a> or use the <a href="/kontakt">contact page</a>. Say which page it concerns and what did not work. Do not write personal data about care recipients.
a11y-enforcement-heading = Enforcement
a11y-enforcement-html = The Agency for Digital Government (Digg) supervises the Act on accessibility to digital public services. If you are not satisfied with how we handle what you reported, you can report it to Digg at <a href="https://www.digg.se/">digg.se</a>.
a11y-technical-heading = Technical information about accessibility
a11y-technical = Noden is partially compliant with the Act on accessibility to digital public services, because of the shortcomings above. The requirements are level AA of WCAG 2.1, as the standard EN 301 549 includes them.
a11y-tested-heading = How we tested Noden
a11y-tested = On every change to Noden's code, every kind of page is opened in the Chromium browser, at phone and desktop width, as a signed-out visitor, as a member and as node staff, and checked with the axe-core tool against WCAG 2.1 levels A and AA. A change that gives a single error is not taken in. The pages are built to work with a keyboard and without JavaScript.
a11y-written = This statement was written on { $written } and is reviewed when Noden changes in a way that affects accessibility.

## The start page (/)

home-title = Home
home-heading = Has anyone already tested it?
home-intro = Search { $total } trials, reports and guides from the county's municipalities and the region.
home-categories = Categories
home-category-documents = { $count ->
    [one] { $count } document
   *[other] { $count } documents
}
home-latest = Latest reports
home-all-reports = Show all reports

## The search form, hits, paging and feeds (partials)

search-label = Search trials, reports and guides
search-placeholder = e.g. night supervision camera
search-button = Search
pager-label = Pages
pager-previous = ‹ Previous
pager-next = Next ›
feed-subscribe = Subscribe (Atom)
follow = Follow
unfollow = Stop following
errors-heading = Correct this before you save

## /sok

search-title = Search
search-title-query = { $q } – search
search-feed-title = Noden – Search
search-heading = Search
search-jump-to-filters = Filter the hits
search-hits = { $total ->
    [one] { $total } hit
   *[other] { $total } hits
}
search-sorted-by-date = Sorted by date
search-sort-by-relevance = sort by relevance
search-sorted-by-relevance = Sorted by relevance
search-sort-by-date = sort by date
search-grouped = Showing a trial and its journal entries one by one.
search-show-all = Show all hits
search-any-word = No document held all the words. Here are those that hold some of them.
search-did-you-mean = Did you mean
search-nothing = Nothing found. Try fewer or other words, or remove a filter.
search-filter = Filter
search-clear-filters = Clear all filters
facet-kind = Type
facet-category = Category
facet-phase = Phase
facet-status = Status
facet-target_group = Target group
facet-participant = Taking part
facet-organisation = Responsible organisation
facet-county = County
facet-node = Node
facet-outcome = Outcome
facet-year = Year
facet-freshness = Currency
facet-hint-organisation = Wrote the report, leads the trial or raised the need.
facet-hint-participant = Takes part in the trial or shares the need.
facet-this-node = This node
hit-kind-need = Need
hit-kind-trial = Test-bed trial
hit-kind-journal = Journal entry
hit-kind-technology = Technology in the catalogue
hit-kind-procurement = Procurement
hit-kind-field-report = Field report
hit-from-node = From { $node }
journal-matches = { $count ->
    [one] 1 journal entry matches
   *[other] { $count } journal entries match
}

## Freshness (partials/freshness.html)

freshness-current = Current
freshness-stale = May be out of date
freshness-archived = Archived
freshness-archived-on = Archived on { $date }.
freshness-archived-text = The content can still be read but is no longer kept up to date.
freshness-unarchive = Bring back from the archive
freshness-stale-text = Nobody has updated or confirmed the content since { $date }.
freshness-owner = Responsible for keeping the content current: { $owner }.
freshness-take-ownership = I will take responsibility for it
freshness-still-correct = It is still correct
freshness-archive = Archive
freshness-archive-text = Archived content can still be read and found, marked as archived, but nobody is reminded to keep it current.
freshness-archive-confirm = Yes, archive

## Error pages

error-sign-in = Sign in
error-help-html = <a href="/">Go to the start page</a> or <a href="/sok">search</a>. Need help? <a href="/kontakt">Contact the node</a>.
error-code = Error { $status } · request id:

## /konto: the account's language

account-language-heading = Language
account-language-legend = Show Noden in
account-language-browser = The language my browser asks for
account-language-save = Save the language
account-language-saved = The language is saved

## Signing in (/logga-in, the link's page and its e-mail)

sign-in-to-continue = Sign in to continue. You will then come back to the page you were on.
sign-in-already-html = You are signed in as <strong>{ $who }</strong>.
sign-in-to-account = To your account
sign-in-check-mail = Check your e-mail
sign-in-link-sent-html = We have sent a sign-in link to <strong>{ $to }</strong>. It is valid for 15 minutes and works once.
sign-in-by-organisation = Through your organisation
sign-in-by-organisation-text = Choose your municipality or region. You are sent to your organisation's sign-in and then come back here.
sign-in-by-mail = With a link to your e-mail
sign-in-by-mail-text = For organisations without a sign-in of their own: enter your work e-mail address and we will send you a link that signs you in.
sign-in-email = E-mail address
sign-in-send-link = Send sign-in link
sign-in-confirm-heading = Sign in to Noden
sign-in-confirm-text = You have opened a sign-in link. Press the button to sign in.
sign-in-not-an-address = Enter an e-mail address, for example firstname.lastname@kommun.se.
sign-in-unknown-domain = The address's domain does not belong to any organisation in Noden. Use your work address (for example name@kommun.se), or ask the node's administrator to register the domain.
sign-in-account-disabled = The account for this address is disabled. Contact the node's administrator.
mail-hello = Hello,
mail-signature = Noden – the regional collaboration node for welfare technology
mail-sign-in-subject = Your sign-in link to Noden
mail-sign-in-asked = Someone (hopefully you) asked to sign in to Noden as a member of staff of { $organisation }.
mail-sign-in-open = Open the link and press the Sign in button on the page that opens. The link is valid for { $minutes } minutes and works once:
mail-sign-in-open-html = <a href="{ $link }">Open the sign-in link</a> and press the Sign in button on the page that opens.
mail-sign-in-valid = The link is valid for { $minutes } minutes and works once. If the link does not open, copy the address into your browser:
mail-sign-in-ignore = If you did not ask for the link, you can ignore this e-mail; nobody can sign in without the link.
mail-your-organisation = your organisation

## A report's page (/rapporter/…), its attachments and comments

report-outcome-is = Outcome: { $outcome }
report-organisation = Organisation
report-date = Date
report-categories = Categories
report-phase-heading = Phase
report-target-groups = Target groups
report-tags = Tags
report-updated = Last changed
report-confirmed = Last confirmed
report-not-published = The report is not published: only your organisation and the node's staff can read it.
report-reviewer-comment = The reviewer's comment: { $comment }
report-change-waiting = A change is waiting for review.
report-your-change-waiting = Your change is waiting for review.
report-change-waiting-text = The published version is shown until the change is approved.
report-change-sent-by = Sent by { $by }
report-change-returned = The change was sent back with comments.
report-change-returned-text = The published version is unchanged.
report-change-diff = What the change changes
report-final-report-of = Final report of the trial
report-edit = Edit the report
report-history = History
report-submit = Send for review
report-delete-draft = Delete the draft
report-delete-draft-text = The draft is deleted for good, with its history. It has never been published.
report-delete-draft-confirm = Yes, delete the draft
errors-heading-send = Correct this before you send
report-review-comment = Comment to the writers (required when you send it back)
report-publish = Publish
report-return = Send back
report-similar = Similar reports
attachments = Attachments
attachments-none = No attachments.
attachments-remove = Remove
attachments-remove-file = Remove { $file }
attachments-attach-to-entry = Attach a file to the entry
attachments-file = File to attach
attachments-upload = Upload
comments = Comments
comments-none = No comments yet.
comments-replies = Replies
comments-reply = Reply
comments-reply-to = to the comment
comments-reply-to-from = to the comment from { $author }
comments-your-reply = Your reply (Markdown)
comments-send-reply = Send the reply
comments-more = { $count ->
    [one] 1 later comment is not shown here.
   *[other] { $count } later comments are not shown here.
}
comments-write = Write a comment (Markdown)
comments-write-hint = At most 4,000 characters. You can edit it for { $minutes } minutes. Never write personal identity numbers or anything else that points out a care recipient.
comments-publish = Publish the comment
comments-sign-in-html = <a href="{ $link }">Sign in</a> to comment.
comments-edited = edited
comments-removed = The comment was removed by the node
comments-edit = Edit
comments-remove = Remove
comments-the-comment = the comment

## /konto: the account page

account-title = Your account
account-follows = What you follow
account-notice-settings = Notices and e-mail
account-reports = Your reports in progress
account-no-reports = You have no drafts and no reports waiting for review.
account-write-report = Write a new report
account-changed = changed { $when }
account-showing = Showing { $shown } of
account-follow-ups = Follow-ups to do
account-no-follow-ups = No follow-ups of your trials fall due in the next two months.
account-follow-up-after = follow-up after { $months } months
account-trials = Trials { $organisation } leads or takes part in
account-no-trials = No trials yet.
account-start-trial = Start a trial
account-all-trials = { $count ->
    [one] The one trial
   *[other] All { $count } trials
}
account-needs = Needs { $organisation } has
account-no-needs = No needs yet.
account-describe-need = Describe a need
account-others-needs = See others' needs
account-all-needs = { $count ->
    [one] The one need
   *[other] All { $count } needs
}
account-we-lead = { $phase } · we lead the trial
account-we-take-part = { $phase } · we take part
account-we-raised = { $status } · we raised the need
account-we-share = { $status } · we share the need
account-name = Your name
account-name-text = Your name is shown in the page header, in the trials' journals and in the reports' history.
account-display-name = Display name (required)
account-save-name = Save the name
account-name-saved = Your name is saved
account-email = E-mail
account-role = Role
account-mail = E-mail about trials and reports
account-mail-on-text = You get e-mail when a trial you take part in gets a new journal entry or changes phase, and when a report you wrote is sent back or published.
account-mail-off-text = You get no e-mail about trials and reports.
account-mail-turn-off = Turn the e-mail off
account-mail-turn-on = Turn the e-mail on
account-mail-on = The e-mail is on
account-mail-off = The e-mail is off
token-heading = Keys for the API
token-text = A personal key lets a program read or write in Noden in your name. The key is shown only once.
token-new = Your new key
token-copy-now = (copy it now, it will not be shown again):
token-yours = Your keys
token-name = Name
token-may = May
token-created = Created
token-last-used = Last used
token-action = Action
token-revoke = Revoke
token-revoked = The key is revoked
token-name-label = The key's name (required)
token-may-legend = The key may
token-scope-read = Read
token-scope-write = Write
token-create = Create key
token-read-write = Read and write
token-read = Read
token-nothing = Nothing
token-never-used = never
role-member = Member
role-coach = Technology coach
role-coordinator = Coordinator
role-node-admin = Node administrator
follow-up-recorded = Recorded
follow-up-overdue = Overdue
follow-up-due = Time to follow up
follow-up-coming = Coming

## Closed lists (vocabularies): a list's noun, then each value's label.

vocabulary-unknown = Unknown value {$value} for {$list}. Choose from: {$choices}.

standing = role in the procurement
standing-lead = Lead
standing-member = Member
standing-observer = Observer

visibility = visibility
visibility-public = Public
visibility-network = The node's users
visibility-organisation = Own organisation
visibility-workspace = The workspace's organisations

target-group = target group
target-group-ordinart-boende = Elderly care in ordinary housing
target-group-sarskilt-boende = Residential care
target-group-lss = LSS (disability support)
target-group-socialpsykiatri = Social psychiatry
target-group-ifo = Individual and family care
target-group-hemsjukvard = Home health care
target-group-anhoriga = Relatives
target-group-personal = Staff

direction = direction
direction-hogre = Higher is better
direction-lagre = Lower is better

need-status = status
need-status-ny = New
need-status-bedoms = Being assessed
need-status-i-test = In a trial
need-status-atgardad = Met
need-status-avslutad = Closed

topic-kind = what to follow
topic-kind-trial = Trial
topic-kind-need = Need
topic-kind-procurement = Procurement
topic-kind-technology = Technology
topic-kind-category = Category
topic-kind-organisation = Organisation
topic-kind-coach = Technology coach
topic-kind-field_report = Field report
topic-kind-report = Report
topic-kind-remote_item = From another node

event-kind = kind of notice
event-kind-field_report = New field reports
event-kind-comment = Comments
event-kind-trial = Events in trials
event-kind-need = Needs
event-kind-procurement = Procurements
event-kind-promoted = When your field report is passed on

cadence = how often
cadence-immediate = At once
cadence-daily = In a daily summary
cadence-weekly = In a weekly summary
cadence-never = Never (only here in Noden)

party-role = role of the contract party
party-role-ordinary = Party from the start
party-role-later = May call off later

document-type = document type
document-type-kravspecifikation = Requirements specification
document-type-marknadsanalys = Market analysis
document-type-forfragningsunderlag = Tender documents
document-type-utvarderingsrapport = Evaluation report
document-type-avtal = Contract
document-type-ovrigt = Other

procurement-phase = phase
procurement-phase-behovsanalys = Needs analysis
procurement-phase-marknadsdialog = Market dialogue
procurement-phase-forfragningsunderlag = Tender documents
procurement-phase-annonsering = Advertising
procurement-phase-utvardering = Evaluation
procurement-phase-tilldelning = Award
procurement-phase-avtal = Contract
procurement-phase-uppfoljning = Follow-up

procurement-role = the organisation's role
procurement-role-lead = Contracting authority (lead)
procurement-role-participant = Participant
procurement-role-observer = Observer

requirement-kind = kind of requirement
requirement-kind-ska = Mandatory requirement
requirement-kind-bor = Desirable requirement

evidence-kind = evidence
evidence-kind-report = Report
evidence-kind-trial = Trial
evidence-kind-follow_up = Follow-up

representation = representation
representation-brukare = Care recipients
representation-anhoriga = Relatives
representation-medarbetare = Staff
representation-fackliga = Trade union representatives
representation-ovrigt = Other

report-kind = kind
report-kind-testrapport = Trial report
report-kind-forstudie = Pre-study
report-kind-erfarenhet = Experience report
report-kind-guide = Guidance
report-kind-dokument = Document

outcome = outcome
outcome-inford = Adopted
outcome-ej-inford = Not adopted
outcome-forkastad = Rejected
outcome-fortsatt-test = Further testing

report-phase = phase
report-phase-behov = Need
report-phase-forstudie = Pre-study
report-phase-test = Trial
report-phase-inforande = Introduction
report-phase-drift = In operation
report-phase-uppfoljning = Follow-up

report-status = status
report-status-utkast = Draft
report-status-granskas = Awaiting review
report-status-returnerad = Returned with comments
report-status-publicerad = Published

report-section = section
report-section-behov = Need and target group
report-section-sakerhet = Safety
report-section-effekter = Effects: security, independence, participation and activity
report-section-brukarperspektiv = The care recipient's perspective
report-section-ekonomi = Economy
report-section-organisation = Organisation and ways of working
report-section-etik = Ethics, consent and law
report-section-informationssakerhet = Information security
report-section-slutsats = Conclusion and recommendation to other municipalities

proximity = proximity
proximity-brukarnara = Close to the user
proximity-processnara = Close to the process

use-status = status
use-status-test = Being tested
use-status-infort = In use
use-status-avvecklat = Phased out

entry-status = status
entry-status-katalog = In the catalogue
entry-status-forslag = Proposed
entry-status-avbojd = Declined

trial-phase = phase
trial-phase-planerad = Planned
trial-phase-pagar = Ongoing
trial-phase-avslutad = Finished
trial-phase-avbruten = Stopped

entry-type = kind of entry
entry-type-steg = Step
entry-type-hinder = Obstacle
entry-type-mojlighet = Opportunity
entry-type-beslut = Decision

## Errors: titles, explanations and the things they name (error.rs, web/errors.rs)

error-title-not-found = Page not found
error-title-unauthorized = Sign-in required
error-title-forbidden = Not allowed
error-title-too-many = Too many attempts
error-title-bad-request = Bad request
error-title-invalid = Some details need correcting
error-title-conflict = Conflict with existing content
error-title-gone = Withdrawn
error-title-too-large = Content too large
error-title-method = Method not supported
error-title-storage-full = Nothing can be saved right now
error-title-unavailable = The service is not ready
error-title-internal = Something went wrong
error-not-found = We cannot find { $what }. It may have been removed or never existed.
error-unauthorized = Writing requires a valid key in the Authorization header (Bearer).
error-sign-in-required = You need to sign in to see or do this. After signing in you will come back here.
error-gone = { $what } has been withdrawn. Node staff can restore it.
error-method = The address exists, but not for that method. Methods allowed: { $allow }.
error-storage-full = The storage is full, so nothing can be saved right now. What you sent has not been saved: keep the text somewhere else and try again in a while. Reading and searching work as usual. The node's administrators have been told.
error-unavailable = The service is starting or cannot reach its database or search index. Try again in a while; if the error remains, contact us (see /kontakt).
error-internal = An unexpected error occurred. It has been logged; give the request id when you contact us (see /kontakt).
error-unique = Something with the same name or address was just saved by someone else. Check and try again.
error-invalid-value = Invalid value.
error-too-large-page = What you sent is too large. Shorten the text and try again.
error-method-page = This page does not support that method.
error-bad-request-page = The request could not be understood.
error-too-many = You have made too many attempts in a short time. Wait { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
} and try again.
thing-anteckningen = the entry
thing-anvandaren = the user
thing-anvandningen = the use
thing-arbetsrummet = the workspace
thing-avregistreringslanken = the unsubscribe link
thing-behovet = the need
thing-beslutet = the decision
thing-bevakningen = the follow
thing-det-du-vill-bevaka = what you want to follow
thing-det-som-kommenteras = what the comment is about
thing-dokumentet = the document
thing-domanen = the domain
thing-filen = the file
thing-fotot = the photo
thing-fragan = the question
thing-faltrapporten = the field report
thing-inbjudan = the invitation
thing-indikatorn = the indicator
thing-instammandet = the agreement
thing-jobbet = the job
thing-kategorin = the category
thing-kommentaren = the comment
thing-kravet = the requirement
thing-lanken = the link
thing-medlemmen = the member
thing-motet = the meeting
thing-noden = the node
thing-notisen = the notice
thing-nyckeln = the key
thing-organisationen = the organisation
thing-organisationens-inloggning = the organisation's sign-in
thing-rapporten = the report
thing-sidan-du-soker = the page you are looking for
thing-spraket = the language
thing-teknikcoachen = the technology coach
thing-tekniken = the technology
thing-testet = the trial
thing-tilldelningen = the award
thing-uppfoljningen = the follow-up
thing-upphandlingen = the procurement
thing-versionen = the version
thing-vyn = the view

## procurement requirements, talk, documents; workspaces: pages
procurement-req-title = Requirements – { $title }
procurement-req-heading = Requirements in { $title }
procurement-req-intro = Mandatory requirements must be met: a tender meets them or it doesn't. Desirable requirements are evaluated and have a weight in percent; together the weights should add up to 100%. Each requirement shows which needs it answers and which organisations have those needs.
procurement-req-add = Add a requirement
procurement-req-csv = Download the requirements as CSV
procurement-req-print = Printable page
procurement-req-weights = Weights
procurement-req-weights-none = There are no desirable requirements yet, so there are no weights to add up.
procurement-req-weights-balanced = The weights add up to 100%.
procurement-req-weights-missing = The weights add up to { $total }%, { $points ->
        [one] { $points } percentage point
       *[other] { $points } percentage points
    } short
procurement-req-weights-excess = The weights add up to { $total }%, { $points ->
        [one] { $points } percentage point
       *[other] { $points } percentage points
    } over
procurement-req-list-heading = The requirements
procurement-req-none = No requirements yet.
procurement-req-weight-badge = Weight { $weight }
procurement-req-answers-needs = Answers the needs
procurement-req-no-need = No need linked.
procurement-req-evidence = Evidence
procurement-req-hidden-links = { $count ->
        [one] { $count } link
       *[other] { $count } links
    } to needs or evidence that you cannot open.
procurement-req-edit = Edit
procurement-req-remove = Remove
procurement-req-number = requirement { $number }
procurement-req-coverage = Needs and requirements
procurement-req-coverage-intro = The needs that the requirements answer, and the needs in the procurement's category that a member organisation has raised or shares.
procurement-req-uncovered = { $count ->
        [one] { $count } need is not covered by any requirement.
       *[other] { $count } needs are not covered by any requirement.
    }
procurement-req-no-needs = No needs linked yet.
procurement-req-need-uncovered = No requirement covers this need
procurement-req-back = Back to the requirements
procurement-req-print-lead = Contracting authority: { $name }.
procurement-req-print-phase = Phase: { $phase }.
procurement-req-print-printed = Printed { $date }.
procurement-req-print-weight = weight { $weight }
procurement-req-form-title = Title (required)
procurement-req-form-kind = Kind of requirement (required)
procurement-req-form-kind-hint = A mandatory requirement must be met; it is either met or not. A desirable requirement is evaluated and has a weight.
procurement-req-form-weight = Weight in percent (desirable requirements only)
procurement-req-form-weight-hint = A whole number from 1 to 100. The weights of the desirable requirements should add up to 100%; the list of requirements shows how much is missing.
procurement-req-form-number = Number in the list
procurement-req-form-number-hint = Leave blank to put the requirement last.
procurement-req-form-text = The requirement (Markdown)
procurement-req-form-text-hint = Markdown: **bold**, *italic*, - bulleted list. Never write personal identity numbers or anything else that could identify a care recipient.
procurement-req-form-needs = Needs the requirement answers
procurement-req-form-no-needs = The procurement's category has no needs from the member organisations. Give needs by their address below.
procurement-req-form-more-needs = More needs
procurement-req-form-more-needs-hint-html = The address of a need in the <a href="/behov">list of needs</a>, for example /behov/nattlig-tillsyn-…, one a line.
procurement-req-form-evidence = Evidence
procurement-req-form-evidence-hint = The address of a report (/rapporter/…), a trial (/tester/…) or a trial's follow-up (/tester/…/uppfoljning/12), one a line.
procurement-req-form-hidden-links = The requirement has { $count ->
        [one] { $count } link
       *[other] { $count } links
    } to needs or evidence that you cannot open. They stay.
procurement-req-form-cancel = Cancel
procurement-req-edit-heading = Edit requirement { $number }: { $title }
procurement-req-new-heading = New requirement in { $title }
procurement-req-save = Save the requirement
procurement-req-add-button = Add the requirement
procurement-req-added = The requirement has been added
procurement-req-saved = The requirement has been saved
procurement-req-removed = The requirement has been removed
procurement-req-remove-heading = Remove requirement { $number }: "{ $title }"
procurement-req-remove-text = The requirement and its links to needs and evidence are removed from the procurement. The needs and the evidence remain.
procurement-req-remove-button = Remove the requirement
procurement-talk-questions = Questions and answers
procurement-talk-in = in { $title }
procurement-talk-replies = { $count ->
        [one] { $count } reply
       *[other] { $count } replies
    }
procurement-talk-reply-heading = Reply
procurement-talk-reply-label = Your reply (required, Markdown)
procurement-talk-privacy-hint = Never write personal identity numbers or anything else that could identify a care recipient.
procurement-talk-reply-button = Send the reply
procurement-talk-observers-questions = Observers read the questions and answers but do not write here.
procurement-talk-questions-title = Questions and answers – { $title }
procurement-talk-questions-heading = Questions and answers in { $title }
procurement-talk-questions-intro = Questions the members discuss. Every new question and every reply is sent by e-mail to the procurement's other members.
procurement-talk-questions-count = { $count ->
        [one] { $count } question
       *[other] { $count } questions
    }, the most recently active first.
procurement-talk-last-active = last active { $when }
procurement-talk-ask-heading = Ask a question
procurement-talk-ask-title = Title (required)
procurement-talk-ask-text = The question (required, Markdown)
procurement-talk-ask-button = Ask the question
procurement-talk-reference-title = Reference group – { $title }
procurement-talk-reference-heading = Reference group for { $title }
procurement-talk-reference-intro = Who is represented in the reference group and what was said at its meetings. Never write names, personal identity numbers or anything else that could identify a care recipient.
procurement-talk-composition = Composition
procurement-talk-composition-none = No composition has been given yet.
procurement-talk-composition-add = Add to the reference group
procurement-talk-representation = Represents (required)
procurement-talk-choose = Choose
procurement-talk-description = Who (required)
procurement-talk-description-hint = For example "Two assistant nurses from the night patrol, Arboga". No names of care recipients.
procurement-talk-composition-add-button = Add
procurement-talk-meetings = Meetings
procurement-talk-meetings-none = No meetings have been recorded yet.
procurement-talk-meeting-on = Meeting { $date }
procurement-talk-recorded-by = Recorded by { $name }
procurement-talk-meeting-add = Record a meeting
procurement-talk-meeting-date = Date of the meeting
procurement-talk-meeting-date-hint = YYYY-MM-DD; blank means today.
procurement-talk-meeting-notes = Notes (required, Markdown)
procurement-talk-meeting-save = Save the meeting
procurement-talk-observers = Observers read but do not write here.
procurement-talk-asked = The question has been asked and the other members have been sent an e-mail
procurement-talk-replied = The reply has been saved and the other members have been sent an e-mail
procurement-talk-decision-recorded = Decision { $number } has been entered in the decision log
procurement-talk-reference-updated = The reference group has been updated
procurement-talk-meeting-saved = The meeting has been saved
procurement-docs-title = Documents – { $title }
procurement-docs-heading = Documents in { $title }
procurement-docs-intro = The procurement's documents, with a history of every change. Only the procurement's members see them.
procurement-docs-new-link = Write a new document
procurement-docs-count = { $count ->
        [one] { $count } document.
       *[other] { $count } documents.
    }
procurement-docs-public-badge = Public
procurement-docs-changed = changed { $when }
procurement-docs-procurement = Procurement
procurement-docs-type = Type
procurement-docs-public = Public
procurement-docs-public-yes = Yes: may be listed in open data about the procurement
procurement-docs-public-no = No: only for the procurement's members
procurement-docs-updated = Last changed
procurement-docs-updated-by = by { $name }
procurement-docs-edit = Edit
procurement-docs-history = History
procurement-docs-all = All documents
procurement-docs-form-title = Title (required)
procurement-docs-form-type = Type of document (required)
procurement-docs-form-body = Text (Markdown)
procurement-docs-form-body-hint = Markdown: ## heading, **bold**, *italic*, - bulleted list, [link](https://…). Every saved change shows in the document's history. Never write personal identity numbers or anything else that could identify a care recipient.
procurement-docs-form-public = Public document
procurement-docs-form-public-hint = A public document may be listed in open data about the procurement once it has been advertised. It opens nothing to anyone other than the members here.
procurement-docs-form-cancel = Cancel
procurement-docs-edit-heading = Edit the document "{ $title }"
procurement-docs-new-heading = New document
procurement-docs-save-changes = Save the changes
procurement-docs-save = Save the document
procurement-docs-saved = The document has been saved
workspaces-title = Workspaces
workspaces-admin = Administration
workspaces-intro = A workspace is shared by a group of organisations, for example in a joint procurement. Documents with the visibility “The workspace's organisations” can only be read by their staff.
workspaces-col-name = Name
workspaces-col-slug = Short name
workspaces-col-organisations = Organisations
workspaces-col-people = People
workspaces-person-heading = Add a person
workspaces-person-intro = A person can be in a workspace without their whole organisation being in it.
workspaces-person-workspace = Workspace
workspaces-person-email = E-mail address
workspaces-person-add = Add the person
workspaces-save-heading = New workspace, or change one with the same name
workspaces-name = Name
workspaces-organisations = Organisations
workspaces-save = Save workspace

## overview: the steering group's overview (/oversikt)

overview-title = Overview
overview-heading = Overview for the steering group
overview-intro = What is being trialled, what was adopted or rejected, follow-ups to do, the most shared needs and the benefits after 12 and 24 months. Counted over what you may read.
overview-county = County
overview-organisation = Organisation
overview-all = All
overview-from = From
overview-to = To
overview-show = Show
overview-download-all = Download everything (zip with one CSV per view)
overview-comma-separated = comma-separated
overview-csv-hint = The CSV files open directly in Swedish Excel (semicolons and decimal commas). The comma-separated version suits other programs.
overview-nothing-to-show = Nothing to show with these filters.
overview-chart-description = Bar chart. The same figures are in the table beside it.
overview-share-outdated = Share that may be out of date
overview-download-csv = Download as CSV
overview-benefits-heading = Benefit realisation by technology
overview-benefits-intro = For each technology, across the organisations that have followed up their trials: how the indicators have changed from the baseline after 12 and 24 months (mean in per cent, positive is better), what share of the follow-ups found the technology in use and how many described effects.
overview-benefits-none = No recorded follow-ups with these filters.
overview-coaches-heading = The technology coach network
overview-coaches-active-html = { $count ->
    [one] { $count } active <a href="/teknikcoacher">technology coach</a>
   *[other] { $count } active <a href="/teknikcoacher">technology coaches</a>
}
overview-coaches-hours = { $count ->
    [one] with { $count } hour a year in all for the role and
   *[other] with { $count } hours a year in all for the role and
}
overview-coaches-field-reports-html = { $count ->
    [one] { $count } <a href="/faltrapporter">field report</a> in the last 30 days.
   *[other] { $count } <a href="/faltrapporter">field reports</a> in the last 30 days.
}
overview-coaches-whole-node = Counted over the whole node.
overview-coaches-caption = Technology coaches by organisation
overview-coaches-active = Active technology coaches
overview-coaches-hours-per-year = Hours a year
overview-coaches-field-reports = Field reports in the last 30 days

## federation: trusted nodes (/admin/federation) and items from them (/fran/…)

federation-title = Federation
federation-intro = Nodes in other counties that this node shares knowledge with. A trusted node fetches what is shared with it, and this node fetches what the other one publishes, so that it can be found in the same search box with a note of where it comes from.
federation-own-heading = This node
federation-name = Name
federation-county = County
federation-organisation = Organisation
federation-address = Address
federation-fingerprint = Key fingerprint
federation-own-hint = Give the address and the fingerprint to the administrator of the other node, so that they can compare them before they trust this node.
federation-add-heading = Add a node
federation-url-label = The node's address (required)
federation-url-hint = For example https://noden.vgregion.se. Noden fetches its details and shows the key fingerprint before you confirm.
federation-share-legend = What the node gets from here
federation-fetch-details = Fetch the node's details
federation-trusted-heading = Trusted nodes
federation-node-count = { $count ->
    [one] { $count } node
   *[other] { $count } nodes
}
federation-no-nodes = No nodes yet.
federation-table-caption = Trusted nodes and how fetching is going
federation-col-node = Node
federation-col-state = State
federation-col-last-fetched = Last fetched
federation-col-last-error = Latest error
federation-col-held = Items here
federation-col-behind = Behind
federation-col-next-attempt = Next attempt
federation-col-settings = Settings
federation-reconciled = Reconciled { $when }
federation-changes-behind = { $count ->
    [one] { $count } change
   *[other] { $count } changes
}
federation-shares-with = Shares with
federation-pull-from-node = Fetch from the node
federation-pause = Pause
federation-remove = Remove
federation-reconcile-hint = Once a day, what has been fetched is compared with the nodes' inventories, and whatever is missing, differs or has been removed there is put right.
federation-reconcile-now = Reconcile with the nodes now
federation-refused-heading = Refused requests
federation-refused-none = No requests to this node's feed have been refused.
federation-refused-count = { $count ->
    [one] { $count } request to this node's feed has
   *[other] { $count } requests to this node's feed have
} been refused: without a valid signature, too old, repeated or from a key that is not trusted. The latest:
federation-refused-all = All of them in the audit log
federation-status-paused = Paused
federation-status-not-pulled = Not fetched
federation-status-unreachable = Interrupted: not reached five times in a row, trying less often but at least once an hour
federation-status-failed = Error at the latest fetch
federation-status-pulled = Being fetched
federation-status-not-yet = Not fetched yet
federation-never = never
federation-refused-items = { $count } refused
federation-latest = latest { $when }
federation-not-yet = not yet
federation-within-seconds = { $count ->
    [one] within { $count } second
   *[other] within { $count } seconds
}
federation-remove-named = Remove { $name }
federation-remove-explanation = The node { $node } will no longer get anything from here, and everything fetched from it is removed from this node and its search. You can add it again later.
federation-pulling-now = { $name } is being fetched now. Reload the page in a while to see how it went.
federation-reconcile-started = Reconciliation with the nodes starts now. Reload the page in a while to see how it went.
federation-trust-question = Trust { $name }?
federation-confirm-intro = Compare the fingerprint below with the one the node's administrator has given you, character by character, for example over the phone. If it does not match, do not trust the node.
federation-software = Software
federation-gets-from-here = Gets from here
federation-confirm-button = The fingerprint matches – trust the node
federation-cancel = Cancel
federation-remote-from = From { $node }
federation-remote-original = See the original at { $node }
federation-remote-kind = Kind
federation-remote-updated = Last changed
federation-remote-categories = Categories
federation-remote-from-node = This comes from another node, { $node }
federation-remote-as-fetched = and is shown here as it looked when it was last fetched. Changes are made in the original.
federation-cite-heading = How to cite this
federation-cite-intro = Cite the original, so that readers find the latest version:

## admin: node administration (/admin, organisations' sign-in, users)

admin-title = Administration
admin-link = Administration
admin-review = Review
admin-review-text = Reports waiting to be published or sent back.
admin-users = Users and roles
admin-users-text = Roles, disabling and sessions.
admin-audit = Audit log
admin-audit-text = Sign-ins and changes, with export as CSV.
admin-jobs = Background jobs
admin-jobs-text = E-mails and reminders queued, running and failed.
admin-workspaces = Workspaces
admin-workspaces-text = Private rooms for groups of organisations.
admin-federation = Federation
admin-federation-text = Nodes in other counties that this node shares knowledge with.
admin-sign-in-heading = How organisations sign in
admin-sign-in-text = E-mail domains for sign-in links and the organisation's identity provider (OpenID Connect).
admin-organisation = Organisation
admin-show = Show
admin-sign-in-for = Sign-in for { $name }
admin-domains-heading = E-mail domains
admin-domains-text = Addresses in these domains can sign in with a link and become members of { $name }.
admin-no-domains = No domains yet.
admin-remove = Remove
admin-new-domain = New domain
admin-add-domain = Add domain
admin-provider-heading = Identity provider (OpenID Connect)
admin-provider-register-html = Register Noden with the provider using the redirect address <code>{ $uri }</code>.
admin-provider-issuer = Issuer
admin-provider-client-id = Client ID
admin-provider-client-secret = Client secret
admin-keep-secret = Leave empty to keep the saved secret.
admin-save-provider = Save provider
admin-remove-provider = Remove the provider
admin-users-title = Users
admin-users-search = Search by name or e-mail
admin-search = Search
admin-col-name = Name
admin-col-organisation = Organisation
admin-col-last-sign-in = Last signed in
admin-col-role = Role and access
admin-col-sessions = Sessions
admin-role-for = Role for { $name }
admin-disabled = Disabled
admin-save = Save
admin-sign-out-everywhere = Sign out everywhere
admin-never = never

## audit: the audit log (/admin/logg)

audit-title = Audit log
audit-intro = Who did what, when and from where. The log cannot be changed.
audit-who = Who
audit-action = Event
audit-action-hint = A word from the event, e.g. report or sign-in (in English or Swedish).
audit-from = From
audit-to = Up to and including
audit-filter = Filter
audit-count = { $count ->
    [one] { $count } event.
   *[other] { $count } events.
}
audit-download-csv = Download as CSV
audit-table-label = Events in the audit log
audit-col-when = When
audit-col-who = Who
audit-col-action = Event
audit-col-target = What
audit-col-detail = Details
audit-col-client = From where

## jobs: background jobs (/admin/jobb)

jobs-title = Background jobs
jobs-intro = Work the node does in the background: e-mails to send and reminders about follow-ups. A job that fails is tried again with ever longer pauses and is marked as failed after the last attempt.
jobs-show = Show
jobs-count = { $count ->
    [one] { $count } job.
   *[other] { $count } jobs.
}
jobs-none = No jobs to show.
jobs-col-number = No.
jobs-col-kind = Kind
jobs-col-state = State
jobs-col-attempts = Attempts
jobs-col-runs = Runs
jobs-col-created = Created
jobs-col-finished = Finished
jobs-col-last-error = Latest error
jobs-col-action = Action
jobs-retry = Try again
jobs-retry-job = with job { $id }
jobs-all-not-done = All not finished ({ $count })
jobs-state-unknown = Unknown
jobs-attempts-of = of { $max }

## procurement: the list, a procurement's page, its form, members, timeline, parties, decisions, summary, public facts and invitations
procurement-list-title = Procurements
procurement-list-heading = Joint procurements
procurement-list-intro = Workspaces where several organisations prepare a procurement together. Only the procurement's members see what is in it. Listed here are those you are a member of and those that have been advertised: everyone can see their public details.
procurement-list-start = Start a procurement
procurement-list-sign-in-html = <a href="{ $link }">Sign in</a> to see the procurements you take part in.
procurement-list-all-phases = All
procurement-list-count = { $count ->
    [one] { $count } procurement.
   *[other] { $count } procurements.
}
procurement-list-parties = Contract parties:
procurement-phase-label = Phase
procurement-badge = Joint procurement
procurement-overdue-heading = Overdue milestones
procurement-overdue-due = should have been reached by { $date }.
procurement-see-timeline = See the timeline
procurement-authority = Contracting authority
procurement-officer = Procurement officer
procurement-officer-none = Not given
procurement-category = Category
procurement-technology = Technology
procurement-organisations = Organisations
procurement-members = Members
procurement-edit = Edit
procurement-nav-label = The procurement
procurement-nav-overview = Overview
procurement-timeline = Timeline
procurement-nav-requirements = Requirements
procurement-nav-documents = Documents
procurement-parties = Contract parties
procurement-nav-questions = Questions and answers
procurement-nav-decisions = Decisions
procurement-nav-reference-group = Reference group
procurement-nav-summary = Summary
procurement-form-new-heading = Start a joint procurement
procurement-form-edit-heading = Edit the procurement "{ $title }"
procurement-form-start = Start the procurement
procurement-form-save = Save the changes
procurement-form-title = Title (required)
procurement-form-lead = Contracting authority that leads it (required)
procurement-form-description = What is being procured, and why? (Markdown)
procurement-form-description-hint = Markdown: **bold**, *italic*, - bullet list, [link](https://…). Never write personal identity numbers or anything else that identifies a care recipient.
procurement-form-category-none = None
procurement-form-technology = The technology in the catalogue
procurement-form-technology-hint-html = The technology's name or address in the <a href="/teknik">technology catalogue</a>, if it is there.
procurement-form-phase = Phase (required)
procurement-cancel = Cancel
procurement-flash-started = The procurement has been started. Invite those who should take part under Members.
procurement-flash-saved = The procurement has been saved
procurement-flash-organisation-added = The organisation is now part of the procurement
procurement-flash-organisation-removed = The organisation and its members have been removed from the procurement
procurement-flash-invited = The invitation has been sent
procurement-flash-invitation-withdrawn = The invitation has been withdrawn
procurement-flash-member-removed = The member has been removed and can no longer reach the procurement
procurement-flash-welcome = Welcome: you are now a member of the procurement
procurement-flash-timeline-saved = The timeline has been saved
procurement-flash-summary-saved = The summary has been saved as a report
procurement-members-title = Members – { $title }
procurement-members-heading = Members of { $title }
procurement-members-intro = Only the people who are members see what is in the procurement. Staff of a member organisation become members through an invitation.
procurement-remove = Remove { $name }
procurement-remove-organisation-hidden = and its members from the procurement
procurement-remove-member-hidden = from the procurement
procurement-organisation-add-heading = Add an organisation
procurement-organisation-label = Organisation (required)
procurement-choose = Choose
procurement-role-label = Role (required)
procurement-organisation-add = Add the organisation
procurement-people = People
procurement-invitations = Invitations
procurement-invitations-none = No open invitations.
procurement-invitation-valid-until = valid until { $time }
procurement-invitation-withdraw = Withdraw
procurement-invitation-withdraw-hidden = the invitation to { $email }
procurement-invite-heading = Invite a person
procurement-invite-email = E-mail address (required)
procurement-invite-email-hint = An address in a registered e-mail domain of one of the procurement's organisations. The invitation can be used once, within 7 days.
procurement-invite-send = Send the invitation
procurement-invitation-title = Invitation to { $title }
procurement-invitation-text-html = You are invited to the joint procurement <strong>{ $title }</strong> in the role of { $role }. The invitation is for { $email } and can be used once, until { $expires }.
procurement-invitation-other-html = You are signed in as { $other }. Sign out and sign in with { $email } to accept.
procurement-invitation-accept = Accept and become a member
procurement-invitation-sign-in-html = <a href="{ $link }">Sign in with { $email }</a> to accept.
procurement-timeline-title = Timeline – { $title }
procurement-timeline-heading = Timeline for { $title }
procurement-milestone-current = In progress
procurement-milestone-overdue = Overdue
procurement-milestone-reached = Done
procurement-milestone-planned = Planned
procurement-milestone-planned-on = Planned: { $date }.
procurement-milestone-planned-none = Planned: not given.
procurement-milestone-actual-on = Actual: { $date }.
procurement-milestone-actual-none = Actual: not given.
procurement-timeline-form-heading = Change the dates
procurement-timeline-form-hint = Dates as YYYY-MM-DD. A milestone is overdue when its planned date has passed and the procurement has not reached the phase; the leads then get an e-mail.
procurement-timeline-planned-label = Planned date
procurement-timeline-actual-label = Actual date
procurement-timeline-save = Save the timeline
procurement-parties-title = Contract parties – { $title }
procurement-parties-heading = Contract parties in { $title }
procurement-parties-intro = The organisations that may place call-offs under the coming framework agreement, with estimated value and maximum value. Only organisations named in the procurement documents may place call-offs, and the framework agreement is used up when its maximum value is reached.
procurement-parties-frozen = The procurement has been advertised: the contract parties and maximum values are locked, as they must be stated in the procurement documents. No new contract party can be added and no maximum value can be raised; amounts may be lowered and the quantity corrected.
procurement-parties-warning-heading = The call-offs are nearing the maximum value
procurement-parties-warning-total-html = The whole framework agreement: { $used } of { $maximum } ({ $share } %) has been called off.
procurement-parties-warning-party-html = { $name }: { $used } of { $maximum } ({ $share } %) has been called off.
procurement-parties-warning-text = Once the maximum value is reached nothing more can be called off; anything needed beyond it requires a new procurement.
procurement-parties-none-yet = No contract parties yet.
procurement-col-organisation = Organisation
procurement-col-role = Role
procurement-col-estimated = Estimated value
procurement-col-maximum = Maximum value
procurement-col-quantity = Quantity
procurement-col-called-off = Called off
procurement-col-date = Date
procurement-col-value = Value
procurement-col-note = Note
procurement-party-from-html = { $role }, from { $date }
procurement-parties-whole = The whole framework agreement
procurement-party-form-heading = Add or change a contract party
procurement-party-form-hint = Choose an organisation that is already a contract party to change its details.
procurement-party-from-label = May call off from (for a party that starts calling off later)
procurement-party-estimated-label = Estimated value in kronor (required)
procurement-party-maximum-label = Maximum value in kronor (required)
procurement-party-quantity-label = Estimated quantity
procurement-party-save = Save the contract party
procurement-award-heading = Award
procurement-supplier = Supplier
procurement-award-decision = Award decision
procurement-agreement-signed = Agreement signed
procurement-not-yet = Not yet
procurement-award-none-yet = No award registered yet.
procurement-award-not-yet-possible = The award is registered when the procurement reaches the Award phase.
procurement-award-change = Change the award
procurement-award-register = Register the award
procurement-award-supplier-label = Supplier (required)
procurement-award-awarded-label = Award decision, date (required)
procurement-award-signed-label = Agreement signed, date
procurement-award-save = Save the award
procurement-calloffs-heading = Call-offs
procurement-calloffs-none = No call-offs registered.
procurement-calloffs-count = { $count ->
    [one] { $count } call-off
   *[other] { $count } call-offs
}
procurement-calloffs-sum = totalling { $amount }.
procurement-calloff-form-heading = Register a call-off
procurement-calloff-party-label = Organisation calling off (required)
procurement-calloff-date-label = Date (required)
procurement-calloff-value-label = Value in kronor (required)
procurement-calloff-note-label = Note
procurement-calloff-save = Register the call-off
procurement-contract-party-from = { $name } (may call off from { $date })
procurement-decisions-title = Decision log – { $title }
procurement-decisions-heading = Decision log for { $title }
procurement-decisions-intro = Who decided what, when and why. The log is never changed afterwards: a decision that needs correcting stays and is marked as corrected, and the correction is recorded as a new decision that refers to the old one.
procurement-decisions-count = { $count ->
    [one] { $count } decision, the latest first.
   *[other] { $count } decisions, the latest first.
}
procurement-decision-heading = Decision { $number }
procurement-decision-corrected = Corrected
procurement-decision-corrected-by = This decision has been corrected by
procurement-decision-link = decision { $number }
procurement-decision-corrects = Corrects
procurement-decision-decided-on = Decided
procurement-decision-decided-by = Decided by
procurement-decision-recorded = Recorded
procurement-decision-recorded-by = by { $name }
procurement-decision-decision = Decision
procurement-decision-rationale = Rationale
procurement-decision-correct = Correct decision { $number }
procurement-decision-form-heading = Record a decision
procurement-decision-decision-label = Decision (required, Markdown)
procurement-decision-rationale-label = Rationale (Markdown)
procurement-decision-decided-by-label = Decided by (required)
procurement-decision-decided-by-hint = For example the steering group or the procurement group.
procurement-decision-decided-on-label = Date of the decision
procurement-decision-decided-on-hint = YYYY-MM-DD; empty means today.
procurement-decision-corrects-label = Corrects decision number
procurement-decision-corrects-hint = Only if the decision corrects an earlier decision; the old one stays and is marked as corrected.
procurement-decision-save = Record the decision
procurement-decision-observers = Observers read the decision log but do not record decisions.
procurement-summary-title = Summary – { $title }
procurement-summary-heading = Summary of { $title }
procurement-summary-intro = Once the agreement is signed, you publish a summary as an open report, so that the next group finds it: what was procured, the requirements, the contract parties, the supplier and your lessons learnt. Noden fetches everything except the lessons from the workspace. The members' names, questions and documents are not included. Node staff review the report before it is published.
procurement-summary-lessons-label = Lessons learnt (required)
procurement-summary-lessons-hint = What would you do the same way, and what would you do differently? Markdown is fine. No personal data about care recipients.
procurement-summary-publish = Publish the summary
procurement-summary-not-ready = The summary can be published once the award is registered under Contract parties and the procurement is in the Contract phase.
procurement-public-hint = The procurement has been advertised: these are its public details. Only its members see the work in the procurement.
procurement-public-maximum = Maximum value of the framework agreement
procurement-public-open-data = Open data (OCDS, JSON)
procurement-public-parties-none = No contract parties given.

## technologies: the technology catalogue (/teknik)

technologies-title = Technology catalogue
technologies-intro = Technology and products being tested or used in the county, and which organisations use them.
technologies-add = Add technology
technologies-propose = Propose a new technology
technologies-proposals-waiting = Proposals waiting ({ $count })
technologies-proposed-on = proposed { $date }
technologies-empty = The catalogue is empty.
technologies-count = { $count ->
    [one] { $count } technology in the catalogue.
   *[other] { $count } technologies in the catalogue.
}
technologies-no-uses = No organisation has said that it uses the technology.
technologies-used-by = { $count ->
    [one] Used by { $count } organisation.
   *[other] Used by { $count } organisations.
}
technologies-feed-title = Noden – Technology: { $name }
technologies-withdrawn = Withdrawn.
technologies-withdrawn-text = The technology is not shown in the catalogue, search or overview.
technologies-restore = Restore
technologies-declined = The proposal has been declined.
technologies-badge-proposal = Proposed for the catalogue
technologies-category = Category
technologies-supplier = Supplier
technologies-standards = Standards and systems
technologies-edit = Edit
technologies-withdraw = Withdraw
technologies-proposed-by-member = Proposed by a member
technologies-proposal-hidden = The proposal is not shown in the catalogue until node staff have approved it.
technologies-approve = Approve the proposal
technologies-decline-reason = Reason for the person who proposed it (required if you decline)
technologies-decline = Decline the proposal
technologies-who-uses = Who uses the technology?
technologies-no-uses-yet = No organisation has said that it uses the technology yet.
technologies-use-organisation = Organisation
technologies-use-status = Status
technologies-use-since = Since
technologies-use-product = Product
technologies-use-contact = Contact person
technologies-sign-in-for-contacts = Sign in to see the contact persons.
technologies-withdrawn-uses = Withdrawn use
technologies-restore-use-of = { $name }'s use
technologies-own-use = Your organisation's use
technologies-use-status-label = Status (required)
technologies-use-contact-label = Contact person (name and e-mail or phone)
technologies-use-save = Save
technologies-withdraw-use = Withdraw your use
technologies-withdraw-use-text = Your organisation is removed from the list of those who use the technology.
technologies-withdraw-use-confirm = Yes, withdraw our use
technologies-trials-and-reports = Trials and reports
technologies-no-trials = No trials of the technology yet.
technologies-contracts = Agreements
technologies-contracts-text = Framework agreements procured jointly for the technology. Only the parties named in the procurement documents may call off from them.
technologies-contract-procured-by = procured by { $lead }
technologies-contract-signed = signed { $date }
technologies-contract-parties = Parties: { $parties }.
technologies-withdraw-title = Withdraw { $name }
technologies-withdraw-heading = Withdraw { $name }?
technologies-withdraw-text = The technology disappears from the catalogue, the search, the choices in the trial form and the overview. It is not deleted: node staff can restore it.
technologies-withdraw-confirm = Yes, withdraw the technology
technologies-withdraw-cancel = No, go back
technologies-form-name = Name (required)
technologies-form-description = Description (Markdown)
technologies-form-description-hint = What does the technology do, and for whom? Markdown: **bold**, *italic*, - bulleted list, [link](https://…). Never write personal identity numbers or anything else that points out a care recipient.
technologies-form-no-category = None
technologies-form-proximity = Close to the user or close to the process? (required)
technologies-form-standards = Standards and systems (separate with commas, e.g. SCAIP)
technologies-form-cancel = Cancel
technologies-new-heading = Add technology to the catalogue
technologies-new-submit = Add
technologies-propose-heading = Propose a new technology
technologies-propose-intro = Node staff read the proposal and decide on it before the technology is shown in the catalogue. You will hear by e-mail.
technologies-propose-submit = Send the proposal
technologies-edit-heading = Edit { $name }
technologies-edit-submit = Save the changes
technologies-label-name = Name
technologies-label-description = Description
technologies-label-proximity = Close to the user or close to the process
technologies-label-reason = Reason
technologies-saved = The technology has been saved
technologies-proposal-sent = The proposal has been sent
technologies-withdrawn-flash = The technology has been withdrawn
technologies-restored = The technology has been restored
technologies-proposal-approved = The proposal has been approved and is now in the catalogue
technologies-proposal-declined = The proposal has been declined
technologies-use-saved = Your use has been saved
technologies-use-withdrawn = Your use has been withdrawn
technologies-use-restored = The use has been restored

## coaches: technology coaches (/teknikcoacher)

coaches-title = Technology coaches
coaches-intro = Technology coaches (ambassadors) are staff who set aside part of their time to help colleagues use welfare technology. Find a coach who knows what you need.
coaches-appoint = Appoint a technology coach
coaches-county = County
coaches-organisation = Organisation
coaches-filter-category = Category
coaches-technologies = Technology
coaches-filter-all = All
coaches-filter = Filter
coaches-count = { $count ->
    [one] { $count } technology coach.
   *[other] { $count } technology coaches.
}
coaches-sign-in-to-reach-them-html = <a href="{ $link }">Sign in</a> to see how to reach them.
coaches-hours-per-year = { $count ->
    [one] { $count } hour a year
   *[other] { $count } hours a year
}
coaches-list-categories = Categories:
coaches-list-technologies = Technology:
coaches-list-contact = Contact: { $contact }
coaches-profile-title = { $name }, technology coach
coaches-ended = The assignment as technology coach has ended. The profile remains but is not shown in the directory.
coaches-badge = Technology coach
coaches-workplace = Workplace
coaches-time = Time for the assignment
coaches-since = Technology coach since
coaches-categories = Categories
coaches-reach = How to reach { $name }
coaches-not-given = Not given
coaches-sign-in-to-reach-coach-html = <a href="{ $link }">Sign in</a> to see how to reach the technology coach.
coaches-edit-profile = Edit the profile
coaches-end = End the assignment as technology coach
coaches-all = All technology coaches
coaches-form-email = The user's e-mail address (required)
coaches-form-email-hint = A member of staff in your organisation. Anyone who has not signed in yet gets an account when you appoint them.
coaches-form-workplace = Workplace (unit)
coaches-form-hours = Hours a year for the assignment
coaches-form-contact = How to reach the technology coach (phone, e-mail)
coaches-form-contact-hint = Only shown to people who are signed in.
coaches-form-introduction = Introduction (Markdown)
coaches-form-introduction-hint = A few lines about what the technology coach can help with. Never write personal identity numbers or anything else that points out a care recipient.
coaches-form-categories = Categories the technology coach knows
coaches-form-technologies = Technology from the catalogue that the technology coach knows
coaches-form-cancel = Cancel
coaches-appoint-heading = Appoint a technology coach
coaches-appoint-submit = Appoint technology coach
coaches-save-profile = Save the profile
coaches-edit-heading = Edit the profile of { $name }
coaches-label-user-email = The user's e-mail address
coaches-label-user = User
coaches-label-hours = Hours a year
coaches-label-contact = How to reach you
coaches-label-introduction = Introduction
coaches-label-technologies = Technologies
coaches-appointed = The technology coach has been appointed
coaches-profile-saved = The profile has been saved
coaches-ended-flash = The assignment as technology coach has ended

## fieldreports: field reports (/faltrapporter)

fieldreports-title = Field reports
fieldreports-intro = Short reports from technology coaches and coordinators on how technology works in everyday care, newest first.
fieldreports-new = New field report
fieldreports-organisation = Organisation
fieldreports-category = Category
fieldreports-technology = Technology
fieldreports-trial = Trial
fieldreports-need = Need
fieldreports-filter-all = All
fieldreports-filter = Filter
fieldreports-count = { $count ->
    [one] { $count } field report.
   *[other] { $count } field reports.
}
fieldreports-photo-count = { $count ->
    [one] { $count } photo
   *[other] { $count } photos
}
fieldreports-photos = Photos
fieldreports-concerns = Concerns
fieldreports-link-trial = Trial:
fieldreports-link-technology = Technology:
fieldreports-link-need = Need:
fieldreports-link-category = Category:
fieldreports-became = Passed on to
fieldreports-promote = Pass on to a journal or as a need
fieldreports-all = All field reports
fieldreports-new-heading = New field report
fieldreports-form-text = What happened? (required)
fieldreports-form-text-hint = A few sentences, at most 4,000 characters. Markdown is fine. Never write personal identity numbers or anything else that points out a care recipient.
fieldreports-form-links = What is the report about? (at least one)
fieldreports-form-none-neuter = None
fieldreports-form-none = None
fieldreports-form-photos = Photos (at most 6)
fieldreports-form-photos-hint = JPEG, PNG or WebP, at most { $size } per photo. Location data and other hidden information is removed. Each photo needs an alternative text that describes the picture. Never photograph care recipients.
fieldreports-form-photos-again = Choose the photos again: they are not kept when something needs correcting.
fieldreports-form-photo = Photo { $n }
fieldreports-form-alt = Alternative text for photo { $n }
fieldreports-form-visibility = Who may read it?
fieldreports-form-submit = Send the field report
fieldreports-promote-title = Pass on: { $title }
fieldreports-promote-heading = Pass on the field report
fieldreports-promote-from = From
fieldreports-promote-edit-text = Edit the text so that it only includes what should be passed on.
fieldreports-promote-into = What should the report become?
fieldreports-promote-journal = An entry in the trial's journal
fieldreports-promote-need = A new need
fieldreports-promote-entry-type = Type of journal entry
fieldreports-promote-need-title = The need's title
fieldreports-promote-target-group = The need's target group
fieldreports-promote-choose = Choose
fieldreports-promote-text = Text
fieldreports-promote-submit = Pass on
fieldreports-sent = The field report has been sent
fieldreports-promoted = The field report has been passed on

## categories: a category's page (/kategorier/…)

categories-feed-title = Noden – Category: { $name }
categories-proximity = Welfare technology: { $proximity }
categories-documents = { $count ->
    [one] { $count } document
   *[other] { $count } documents
}
categories-show-all = Show all { $count } in the search

## organisations: organisations (/organisationer)

organisations-title = Organisations
organisations-intro = Sweden's municipalities and regions, county by county.
organisations-feed-title = Noden – Organisation: { $name }
organisations-in-county = in { $county }
organisations-code = code { $code }
organisations-documents = { $count ->
    [one] { $count } document
   *[other] { $count } documents
}
organisations-nothing-shared = The organisation has not shared anything yet.
organisations-show-all = Show all { $count } in the search
organisations-region = Region
organisations-municipality = Municipality

## needs: /behov, a need's page, its form and its messages

needs-list-title = Needs in the county
needs-list-intro = Needs the municipalities have registered. The needs shared by the most organisations come first.
needs-register = Register a need
needs-status = Status
needs-filter-all = All
needs-target-group = Target group
needs-filter = Filter
needs-count = { $count ->
    [one] { $count } need.
   *[other] { $count } needs.
}
needs-sharing = { $count ->
    [one] { $count } organisation has this need
   *[other] { $count } organisations have this need
}
needs-form-title = Title (required)
needs-form-description = Description (Markdown)
needs-form-description-hint = Who lacks what, and why? Markdown: **bold**, *italic*, - bullet list, [link](https://…). Never write personal identity numbers or anything else that identifies a service user.
needs-form-target-group = Target group (required)
needs-form-choose = Choose
needs-category = Category
needs-form-no-category = None
needs-form-who-reads = Who may read it?
needs-form-new-heading = Register a need
needs-form-edit-heading = Edit the need
needs-form-register = Register the need
needs-form-save = Save the changes
needs-withdrawn = Withdrawn.
needs-withdrawn-text = The need is not shown in lists, search or the overview. Only node staff can see it.
needs-restore = Restore
needs-kind = Need
needs-from-field-report = From field report:
needs-raised-by = Registered by
needs-shared-by = Shared by
needs-organisations = { $count ->
    [one] { $count } organisation
   *[other] { $count } organisations
}
needs-edit = Edit
needs-withdraw = Withdraw
needs-history = History
needs-same-need = We have the same need
needs-no-endorsements = No other organisation has said it has this need yet.
needs-endorse-note = What is it like where you are? (one line)
needs-endorse = We have this need too
needs-endorse-update = Update our line
needs-unendorse = Take back that we have the same need
needs-unendorse-text = Your organisation will no longer be counted among those that have the need.
needs-unendorse-confirm = Take back
needs-sign-in-to-endorse-html = <a href="{ $link }">Sign in</a> to say that your organisation has the same need.
needs-trials = Trials that answer the need
needs-no-trials = No trials yet.
needs-start-trial = Start a trial that answers the need
needs-change-status = Change status
needs-withdraw-heading = Withdraw the need "{ $title }"
needs-withdraw-text = The need disappears from lists, search and the overview. It is not deleted: node staff can restore it.
needs-withdraw-button = Withdraw the need
needs-saved = The need has been saved
needs-withdrawn-done = The need has been withdrawn
needs-restored = The need has been restored
needs-endorsed = You have said you have this need too
needs-unendorsed = You have taken back that you have the same need
needs-status-changed = The need's status has been changed

## trials: /tester, a trial's page, its journal, its form and its messages

trials-list-title = Trials in test beds
trials-list-intro = Joint trials and trials in one municipality, open for everyone to follow.
trials-start = Start a trial
trials-phase = Phase
trials-filter-all = All
trials-filter = Filter
trials-count = { $count ->
    [one] { $count } trial.
   *[other] { $count } trials.
}
trials-form-new-heading = Start a trial
trials-form-edit-heading = Edit the trial
trials-form-start = Start the trial
trials-form-save = Save the changes
trials-form-title = Title (required)
trials-form-needs = Needs the trial answers
trials-form-description = Purpose and set-up (Markdown)
trials-markdown-hint = Markdown: **bold**, *italic*, - bullet list, [link](https://…). Never write personal identity numbers or anything else that identifies a service user.
trials-markdown-short-hint = Markdown: **bold**, *italic*, - bullet list, [link](https://…).
trials-privacy-hint = Never write personal identity numbers or anything else that identifies a service user.
trials-form-technology-entry = Technology being tested (required: choose from the catalogue)
trials-form-not-in-catalogue = Not in the catalogue: write it below
trials-form-technology = The technology, if the catalogue lacks it
trials-form-technology-curate-html = Is the technology missing? <a href="/teknik/ny">Add it to the catalogue</a> and choose it above.
trials-form-technology-propose = Is the technology missing from the catalogue? Write it here: it is proposed to node staff as a new catalogue entry when the trial starts.
trials-form-lead = Lead organisation
trials-form-participants = Participating organisations
trials-form-proposed = Proposed: the organisations that have the need.
trials-form-participant-names = Organisations taking part (names, separated by commas)
trials-form-more-participants = More organisations (names, separated by commas)
trials-form-target-group = Target group (required)
trials-form-choose = Choose
trials-form-no-category = None
trials-form-who-follows = Who may follow the trial?
trials-visibility-participants = The participating organisations
trials-withdrawn = Withdrawn.
trials-withdrawn-text = The trial and its journal are not shown in lists, search or the overview. Only node staff can see them.
trials-restore = Restore
trials-joint = Joint trial
trials-single = Trial in one municipality
trials-lead = Led by
trials-participants = Taking part
trials-technology = Technology
trials-in-catalogue = (in the catalogue: { $name })
trials-product = Product
trials-supplier = Supplier
trials-target-group = Target group
trials-category = Category
trials-starts = Start
trials-ends = End
trials-answers-needs = Answers the needs
trials-confirmed = Last confirmed
trials-edit = Edit
trials-withdraw = Withdraw
trials-history = History
trials-final-report = Final report
trials-no-final-report = No final report yet.
trials-open-final-report = Open the final report
trials-write-final-report = Write the final report
trials-write-final-report-hint = (the template is filled in from the trial)
trials-change-phase = Change phase
trials-follow-up = Follow-up
trials-no-indicators = No indicators chosen.
trials-indicator = Indicator
trials-baseline = Baseline
trials-direction = Direction
trials-withdrawn-indicators = Withdrawn indicators
trials-choose-indicator = Choose an indicator
trials-add-indicator = Add the indicator
trials-after-months = { $months ->
    [one] After { $months } month
   *[other] After { $months } months
}
trials-due-from = Due from { $date }.
trials-still-in-use = The technology is still in use.
trials-no-longer-in-use = The technology is no longer in use.
trials-before = Before
trials-now = Now
trials-better = Better?
trials-yes = Yes
trials-no = No
trials-effects = Effects you see (Markdown)
trials-still-in-use-question = Is the technology still in use?
trials-record-follow-up = Record the follow-up
trials-journal = Journal
trials-sign-in-to-write-html = <a href="{ $link }">Sign in</a> to write in the journal, if your organisation leads or takes part in the trial.
trials-entry-type = Type
trials-entry-date = Date
trials-entry-text = Entry (Markdown)
trials-add-entry = Add to the journal
trials-journal-empty = The journal is empty.
trials-entry-withdrawn = Withdrawn
trials-restore-entry = Restore the entry
trials-entry-of = the entry of { $day }
trials-withdraw-entry-text = The entry disappears from the journal and search. Node staff can restore it.
trials-withdraw-entry = Withdraw the entry
trials-edit-entry = Edit the entry
trials-in-journal-of = In the journal of
trials-save-entry = Save the entry
trials-cancel = Cancel
trials-withdraw-heading = Withdraw the trial "{ $title }"
trials-withdraw-text = The trial and its journal disappear from lists, search and the overview. It is not deleted: node staff can restore it.
trials-withdraw-button = Withdraw the trial
trials-started = The trial has been started
trials-saved = The trial has been saved
trials-phase-changed = The trial's phase has been changed
trials-withdrawn-done = The trial has been withdrawn
trials-restored = The trial has been restored
trials-entry-saved = The entry has been saved
trials-entry-withdrawn-done = The entry has been withdrawn
trials-entry-restored = The entry has been restored
# The final report's template as the trial fills it in (Markdown around these words).
trials-report-needs = Needs
trials-report-period = Period
trials-report-leads = { $name } (leads the trial)
trials-report-participants = Participants
trials-report-obstacles = Obstacles in the journal
trials-report-opportunities = Opportunities in the journal
trials-report-decisions = Decisions in the journal
trials-report-baseline = baseline { $value }
trials-report-results = Results for the indicators

## followups: a trial's indicators (the form on its page and /tester/…/indikatorer/…/andra)

followups-name = Name (required)
followups-name-hint = E.g. night-time visits per service user and week.
followups-unit = Unit
followups-direction = Direction (required)
followups-baseline = Baseline (required)
followups-baseline-hint = The value before the trial, e.g. 12 or 3.5.
followups-edit-indicator = Edit the indicator { $name }
followups-in-trial = In the trial
followups-save = Save the indicator
followups-withdraw = Withdraw the indicator
followups-withdraw-text = The indicator disappears from the trial's page and the follow-up form. Node staff can restore it.
followups-withdraw-confirm = Yes, withdraw the indicator
followups-indicator-saved = The indicator has been saved
followups-indicator-withdrawn = The indicator has been withdrawn
followups-indicator-restored = The indicator has been restored

## notifications: follows, notices, settings, unsubscribe (notifications/*)

notifications-follows-title = What you follow
notifications-follows-lead = You get notices about what you follow. When your organisation takes part in a trial you follow it automatically; you can stop whenever you like.
notifications-your-notices = Your notices
notifications-choose-email = Choose how often you get e-mail
notifications-follows-none-html = You do not follow anything yet. Choose <strong>Follow</strong> on a trial, a need, a technology, a category, an organisation or a procurement you take part in.
notifications-follows-count = { $count ->
    [one] { $count } thing followed.
   *[other] { $count } things followed.
}
notifications-follow-automatic = automatically, because your organisation takes part
notifications-follow-chosen = chosen by you
notifications-follow-since = since { $when }
notifications-title = Notices
notifications-lead = What has happened in what you follow, newest first.
notifications-unread-count = { $count } unread.
notifications-mark-all-read = Mark all as read
notifications-none = No notices yet.
notifications-unread = Unread
notifications-settings-title = Notices and e-mail
notifications-settings-lead-html = Everything you follow shows under <a href="/notiser">Notices</a>. For each kind of notice, choose whether it should also come by e-mail at once, in a summary or not at all.
notifications-settings-email-off-html = You have turned e-mail off in <a href="/konto#epost">your account</a>, so no notices are sent by e-mail until you turn it on again.
notifications-save = Save
notifications-unsubscribe-title = Unsubscribe from e-mail
notifications-unsubscribe-text-html = You have followed an unsubscribe link from an e-mail from Noden. It turns off e-mail about: <strong>{ $what }</strong>.
notifications-unsubscribe-already = You already get no e-mail about this.
notifications-unsubscribe-others-html = Other kinds of notices are not affected, and you still see all notices when you sign in. You can turn the e-mail on again under <a href="/konto/notiser">Your account</a>.
notifications-unsubscribe-button = Turn off the e-mail
notifications-unsubscribed-title = The e-mail is turned off
notifications-unsubscribed-text-html = You no longer get e-mail about: <strong>{ $what }</strong>.
notifications-unsubscribed-others-html = Other kinds of notices are not affected. You can change how you get notices under <a href="/konto/notiser">Your account</a>.
notifications-following-now = You now follow { $topic }
notifications-unfollowed = You no longer follow it
notifications-all-read = All notices are marked as read
notifications-settings-saved = Your notice choices are saved
notifications-digest-daily = The daily summary
notifications-digest-weekly = The weekly summary
confirm-cancel = Cancel

## mail: notices, followed events and digests (mail/notice.*, mail/event.*, mail/digest.*)

mail-read-more-in-noden = Read more in Noden
mail-read-more = Read more
mail-notice-why = You get this e-mail because you take part in the work in Noden.
mail-notice-turn-off-html = <a href="{ $link }">Turn off e-mail about trials and reports</a> under Your account.
mail-notice-turn-off = Turn off e-mail about trials and reports under Your account
mail-event-why = You get this e-mail because you follow { $concerns } in Noden.
mail-change-settings = Change what you get and how often
mail-event-stop = Stop getting e-mail about “{ $what }”
mail-event-stop-plain = Stop getting e-mail about "{ $what }"
mail-digest-stop = Stop getting “{ $what }”
mail-digest-stop-plain = Stop getting "{ $what }"
mail-digest-week = week { $week }
mail-digest-daily-subject = Noden: your daily summary, { $period }
mail-digest-weekly-subject = Noden: your weekly summary, { $period }

## freshness: the "stämmer fortfarande" link's pages and the owners' reminder (freshness/*)

freshness-ask-title = Is it still correct?
freshness-last-confirmed = Last confirmed { $date }.
freshness-ask-text = Confirm that the content is still correct, and the label “May be out of date” goes away.
freshness-ask-update-html = If something needs changing, <a href="{ $link }">update it</a> instead.
freshness-ask-archive-html = If it is no longer relevant, you can archive it on <a href="{ $link }">its page</a>.
freshness-ask-confirm = Yes, it is still correct
freshness-confirmed-title = Confirmed
freshness-confirmed-heading = Thank you, it is confirmed
freshness-confirmed-text = is confirmed as current on { $date }.
freshness-spent-title = The link is no longer valid
freshness-spent-archived = was archived on { $date }.
freshness-spent-changed = has been confirmed or changed since the e-mail was sent. Last confirmed { $date }.
freshness-spent-nothing = Nothing has been changed now.
freshness-done-confirm = Confirmed as current
freshness-done-archive = Archived
freshness-done-unarchive = Brought back from the archive
freshness-done-take-over = You are now responsible for keeping it current
freshness-reminder-subject = { $count ->
    [one] Is it still correct? One thing in Noden needs checking
   *[other] Is it still correct? { $count } things in Noden need checking
}
freshness-reminder-heading = Nobody has updated or confirmed the following, which you are responsible for in Noden, for { $months ->
        [one] { $months } month
       *[other] { $months } months
    }. It is now marked “May be out of date” and comes a little further down in searches. Let us know whether it is still correct, or update or archive it.
freshness-reminder-last-confirmed = (last confirmed { $date })
freshness-reminder-still-correct = Still correct
freshness-reminder-update = Update
freshness-reminder-archive-or-read = Archive or read
freshness-reminder-note = The “Still correct” link works without signing in, once. To update or archive, you need to sign in.
freshness-reminder-note-plain = The "Still correct" link works without signing in, once. To update or archive, you need to sign in.

## reports: the report form, history, review queue and review notices (reports/*)

reports-form-from-file = Do you have the report as a file?
reports-form-file = File to read in
reports-form-read-file = Read in the file
reports-form-or-write = Or write the report here
reports-form-title = Title (required)
reports-form-summary = Summary
reports-form-body = Text (Markdown)
reports-form-body-hint = # Heading, **bold**, *italic*, - bulleted list, [link](https://…). Never write personal identity numbers or anything else that points out a care recipient.
reports-form-template-hint = The final report's template: write each section in Markdown (**bold**, *italic*, - bulleted list, [link](https://…)). Empty sections are not shown. Never write personal identity numbers or anything else that points out a care recipient.
reports-form-preview = Preview
reports-form-preview-hint = Press Preview to see the text as it will be shown.
reports-form-kind = Type
reports-form-tags = Tags (separate with commas)
reports-form-no-phase = None given
reports-form-outcome = Outcome
reports-form-no-outcome = None given
reports-form-visibility = Who may read it?
reports-form-workspace = Workspace (for the visibility “The workspace's organisations”)
reports-form-no-workspace = None
reports-form-review-hint = The report is published: your change is shown once the node's staff have reviewed it. Until then the published version is shown.
reports-form-save-publish = Save and publish
reports-form-send-change = Send the change for review
reports-form-save = Save
reports-form-save-draft = Save draft
reports-form-save-submit = Save and send for review
reports-form-preview-button = Preview
reports-form-file-hint = { $types }, at most { $size }. The text is read into a new report that you then go through and complete; the file is kept as an attachment.
reports-new = New report
reports-edit-heading = Edit { $title }
reports-final-report-title = Final report: { $title }
reports-trial-has-final-report = The trial already has a final report
reports-sent-for-review = The report has been sent for review
reports-change-sent-for-review = The change has been sent for review
reports-published = The report is published
reports-returned = The report has been sent back
reports-saved = The report is saved
reports-file-text-unreadable = The file is kept as an attachment, but its text could not be read. Write the report's text here.
reports-file-text-read = The text has been read in from the file and the file kept as an attachment. Go through the text and fill in the rest.
reports-review-title = Review
reports-review-heading = Reports waiting for review
reports-review-none = No reports are waiting just now.
reports-review-report = Report
reports-review-sent = Sent
reports-review-edit = Change to a published report
reports-history-unchanged = The report has not changed since it was published.
reports-history-unpublished = The report has not been published yet, so it has no history.
reports-history-title-column = Title
reports-before-history = Noden (before the version history)
reports-notice-published = The report "{ $title }" has been reviewed and published. Others can now find it.
reports-notice-edit-published = Your change to the report "{ $title }" has been reviewed and published.
reports-notice-returned = The report "{ $title }" has been reviewed and sent back to you with comments.
reports-notice-edit-returned = Your change to the report "{ $title }" has been reviewed and sent back with comments. The published version is unchanged.
reports-notice-published-subject = Published: { $title }
reports-notice-edit-published-subject = The change is published: { $title }
reports-notice-returned-subject = Sent back with comments: { $title }
reports-notice-edit-returned-subject = The change was sent back with comments: { $title }
reports-notice-edit-waiting = A change to the published report "{ $title }" is waiting for review.
reports-notice-submitted = The report "{ $title }" has been sent for review.
reports-notice-to-review-subject = To review: { $title }
reports-notice-to-review = Publish it or send it back with comments.

## revisions: the history pages of needs, trials, catalogue entries and reports

revisions-title = History: { $title }
revisions-history-of = History of
revisions-version = Version
revisions-title-column = Title
revisions-edited-by = Changed by
revisions-when = When
revisions-compare-version = Compare version
revisions-with-version = with version
revisions-compare = Compare
revisions-difference = Difference between version { $from } and { $to }
revisions-diff-hint = Removed lines are marked with −, added ones with +.

## comments-form: the comment form on a page of its own, and removing a comment

comments-form-about = About
comments-form-text = Comment (required, Markdown)
comments-form-hint = { $minutes ->
    [one] At most 4,000 characters. A comment can be edited for { $minutes } minute after it was written. Never write personal identity numbers or anything else that points out a care recipient.
   *[other] At most 4,000 characters. A comment can be edited for { $minutes } minutes after it was written. Never write personal identity numbers or anything else that points out a care recipient.
}
comments-form-reply-heading = Reply to the comment
comments-form-write-heading = Write a comment
comments-form-edit-heading = Edit the comment
comments-form-save = Save the change
comments-form-published = The comment is published
comments-form-edited = The comment is changed
comments-form-remove = Remove the comment
comments-form-remove-text = The comment on "{ $title }" disappears from the page; instead it will say "{ $removed }". The text is kept in the event log.
comments-form-removed = The comment is removed

## blobs: an item's attachments page and upload hint

blobs-title = Attachments – { $title }
blobs-back-to = Back to { $title }
blobs-heading = Attachments to { $title }
blobs-hint = { $types }, at most { $size }.
blobs-hint-images = Images are saved without location data and other metadata.
blobs-hint-never = Never attach anything that points out a care recipient.
blobs-attached = The file is attached
blobs-removed = The file is removed

## confirm: the confirmation step before withdrawing (confirm.html)


## cli: the command line's messages (noden migrate, import, reindex, backup, restore, users, peers)
cli-migrate-done = The database is up to date.
cli-import-progress = Importing… { $done } of { $total ->
        [one] { $total } file
       *[other] { $total } files
    }, { $rate } files/s, done in { $left }
cli-import-left-seconds = { $seconds } s
cli-import-left-minutes = { $minutes } min { $seconds } s
cli-import-failed = ERROR { $path }: { $reason }
cli-import-note = NOTE { $path }: { $note }
cli-import-note-no-text = The text in the file could not be read: it seems to have no text layer (a scanned page, for example). The original is among the attachments.
cli-import-note-shortened = The text was too long and has been shortened here. The whole document is among the attachments.
cli-import-reference-data = Reference data: { $organisations ->
        [one] { $organisations } organisation
       *[other] { $organisations } organisations
    }, { $categories ->
        [one] { $categories } category
       *[other] { $categories } categories
    }.
cli-import-summary = Import finished: { $imported } imported, { $updated } updated, { $unchanged } unchanged, { $failed } failed.
cli-import-missing-path = the file or folder does not exist
cli-import-read-error = cannot read the file: { $error }
cli-import-not-utf8 = the file is not UTF-8 text
cli-import-unterminated-front-matter = the front matter has no closing '---'
cli-import-bad-front-matter = invalid front matter: { $error }
cli-import-bad-yaml = invalid YAML: { $error }
cli-import-database-error = database error: { $error }
cli-import-unknown-technology = Unknown technology in the catalogue "{ $name }".
cli-import-unknown-need = Unknown need "{ $title }".
cli-import-unknown-role = unknown role { $role }
cli-import-no-trial = no trial { $title }
cli-import-no-technology = no technology { $name }
cli-import-no-need = no need { $title }
cli-import-no-field-report = no field report { $key }
cli-import-no-user = no user { $email }
cli-import-not-coach = { $email } is not a technology coach
cli-import-follow-one = give exactly one of trial, technology and coach
cli-import-no-comment = no comment by { $email }
cli-reindex-progress = Indexing { $done }/{ $total } documents…
cli-reindex-swapped = The search index has been rebuilt: { $total ->
        [one] { $total } document
       *[other] { $total } documents
    }.
cli-reindex-taken-over = The search index has been rebuilt: { $total ->
        [one] { $total } document
       *[other] { $total } documents
    }. The portal now searches the new index.
cli-reindex-offered = The search index has been rebuilt ({ $total ->
        [one] { $total } document
       *[other] { $total } documents
    }), but the portal has not switched to it yet. It will switch on its next pass or when it starts.
cli-users-admin-added = { $email } is now a node administrator. Sign in at { $url }/logga-in with an e-mailed link.
cli-users-unknown-role = Unknown role "{ $role }". Choose from: { $roles }.
cli-users-role-set = { $email } now has the role { $role }.
cli-users-no-such-user = No user has the address { $email }.
cli-backup-step-files = Copying files …
cli-backup-step-database = Copying the database …
cli-backup-step-late-files = Copying files added in the meantime …
cli-backup-no-tables = The database has none of Noden's tables: check --database-url and --data-dir (a copy of an empty database would be no backup).
cli-backup-unsupported = Backups are not supported for { $backend }.
cli-backup-manifest-missing = { $path } is missing: the folder is not a complete backup (an interrupted backup never writes the manifest).
cli-backup-manifest-unreadable = { $path } cannot be read: { $error }
cli-backup-format = The backup has format { $format }; this version of Noden reads format 1.
cli-backup-damaged = { $path } does not match the manifest (size or SHA-256): the backup is damaged.
cli-backup-dir-not-empty = { $dir } already exists and is not empty: choose a new folder for the backup.
cli-backup-manifest-error = the manifest: { $error }
cli-backup-client-missing = { $program } could not be started ({ $error }). Install the PostgreSQL client (the package postgresql-client) in the same version as the server or newer.
cli-backup-client-failed = { $program } failed: { $error }
cli-backup-pg-dump-too-old = The PostgreSQL server has version { $server }, but { $tool } is older or unknown: install pg_dump { $major } or newer and run the backup again. What to run: { $command }
cli-backup-database-error = the database: { $error }
cli-backup-done = The backup is ready in { $dir }: the database ({ $backend }, { $database_bytes } bytes) and { $files ->
        [one] { $files } file
       *[other] { $files } files
    } ({ $bytes } bytes). The manifest with checksums: { $manifest }.
cli-backup-key-in-environment = The node's key comes from NODEN_FEDERATION_KEY and is not in the backup: keep it where you keep your secrets.
cli-restore-step-check = Checking the backup …
cli-restore-step-database = Restoring the database …
cli-restore-step-files = Restoring files …
cli-restore-index-exists = { $dir } already has a search index ({ $index }): restore into a new data folder.
cli-restore-file-exists = { $path } already exists: restore into a new data folder or database.
cli-restore-tables-exist = The database already has tables: restore into an empty database.
cli-restore-wrong-backend = The backup is of a { $backend } database, but the settings point to { $configured }.
cli-restore-not-a-file = { $url } is not a database file to restore into.
cli-restore-done = Restored from the backup of { $created } ({ $files ->
        [one] { $files } file
       *[other] { $files } files
    }); the search index is built: { $total ->
        [one] { $total } document
       *[other] { $total } documents
    }.
cli-peers-bad-share = --share is public or network, not "{ $share }".
cli-peers-node = Node:           { $name } (county { $county })
cli-peers-address = Address:        { $url }
cli-peers-fingerprint = Fingerprint:    { $fingerprint }
cli-peers-gets = Gets from here: { $share }
federation-share-public = Only what is public
federation-share-network = Public, and what signed-in users of the node see
cli-peers-confirm = Does the fingerprint match the one the node's administrators gave you? Trust the node [y/N]:
cli-peers-not-added = The node was not added.
cli-peers-added = { $name } is now trusted.
cli-peers-status-paused = paused
cli-peers-status-not-pulled = not pulled
cli-peers-status-ok = ok
cli-peers-status-error = error: { $error }
cli-peers-none = No trusted nodes.
cli-peers-no-such-peer = No trusted node has the address { $url }.
cli-peers-removed = { $name } has been removed.

## admin: an example e-mail domain (placeholder)

admin-domain-placeholder = kommun.se

## account: each language's name in its own language (the same in every catalogue)

account-language-name-sv = Svenska
account-language-name-en = English

## trials: who runs a trial (/tester), a follow-up field's label, an open-ended period

trials-parties = { $who ->
    [lead] Led by { $lead }
    [both] Led by { $lead } with { $participants }
   *[participants] with { $participants }
}
trials-value-today = { $name } today ({ $unit }; before: { $baseline })
trials-report-open-period = { $side ->
    [from] from { $date }
   *[until] until { $date }
}

## The API's and forms' reading errors (lib.rs)

api-error-json-too-large = The content is too large: at most 256 KiB of JSON per request.
api-error-json-content-type = Send JSON with Content-Type: application/json (for PATCH also application/merge-patch+json).
api-error-json-invalid = Invalid JSON: { $reason }
api-error-unreadable = Could not read the request: { $reason }
web-error-form-too-large = The form is too large.
web-error-form-unreadable = The form could not be read.
web-error-query = The parameters in the address could not be understood: { $reason }

## trials: a follow-up's months (a trial's page and its final report's template)

trials-report-after-months = { $months ->
    [one] after { $months } month: { $value }
   *[other] after { $months } months: { $value }
}

## technologies, coaches, fieldreports, comments: error messages
coaches-error-account-disabled = The account is blocked and cannot become a technology coach.
coaches-error-appoint-refused = Only coordinators and node staff appoint technology coaches.
coaches-error-edit-refused = Only the technology coach, the organisation's coordinators and node staff edit the profile.
coaches-error-email-missing = Enter the e-mail address of the person who is to become a technology coach.
coaches-error-end-refused = Only the organisation's coordinators and node staff end an assignment as technology coach.
coaches-error-hours-range = Enter a number of hours between 0 and 2000.
coaches-error-hours-whole = Enter a whole number of hours between 0 and 2000.
coaches-error-introduction-length = The introduction may have at most 4,000 characters.
coaches-error-max-200-chars = At most 200 characters.
coaches-error-max-254-chars = At most 254 characters.
coaches-error-max-30-categories = At most 30 categories.
coaches-error-max-50-technologies = At most 50 technologies.
coaches-error-no-such-user = There is no such user.
coaches-error-own-organisation-only = You can only appoint technology coaches in your own organisation.
coaches-error-unknown-category = Unknown category { $name }.
coaches-error-unknown-county = Unknown county { $name }.
coaches-error-unknown-domain = No user has that address, and the address's domain does not belong to any organisation in the node.
coaches-error-unknown-technology = Unknown technology in the catalogue { $name }.
comments-error-author-only = Only the person who wrote the comment can change it.
comments-error-edit-window = A comment can be changed for { $minutes } minutes after it was written. Write a new comment instead.
comments-error-form-missing-item = The form is missing what is being commented on.
comments-error-invalid-reference = Invalid reference.
comments-error-parent-missing = The comment you are replying to is not here.
comments-error-read-only = You may read but not comment here.
comments-error-removed = The comment has been removed by the node.
comments-error-reply-to-reply = Reply to the first comment in the thread: a reply cannot be replied to.
comments-error-staff-only-remove = Only node staff can remove comments.
comments-error-text-length = Write the comment (at most 4,000 characters).
comments-error-text-missing = Write the comment.
comments-error-text-too-long = The comment may have at most 4,000 characters.
fieldreports-error-alt-missing = Describe photo { $position } with an alternative text for those who cannot see the image.
fieldreports-error-alt-too-long = The alternative text may have at most { $max } characters.
fieldreports-error-entry-type = Choose obstacle, opportunity or step.
fieldreports-error-file-empty = The file is empty.
fieldreports-error-image-failed = The image could not be processed. Please try again.
fieldreports-error-into-missing = Choose whether the report is to become a journal entry or a need.
fieldreports-error-key-uuid = The key must be a UUID.
fieldreports-error-links-missing = Link the report to a trial, a technology, a need or a category.
fieldreports-error-need-refused = Coordinators and node staff make needs from field reports.
fieldreports-error-need-unknown = The need does not exist, or you cannot read it.
fieldreports-error-photo-too-large = Photo { $position } (the field photo_{ $position }) is too large: at most { $max } per photo.
fieldreports-error-promote-refused = Coordinators and the trial's lead take field reports further.
fieldreports-error-technology-unknown = The technology is not in the catalogue.
fieldreports-error-text-missing = Write what happened.
fieldreports-error-text-too-long = The text may have at most 4,000 characters.
fieldreports-error-too-many-photos = At most { $max } photos can be sent with a field report.
fieldreports-error-trial-missing = Choose a trial whose journal the entry is to go in.
fieldreports-error-trial-unknown = The trial does not exist, or you cannot read it.
fieldreports-error-visibility = Choose public, network or organisation.
fieldreports-error-writers-only = Field reports are written by technology coaches, coordinators and node staff.
technologies-error-cannot-propose = You cannot propose technology for the catalogue.
technologies-error-choose-status = Choose from: { $choices }.
technologies-error-decline-reason-missing = Write why the proposal is declined.
technologies-error-description-length = The description may have at most 20,000 characters.
technologies-error-max-20-standards = At most 20 standards.
technologies-error-max-200-chars = At most 200 characters.
technologies-error-max-2000-chars = At most 2,000 characters.
technologies-error-name-length = The name must be between 1 and 200 characters.
technologies-error-name-missing = Enter the technology's name.
technologies-error-own-use-only = You can only record your own organisation's use.
technologies-error-proposal-decided = The proposal has already been decided.
technologies-error-proximity-missing = Choose whether the technology is user-facing or process-facing.
technologies-error-staff-only-add = Only node staff add technology to the catalogue.
technologies-error-staff-only-decide = Only node staff decide on proposals.
technologies-error-staff-only-edit = Only node staff edit technology in the catalogue.
technologies-error-staff-only-restore = Only node staff restore technology in the catalogue.
technologies-error-staff-only-restore-use = Only node staff restore an organisation's use.
technologies-error-staff-only-withdraw = Only node staff withdraw technology from the catalogue.
technologies-error-withdraw-own-use-only = You can only withdraw your own organisation's use.

## reports, notifications, freshness, blobs, privacy, markdown, patch: error messages
privacy-error-personal-identity-number = The text contains something that looks like a personal identity number (line { $line }, character { $column }: { $masked }). Noden must not hold personal data about care recipients – please remove the number.
reports-error-title-length = The title must be between 1 and 200 characters.
reports-error-summary-length = The summary may be at most 1,000 characters.
reports-error-categories-too-many = At most 10 categories.
reports-error-tags-too-many = At most 30 tags.
reports-error-target-groups-too-many = At most 8 target groups.
reports-error-title-missing = The title cannot be empty.
reports-error-body-too-large = The text is { $size } KiB; at most { $max } KiB is allowed. Split it into several documents.
reports-error-workspace-unknown = Unknown workspace { $value }.
reports-error-workspace-missing = Choose the workspace that may read the document.
reports-error-organisation-required = The visibility "organisation" requires an organisation to be given.
reports-error-category-unknown = Unknown category { $value }.
reports-error-tag-length = A tag may be at most 50 characters.
reports-error-section-unknown = Unknown section { $value }. Choose from: { $choices }.
reports-error-only-own-organisation-edit = You can only change reports that belong to your own organisation.
reports-error-only-own-organisation-write = You can only write reports for your own organisation.
reports-error-final-report-participants-only = Only the organisations that took part in the trial write its final report.
reports-error-delete-not-allowed = Only the organisation's coordinators and the node's administrators may delete reports that have been submitted; drafts are deleted by the writers' organisation.
reports-error-submit-only-own = Only the report's own organisation can send it for review.
reports-error-already-pending = The report is already waiting for review.
reports-error-already-published = The report is already published.
reports-error-review-staff-only = Only node staff review reports.
reports-error-review-comment-missing = Write what needs to change before the report is sent back.
reports-error-review-not-pending = Only reports waiting for review can be reviewed.
reports-error-no-change-pending = No change to the report is waiting for review.
reports-error-review-decision-missing = Choose Publish or Send back.
notifications-error-form-unreadable = The form could not be read.
notifications-error-read-only-key = This key may only read. Changes need a key that may write.
notifications-error-system-key = The node's own key has no follows or notices. Use a personal key.
notifications-error-topic-id-invalid = Enter a valid UUID.
freshness-error-report-not-published = Only published reports are kept up to date.
freshness-error-trial-lead-only = Only the trial lead and node staff keep the trial up to date.
freshness-error-catalogue-staff-only = Only node staff keep the catalogue up to date.
freshness-error-technology-not-listed = Only technologies in the catalogue are kept up to date.
freshness-error-owner-signed-in = Only a signed-in person can take responsibility for the content.
freshness-error-not-archived = It is not archived.
freshness-error-already-archived = It is already archived.
freshness-error-changed-meanwhile = Someone changed it just now. Reload the page and try again.
reports-error-trial-unknown = Unknown trial { $value }.
reports-error-final-report-exists = The trial already has a final report: "{ $title }". Open it and carry on working in it.
reports-error-in-file = In the file: { $message }
reports-error-text-too-long = The text is too long: at most { $max } bytes.
notifications-error-frequency-missing = Choose how often you want e-mail about { $what }.
notifications-error-topic-kind = Say what you want to follow: { $choices }.
blobs-error-attachments-not-allowed = Only those who may change the content can add or remove attachments.
blobs-error-no-file = Choose a file.
blobs-error-file-empty = The file is empty.
blobs-error-file-name-unusable = The file has no name that can be used. Rename it and try again.
blobs-error-heic = HEIC pictures cannot be accepted yet. Choose 'Most Compatible' in the camera settings or send the picture as a JPEG.
blobs-error-not-a-picture = The file is not a picture that can be accepted. Send a photo as JPEG, PNG or WebP.
blobs-error-pdf-password = The PDF file is protected with a password. Save a copy without a password and try again.
markdown-error-render-timeout = The text took too long to display. Split it up or simplify its structure.
patch-error-not-an-object = Send a JSON object with the fields to change (JSON Merge Patch, RFC 7396).
patch-error-unknown-field = Unknown field: see the API document for the fields there are.
patch-error-field-required = The field is required: it can be changed but not removed (null).
patch-error-wrong-type = The value has the wrong type for the field: see the API document.
markdown-error-nesting = The text is nested too deeply: { $depth } levels of quotes, lists or HTML inside each other, at most { $max }. Make the structure flatter.
blobs-error-upload-unreadable = The upload could not be read: send multipart/form-data with the file in the field "{ $field }" ({ $reason }).
blobs-error-file-too-large = The file is too large: at most { $max } can be attached.
blobs-error-too-many-attachments = There are already { $max } attachments here, the most allowed. Remove one first.

## procurement, workspaces: error messages
procurement-error-already-lead = The organisation already leads the procurement.
procurement-error-already-member = The person is already a member.
procurement-error-already-party = The organisation is already a contract party: change it instead.
procurement-error-amount-digits = Enter an amount in whole kronor, in digits.
procurement-error-amount-non-negative = Enter an amount in whole kronor, 0 or more.
procurement-error-amount-whole = Enter an amount in whole kronor.
procurement-error-answer-length = Write the answer (at most 20,000 characters).
procurement-error-answer-missing = Write the answer.
procurement-error-award-date-missing = Enter the date of the award decision.
procurement-error-award-too-early = The award is registered once the procurement has reached the award phase.
procurement-error-call-off-before-award = Call-offs are registered only once the framework agreement has been awarded: move the procurement to the award phase and register the award.
procurement-error-call-off-before-from = The organisation can call off only from { $date }, as the procurement documents say.
procurement-error-call-off-date-missing = Enter the date of the call-off.
procurement-error-call-off-over-maximum = The call-off would exceed the framework agreement's maximum value { $maximum } (called off so far { $called }, remaining { $left }). Once the maximum value is reached the framework agreement is used up and nothing more can be called off (Court of Justice of the EU, case C-23/20): anything needed beyond that requires a new procurement.
procurement-error-call-off-over-party-maximum = The call-off would exceed the maximum value for { $party } in the framework agreement, { $maximum } (called off so far { $called }, remaining { $left }). Once the maximum value is reached the framework agreement is used up for that party and nothing more can be called off (Court of Justice of the EU, case C-23/20).
procurement-error-call-off-value = Enter the call-off's value in whole kronor, at least 1.
procurement-error-call-off-who = Call-offs are registered by the procurement's leads or by a member of the organisation making the call-off.
procurement-error-calling-organisation-missing = Choose the organisation making the call-off.
procurement-error-contract-leads-only = Only the procurement's leads change the contract parties and the award.
procurement-error-corrects-from-one = Enter the number of the decision being corrected, from 1.
procurement-error-corrects-number = Enter the number of the decision being corrected, e.g. 3.
procurement-error-decided-by-length = Say who made the decision (at most 200 characters).
procurement-error-decided-by-missing = Say who made the decision.
procurement-error-decision-length = Write the decision (at most 20,000 characters).
procurement-error-decision-missing = Write the decision.
procurement-error-description-length = The description can be at most 20,000 characters.
procurement-error-desirable-weight = Give the desirable requirement's weight as a percentage, a whole number from 1 to 100.
procurement-error-document-text-length = The text can be at most 100,000 characters.
procurement-error-documents-leads-publish = Only the procurement's leads can change whether a document is public.
procurement-error-documents-members-only = The procurement's leads and members write the documents; observers read them.
procurement-error-email-domain = The address must belong to one of the procurement's member organisations: the domain { $domain } is not registered for any of them.
procurement-error-estimate-above-maximum = The estimated value cannot be greater than the maximum value.
procurement-error-evidence-not-found = We cannot find evidence { $address } that you can open. Give the address of a report (/rapporter/…), a trial (/tester/…) or a follow-up (/tester/…/uppfoljning/12).
procurement-error-invitation-expired = The invitation expired { $when }. Ask the procurement's leads for a new invitation.
procurement-error-invitation-organisation-gone = The organisation the invitation was for is no longer part of the procurement.
procurement-error-invitation-other-email = The invitation is for { $email }. Sign in with that address to accept.
procurement-error-invitation-used = The invitation has already been used: an invitation works once.
procurement-error-invitation-used-remove = The invitation has already been used. Remove the member instead.
procurement-error-invitation-withdrawn = The invitation has been withdrawn and can no longer be used. Ask the procurement's leads for a new invitation if you are to take part.
procurement-error-last-lead = The procurement needs at least one lead: invite a new lead before you remove the last one.
procurement-error-lead-not-removable = The lead organisation cannot be removed from the procurement.
procurement-error-lead-unchangeable = The lead organisation cannot be changed in an ongoing procurement.
procurement-error-leads-only = Only the procurement's leads can do that.
procurement-error-lessons-length = Write what you learned (at most 20,000 characters).
procurement-error-mandatory-weight = A mandatory requirement has no weight: it is either met or not. Leave the weight empty.
procurement-error-max-200-chars = At most 200 characters.
procurement-error-max-500-chars = At most 500 characters.
procurement-error-max-evidence = At most 50 pieces of evidence.
procurement-error-max-needs = At most 50 needs.
procurement-error-maximum-below-called = The maximum value cannot be lower than what has already been called off ({ $amount }).
procurement-error-maximum-frozen = The procurement has been advertised and the maximum value is locked: the framework agreement's estimated and maximum value must be stated in the procurement documents and cannot be raised after advertising. It may be lowered.
procurement-error-members-length = Describe who is included (at most 500 characters).
procurement-error-members-missing = Describe who is included.
procurement-error-need-not-found = We cannot find a need { $need } that you can open. Give the need's address (/behov/…).
procurement-error-need-withdrawn = The need { $need } has been withdrawn and cannot be linked to a requirement.
procurement-error-no-such-decision = There is no decision { $number } in the procurement's decision log.
procurement-error-notes-length = Write the notes (at most 20,000 characters).
procurement-error-notes-missing = Write the notes.
procurement-error-number-range = The number is a whole number from 1 to 999.
procurement-error-one-lead = A procurement has one lead organisation: choose participant or observer.
procurement-error-organisation-missing = Choose an organisation.
procurement-error-organisation-not-member = The organisation is not part of the procurement.
procurement-error-parties-frozen = The procurement has been advertised and the contract parties are locked: only the organisations named in the procurement documents may call off from the framework agreement, so a new contract party cannot be added now. An organisation that is to call off later must be listed as a contract party before the procurement is advertised.
procurement-error-party-from-missing = Enter the date from which the organisation can call off.
procurement-error-party-role-frozen = The procurement has been advertised: the contract party's role and the date from which it may call off are stated in the procurement documents and cannot be changed now.
procurement-error-phase-repeated = Each phase may appear only once.
procurement-error-phase-unknown = Unknown phase.
procurement-error-question-length = Write the question (at most 20,000 characters).
procurement-error-question-missing = Write the question.
procurement-error-reasoning-length = The reasoning can be at most 20,000 characters.
procurement-error-reference-group-full = The reference group already has { $max } entries. Gather several people in one entry.
procurement-error-representation-missing = Choose who is represented.
procurement-error-requirement-kind = Choose whether it is a mandatory or a desirable requirement.
procurement-error-requirements-members-only = Only the procurement's leads and members change the requirements; observers read them.
procurement-error-role-missing = Choose a role.
procurement-error-signed-before-award = The contract cannot have been signed before the award decision.
procurement-error-start-own-organisation = Coordinators start procurements for their own organisation, node staff for any.
procurement-error-start-roles = Coordinators and node staff start procurements.
procurement-error-summary-leads-only = Only the procurement's leads publish the summary.
procurement-error-summary-too-early = The summary is published once the contract is signed: the award registered and the procurement in the Contract phase.
procurement-error-supplier-missing = Write the supplier's name.
procurement-error-talk-members-only = The procurement's leads and members write here; observers read.
procurement-error-text-length = The text can be at most 20,000 characters.
procurement-error-title-length = The title must be between 1 and 200 characters.
procurement-error-title-missing = Write a title.
procurement-error-too-many-requirements = A procurement can have at most { $max } requirements.
procurement-error-unknown-technology = Unknown technology in the catalogue { $name }.
procurement-error-weight-range = The weight is a whole number from 1 to 100.
workspaces-error-admins-only = Only the node's administrators manage workspaces.
workspaces-error-name-length = Give the workspace a name of at most 120 characters.
workspaces-error-organisation-missing = Choose at least one organisation to be part of the workspace.
workspaces-error-procurement-owned = The workspace belongs to a joint procurement: its members are invited through the procurement.
workspaces-error-unknown-user = No user has that address. The person needs to sign in once first.

## auth: error messages
auth-error-account-other-organisation = The address belongs to an account in another organisation than the one that owns the address's domain. Contact the node's administrator.
auth-error-domain-other-organisation = The address's domain already belongs to another organisation.
auth-error-domain-no-organisation = No organisation has the address's domain registered; give the organisation (--organisation CODE).
auth-error-name-missing = Write the name you want to be shown with.
auth-error-name-personal-identity-number = The name seems to contain a personal identity number. Write only your name.
auth-error-link-already-used-now = The link has already been used.
auth-error-account-disabled = The account is disabled. Contact the node's administrator.
auth-error-domain-invalid = Write a domain such as kommun.se (without @ and without spaces).
auth-error-domain-taken = The domain is already registered for another organisation.
auth-error-issuer-invalid = Enter the issuer's address with https:// and a public host name, for example https://login.kommun.se. Addresses in internal networks, to this machine or to the cloud's metadata service are not accepted.
auth-error-client-id-missing = Enter the client ID from the identity provider.
auth-error-client-secret-missing = Enter the client secret.
auth-error-token-name = Give the key a name of at most 100 characters, so that you recognise it.
auth-error-token-scopes-missing = Choose at least one permission: read or write.
auth-error-link-invalid = The link is invalid. Check that you copied the whole address, or ask for a new link.
auth-error-link-used = The link has already been used. Each link works once; ask for a new one.
auth-error-link-expired = The link has expired (it is valid for 15 minutes). Ask for a new one.
auth-error-name-too-long = The name may be at most { $max } characters.

## fieldreports: error messages (2)
fieldreports-error-unreadable = The field report could not be read: send multipart/form-data with the fields text, visibility and photo/alt_<n> ({ $detail }).

## overview and federation: texts that start with a link, a placeholder or markup

overview-follow-up-html = <a href="{ $url }">{ $trial }</a>: after { $months } months, from { $day } ({ $state })
overview-benefits-csv-label = : benefit realisation
federation-peer-url-county = { $url } · county
federation-save-for-html = Save<span class="visually-hidden"> for { $name }</span>
federation-pull-now-from-html = Fetch now<span class="visually-hidden"> from { $name }</span>
federation-refused-key-from = { $key } from

## fieldreports: error messages (3)
fieldreports-error-too-many-fields = too many fields
fieldreports-error-unknown-field = unknown field { $name }
fieldreports-error-field-too-long = the field { $name } is too long

## Empty histories (revisions::page)

needs-history-empty = The need has no saved history yet.
trials-history-empty = The trial has no saved history yet.
technologies-history-empty = No versions saved yet.
procurement-docs-history-empty = The document has no saved history yet.

## The audit trail: what each action code means (audit::ACTIONS)

audit-action-signin = Sign-in
audit-action-signin-failed = Failed sign-in
audit-action-signin-link-sent = Sign-in link sent
audit-action-user-role = Role changed
audit-action-user-disable = Account blocked
audit-action-user-enable = Account opened again
audit-action-user-sessions-end = Sign-ins ended
audit-action-user-rename = Display name changed
audit-action-token-create = Access key created
audit-action-token-revoke = Access key revoked
audit-action-organisation-domain-add = E-mail domain added
audit-action-organisation-domain-remove = E-mail domain removed
audit-action-organisation-provider-set = Sign-in service set
audit-action-organisation-provider-remove = Sign-in service removed
audit-action-workspace-save = Workspace saved
audit-action-workspace-add-person = Person added to workspace
audit-action-technology-create = Technology added to the catalogue
audit-action-technology-use = Technology use recorded
audit-action-technology-update = Technology in the catalogue changed
audit-action-technology-withdraw = Technology withdrawn from the catalogue
audit-action-technology-restore = Technology restored in the catalogue
audit-action-technology-propose = Technology proposed for the catalogue
audit-action-technology-approve = Proposed technology approved
audit-action-technology-decline = Proposed technology declined
audit-action-technology-use-withdraw = Technology use withdrawn
audit-action-technology-use-restore = Technology use restored
audit-action-need-create = Need registered
audit-action-need-endorse = Need shared by more
audit-action-need-status = Need's status changed
audit-action-need-edit = Need changed
audit-action-need-withdraw = Need withdrawn
audit-action-need-restore = Need restored
audit-action-endorsement-withdraw = Shared need withdrawn
audit-action-field-report-create = Field report sent
audit-action-field-report-promote = Field report taken further
audit-action-trial-create = Trial started
audit-action-trial-phase = Trial's phase changed
audit-action-trial-edit = Trial changed
audit-action-trial-withdraw = Trial withdrawn
audit-action-trial-restore = Trial restored
audit-action-trial-journal = Journal entry written
audit-action-journal-entry-edit = Journal entry changed
audit-action-journal-entry-withdraw = Journal entry withdrawn
audit-action-journal-entry-restore = Journal entry restored
audit-action-trial-indicator = Indicator added
audit-action-indicator-update = Indicator changed
audit-action-indicator-withdraw = Indicator withdrawn
audit-action-indicator-restore = Indicator restored
audit-action-trial-follow-up = Follow-up recorded
audit-action-report-create = Report created
audit-action-report-update = Report changed
audit-action-report-submit = Report sent for review
audit-action-report-publish = Report published
audit-action-report-return = Report returned
audit-action-report-edit-for-review = Change to a published report sent for review
audit-action-report-publish-edit = Change to a published report published
audit-action-report-return-edit = Change to a published report returned
audit-action-report-delete = Report deleted
audit-action-procurement-create = Procurement started
audit-action-procurement-edit = Procurement changed
audit-action-procurement-phase = Procurement's phase changed
audit-action-procurement-milestones = Procurement's timeline changed
audit-action-procurement-organisation-add = Organisation added to procurement
audit-action-procurement-organisation-remove = Organisation removed from procurement
audit-action-procurement-invite = Invitation to procurement sent
audit-action-procurement-invitation-withdraw = Invitation to procurement withdrawn
audit-action-procurement-accept = Invitation to procurement accepted
audit-action-procurement-remove-member = Member removed from procurement
audit-action-procurement-requirement-add = Requirement added to procurement
audit-action-procurement-requirement-edit = Requirement changed in procurement
audit-action-procurement-requirement-remove = Requirement removed from procurement
audit-action-procurement-document-create = Procurement document written
audit-action-procurement-document-edit = Procurement document changed
audit-action-procurement-party = Contract party saved
audit-action-procurement-award = Award recorded
audit-action-procurement-calloff = Call-off recorded
audit-action-procurement-question = Question asked in procurement
audit-action-procurement-reply = Question in procurement answered
audit-action-procurement-decision = Decision entered in the procurement's decision log
audit-action-procurement-reference-entry = Reference group's membership changed
audit-action-procurement-reference-meeting = Reference group meeting noted
audit-action-follow-add = Follow added
audit-action-follow-remove = Follow removed
audit-action-notifications-settings = Notice settings changed
audit-action-coach-appoint = Technology coach appointed
audit-action-coach-edit = Technology coach's profile changed
audit-action-coach-end = Technology coach assignment ended
audit-action-federation-peer-add = Node trusted for federation
audit-action-federation-peer-change = Federation settings for node changed
audit-action-federation-peer-remove = Node removed from federation
audit-action-federation-pull-now = Pull from node asked for now
audit-action-federation-reconcile-now = Reconciliation with nodes asked for now
audit-action-federation-request-refused = Request from node refused (federation)
audit-action-job-retry = Job run again
audit-action-attachment-add = File attached
audit-action-attachment-remove = Attached file removed
audit-action-notifications-unsubscribe = E-mail about notices turned off with the unsubscribe link
audit-action-comment-add = Comment written
audit-action-comment-edit = Comment changed
audit-action-comment-remove = Comment removed by the node
audit-action-user-language = Language changed

## A job's state (jobs::JobState)

jobs-state-queued = Queued
jobs-state-running = Running
jobs-state-done = Done
jobs-state-failed = Failed

## The catalogue's lookups: error messages (catalog.rs)

catalog-error-unknown-organisation = Unknown organisation { $given }. Give the municipality code (e.g. 0480) or the name.
catalog-error-ambiguous-organisation = { $given } could be several organisations: { $candidates }. Give the code or the whole name.
catalog-error-organisation-missing = Give the organisation.
catalog-error-unknown-category = Unknown category { $named }.

## needs, trials, followups: error messages
needs-error-visibility = A need is shared with the county: choose public, network or organisation.
needs-error-only-own-organisation = You can only register needs for your own organisation.
needs-error-title-missing = Write a title.
needs-error-target-group-missing = Choose a target group.
needs-error-edit-forbidden = Only the organisation that registered the need and node staff can change it.
needs-error-withdraw-forbidden = Only the organisation that registered the need and node staff can withdraw it.
needs-error-restore-forbidden = Only node staff can restore a withdrawn need.
needs-error-unendorse-forbidden = Only the organisation itself can take back that it has the same need.
needs-error-endorse-own = The need is your organisation's own.
needs-error-endorse-forbidden = You cannot endorse this need.
needs-error-status-missing = Choose a status.
needs-error-status-forbidden = Only the organisation that registered the need and node staff can change its status.
needs-error-title-length = The title must have between 1 and 200 characters.
needs-error-description-length = The description may have at most 20,000 characters.
needs-error-note-length = At most 1,000 characters.
needs-error-withdrawn = The need has been withdrawn. Restore it first.
trials-error-visibility = Choose public, network or organisation (the participating organisations).
trials-error-start-forbidden = Only the lead organisation and node staff can start a trial.
trials-error-title-missing = Write a title.
trials-error-target-group-missing = Choose a target group.
trials-error-ends-before-start = The trial cannot end before it starts.
trials-error-technology-missing = Choose the technology in the catalogue, or write which technology is being trialled if the catalogue does not have it.
trials-error-edit-forbidden = Only the lead organisation and node staff can change the trial.
trials-error-withdraw-forbidden = Only the lead organisation and node staff can withdraw the trial.
trials-error-restore-forbidden = Only node staff can restore a withdrawn trial.
trials-error-phase-missing = Choose a phase.
trials-error-phase-forbidden = Only the lead organisation and node staff can change the trial's phase.
trials-error-title-length = The title must have between 1 and 200 characters.
trials-error-description-length = The description may have at most 20,000 characters.
trials-error-participants-count = At most 50 participating organisations.
trials-error-technology-length = The technology may have at most 200 characters.
trials-error-product-length = The product may have at most 200 characters.
trials-error-supplier-length = The supplier may have at most 200 characters.
trials-error-entry-text-length = Write the note (at most 20,000 characters).
trials-error-withdrawn = The trial has been withdrawn. Restore it first.
trials-error-entry-edit-forbidden = Only the organisation that wrote the note and the trial's lead can change it.
trials-error-journal-forbidden = Only the organisations taking part in the trial can write in its journal.
trials-error-entry-type-missing = Choose the type of note: step, obstacle, opportunity or decision.
trials-error-entry-text-missing = Write the note.
trials-error-entry-date-future = The date cannot be in the future: write what has happened.
trials-error-entry-withdrawn = The note has been withdrawn. Restore it first.
trials-error-entry-withdraw-forbidden = Only the organisation that wrote the note and the trial's lead can withdraw it.
trials-error-entry-restore-forbidden = Only node staff can restore a withdrawn note.
followups-error-indicators-forbidden = Only the lead organisation and node staff can choose indicators.
followups-error-follow-up-forbidden = Only the organisations that took part in the trial can follow it up.
followups-error-values-not-numbers = Enter the values as numbers.
followups-error-value-not-indicator = A value does not belong to the trial's indicators.
followups-error-indicator-name = Enter the indicator's name (at most 200 characters).
followups-error-unit-length = At most 50 characters.
followups-error-effects-length = At most 20,000 characters.
followups-error-direction-missing = Choose Higher is better or Lower is better.
followups-error-baseline-not-number = Enter the baseline as a number, e.g. 12 or 3.5.
followups-error-indicator-edit-forbidden = Only the lead organisation and node staff can change indicators.
followups-error-indicator-withdraw-forbidden = Only the lead organisation and node staff can withdraw indicators.
followups-error-indicator-restore-forbidden = Only node staff can restore indicators.
followups-error-not-a-number = Enter a number, e.g. 12 or 3.5.
followups-error-unknown-indicator = Unknown indicator.
trials-error-unknown-need = Unknown need { $name }.
trials-error-unknown-technology = Unknown technology in the catalogue { $name }.
followups-error-not-yet-due = The follow-up after { $months } months can be done from { $date }.
followups-error-label-name = Name
followups-error-label-unit = Unit
followups-error-label-direction = Direction
followups-error-label-baseline = Baseline

## overview: the views' headings, series and columns (also the CSV headers and the API)
overview-view-phases = Trials by phase
overview-view-outcomes = Outcomes of the reports
overview-view-categories = Trials by category
overview-view-organisations = Trials by organisation (leading or taking part)
overview-view-follow-ups = Follow-ups to do
overview-view-needs = The most shared needs
overview-view-spread = Spread of each technology in the county
overview-view-freshness = Reports and trials that may be out of date, by organisation
overview-view-benefits = Benefit realisation by technology
overview-series-trials = Trials
overview-series-reports = Reports
overview-series-follow-ups = Follow-ups
overview-series-organisations-with-need = Organisations with the need
overview-series-current = Current
overview-series-maybe-outdated = May be out of date
overview-no-category = No category
overview-benefits-technology = Technology
overview-benefits-organisations = Organisations that followed up
overview-benefits-follow-ups = Follow-ups
overview-benefits-change-12 = Change from the baseline after 12 months (%)
overview-benefits-change-24 = Change from the baseline after 24 months (%)
overview-benefits-still-in-use = Still in use (% of the follow-ups)
overview-benefits-effects = Follow-ups with described effects
overview-error-unknown-county = Unknown county { $county }.

## Federation, search, revisions, jobs, health: service messages
federation-error-untrusted-request = Only trusted nodes may fetch from here, with signed requests: { $why }.
federation-error-ids-list = ids must be ids separated by commas.
federation-error-too-many-ids = At most { $max } ids in one request.
federation-error-share-choice = Choose what the node gets: the public content or the network's as well.
federation-error-share-value = Choose what the node gets: public or network.
federation-error-url-missing = Enter the node's address, for example https://noden.example.se.
federation-error-url-unreadable = The address cannot be read. Enter the node's address, for example https://noden.example.se.
federation-error-url-unusable = The address cannot be used.
federation-error-unreachable = The node cannot be reached at that address ({ $why }). Other nodes are only reached over https, and never on internal networks.
federation-error-backing-off = The node did not answer just now. Try again in { $seconds } seconds.
federation-error-no-answer = The node did not answer ({ $why }).
federation-error-bad-status = The node answered { $status } at { $path }; it may not be a Noden node.
federation-error-not-a-document = The answer at { $path } is not a node document.
federation-error-protocol = The node speaks a different federation protocol ({ $theirs }) than this one ({ $ours }).
federation-error-url-mismatch = The node states its address as { $stated }, not { $url }. Add it with the address it states itself.
federation-error-key-unreadable = The node's public key cannot be read.
federation-error-key-mismatch = The node's key id or fingerprint does not match its key.
federation-error-name-unusable = The node's name cannot be used.
federation-error-county-unreadable = The node's county code cannot be read.
federation-error-self = That is this node itself.
federation-error-already-trusted = { $name } is already trusted. Change its settings in the list instead.
federation-error-key-changed = The node's key is no longer the one you confirmed. Fetch it again and compare the fingerprint with the node's administrator.
federation-error-key-taken = Another trusted node has the same key. Remove that one first if the node has moved.
federation-error-not-pulled = The node is paused or not being fetched from. Turn fetching on first.
search-error-params = The search parameters could not be read: { $error }
search-error-query-length = The search may have at most { $max } characters.
search-error-sort-unknown = Unknown sort order { $value }. Choose relevans or nyast.
search-error-freshness-unknown = Unknown value { $value }. Choose aktuell, inaktuell or arkiverad.
search-error-year = Enter the year with four digits, not "{ $value }".
search-error-facet-unknown = Unknown facet { $value }. Choose from { $choices }.
search-error-group-id = Enter a trial's id (a UUID).
web-error-integer-range = Enter a whole number from { $min } to { $max }.
search-error-max-100-chars = At most 100 characters.
revisions-error-numbered-from-one = Revisions are numbered from 1.
jobs-error-not-failed = The job has not failed and cannot be retried.
health-error-indexing = The search index is still reading in what the database holds. Try again in a moment.

## freshness: handing an item over to someone else
freshness-hand-over-link = Hand the responsibility over to someone else
freshness-hand-over-title = Hand over the responsibility for { $title }
freshness-hand-over-heading = Hand over the responsibility
freshness-hand-over-intro = The person you name answers from now on for keeping this current and gets the reminders:
freshness-hand-over-email = E-mail address of the new person responsible
freshness-hand-over-email-hint = They need an account in Noden and the right to change this.
freshness-hand-over-button = Hand over
freshness-done-hand-over = The responsibility has been handed over.
freshness-error-successor-unknown = No active user in Noden has that address.
freshness-error-successor-may-not-keep = That person may not change this and so cannot answer for it.
freshness-error-successor-missing = Give the e-mail address of the new person responsible.
freshness-error-email-only-hand-over = An e-mail address is given only when handing the responsibility over (hand_over).

## auth, web, blobs, privacy, fieldreport.js: service messages (2)
auth-error-form-forged = The form could not be checked (it lacks a valid security code, or came from another website). Reload the page and try again.
auth-error-admins-only = The page is for the node's administrators.
auth-error-staff-only = The page is for the node's staff.
auth-error-role-unknown = Choose a role from the list.
auth-signed-in = You are signed in
auth-signed-out = You are signed out
auth-error-sign-in-refused = The sign-in could not be completed: { $why } Try again from Sign in.
auth-error-oidc-unavailable = the identity provider does not answer.
auth-error-oidc-no-sign-in = the organisation has no sign-in here.
auth-error-oidc-unexpected = an unexpected error occurred.
auth-error-oidc-provider-error = the identity provider answered { $error } { $description }.
auth-error-oidc-no-code = the answer lacks a code or state.
auth-error-oidc-other-browser = the answer does not belong to a sign-in started in this browser.
auth-error-oidc-other-issuer = the answer came from another issuer than the organisation's.
auth-error-oidc-attempt-spent = the sign-in attempt has already been used or has expired.
auth-error-oidc-wrong-address = the answer came to another organisation's address.
auth-error-oidc-no-token-address = the identity provider has no token address.
auth-error-oidc-code-refused = the code could not be redeemed at the identity provider.
auth-error-oidc-no-id-token = the identity provider sent no ID token.
auth-error-oidc-account-disabled = the account is disabled.
auth-error-oidc-other-organisation = the account belongs to another organisation.
auth-error-oidc-token-expired = the ID token has expired.
auth-error-oidc-token-audience = the ID token is issued for another recipient.
auth-error-oidc-token-issuer = the ID token comes from the wrong issuer.
auth-error-oidc-token-nonce = the ID token does not belong to this sign-in attempt.
auth-error-oidc-token-signature = the ID token has no valid signature from the identity provider.
auth-error-oidc-token-refused = the ID token could not be accepted.
web-error-date-format = Enter the date as YYYY-MM-DD.
web-error-form-unreadable-because = The form could not be read: { $reason }
privacy-withheld-value = (a value that looks like a personal identity number)
blobs-type-pdf = PDF
blobs-type-docx = Word (DOCX)
blobs-type-xlsx = Excel (XLSX)
blobs-type-odt = OpenDocument text (ODT)
blobs-type-csv = CSV
blobs-type-jpeg = JPEG image
blobs-type-png = PNG image
blobs-type-webp = WebP image
blobs-types-or = { $first } or { $last }
blobs-error-type-not-allowed = That type of file cannot be attached here. Choose a file of the type { $allowed }.
blobs-error-type-mismatch = The file's content is of the type { $found }, but its name says { $promised }. Check that you chose the right file.
blobs-error-type-unknown-content = The file's content is not of the type { $promised } that its name says, nor of any other type that can be attached ({ $allowed }).
blobs-error-upload-one-file = send one file at a time
blobs-error-upload-unknown-field = unknown field { $name }
blobs-error-upload-field-too-long = the field { $name } is too long
blobs-error-upload-too-many-fields = too many fields
blobs-error-text-unreadable-type = The text in a file of the type { $type } cannot be read in.
blobs-error-file-unreadable-as = The file could not be read as { $type } ({ $why }).
blobs-error-reason-broken = the file is broken
blobs-error-reason-part-missing = { $part } is missing
blobs-error-image-unreadable = The picture could not be read as a { $type }. It may be damaged or too large (at most { $max } × { $max } pixels).
fieldreports-offline-kept = Saved on the phone – sent when the connection is back
fieldreports-offline-sent = The field report that was saved on the phone has been sent.
fieldreports-offline-refused = A saved field report could not be received. Write it again.
fieldreports-offline-restored = Your draft has been restored.
fieldreports-offline-unsaved = No connection, and the report could not be saved on the phone. Try again when you have coverage.
fieldreports-offline-sending = Sending …

## freshness: what an item is, and who answers for it without an owner
freshness-kind-report = Report
freshness-kind-trial = Trial
freshness-kind-technology = Technology in the catalogue
freshness-owner-coordinators = The coordinators of { $organisation }
freshness-owner-staff = The node's staff

## audit: keeping items current
audit-action-freshness-confirm = Confirmed as current
audit-action-freshness-archive = Archived
audit-action-freshness-unarchive = Taken out of the archive
audit-action-freshness-take-over = Responsibility for keeping current taken
audit-action-freshness-hand-over = Responsibility for keeping current handed over

## technologies: a withdrawn entry is not changed
technologies-error-withdrawn = The technology has been withdrawn from the catalogue. Restore it first.

# Notices of needs, e-mailed in the reader's language
needs-notice-an-organisation = An organisation
needs-notice-shared-title = { $organisation } has the same need: { $title }
needs-notice-shared = { $organisation } has the same need: "{ $title }".
needs-notice-status-title = { $status }: { $title }
needs-notice-status = The need "{ $title }" now has the status { $status_lower }.
needs-notice-shares-yours-subject = { $organisation } shares your need: { $title }
needs-notice-shares-yours = { $organisation } has the same need as you: "{ $title }".
needs-notice-they-write = They write: { $note }

# Notices of trials, e-mailed in the reader's language
trials-notice-phase-title = { $phase }: { $title }
trials-notice-phase = The trial "{ $title }" has moved to the phase { $phase_lower }.
trials-notice-journal-title = { $type }: new entry in { $title }
trials-notice-journal = { $organisation } has written a new entry ({ $type_lower }) in the journal of the trial "{ $title }":
trials-notice-technology-subject = Proposed for the technology catalogue: { $technology }
trials-notice-technology = The trial "{ $title }" tests "{ $technology }", which the technology catalogue does not have.
trials-notice-technology-add = Add the technology to the catalogue if it belongs there.

# Notices of technology proposals, e-mailed in the reader's language
technologies-notice-approved-subject = Your proposal is now in the technology catalogue: { $name }
technologies-notice-approved = The node's staff have approved your proposal "{ $name }". The technology is now in the catalogue.
technologies-notice-declined-subject = Your proposal for the technology catalogue: { $name }
technologies-notice-declined = The node's staff have declined your proposal "{ $name }".
technologies-notice-declined-reason = Reason: { $reason }

# Follow-up reminders, e-mailed in the reader's language
followups-notice-due-subject = Time to follow up: { $title }
followups-notice-due = It is { $months } months since the trial "{ $title }" ended. Record the follow-up: the indicators' values today, the effects you see and whether the technology is still in use.
followups-notice-overdue-subject = The follow-up is overdue: { $title }
followups-notice-overdue = The follow-up { $months } months after the trial "{ $title }" was due on { $when } and has not been recorded.

# Notices of joint procurements, e-mailed in the reader's language
procurement-notice-overdue-subject = Milestone overdue: { $phase } in { $title }
procurement-notice-overdue = The procurement "{ $title }" was to reach the phase { $phase_lower } on { $planned } but is still in the phase { $now_lower }. Give a new planned date or move the procurement on.
procurement-notice-party-warning = { $party }'s call-offs have reached { $percent } % of the party's maximum: { $after } of { $maximum }.
procurement-notice-agreement-warning = The call-offs of the whole framework agreement have reached { $percent } % of its maximum: { $after } of { $maximum }.
procurement-notice-maximum-reached = Once the maximum is reached the framework agreement is used up and no more can be called off; plan a new procurement in good time.
procurement-notice-maximum-subject = The framework agreement is nearing its maximum: { $title }
procurement-notice-question-subject = New question in the procurement { $procurement }: { $question }
procurement-notice-question = { $writer } has asked a question in the joint procurement "{ $procurement }": "{ $question }".
procurement-notice-reply-subject = New reply in the procurement { $procurement }: { $question }
procurement-notice-reply = { $writer } has answered the question "{ $question }" in the joint procurement "{ $procurement }".
procurement-notice-invitation-subject = Invitation to the procurement { $title }
procurement-notice-invitation = { $inviter } invites you to the joint procurement "{ $title }" in Noden, as { $standing }.
procurement-notice-invitation-how = Open the link, sign in with { $email } and accept. The link can be used once and is valid until { $expires }.

# Notices of field reports, e-mailed in the reader's language
fieldreports-notice-new-title = New field report from { $organisation }: { $title }
fieldreports-notice-new = { $by } ({ $organisation }) has written a field report:
fieldreports-notice-promoted-title = Your field report was taken further: { $title }
fieldreports-notice-promoted = { $by } took your field report "{ $title }" further.
fieldreports-notice-promoted-became = It became: { $became }

# Notices of comments, e-mailed in the reader's language
comments-notice-new-title = New comment: { $title }
comments-notice-reply-title = New reply to a comment: { $title }
comments-notice-new = { $writer } has written a comment on "{ $title }" ({ $kind }):

# Atom feeds' titles
feeds-title-category = Noden – Category: { $name }
feeds-title-organisation = Noden – Organisation: { $name }
feeds-title-technology = Noden – Technology: { $name }
feeds-title-search = Noden – Search
feeds-title-search-for = Noden – Search: { $text }
search-expanded = Also showing hits for:
search-without-expansion = Search only for “{ $q }”
search-not-expanded = Searching only for the words as typed.
search-with-expansion = Also search other words for the same thing
search-error-expand = Give true or false, not { $value }.
admin-thesaurus = Vocabulary
admin-thesaurus-text = The concepts search knows and the words used for them.
thesaurus-title = Vocabulary
thesaurus-admin = Administration
thesaurus-intro = When someone searches for a word that belongs to a concept, the search also finds the concept's other words, and more weakly those of narrower concepts. Changes apply from the next search.
thesaurus-new = New concept
thesaurus-filter = Search the words
thesaurus-filter-button = Show
thesaurus-count = { $total ->
    [one] { $total } concept
   *[other] { $total } concepts
}
thesaurus-col-label = Concept
thesaurus-col-others = Other words
thesaurus-col-broader = Broader concept
thesaurus-col-source = Source
thesaurus-source-content = Content folder
thesaurus-source-staff = Node staff
thesaurus-back = Back to the vocabulary
thesaurus-saved = Saved. Search uses the words from now on.
thesaurus-fix = Correct what is marked below.
thesaurus-from-content = The concept comes from the content folder (vocabulary.yaml). Its words are changed there; here you can add more.
thesaurus-content-labels = Words from the content folder
thesaurus-note = What the concept covers
thesaurus-narrower = Narrower concepts:
thesaurus-label = Preferred word
thesaurus-added-labels = Added words
thesaurus-other-labels = Other words for the same thing
thesaurus-labels-hint = One word or phrase per line, as people write it.
thesaurus-broader = Broader concept
thesaurus-broader-none = None
thesaurus-save = Save
thesaurus-error-staff-only = Only node staff can change the vocabulary.
thesaurus-error-too-many = At most { $max } added words per concept.
thesaurus-error-label-long = { $label } is too long, at most { $max } characters.
thesaurus-error-label-required = Write the concept's preferred word.
thesaurus-error-label-max = At most { $max } characters.
thesaurus-error-note-max = At most { $max } characters.
thesaurus-error-broader-unknown = There is no concept { $value }.
thesaurus-error-broader-cycle = The broader concept already lies below this one.
thesaurus-error-label-taken = { $label } reads as { $other }, which already belongs to the concept { $concept }.
thesaurus-error-label-empty = { $label } holds no word.
search-expanded-more = { $count ->
    [one] and { $count } more word
   *[other] and { $count } more words
}
thing-begreppet = the concept
search-suggest-concept = { $label } — { $hits ->
    [one] { $hits } hit
   *[other] { $hits } hits
}
categories-words = Other words for the same thing:
cli-vocabulary-bad-id = { $id }: an id may only hold a–z, 0–9 and -
cli-vocabulary-unknown-concept = { $id }: there is no concept { $value }
cli-vocabulary-unknown-category = { $id }: there is no category { $value }
cli-vocabulary-invalid = the concepts do not fit together: { $error }
