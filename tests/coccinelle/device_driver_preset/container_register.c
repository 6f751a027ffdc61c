/* The preset is on a container's embedded device, then registered. */
struct gadget {
	int id;
	struct device dev;
};

static int gadget_create(struct gadget *g, struct gadget_driver *gdrv)
{
	int ret;

	g->dev.bus = &gadget_bus;
	if (gdrv) {
		g->dev.driver = &gdrv->driver;
		ret = gdrv->setup ? gdrv->setup(g) : 0;
		if (ret)
			return ret;
	}
	ret = device_register(&g->dev);
	if (ret)
		put_device(&g->dev);
	return ret;
}

/* The same with the container held by value. */
static struct gadget the_gadget;

static int gadget_static_init(void)
{
	the_gadget.dev.bus = &gadget_bus;
	the_gadget.dev.driver = &gadget_fixed_driver.driver;
	return device_register(&the_gadget.dev);
}
