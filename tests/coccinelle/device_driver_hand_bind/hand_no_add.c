// A hand probe on a device that is already added: nothing records the
// bind, and the rule (which only reads files that add a device) is silent.
static int late_bind(struct late *l, struct late_driver *drv)
{
	l->dev.driver = &drv->driver;
	return drv->probe(l);
}

static int __init hand_no_add_init(void)
{
	return driver_register(&hand_no_add_driver);
}
