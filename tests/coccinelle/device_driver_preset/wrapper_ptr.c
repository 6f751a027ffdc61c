/* The helper adds the struct device it is given. */
static int knot_add_dev(struct device *dev, int id)
{
	dev->bus = &knot_bus;
	dev_set_name(dev, "knot%d", id);
	return device_add(dev);
}

static int knot_new(struct knot *k, struct device_driver *drv)
{
	device_initialize(&k->dev);
	k->dev.driver = drv;
	return knot_add_dev(&k->dev, k->id);
}
