"""sarif_uris.py LOG: prints the URIs of a SARIF log that point somewhere.

  SRCROOT <originalUriBaseIds %SRCROOT% uri>
  INFO <tool.driver.informationUri> (exists|missing)
  HELP <rule id> <helpUri> (exists|missing)
  RESULT <first location's uri> <uriBaseId or ->

"exists" says whether a file:// URI names a file or directory on this machine.
"""
import json
import os
import sys
import urllib.parse


def state(uri):
    if not uri.startswith("file://"):
        return "not-a-file-uri"
    path = urllib.parse.unquote(uri[len("file://"):])
    return "exists" if os.path.exists(path) else "missing"


def main(path):
    with open(path, encoding="utf-8") as f:
        run = json.load(f)["runs"][0]
    print("SRCROOT", run["originalUriBaseIds"]["%SRCROOT%"]["uri"])
    driver = run["tool"]["driver"]
    print("INFO", driver["informationUri"], state(driver["informationUri"]))
    for rule in driver["rules"]:
        print("HELP", rule["id"], rule["helpUri"], state(rule["helpUri"]))
    for result in run["results"]:
        art = result["locations"][0]["physicalLocation"]["artifactLocation"]
        print("RESULT", art["uri"], art.get("uriBaseId", "-"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
