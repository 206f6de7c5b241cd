#!/usr/bin/env python3
"""Checks a DCAT-AP-SE catalogue in RDF/XML with rdflib, independently of the Rust parser.

Usage: check.py --base URL [FILE ...]   (standard input when no file is named)

Each document is parsed with rdflib and asked, with SPARQL, for what DCAT-AP-SE makes
mandatory (and what Noden promises besides): one dcat:Catalog with a Swedish title and
description, a publisher, the CC0 licence and at least one dataset; each dataset typed, with a
Swedish title and description and a publisher; each publisher a foaf:Agent with a name and an
ADMS publisher type; each distribution typed, with an access URL, a format from the EU
file-type vocabulary and a licence; each contact point a vCard with a name and a mailto: e-mail.
Every node of the catalogue is an IRI under URL (no blank nodes) and every IRI is absolute.
Prints one line per problem, prefixed with the file's name, and exits 1 when there is any.
"""

import argparse
import sys
from urllib.parse import urlsplit

from rdflib import Graph, URIRef

# Relative IRIs are resolved against this base, so that they can be found afterwards.
SENTINEL = "http://relative.invalid/"

PREFIXES = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX vcard: <http://www.w3.org/2006/vcard/ns#>
"""

CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/"

# (what, SPARQL selecting ?x for each offending node). Each names the rule it checks.
RULES = [
    (
        "a catalogue without a Swedish dct:title",
        "?x a dcat:Catalog . FILTER NOT EXISTS { ?x dct:title ?v FILTER(lang(?v) = 'sv') }",
    ),
    (
        "a catalogue without a Swedish dct:description",
        "?x a dcat:Catalog . FILTER NOT EXISTS { ?x dct:description ?v FILTER(lang(?v) = 'sv') }",
    ),
    (
        "a catalogue without dct:publisher",
        "?x a dcat:Catalog . FILTER NOT EXISTS { ?x dct:publisher ?v }",
    ),
    (
        "a catalogue without the CC0 dct:license DCAT-AP-SE requires",
        "?x a dcat:Catalog . FILTER NOT EXISTS { ?x dct:license <%s> }" % CC0,
    ),
    (
        "a catalogue without dcat:dataset",
        "?x a dcat:Catalog . FILTER NOT EXISTS { ?x dcat:dataset ?v }",
    ),
    (
        "a dataset not typed dcat:Dataset",
        "?c dcat:dataset ?x . FILTER NOT EXISTS { ?x a dcat:Dataset }",
    ),
    (
        "a dataset without a Swedish dct:title",
        "?x a dcat:Dataset . FILTER NOT EXISTS { ?x dct:title ?v FILTER(lang(?v) = 'sv') }",
    ),
    (
        "a dataset without a Swedish dct:description",
        "?x a dcat:Dataset . FILTER NOT EXISTS { ?x dct:description ?v FILTER(lang(?v) = 'sv') }",
    ),
    (
        "a dataset without dct:publisher",
        "?x a dcat:Dataset . FILTER NOT EXISTS { ?x dct:publisher ?v }",
    ),
    (
        "a dataset no catalogue lists",
        "?x a dcat:Dataset . FILTER NOT EXISTS { ?c dcat:dataset ?x }",
    ),
    (
        "a publisher not typed foaf:Agent",
        "?s dct:publisher ?x . FILTER NOT EXISTS { ?x a foaf:Agent }",
    ),
    (
        "a publisher without foaf:name",
        "?s dct:publisher ?x . FILTER NOT EXISTS { ?x foaf:name ?v }",
    ),
    (
        "a publisher without an ADMS publisher type (dct:type)",
        "?s dct:publisher ?x . FILTER NOT EXISTS { ?x dct:type ?v "
        "FILTER(isIRI(?v) && STRSTARTS(STR(?v), '%s')) }" % PUBLISHER_TYPE,
    ),
    (
        "a distribution not typed dcat:Distribution",
        "?d dcat:distribution ?x . FILTER NOT EXISTS { ?x a dcat:Distribution }",
    ),
    (
        "a distribution without dcat:accessURL",
        "?x a dcat:Distribution . FILTER NOT EXISTS { ?x dcat:accessURL ?v FILTER(isIRI(?v)) }",
    ),
    (
        "a distribution without a dct:format from the EU file-type vocabulary",
        "?x a dcat:Distribution . FILTER NOT EXISTS { ?x dct:format ?v "
        "FILTER(isIRI(?v) && STRSTARTS(STR(?v), '%s')) }" % FILE_TYPE,
    ),
    (
        "a distribution without dct:license",
        "?x a dcat:Distribution . FILTER NOT EXISTS { ?x dct:license ?v FILTER(isIRI(?v)) }",
    ),
    (
        "a distribution no dataset lists",
        "?x a dcat:Distribution . FILTER NOT EXISTS { ?d dcat:distribution ?x }",
    ),
    (
        "a contact point without vcard:fn",
        "?s dcat:contactPoint ?x . FILTER NOT EXISTS { ?x vcard:fn ?v }",
    ),
    (
        "a contact point without a mailto: vcard:hasEmail",
        "?s dcat:contactPoint ?x . FILTER NOT EXISTS { ?x vcard:hasEmail ?v "
        "FILTER(isIRI(?v) && STRSTARTS(STR(?v), 'mailto:')) }",
    ),
    (
        "a contact point without a vCard type",
        "?s dcat:contactPoint ?x . FILTER NOT EXISTS { ?x a ?t "
        "FILTER(STRSTARTS(STR(?t), 'http://www.w3.org/2006/vcard/ns#')) }",
    ),
    (
        "a blank node (DCAT-AP-SE's harvesting allows none here)",
        "{ ?x ?p ?o FILTER(isBlank(?x)) } UNION { ?s ?p ?x FILTER(isBlank(?x)) }",
    ),
]

# The nodes the catalogue itself names, which must live under the node's address.
OWN_NODES = """
SELECT DISTINCT ?x WHERE {
  { ?x a dcat:Catalog } UNION { ?x a dcat:Dataset } UNION { ?x a dcat:Distribution }
  UNION { ?s dct:publisher ?x } UNION { ?s dcat:contactPoint ?x }
  UNION { ?s dcat:accessURL ?x } UNION { ?s dcat:downloadURL ?x } UNION { ?s dcat:landingPage ?x }
}
"""


def problems_of(data, base):
    graph = Graph()
    try:
        graph.parse(data=data, format="xml", publicID=SENTINEL)
    except Exception as e:  # rdflib raises several kinds; any is a failure to read it
        return ["not RDF/XML that rdflib reads: %s" % e]
    found = []
    catalogues = list(graph.query(PREFIXES + "SELECT ?c WHERE { ?c a dcat:Catalog }"))
    if len(catalogues) != 1:
        found.append("exactly one dcat:Catalog wanted, found %d" % len(catalogues))
    for what, where in RULES:
        for row in graph.query(PREFIXES + "SELECT DISTINCT ?x WHERE { %s }" % where):
            found.append("%s: %s" % (what, row.x))
    for term in set(graph.subjects()) | set(graph.predicates()) | set(graph.objects()):
        if isinstance(term, URIRef):
            iri = str(term)
            if iri.startswith(SENTINEL) or not urlsplit(iri).scheme:
                found.append("a relative IRI: %s" % iri)
    for row in graph.query(PREFIXES + OWN_NODES):
        if not str(row.x).startswith(base):
            found.append("a node or address not under %s: %s" % (base, row.x))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the node's public address")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    documents = [(name, open(name, "rb").read()) for name in args.files]
    if not documents:
        documents = [("-", sys.stdin.buffer.read())]
    failed = False
    for name, data in documents:
        for problem in problems_of(data, args.base):
            failed = True
            print("%s: %s" % (name, problem))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
