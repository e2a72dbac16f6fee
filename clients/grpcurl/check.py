#!/usr/bin/env python3
"""Drives grpcurl (server reflection, no .proto files) against a live saywho server, as a person
pasting the README's commands would, and asserts on what comes back. CI runs it:

    python clients/grpcurl/check.py --grpcurl grpcurl --target 127.0.0.1:50051

Checks: the services are listed and described (reflection v1alpha, which grpcurl 1.8.6 speaks),
ingest (CreateArticle), who-said (AttributeQuote), paging (ListArticles with page tokens), an
error's exit code (64 + the gRPC code) with its decoded BadRequest, and clean-up (DeleteArticle).
"""

import argparse
import json
import subprocess
import sys
import uuid


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grpcurl", default="grpcurl", help="the grpcurl binary")
    parser.add_argument("--target", default="127.0.0.1:50051", help="HOST:PORT of the server")
    args = parser.parse_args()

    def grpcurl(*argv, data=None, expect_exit=0):
        cmd = [args.grpcurl, "-plaintext", "-max-time", "10"]
        if data is not None:
            cmd += ["-d", json.dumps(data)]
        cmd += [args.target, *argv]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        if done.returncode != expect_exit:
            raise AssertionError(
                f"{' '.join(cmd)}: exit {done.returncode}, expected {expect_exit}\n{done.stdout}{done.stderr}"
            )
        return done

    def rpc(method, data):
        return json.loads(grpcurl(f"saywho.v1.{method}", data=data).stdout or "{}")

    def check(cond, what):
        if not cond:
            raise AssertionError(what)

    services = grpcurl("list").stdout.split()
    for want in ["saywho.v1.ArticleService", "saywho.v1.QuoteService", "saywho.v1.SpeakerService",
                 "saywho.v1.ClaimService", "grpc.health.v1.Health"]:
        check(want in services, f"{want} not listed: {services}")
    described = grpcurl("describe", "saywho.v1.QuoteService.AttributeQuote").stdout
    check("AttributeQuoteRequest" in described and "Who said" in described, f"describe: {described}")
    health = json.loads(grpcurl("grpc.health.v1.Health/Check").stdout)
    check(health.get("status") == "SERVING", f"health: {health}")
    print(f"ok  list/describe via reflection: {len(services)} services, commented; health SERVING")

    run = uuid.uuid4().hex[:8]
    outlet = f"grpcurl Post {run}"
    ids = [f"grpcurl-{run}-{i}" for i in range(3)]
    speech = "The ferry timetable will double in summer"
    texts = [
        f"\u201c{speech},\u201d transport minister Oskar Brandvold said on Tuesday.",
        f"Islanders cheered. \u201c{speech},\u201d said Oskar Brandvold.",
        "\u201cWe need more berths,\u201d harbour chief Ines Tallo said.",
    ]
    for article_id, text in zip(ids, texts):
        created = rpc("ArticleService/CreateArticle", {"article": {"text": text, "outlet": outlet}, "articleId": article_id})
        check(created["article"]["name"] == f"articles/{article_id}", f"create: {created}")
    print(f"ok  CreateArticle x{len(ids)}")

    who = rpc("QuoteService/AttributeQuote", {"text": "the ferry timetable will double in summer"})
    candidates = who.get("candidates", [])
    check(candidates, f"AttributeQuote found nobody: {who}")
    top = candidates[0]
    check("Brandvold" in top.get("speaker", {}).get("displayName", ""), f"top candidate: {top}")
    check(outlet in top.get("outlets", []), f"outlets: {top.get('outlets')}")
    print(f"ok  AttributeQuote: {top['speaker']['displayName']}")

    names, token, pages = [], "", 0
    while True:
        page = rpc("ArticleService/ListArticles", {"pageSize": 2, "pageToken": token, "outlet": outlet})
        names += [a["name"] for a in page.get("articles", [])]
        pages += 1
        token = page.get("nextPageToken", "")
        if not token:
            break
        check(pages < 100, "paging does not end")
    check(names == [f"articles/{i}" for i in sorted(ids)], f"paged names: {names}")
    check(pages == 2, f"{pages} pages for 3 articles of 2 per page")
    print(f"ok  ListArticles: {len(names)} articles over {pages} pages")

    failed = grpcurl("saywho.v1.ArticleService/GetArticle", data={"name": "nope"}, expect_exit=64 + 3)
    check("InvalidArgument" in failed.stderr, f"stderr: {failed.stderr}")
    check("google.rpc.BadRequest" in failed.stderr and '"name"' in failed.stderr,
          f"BadRequest not decoded: {failed.stderr}")
    grpcurl("saywho.v1.ArticleService/GetArticle", data={"name": f"articles/{ids[0]}-x"}, expect_exit=64 + 5)
    print("ok  errors: INVALID_ARGUMENT exit 67 with decoded BadRequest, NOT_FOUND exit 69")

    for article_id in ids:
        deleted = rpc("ArticleService/DeleteArticle", {"name": f"articles/{article_id}"})
        check(deleted.get("deleted") is True, f"delete: {deleted}")
    print("ok  DeleteArticle")
    print("grpcurl: all checks passed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as err:
        print(f"FAILED: {err}", file=sys.stderr)
        sys.exit(1)
