#!/usr/bin/env python3
"""A kg HTTP client using only the Python standard library.

    $ python3 docs/examples/client.py --url http://127.0.0.1:7474 \
        'MATCH (n:Company {name: $name})-[:COMPETES_WITH]-(c) RETURN DISTINCT c.name AS rival ORDER BY rival' \
        --param name='"NVIDIA"'
    {"columns": ["rival"], "rows": [["AMD"], ["Amazon"], ["Chinese manufacturers"], ["Google"], ["Huawei"], ["Qualcomm"]]}

(on the bundled dataset, data/seed).

Prints the server's JSON result ({"columns": [...], "rows": [...]}) on
stdout; on an error prints the server's error object on stderr and exits 1.
A token (for writes, or reads on an --auth-reads server) comes from
--token or the KG_TOKEN environment variable.
"""
import argparse
import json
import os
import sys
import urllib.error
import urllib.request


def query(url, text, params=None, token=None, timeout=60):
    """Runs one statement; returns the decoded result or raises KgError."""
    body = json.dumps({"query": text, "params": params or {}}).encode("utf-8")
    request = urllib.request.Request(url.rstrip("/") + "/v1/query", data=body, method="POST")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)
    except urllib.error.HTTPError as e:
        payload = e.read().decode("utf-8", "replace")
        try:
            error = json.loads(payload)["error"]
        except (ValueError, KeyError, TypeError):
            error = {"code": "HttpError", "message": payload}
        raise KgError(e.code, error) from None


class KgError(Exception):
    def __init__(self, status, error):
        super().__init__("%s (HTTP %d): %s" % (error.get("code"), status, error.get("message")))
        self.status = status
        self.error = error


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("query")
    parser.add_argument("--url", default="http://127.0.0.1:7474")
    parser.add_argument("--param", action="append", default=[], help="name=JSON")
    parser.add_argument("--token", default=os.environ.get("KG_TOKEN"))
    args = parser.parse_args()
    params = {}
    for spec in args.param:
        name, _, value = spec.partition("=")
        params[name] = json.loads(value)
    try:
        result = query(args.url, args.query, params, args.token)
    except KgError as e:
        json.dump({"status": e.status, "error": e.error}, sys.stderr)
        sys.stderr.write("\n")
        return 1
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
