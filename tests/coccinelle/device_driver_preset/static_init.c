/* File-scope devices whose initializer presets the driver. */
static struct platform_device mpu_device = {
	.name		= "mpu",
	.id		= -1,
	.dev = {
		.driver = &mpu_driver.driver,
	},
};

static struct device bus_root = {
	.init_name	= "root",
	.bus		= &root_bus,
	.driver		= &root_driver,
};

/* Copied into each master device by another file, then registered. */
struct device master_template = {
	.bus		= &m_bus,
	.init_name	= "master",
	.driver		= &master_driver,
	.release	= &master_release,
};

static void mpu_init(void)
{
	(void)platform_device_register(&mpu_device);
}

static int root_init(void)
{
	return device_register(&bus_root);
}
