import type { AllEntities } from 'n8n-workflow';

/**
 * Every resource of the SAP BTP node and its operations (the `value`s of the Resource and
 * Operation options; saved workflows store them, so they never change). The router's map is typed
 * by this, so an operation missing from it or misspelt is a compile error.
 */
export type SapBtpMap = {
	entitlement: 'configure' | 'get' | 'list';
	serviceInstance: 'create' | 'createOrUpdate' | 'get' | 'list' | 'update' | 'delete';
	serviceBinding: 'create' | 'get' | 'list' | 'delete' | 'rotate';
	cloudAlmApi: 'enable' | 'connectN8n' | 'inventory' | 'disable';
};

/** One {resource, operation} pair of the node. */
export type SapBtpType = AllEntities<SapBtpMap>;
