// SPDX-License-Identifier: GPL-2.0-only
// Audit rule of the harness, not part of the kernel series: make
// preset-table runs it in report mode over the files that assign a driver
// field and joins its report with config/preset-sites into
// docs/preset-sites.md. It lists every preset, with a bus or without; the
// in-tree scripts/coccinelle/api/device_driver_hand_bind.cocci reports the
// ones on a device with a bus.
/// Find drivers preset before device_add(): code that sets a struct
/// device's driver and then adds or registers the device. If the device
/// has a bus, device_add() ends in __device_attach(), which finds
/// dev->driver already set and calls device_bind_driver(). The driver is
/// then bound without the bus or driver probe, and no call in the code
/// names the bind, so grep for device_bind_driver() does not see it. A
/// device with no bus is not bound at all and only carries the pointer.
/// Code that chooses a driver should add the device, then call
/// device_driver_attach().
///
/// Reported: a preset on the device (dev->driver = drv, or
/// foo->dev.driver = drv) followed by device_add() or device_register()
/// of that device, by a driver-core helper that adds the embedded device
/// of its argument (platform_device_add(), platform_device_register(),
/// auxiliary_device_add()), or by a function of the same file that adds
/// its argument or its argument's embedded device. Also reported: a
/// preset followed by device_is_registered(), or made in the branch where
/// device_is_registered() says the device is not added yet, which leaves
/// the bind to whoever adds the device later; a preset on a device that
/// the function sets up (its release, or device_initialize()) and returns
/// without adding; and a preset in the initializer of a file-scope device
/// that the file adds, or that other files can reach (not static, with a
/// release). Not reported: clearing the driver (= NULL), setting it on a
/// device that is already added (a bus's own bind or probe path), and
/// driver fields of other structures.
///
/// Coccinelle reads one file at a time. A bus helper defined in another
/// file, other than the driver-core helpers named above, is not followed,
/// and neither is a device reached through an alias of the preset
/// expression (d = &foo->dev).
///
// Confidence: High (a preset and an add in one file), Moderate (returned
// and file-scope devices, which another file adds)
// Options: --no-includes --include-headers

virtual report

// The adding calls are spelled out rather than matched by a regular
// expression: spatch's token prefilter only sees literal names, and skips
// the files that contain none of them.

// ---- functions of this file that add a device they are given ----

// Adds its argument's embedded device: device_add(&a->F) ...
@w_emb depends on report exists@
identifier W, a, F;
type T, R;
@@
R W(..., T *a, ...)
{
... when any
\(device_add\|device_register\)(&a->F)
... when any
}

// ... or the same through a local pointer: d = &a->F; device_add(d).
@w_alias depends on report exists@
identifier W, a, F, d;
type T, R, T2;
@@
R W(..., T *a, ...)
{
... when any
(
T2 *d = &a->F;
|
d = &a->F;
)
... when any
\(device_add\|device_register\)(d)
... when any
}

// Adds the device it is given: device_add(a).
@w_ptr depends on report exists@
identifier W, a;
type T, R;
@@
R W(..., T *a, ...)
{
... when any
\(device_add\|device_register\)(a)
... when any
}

// ---- a preset, then an add ----

// dev->driver = drv; ... device_add(dev), or on a container's embedded
// device: foo->dev.driver = drv; ... device_register(&foo->dev).
@r_add depends on report exists@
expression E, S, E2, E3;
expression D != NULL;
position p, q;
@@
(
E->driver@p = D;
... when != E->driver = E2
    when != E = E3
\(device_add@q\|device_register@q\)(E)
|
S.driver@p = D;
... when != S.driver = E2
\(device_add@q\|device_register@q\)(&S)
)

// Driver-core helpers that add their argument's embedded struct device
// (defined in drivers/base/, never in the file being read).
@r_core depends on report exists@
expression P, S, E2, E3;
expression D != NULL;
position p != r_add.p;
position q;
@@
(
P->dev.driver@p = D;
... when != P->dev.driver = E2
    when != P = E3
\(platform_device_add@q\|platform_device_register@q\|auxiliary_device_add@q\|__auxiliary_device_add@q\)(P, ...)
|
S.dev.driver@p = D;
... when != S.dev.driver = E2
\(platform_device_add@q\|platform_device_register@q\|auxiliary_device_add@q\|__auxiliary_device_add@q\)(&S, ...)
)

// A function of this file that adds its argument's embedded device.
@r_wemb depends on report exists@
identifier w_emb.W, w_emb.F;
expression P, S, E2, E3;
expression D != NULL;
position p != {r_add.p, r_core.p};
position q;
@@
(
P->F.driver@p = D;
... when != P->F.driver = E2
    when != P = E3
W@q(..., P, ...)
|
S.F.driver@p = D;
... when != S.F.driver = E2
W@q(..., &S, ...)
)

@r_walias depends on report exists@
identifier w_alias.W, w_alias.F;
expression P, S, E2, E3;
expression D != NULL;
position p != {r_add.p, r_core.p, r_wemb.p};
position q;
@@
(
P->F.driver@p = D;
... when != P->F.driver = E2
    when != P = E3
W@q(..., P, ...)
|
S.F.driver@p = D;
... when != S.F.driver = E2
W@q(..., &S, ...)
)

// A function of this file that adds the device it is given.
@r_wptr depends on report exists@
identifier w_ptr.W;
expression E, S, E2, E3;
expression D != NULL;
position p != {r_add.p, r_core.p, r_wemb.p, r_walias.p};
position q;
@@
(
E->driver@p = D;
... when != E->driver = E2
    when != E = E3
W@q(..., E, ...)
|
S.driver@p = D;
... when != S.driver = E2
W@q(..., &S, ...)
)

// ---- a preset left for a device_add() made elsewhere ----

// "Bind now if registered": a device not registered yet is bound by
// whoever adds it later. The preset comes before the check, or is the
// branch taken when the device is not registered.
@r_defer depends on report exists@
expression E, S, E2;
expression D != NULL;
statement S1;
position p != {r_add.p, r_core.p, r_wemb.p, r_walias.p, r_wptr.p};
position q;
@@
(
E->driver@p = D;
... when != E->driver = E2
device_is_registered@q(E)
|
S.driver@p = D;
... when != S.driver = E2
device_is_registered@q(&S)
|
if (device_is_registered@q(E)) S1 else E->driver@p = D;
|
if (device_is_registered@q(E)) S1 else { ... E->driver@p = D; ... }
|
if (device_is_registered@q(&S)) S1 else S.driver@p = D;
|
if (device_is_registered@q(&S)) S1 else { ... S.driver@p = D; ... }
|
if (!device_is_registered@q(E)) { ... E->driver@p = D; ... }
|
if (!device_is_registered@q(&S)) { ... S.driver@p = D; ... }
)

// A device the function returns without adding it, and did not get
// already added (device_create() and the like). Nothing adds it here, so
// it must be known to be a new struct device: declared as one, and given
// its release (r_retp_new) ...
@r_retp depends on report exists@
identifier fn;
struct device *E;
expression E2, E3;
expression D != NULL;
position p != {r_add.p, r_core.p, r_wemb.p, r_walias.p, r_wptr.p, r_defer.p};
position q;
@@
fn(...)
{
... when != \(device_add\|device_register\)(E)
    when != E = \(device_create\|device_create_with_groups\|root_device_register\)(...)
E->driver@p = D;
... when != \(device_add\|device_register\)(E)
    when != E->driver = E2
    when != E = E3
return@q E;
}

@r_retp_new depends on report exists@
identifier r_retp.fn;
struct device *r_retp.E;
expression R;
@@
fn(...)
{
... when any
E->release = R;
... when any
}

// ... or an embedded device that device_initialize() set up.
@r_retc depends on report exists@
identifier fn, F;
expression P, E2, E3;
expression D != NULL;
position p != {r_add.p, r_core.p, r_wemb.p, r_walias.p, r_wptr.p, r_defer.p, r_retp.p};
position q;
@@
fn(...)
{
... when != \(device_add\|device_register\)(&P->F)
device_initialize(&P->F);
... when != \(device_add\|device_register\)(&P->F)
P->F.driver@p = D;
... when != \(device_add\|device_register\)(&P->F)
    when != P->F.driver = E2
    when != P = E3
return@q P;
}

// ---- file-scope devices with a driver in their initializer ----

@s_dev depends on report@
identifier I;
expression D != NULL;
position p;
@@
struct device I = { ..., .driver = D@p, ... };

@s_emb depends on report@
identifier I, F;
expression D != NULL;
type T;
position p;
@@
T I = { ..., .F = { ..., .driver = D@p, ... }, ... };

@s_pdev depends on report@
identifier I;
expression D != NULL;
type T;
position p;
@@
T I = { ..., .dev = { ..., .driver = D@p, ... }, ... };

// ... added in this file.
@r_sdev depends on report exists@
identifier s_dev.I;
position q;
@@
\(device_add@q\|device_register@q\)(&I)

@r_semb depends on report exists@
identifier s_emb.I, s_emb.F;
position q;
@@
\(device_add@q\|device_register@q\)(&I.F)

@r_score depends on report exists@
identifier s_pdev.I;
position q;
@@
\(platform_device_add@q\|platform_device_register@q\|auxiliary_device_add@q\|__auxiliary_device_add@q\)(&I, ...)

// ... or a struct device other files can reach: not static, and with a
// release, as a device that is added needs. Whoever adds it, or a copy of
// it, binds the driver without probe.
@s_static depends on report@
identifier I;
expression D;
position p;
@@
static struct device I = { ..., .driver = D@p, ... };

@r_sext depends on report@
identifier I;
expression D != NULL, R;
position p != s_static.p;
@@
struct device I = { ..., .driver = D@p, ..., .release = R, ... };

// ---- the name of each adding call ----

@n_add depends on report@
identifier a;
position r_add.q;
@@
a@q(...)

@n_core depends on report@
identifier a;
position r_core.q;
@@
a@q(...)

// ---- report ----

@initialize:python@
@@
ADDED = set()
HOW = "if the device has a bus, __device_attach() binds the driver with no probe"

def emit(p, what, msg):
	msg = "%s: driver preset, %s: %s" % (what, msg, HOW)
	coccilib.report.print_report(p[0], msg)

def fn(p):
	return p[0].current_element + "()"

@script:python depends on report@
p << r_add.p;
q << r_add.q;
a << n_add.a;
@@
emit(p, fn(p), "then %s() on line %s adds the device" % (a, q[0].line))

@script:python depends on report@
p << r_core.p;
q << r_core.q;
a << n_core.a;
@@
emit(p, fn(p), "then %s() on line %s adds the embedded device" % (a, q[0].line))

@script:python depends on report@
p << r_wemb.p;
q << r_wemb.q;
w << w_emb.W;
@@
emit(p, fn(p), "then %s() on line %s adds the embedded device" % (w, q[0].line))

@script:python depends on report@
p << r_walias.p;
q << r_walias.q;
w << w_alias.W;
@@
emit(p, fn(p), "then %s() on line %s adds the embedded device" % (w, q[0].line))

@script:python depends on report@
p << r_wptr.p;
q << r_wptr.q;
w << w_ptr.W;
@@
emit(p, fn(p), "then %s() on line %s adds the device" % (w, q[0].line))

@script:python depends on report@
p << r_defer.p;
q << r_defer.q;
@@
emit(p, fn(p), "device_is_registered() on line %s leaves a device not yet added to whoever adds it" % q[0].line)

@script:python depends on report@
p << r_retp.p;
q << r_retp.q;
r << r_retp_new.R;
@@
emit(p, fn(p), "the device is returned unadded on line %s and the caller adds it" % q[0].line)

@script:python depends on report@
p << r_retc.p;
q << r_retc.q;
@@
emit(p, fn(p), "the device is returned unadded on line %s and the caller adds it" % q[0].line)

@script:python depends on report@
p << s_dev.p;
i << s_dev.I;
q << r_sdev.q;
@@
ADDED.add((p[0].file, i))
emit(p, i, "in its initializer; %s adds it on line %s" % (fn(q), q[0].line))

@script:python depends on report@
p << s_emb.p;
i << s_emb.I;
q << r_semb.q;
@@
emit(p, i, "in its initializer; %s adds it on line %s" % (fn(q), q[0].line))

@script:python depends on report@
p << s_pdev.p;
i << s_pdev.I;
q << r_score.q;
@@
emit(p, i, "in its initializer; %s adds it on line %s" % (fn(q), q[0].line))

@script:python depends on report@
p << r_sext.p;
i << r_sext.I;
@@
if (p[0].file, i) not in ADDED:
	emit(p, i, "in its initializer, and other files can reach it to add it or a copy of it")
