// disconnect and reconnect are not a hand-called connect, and the device
// gets no bus: not reported.
static int quux_redo(struct quux *q, struct quux_driver *drv)
{
	q->dev.driver = &drv->driver;
	drv->disconnect(q);
	quux_reconnect(q);
	return device_add(&q->dev);
}

static int __init quux_init(void)
{
	return driver_register(&quux_driver.driver);
}
