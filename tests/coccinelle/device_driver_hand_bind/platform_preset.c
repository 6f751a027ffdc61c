// A platform device added with the driver of this file preset.
static struct platform_driver aem_driver = {
	.driver = {
		.name = "aem",
	},
};

static int aem_new(int id)
{
	struct platform_device *pdev;
	int res;

	pdev = platform_device_alloc("aem", id);
	if (!pdev)
		return -ENOMEM;
	pdev->dev.driver = &aem_driver.driver;
	res = platform_device_add(pdev);
	if (res)
		platform_device_put(pdev);
	return res;
}

static int __init aem_init(void)
{
	return platform_driver_register(&aem_driver);
}
