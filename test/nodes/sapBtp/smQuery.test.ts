/**
 * The Service Manager query builder (nodes/SapBtp/api/serviceManager/query.ts): literals escaped,
 * criteria composed with " and ", and what it writes read back by the simulator's parser of SM's
 * query language (the same values, one criterion per part, no criterion smuggled in by a quote).
 */
import { and, eq, inDefaultDataCenter, isIn, labelEq, literal, ne, onSmPlatform, userQuery } from '../../../nodes/SapBtp/api/serviceManager/query';
import { matchesFields, parseFieldQuery, parseLabelQuery } from '../../../simulator/services/serviceManager/query';

const FIELDS = new Set(['name', 'catalog_name', 'data_center', 'platform_id', 'service_offering_id', 'service_plan_id', 'service_instance_id']);

describe('SM query builder', () => {
	it('writes literals in single quotes with a quote inside doubled', () => {
		expect(literal('cloud-alm-api')).toBe("'cloud-alm-api'");
		expect(literal("o'brien")).toBe("'o''brien'");
		expect(literal("''")).toBe("''''''");
		expect(literal('')).toBe("''");
	});

	it('writes one criterion per builder and joins criteria with " and "', () => {
		expect(eq('name', 'x').toString()).toBe("name eq 'x'");
		expect(ne('platform_id', 'service-manager').toString()).toBe("platform_id ne 'service-manager'");
		expect(isIn('service_offering_id', ['a', "b'c"]).toString()).toBe("service_offering_id in ('a', 'b''c')");
		expect(and(eq('name', 'x'), onSmPlatform()).toString()).toBe("name eq 'x' and platform_id eq 'service-manager'");
		expect(and(eq('catalog_name', 'SAPCloudALMAPIs'), inDefaultDataCenter()).toString()).toBe("catalog_name eq 'SAPCloudALMAPIs' and data_center eq ''");
		expect(and(eq('name', 'a'), and(eq('service_instance_id', 'b'), eq('service_plan_id', 'c'))).toString()).toBe(
			"name eq 'a' and service_instance_id eq 'b' and service_plan_id eq 'c'",
		);
		expect(labelEq('team', 'alm').toString()).toBe("team eq 'alm'");
	});

	it("passes the user's own query through as written", () => {
		expect(userQuery("service_plan_id eq 'x' and name ne 'y'").toString()).toBe("service_plan_id eq 'x' and name ne 'y'");
	});

	it('a value with quotes and " and " stays one value for SM\'s parser', () => {
		const tricky = "x' or name eq 'y";
		const predicates = parseFieldQuery(and(eq('name', tricky), onSmPlatform()).toString(), FIELDS);
		expect(predicates).toHaveLength(2);
		expect(predicates[0]).toMatchObject({ path: ['name'], op: 'eq', values: [tricky] });
		expect(matchesFields({ name: tricky, platform_id: 'service-manager' }, predicates)).toBe(true);
		expect(matchesFields({ name: 'y', platform_id: 'service-manager' }, predicates)).toBe(false);

		const sneaky = "a' and platform_id ne 'b";
		const one = parseFieldQuery(eq('name', sneaky).toString(), FIELDS);
		expect(one).toHaveLength(1);
		expect(one[0].values).toEqual([sneaky]);
	});

	it('label criteria and in-lists read back as written', () => {
		expect(parseLabelQuery(labelEq('team', "it's").toString())).toEqual([
			{ path: ['team'], op: 'eq', values: ["it's"] },
		]);
		expect(parseFieldQuery(isIn('service_plan_id', ['p1', "p'2"]).toString(), FIELDS)[0].values).toEqual(['p1', "p'2"]);
	});
});
