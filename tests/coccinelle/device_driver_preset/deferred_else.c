/* Claim without probe, the preset made only for a device not added yet:
 * a registered one is bound at once by the caller's own helper. */
int link_claim_locked(struct link_driver *driver, struct link *link)
{
	struct device *dev = &link->dev;
	int retval = 0;

	if (dev->driver)
		return -EBUSY;
	link->claimed = 1;
	if (device_is_registered(dev))
		retval = link_bind_now(driver, dev);
	else
		dev->driver = &driver->driver;
	return retval;
}

/* The same with the test the other way round and a block. */
int link_claim_late(struct link_driver *driver, struct link *link)
{
	if (!device_is_registered(&link->dev)) {
		link->claimed = 1;
		link->dev.driver = &driver->driver;
		return 0;
	}
	return link_bind_now(driver, &link->dev);
}
