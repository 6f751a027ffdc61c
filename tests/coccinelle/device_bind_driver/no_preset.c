/* device_bind_driver() with ->driver set by the caller: reported, left alone. */
static int wub_finish_bind(struct device *dev)
{
	int err;

	err = device_bind_driver(dev);
	if (err)
		dev_err(dev, "bind: %d\n", err);
	return err;
}
