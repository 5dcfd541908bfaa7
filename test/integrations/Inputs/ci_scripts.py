"""ci_scripts.py CI.MD step NAME | recipe: prints a script of docs/integrations/ci.md.

  step NAME  the `run: |` script of the workflow step "- name: NAME", dedented
  recipe     the ```sh block of the section "## Any other CI"

Exits 1 when the page has no such script, so that a test runs what the page shows.
"""
import sys


def step(lines, name):
    for i, line in enumerate(lines):
        if line.strip() == "- name: " + name:
            indent = len(line) - len(line.lstrip()) + 2
            for j in range(i + 1, len(lines)):
                if lines[j].strip() == "run: |":
                    body = []
                    for k in range(j + 1, len(lines)):
                        text = lines[k]
                        if text.strip() and len(text) - len(text.lstrip()) <= indent:
                            break
                        body.append(text)
                    width = min(len(b) - len(b.lstrip()) for b in body if b.strip())
                    return [b[width:] for b in body]
    return None


def recipe(lines):
    for i, line in enumerate(lines):
        if line.startswith("## Any other CI"):
            for j in range(i + 1, len(lines)):
                if lines[j] == "```sh":
                    body = []
                    for text in lines[j + 1:]:
                        if text == "```":
                            return body
                        body.append(text)
    return None


def main():
    lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
    script = step(lines, sys.argv[3]) if sys.argv[2] == "step" else recipe(lines)
    if not script:
        sys.stderr.write("ci_scripts.py: no such script in %s\n" % sys.argv[1])
        return 1
    print("\n".join(script))
    return 0


if __name__ == "__main__":
    sys.exit(main())
