/* device_initialize(), then the preset, then device_add() on a path
 * that branches and unwinds: still found. */
static int port_add(struct port *port, struct hub *hub, int n)
{
	int err;

	device_initialize(&port->dev);
	port->dev.parent = hub->dev;
	port->dev.type = &port_type;
	port->dev.driver = &port_driver;
	err = dev_set_name(&port->dev, "port%d", n);
	if (err)
		goto out_put;
	if (hub->quirky)
		port->dev.groups = port_quirk_groups;
	else
		port->dev.groups = port_groups;
	err = device_add(&port->dev);
	if (err)
		goto out_put;
	return 0;
out_put:
	put_device(&port->dev);
	return err;
}
