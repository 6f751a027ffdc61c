/* Shape 1, device embedded: preset, connect with unwind, bind with unwind. */
static int foo_bind_driver(struct foo *foo, struct foo_driver *drv)
{
	int error;

	foo->dev.driver = &drv->driver;
	if (foo_connect_driver(foo, drv)) {
		foo->dev.driver = NULL;
		return -ENODEV;
	}

	error = device_bind_driver(&foo->dev);
	if (error) {
		dev_warn(&foo->dev, "bind failed: %d\n", error);
		foo_disconnect_driver(foo);
		foo->dev.driver = NULL;
		return error;
	}
	return 0;
}
