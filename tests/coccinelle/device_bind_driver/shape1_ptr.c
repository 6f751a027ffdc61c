/* Shape 1 through a pointer, but the bind unwind falls through: left alone. */
static int bar_bind(struct device *dev, struct device_driver *drv)
{
	int ret;

	dev->driver = drv;
	if (drv->probe(dev)) {
		dev->driver = NULL;
		return -ENODEV;
	}
	ret = device_bind_driver(dev);
	if (ret) {
		drv->remove(dev);
		dev->driver = NULL;
	}
	return ret;
}
