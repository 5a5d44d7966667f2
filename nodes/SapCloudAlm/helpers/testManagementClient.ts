/**
 * SAP Cloud ALM Test Management (CALM_TM, OData v4): the one place its paths, bodies and queries are
 * built. The CloudAlmClient exposes it as `session.calm.testManagement`.
 *
 * `/calm-testmanagement/v1/ManualTestCases` with nested `toActivities` → `toActions` (SAP-samples/
 * cloud-alm-api-examples jupyternotebooks/calm-tm-manual-test-cases-api-v1.ipynb; consetto/calmcp
 * docs/API_VERSIONS.md CALM_TM 1.0.5, src/tools/registry.ts). Updates and deletes carry `If-Match`
 * with the test case's ETag: SAP's sample reads the test case first and sends its `modifiedAt`
 * ("the latest ETag"); an OData v4 entity also carries it as `@odata.etag`. A stale ETag answers
 * 412; a missing one 428 (CAP's answer; SAP's guide does not say) — the node never sends none.
 * Scopes: calm-api.testcases.read / .write / .delete (SAP's API Scopes table).
 *
 * Automated test cases: `/calm-testmanagement/v1/AutomatedTestCases`, list and read (consetto/calmcp
 * src/tools/registry.ts). No public source creates them or reports a result into Cloud ALM: test
 * automation is a pull model, Cloud ALM calls the test tool (SAP Learning "Planning and Executing
 * Testing"; praman.dev "Cloud ALM Integration"), so the node only reads them.
 */
import { NodeOperationError, type IDataObject, type NodeApiError } from 'n8n-workflow';
import { odataList, type ListLimit } from './paging';
import { calmRequest } from './request';
import type { CloudAlmSession } from './session';
import { andFilters, odataString, type IdSegment } from './validation';

const TEST_CASES = '/calm-testmanagement/v1/ManualTestCases';
const AUTOMATED_TEST_CASES = '/calm-testmanagement/v1/AutomatedTestCases';

/**
 * SAP "What's New for SAP Cloud ALM APIs", Q3 2026, Test Cases API: `status` was renamed to
 * `isPrepared` and `priority` to `priorityCode`. The node writes the new names only.
 */
export const RENAMED_TEST_CASE_ATTRIBUTES: Readonly<Record<string, string>> = { status: 'isPrepared', priority: 'priorityCode' };

/** Options of the test cases list (OData system query options). */
export interface TestCaseQuery {
	projectId?: string;
	/** an OData `$filter` expression of the user's, ANDed with the project */
	filter?: string;
}

/** What an update or delete sent as If-Match, and whether the node had to read it first. */
export interface EtagUse {
	etag: string;
	readByNode: boolean;
}

/** `$filter` of the project ANDed with the user's expression (the user's in parentheses). */
export function filterQuery(query: TestCaseQuery): IDataObject {
	const $filter = andFilters([query.projectId ? `projectId eq ${odataString(query.projectId)}` : undefined], query.filter);
	return $filter ? { $filter } : {};
}

export class TestManagementClient {
	constructor(private readonly session: CloudAlmSession) {}

	/** Every page the service sends (`@odata.nextLink`), or `$top` = Limit. */
	async list(query: TestCaseQuery, limit: ListLimit): Promise<IDataObject[]> {
		return await odataList(this.session, TEST_CASES, filterQuery(query), limit);
	}

	/** Automated test cases (read-only), paged as the manual ones. */
	async listAutomated(query: TestCaseQuery, limit: ListLimit): Promise<IDataObject[]> {
		return await odataList(this.session, AUTOMATED_TEST_CASES, filterQuery(query), limit);
	}

	async getAutomated(uuid: IdSegment): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'GET', path: `${AUTOMATED_TEST_CASES}/${uuid}` })) as IDataObject;
	}

	/** One test case; with its activities (and their actions) through `$expand` when asked. */
	async get(uuid: IdSegment, expand: 'none' | 'activities' | 'actions' = 'none'): Promise<IDataObject> {
		const qs: IDataObject = {};
		if (expand === 'activities') qs.$expand = 'toActivities';
		if (expand === 'actions') qs.$expand = 'toActivities($expand=toActions)';
		return (await calmRequest(this.session, { method: 'GET', path: `${TEST_CASES}/${uuid}`, qs })) as IDataObject;
	}

	/** Deep create: nested `toActivities` with their `toActions` in one POST (SAP's sample). */
	async create(body: IDataObject): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'POST', path: TEST_CASES, body })) as IDataObject;
	}

	async update(uuid: IdSegment, body: IDataObject, etag: string | undefined): Promise<{ entity: IDataObject; etag: EtagUse }> {
		const use = await this.etagFor(uuid, etag);
		const entity = (await this.conditional(uuid, use, { method: 'PATCH', path: `${TEST_CASES}/${uuid}`, body })) as IDataObject;
		return { entity, etag: use };
	}

	async delete(uuid: IdSegment, etag: string | undefined): Promise<EtagUse> {
		const use = await this.etagFor(uuid, etag);
		await this.conditional(uuid, use, { method: 'DELETE', path: `${TEST_CASES}/${uuid}` });
		return use;
	}

	/** The user's ETag, or the current one read from the test case (`@odata.etag`, else `modifiedAt` as SAP's sample). */
	private async etagFor(uuid: IdSegment, given: string | undefined): Promise<EtagUse> {
		if (given) return { etag: given, readByNode: false };
		const current = await this.get(uuid);
		const etag = current['@odata.etag'] ?? current.modifiedAt;
		if (typeof etag !== 'string' || !etag) {
			throw new NodeOperationError(this.session.node, `SAP Cloud ALM sent test case ${uuid} without an ETag (@odata.etag or modifiedAt), so If-Match cannot be sent`);
		}
		return { etag, readByNode: true };
	}

	/** A PATCH or DELETE with If-Match; 412 and 428 become messages that say what to do. */
	private async conditional(uuid: IdSegment, use: EtagUse, req: { method: string; path: string; body?: IDataObject }): Promise<unknown> {
		try {
			return await calmRequest(this.session, { ...req, headers: { 'If-Match': use.etag } });
		} catch (error) {
			throw this.explained(error as NodeApiError | NodeOperationError, uuid, use, req.method);
		}
	}

	/** 412 and 428 as messages that say what to do; any other failure as it came. */
	private explained(error: NodeApiError | NodeOperationError, uuid: IdSegment, use: EtagUse, method: string): NodeApiError | NodeOperationError {
		const code = String((error as { httpCode?: unknown }).httpCode ?? '');
		if (code === '412') {
			return new NodeOperationError(
				this.session.node,
				`SAP Cloud ALM refused ${method} of test case ${uuid} (412 Precondition Failed): it changed since the ETag ${use.etag} was read. ` +
					'Leave ETag empty so the node reads the current one, or get the test case again.',
			);
		}
		if (code === '428') {
			return new NodeOperationError(this.session.node, `SAP Cloud ALM refused ${method} of test case ${uuid} (428 Precondition Required): it needs If-Match with the test case's ETag`);
		}
		return error;
	}
}
