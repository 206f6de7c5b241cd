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
