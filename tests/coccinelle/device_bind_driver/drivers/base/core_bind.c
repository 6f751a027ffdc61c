// The driver core's own call (a preset found by __device_attach()): no
// report, no org entry, no context mark, no rewrite.
static int __device_attach_preset(struct device *dev)
{
	int ret;

	ret = device_bind_driver(dev);
	if (ret)
		dev->driver = NULL;
	return ret;
}
