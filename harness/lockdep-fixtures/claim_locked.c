// SPDX-License-Identifier: GPL-2.0
/*
 * A fixture of the harness, not a test of the series: btusb's claim of its
 * MediaTek ISO interface as it was before "USB: claim interfaces with
 * device_driver_claim()". A work item takes the interface's device lock
 * and then calls usb_driver_claim_interface(), which takes that lock too
 * since that patch: a self-deadlock.
 *
 * Loaded after the data interface of QEMU's usb-net has been unbound from
 * cdc_ether. With lockdep classes for USB device locks, lockdep reports
 * the recursion when the work runs; without them, the work hangs without
 * a word. Either way the work never returns and keeps the interface's
 * lock: the guest must be thrown away (its init exits: no shutdown).
 */

#include <linux/completion.h>
#include <linux/module.h>
#include <linux/usb.h>
#include <linux/usb/cdc.h>
#include <linux/workqueue.h>

static struct usb_interface *claim_intf;
static DECLARE_COMPLETION(claim_done);
static int claim_err;

static int claim_locked_probe(struct usb_interface *intf,
			      const struct usb_device_id *id)
{
	return -ENODEV;
}

static void claim_locked_disconnect(struct usb_interface *intf)
{
}

/* No ID table: it binds only what it claims. */
static struct usb_driver claim_locked_driver = {
	.name = "claim_locked_fixture",
	.probe = claim_locked_probe,
	.disconnect = claim_locked_disconnect,
};

static int claim_locked_find(struct usb_device *udev, void *data)
{
	struct usb_host_config *config = udev->actconfig;
	int i;

	if (!config)
		return 0;
	for (i = 0; i < config->desc.bNumInterfaces; i++) {
		struct usb_interface *intf = config->interface[i];

		if (intf->cur_altsetting->desc.bInterfaceClass ==
		    USB_CLASS_CDC_DATA && !intf->dev.driver) {
			claim_intf = usb_get_intf(intf);
			return 1;
		}
	}
	return 0;
}

/* As btusb_mtk_claim_iso_intf() did from the HCI power-on work. */
static void claim_locked_work(struct work_struct *work)
{
	device_lock(&claim_intf->dev);
	claim_err = usb_driver_claim_interface(&claim_locked_driver,
					       claim_intf, NULL);
	device_unlock(&claim_intf->dev);
	complete(&claim_done);
}
static DECLARE_WORK(claim_work, claim_locked_work);

static int __init claim_locked_init(void)
{
	int err;

	err = usb_register(&claim_locked_driver);
	if (err)
		return err;
	usb_for_each_dev(NULL, claim_locked_find);
	if (!claim_intf) {
		pr_err("claim_locked: no unbound CDC data interface\n");
		usb_deregister(&claim_locked_driver);
		return -ENODEV;
	}
	pr_info("claim_locked: claiming %s from a work item that holds its lock\n",
		dev_name(&claim_intf->dev));
	schedule_work(&claim_work);
	if (wait_for_completion_timeout(&claim_done, 10 * HZ))
		pr_info("claim_locked: the claim returned %d\n", claim_err);
	else
		pr_info("claim_locked: the claim did not return within 10 s\n");
	/* Stays loaded: the work may never return. */
	__module_get(THIS_MODULE);
	return 0;
}
module_init(claim_locked_init);

MODULE_DESCRIPTION("btusb's old claim shape: claim an interface whose lock is held");
MODULE_LICENSE("GPL");
