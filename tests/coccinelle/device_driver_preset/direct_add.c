/* A bus adds a device whose driver it has already chosen: device_add()
 * binds it with device_bind_driver(), no probe runs. */
static int widget_new(struct device *parent, struct device_driver *drv)
{
	struct device *dev;
	int ret;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	device_initialize(dev);
	dev->parent = parent;
	dev->bus = &widget_bus;
	dev->driver = drv;
	dev->release = widget_release;
	ret = device_add(dev);
	if (ret)
		put_device(dev);
	return ret;
}
