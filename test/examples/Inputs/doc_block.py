"""doc_block.py FILE COMMAND: prints the output shown under COMMAND in FILE.

The block is the fenced code block whose first line is "$ COMMAND"; the lines
after it, up to the closing fence, are printed as they are. Exits 1 when FILE
has no such block.
"""
import sys


def main():
    path, command = sys.argv[1], sys.argv[2]
    lines = open(path, encoding="utf-8").read().splitlines()
    for i, line in enumerate(lines):
        if line == "$ " + command and i > 0 and lines[i - 1].startswith("```"):
            for out in lines[i + 1:]:
                if out.startswith("```"):
                    return 0
                print(out)
            return 1
    sys.stderr.write("doc_block.py: no block '$ %s' in %s\n" % (command, path))
    return 1


if __name__ == "__main__":
    sys.exit(main())
