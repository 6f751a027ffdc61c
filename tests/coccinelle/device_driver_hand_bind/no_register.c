// A bus preset in a file that registers no driver: the rule does not read
// the file (its prefilter wants a driver registration), so nothing is
// reported.
static int nr_add(struct device *dev, struct device_driver *drv)
{
	dev->bus = &nr_bus_type;
	dev->driver = drv;
	return device_add(dev);
}
