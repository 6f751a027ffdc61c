// usbcore claims an interface for a driver: allowed.
int usb_claim(struct usb_driver *driver, struct usb_interface *iface)
{
	struct device *dev = &iface->dev;
	int ret;

	device_lock(dev);
	ret = device_driver_claim(&driver->driver, dev);
	device_unlock(dev);
	return ret;
}
