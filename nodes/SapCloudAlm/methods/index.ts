import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { calmRequest } from '../helpers/api';
import { SERVICE } from '../helpers/constants';

/**
 * Project picker. The projects API has no documented name filter, so the list is filtered here;
 * an API error surfaces instead of an empty list (an empty list must mean "no projects").
 */
export async function searchProjects(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const response = await calmRequest.call(this, { method: 'GET', path: `${SERVICE.projects}/projects` });
	const projects = (Array.isArray(response) ? response : []) as IDataObject[];
	const needle = (filter ?? '').trim().toLowerCase();
	return {
		results: projects
			.filter((p) => !needle || String(p.name ?? '').toLowerCase().includes(needle) || String(p.id) === needle)
			.map((p) => ({ name: String(p.name ?? p.id), value: String(p.id) }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}

export const listSearch = { searchProjects };
