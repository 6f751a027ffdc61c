// The driver core's own test of a preset: not reported.
static void preset_case(struct kunit *test)
{
	dev.bus = &test_bus;
	dev.driver = &test_drv;
	KUNIT_ASSERT_EQ(test, device_add(&dev), 0);
}

static int __init preset_core_init(void)
{
	return driver_register(&preset_core_driver);
}
