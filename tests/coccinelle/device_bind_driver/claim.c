/* Claim without probe: reported as such, left alone. */
int iface_claim(struct iface_driver *driver, struct iface *iface, void *data)
{
	struct device *dev = &iface->dev;
	int retval = 0;

	if (dev->driver)
		return -EBUSY;
	dev->driver = &driver->driver;
	iface_set_data(iface, data);
	pm_runtime_enable(dev);
	if (device_is_registered(dev))
		retval = device_bind_driver(dev);
	if (retval) {
		dev->driver = NULL;
		iface_set_data(iface, NULL);
	}
	return retval;
}
