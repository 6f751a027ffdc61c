/* Driver-core helpers that add a platform device's embedded device. */
static int sensor_add(struct sensor *data)
{
	int res;

	data->pdev = platform_device_alloc("sensor", data->id);
	if (!data->pdev)
		return -ENOMEM;
	data->pdev->dev.driver = &sensor_driver.driver;
	res = platform_device_add(data->pdev);
	if (res)
		platform_device_put(data->pdev);
	return res;
}

static int bmc_register(struct bmc *bmc)
{
	bmc->pdev.name = "bmc";
	bmc->pdev.dev.driver = &bmc_driver.driver;
	bmc->pdev.dev.release = bmc_release;
	return platform_device_register(&bmc->pdev);
}
