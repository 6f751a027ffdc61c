/* Shape 2: bus probe called by hand, errors jump to a shared unwind. */
struct baz_dev *baz_request(struct baz_card *card, struct baz_driver *drv)
{
	struct baz_dev *dev = baz_first(card);

	dev->link = card;
	dev->dev.driver = &drv->link.driver;
	if (baz_bus_type.probe(&dev->dev))
		goto err_out;
	if (device_bind_driver(&dev->dev))
		goto err_out;
	return dev;

err_out:
	dev->dev.driver = NULL;
	dev->link = NULL;
	return NULL;
}
