// A module outside usbcore and mac80211_hwsim probes by hand, then claims.
static int foo_take(struct foo *foo, struct foo_driver *drv)
{
	int ret;

	device_lock(&foo->dev);
	foo->dev.driver = &drv->driver;
	ret = drv->probe(foo);
	if (!ret)
		ret = device_driver_claim(&drv->driver, &foo->dev);
	device_unlock(&foo->dev);
	return ret;
}
