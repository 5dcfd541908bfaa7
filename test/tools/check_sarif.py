#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Checks a SARIF log against the shapes GitHub code scanning requires.

Prints one line per result ("RESULT rule file:line") and "SARIF OK" at the
end, or "SARIF ERROR: ..." lines and exits 1. Test-only tool.
"""
import json
import sys


def fail(errors, msg):
    errors.append(msg)


def check_location(errors, where, loc, need_message=False):
    phys = loc.get("physicalLocation")
    if not isinstance(phys, dict):
        return fail(errors, f"{where}: no physicalLocation")
    art = phys.get("artifactLocation", {})
    uri = art.get("uri")
    if not isinstance(uri, str) or not uri:
        fail(errors, f"{where}: no artifactLocation.uri")
    elif art.get("uriBaseId") != "%SRCROOT%" and not uri.startswith("file:///"):
        fail(errors, f"{where}: relative uri {uri!r} without uriBaseId")
    region = phys.get("region", {})
    if not isinstance(region.get("startLine"), int) or region["startLine"] < 1:
        fail(errors, f"{where}: region.startLine must be a positive integer")
    if need_message and not loc.get("message", {}).get("text"):
        fail(errors, f"{where}: a code flow location needs message.text")
    return f"{uri}:{region.get('startLine')}"


def main(path):
    errors = []
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    if log.get("version") != "2.1.0":
        fail(errors, "version must be 2.1.0")
    if "$schema" not in log:
        fail(errors, "no $schema")
    runs = log.get("runs")
    if not isinstance(runs, list) or len(runs) != 1:
        fail(errors, "exactly one run expected")
        runs = []
    lines = []
    for run in runs:
        driver = run.get("tool", {}).get("driver", {})
        if not driver.get("name"):
            fail(errors, "tool.driver.name missing")
        rules = driver.get("rules", [])
        ids = [r.get("id") for r in rules]
        for r in rules:
            for key in ("id", "shortDescription", "fullDescription", "help", "helpUri"):
                if key not in r:
                    fail(errors, f"rule {r.get('id')}: no {key}")
            if not r.get("help", {}).get("text"):
                fail(errors, f"rule {r.get('id')}: help.text is empty")
        bases = run.get("originalUriBaseIds", {})
        if "%SRCROOT%" not in bases:
            fail(errors, "originalUriBaseIds has no %SRCROOT%")
        for i, res in enumerate(run.get("results", [])):
            where = f"result {i}"
            rule = res.get("ruleId")
            if rule not in ids:
                fail(errors, f"{where}: ruleId {rule!r} is not among the rules")
            elif res.get("ruleIndex") != ids.index(rule):
                fail(errors, f"{where}: ruleIndex does not match ruleId")
            if not res.get("message", {}).get("text"):
                fail(errors, f"{where}: no message.text")
            locs = res.get("locations", [])
            if not locs:
                fail(errors, f"{where}: no locations")
                continue
            at = check_location(errors, where, locs[0])
            steps = 0
            for flow in res.get("codeFlows", []):
                for thread in flow.get("threadFlows", []):
                    for j, tl in enumerate(thread.get("locations", [])):
                        check_location(errors, f"{where} step {j}", tl.get("location", {}), True)
                        steps += 1
            lines.append(f"RESULT {rule} {at} steps={steps}")
    for line in lines:
        print(line)
    if errors:
        for e in errors:
            print("SARIF ERROR:", e)
        return 1
    print("SARIF OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
