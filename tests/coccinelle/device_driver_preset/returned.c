/* A helper hands out a device with its driver preset; its callers
 * register it. */
struct device *chan_alloc_device(struct device_driver *driver, void *priv)
{
	struct device *dev;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return NULL;
	dev->bus = &chan_bus;
	dev->driver = driver;
	dev->release = chan_release;
	dev_set_drvdata(dev, priv);
	return dev;
}

/* The same, handing out the container. */
struct chan *chan_new(struct device_driver *driver)
{
	struct chan *c = kzalloc(sizeof(*c), GFP_KERNEL);

	if (!c)
		return NULL;
	device_initialize(&c->dev);
	c->dev.driver = driver;
	return c;
}
