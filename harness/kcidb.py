#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The last "make check" run as a KCIDB v5.3 document (build/kcidb.json).

  kcidb.py [--logs DIR] [-o FILE]   write the document from DIR (build/logs),
                                    validate it, cross-check its test count
  kcidb.py validate FILE            schema (harness/kcidb-v5.schema.json) and
                                    references: exit 1 with the reasons
  kcidb.py list FILE                one line per test: BUILD PATH STATUS

What goes in (only what the stages of the last run, build/logs/times.txt,
produced):
  checkout  the base (Debian package version, upstream tag) + the queue the
            run started with (build/logs/series.sha256) as its patchset
  builds    x86_64 (vm), uml (kunit), x86_64-base (abi), bisect-NN (one per
            bisect step), and "source": KCIDB hangs every test on a build, and
            the stages that compile no kernel (selftest, roundtrip,
            checkpatch, static, kernel-doc, coccicheck) hang on that one
  tests     one per KUnit case (UML and the VM's boot), per kselftest case,
            per smoke case (the VM and the base kernel of abi), the splat and
            kmemleak verdicts (verdict.splat, verdict.kmemleak), and one per
            stage (check.NAME). The kcidb stage is not in its own document:
            it writes it, and make check's exit carries its verdict.
A TAP test with cases is reported through its cases; it gets a test of its
own only when its result says more than they do (a kselftest that timed out
after its cases passed, a suite cut short by a crash): "unfinished" in the
count. The count is checked term by term against the logs counted another
way; a mismatch fails, unless a stage whose results it counts failed (then
it is a note: a crashed guest leaves output the two ways read differently).

KCIDB_ORIGIN (default "ddattach") names the origin; KCIDB_LOGS_URL and
KCIDB_PATCHES_URL are where a lab publishes build/logs and series/ (file://
URLs of this checkout by default). The base is a Debian source package, not a
git commit: KCIDB_GIT_URL and KCIDB_GIT_COMMIT name the upstream commit a lab
files it under (linux-stable's tag of the same version), if it wants one.
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timezone

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = os.path.join(TOP, "harness", "kcidb-v5.schema.json")
ORIGIN = os.environ.get("KCIDB_ORIGIN", "ddattach")
VERSION = {"major": 5, "minor": 3}
# the stages and the build each one's test hangs on (others: "source")
STAGE_BUILD = {"kunit": "uml", "vm": "x86_64", "abi": "x86_64-base"}
VM_ENV = {"comment": "QEMU q35 (TCG), 2 vCPUs, 2 GiB, intel-iommu, edu, "
                     "ipmi-bmc-sim, qemu-xhci + usb-net"}
UML_ENV = {"comment": "User-Mode Linux (kunit.py run)"}


def read(path, default=None):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return default


def iso(ts):
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def component(name):
    """A KCIDB path component: [A-Za-z0-9_-]+."""
    c = re.sub(r"[^A-Za-z0-9_-]+", "_", name).strip("_")
    return (c or "unnamed")[:100]


# --- TAP / KTAP --------------------------------------------------------------
# One parser for KUnit (nesting by four spaces) and kselftest (nesting by a
# "# " prefix per level, as run_kselftest.sh wraps each program's output).

STAMP = re.compile(r"^\[\s*\d+\.\d+\] ?(\[\s*[TC]\d+\] ?)?")
RESULT = re.compile(r"^(not ok|ok)\b\s*(\d+)?\s*(?:- )?(.*)$")
PLAN = re.compile(r"^1\.\.(\d+)")
VERSION_LINE = re.compile(r"^K?TAP version \d+")


class Node:
    def __init__(self, name, ok, directive, children, plan):
        self.name, self.ok, self.directive = name, ok, directive
        self.children, self.plan = children, plan
        self.unfinished = False


def status_of(ok, directive):
    d = (directive or "").strip()
    du = d.upper()
    if du.startswith("SKIP"):
        return "SKIP"
    if du.startswith("TIMEOUT"):
        return "ERROR"
    if ok:
        return "PASS"
    if du.startswith("TODO"):
        return "SKIP"
    # run_kselftest.sh: exit=1 is the program's own failure, 4 a skip,
    # anything else (a signal, the runner's timeout) not a verdict
    m = re.match(r"exit=(\d+)", d)
    if m and m.group(1) != "1":
        return "SKIP" if m.group(1) == "4" else "ERROR"
    return "FAIL"


def tap_line(raw):
    """(depth, kind, payload): kind is result, plan, version, diag or None."""
    line = STAMP.sub("", raw.rstrip("\r\n"))
    spaces = len(line) - len(line.lstrip(" "))
    rest = line[spaces:]
    hashes = 0
    while rest.startswith("# ") or rest == "#":
        inner = rest[2:]
        if RESULT.match(inner) or PLAN.match(inner) or VERSION_LINE.match(inner) \
                or inner.startswith("# ") or inner == "#":
            hashes += 1
            rest = inner
        else:
            break
    depth = spaces // 4 + hashes
    if RESULT.match(rest):
        return depth, "result", rest
    if PLAN.match(rest):
        return depth, "plan", rest
    if VERSION_LINE.match(rest):
        return depth, "version", rest
    if rest.startswith("#"):
        return depth, "diag", rest.lstrip("# ").rstrip()
    return depth, None, rest


def parse_tap(lines):
    """The top-level tests of a TAP/KTAP text, each a Node tree."""
    pending = {}     # depth -> finished nodes waiting for their parent
    plans = {}       # depth -> plan of the node being built at that depth
    names = {}       # depth -> announced name of the node being built there

    def drop_below(d):
        for k in [k for k in pending if k > d]:
            del pending[k]
        for k in [k for k in plans if k > d]:
            del plans[k]
        for k in [k for k in names if k > d]:
            del names[k]

    def unfinished(d):
        """The node announced at depth D ends without its result line."""
        node = Node(names.pop(d, "unfinished"), False, "no result",
                    pending.pop(d + 1, []), plans.pop(d + 1, None))
        node.unfinished = True
        drop_below(d)
        pending.setdefault(d, []).append(node)

    for raw in lines:
        depth, kind, text = tap_line(raw)
        if kind == "result":
            m = RESULT.match(text)
            name, _, directive = m.group(3).partition(" # ")
            if not directive and name.startswith("# "):
                name, directive = "", name[2:]
            node = Node(name.strip(), m.group(1) == "ok", directive.strip(),
                        pending.pop(depth + 1, []), plans.pop(depth + 1, None))
            names.pop(depth, None)
            drop_below(depth)
            pending.setdefault(depth, []).append(node)
        elif kind == "plan":
            plans[depth] = int(PLAN.match(text).group(1))
        elif kind == "diag":
            m = re.match(r"Subtest: (.+)", text)
            if m and depth >= 1:
                names[depth - 1] = m.group(1).strip()
            m = re.match(r"selftests: (.+)", text)
            if m:
                if depth in names:      # the previous program never reported
                    unfinished(depth)
                names[depth] = "selftests: " + m.group(1).strip()
    # nodes a crash or a timeout left without their result line
    for d in sorted(set(k - 1 for k in pending if k > 0) | set(names), reverse=True):
        unfinished(d)
    return pending.get(0, [])


def emit_tree(nodes, prefix, out, seen):
    """(path, status, name, unfinished, directive) of each case: the leaves,
    plus a node whose own result is worse than its cases'."""
    for n in nodes:
        path = prefix + [component(n.name)]
        key = ".".join(path)
        i = 2
        while key in seen:
            key = ".".join(path[:-1] + ["%s-%d" % (path[-1], i)])
            i += 1
        seen.add(key)
        st = "ERROR" if n.unfinished else status_of(n.ok, n.directive)
        if not n.children:
            out.append((key, st, n.name, n.unfinished, n.directive))
            continue
        emit_tree(n.children, key.split("."), out, seen)
        sub = [s for (p, s, *_rest) in out if p.startswith(key + ".")]
        short = n.plan is not None and n.plan > len(n.children)
        if (st in ("FAIL", "ERROR") and not {"FAIL", "ERROR"} & set(sub)) or short:
            d = [n.directive] if n.directive else []
            if short:
                d.append("%d of %d cases reported" % (len(n.children), n.plan))
            out.append((key, "ERROR" if short or n.unfinished else st, n.name, True,
                        "; ".join(d)))


def kselftest_cases(text):
    out = []
    seen = set()
    for n in parse_tap(text.splitlines()):
        m = re.match(r"selftests: (.+): (.+)$", n.name)
        prefix = ["kselftest"] + ([component(x) for x in m.group(1).split("/")] if m else [])
        if m:
            n.name = m.group(2)
        emit_tree([n], prefix, out, seen)
    return out


def tap_cases(text, root):
    out = []
    emit_tree(parse_tap(text.splitlines()), [root], out, set())
    return out


def vm_documents(text):
    """{name: (body, rc)} of the "### BEGIN name" ... "### END name rc=N"
    documents of a tests.log; rc None for a document that never ended."""
    docs, cur, body = {}, None, []
    for line in text.replace("\r", "").splitlines():
        if line.startswith("### BEGIN "):
            cur, body = line[10:].strip(), []
            docs[cur] = ("", None)
        elif cur and line.startswith("### END "):
            m = re.search(r"rc=(\d+)", line)
            docs[cur] = ("\n".join(body), int(m.group(1)) if m else None)
            cur = None
        elif cur and line.startswith("### "):
            docs[cur] = ("\n".join(body), None)
            cur = None
        elif cur:
            body.append(line)
    if cur:
        docs[cur] = ("\n".join(body), None)
    return docs


# --- the document ------------------------------------------------------------

class Run:
    def __init__(self, logs, out_dir):
        self.logs, self.out_dir = logs, out_dir
        self.stages = []        # (name, seconds) in the order they ran
        for line in (read(os.path.join(logs, "times.txt"), "") or "").splitlines():
            f = line.split()
            if len(f) == 2 and f[0] not in ("total", "kcidb") and f[1].isdigit():
                self.stages.append((f[0], int(f[1])))
        self.verdicts = {}      # stage -> (PASS|FAIL, message)
        for line in (read(os.path.join(logs, "summary.txt"), "") or "").splitlines():
            m = re.match(r"^(PASS|FAIL) (\S+)\s+\(\s*\d+s\) ?(.*)$", line)
            if m:
                self.verdicts[m.group(2)] = (m.group(1), m.group(3))
        self.ran = {s for s, _ in self.stages}
        started = read(os.path.join(logs, "started"))
        t = None
        if started:
            try:
                t = datetime.strptime(started.strip(), "%Y-%m-%dT%H:%M:%SZ") \
                    .replace(tzinfo=timezone.utc).timestamp()
            except ValueError:
                t = None
        if t is None:       # logs of a run from before "started" existed
            t = os.path.getmtime(os.path.join(logs, "times.txt")) - \
                sum(d for _, d in self.stages)
        self.start = t
        # stage start times: after setup, one stage after the other
        setup = os.path.join(logs, "setup.log")
        t0 = os.path.getmtime(setup) if os.path.exists(setup) else self.start
        t0 = max(t0, self.start)
        self.stage_start = {}
        for s, d in self.stages:
            self.stage_start[s] = t0
            t0 += d
        self.key = datetime.fromtimestamp(self.start, timezone.utc).strftime("%Y%m%dT%H%M%SZ")

    def log(self, *p):
        return read(os.path.join(self.logs, *p))

    def fresh(self, path):
        """PATH was written by this run (a stage that failed early leaves
        the logs of an earlier run behind)."""
        return os.path.exists(path) and os.path.getmtime(path) >= self.start - 1

    def url(self, *p):
        base = os.environ.get("KCIDB_LOGS_URL", "file://" + os.path.abspath(self.logs))
        return base.rstrip("/") + "/" + "/".join(p)


def patchset(run):
    """The queue's patch files and KCIDB's patchset hash (sha256 over each
    patch's sha256 and a newline, in order): as the run recorded them in
    series.sha256 at its start, or series/ as it is now."""
    d = os.path.join(TOP, "series")
    rec = os.path.join(run.logs, "series.sha256")
    pairs = []
    if run.fresh(rec):
        for line in (read(rec, "") or "").splitlines():
            f = line.split(None, 1)
            if len(f) == 2:
                pairs.append((os.path.basename(f[1].strip()), f[0]))
    else:
        for line in (read(os.path.join(d, "series"), "") or "").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                with open(os.path.join(d, line), "rb") as f:
                    pairs.append((line, hashlib.sha256(f.read()).hexdigest()))
    hashes = "".join(h + "\n" for _, h in pairs)
    h = hashlib.sha256(hashes.encode()).hexdigest() if pairs else ""
    base = os.environ.get("KCIDB_PATCHES_URL", "file://" + d)
    return [{"name": n, "url": base.rstrip("/") + "/" + n} for n, _ in pairs], h


def base_version(run):
    """(Debian version, upstream tag) of the base the run tested."""
    ver = None
    try:
        ver = subprocess.run(["git", "-C", os.path.join(TOP, "build", "linux"), "log",
                              "-1", "--format=%s", "base"], capture_output=True,
                             text=True, check=True).stdout.strip().split()[-1]
    except (OSError, subprocess.CalledProcessError, IndexError):
        pass
    if not ver:
        m = re.search(r"linux-source-6\.12 (\S+)", run.log("summary.txt") or "")
        ver = m.group(1) if m else None
    if not ver:
        return None, None
    return ver, "v" + ver.split("-")[0].split("+")[0]


def compiler(o):
    m = re.search(r'LINUX_COMPILER "([^"]+)"',
                  read(os.path.join(o, "include", "generated", "compile.h"), "") or "")
    return m.group(1) if m else None


def kernel_build(run, stage, blog, config, comment):
    """The x86_64 or base build made inside STAGE, from its stage log."""
    slog = run.log(stage + ".log") or ""
    m = re.search(r"\[build-x86_64\] built (\S+)", slog)
    if m:
        status = "PASS"
    elif "does not build" in slog:
        status = "FAIL"
    else:
        status = "MISS"
    b = {"architecture": "x86_64", "config_name": config,
         "status": status, "comment": comment + (" " + m.group(1) if m else ""),
         "start_time": iso(run.stage_start[stage]),
         "log_url": run.url(blog)}
    p = os.path.join(run.logs, blog)
    if status != "MISS" and os.path.exists(p):
        end = os.path.getmtime(p)
        if run.stage_start[stage] <= end <= run.stage_start[stage] + dict(run.stages)[stage] + 2:
            b["duration"] = round(end - run.stage_start[stage], 1)
    if status == "FAIL":
        b["log_excerpt"] = "\n".join(l for l in (read(p, "") or "").splitlines()
                                     if re.search(r"error", l, re.I))[-16000:]
    return b


def generate(logs, out_dir):
    run = Run(logs, out_dir)
    rid = "%s:%s" % (ORIGIN, run.key)
    files, phash = patchset(run)
    deb, tag = base_version(run)
    checkout = {"id": rid, "origin": ORIGIN, "tree_name": "debian-linux-source-6.12",
                "patchset_files": files, "patchset_hash": phash,
                "start_time": iso(run.start), "valid": True,
                "comment": "Debian linux-source-6.12 %s (Linux %s) + %d patches from series/"
                           % (deb, (tag or "?").lstrip("v"), len(files)),
                "misc": {"debian_package": "linux-source-6.12"}}
    if os.environ.get("KCIDB_GIT_COMMIT"):
        checkout["git_commit_hash"] = os.environ["KCIDB_GIT_COMMIT"]
    if os.environ.get("KCIDB_GIT_URL"):
        checkout["git_repository_url"] = os.environ["KCIDB_GIT_URL"]
    if tag:
        checkout["git_commit_name"] = tag
        checkout["misc"]["debian_version"] = deb
        checkout["misc"]["upstream_tag"] = tag
    builds, tests = [], []

    def build(name, **kw):
        b = {"checkout_id": rid, "id": "%s:%s" % (rid, name), "origin": ORIGIN}
        b.update({k: v for k, v in kw.items() if v is not None})
        builds.append(b)
        return b["id"]

    def test(bid, path, status, kind, **kw):
        t = {"build_id": bid, "id": "%s:%s" % (bid, path), "origin": ORIGIN,
             "path": path, "status": status}
        t.update({k: v for k, v in kw.items() if v is not None})
        t.setdefault("misc", {})["kind"] = kind
        tests.append(t)

    def cases(bid, found, kind, log, env):
        for path, st, name, unfinished, directive in found:
            kw = {"comment": name or None, "log_url": log, "environment": env}
            if directive:
                kw["misc"] = {"directive": directive}
            test(bid, path, st, "unfinished" if unfinished else kind, **kw)

    def vm_run(bid, vmdir, env, kunit):
        if not run.fresh(os.path.join(run.logs, vmdir, "tests.log")):
            return      # the stage failed before the guest ran
        text = run.log(vmdir, "tests.log") or ""
        docs = vm_documents(text)
        for name, (body, rc) in docs.items():
            if name == "kmemleak":
                continue
            if name == "kselftest":
                cases(bid, kselftest_cases(body), "kselftest",
                      run.url(vmdir, "tests.log"), env)
            else:
                cases(bid, tap_cases(body, component(name)), "smoke",
                      run.url(vmdir, "tests.log"), env)
        if kunit:
            cases(bid, tap_cases(run.log(vmdir, "console.log") or "", "kunit"),
                  "kunit", run.url(vmdir, "console.log"), env)
            if "kmemleak" in docs and docs["kmemleak"][1] is not None:
                leaks = docs["kmemleak"][0].strip()
                n = leaks.count("unreferenced object")
                test(bid, "verdict.kmemleak", "FAIL" if leaks else "PASS", "verdict",
                     comment="%d leaked objects" % n if leaks else "no leaks",
                     log_excerpt=leaks[:16000] or None, environment=env,
                     log_url=run.url(vmdir, "tests.log"))
            else:
                test(bid, "verdict.kmemleak", "MISS", "verdict", environment=env,
                     comment="kmemleak did not run (no scan in tests.log)")
        splat(bid, os.path.join(run.logs, vmdir, "console.log"), env,
              run.url(vmdir, "console.log"))

    def splat(bid, log, env, url):
        r = subprocess.run([os.path.join(TOP, "harness", "splat.sh"), log],
                           capture_output=True, text=True)
        st = {0: "PASS", 1: "FAIL"}.get(r.returncode, "MISS")
        test(bid, "verdict.splat", st, "verdict", environment=env, log_url=url,
             comment={"PASS": "no lockdep/KASAN/WARN/BUG/hung-task report",
                      "FAIL": "kernel reports in the log",
                      "MISS": "no log to check"}[st],
             log_excerpt=r.stdout[:16000] if st == "FAIL" else None)

    build_of = {}
    if "vm" in run.ran:
        # the test kernel's O= (harness/lib.sh: build/tk/out/x86_64)
        o = os.path.join(os.path.dirname(out_dir), "tk", "out", "x86_64")
        b = kernel_build(run, "vm", "build-x86_64.log", "x86_64.config",
                         "x86_64 test kernel (lockdep with device-lock classes, "
                         "KASAN, kmemleak, gcov)")
        b["compiler"] = compiler(o)
        build_of["vm"] = build("x86_64", **b)
        vm_run(build_of["vm"], "vm", VM_ENV, True)
    if "kunit" in run.ran:
        klog = run.log("kunit.log") or ""
        m = re.search(r"Elapsed time: [\d.]+s total, ([\d.]+)s configuring, ([\d.]+)s building", klog)
        status = "PASS" if "Starting KUnit Kernel" in klog else \
            ("FAIL" if "Building KUnit Kernel" in klog else "MISS")
        build_of["kunit"] = build(
            "uml", architecture="um", config_name="kunitconfigs+uml.kunitconfig",
            status=status, comment="UML KUnit kernel (kunit.py run)",
            start_time=iso(run.stage_start["kunit"]), log_url=run.url("kunit.log"),
            duration=round(float(m.group(1)) + float(m.group(2)), 1) if m else None,
            compiler=compiler(os.path.join(out_dir, "uml")))
        tlog = os.path.join(out_dir, "uml", "test.log")
        if run.fresh(tlog):
            cases(build_of["kunit"], tap_cases(read(tlog, "") or "", "kunit"), "kunit",
                  run.url("kunit.log"), UML_ENV)
            splat(build_of["kunit"], tlog, UML_ENV, run.url("kunit.log"))
    if "abi" in run.ran:
        b = kernel_build(run, "abi", "build-x86_64-base.log",
                         "x86_64.config+abi-base.config",
                         "the kernel without the series (tag base)")
        b["compiler"] = compiler(os.path.join(out_dir, "x86_64-base"))
        build_of["abi"] = build("x86_64-base", **b)
        if run.fresh(os.path.join(run.logs, "vm-base", "tests.log")):
            vm_run(build_of["abi"], "vm-base", VM_ENV, False)
            # the kselftests that pin a change must fail there
            for line in (read(os.path.join(TOP, "config", "abi-changes"), "") or "").splitlines():
                name = line.split("#", 1)[0].strip()
                if ":" not in name:
                    continue
                d, t = name.split(":", 1)
                prefix = ".".join(["kselftest"] + [component(x) for x in d.split("/")] + [component(t)])
                for x in tests:
                    if x["build_id"] == build_of["abi"] and \
                            (x["path"] == prefix or x["path"].startswith(prefix + ".")):
                        x["misc"]["expected"] = "FAIL without the series (config/abi-changes)"
    if "bisect" in run.ran:
        blog = run.log("bisect.log") or ""
        steps = re.findall(r"^patch (\d+)/(\d+) (.*): (.*)$", blog, re.M)
        bad = re.search(r"^ERROR: patch (\d+) does not build", blog, re.M)
        last = None
        for i, n, subject, objs in steps:
            st = "SKIP" if objs == "no objects" else "PASS"
            if bad and bad.group(1) == i:
                st = "FAIL"
            last = build("bisect-%02d" % int(i), architecture="x86_64",
                         config_name="x86_64.config+bisect.config", status=st,
                         comment="patch %s/%s %s" % (i, n, subject),
                         log_url=run.url("bisect.log"),
                         log_excerpt="\n".join(l for l in blog.splitlines()
                                                if re.search(r"error", l, re.I))[-16000:]
                         if st == "FAIL" else None,
                         misc={"objects": objs.split() if st != "SKIP" else []})
        if last:
            build_of["bisect"] = last
    stage_src = None
    for s, d in run.stages:
        if s not in build_of:
            if stage_src is None:
                stage_src = build("source", comment="no kernel: the source-level "
                                  "stages (patches, rules, docs, the harness itself)",
                                  config_name="none")
            build_of[s] = stage_src
        verdict, msg = run.verdicts.get(s, ("FAIL", "no line in summary.txt"))
        slog = run.log(s + ".log") or ""
        excerpt = "\n".join(l for l in slog.splitlines()
                            if re.match(r"^(ERROR|  what to do|  FAIL)", l))
        test(build_of[s], "check." + component(s), verdict, "stage",
             comment=msg or None, duration=d, start_time=iso(run.stage_start[s]),
             log_url=run.url(s + ".log"),
             log_excerpt=excerpt[:16000] if verdict == "FAIL" and excerpt else None)
    doc = {"version": VERSION, "checkouts": [checkout], "builds": builds, "tests": tests}
    return doc, run


# --- checks --------------------------------------------------------------------

def validate(doc, name):
    """The reasons DOC is not a KCIDB v5 document of ours (empty: it is)."""
    import jsonschema
    with open(SCHEMA) as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    # Debian's python3-jsonschema checks "date-time" and "uri" only with
    # packages Debian 12 does not have: check them here
    fc = jsonschema.FormatChecker()

    @fc.checks("date-time", raises=ValueError)
    def date_time(value):
        if not isinstance(value, str):
            return True
        if not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", value):
            raise ValueError("not RFC 3339")
        datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True

    @fc.checks("uri")
    def uri(value):
        return not isinstance(value, str) or \
            bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$", value))

    v = cls(schema, format_checker=fc)
    errs = []
    for e in sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        where = "".join("[%d]" % p if isinstance(p, int) else ".%s" % p
                        for p in e.absolute_path).lstrip(".") or "(document)"
        errs.append("%s: %s: %s" % (name, where, e.message))
    if errs:
        return errs
    ids = {}
    for kind in ("checkouts", "builds", "tests"):
        for i, o in enumerate(doc.get(kind, [])):
            if not o.get("id", "").startswith(o.get("origin", "") + ":"):
                errs.append("%s: %s[%d]: id %r does not start with its origin %r"
                            % (name, kind, i, o.get("id"), o.get("origin")))
            if o.get("id") in ids.setdefault(kind, set()):
                errs.append("%s: %s[%d]: duplicate id %r" % (name, kind, i, o.get("id")))
            ids[kind].add(o.get("id"))
    for i, b in enumerate(doc.get("builds", [])):
        if b.get("checkout_id") not in ids.get("checkouts", set()):
            errs.append("%s: builds[%d]: checkout_id %r names no checkout" % (name, i, b.get("checkout_id")))
    for i, t in enumerate(doc.get("tests", [])):
        if t.get("build_id") not in ids.get("builds", set()):
            errs.append("%s: tests[%d]: build_id %r names no build" % (name, i, t.get("build_id")))
    return errs


def count_tap_results(path, pattern):
    """Sum of the "Ran N tests" lines kunit.py parse left in PATH."""
    text = read(path)
    if text is None:
        return None
    return sum(int(n) for n in re.findall(pattern, text))


def count_kselftest_cases(text):
    """Cases of each kselftest program in a tests.log, counted line by line:
    its "# ok N" / "# not ok N" lines, or 1 for a program that reported
    none (a program that never reported counts its cases only)."""
    total, cases, inside = 0, 0, False
    body = vm_documents(text).get("kselftest", ("", None))[0]
    for line in body.splitlines():
        if re.match(r"^# selftests: ", line):
            total += cases if inside else 0
            inside, cases = True, 0
        elif inside and re.match(r"^# (not )?ok \d+", line):
            cases += 1
        elif re.match(r"^(not )?ok \d+ selftests: ", line):
            total += max(cases, 1)
            inside, cases = False, 0
    return total + (cases if inside else 0)


def cross_check(doc, run):
    """The document's tests, term by term, against counts taken from the
    logs by other means (kunit.py parse's totals, a line count of the
    kselftest TAP, times.txt). Returns (line, errors, notes): a mismatch is
    an error when the stages the results come from passed, a note when one
    of them failed (a crashed guest leaves results that the two ways of
    counting see differently, and that stage's FAIL already says so)."""
    kinds = {}
    for t in doc["tests"]:
        kinds[t["misc"]["kind"]] = kinds.get(t["misc"]["kind"], 0) + 1
    ran = r"Testing complete\. Ran (\d+) tests"
    want = {"kunit": 0, "kselftest": 0, "smoke": 0, "verdict": 0, "stage": len(run.stages)}
    missing = []
    def vm_counts(vmdir, kunit):
        # vm-verdict.sh left kunit.py parse's verdict of each document
        # (and of the console's KUnit) in VMDIR/NAME.txt
        text = run.log(vmdir, "tests.log") or ""
        for name in list(vm_documents(text)) + (["kunit"] if kunit else []):
            if name in ("kselftest", "kmemleak"):
                continue
            n = count_tap_results(os.path.join(run.logs, vmdir, name + ".txt"), ran)
            if n is None:
                missing.append("%s/%s.txt" % (vmdir, name))
            else:
                want["kunit" if name == "kunit" else "smoke"] += n
        want["kselftest"] += count_kselftest_cases(text)
        want["verdict"] += 2 if kunit else 1

    if "vm" in run.ran and run.fresh(os.path.join(run.logs, "vm", "tests.log")):
        vm_counts("vm", True)
    if "abi" in run.ran and run.fresh(os.path.join(run.logs, "vm-base", "tests.log")):
        vm_counts("vm-base", False)
    if "kunit" in run.ran and run.fresh(os.path.join(run.out_dir, "uml", "test.log")):
        # kunit.py run's own total (the last one: a retry prints another)
        m = re.findall(ran, run.log("kunit.log") or "")
        if m:
            want["kunit"] += int(m[-1])
        else:
            missing.append("kunit.log (Testing complete)")
        want["verdict"] += 1
    extra = kinds.get("unfinished", 0)
    total = len(doc["tests"])
    line = ("%d tests = %d KUnit + %d kselftest + %d smoke cases + %d verdicts + %d stages"
            % (total, kinds.get("kunit", 0), kinds.get("kselftest", 0), kinds.get("smoke", 0),
               kinds.get("verdict", 0), kinds.get("stage", 0)))
    if extra:
        line += " + %d unfinished" % extra
    errs = []
    for k, n in want.items():
        if kinds.get(k, 0) != n:
            errs.append("%d %s tests in the document, %d in the logs" % (kinds.get(k, 0), k, n))
    if total != sum(want.values()) + extra:
        errs.append("%d tests in the document, %d in the logs" % (total, sum(want.values()) + extra))
    for m in missing:
        errs.append("no count to check against: %s" % m)
    if {s for s, (v, _) in run.verdicts.items() if v == "FAIL"} & {"vm", "kunit", "abi"}:
        return line, [], errs
    return line, errs, []


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cmd", nargs="?", default="generate", choices=["generate", "validate", "list"])
    ap.add_argument("file", nargs="?")
    ap.add_argument("--logs", default=os.path.join(TOP, "build", "logs"))
    ap.add_argument("--out-dir", default=None, help="the O= directories (default LOGS/../out)")
    ap.add_argument("-o", "--output", default=os.path.join(TOP, "build", "kcidb.json"))
    a = ap.parse_args()
    if a.cmd in ("validate", "list"):
        if not a.file:
            ap.error("%s needs a FILE" % a.cmd)
        try:
            with open(a.file) as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            print("%s: not a JSON document: %s" % (a.file, e))
            return 1
        if a.cmd == "list":
            for t in doc.get("tests", []):
                print(t.get("build_id", "-").rsplit(":", 1)[-1], t.get("path", ""),
                      t.get("status", "-"))
            return 0
        errs = validate(doc, a.file)
        for e in errs:
            print(e)
        if not errs:
            print("%s: valid KCIDB v%d.%d" % (a.file, doc["version"]["major"],
                                              doc["version"].get("minor", 0)))
        return 1 if errs else 0
    if not os.path.exists(os.path.join(a.logs, "times.txt")):
        print("ERROR: no %s/times.txt: no make check has run" % a.logs)
        return 1
    out_dir = a.out_dir or os.path.join(os.path.dirname(os.path.abspath(a.logs)), "out")
    doc, run = generate(a.logs, out_dir)
    errs = validate(doc, os.path.basename(a.output))
    line, cerrs, notes = cross_check(doc, run)
    with open(a.output + ".tmp", "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(a.output + ".tmp", a.output)
    for e in errs + ["count: " + e for e in cerrs]:
        print("ERROR: " + e)
    for e in notes:
        print("note: count (a test stage failed): " + e)
    st = {}
    for t in doc["tests"]:
        st[t["status"]] = st.get(t["status"], 0) + 1
    print("RESULT: %s%s: 1 checkout, %d builds, %s (%s)" % (
        os.path.relpath(a.output, TOP) if a.output.startswith(TOP) else a.output,
        "" if errs else " valid KCIDB v5.3", len(doc["builds"]), line,
        ", ".join("%d %s" % (n, s) for s, n in sorted(st.items()))))
    return 1 if errs or cerrs else 0


if __name__ == "__main__":
    sys.exit(main())
