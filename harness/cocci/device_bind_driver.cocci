// SPDX-License-Identifier: GPL-2.0-only
// Conversion rule of the harness, not part of the kernel series: it wrote
// the device_driver_attach() conversions of serio, gameport and PnP cards
// (their commit messages quote the lines they used). After the series no
// call of device_bind_driver() is left outside drivers/base; "make spatch"
// runs it in patch mode, "TREE=build/base make spatch" over the base.
/// Find open-coded driver binds: bus code that sets dev->driver, calls a
/// probe or connect method by hand and then device_bind_driver(). The probe
/// runs without the device lock, and the driver core's setup and cleanup
/// around a probe are skipped. device_driver_attach() does it all, under
/// the device lock. device_bind_driver() is private to the driver core
/// now; the rule is for code written against kernels that exported it.
///
/// Patch mode rewrites the two shapes it can prove (preset driver, hand
/// call with its unwind, device_bind_driver() with its unwind) into one
/// device_driver_attach() whose error is returned or jumped on. Review each
/// rewrite: the bus probe must do what the hand-written call did, and the
/// error the caller returns may change. Report mode lists every call of
/// device_bind_driver() outside drivers/base, says which shape it is and,
/// where patch mode leaves it alone, why.
///
// Confidence: High (report), Moderate (patch: review the bus probe)
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report

// The hand-called probe or connect: a method named probe or connect, or a
// function whose name ends in _probe, _connect or _connect_driver (not
// disconnect, reconnect or probe_done).
// Shape 1: if (call) { unwind; return; } ret = bind; if (ret) { unwind; return ret; }
@p1 depends on patch && !context && !org && !report@
expression X, D, E;
identifier ret, f =~ "^(probe|connect)$|_(probe|connect)(_driver)?$";
@@
(
-X.driver = D;
-if (\(f(...)\|E->f(...)\|E.f(...)\)) {
-	...
-	return ...;
-}
-ret = device_bind_driver(&X);
+ret = device_driver_attach(D, &X);
-if (ret) {
-	...
-	return ret;
-}
+if (ret)
+	return ret;
|
-X->driver = D;
-if (\(f(...)\|E->f(...)\|E.f(...)\)) {
-	...
-	return ...;
-}
-ret = device_bind_driver(X);
+ret = device_driver_attach(D, X);
-if (ret) {
-	...
-	return ret;
-}
+if (ret)
+	return ret;
)

// Shape 2: if (call) goto out; if (bind) goto out; ... out: X->driver = NULL;
// After device_driver_attach() fails the device has no driver already, and
// when it fails with -EBUSY the driver is another's: the reset must go.
@p2 depends on patch && !context && !org && !report@
expression X, D, E;
identifier L, f =~ "^(probe|connect)$|_(probe|connect)(_driver)?$";
@@
(
-X.driver = D;
-if (\(f(...)\|E->f(...)\|E.f(...)\))
-	goto L;
-if (device_bind_driver(&X))
+if (device_driver_attach(D, &X))
	goto L;
|
-X->driver = D;
-if (\(f(...)\|E->f(...)\|E.f(...)\))
-	goto L;
-if (device_bind_driver(X))
+if (device_driver_attach(D, X))
	goto L;
)

@p2unwind depends on p2@
expression p2.X;
identifier p2.L;
@@
L:
(
-X.driver = NULL;
|
-X->driver = NULL;
)

// ---- classification for context, org and report ----

@r1 depends on context || org || report@
expression X, D, E;
identifier ret, f =~ "^(probe|connect)$|_(probe|connect)(_driver)?$";
position p;
@@
(
X.driver = D;
if (\(f(...)\|E->f(...)\|E.f(...)\)) {
	...
	return ...;
}
ret = device_bind_driver@p(&X);
if (ret) {
	...
	return ret;
}
|
X->driver = D;
if (\(f(...)\|E->f(...)\|E.f(...)\)) {
	...
	return ...;
}
ret = device_bind_driver@p(X);
if (ret) {
	...
	return ret;
}
)

@r2 depends on context || org || report@
expression X, D, E;
identifier L, f =~ "^(probe|connect)$|_(probe|connect)(_driver)?$";
position p;
@@
(
X.driver = D;
if (\(f(...)\|E->f(...)\|E.f(...)\))
	goto L;
if (device_bind_driver@p(&X))
	goto L;
|
X->driver = D;
if (\(f(...)\|E->f(...)\|E.f(...)\))
	goto L;
if (device_bind_driver@p(X))
	goto L;
)

// Preset driver and a probe or connect called by hand, in a shape the
// patch rules do not prove (other branches, other error handling).
@r3 exists@
expression X, D, E;
identifier f =~ "^(probe|connect)$|_(probe|connect)(_driver)?$";
position p != {r1.p, r2.p};
@@
(
X.driver = D;
|
X->driver = D;
)
...
(
f(...)
|
E->f(...)
|
E.f(...)
)
...
device_bind_driver@p(...)

// Claiming: the bind happens now if the device is registered, else
// device_add() binds it later; no probe is meant to run.
@r4@
expression X, E;
position p != {r1.p, r2.p, r3.p};
@@
if (device_is_registered(X))
(
E = device_bind_driver@p(X);
|
device_bind_driver@p(X);
)

// Preset driver, no probe at all.
@r5 exists@
expression X, D;
position p != {r1.p, r2.p, r3.p, r4.p};
@@
(
X.driver = D;
|
X->driver = D;
)
...
device_bind_driver@p(...)

@r6@
position p != {r1.p, r2.p, r3.p, r4.p, r5.p};
@@
device_bind_driver@p(...)

// ---- context ----

// The driver core's own calls are not marked.
@script:python depends on context@
p << r1.p;
@@
if in_core(p):
	cocci.include_match(False)

@script:python depends on context@
p << r2.p;
@@
if in_core(p):
	cocci.include_match(False)

@script:python depends on context@
p << r3.p;
@@
if in_core(p):
	cocci.include_match(False)

@script:python depends on context@
p << r4.p;
@@
if in_core(p):
	cocci.include_match(False)

@script:python depends on context@
p << r5.p;
@@
if in_core(p):
	cocci.include_match(False)

@script:python depends on context@
p << r6.p;
@@
if in_core(p):
	cocci.include_match(False)

@depends on context@
position p = {r1.p, r2.p, r3.p, r4.p, r5.p, r6.p};
@@
* device_bind_driver@p(...)

// ---- org and report ----

@initialize:python@
@@
SHAPES = {
	"r1": "open-coded bind (driver preset, probe/connect called by hand, unwind by hand); patch mode rewrites it to device_driver_attach(): check that the bus probe does what the hand call did",
	"r2": "open-coded bind (driver preset, probe/connect called by hand, goto on error); patch mode rewrites it to device_driver_attach() and drops the driver reset after the label: check that the bus probe does what the hand call did",
	"r3": "open-coded bind (driver preset, probe/connect called by hand), left alone: not a shape patch mode can prove (other branches, or an unwind that does not end in a return); convert by hand to device_driver_attach() and drop the preset",
	"r4": "claim without probe (bound now if registered, else by device_add() without probe); needs a locked path of its own, not device_driver_attach() which probes",
	"r5": "driver preset with no probe, left alone: device_driver_attach() would run a probe this code never ran; give the device a bus and a probe first",
	"r6": "no preset driver in this function, left alone: the caller sets ->driver elsewhere; convert by hand",
}

def in_core(p):
	return ("/" + p[0].file).find("/drivers/base/") >= 0

def msg(rule):
	return "device_bind_driver(): " + SHAPES[rule]

@script:python depends on org@
p << r1.p;
@@
if not in_core(p):
	cocci.print_main(msg("r1"), p)

@script:python depends on report@
p << r1.p;
@@
if not in_core(p):
	coccilib.report.print_report(p[0], msg("r1"))

@script:python depends on org@
p << r2.p;
@@
if not in_core(p):
	cocci.print_main(msg("r2"), p)

@script:python depends on report@
p << r2.p;
@@
if not in_core(p):
	coccilib.report.print_report(p[0], msg("r2"))

@script:python depends on org@
p << r3.p;
@@
if not in_core(p):
	cocci.print_main(msg("r3"), p)

@script:python depends on report@
p << r3.p;
@@
if not in_core(p):
	coccilib.report.print_report(p[0], msg("r3"))

@script:python depends on org@
p << r4.p;
@@
if not in_core(p):
	cocci.print_main(msg("r4"), p)

@script:python depends on report@
p << r4.p;
@@
if not in_core(p):
	coccilib.report.print_report(p[0], msg("r4"))

@script:python depends on org@
p << r5.p;
@@
if not in_core(p):
	cocci.print_main(msg("r5"), p)

@script:python depends on report@
p << r5.p;
@@
if not in_core(p):
	coccilib.report.print_report(p[0], msg("r5"))

@script:python depends on org@
p << r6.p;
@@
if not in_core(p):
	cocci.print_main(msg("r6"), p)

@script:python depends on report@
p << r6.p;
@@
if not in_core(p):
	coccilib.report.print_report(p[0], msg("r6"))
