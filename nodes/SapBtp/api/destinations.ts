/**
 * Destination service client, subaccount level: THE place its paths are built. Transport only:
 * read one destination by name, create one (adopting what a lost answer or a 409 left), overwrite one.
 *
 * SAP's API: `<uri>/destination-configuration/v1/subaccountDestinations` (POST and PUT take the
 * destination's properties as one JSON object) and `…/subaccountDestinations/{name}` (GET, DELETE);
 * the subaccount is the one of the token (SAP-docs/btp-connectivity
 * calling-the-destination-service-rest-api-84c5d38.md; SAP's OpenAPI "SAP_CP_CF_Connectivity_Destination"
 * as generated into SAP Cloud SDK clients, `DestinationsOnSubaccountLevelApi`).
 */
import type { IDataObject } from 'n8n-workflow';
import { callApi, createOrAdopt } from '../../shared/transport';
import type { BtpSession } from './session';

const SUBACCOUNT_DESTINATIONS = '/destination-configuration/v1/subaccountDestinations';
const STEP = 'Write the destination';

/** A destination's properties as the Destination service stores them (`Name`, `Type`, `URL`, `Authentication`, …). */
export type DestinationProperties = IDataObject & { Name: string };

export class DestinationClient {
	constructor(private readonly session: BtpSession) {}

	private async collectionUrl(): Promise<string> {
		return `${(await this.session.destinationKey()).destinationUrl}${SUBACCOUNT_DESTINATIONS}`;
	}

	/** The destination of this name, or undefined (404). */
	async get(name: string): Promise<DestinationProperties | undefined> {
		const answer = await callApi<DestinationProperties>(this.session.ctx, this.session.transport, this.session.destinationAuth, {
			service: 'destination',
			step: 'Find the destination',
			method: 'GET',
			url: `${await this.collectionUrl()}/${encodeURIComponent(name)}`,
			okStatuses: [404],
		});
		if (answer.status === 404) return undefined;
		// the by-name read answers the properties; some answers wrap them (`destinationConfiguration`)
		const body = answer.body as IDataObject;
		return ((body?.destinationConfiguration as DestinationProperties | undefined) ?? (body as DestinationProperties)) || undefined;
	}

	/** POST; a 409 or a lost answer is answered by reading the destination by name (never a second POST of one that exists). */
	async create(destination: DestinationProperties): Promise<{ created: true } | { created: false; existing: DestinationProperties }> {
		const result = await createOrAdopt(
			this.session.ctx,
			this.session.transport,
			this.session.destinationAuth,
			{
				service: 'destination',
				step: STEP,
				method: 'POST',
				url: await this.collectionUrl(),
				body: destination,
				what: `creating the destination "${destination.Name}"`,
			},
			async () => await this.get(destination.Name),
		);
		return result.kind === 'created' ? { created: true } : { created: false, existing: result.existing };
	}

	/** PUT (overwrites all properties); false when SAP says there is no destination of that name (404). */
	async update(destination: DestinationProperties): Promise<boolean> {
		const answer = await callApi(this.session.ctx, this.session.transport, this.session.destinationAuth, {
			service: 'destination',
			step: STEP,
			method: 'PUT',
			url: await this.collectionUrl(),
			body: destination,
			okStatuses: [404],
			what: `updating the destination "${destination.Name}"`,
		});
		return answer.status !== 404;
	}
}
