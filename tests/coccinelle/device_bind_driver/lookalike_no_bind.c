/* Look-alike: a driver preset and a probe call, but no device_bind_driver():
 * nothing to report, nothing to change. */
static int zap_setup(struct zap *z)
{
	z->dev.driver = &zap_driver.driver;
	if (zap_probe(z)) {
		z->dev.driver = NULL;
		return -ENODEV;
	}
	return 0;
}

/* Look-alike: the new API already. */
static int zap_bind(struct zap *z)
{
	return device_driver_attach(&zap_driver.driver, &z->dev);
}
