/* The helper reaches the embedded device through a local pointer. */
int blob_add(struct blob *b)
{
	struct device *dev = &b->dev;

	if (!dev->parent)
		dev->parent = &blob_root;
	dev->bus = &blob_bus;
	return device_add(dev);
}

static int blob_setup(struct blob *b)
{
	device_initialize(&b->dev);
	b->dev.driver = &blob_fixed_driver;
	return blob_add(b);
}
