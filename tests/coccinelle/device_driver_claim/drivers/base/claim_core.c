// The driver core's own use (and its tests): not reported.
static void claim_case(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, device_driver_claim(&drv, &dev), 0);
}
