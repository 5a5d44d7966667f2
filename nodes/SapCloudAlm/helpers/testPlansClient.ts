/**
 * SAP Cloud ALM Test Plans (CALM_TM_PLAN, BETA, OData v4): the one place their paths and queries are
 * built. The CloudAlmClient exposes it as `session.calm.testPlans`.
 *
 * `/calm-testmanagement-testplans/v1/TestPlans`, list and read by uuid (consetto/calmcp
 * docs/API_VERSIONS.md CALM_TM_PLAN, src/tools/registry.ts; the set also has TestCaseAssignments and
 * TagAssignments, whose shapes are not published). Scope calm-api.testplans.read (SAP's API Scopes
 * table lists no write scope). Paging: the service's `@odata.nextLink`/`@nextLink` (paging.ts odataList).
 */
import type { IDataObject } from 'n8n-workflow';
import { odataList, type ListLimit } from './paging';
import { calmRequest } from './request';
import type { CloudAlmSession } from './session';
import { filterQuery, type TestCaseQuery } from './testManagementClient';
import type { IdSegment } from './validation';

const TEST_PLANS = '/calm-testmanagement-testplans/v1/TestPlans';

export class TestPlansClient {
	constructor(private readonly session: CloudAlmSession) {}

	async list(query: TestCaseQuery, limit: ListLimit): Promise<IDataObject[]> {
		return await odataList(this.session, TEST_PLANS, filterQuery(query), limit);
	}

	async get(uuid: IdSegment): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'GET', path: `${TEST_PLANS}/${uuid}` })) as IDataObject;
	}
}
