// Names that only look like the claim: not reported.
static int bar(struct device *dev, struct device_driver *drv)
{
	int (*claim)(struct device_driver *, struct device *) = my_claim;

	my_device_driver_claim(drv, dev);
	return claim(drv, dev);
}
