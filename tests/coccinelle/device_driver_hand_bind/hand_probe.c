// Driver stored, probed by hand, then the device added: reported once,
// as a hand probe (not again as a preset).
static struct bus_type foo_bus;

static int foo_new(struct foo *foo, struct foo_driver *drv)
{
	int ret;

	foo->dev.bus = &foo_bus;
	foo->dev.driver = &drv->driver;
	ret = drv->probe(foo);
	if (ret)
		return ret;
	return device_add(&foo->dev);
}

static int __init hand_probe_init(void)
{
	return driver_register(&hand_probe_driver);
}
