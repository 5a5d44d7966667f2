import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { BtpSession } from '../../api/session';
import { upsert, upsertProperties } from './upsert';

export const description = updateDisplayOptions({ show: { resource: ['serviceInstance'], operation: ['create'] } }, upsertProperties(false));

/** Creates the instance; an existing one of that name is reused as it is ("reused"), never duplicated. */
export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject> {
	return await upsert.call(this, i, session, false);
}
