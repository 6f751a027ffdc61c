/* A bus helper of the same file adds its argument's embedded device. */
struct thing {
	struct device dev;
	int id;
};

int thing_register(struct thing *t)
{
	t->dev.bus = &thing_bus;
	dev_set_name(&t->dev, "thing%d", t->id);
	return device_register(&t->dev);
}

static int thing_new(struct thing *t, struct thing_driver *tdrv)
{
	t->dev.driver = &tdrv->driver;
	return thing_register(t);
}

/* No preset before the helper: nothing to report. */
static int thing_plain(struct thing *t)
{
	return thing_register(t);
}
