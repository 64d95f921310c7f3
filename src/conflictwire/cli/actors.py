"""The actors commands: look a name up in the actor dictionary."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from . import app
from .common import console, fail, stdout_write

actors_app = typer.Typer(help="The actor dictionary: names, aliases, countries and ACLED categories.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")


@actors_app.command("lookup")
def lookup(
    names: Annotated[list[str], typer.Argument(help="Actor names as an article writes them ('ISIL', 'Iraqi troops', 'gunmen').")],
    country: Annotated[
        Optional[str], typer.Option("--country", help="ISO 3166 alpha-2 code of the country the text is about (for 'police', 'the army').")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per name.")] = False,
) -> None:
    """Show what each NAME is matched to: normalised name, ACLED category, country, score and how it matched.

    Exits with status 1 when a name matches nothing.
    """
    from ..events.actors import interaction_code, lookup_actor

    if country is not None and not (len(country) == 2 and country.isalpha()):
        fail(f"--country {country!r} is not an ISO 3166 alpha-2 code; write it like IQ or MX")
    missing = 0
    for name in names:
        match = lookup_actor(name, country.upper() if country else None)
        if match is None:
            missing += 1
        if as_json:
            record = {"query": name, "match": None}
            if match is not None:
                record["match"] = {
                    "name": match.name,
                    "category": match.category,
                    "country": match.country,
                    "score": match.score,
                    "method": match.method,
                    "source": match.source,
                    "inter_code": interaction_code(match.category, None) // 10 if match.category else None,
                }
            stdout_write(json.dumps(record, ensure_ascii=False))
            continue
        if match is None:
            console.print(f"{name!r}: [yellow]no match[/yellow] (not in the dictionary, no country or actor head noun)", highlight=False)
            continue
        console.print(
            f"{name!r} -> [bold]{match.name}[/bold]  category: {match.category or 'unknown'}  "
            f"country: {match.country or '-'}  score: {match.score:.2f}  ({match.method}"
            + (f"; source: {match.source}" if match.source else "")
            + ")",
            highlight=False,
            soft_wrap=True,
        )
    if missing:
        raise typer.Exit(1)
