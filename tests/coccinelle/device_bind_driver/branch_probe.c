/* Preset in one branch, probe in another: reported, left alone. */
static int qux_attach(struct qux *q)
{
	struct device *d = &q->mdio.dev;
	bool generic = false;
	int err;

	if (!d->driver) {
		d->driver = &qux_generic_driver.driver;
		generic = true;
	}
	if (!try_module_get(d->driver->owner))
		return -EIO;
	if (generic) {
		err = d->driver->probe(d);
		if (err >= 0)
			err = device_bind_driver(d);
		if (err)
			goto put;
	}
	return 0;
put:
	module_put(d->driver->owner);
	return err;
}
