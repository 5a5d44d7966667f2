/**
 * Whether SAP created a key (and Rotate must leave it alone). SAP creates keys on the Cloud ALM API
 * instance it generates for tenants provisioned from 2023-10-16 (SAP-docs/cloud-alm-setup-admin-guide
 * binding-credentials-of-the-sap-cloud-alm-api-service-instance-6c734bd.md) and keys for the
 * managed systems it connects, named `<SID>_<client>_<system number>` (SAP-docs/cloud-alm-setup-
 * admin-guide managing-your-service-credentials-87b7851.md). A binding this node created (its
 * ownership label) is never SAP's.
 */
import type { ServiceManagerClient, SmBinding } from './serviceManager';
import { createdByThisNode, resolvePlan } from './serviceManager';
import { findSapGeneratedInstance } from './sapGenerated';
import { CLOUD_ALM_OFFERING, CLOUD_ALM_PLAN } from '../helpers/xsSecurity';

/** `<SID>_<client>_<system number>`: SID of three characters (letter first), client 3 digits, number 2 digits. */
export const MANAGED_SYSTEM_KEY_NAME = /^[A-Z][A-Z0-9]{2}_\d{3}_\d{2}$/;

/** Why SAP created this binding, or undefined when it did not. Reads only. */
export async function sapCreatedKeyReason(sm: ServiceManagerClient, binding: SmBinding): Promise<string | undefined> {
	if (createdByThisNode(binding)) return undefined;
	if (MANAGED_SYSTEM_KEY_NAME.test(binding.name)) {
		return `Its name has the form <SID>_<client>_<system number> of the keys SAP creates for managed systems.`;
	}
	let planId: string;
	try {
		({ planId } = await resolvePlan(sm, CLOUD_ALM_OFFERING, CLOUD_ALM_PLAN));
	} catch {
		return undefined; // no Cloud ALM API plan in this subaccount: no instance SAP generated
	}
	const generated = await findSapGeneratedInstance(sm, planId, '').catch(() => undefined);
	if (generated && generated.id === binding.service_instance_id) {
		return `It is a key of the instance SAP generated for the tenant ("${generated.name}") that this node did not create.`;
	}
	return undefined;
}
