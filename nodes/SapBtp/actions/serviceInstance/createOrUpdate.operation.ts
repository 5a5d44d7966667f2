import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { BtpSession } from '../../api/session';
import { upsert, upsertProperties } from './upsert';

export const description = updateDisplayOptions({ show: { resource: ['serviceInstance'], operation: ['createOrUpdate'] } }, upsertProperties(true));

/** Creates the instance, or adopts the one of that name and PATCHes its parameters if they differ. */
export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject> {
	return await upsert.call(this, i, session, true);
}
