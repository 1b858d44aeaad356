"""Write pytest_sessim/doors/wire/route_forms.json: every HTTP method and request path under
which a botocore release has sent each SES operation.

SESv2 is REST-JSON, so a request is routed by its method and path, and AWS has moved some
operations between releases (``ListEmailIdentities`` was ``GET /v2/email/identities`` and is
now ``POST /v2/email/list-identities``, with its paging members moved from the query string
into the JSON body). SES answers every form, so the simulator must too, whatever botocore is
installed next to it. This script reads the ``ses`` and ``sesv2`` models of several botocore
releases and lists, per operation that changed, each form with where its input members
travel and the first and last checked release that sent it.

    python tools/gen_route_forms.py                    # sample releases, rewrite the table
    python tools/gen_route_forms.py --check            # exit 1 if the table is out of date
    python tools/gen_route_forms.py --versions 1.40.61 1.44.18

Releases come from PyPI through pip (``pip index versions`` and ``pip download --no-deps``);
only the two models are kept from each wheel, in ``--cache``. By default it checks botocore
1.34.0 (or the oldest release ``pyproject.toml`` allows, if older: the server and the raw
HTTPS door also answer clients that bring their own, older botocore), the last release of
every minor series since, and the newest; wherever two neighbours differ it bisects the
releases between them, so the table names the exact release where each form first and last
appeared.
"""

from __future__ import annotations

import argparse
import gzip
import io
import itertools
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "pytest_sessim" / "doors" / "wire" / "route_forms.json"
SERVICES = ("ses", "sesv2")
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "pytest-sessim-botocore-models"
# clients of the standalone server and of the raw HTTPS door may run older botocore than the
# package needs (the AWS CLI, other services), so the survey reaches back further
OLDEST_SURVEYED = (1, 34, 0)

Version = tuple[int, ...]
Form = dict[str, Any]  # method, requestUri, input, payload


def parse_version(text: str) -> Version:
    return tuple(int(part) for part in text.split("."))


def show(version: Version) -> str:
    return ".".join(map(str, version))


def floor_version() -> Version:
    """The oldest botocore surveyed: 1.34.0, or the oldest ``pyproject.toml`` allows if older."""
    found = re.search(r'"botocore>=([0-9.]+)', (ROOT / "pyproject.toml").read_text())
    if found is None:
        sys.exit("pyproject.toml names no botocore floor")
    return min(parse_version(found.group(1)), OLDEST_SURVEYED)


def released_versions() -> list[Version]:
    """Every final botocore release the package index offers, oldest first."""
    out = subprocess.run(
        [sys.executable, "-m", "pip", "index", "versions", "botocore"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("Available versions:"))
    names = line.partition(":")[2].split(",")
    return sorted(parse_version(v.strip()) for v in names if re.fullmatch(r"[\d.]+", v.strip()))


# -- models -------------------------------------------------------------------------------------


def _download_models(version: Version, cache: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [
                *(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"),
                *("--only-binary", ":all:", "--dest", folder, f"botocore=={show(version)}"),
            ],
            check=True,
            capture_output=True,
        )
        (wheel,) = Path(folder).glob("*.whl")
        models: dict[str, Any] = {}
        with zipfile.ZipFile(wheel) as archive:
            for name in archive.namelist():
                found = re.fullmatch(r"botocore/data/([^/]+)/[^/]+/service-2\.json(\.gz)?", name)
                if found and found.group(1) in SERVICES:
                    data = archive.read(name)
                    if found.group(2):
                        data = gzip.decompress(data)
                    models[found.group(1)] = json.load(io.BytesIO(data))
    cache.mkdir(parents=True, exist_ok=True)
    (cache / f"{show(version)}.json").write_text(json.dumps(models))
    return models


def models_of(version: Version, cache: Path) -> dict[str, Any]:
    cached = cache / f"{show(version)}.json"
    if cached.exists():
        loaded: dict[str, Any] = json.loads(cached.read_text())
        return loaded
    print(f"  downloading botocore {show(version)}", file=sys.stderr)
    return _download_models(version, cache)


def forms_of(model: dict[str, Any]) -> dict[str, Form]:
    """Each operation's route and where its top-level input members travel."""
    shapes = model["shapes"]
    forms: dict[str, Form] = {}
    for name, operation in model["operations"].items():
        http = operation.get("http", {})
        placed: dict[str, list[str]] = {}
        payload = None
        shape_name = operation.get("input", {}).get("shape")
        if shape_name is not None:
            shape = shapes[shape_name]
            payload = shape.get("payload")
            for member, ref in shape.get("members", {}).items():
                if "location" in ref:
                    placed[member] = [ref["location"], ref.get("locationName", member)]
        forms[name] = {
            "method": http.get("method", "POST").upper(),
            "requestUri": http.get("requestUri", "/"),
            "input": dict(sorted(placed.items())),
            "payload": payload,
        }
    return forms


def route_of(form: Form) -> tuple[str, str]:
    return form["method"], form["requestUri"]


def same_form(a: Form, b: Form) -> bool:
    """Same route, payload, and place for every member both have."""
    shared = a["input"].keys() & b["input"].keys()
    return (
        route_of(a) == route_of(b)
        and a["payload"] == b["payload"]
        and all(a["input"][m] == b["input"][m] for m in shared)
    )


# -- sampling ----------------------------------------------------------------------------------


class Survey:
    """The forms of every checked release, fetched on demand."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self.forms: dict[Version, dict[str, dict[str, Form]]] = {}

    def of(self, version: Version) -> dict[str, dict[str, Form]]:
        if version not in self.forms:
            models = models_of(version, self.cache)
            self.forms[version] = {svc: forms_of(models[svc]) for svc in SERVICES}
        return self.forms[version]

    def differ(self, a: Version, b: Version) -> bool:
        """Whether an operation present in both releases travels differently (a member
        added in the newer release is not a new form)."""
        fa, fb = self.of(a), self.of(b)
        return any(
            not same_form(fa[svc][op], fb[svc][op])
            for svc in SERVICES
            for op in fa[svc].keys() & fb[svc].keys()
        )

    def bisect(self, releases: list[Version], lo: int, hi: int) -> None:
        """Check releases between ``lo`` and ``hi`` (indices) until every change has two
        neighbouring releases on either side of it."""
        if hi - lo <= 1 or not self.differ(releases[lo], releases[hi]):
            return
        mid = (lo + hi) // 2
        self.of(releases[mid])
        self.bisect(releases, lo, mid)
        self.bisect(releases, mid, hi)


def default_samples(releases: list[Version], floor: Version) -> list[Version]:
    allowed = [v for v in releases if v >= floor]
    last_of_minor: dict[Version, Version] = {}
    for v in allowed:
        last_of_minor[v[:2]] = v
    return sorted({allowed[0], *last_of_minor.values(), allowed[-1]})


# -- the table ---------------------------------------------------------------------------------


def table(survey: Survey) -> dict[str, Any]:
    checked = sorted(survey.forms)
    services: dict[str, Any] = {}
    for svc in SERVICES:
        seen: dict[str, list[tuple[Form, list[Version]]]] = {}
        for version in checked:
            for op, form in survey.forms[version][svc].items():
                entries = seen.setdefault(op, [])
                for known, versions in entries:
                    if same_form(known, form):
                        # one form: members any release sent in it, in the place it sent them
                        known["input"] = dict(sorted({**known["input"], **form["input"]}.items()))
                        versions.append(version)
                        break
                else:
                    entries.append(({**form, "input": dict(form["input"])}, [version]))
        services[svc] = {
            op: [
                {**form, "botocore": [show(versions[0]), show(versions[-1])]}
                for form, versions in entries
            ]
            for op, entries in sorted(seen.items())
            if len(entries) > 1
        }
    return {
        "about": (
            "Every form (HTTP method, request path, where input members travel) in which the "
            "checked botocore releases send each SES operation that changed between them; "
            "'botocore' is the first and last checked release that sent the form. Written by "
            "tools/gen_route_forms.py; do not edit."
        ),
        "botocore_checked": [show(v) for v in checked],
        "services": services,
    }


def render(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=1) + "\n"


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--versions", nargs="+", help="check exactly these releases")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="models kept here")
    parser.add_argument("--check", action="store_true", help="exit 1 if the table differs")
    parser.add_argument("--out", type=Path, default=TABLE)
    args = parser.parse_args(None if argv is None else list(argv))

    survey = Survey(args.cache)
    if args.versions:
        for text in args.versions:
            survey.of(parse_version(text))
    else:
        releases = [v for v in released_versions() if v >= floor_version()]
        samples = default_samples(releases, floor_version())
        for version in samples:
            survey.of(version)
        index = {v: i for i, v in enumerate(releases)}
        for a, b in itertools.pairwise(samples):
            survey.bisect(releases, index[a], index[b])
    text = render(table(survey))
    if args.check:
        current = args.out.read_text() if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date: run tools/gen_route_forms.py", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text)
    changed = sum(len(ops) for ops in json.loads(text)["services"].values())
    print(
        f"wrote {args.out}: {changed} operations with more than one form, "
        f"{len(survey.forms)} releases checked"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
