/* Claim without probe: bound now if registered, else by the
 * device_add() that registers the device later. */
int link_claim(struct link_driver *driver, struct link *link)
{
	struct device *dev = &link->dev;
	int retval = 0;

	if (dev->driver)
		return -EBUSY;
	dev->driver = &driver->driver;
	link->claimed = 1;
	if (device_is_registered(dev))
		retval = device_bind_driver(dev);
	if (retval)
		dev->driver = NULL;
	return retval;
}
