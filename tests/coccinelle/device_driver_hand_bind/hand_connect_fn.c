// The hand call is a bus helper whose name ends in _connect.
static int bar_new(struct bar *bar, struct bar_driver *drv)
{
	bar->dev.driver = &drv->driver;
	if (bar_connect(bar, drv))
		return -ENODEV;
	return device_register(&bar->dev);
}

static int __init bar_init(void)
{
	return driver_register(&bar_driver.driver);
}
