/**
 * The one place Service Manager query strings are written. SM filters lists with `fieldQuery` and
 * `labelQuery` in one language: `<key> <operator> <value>`, criteria joined by ` and `, string
 * values as literals in single quotes with a quote inside doubled (Peripli/service-manager
 * pkg/query/Query.g4; SAP's operator joins its criteria the same way, client/sm/parameters.go
 * Encode). SAP's operator puts
 * names into the quotes as they are (client/sm/client.go getPlanInfo: `catalog_name eq '%s'`);
 * here every value is a literal with its single quotes doubled, so a name holding a quote stays
 * one value and cannot add a criterion.
 */

/** A query of SM's language; only this file makes one (callers compose them). */
export class SmQuery {
	private constructor(readonly text: string) {}

	/** @internal the builders below */
	static of(text: string): SmQuery {
		return new SmQuery(text);
	}

	toString(): string {
		return this.text;
	}
}

/** The fields the node filters on (SM's field names). */
export type SmField =
	| 'name'
	| 'catalog_name'
	| 'data_center'
	| 'platform_id'
	| 'service_offering_id'
	| 'service_plan_id'
	| 'service_instance_id';

/** A string literal of SM's query language (single quotes, doubled inside). */
export const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** `field eq 'value'` */
export const eq = (field: SmField, value: string) => SmQuery.of(`${field} eq ${literal(value)}`);

/** `field ne 'value'` */
export const ne = (field: SmField, value: string) => SmQuery.of(`${field} ne ${literal(value)}`);

/** `field in ('a', 'b')` */
export const isIn = (field: SmField, values: string[]) => SmQuery.of(`${field} in (${values.map(literal).join(', ')})`);

/** All criteria at once (` and `, as SM and SAP's operator join them). */
export const and = (...criteria: SmQuery[]) => SmQuery.of(criteria.map((c) => c.text).join(' and '));

/** A label criterion: `key eq 'value'` (label keys are the user's, not SM's fields). */
export const labelEq = (key: string, value: string) => SmQuery.of(`${key} eq ${literal(value)}`);

/**
 * A query the user wrote in SM's language (Get Many's Field Query and Label Query): sent as
 * written, SM parses it and says what it does not understand.
 */
export const userQuery = (text: string) => SmQuery.of(text);

/** The platform of instances created through the Service Manager API (not CF, not Kyma). */
export const SM_PLATFORM = 'service-manager';

/** Instances of Service Manager's own platform: names are unique only there. */
export const onSmPlatform = () => eq('platform_id', SM_PLATFORM);

/** Offerings of the default data center (`data_center eq ''`, as SAP's operator and crossplane look them up). */
export const inDefaultDataCenter = () => eq('data_center', '');
