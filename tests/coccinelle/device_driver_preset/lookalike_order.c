/* Look-alike: the preset comes after the device was added (a driver
 * hack on a registered device), and another device is added. */
static int wire_add(struct wire *w, struct device_driver *drv)
{
	int err;

	err = device_add(&w->dev);
	if (err)
		return err;
	w->dev.driver = drv;
	return 0;
}

/* Look-alike: the preset is on one device, another one is registered. */
static int wire_pair(struct wire *a, struct wire *b, struct device_driver *drv)
{
	a->dev.driver = drv;
	return device_register(&b->dev);
}

/* Look-alike: the helper adds a different embedded device than the one
 * preset. */
int wire_add_ctl(struct wire *w)
{
	return device_add(&w->ctl);
}

static int wire_ctl(struct wire *w, struct device_driver *drv)
{
	w->dev.driver = drv;
	return wire_add_ctl(w);
}
