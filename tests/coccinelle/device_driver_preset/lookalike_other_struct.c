/* Look-alike: a container's own driver field, not its struct device's. */
struct hdev {
	struct host_driver *driver;
	struct device dev;
};

static int hdev_add(struct hdev *h, struct host_driver *driver)
{
	device_initialize(&h->dev);
	h->driver = driver;
	h->dev.bus = &host_bus;
	return device_add(&h->dev);
}

/* Look-alike: a bus probe sets its own device's typed driver field. */
static int pcix_probe(struct pcix_dev *pdev, struct pcix_driver *pdrv)
{
	int rc;

	pdev->driver = pdrv;
	rc = pdrv->probe(pdev);
	if (rc < 0)
		pdev->driver = NULL;
	return rc;
}

/* Look-alike: a master structure's driver pointer, then the embedded
 * device is registered. */
static int master_new(struct master *m, struct device_driver *driver)
{
	m->driver = driver;
	return device_register(&m->dev);
}

/* Look-alike: an allocator hands out a structure with its own driver
 * pointer; nothing says it is a struct device. */
struct hcd *hcd_create(const struct hc_driver *driver)
{
	struct hcd *hcd;

	hcd = kzalloc(sizeof(*hcd), GFP_KERNEL);
	if (!hcd)
		return NULL;
	hcd->driver = driver;
	return hcd;
}
