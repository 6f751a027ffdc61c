// Clearing the driver before the add is not a preset.
static int clr_add(struct device *dev)
{
	dev->bus = &clr_bus_type;
	dev->driver = NULL;
	return device_add(dev);
}

static int __init clear_init(void)
{
	return driver_register(&clear_driver);
}
