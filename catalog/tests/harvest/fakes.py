"""A fake CKAN Action API (in memory, or served over HTTP on 127.0.0.1) for harvest tests."""

from __future__ import annotations

import json
import re
import threading
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from core.http import FetchResult

RANGE = re.compile(r"metadata_modified:\[(\S+) TO \*\]")
ORG = re.compile(r'organization:"([^"]+)"')


def package(name, *, title=None, modified="2024-05-01T00:00:00", org="remote-city",
            resources=None, **extra):
    """A CKAN package dict as CKAN 2.10 returns it (naive UTC timestamps)."""
    pid = extra.pop("id", str(uuid.uuid5(uuid.NAMESPACE_URL, name)))
    return {
        "id": pid, "name": name, "title": title or f"{name} の一覧", "notes": "説明",
        "license_id": "cc-by-4.0", "license_url": "", "maintainer": "", "maintainer_email": "",
        "metadata_modified": modified, "organization": {"name": org},
        "tags": [{"name": "公園"}], "groups": [], "extras": [], "private": False,
        "resources": resources if resources is not None else [
            {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, name + "/r1")), "name": "一覧",
             "url": f"https://opendata.example.jp/{name}.csv", "format": "CSV",
             "description": ""},
        ],
        **extra,
    }


class FakeCkan:
    """Answers package_search and package_show like CKAN; records every call."""

    def __init__(self, packages=()):
        self.packages = {p["id"]: p for p in packages}
        self.calls: list[tuple[str, dict]] = []
        self.count_drift = 0  # added to 'count' after the first page (a source changing)
        self.honour_fl = True  # Kanmin ignores 'fl' and always answers whole packages

    def add(self, pkg):
        self.packages[pkg["id"]] = pkg

    def remove(self, name):
        self.packages = {k: v for k, v in self.packages.items() if v["name"] != name}

    def answer(self, action: str, params: dict) -> tuple[int, dict]:
        self.calls.append((action, params))
        if action == "package_show":
            found = self.packages.get(params.get("id"))
            if found is None:
                return 404, {"success": False, "error": {"message": "Not found"}}
            return 200, {"success": True, "result": found}
        if action != "package_search":
            return 400, {"success": False, "error": {"message": "unknown action"}}
        items = sorted(self.packages.values(), key=lambda p: p["id"])
        fq = params.get("fq", "")
        since = RANGE.search(fq)
        if since:
            moment = datetime.fromisoformat(since.group(1).replace("Z", "+00:00"))
            items = [p for p in items if datetime.fromisoformat(p["metadata_modified"])
                     .replace(tzinfo=UTC) >= moment]
        org = ORG.search(fq)
        if org:
            items = [p for p in items if p["organization"]["name"] == org.group(1)]
        start, rows = int(params.get("start", 0)), int(params.get("rows", 10))
        count = len(items) + (self.count_drift if start else 0)
        page = items[start:start + rows]
        if params.get("fl") and self.honour_fl:
            fields = params["fl"].split(",")
            page = [{k: p[k] for k in fields} for p in page]
        return 200, {"success": True, "result": {"count": count, "results": page}}

    def fetch(self, url, *, params=None, max_bytes, accept=None, **kwargs):
        """Stands in for core.http.fetch."""
        action = urlsplit(url).path.rsplit("/", 1)[-1]
        status, body = self.answer(action, {k: str(v) for k, v in (params or {}).items()})
        return FetchResult(status=status, headers={"content-type": "application/json"},
                           body=json.dumps(body).encode(), final_url=url)

    def calls_of(self, action):
        return [params for name, params in self.calls if name == action]


class Served:
    """Serve a FakeCkan (or static files) over HTTP on 127.0.0.1 in a thread."""

    def __init__(self, ckan: FakeCkan | None = None, files: dict | None = None):
        self.ckan = ckan
        self.files = files if files is not None else {}  # path -> (content type, bytes)
        served = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                parts = urlsplit(self.path)
                if parts.path.startswith("/api/3/action/") and served.ckan is not None:
                    params = {k: v[0] for k, v in parse_qs(parts.query).items()}
                    status, body = served.ckan.answer(parts.path.rsplit("/", 1)[-1], params)
                    payload, ctype = json.dumps(body).encode(), "application/json"
                else:
                    found = served.files.get(self.path) or served.files.get(parts.path)
                    status, (ctype, payload) = (200, found) if found else (404, ("text/plain",
                                                                               b"missing"))
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
