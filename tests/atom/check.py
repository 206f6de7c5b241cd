#!/usr/bin/env python3
"""Checks an Atom document (RFC 4287) read from standard input against the rules of the RFC
that a feed reader relies on; prints each problem and exits 1 when there is any.

No maintained Atom validator is packaged on PyPI, npm or Debian, so the tests check the RFC's
rules here, with Python's own strict XML parser (expat): well-formed XML in the Atom
namespace; on the feed exactly one id, title and updated, an author on the feed or on every
entry, a link rel="self", at most one generator, icon, logo, rights and subtitle; on each
entry exactly one id, title and updated, at most one content, published, rights, source and
summary, a link rel="alternate" when there is no content, a summary when the content is not
inline; ids that are absolute IRIs and unique; RFC 3339 dates; person constructs with one
name; text constructs of type text, html or xhtml; links with href; categories with term.
"""

import re
import sys
import xml.etree.ElementTree as ET
from datetime import datetime

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")

problems = []


def a(name):
    return "{%s}%s" % (ATOM, name)


def children(element, name):
    return element.findall(a(name))


def count(element, where, name, low, high):
    n = len(children(element, name))
    if n < low or (high is not None and n > high):
        if high is None:
            wanted = "at least %d" % low
        elif low == high:
            wanted = "exactly %d" % low
        else:
            wanted = "at most %d" % high
        problems.append("%s: %s atom:%s, found %d" % (where, wanted, name, n))


def check_text(element, where):
    kind = element.get("type", "text")
    if kind not in ("text", "html", "xhtml"):
        problems.append("%s: type %r is not text, html or xhtml" % (where, kind))
    elif kind == "xhtml":
        divs = [c for c in element if c.tag == "{%s}div" % XHTML]
        if len(divs) != 1 or len(list(element)) != 1:
            problems.append("%s: xhtml text needs exactly one xhtml:div" % where)
    elif len(list(element)):
        problems.append("%s: %s text holds child elements" % (where, kind))


def check_date(element, where):
    text = (element.text or "").strip()
    ok = bool(DATE.match(text))
    if ok:
        try:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            ok = False
    if not ok:
        problems.append("%s: %r is not an RFC 3339 date-time" % (where, text))


def check_id(element, where):
    text = element.text or ""
    if not SCHEME.match(text):
        problems.append("%s: %r is not an absolute IRI" % (where, text))
    return text


def check_person(element, where):
    count(element, where, "name", 1, 1)
    count(element, where, "uri", 0, 1)
    count(element, where, "email", 0, 1)


def check_common(element, where, ids):
    for name in ("id", "title", "updated"):
        count(element, where, name, 1, 1)
    for e in children(element, "id"):
        ids.append(check_id(e, where + "/id"))
    for name in ("title", "subtitle", "rights", "summary"):
        for e in children(element, name):
            check_text(e, "%s/%s" % (where, name))
    for name in ("updated", "published"):
        for e in children(element, name):
            check_date(e, "%s/%s" % (where, name))
    for name in ("author", "contributor"):
        for e in children(element, name):
            check_person(e, "%s/%s" % (where, name))
    alternates = set()
    for link in children(element, "link"):
        if not link.get("href"):
            problems.append("%s/link: no href" % where)
        if link.get("rel", "alternate") == "alternate":
            key = (link.get("type"), link.get("hreflang"))
            if key in alternates:
                problems.append("%s: two alternate links of one type and language" % where)
            alternates.add(key)
    for category in children(element, "category"):
        if not category.get("term"):
            problems.append("%s/category: no term" % where)
    return alternates


def main():
    data = sys.stdin.buffer.read()
    try:
        feed = ET.fromstring(data)
    except ET.ParseError as e:
        print("not well-formed XML: %s" % e)
        return 1
    if feed.tag != a("feed"):
        print("the root is %s, not atom:feed" % feed.tag)
        return 1
    ids = []
    check_common(feed, "feed", ids)
    for name in ("generator", "icon", "logo", "rights", "subtitle"):
        count(feed, "feed", name, 0, 1)
    if not any(l.get("rel") == "self" for l in children(feed, "link")):
        problems.append("feed: no link rel=\"self\"")
    entries = children(feed, "entry")
    if not children(feed, "author") and not all(children(e, "author") for e in entries):
        problems.append("feed: no atom:author on the feed nor on every entry")
    for n, entry in enumerate(entries, 1):
        where = "entry %d" % n
        alternates = check_common(entry, where, ids)
        for name in ("content", "published", "rights", "source", "summary"):
            count(entry, where, name, 0, 1)
        contents = children(entry, "content")
        if not contents and not alternates:
            problems.append("%s: neither atom:content nor a link rel=\"alternate\"" % where)
        for content in contents:
            kind = content.get("type", "text")
            textual = kind in ("text", "html", "xhtml") or kind.startswith("text/")
            xml = kind.endswith("+xml") or kind.endswith("/xml")
            inline = content.get("src") is None and (textual or xml)
            if not inline and not children(entry, "summary"):
                problems.append("%s: content not inline and no atom:summary" % where)
    entry_ids = ids[1:]
    if len(set(entry_ids)) != len(entry_ids):
        problems.append("entries share an id")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
