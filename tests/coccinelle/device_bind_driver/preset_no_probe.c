/* Class device bound by hand with no probe: reported, left alone. */
static int radio_new(struct radio *data, int idx)
{
	int err;

	data->dev = device_create(radio_class, NULL, 0, data, "radio%d", idx);
	if (IS_ERR(data->dev))
		return -ENOMEM;
	data->dev->driver = &radio_driver.driver;
	err = device_bind_driver(data->dev);
	if (err != 0)
		goto failed_bind;
	return 0;
failed_bind:
	device_unregister(data->dev);
	return err;
}
