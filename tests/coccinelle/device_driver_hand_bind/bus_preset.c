// A device given a bus, its driver preset, then added: bound by
// device_add() with no probe.
static int baz_add(struct device *dev, struct baz_driver *drv)
{
	dev->bus = &baz_bus_type;
	dev->driver = &drv->driver;
	return device_add(dev);
}

static int __init bus_preset_init(void)
{
	return driver_register(&bus_preset_driver);
}
