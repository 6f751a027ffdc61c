/* Look-alike: a bus's own bind of a registered device (drvctl): preset,
 * connect by hand, device_bind_driver(). No device_add() follows. */
static int port_bind_driver(struct port *port, struct port_driver *drv)
{
	int error;

	port->dev.driver = &drv->driver;
	if (port_connect_driver(port, drv)) {
		port->dev.driver = NULL;
		return -ENODEV;
	}
	error = device_bind_driver(&port->dev);
	if (error) {
		port_disconnect_driver(port);
		port->dev.driver = NULL;
		return error;
	}
	return 0;
}

/* Look-alike: a class device already added by device_create(), then
 * given a driver (and returned). */
static struct device *radio_new(struct radio *data, int idx)
{
	struct device *dev;

	dev = device_create(radio_class, NULL, 0, data, "radio%d", idx);
	if (IS_ERR(dev))
		return dev;
	dev->driver = &radio_driver.driver;
	return dev;
}

/* Look-alike: a registered port given an owner-only driver, then a
 * child device is added. */
static int port_role_switch(struct port *port)
{
	port->dev.driver = devm_kzalloc(&port->dev, sizeof(*port->dev.driver),
					GFP_KERNEL);
	if (!port->dev.driver)
		return -ENOMEM;
	port->sw.dev.parent = &port->dev;
	return device_add(&port->sw.dev);
}

/* Look-alike: a device it was given (already added by its owner) handed
 * back with a driver: nothing says it is new, it has no release here. */
static struct device *port_pick(struct device *dev, struct device_driver *drv)
{
	dev->driver = drv;
	return dev;
}
