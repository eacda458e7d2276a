"""Options and helpers shared by several commands: the remote store (``--store URL``)."""

from __future__ import annotations

import argparse


def store_options(parser: argparse.ArgumentParser, writes: bool = False) -> None:
    """``--store URL`` (a SPARQL 1.1 endpoint) and its companions."""
    group = parser.add_argument_group("remote store (SPARQL 1.1 endpoint)")
    group.add_argument(
        "--store",
        metavar="URL",
        help="also write the graph into this SPARQL 1.1 store (query URL)"
        if writes
        else "read the graph from this SPARQL 1.1 store (query URL) instead of -g",
    )
    if writes:
        group.add_argument(
            "--store-update",
            metavar="URL",
            help="its update URL (default: …/update for a …/query URL, else the same URL)",
        )
    group.add_argument(
        "--store-graph",
        metavar="IRI",
        help="the named graph holding kg's graph (default: https://w3id.org/kg/graph)",
    )


def remote_endpoint(args: argparse.Namespace):  # -> kg.rdf.remote.Endpoint | None
    """The ``--store`` endpoint of a command's arguments, or None for the local graph."""
    from kg.rdf.remote import Endpoint

    if not args.store:
        return None
    return Endpoint.parse(args.store, getattr(args, "store_update", None), args.store_graph)
