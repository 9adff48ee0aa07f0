#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Hostile names through the kill matrix reports: every format must still parse, and each
name must come back as the writers document it (api/text_escape.h).

  check_reports.py matrix NAMES DIR SCHEMA HOSTILE_REPORTS
      a matrix whose every text is a hostile name (cli/tests/hostile_reports.cc)
  check_reports.py gate NAMES DIR SCHEMA STORED_JUNIT SPLICECHECK
      `splicecheck gate` on a copy of the stored CTest results with hostile test names
      and failure messages added

JSON: strict UTF-8, parses, validates against the schema, each name exactly as given
(ill-formed UTF-8 as U+FFFD, one per maximal ill-formed subsequence, like Python's
decode("utf-8", "replace")). SARIF: parses, has the structure SARIF 2.1.0 requires
(Debian ships no SARIF schema). JUnit: parses as XML 1.0 (expat; Debian ships no JUnit
XSD), counts agree; HTML: tags and attributes from a fixed set only (no script, no
handler), balanced; both give each name back with the characters XML cannot hold as
U+FFFD. Markdown: every table row has its header's number of cells, nothing opens HTML,
each name comes back with tab, LF and CR as spaces.
Exit 0 all good, 1 a check failed (each printed), 2 bad usage, 77 no python3-jsonschema.
"""
import html.parser
import json
import pathlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

FAILURES = []


def check(ok, what):
    if not ok:
        FAILURES.append(what)
    return ok


def done(path, what):
    """Says what was shown of a file, unless one of its checks failed."""
    if not any(f.startswith(str(path)) for f in FAILURES):
        print(f"ok: {path}: {what}")


def read_names(path):
    """Names as bytes: one a line, \\xHH a byte, \\\\ a backslash, # comments."""
    names = []
    for line in pathlib.Path(path).read_bytes().split(b"\n"):
        if not line or line.startswith(b"#"):
            continue
        names.append(re.sub(rb"\\\\|\\x([0-9a-fA-F]{2})",
                            lambda m: bytes([int(m.group(1), 16)]) if m.group(1) else b"\\", line))
    return names


# --- what each format must give back --------------------------------------------------

def as_json(name):
    return name.decode("utf-8", "replace")


def is_control(c):
    o = ord(c)
    return (o < 0x20 and c not in "\t\n\r") or 0x7F <= o <= 0x9F or o in (0xFFFE, 0xFFFF)


def as_xml(name):
    return "".join("\ufffd" if is_control(c) else c for c in as_json(name))


def as_markdown(name):
    return re.sub("[\t\n\r]", " ", as_xml(name))


def utf8(path):
    data = pathlib.Path(path).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        check(False, f"{path}: not UTF-8: {e}")
        return data.decode("utf-8", "replace")


def expect_all(path, found, wanted):
    """Each wanted text is inside one of the texts found."""
    for w in wanted:
        check(any(w in f for f in found), f"{path}: {w!r} does not come back")


# --- JSON -------------------------------------------------------------------------------

def strings_of(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from strings_of(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings_of(v)


def load_json(path):
    try:
        return json.loads(utf8(path))
    except json.JSONDecodeError as e:
        check(False, f"{path}: not JSON: {e}")
        return None


def check_json(path, schema, wanted, row_ids=None):
    doc = load_json(path)
    if doc is None:
        return
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=str)
    for e in errors[:5]:
        check(False, f"{path}: schema: {e.message} at {list(e.absolute_path)}")
    expect_all(path, list(strings_of(doc)), wanted)
    if row_ids is not None:
        check([r["id"] for r in doc["rows"]] == row_ids, f"{path}: row ids are not the names, in order")
    done(path, f"JSON, schema valid, {len(wanted)} names back")


# --- SARIF 2.1.0: what the specification requires of what we write ----------------------

def check_sarif(path, wanted, rule_ids=None):
    doc = load_json(path)
    if doc is None:
        return
    check(doc.get("version") == "2.1.0", f"{path}: version is not 2.1.0")
    check(isinstance(doc.get("$schema"), str), f"{path}: no $schema")
    runs = doc.get("runs")
    if not check(isinstance(runs, list) and runs, f"{path}: no runs"):
        return
    for run in runs:
        driver = run.get("tool", {}).get("driver", {})
        check(isinstance(driver.get("name"), str), f"{path}: run.tool.driver.name missing")
        for rule in driver.get("rules", []):
            check(isinstance(rule.get("id"), str), f"{path}: a rule without id")
            check(isinstance(rule.get("shortDescription", {}).get("text", ""), str), f"{path}: bad shortDescription")
        for result in run.get("results", []):
            check(isinstance(result.get("message", {}).get("text"), str), f"{path}: a result without message.text")
            check(isinstance(result.get("ruleId", ""), str), f"{path}: ruleId is not a string")
            check(result.get("level", "warning") in ("none", "note", "warning", "error"), f"{path}: bad level")
            for loc in result.get("locations", []):
                for logical in loc.get("logicalLocations", []):
                    check(isinstance(logical.get("name"), str), f"{path}: a logicalLocation without name")
        if rule_ids is not None:
            check([r["id"] for r in driver.get("rules", [])] == rule_ids, f"{path}: rule ids are not the names")
    expect_all(path, list(strings_of(doc)), wanted)
    done(path, f"SARIF 2.1.0 structure, {len(wanted)} names back")


# --- JUnit ------------------------------------------------------------------------------

def check_junit(path, wanted, case_names=None):
    try:
        root = ET.fromstring(pathlib.Path(path).read_bytes())
    except ET.ParseError as e:
        check(False, f"{path}: not XML: {e}")
        return
    check(root.tag == "testsuites", f"{path}: root is {root.tag}, not testsuites")
    cases = root.findall("./testsuite/testcase")
    for suite in [root] + root.findall("testsuite"):
        counts = {"tests": len(cases), "failures": len(root.findall("./testsuite/testcase/failure")),
                  "skipped": len(root.findall("./testsuite/testcase/skipped"))}
        for key, n in counts.items():
            check(suite.get(key) == str(n), f"{path}: {suite.tag} {key}={suite.get(key)}, has {n}")
    for case in cases:
        check(case.get("name") is not None and case.get("classname") is not None, f"{path}: testcase without names")
        check(re.fullmatch(r"[0-9]+\.[0-9]{3}", case.get("time", "")) is not None, f"{path}: bad time")
    texts = [v for e in root.iter() for v in list(e.attrib.values()) + [e.text or ""]]
    expect_all(path, texts, wanted)
    if case_names is not None:
        expect_all(path, [c.get("name") for c in cases], case_names)
    done(path, f"XML, counts agree, {len(wanted)} names back")


# --- HTML -------------------------------------------------------------------------------

TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "b", "div", "span", "table", "thead",
        "tbody", "tr", "th", "td", "small", "ul", "li", "svg", "rect", "text", "line"}
VOID = {"meta"}
ATTRIBUTES = {"lang", "charset", "class", "id", "title", "colspan", "data-row", "data-detector", "data-status",
              "data-clean", "data-clean-of", "xmlns", "width", "height", "viewbox", "x", "y", "x1", "x2", "y1", "y2",
              "fill", "fill-opacity", "text-anchor"}


class Page(html.parser.HTMLParser):
    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path, self.open, self.texts = path, [], []

    def handle_starttag(self, tag, attrs):
        self.tag(tag, attrs)
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tag(tag, attrs)

    def tag(self, tag, attrs):
        check(tag in TAGS, f"{self.path}: a <{tag}> the page does not write")
        for name, value in attrs:
            check(name in ATTRIBUTES, f"{self.path}: attribute {name} on <{tag}>")
            self.texts.append(value or "")

    def handle_endtag(self, tag):
        check(self.open and self.open[-1] == tag, f"{self.path}: </{tag}> closes {self.open[-1:]}")
        if self.open:
            self.open.pop()

    def handle_data(self, data):
        self.texts.append(data)


def check_html(path, wanted, data_rows=None):
    page = Page(path)
    page.feed(utf8(path))
    page.close()
    check(not page.open, f"{path}: left open: {page.open}")
    expect_all(path, page.texts, wanted)
    if data_rows is not None:
        expect_all(path, page.texts, data_rows)
    done(path, f"tags and attributes of the page only, balanced, {len(wanted)} names back")


# --- Markdown ---------------------------------------------------------------------------

UNESCAPE = re.compile(r"\\([|\\`])|&lt;|&amp;")


def cells(line):
    """A table line's cells, unescaped: split at the pipes no backslash escapes."""
    parts = re.split(r"(?<!\\)((?:\\\\)*)\|", line)
    out, cell = [], ""
    for i, part in enumerate(parts):
        if i % 2:
            out.append(cell + part)
            cell = ""
        else:
            cell += part
    out.append(cell)
    return [UNESCAPE.sub(lambda m: m.group(1) or {"&lt;": "<", "&amp;": "&"}[m.group(0)], c) for c in out]


def check_markdown(path, wanted):
    text = utf8(path)
    check(not any(is_control(c) or c in "\t\r" for c in text), f"{path}: a control character")
    check(not re.search(r"<[A-Za-z/!?]", text), f"{path}: something opens HTML")
    texts, width = [], None
    for line in text.split("\n"):
        if not line.startswith("|"):
            width = None
            texts.append(UNESCAPE.sub(lambda m: m.group(1) or {"&lt;": "<", "&amp;": "&"}[m.group(0)], line))
            continue
        row = cells(line)
        width = width or len(row)
        check(len(row) == width, f"{path}: a row of {len(row) - 2} cells under a header of {width - 2}: {line[:80]}")
        texts.extend(row)
    expect_all(path, texts, wanted)
    done(path, f"tables keep their cells, nothing opens HTML, {len(wanted)} names back")


# --- the two runs -----------------------------------------------------------------------

def run_matrix(names_path, out, schema, program):
    names = read_names(names_path)
    subprocess.run([program, names_path, str(out)], check=True)
    check_json(out / "report.json", schema, [as_json(n) for n in names], [as_json(n) for n in names])
    check_sarif(out / "report.sarif", [as_json(n) for n in names], [as_json(n) for n in names])
    check_junit(out / "report.xml", [as_xml(n) for n in names], [as_xml(n) for n in names])
    check_html(out / "report.html", [as_xml(n) for n in names])
    check_markdown(out / "report.md", [as_markdown(n) for n in names])


def xml_attribute(name):
    """As a careless writer might: entities for markup, raw control and ill-formed bytes."""
    for raw, ref in ((b"&", b"&amp;"), (b"<", b"&lt;"), (b">", b"&gt;"), (b'"', b"&quot;"), (b"'", b"&apos;"),
                     (b"\n", b"&#10;"), (b"\r", b"&#13;"), (b"\t", b"&#x9;")):
        name = name.replace(raw, ref)
    return name


def hostile_results(names, stored):
    """The stored CTest results plus, per name, a failed splice profile test (a clean
    counterpart's false alarm) and a skipped tls one, each with the name as message."""
    xml = pathlib.Path(stored).read_bytes()
    xml = xml.replace(b'<failure message="Failed"/>',
                      b'<failure message="' + xml_attribute(names[0]) + b'">' + names[1] + b"</failure>")
    cases = b""
    for n in names:
        a = xml_attribute(n)
        cases += (b'\t<testcase name="cli.splice_profile.' + a + b'" classname="x" time="0.5" status="fail">\n'
                  b'\t\t<failure message="' + a + b'"/>\n\t</testcase>\n'
                  b'\t<testcase name="cli.tls_profile.' + a + b'" classname="x" time="0" status="notrun">\n'
                  b'\t\t<skipped message="' + a + b'"/>\n\t</testcase>\n')
    xml = xml.replace(b"</testsuite>", cases + b"</testsuite>")
    # The gate's reader holds tests="N" to the count of test cases, as CTest writes it.
    count = str(xml.count(b"<testcase ")).encode()
    return re.sub(rb'(<testsuite [^>]*?\btests=")\d+(")', rb"\g<1>" + count + rb"\g<2>", xml, count=1)


def run_gate(names_path, out, schema, stored, splicecheck):
    names = read_names(names_path)
    (out / "builds/default").mkdir(parents=True, exist_ok=True)
    (out / "builds/default/junit.xml").write_bytes(hostile_results(names, stored))
    files = {f: out / f"gate.{f}" for f in ("json", "md", "html", "sarif", "xml")}
    args = [splicecheck, "gate", "--builds", str(out / "builds"), "--json", files["json"], "--markdown", files["md"],
            "--html", files["html"], "--sarif", files["sarif"], "--junit", files["xml"]]
    gate = subprocess.run([str(a) for a in args], capture_output=True)
    check(gate.returncode == 1, f"gate exited {gate.returncode}, not 1: {gate.stderr[-400:]!r}")
    # A name across lines is no CTest test name the gate knows: it is left out.
    one_line = [n for n in names if b"\n" not in n and b"\r" not in n]
    splice = [b"cli.splice_profile." + n for n in one_line]
    tls = [b"cli.tls_profile." + n for n in one_line]
    check_json(files["json"], schema, [as_json(n) for n in splice + tls])
    check_sarif(files["sarif"], [])  # its results carry no test names
    check_junit(files["xml"], [as_xml(n) for n in splice + tls])
    check_html(files["html"], [as_xml(n) for n in splice + tls])
    check_markdown(files["md"], [as_markdown(n) for n in splice])  # skipped tests are no failures
    print(f"ok: gate exit 1; {len(one_line)} of {len(names)} names are one-line test names")


if __name__ == "__main__":
    modes = {"matrix": (run_matrix, 6), "gate": (run_gate, 7)}
    if len(sys.argv) < 2 or sys.argv[1] not in modes or len(sys.argv) != modes[sys.argv[1]][1]:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    try:
        import jsonschema
    except ImportError:
        print("python3-jsonschema is not installed: SKIPPED")
        sys.exit(77)
    out_dir = pathlib.Path(sys.argv[3])
    out_dir.mkdir(parents=True, exist_ok=True)
    schema = json.loads(pathlib.Path(sys.argv[4]).read_text())
    modes[sys.argv[1]][0](sys.argv[2], out_dir, schema, *sys.argv[5:])
    for f in FAILURES:
        print("FAILED:", f)
    sys.exit(1 if FAILURES else 0)
