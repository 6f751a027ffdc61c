/* Look-alike of shape 1 whose first check is not a probe and whose bind
 * error jumps to a cleanup: nothing may be deleted; reported as a preset
 * with no probe. */
static int fob_bind(struct fob *f)
{
	int ret;

	mutex_lock(&fob_lock);
	f->dev.driver = &fob_driver.driver;
	if (!try_module_get(fob_driver.owner)) {
		f->dev.driver = NULL;
		mutex_unlock(&fob_lock);
		return -EIO;
	}
	ret = device_bind_driver(&f->dev);
	if (ret)
		goto out;
	f->bound = true;
out:
	mutex_unlock(&fob_lock);
	return ret;
}
