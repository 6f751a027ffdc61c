// The same with the bus set after the driver, on an embedded device.
static int qux_register(struct qux *q)
{
	q->dev.driver = &qux_driver;
	q->dev.bus = &qux_bus_type;
	q->dev.release = qux_release;
	return device_register(&q->dev);
}

static int __init bus_preset_after_init(void)
{
	return driver_register(&bus_preset_after_driver);
}
