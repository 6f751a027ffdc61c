/* Look-alike: the driver is cleared, not preset, before the add. */
static int iface_add(struct usb_if *intf, struct usb_dev *udev)
{
	intf->dev.parent = &udev->dev;
	intf->dev.driver = NULL;
	intf->dev.bus = &if_bus;
	device_initialize(&intf->dev);
	return device_add(&intf->dev);
}

/* Look-alike: preset, then reset before the device is added. */
static int probe_then_add(struct device *dev, struct device_driver *drv)
{
	int err;

	dev->driver = drv;
	err = drv->probe(dev);
	dev->driver = NULL;
	if (err)
		return err;
	return device_add(dev);
}
