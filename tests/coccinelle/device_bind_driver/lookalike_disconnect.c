// A disconnect or reconnect is not a hand-called probe: with the driver
// preset, this is left alone as a preset with no probe.
static int foo_rebind(struct foo *foo, struct foo_driver *drv)
{
	int ret;

	foo->dev.driver = &drv->driver;
	if (foo_reconnect_driver(foo, drv)) {
		foo->dev.driver = NULL;
		return -ENODEV;
	}
	ret = device_bind_driver(&foo->dev);
	if (ret) {
		drv->disconnect(foo);
		foo->dev.driver = NULL;
		return ret;
	}
	return 0;
}
