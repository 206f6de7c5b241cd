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
