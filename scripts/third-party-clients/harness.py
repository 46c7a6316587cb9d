"""What the checks share: the sandbox's address, one-line results, envelope checks, the harness's own reads.

Every client call goes through the client's own code (URL building, query encoding, bodies). The only
change made here is where PyWrike's hard-coded https://www.wrike.com/api/v4 points: at the sandbox.
"""
import contextlib
import datetime
import io
import json
import sys
import traceback

import requests

BASE, TOKEN = sys.argv[1].rstrip("/"), sys.argv[2]  # run.py is called with both
WRIKE = "https://www.wrike.com/api/v4"
TODAY = datetime.date.today().isoformat()
results = []

_request = requests.sessions.Session.request


def _to_sandbox(self, method, url, *args, **kwargs):
    if isinstance(url, str) and url.startswith(WRIKE):
        url = BASE + url[len(WRIKE):]
    return _request(self, method, url, *args, **kwargs)


requests.sessions.Session.request = _to_sandbox


class Failed(Exception):
    pass


def check(client, name, fn):
    """Runs one check; fn returns a short detail or raises. Output of chatty clients is kept for failures."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            detail = fn()
        results.append(True)
        shown = detail not in (None, True, False, "") and not isinstance(detail, (list, dict))
        print(f"ok   {client}: {name}" + (f" ({detail})" if shown else ""))
        return True
    except Exception as e:  # a client raising is a failed check, not the end of the run
        results.append(False)
        why = str(e) if isinstance(e, Failed) else traceback.format_exc(limit=2).strip().splitlines()[-1]
        printed = out.getvalue().strip().replace("\n", " | ")[-300:]
        print(f"FAIL {client}: {name}: {why}" + (f" [client printed: {printed}]" if printed else ""))
        return False


def ok(response, status=200):
    """A requests.Response with this status and a Wrike envelope; returns its data."""
    if response.status_code != status:
        raise Failed(f"HTTP {response.status_code}: {response.text[:200]}")
    body = response.json()
    if "kind" not in body or not isinstance(body.get("data"), list):
        raise Failed(f"not a Wrike envelope: {response.text[:200]}")
    return body["data"]


def envelope(body):
    """A client that returns parsed JSON: a Wrike envelope, not an error."""
    if not isinstance(body, dict) or "error" in body or not isinstance(body.get("data"), list):
        raise Failed(f"not a Wrike envelope: {json.dumps(body)[:200]}")
    return body["data"]


def expect(condition, message):
    if not condition:
        raise Failed(message)


def raw(method, path, **kwargs):
    """The harness's own read-back (not a client call)."""
    r = _request(requests.Session(), method, BASE + path, headers={"Authorization": f"bearer {TOKEN}"}, **kwargs)
    return ok(r)


def discover():
    """Ids the checks need, read by the harness."""
    me = raw("GET", "/contacts", params={"me": "true"})[0]
    space = raw("GET", "/spaces")[0]
    tree = raw("GET", f"/spaces/{space['id']}/folders")
    folder = next(e for e in tree[1:] if e.get("childIds") is not None)
    project = next((e for e in raw("GET", "/folders", params={"project": "true"})), None)
    tasks = raw("GET", f"/folders/{folder['id']}/tasks")
    group = next(c for c in raw("GET", "/contacts") if c.get("type") == "Group")
    category = raw("GET", "/timelog_categories")[0]
    field = raw("GET", "/customfields")[0]
    return {"me": me, "space": space, "folder": folder, "project": project, "task": tasks[0], "group": group,
            "category": category, "field": field}

