// A device with no bus: the driver is an owner tag, device_add() binds
// nothing. Not reported.
static int port_create(struct port *port)
{
	port->dev.driver = &port_driver;
	port->dev.type = &port_type;
	return device_register(&port->dev);
}

static int __init port_init(void)
{
	return driver_register(&port_driver);
}
