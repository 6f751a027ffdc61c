// mac80211_hwsim claims its radios: allowed.
static int hwsim_bind(struct mac80211_hwsim_data *data)
{
	int err;

	device_lock(data->dev);
	err = device_driver_claim(&mac80211_hwsim_driver.driver, data->dev);
	device_unlock(data->dev);
	return err;
}
