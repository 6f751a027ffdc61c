// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark module of "make bench-attach", not part of the series: what one
 * bind+release cycle costs through device_driver_attach(), and through the
 * open-coded shape the series removes (driver set and probed by hand under
 * the device lock, then the bind recorded without a probe: that last step
 * is device_driver_claim() now that device_bind_driver() is internal).
 * Prints one line and stays loaded; the script unloads it.
 */
#include <linux/device.h>
#include <linux/ktime.h>
#include <linux/module.h>

static unsigned int cycles = 2000;
module_param(cycles, uint, 0444);
MODULE_PARM_DESC(cycles, "bind+release cycles per shape");

static int ba_probe_calls;

static int ba_match(struct device *dev, const struct device_driver *drv)
{
	return 0;	/* binds only when asked to */
}

static const struct bus_type ba_bus = {
	.name = "bench_attach",
	.match = ba_match,
};

static int ba_probe(struct device *dev)
{
	ba_probe_calls++;
	return 0;
}

static struct device_driver ba_drv = {
	.name = "bench_attach",
	.bus = &ba_bus,
	.probe = ba_probe,
	.suppress_bind_attrs = true,
};

static void ba_release(struct device *dev)
{
}

static struct device ba_dev = {
	.init_name = "bench_attach0",
	.bus = &ba_bus,
	.release = ba_release,
};

static u64 ba_attach(unsigned int n, int *bad)
{
	ktime_t t0 = ktime_get();
	unsigned int i;

	for (i = 0; i < n; i++) {
		*bad += device_driver_attach(&ba_drv, &ba_dev) != 0;
		device_release_driver(&ba_dev);
	}
	return ktime_to_ns(ktime_sub(ktime_get(), t0));
}

static u64 ba_open_coded(unsigned int n, int *bad)
{
	ktime_t t0 = ktime_get();
	unsigned int i;

	for (i = 0; i < n; i++) {
		device_lock(&ba_dev);
		ba_dev.driver = &ba_drv;
		*bad += ba_drv.probe(&ba_dev) != 0;
		ba_dev.driver = NULL;
		*bad += device_driver_claim(&ba_drv, &ba_dev) != 0;
		device_unlock(&ba_dev);
		device_release_driver(&ba_dev);
	}
	return ktime_to_ns(ktime_sub(ktime_get(), t0));
}

static int __init ba_init(void)
{
	u64 attach_ns, open_ns;
	int bad = 0, ret;

	if (!cycles)
		return -EINVAL;
	ret = bus_register(&ba_bus);
	if (ret)
		return ret;
	ret = driver_register(&ba_drv);
	if (ret)
		goto err_bus;
	ret = device_register(&ba_dev);
	if (ret) {
		put_device(&ba_dev);
		goto err_drv;
	}
	/* warm up caches and lockdep's chains before timing */
	ba_attach(10, &bad);
	ba_open_coded(10, &bad);
	attach_ns = ba_attach(cycles, &bad);
	open_ns = ba_open_coded(cycles, &bad);
	if (bad || ba_probe_calls != 2 * (cycles + 10)) {
		pr_err("bench_attach: %d failed cycles, %d probes\n", bad, ba_probe_calls);
		ret = -EIO;
		device_unregister(&ba_dev);
		goto err_drv;
	}
	pr_info("bench_attach: %u cycles: device_driver_attach() %llu ns, open-coded %llu ns per bind+release, ratio %llu.%02llu\n",
		cycles, attach_ns / cycles, open_ns / cycles,
		attach_ns / max(open_ns, 1ULL), attach_ns * 100 / max(open_ns, 1ULL) % 100);
	return 0;

err_drv:
	driver_unregister(&ba_drv);
err_bus:
	bus_unregister(&ba_bus);
	return ret;
}

static void __exit ba_exit(void)
{
	device_unregister(&ba_dev);
	driver_unregister(&ba_drv);
	bus_unregister(&ba_bus);
}

module_init(ba_init);
module_exit(ba_exit);
MODULE_DESCRIPTION("Cost of device_driver_attach() against an open-coded bind");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(DEVICE_DRIVER_CLAIM);
