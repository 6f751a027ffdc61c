/* Look-alike: a driver structure's embedded struct device_driver. */
static struct platform_driver mpu_driver = {
	.probe = mpu_probe,
	.driver = {
		.name = "mpu",
	},
};

/* Look-alike: a device for dev_printk() only, never added. */
static struct device_driver dbg_name = {
	.name = "xp"
};

static struct device dbg_subname = {
	.init_name = "",
	.driver = &dbg_name
};

struct device *xp = &dbg_subname;

/* Look-alike: the same, visible to other files, but with no release: it
 * is never meant to be added. */
struct device dbg_shared = {
	.init_name = "",
	.driver = &dbg_name
};

/* Look-alike: a device with no driver in its initializer. */
static struct platform_device plain_device = {
	.name = "plain",
	.id = -1,
};

static int mpu_init(void)
{
	int ret;

	ret = platform_driver_register(&mpu_driver);
	if (ret)
		return ret;
	return platform_device_register(&plain_device);
}
